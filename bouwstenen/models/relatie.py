"""Typed links between building blocks."""

import reversion

from django.db import models
from django.db.models import F, Q

from bouwstenen.constants import (
    RelatieType,
)
from bouwstenen.models.bouwsteen import Bouwsteen
from core.constraints import CheckConstraint


@reversion.register()
class Relatie(models.Model):
    """A typed link from one building block to another."""

    van = models.ForeignKey(
        Bouwsteen,
        verbose_name="bouwsteen",
        on_delete=models.CASCADE,
        related_name="relaties_uit",
    )
    type = models.CharField("relatie", max_length=20, choices=RelatieType.choices)
    naar = models.ForeignKey(
        Bouwsteen,
        verbose_name="andere bouwsteen",
        on_delete=models.CASCADE,
        related_name="relaties_in",
    )

    class Meta:
        verbose_name = "relatie"
        verbose_name_plural = "relaties"
        ordering = ["type", "naar__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["van", "type", "naar"],
                name="bouwstenen_relatie_unique",
                violation_error_message="Deze relatie bestaat al.",
            ),
            CheckConstraint(
                condition=~Q(van=F("naar")),
                name="bouwstenen_relatie_not_to_itself",
                violation_error_message="Een bouwsteen kan geen relatie met zichzelf hebben.",
            ),
            CheckConstraint(
                condition=Q(type__in=RelatieType.values),
                name="bouwstenen_relatie_valid_type",
                violation_error_message="Onbekend soort relatie.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.van} {self.get_type_display()} {self.naar}"
