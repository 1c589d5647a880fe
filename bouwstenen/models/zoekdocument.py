"""The searchable text of a building block (written by ``bouwstenen.search``)."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models

from bouwstenen.models.bouwsteen import Bouwsteen


class Zoekdocument(models.Model):
    """The searchable text of one building block, kept up to date by ``bouwstenen.search``.

    The text columns hold the words as written (PostgreSQL folds and stems them into
    ``vector`` with its own Dutch configuration); the ``stam_`` columns hold the same
    text folded and stemmed in Python, which SQLite's FTS5 index reads. ``woorden`` keeps
    the words this block adds to the vocabulary (``Zoekwoord``): none unless published.
    ``trefwoorden`` (folded names) is no longer read.
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
    # Nullable: SQLite adds a nullable column in place, where any other would rebuild
    # the table and lose the FTS5 triggers on it (migration 0003).
    woorden = models.TextField(null=True, blank=True)  # noqa: DJ001 - see above
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


class Zoekwoord(models.Model):
    """A word of the published catalogue and how many published blocks use it.

    Kept by the search backend with the documents (``core.search.vocabulary``); search
    reads it to correct a misspelled word and to split compounds
    (``core.search.forgiving``), so a typo never makes it read the blocks.
    """

    woord = models.CharField(max_length=40, primary_key=True)
    stam = models.CharField(max_length=40, db_index=True)
    begin = models.CharField(max_length=1)
    lengte = models.PositiveSmallIntegerField()
    aantal = models.IntegerField(default=0)

    class Meta:
        verbose_name = "zoekwoord"
        verbose_name_plural = "zoekwoorden"
        indexes = [
            # The candidates for a misspelled word: its first letter, about its length.
            models.Index(fields=["begin", "lengte"], name="zoekwoord_begin_lengte"),
        ]

    def __str__(self) -> str:
        return self.woord
