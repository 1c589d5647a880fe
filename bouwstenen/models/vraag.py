"""Questions on a published block, the answers, and reports of either to a beheerder."""

import uuid

import reversion

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q

from bouwstenen.constants import MeldingReden, MeldingStatus, VraagStatus
from bouwstenen.models.bouwsteen import Bouwsteen
from bouwstenen.models.text_rules import LONG_TEXT, NAME
from core.constraints import CheckConstraint
from registry.constants import Publicatiestatus
from registry.models import Organisatie

TEKST_MAX = 10_000


class VraagQuerySet(models.QuerySet):
    def zichtbaar_voor(self, organisatie_ids):
        """Not hidden by a beheerder, on a published block, and public or between the
        asking and the owning organisation, one of which is in ``organisatie_ids``."""
        ids = list(organisatie_ids)
        return self.filter(
            Q(besloten=False)
            | Q(organisatie_id__in=ids)
            | Q(bouwsteen__organisatie_id__in=ids),
            verborgen=False,
            bouwsteen__publicatiestatus=Publicatiestatus.GEPUBLICEERD,
        )


@reversion.register()
class Vraag(models.Model):
    """A question a member of an organisation asks the owner of a published block.

    Public, or ``besloten``: then only members of the asking and the owning organisation
    ever see it. A beheerder can hide it (``verborgen``) after a report.
    """

    uuid = models.UUIDField("uuid", default=uuid.uuid4, unique=True, editable=False)
    bouwsteen = models.ForeignKey(
        Bouwsteen,
        verbose_name="bouwsteen",
        on_delete=models.CASCADE,
        related_name="vragen",
    )
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name="gesteld namens",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="De organisatie van wie de vraag stelt.",
    )
    gesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="gesteld door",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    titel = models.CharField("titel", max_length=200, validators=NAME)
    tekst = models.TextField(
        "vraag",
        max_length=TEKST_MAX,
        validators=[MaxLengthValidator(TEKST_MAX), *LONG_TEXT],
        help_text="De vraag in Markdown.",
    )
    besloten = models.BooleanField(
        "alleen voor de twee organisaties",
        default=False,
        help_text="Alleen leden van de vragende en de eigenaar zien deze vraag.",
    )
    status = models.CharField(
        "status",
        max_length=20,
        choices=VraagStatus.choices,
        default=VraagStatus.OPEN,
    )
    afgesloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="afgesloten door",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    afgesloten_op = models.DateTimeField("afgesloten op", null=True, blank=True)
    verborgen = models.BooleanField(
        "verborgen",
        default=False,
        help_text="Verborgen door een beheerder na een melding.",
    )
    aangemaakt_op = models.DateTimeField("gesteld op", auto_now_add=True)
    gewijzigd_op = models.DateTimeField("gewijzigd op", auto_now=True)

    objects = VraagQuerySet.as_manager()

    class Meta:
        verbose_name = "vraag"
        verbose_name_plural = "vragen"
        ordering = ["-aangemaakt_op", "-pk"]
        constraints = [
            CheckConstraint(
                condition=Q(status__in=VraagStatus.values),
                name="bouwstenen_vraag_valid_status",
                violation_error_message="Ongeldige status.",
            ),
        ]
        indexes = [
            # The block's page and its API list read its visible questions, newest first.
            models.Index(
                fields=["bouwsteen", "-aangemaakt_op"],
                condition=Q(verborgen=False),
                name="vraag_zichtbaar_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.titel

    @property
    def is_open(self) -> bool:
        return self.status == VraagStatus.OPEN


@reversion.register()
class Antwoord(models.Model):
    """An answer in a question's thread: from the owner, or the asker following up."""

    uuid = models.UUIDField("uuid", default=uuid.uuid4, unique=True, editable=False)
    vraag = models.ForeignKey(
        Vraag,
        verbose_name="vraag",
        on_delete=models.CASCADE,
        related_name="antwoorden",
    )
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name="namens",
        on_delete=models.PROTECT,
        related_name="+",
    )
    geschreven_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="geschreven door",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tekst = models.TextField(
        "antwoord",
        max_length=TEKST_MAX,
        validators=[MaxLengthValidator(TEKST_MAX), *LONG_TEXT],
        help_text="Het antwoord in Markdown.",
    )
    verborgen = models.BooleanField(
        "verborgen",
        default=False,
        help_text="Verborgen door een beheerder na een melding.",
    )
    aangemaakt_op = models.DateTimeField("geschreven op", auto_now_add=True)
    gewijzigd_op = models.DateTimeField("gewijzigd op", auto_now=True)

    class Meta:
        verbose_name = "antwoord op een vraag"
        verbose_name_plural = "antwoorden op vragen"
        ordering = ["aangemaakt_op", "pk"]
        indexes = [
            models.Index(
                fields=["vraag", "aangemaakt_op"],
                condition=Q(verborgen=False),
                name="antwoord_zichtbaar_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"Antwoord van {self.organisatie} op ‘{self.vraag}’"


@reversion.register()
class Melding(models.Model):
    """Someone reports a question or an answer; a beheerder hides it or keeps it."""

    vraag = models.ForeignKey(
        Vraag,
        verbose_name="vraag",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="meldingen",
    )
    antwoord = models.ForeignKey(
        Antwoord,
        verbose_name="antwoord",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="meldingen",
    )
    reden = models.CharField("reden", max_length=20, choices=MeldingReden.choices)
    toelichting = models.TextField(
        "toelichting",
        blank=True,
        max_length=2000,
        validators=[MaxLengthValidator(2000), *LONG_TEXT],
    )
    gemeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="gemeld door",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        "status",
        max_length=20,
        choices=MeldingStatus.choices,
        default=MeldingStatus.OPEN,
    )
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="beoordeeld door",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    beoordeeld_op = models.DateTimeField("beoordeeld op", null=True, blank=True)
    aangemaakt_op = models.DateTimeField("gemeld op", auto_now_add=True)

    class Meta:
        verbose_name = "melding"
        verbose_name_plural = "meldingen"
        ordering = ["-aangemaakt_op", "-pk"]
        constraints = [
            CheckConstraint(
                condition=(Q(vraag__isnull=False) & Q(antwoord__isnull=True))
                | (Q(vraag__isnull=True) & Q(antwoord__isnull=False)),
                name="bouwstenen_melding_one_message",
                violation_error_message="Een melding gaat over één vraag of één antwoord.",
            ),
            CheckConstraint(
                condition=Q(reden__in=MeldingReden.values),
                name="bouwstenen_melding_valid_reden",
                violation_error_message="Kies spam, persoonsgegevens of onjuist.",
            ),
            CheckConstraint(
                condition=Q(status__in=MeldingStatus.values),
                name="bouwstenen_melding_valid_status",
                violation_error_message="Ongeldige status.",
            ),
            models.UniqueConstraint(
                fields=["gemeld_door", "vraag"],
                name="bouwstenen_melding_unique_vraag",
                violation_error_message="U heeft deze vraag al gemeld.",
            ),
            models.UniqueConstraint(
                fields=["gemeld_door", "antwoord"],
                name="bouwstenen_melding_unique_antwoord",
                violation_error_message="U heeft dit antwoord al gemeld.",
            ),
        ]
        indexes = [
            # The beheerder's queue: the open reports, oldest first.
            models.Index(
                fields=["aangemaakt_op"],
                condition=Q(status=MeldingStatus.OPEN),
                name="melding_open_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"Melding ({self.get_reden_display().lower()}): {self.bericht}"

    @property
    def bericht(self):
        """The reported message: the question or the answer."""
        return self.vraag if self.vraag_id else self.antwoord
