"""Handing a building block over to another organisation."""

import uuid

import reversion

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import F, Q

from bouwstenen.constants import (
    OverdrachtStatus,
)
from bouwstenen.models.bouwsteen import Bouwsteen
from bouwstenen.models.text_rules import LONG_TEXT
from core.constraints import CheckConstraint
from registry.models import (
    Organisatie,
)


@reversion.register()
class Overdracht(models.Model):
    """Moving a block to another organisation: asked by one side, agreed by the other.

    Requested by a member of the owner (an offer) or of the receiving organisation (a
    claim); accepted by a publicist of the other side, or decided by a beheerder.
    """

    uuid = models.UUIDField("uuid", default=uuid.uuid4, unique=True, editable=False)
    bouwsteen = models.ForeignKey(
        Bouwsteen,
        verbose_name="bouwsteen",
        on_delete=models.CASCADE,
        related_name="overdrachten",
    )
    van = models.ForeignKey(
        Organisatie,
        verbose_name="van",
        on_delete=models.PROTECT,
        related_name="+",
    )
    naar = models.ForeignKey(
        Organisatie,
        verbose_name="naar",
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        "status",
        max_length=20,
        choices=OverdrachtStatus.choices,
        default=OverdrachtStatus.AANGEVRAAGD,
    )
    aangevraagd_namens = models.ForeignKey(
        Organisatie,
        verbose_name="aangevraagd namens",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="De kant die de overdracht vroeg; de andere kant beslist.",
    )
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="aangevraagd door",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    toelichting = models.TextField(
        "toelichting",
        blank=True,
        max_length=2000,
        validators=[MaxLengthValidator(2000), *LONG_TEXT],
    )
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="besloten door",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    besloten_op = models.DateTimeField("besloten op", null=True, blank=True)
    besluit_toelichting = models.TextField(
        "toelichting bij het besluit",
        blank=True,
        max_length=2000,
        validators=[MaxLengthValidator(2000), *LONG_TEXT],
    )
    aangemaakt_op = models.DateTimeField("aangevraagd op", auto_now_add=True)

    class Meta:
        verbose_name = "overdracht"
        verbose_name_plural = "overdrachten"
        ordering = ["-aangemaakt_op"]
        constraints = [
            CheckConstraint(
                condition=~Q(van=F("naar")),
                name="bouwstenen_overdracht_naar_andere_organisatie",
                violation_error_message="Een bouwsteen gaat naar een andere organisatie.",
            ),
            CheckConstraint(
                condition=Q(status__in=OverdrachtStatus.values),
                name="bouwstenen_overdracht_valid_status",
                violation_error_message="Ongeldige status.",
            ),
            models.UniqueConstraint(
                fields=["bouwsteen"],
                condition=Q(status=OverdrachtStatus.AANGEVRAAGD),
                name="bouwstenen_overdracht_een_open_per_bouwsteen",
                violation_error_message="Voor deze bouwsteen loopt al een overdracht.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bouwsteen}: {self.van} → {self.naar}"

    @property
    def is_open(self) -> bool:
        return self.status == OverdrachtStatus.AANGEVRAAGD
