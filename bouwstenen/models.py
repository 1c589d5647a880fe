"""The building blocks and everything about them."""

import uuid

import reversion

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from bouwstenen.constants import (
    BESCHRIJVING_MAX_LENGTH,
    SAMENVATTING_MAX_LENGTH,
    Antwoord,
    HergebruikStadium,
    HergebruikStatus,
    Levensfase,
    OverdrachtStatus,
    RelatieType,
    Soort,
    Voorwaarde,
    Vorm,
)
from bouwstenen.validators import normalise_spdx, validate_spdx
from core.fields import RegistrySlugField, WebURLField
from core.validators import (
    validate_long_text,
    validate_single_line,
    validate_visible,
)
from registry.constants import Publicatiestatus
from registry.models import (
    Beoordeelbaar,
    Laag,
    Organisatie,
    Publiceerbaar,
    Referentiecomponent,
    Thema,
)

SINGLE_LINE = [validate_single_line]
NAME = [validate_single_line, validate_visible]
LONG_TEXT = [validate_long_text]


@reversion.register()
class Bouwsteen(Publiceerbaar):
    uuid = models.UUIDField("uuid", default=uuid.uuid4, unique=True, editable=False)
    naam = models.CharField(
        "naam",
        max_length=200,
        validators=NAME,
        help_text="Zeg wat het is, zoals ‘Jeugdzorgdashboard instroom en doorlooptijden’.",
    )
    slug = RegistrySlugField(
        "slug",
        max_length=200,
        unique=True,
        help_text="Het laatste deel van het webadres, bijvoorbeeld jeugdzorgdashboard-instroom.",
        # The same words whoever holds the slug: a draft of another organisation is
        # not revealed by name, owner or status.
        error_messages={"unique": "Deze slug is al in gebruik. Kies een andere."},
    )
    soort = models.CharField("soort", max_length=20, choices=Soort.choices)
    vorm = models.CharField(
        "vorm",
        max_length=20,
        choices=Vorm.choices,
        blank=True,
        help_text="Alleen voor een datatoepassing: dashboard, model, datapijplijn, API, dataset of softwarecomponent.",
    )
    samenvatting = models.TextField(
        "samenvatting",
        max_length=SAMENVATTING_MAX_LENGTH,
        validators=[MaxLengthValidator(SAMENVATTING_MAX_LENGTH), *LONG_TEXT],
        help_text="Eén of twee zinnen platte tekst: wat is het en wat levert het op.",
    )
    beschrijving = models.TextField(
        "beschrijving",
        blank=True,
        max_length=BESCHRIJVING_MAX_LENGTH,
        validators=[MaxLengthValidator(BESCHRIJVING_MAX_LENGTH), *LONG_TEXT],
        help_text="Uitgebreide beschrijving in Markdown: werking, gebruikte data, resultaten, hergebruik.",
    )
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name="organisatie",
        on_delete=models.PROTECT,
        related_name="bouwstenen",
        help_text="De organisatie die de bouwsteen publiceert en beheert.",
    )
    levensfase = models.CharField(
        "levensfase",
        max_length=20,
        choices=Levensfase.choices,
        default=Levensfase.IDEE,
        help_text="Idee, pilot, opschaling, productie (in beheer) of uitgefaseerd.",
    )
    themas = models.ManyToManyField(
        Thema,
        verbose_name="thema's",
        related_name="bouwstenen",
        blank=True,
        help_text="De maatschappelijke opgave(n) waarvoor de bouwsteen is gemaakt.",
    )
    referentiecomponenten = models.ManyToManyField(
        Referentiecomponent,
        verbose_name="referentiecomponenten",
        related_name="bouwstenen",
        blank=True,
        help_text="De GEMMA-referentiecomponenten die de bouwsteen invult of gebruikt.",
    )
    lagen = models.ManyToManyField(
        Laag,
        verbose_name="Common Ground-lagen",
        related_name="bouwstenen",
        blank=True,
        help_text="In welke laag of lagen van Common Ground de bouwsteen werkt.",
    )
    licentie = models.CharField(
        "licentie",
        max_length=200,
        validators=[validate_spdx],
        help_text="SPDX-identificatie of -expressie, bijvoorbeeld EUPL-1.2 of EUPL-1.2 OR MIT.",
    )
    leverancier = models.CharField(
        "leverancier",
        max_length=300,
        blank=True,
        validators=SINGLE_LINE,
        help_text="Een leverancier of andere partij die geen overheidsorganisatie in het register is (uit legal.repoOwner van een publiccode.yml); alleen ter informatie, nooit de eigenaar.",
    )
    repository_url = WebURLField(
        "repository",
        max_length=500,
        blank=True,
        help_text="Waar de broncode staat, bijvoorbeeld https://github.com/organisatie/project.",
    )
    documentatie_url = WebURLField("documentatie", max_length=500, blank=True)
    demo_url = WebURLField("demo", max_length=500, blank=True)
    website_url = WebURLField("website", max_length=500, blank=True)
    contact_naam = models.CharField(
        "naam contactpunt",
        max_length=200,
        blank=True,
        validators=NAME,
        help_text="Bij voorkeur een team of functie, zoals ‘Team Datalab’, niet één persoon.",
    )
    contact_email = models.EmailField(
        "e-mail contactpunt",
        blank=True,
        help_text="Een functioneel adres dat blijft werken als mensen van baan wisselen.",
    )
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)
    gewijzigd_op = models.DateTimeField("gewijzigd op", auto_now=True)

    # Provenance, written only by bouwstenen.interop (import and harvest), never in a
    # form. A block with a ``bron_register`` was harvested from another registry and is
    # read-only here: the source keeps it up to date.
    bron_register = models.URLField(
        "bronregister",
        max_length=500,
        blank=True,
        editable=False,
        help_text="Het register waaruit deze bouwsteen is geoogst; leeg voor eigen bouwstenen.",
    )
    bron_url = models.URLField(
        "bron",
        max_length=500,
        blank=True,
        editable=False,
        help_text="Waar de bouwsteen vandaan komt: het record in het bronregister of de URL van het publiccode.yml-bestand.",
    )
    bron_uuid = models.UUIDField(
        "uuid in het bronregister",
        null=True,
        blank=True,
        editable=False,
    )
    laatst_geoogst_op = models.DateTimeField(
        "laatst geoogst op", null=True, blank=True, editable=False
    )
    bron_vingerafdruk = models.CharField(
        "vingerafdruk bij import",
        max_length=64,
        blank=True,
        editable=False,
        help_text=(
            "Hash van de inhoud zoals die het laatst werd geïmporteerd of geoogst; "
            "wijkt af zodra iemand de bouwsteen hier bewerkt."
        ),
    )

    class Meta(Publiceerbaar.Meta):
        verbose_name = "bouwsteen"
        verbose_name_plural = "bouwstenen"
        ordering = ["naam"]
        constraints = [
            *Publiceerbaar.Meta.constraints,
            models.CheckConstraint(
                condition=Q(soort__in=Soort.values),
                name="bouwstenen_bouwsteen_valid_soort",
                violation_error_message="Ongeldige soort.",
            ),
            models.CheckConstraint(
                condition=Q(levensfase__in=Levensfase.values),
                name="bouwstenen_bouwsteen_valid_levensfase",
                violation_error_message="Ongeldige levensfase.",
            ),
            models.CheckConstraint(
                condition=Q(vorm="")
                | Q(soort=Soort.DATATOEPASSING, vorm__in=Vorm.values),
                name="bouwstenen_bouwsteen_vorm_only_for_datatoepassing",
                violation_error_message="Alleen een datatoepassing heeft een vorm.",
            ),
            models.CheckConstraint(
                condition=~Q(licentie=""),
                name="bouwstenen_bouwsteen_licentie_required",
                violation_error_message="Vul een licentie in.",
            ),
            models.UniqueConstraint(
                fields=["bron_register", "bron_uuid"],
                condition=~Q(bron_register=""),
                name="bouwstenen_bouwsteen_unique_bron",
                violation_error_message="Deze bouwsteen uit dit bronregister is al geoogst.",
            ),
            models.CheckConstraint(
                condition=Q(bron_register="") | Q(bron_uuid__isnull=False),
                name="bouwstenen_bouwsteen_geoogst_has_bron_uuid",
                violation_error_message="Een geoogste bouwsteen heeft een uuid in het bronregister.",
            ),
        ]
        indexes = [
            models.Index(
                fields=["publicatiestatus", "-gepubliceerd_op"],
                name="bouwsteen_status_pub_idx",
            ),
            models.Index(fields=["soort"], name="bouwsteen_soort_idx"),
            models.Index(fields=["levensfase"], name="bouwsteen_levensfase_idx"),
            models.Index(fields=["licentie"], name="bouwsteen_licentie_idx"),
            models.Index(fields=["-gewijzigd_op"], name="bouwsteen_gewijzigd_idx"),
            # The default order of the list and the catalogue: the first page comes
            # straight from the index instead of sorting every published block.
            models.Index(fields=["naam", "id"], name="bouwsteen_naam_id_idx"),
            # What anonymous readers see: counting a search joins the matches with the
            # published ids, read from this small index instead of the wide table.
            models.Index(
                fields=["id"],
                condition=Q(publicatiestatus=Publicatiestatus.GEPUBLICEERD),
                name="bouwsteen_gepubliceerd_idx",
            ),
            # The importer finds a block again by its repository (idempotent import).
            models.Index(fields=["repository_url"], name="bouwsteen_repository_idx"),
        ]

    def __str__(self) -> str:
        return self.naam

    @property
    def is_geoogst(self) -> bool:
        """Harvested from another registry: read-only here, the source keeps it current."""
        return bool(self.bron_register)

    @property
    def is_alleen_lezen(self) -> bool:
        return self.is_geoogst

    @property
    def werkversie(self) -> "BouwsteenConcept | None":
        """The concept of changes to this published block, if someone started one."""
        try:
            return self.concept
        except ObjectDoesNotExist:
            return None

    def forget_concept(self) -> None:
        """After the concept was published or thrown away: ask the database again."""
        self._state.fields_cache.pop("concept", None)

    @property
    def bewerkstatus(self) -> str:
        """The status of what a change touches: a published block is changed through its
        concept, which is a draft until it is submitted (``registry.permissions``)."""
        if not self.is_published:
            return self.publicatiestatus
        werkversie = self.werkversie
        return werkversie.publicatiestatus if werkversie else Publicatiestatus.CONCEPT

    def publication_problems(self) -> dict[str, list[str]]:
        """What a public page needs that is still missing, per field (empty when ready)."""
        problems: dict[str, list[str]] = {}
        if not self.beschrijving.strip():
            problems["beschrijving"] = [
                "Beschrijf de bouwsteen: werking, data en resultaten."
            ]
        if not self.themas.exists():
            problems["themas"] = ["Kies minstens één thema (maatschappelijke opgave)."]
        if not self.lagen.exists():
            problems["lagen"] = ["Kies minstens één Common Ground-laag."]
        if not (self.contact_naam.strip() and self.contact_email.strip()):
            problems["contact_email"] = [
                "Vul een contactpunt in (naam en e-mail), zodat anderen u kunnen vinden."
            ]
        return problems

    def clean(self) -> None:
        errors = {}
        if self.vorm and self.soort != Soort.DATATOEPASSING:
            errors["vorm"] = (
                "Alleen een datatoepassing heeft een vorm; laat dit veld leeg."
            )
        if self.licentie:
            try:
                self.licentie = normalise_spdx(self.licentie)
            except ValidationError as exc:
                errors["licentie"] = exc.messages
        if errors:
            raise ValidationError(errors)


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
            models.CheckConstraint(
                condition=Q(stadium__in=HergebruikStadium.values),
                name="bouwstenen_hergebruik_valid_stadium",
                violation_error_message="Ongeldig stadium.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=HergebruikStatus.values),
                name="bouwstenen_hergebruik_valid_status",
                violation_error_message="Ongeldige status.",
            ),
            models.CheckConstraint(
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
            models.CheckConstraint(
                condition=Q(voorwaarde__in=Voorwaarde.values),
                name="bouwstenen_opschalingsantwoord_valid_voorwaarde",
                violation_error_message="Onbekende voorwaarde.",
            ),
            models.CheckConstraint(
                condition=Q(antwoord__in=Antwoord.values),
                name="bouwstenen_opschalingsantwoord_valid_antwoord",
                violation_error_message="Het antwoord is ja, deels, nee of n.v.t.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_voorwaarde_display()}: {self.get_antwoord_display()}"


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
            models.CheckConstraint(
                condition=~Q(van=F("naar")),
                name="bouwstenen_relatie_not_to_itself",
                violation_error_message="Een bouwsteen kan geen relatie met zichzelf hebben.",
            ),
            models.CheckConstraint(
                condition=Q(type__in=RelatieType.values),
                name="bouwstenen_relatie_valid_type",
                violation_error_message="Onbekend soort relatie.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.van} {self.get_type_display()} {self.naar}"


@reversion.register()
class BouwsteenConcept(Beoordeelbaar):
    """Changes to a published block that nobody else has published yet.

    The published block stays public, unchanged, while its members work on this concept;
    a second person publishes it (``services.bouwsteen_transition``), and only then do
    the changes become the public block. ``inhoud`` holds the whole content as it would
    be published (``services.content``). A subject of the workflow like the block itself.
    """

    is_werkversie = True

    bouwsteen = models.OneToOneField(
        Bouwsteen,
        verbose_name="bouwsteen",
        on_delete=models.CASCADE,
        related_name="concept",
    )
    inhoud = models.JSONField("inhoud")
    publicatiestatus = models.CharField(
        "status",
        max_length=20,
        choices=[
            (Publicatiestatus.CONCEPT, Publicatiestatus.CONCEPT.label),
            (Publicatiestatus.TER_BEOORDELING, Publicatiestatus.TER_BEOORDELING.label),
        ],
        default=Publicatiestatus.CONCEPT,
    )
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)
    gewijzigd_op = models.DateTimeField("gewijzigd op", auto_now=True)

    class Meta:
        verbose_name = "concept van een gepubliceerde bouwsteen"
        verbose_name_plural = "concepten van gepubliceerde bouwstenen"
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    publicatiestatus__in=[
                        Publicatiestatus.CONCEPT,
                        Publicatiestatus.TER_BEOORDELING,
                    ]
                ),
                name="bouwstenen_bouwsteenconcept_valid_status",
                violation_error_message="Een concept is concept of ter beoordeling.",
            )
        ]

    def __str__(self) -> str:
        return f"Concept van {self.bouwsteen}"

    @property
    def onderwerp(self) -> str:
        return self.bouwsteen.onderwerp

    @property
    def organisatie_id(self) -> int:
        return self.bouwsteen.organisatie_id


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
            models.CheckConstraint(
                condition=~Q(van=F("naar")),
                name="bouwstenen_overdracht_naar_andere_organisatie",
                violation_error_message="Een bouwsteen gaat naar een andere organisatie.",
            ),
            models.CheckConstraint(
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
