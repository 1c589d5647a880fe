"""The searchable text of a building block (written by ``bouwstenen.search``)."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models

from bouwstenen.models.bouwsteen import Bouwsteen


class Zoekdocument(models.Model):
    """The searchable text of one building block, kept up to date by ``bouwstenen.search``.

    The text columns hold the words as written (PostgreSQL folds and stems them into
    ``vector`` with its own Dutch configuration); the ``stam_`` columns hold the same
    text folded and stemmed in Python, which SQLite's FTS5 index reads. ``trefwoorden``
    (folded names) serves typo-tolerant matching and suggestions.
    """

    bouwsteen = models.OneToOneField(
        Bouwsteen,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="zoekdocument",
    )
    naam = models.TextField(blank=True)
    samenvatting = models.TextField(blank=True)
    beschrijving = models.TextField(blank=True)
    context = models.TextField(blank=True)
    trefwoorden = models.TextField(blank=True)
    stam_naam = models.TextField(blank=True)
    stam_samenvatting = models.TextField(blank=True)
    stam_beschrijving = models.TextField(blank=True)
    stam_context = models.TextField(blank=True)
    vector = SearchVectorField(null=True)
    # naam and samenvatting only (PostgreSQL): small enough to stay in the row, so ranking
    # a common word does not unpack every block's full vector (docs/performance.md).
    vector_kort = SearchVectorField(null=True)

    class Meta:
        verbose_name = "zoekdocument"
        verbose_name_plural = "zoekdocumenten"

    def __str__(self) -> str:
        return self.naam
