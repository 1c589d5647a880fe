"""What keeps a published block alive: its links checked, and its owner reminded.

Neither changes the block: its version, its history and what the API says about it stay
as they were. The public page reads them when it is shown (a broken link, "mogelijk
verouderd"), so the stored representation does not depend on them.
"""

from django.db import models

from bouwstenen.constants import LinkVeld
from bouwstenen.models.bouwsteen import Bouwsteen
from core.constraints import CheckConstraint


class Linkcontrole(models.Model):
    """The last check of one link of a block: does it work, and since when not."""

    bouwsteen = models.ForeignKey(
        Bouwsteen,
        verbose_name="bouwsteen",
        on_delete=models.CASCADE,
        related_name="linkcontroles",
    )
    veld = models.CharField("veld", max_length=30, choices=LinkVeld.choices)
    url = models.CharField("URL", max_length=500)
    werkt = models.BooleanField("werkt")
    http_status = models.PositiveSmallIntegerField("HTTP-status", null=True)
    fout = models.CharField("wat er mis is", max_length=300, blank=True)
    gecontroleerd_op = models.DateTimeField("gecontroleerd op")
    kapot_sinds = models.DateTimeField(
        "werkt niet sinds",
        null=True,
        help_text="De eerste controle waarbij deze URL niet werkte; leeg als hij werkt.",
    )
    gemeld_op = models.DateTimeField(
        "eigenaar gemeld op",
        null=True,
        help_text="Wanneer de eigenaar hoorde dat deze URL niet werkt (één keer).",
    )

    class Meta:
        verbose_name = "linkcontrole"
        verbose_name_plural = "linkcontroles"
        constraints = [
            models.UniqueConstraint(
                fields=["bouwsteen", "veld"],
                name="bouwstenen_linkcontrole_unique_bouwsteen_veld",
                violation_error_message="Deze link van de bouwsteen is al gecontroleerd.",
            ),
            CheckConstraint(
                condition=models.Q(veld__in=LinkVeld.values),
                name="bouwstenen_linkcontrole_valid_veld",
                violation_error_message="Onbekend linkveld.",
            ),
        ]
        indexes = [
            # "Blocks with broken links": the few broken ones, by block.
            models.Index(
                fields=["bouwsteen"],
                name="bouwstenen_link_kapot_idx",
                condition=models.Q(kapot_sinds__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return f"{self.bouwsteen} – {self.get_veld_display()}"


class Herinnering(models.Model):
    """When the owner was last reminded that the block was not changed for a year."""

    bouwsteen = models.OneToOneField(
        Bouwsteen,
        verbose_name="bouwsteen",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="herinnering",
    )
    herinnerd_op = models.DateTimeField("herinnerd op")

    class Meta:
        verbose_name = "herinnering"
        verbose_name_plural = "herinneringen"

    def __str__(self) -> str:
        return f"{self.bouwsteen} (herinnerd)"
