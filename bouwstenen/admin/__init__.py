"""The admin of the building blocks: one module per model, the shared parts in ``base``."""

from bouwstenen.admin import (
    behoefte,
    bouwsteen,
    hergebruik,
    meldingen,
    overdracht,
    zoekvragen,
)

__all__ = [
    "behoefte",
    "bouwsteen",
    "hergebruik",
    "meldingen",
    "overdracht",
    "zoekvragen",
]
