"""The building block itself: what it is, who owns it, where it lives."""

import uuid
from typing import TYPE_CHECKING

import reversion

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q

from bouwstenen.completeness import completeness_of
from bouwstenen.constants import (
    BESCHRIJVING_MAX_LENGTH,
    SAMENVATTING_MAX_LENGTH,
    Levensfase,
    Soort,
    Vorm,
)
from bouwstenen.models.text_rules import LONG_TEXT, NAME, SINGLE_LINE
from bouwstenen.validators import normalise_spdx, validate_spdx
from core.constraints import CheckConstraint
from core.fields import RegistrySlugField, WebURLField
from registry.constants import Publicatiestatus
from registry.models import (
    Laag,
    Organisatie,
    Publiceerbaar,
    Referentiecomponent,
    Thema,
)

if TYPE_CHECKING:
    from bouwstenen.models.concept import BouwsteenConcept


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
    # The source document of the last import or harvest, as it came (a publiccode.yml,
    # or a record of another registry as JSON), and what the import read from it: the
    # export writes the block's fields over the document where they were edited here
    # (bouwstenen.interop.publiccode.roundtrip). Versioned with the block's history.
    bron_document = models.TextField(
        "brondocument",
        blank=True,
        editable=False,
        help_text="Het bestand of record van de laatste import of oogst, zoals het kwam.",
    )
    bron_waarden = models.JSONField(
        "waarden uit het brondocument",
        null=True,
        blank=True,
        editable=False,
        help_text="Wat de import uit het brondocument las, om bewerkingen te herkennen.",
    )

    class Meta(Publiceerbaar.Meta):
        verbose_name = "bouwsteen"
        verbose_name_plural = "bouwstenen"
        ordering = ["naam"]
        constraints = [
            *Publiceerbaar.Meta.constraints,
            CheckConstraint(
                condition=Q(soort__in=Soort.values),
                name="bouwstenen_bouwsteen_valid_soort",
                violation_error_message="Ongeldige soort.",
            ),
            CheckConstraint(
                condition=Q(levensfase__in=Levensfase.values),
                name="bouwstenen_bouwsteen_valid_levensfase",
                violation_error_message="Ongeldige levensfase.",
            ),
            CheckConstraint(
                condition=Q(vorm="")
                | Q(soort=Soort.DATATOEPASSING, vorm__in=Vorm.values),
                name="bouwstenen_bouwsteen_vorm_only_for_datatoepassing",
                violation_error_message="Alleen een datatoepassing heeft een vorm.",
            ),
            CheckConstraint(
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
            CheckConstraint(
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
            # published ids, read from this index instead of the wide table. It also
            # holds every column the facet statement groups the matches by
            # (bouwstenen.facets), so facets read the index alone too: reading those
            # columns from the table took half of a search's facets (docs/performance.md).
            models.Index(
                fields=["id", "soort", "levensfase", "licentie", "organisatie"],
                condition=Q(publicatiestatus=Publicatiestatus.GEPUBLICEERD),
                name="bouwsteen_pub_facet_idx",
            ),
            # The filters anonymous readers combine most (soort and levensfase, or
            # levensfase alone) with the id: counting a filtered list reads these
            # indexes alone and joins the ids with a thema's links, instead of visiting
            # every published row (9 ms -> 1.5 ms at 10,000, docs/performance.md).
            # The name before the id keeps the matches in the list's order, so its
            # first page walks only the matching entries, not the whole name index
            # filtering as it goes (3.0 -> 1.3 ms at 10,000 with a thema too). Names
            # and soort go together (many werkwijzen begin alike), so soort alone has
            # its own: walking the name index for it passed 40,000 rows at 100,000.
            models.Index(
                fields=["soort", "levensfase", "naam", "id"],
                condition=Q(publicatiestatus=Publicatiestatus.GEPUBLICEERD),
                name="bouwsteen_pub_soort_fase_idx",
            ),
            models.Index(
                fields=["soort", "naam", "id"],
                condition=Q(publicatiestatus=Publicatiestatus.GEPUBLICEERD),
                name="bouwsteen_pub_soort_idx",
            ),
            models.Index(
                fields=["levensfase", "naam", "id"],
                condition=Q(publicatiestatus=Publicatiestatus.GEPUBLICEERD),
                name="bouwsteen_pub_fase_idx",
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
        """What a public page needs that is still missing, per field (empty when ready):
        the public parts of the completeness rule (``bouwstenen.completeness``)."""
        return completeness_of(self, openbaar_only=True).field_errors()

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
