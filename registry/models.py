"""The shared core: organisations, memberships, taxonomies and the publication fields."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language

from core.constraints import CheckConstraint
from core.expressions import Inline
from core.validators import validate_long_text
from registry.constants import CommonGroundLaag, OrganisatieSoort, Publicatiestatus, Rol


def _choices_check(field: str, choices: type[models.TextChoices], name: str):
    return CheckConstraint(
        condition=Q(**{f"{field}__in": choices.values}),
        name=name,
        violation_error_message=f"Ongeldige waarde voor {field}.",
    )


class Organisatie(models.Model):
    soort = models.CharField("soort", max_length=32, choices=OrganisatieSoort.choices)
    code = models.CharField(
        "code",
        max_length=16,
        unique=True,
        help_text="Officiële code: CBS-code (GM0363), provinciecode (PV27) of TOOI-code (ws0155, mnre1034).",
        error_messages={"unique": "Er bestaat al een organisatie met deze code."},
    )
    naam = models.CharField("naam", max_length=200)
    slug = models.SlugField(
        "slug",
        max_length=200,
        unique=True,
        error_messages={"unique": "Er bestaat al een organisatie met deze slug."},
    )
    afkorting = models.CharField("afkorting", max_length=20, blank=True)
    oin = models.CharField(
        "OIN",
        max_length=20,
        blank=True,
        help_text="Organisatie-identificatienummer (20 cijfers).",
    )
    tooi_uri = models.URLField("TOOI-URI", max_length=200, blank=True)
    provincie = models.ForeignKey(
        "self",
        verbose_name="provincie",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="gemeenten",
        limit_choices_to={"soort": OrganisatieSoort.PROVINCIE},
        help_text="De provincie waarin een gemeente ligt.",
    )
    website = models.URLField("website", blank=True)

    class Meta:
        verbose_name = "organisatie"
        verbose_name_plural = "organisaties"
        ordering = ["naam"]
        constraints = [
            _choices_check(
                "soort", OrganisatieSoort, "registry_organisatie_valid_soort"
            ),
            CheckConstraint(
                condition=Q(oin="") | Q(oin__regex=r"^[0-9]{20}$"),
                name="registry_organisatie_valid_oin",
                violation_error_message="Een OIN bestaat uit precies 20 cijfers.",
            ),
            models.UniqueConstraint(
                fields=["tooi_uri"],
                condition=~Q(tooi_uri=""),
                name="registry_organisatie_unique_tooi_uri",
                violation_error_message="Er bestaat al een organisatie met deze TOOI-URI.",
            ),
        ]
        indexes = [
            models.Index(fields=["soort", "naam"], name="registry_org_soort_naam_idx")
        ]

    def __str__(self) -> str:
        return self.naam


class Thema(models.Model):
    """A public task (maatschappelijke opgave) that the registered work serves."""

    slug = models.SlugField(
        "slug",
        max_length=100,
        unique=True,
        error_messages={"unique": "Er bestaat al een thema met deze slug."},
    )
    naam = models.CharField("naam", max_length=200)
    naam_en = models.CharField(
        "naam in het Engels",
        max_length=200,
        blank=True,
        help_text="Voor wie de catalogus in het Engels bekijkt; de API blijft "
        "Nederlands. Uit de referentiegegevens.",
    )
    omschrijving = models.TextField("omschrijving", blank=True)
    eu_data_theme = models.CharField(
        "EU-datathema",
        max_length=8,
        blank=True,
        help_text="Code uit de EU data-theme-lijst (DCAT-AP).",
    )
    publiccode_scope = models.CharField(
        "publiccode.yml-scope",
        max_length=64,
        blank=True,
        help_text="Waarde van intendedAudience.scope.",
    )

    class Meta:
        verbose_name = "thema"
        verbose_name_plural = "thema's"
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam

    @property
    def toont_engels(self) -> bool:
        """True when the interface is English and the reference data name it so."""
        return bool(self.naam_en) and (get_language() or "nl").startswith("en")

    @property
    def weergavenaam(self) -> str:
        """The name in the interface's language: the English one where there is one."""
        return self.naam_en if self.toont_engels else self.naam


class Referentiecomponent(models.Model):
    """A reference component of GEMMA, the municipal reference architecture of VNG."""

    gemma_id = models.UUIDField(
        "GEMMA-id",
        unique=True,
        help_text="Het Object ID waarmee GEMMA Online de component identificeert.",
        error_messages={
            "unique": "Er bestaat al een referentiecomponent met dit GEMMA-id."
        },
    )
    naam = models.CharField("naam", max_length=200)
    omschrijving = models.TextField("omschrijving", blank=True)
    toelichting = models.TextField("toelichting", blank=True)
    gemma_url = models.URLField("GEMMA Online", max_length=300, blank=True)
    gemma_status = models.CharField("GEMMA-status", max_length=50, blank=True)

    class Meta:
        verbose_name = "referentiecomponent"
        verbose_name_plural = "referentiecomponenten"
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Laag(models.Model):
    """A Common Ground layer. The five rows are fixed by the model and made by a migration."""

    slug = models.SlugField(
        "slug", max_length=20, unique=True, choices=CommonGroundLaag.choices
    )
    naam = models.CharField("naam", max_length=50)
    omschrijving = models.TextField("omschrijving", blank=True)
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)

    class Meta:
        verbose_name = "Common Ground-laag"
        verbose_name_plural = "Common Ground-lagen"
        ordering = ["volgorde"]
        constraints = [
            _choices_check("slug", CommonGroundLaag, "registry_laag_valid_slug")
        ]

    def __str__(self) -> str:
        return self.naam


class Lidmaatschap(models.Model):
    """A user's membership of an organisation, with the role they have there."""

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="gebruiker",
        on_delete=models.CASCADE,
        related_name="lidmaatschappen",
    )
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name="organisatie",
        on_delete=models.CASCADE,
        related_name="lidmaatschappen",
    )
    rol = models.CharField(
        "rol", max_length=20, choices=Rol.choices, default=Rol.REDACTEUR
    )
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)

    class Meta:
        verbose_name = "lidmaatschap"
        verbose_name_plural = "lidmaatschappen"
        constraints = [
            models.UniqueConstraint(
                fields=["gebruiker", "organisatie"],
                name="registry_lidmaatschap_unique_gebruiker_organisatie",
                violation_error_message="Deze gebruiker is al lid van deze organisatie.",
            ),
            _choices_check("rol", Rol, "registry_lidmaatschap_valid_rol"),
        ]

    def __str__(self) -> str:
        return f"{self.gebruiker} – {self.organisatie} ({self.get_rol_display()})"


def published_condition(path: str = "") -> Q:
    """The condition for a published record, at ``path`` (``"naar__"``: the other end of
    a relation). The status is a constant in the SQL, so a prepared statement's generic
    plan can use the partial indexes on published records (core.expressions)."""
    return Q(**{f"{path}publicatiestatus": Inline(Publicatiestatus.GEPUBLICEERD)})


class PublicatieQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_condition())


class Beoordeelbaar(models.Model):
    """What the four-eyes rule reads of anything a publicist reviews (a record, or the
    concept of a published one): who submitted it, who changed its content last, and why
    it was sent back."""

    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ingediend door",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Wie de huidige versie ter beoordeling heeft aangeboden (voor het vier-ogenprincipe).",
    )
    inhoud_gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="inhoud laatst gewijzigd door",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        help_text="Wie de inhoud het laatst veranderde: die mag haar niet zelf publiceren (vier ogen).",
    )
    beoordeling_opmerking = models.TextField(
        "opmerking van de beoordelaar",
        blank=True,
        validators=[validate_long_text],
        help_text="De reden waarom de publicist het stuk heeft teruggestuurd.",
    )

    # The concept of changes to a published record, rather than the record itself.
    is_werkversie = False

    class Meta:
        abstract = True

    @property
    def onderwerp(self) -> str:
        """What the workflow's messages call this ("deze …"): the model's own name; a
        concept of changes answers with the name of what it changes."""
        return self._meta.verbose_name


class Publiceerbaar(Beoordeelbaar):
    """The fields of the editorial workflow: only ``gepubliceerd`` is public."""

    publicatiestatus = models.CharField(
        "publicatiestatus",
        max_length=20,
        choices=Publicatiestatus.choices,
        default=Publicatiestatus.CONCEPT,
    )
    gepubliceerd_op = models.DateTimeField("gepubliceerd op", null=True, blank=True)
    versie = models.PositiveIntegerField(
        "versie",
        default=1,
        help_text="Telt bij elke wijziging op; zo wordt gelijktijdig bewerken opgemerkt.",
    )

    objects = PublicatieQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            CheckConstraint(
                condition=Q(publicatiestatus__in=Publicatiestatus.values),
                name="%(app_label)s_%(class)s_valid_publicatiestatus",
                violation_error_message="Ongeldige publicatiestatus.",
            ),
            CheckConstraint(
                condition=~Q(publicatiestatus=Publicatiestatus.GEPUBLICEERD)
                | Q(gepubliceerd_op__isnull=False),
                name="%(app_label)s_%(class)s_published_has_date",
                violation_error_message="Een gepubliceerd record heeft een publicatiedatum.",
            ),
        ]

    @property
    def is_alleen_lezen(self) -> bool:
        """Kept current elsewhere: nobody here changes or deletes it (subclasses say when)."""
        return False

    @property
    def bewerkstatus(self) -> str:
        """The status of what a change touches; a subclass with concepts of its published
        records answers the concept's status (``can_edit``)."""
        return self.publicatiestatus

    @property
    def is_published(self) -> bool:
        return self.publicatiestatus == Publicatiestatus.GEPUBLICEERD

    def mark_published(self, when=None) -> None:
        self.publicatiestatus = Publicatiestatus.GEPUBLICEERD
        self.gepubliceerd_op = when or timezone.now()
