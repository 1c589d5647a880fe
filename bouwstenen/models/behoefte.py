"""The needs board: what an organisation is looking for, and who else needs it ("wij ook")."""

import uuid

import reversion

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q

from bouwstenen.constants import Levensfase
from bouwstenen.models.bouwsteen import Bouwsteen
from bouwstenen.models.text_rules import LONG_TEXT, NAME
from core.constraints import CheckConstraint
from core.fields import RegistrySlugField
from registry.constants import Publicatiestatus
from registry.models import Laag, Organisatie, Publiceerbaar, Thema

BEHOEFTE_BESCHRIJVING_MAX_LENGTH = 20_000
TOELICHTING_MAX_LENGTH = 2_000


@reversion.register()
class Behoefte(Publiceerbaar):
    """A need an organisation posts ("wij zoeken ..."), reviewed like a block.

    Published, it does not change any more: others join what it says ("wij ook"), so
    it stays as they read it. It is closed when a published block answers it.
    """

    uuid = models.UUIDField("uuid", default=uuid.uuid4, unique=True, editable=False)
    titel = models.CharField(
        "titel",
        max_length=200,
        validators=NAME,
        help_text="Wat zoekt u, in een paar woorden, zoals ‘Dashboard wachttijden "
        "jeugdzorg per wijk’.",
    )
    slug = RegistrySlugField(
        "slug",
        max_length=200,
        unique=True,
        help_text="Het laatste deel van het webadres; leeg laten maakt er een van de titel.",
        error_messages={"unique": "Deze slug is al in gebruik. Kies een andere."},
    )
    beschrijving = models.TextField(
        "beschrijving",
        max_length=BEHOEFTE_BESCHRIJVING_MAX_LENGTH,
        validators=[MaxLengthValidator(BEHOEFTE_BESCHRIJVING_MAX_LENGTH), *LONG_TEXT],
        help_text="Wat moet het kunnen, voor wie, en waarom, in Markdown.",
    )
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name="organisatie",
        on_delete=models.PROTECT,
        related_name="behoeften",
        help_text="De organisatie die dit zoekt.",
    )
    themas = models.ManyToManyField(
        Thema, verbose_name="thema's", related_name="behoeften", blank=True
    )
    lagen = models.ManyToManyField(
        Laag,
        verbose_name="Common Ground-lagen",
        related_name="behoeften",
        blank=True,
        help_text="In welke laag of lagen het zou moeten werken, als u dat al weet.",
    )
    levensfase = models.CharField(
        "gewenste levensfase",
        max_length=20,
        choices=Levensfase.choices,
        blank=True,
        help_text="Hoe ver het al mag zijn: een idee om samen uit te werken, of iets "
        "wat al in productie draait.",
    )
    contact_naam = models.CharField(
        "naam contactpunt", max_length=200, blank=True, validators=NAME
    )
    contact_email = models.EmailField("e-mail contactpunt", blank=True)
    beantwoord_door = models.ForeignKey(
        Bouwsteen,
        verbose_name="beantwoord door",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="beantwoorde_behoeften",
        editable=False,
        help_text="De gepubliceerde bouwsteen die deze behoefte invult.",
    )
    gesloten_op = models.DateTimeField("gesloten op", null=True, blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="aangemaakt door",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)
    gewijzigd_op = models.DateTimeField("gewijzigd op", auto_now=True)

    class Meta(Publiceerbaar.Meta):
        verbose_name = "behoefte"
        verbose_name_plural = "behoeften"
        ordering = ["-aangemaakt_op", "-pk"]
        constraints = [
            *Publiceerbaar.Meta.constraints,
            CheckConstraint(
                condition=Q(levensfase="") | Q(levensfase__in=Levensfase.values),
                name="bouwstenen_behoefte_valid_levensfase",
                violation_error_message="Ongeldige levensfase.",
            ),
            CheckConstraint(
                condition=Q(beantwoord_door__isnull=True, gesloten_op__isnull=True)
                | Q(beantwoord_door__isnull=False, gesloten_op__isnull=False),
                name="bouwstenen_behoefte_gesloten_met_bouwsteen",
                violation_error_message="Een gesloten behoefte noemt de bouwsteen die "
                "haar beantwoordt.",
            ),
        ]
        indexes = [
            # The board: published needs, newest first.
            models.Index(
                fields=["publicatiestatus", "-gepubliceerd_op"],
                name="behoefte_status_pub_idx",
            ),
            # Throttling counts a member's recent needs.
            models.Index(
                fields=["aangemaakt_door", "aangemaakt_op"],
                name="behoefte_door_op_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.titel

    @property
    def is_gesloten(self) -> bool:
        return self.gesloten_op is not None

    def publication_problems(self) -> dict[str, list[str]]:
        """What a public need must say before it is published (empty when ready)."""
        problems: dict[str, list[str]] = {}
        if not self.beschrijving.strip():
            problems["beschrijving"] = ["Beschrijf wat u zoekt en waarvoor."]
        if not self.themas.exists():
            problems["themas"] = ["Kies minstens één thema (maatschappelijke opgave)."]
        if not (self.contact_naam.strip() and self.contact_email.strip()):
            problems["contact_email"] = [
                "Vul een contactpunt in (naam en e-mail), zodat anderen u kunnen vinden."
            ]
        return problems

    @property
    def status_label(self) -> str:
        if self.is_gesloten:
            return "gesloten"
        if self.publicatiestatus == Publicatiestatus.GEPUBLICEERD:
            return "open"
        return self.get_publicatiestatus_display().lower()


@reversion.register()
class Deelname(models.Model):
    """ "Wij ook": another organisation needs the same, once per organisation."""

    behoefte = models.ForeignKey(
        Behoefte,
        verbose_name="behoefte",
        on_delete=models.CASCADE,
        related_name="deelnames",
    )
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name="organisatie",
        on_delete=models.PROTECT,
        related_name="deelnames",
    )
    toelichting = models.TextField(
        "toelichting",
        blank=True,
        max_length=TOELICHTING_MAX_LENGTH,
        validators=[MaxLengthValidator(TOELICHTING_MAX_LENGTH), *LONG_TEXT],
        help_text="Wat uw organisatie er anders of extra aan nodig heeft (Markdown).",
    )
    contact_naam = models.CharField(
        "naam contactpunt", max_length=200, blank=True, validators=NAME
    )
    contact_email = models.EmailField("e-mail contactpunt", blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="aangemaakt door",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)

    class Meta:
        verbose_name = "deelname"
        verbose_name_plural = "deelnames"
        ordering = ["aangemaakt_op", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["behoefte", "organisatie"],
                name="bouwstenen_deelname_unique_organisatie",
                violation_error_message="Deze organisatie heeft zich al bij deze "
                "behoefte aangesloten.",
            ),
        ]
        indexes = [
            models.Index(
                fields=["aangemaakt_door", "aangemaakt_op"],
                name="deelname_door_op_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisatie} – {self.behoefte}"
