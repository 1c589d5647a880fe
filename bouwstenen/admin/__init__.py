"""The admin of the building blocks: one module per model, the shared parts in ``base``."""

from bouwstenen.admin import bouwsteen, hergebruik, overdracht, zoekvragen

__all__ = ["bouwsteen", "hergebruik", "overdracht", "zoekvragen"]
