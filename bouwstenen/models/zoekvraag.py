"""What people search for and do not find, counted per day (issue 18)."""

from django.db import models


class GemisteZoekvraag(models.Model):
    """A search that found nothing in the whole catalogue, and how often it was asked on
    one day. Nothing about who asked: no user, no address, no session; the words folded
    and trimmed as the search reads them. Kept twelve months
    (``bouwstenen.services.zoekvragen``)."""

    dag = models.DateField()
    zoekvraag = models.CharField(max_length=200)
    aantal = models.PositiveIntegerField(default=0)

    # Counted by anonymous reads and never shown to who searched: the count does not make
    # the searcher a writer who must read from the primary (core.db_router).
    written_unseen = True

    class Meta:
        verbose_name = "zoekvraag zonder resultaat"
        verbose_name_plural = "zoekvragen zonder resultaat"
        ordering = ["-dag", "-aantal", "zoekvraag"]
        constraints = [
            models.UniqueConstraint(
                fields=["dag", "zoekvraag"],
                name="%(app_label)s_%(class)s_unique_dag_zoekvraag",
            )
        ]

    def __str__(self) -> str:
        return f"{self.zoekvraag} ({self.dag}: {self.aantal}×)"
