"""The public representation of a building block, stored (written by ``bouwstenen.weergave``)."""

from django.db import models

from bouwstenen.models.bouwsteen import Bouwsteen


class Weergave(models.Model):
    """What the API answers about one block to a reader without a role, rendered once.

    A list item and the detail are JSON exactly as the API's serializers write them,
    except that the API's own URLs are stored as paths: a read puts its scheme and host
    in front. The reuse figures and the score are stored beside them, so the list and
    the catalogue's cards sort, filter and show them without computing them for every
    block on every request. The block's publiccode.yml (the export's default version)
    is stored too, so the export is read like the detail. The
    write door re-renders a block whenever something it shows changes
    (``bouwstenen.weergave.sync``); ``rebuild_representations`` checks them all.
    """

    bouwsteen = models.OneToOneField(
        Bouwsteen,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="weergave",
    )
    lijst = models.TextField(help_text="Het lijstitem, als JSON.")
    detail = models.TextField(help_text="De volledige bouwsteen, als JSON.")
    etag = models.CharField(max_length=120, help_text="De ETag van het detail.")
    # Null and empty mean different things: not rendered yet (rows from before this
    # column, which post_migrate fills) and not to be stored (see the help text).
    publiccode = models.TextField(  # noqa: DJ001
        null=True,
        blank=True,
        help_text=(
            "De publiccode.yml zoals de export hem zonder gevraagde versie geeft, met "
            "een plaatshouder voor de host van het register; leeg als die niet "
            "eenduidig te vervangen is (dan wordt hij per verzoek gemaakt), null als "
            "hij nog niet gemaakt is."
        ),
    )
    hergebruik_in_gebruik = models.PositiveIntegerField(default=0)
    hergebruik_pilot = models.PositiveIntegerField(default=0)
    hergebruik_actief = models.PositiveIntegerField(default=0)
    opschalingsscore = models.FloatField(null=True, blank=True)
    gerenderd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "opgeslagen weergave"
        verbose_name_plural = "opgeslagen weergaven"

    def __str__(self) -> str:
        return f"weergave van bouwsteen {self.bouwsteen_id}"
