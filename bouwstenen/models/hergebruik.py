"""Reuse of a building block by other organisations, and the opschalingscheck."""

import uuid

import reversion

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from bouwstenen.constants import (
    Antwoord,
    HergebruikStadium,
    HergebruikStatus,
    Voorwaarde,
)
from bouwstenen.models.bouwsteen import Bouwsteen
from bouwstenen.models.text_rules import LONG_TEXT, NAME, SINGLE_LINE
from core.constraints import CheckConstraint
from core.fields import WebURLField
from registry.models import (
    Organisatie,
)


class HergebruikQuerySet(models.QuerySet):
    def bevestigd(self):
        """What the reusing organisation said itself: the only reuse that counts."""
        return self.filter(status=HergebruikStatus.BEVESTIGD)

    def gemeld(self):
        return self.filter(status=HergebruikStatus.GEMELD)


@reversion.register()
class Hergebruik(models.Model):
    """One organisation's reuse of a building block.

    Recorded by that organisation (``bevestigd``), or reported by someone else (a
    ``usedBy`` line, the owner) and then ``gemeld`` until a member of the organisation
    confirms or rejects it. Only confirmed reuse is counted, anywhere.
    """

    uuid = models.UUIDField("uuid", default=uuid.uuid4, unique=True, editable=False)
    bouwsteen = models.ForeignKey(
        Bouwsteen,
        verbose_name="bouwsteen",
        on_delete=models.CASCADE,
        related_name="hergebruik",
    )
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name="organisatie",
        on_delete=models.PROTECT,
        related_name="hergebruik",
        help_text="De organisatie die de bouwsteen (her)gebruikt.",
    )
    stadium = models.CharField(
        "stadium",
        max_length=20,
        choices=HergebruikStadium.choices,
        default=HergebruikStadium.INTERESSE,
        help_text="Interesse, verkenning, pilot, in gebruik of gestopt.",
    )
    sinds = models.DateField("sinds", null=True, blank=True)
    ervaring = models.TextField(
        "ervaring",
        blank=True,
        max_length=20_000,
        validators=[MaxLengthValidator(20_000), *LONG_TEXT],
        help_text="Uw verhaal in Markdown: wat ging goed, wat moest u aanpassen, wat raadt u anderen aan?",
    )
    resultaten = models.TextField(
        "resultaten",
        blank=True,
        max_length=20_000,
        validators=[MaxLengthValidator(20_000), *LONG_TEXT],
        help_text="Wat heeft het opgeleverd? Liefst concreet en meetbaar.",
    )
    contact_naam = models.CharField(
        "naam contactpunt", max_length=200, blank=True, validators=NAME
    )
    contact_email = models.EmailField("e-mail contactpunt", blank=True)
    status = models.CharField(
        "status",
        max_length=20,
        choices=HergebruikStatus.choices,
        default=HergebruikStatus.BEVESTIGD,
        help_text="Bevestigd door de hergebruikende organisatie, of gemeld door een ander en nog niet bevestigd.",
    )
    gemeld_namens = models.ForeignKey(
        Organisatie,
        verbose_name="gemeld door",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="De organisatie die dit hergebruik meldde (leeg als de hergebruiker het zelf vastlegde).",
    )
    gemeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="gemeld door (gebruiker)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    gemeld_op = models.DateTimeField("gemeld op", null=True, blank=True)
    melding_bron = models.CharField(
        "bron van de melding",
        max_length=200,
        blank=True,
        validators=SINGLE_LINE,
        help_text="Waar de melding vandaan komt, zoals ‘publiccode.yml (usedBy)’.",
    )
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="bevestigd of afgewezen door",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    beoordeeld_op = models.DateTimeField(
        "bevestigd of afgewezen op", null=True, blank=True
    )
    afwijzing_reden = models.TextField(
        "reden van afwijzing",
        blank=True,
        max_length=2000,
        validators=[MaxLengthValidator(2000), *LONG_TEXT],
    )
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)
    gewijzigd_op = models.DateTimeField("gewijzigd op", auto_now=True)

    objects = HergebruikQuerySet.as_manager()

    class Meta:
        verbose_name = "hergebruik"
        verbose_name_plural = "hergebruik"
        ordering = ["-gewijzigd_op"]
        constraints = [
            models.UniqueConstraint(
                fields=["bouwsteen", "organisatie"],
                name="bouwstenen_hergebruik_unique_bouwsteen_organisatie",
                violation_error_code="unique",
                violation_error_message=(
                    "Deze organisatie heeft hergebruik van deze bouwsteen al vastgelegd. "
                    "Werk dat bestaande record bij."
                ),
            ),
            CheckConstraint(
                condition=Q(stadium__in=HergebruikStadium.values),
                name="bouwstenen_hergebruik_valid_stadium",
                violation_error_message="Ongeldig stadium.",
            ),
            CheckConstraint(
                condition=Q(status__in=HergebruikStatus.values),
                name="bouwstenen_hergebruik_valid_status",
                violation_error_message="Ongeldige status.",
            ),
            CheckConstraint(
                condition=Q(status=HergebruikStatus.BEVESTIGD)
                | Q(gemeld_op__isnull=False),
                name="bouwstenen_hergebruik_gemeld_has_date",
                violation_error_message="Gemeld hergebruik heeft een meldingsdatum.",
            ),
        ]
        indexes = [
            # The counts on every list and page read confirmed reuse only.
            models.Index(
                fields=["bouwsteen", "stadium"],
                condition=Q(status=HergebruikStatus.BEVESTIGD),
                name="hergebruik_bevestigd_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisatie} – {self.bouwsteen}"

    @property
    def is_bevestigd(self) -> bool:
        return self.status == HergebruikStatus.BEVESTIGD

    @property
    def is_gemeld(self) -> bool:
        return self.status == HergebruikStatus.GEMELD

    def clean(self) -> None:
        errors = {}
        if (
            self.bouwsteen_id
            and self.organisatie_id
            and self.bouwsteen.organisatie_id == self.organisatie_id
        ):
            errors["organisatie"] = (
                "Een organisatie legt geen hergebruik vast van haar eigen bouwsteen."
            )
        if self.sinds and self.sinds > timezone.localdate():
            errors["sinds"] = "‘Sinds’ ligt in de toekomst; kies vandaag of eerder."
        if errors:
            raise ValidationError(errors)


@reversion.register()
class Opschalingsantwoord(models.Model):
    """One answer of the opschalingscheck: is this precondition for scaling in place?"""

    bouwsteen = models.ForeignKey(
        Bouwsteen,
        verbose_name="bouwsteen",
        on_delete=models.CASCADE,
        related_name="opschalingsantwoorden",
    )
    voorwaarde = models.CharField(
        "voorwaarde", max_length=40, choices=Voorwaarde.choices
    )
    antwoord = models.CharField("antwoord", max_length=8, choices=Antwoord.choices)
    toelichting = models.TextField(
        "toelichting",
        blank=True,
        max_length=5000,
        validators=[MaxLengthValidator(5000), *LONG_TEXT],
        help_text="Hoe is het geregeld, of wat ontbreekt nog?",
    )
    bewijs_url = WebURLField(
        "bewijs",
        max_length=500,
        blank=True,
        help_text="Een link naar het bewijs, zoals de DPIA of het beheerplan.",
    )

    class Meta:
        verbose_name = "antwoord in de opschalingscheck"
        verbose_name_plural = "opschalingscheck"
        ordering = ["bouwsteen", "voorwaarde"]
        constraints = [
            models.UniqueConstraint(
                fields=["bouwsteen", "voorwaarde"],
                name="bouwstenen_opschalingsantwoord_unique_voorwaarde",
                violation_error_message="Deze voorwaarde is voor deze bouwsteen al beantwoord.",
            ),
            CheckConstraint(
                condition=Q(voorwaarde__in=Voorwaarde.values),
                name="bouwstenen_opschalingsantwoord_valid_voorwaarde",
                violation_error_message="Onbekende voorwaarde.",
            ),
            CheckConstraint(
                condition=Q(antwoord__in=Antwoord.values),
                name="bouwstenen_opschalingsantwoord_valid_antwoord",
                violation_error_message="Het antwoord is ja, deels, nee of n.v.t.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_voorwaarde_display()}: {self.get_antwoord_display()}"
