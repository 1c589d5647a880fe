"""Filtering and sorting building blocks: one filter set for the API and the pages.

Several values of one filter select any of them (see ``core.filters``); different filters
combine with AND. A refusal is Django's ValidationError, as from any form: the search page
shows it, and the API turns it into its problem document (``core.api.filters``). How the
OpenAPI document describes the filters lives with the API (``bouwstenen.api.schema``).
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q

from bouwstenen import readiness, search
from bouwstenen.constants import Levensfase, Soort
from bouwstenen.models import Behoefte, Bouwsteen
from bouwstenen.validators import normalise_spdx
from core.filters import (
    FilterSet,
    IsoDateTimeFilter,
    MultipleChoiceFilter,
    MultiValueWidget,
    RelatedFilter,
    SortFilter,
)
from core.search.text import MAX_QUERY_LENGTH
from registry.constants import OrganisatieSoort, Publicatiestatus
from registry.models import Laag, Organisatie, Referentiecomponent, Thema


class LicentieField(forms.Field):
    """SPDX expressions, each normalised (``eupl-1.2`` -> ``EUPL-1.2``) or refused."""

    widget = MultiValueWidget

    def to_python(self, value):
        licences = []
        for expression in value or []:
            try:
                licences.append(normalise_spdx(expression))
            except ValidationError as exc:
                raise ValidationError(
                    exc.messages, code=exc.error_list[0].code
                ) from exc
        return licences


class LicentieFilter(django_filters.Filter):
    field_class = LicentieField

    def filter(self, qs, value):
        return qs.filter(licentie__in=value) if value else qs


class ScoreField(forms.FloatField):
    """A score from 0 to 100; an empty ``?opschalingsscoreMin=`` is a mistake, not "none"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", 100)
        super().__init__(**kwargs)

    def clean(self, value):
        if value == "":
            raise ValidationError(
                "Geef een getal van 0 tot en met 100 of laat de parameter weg.",
                code="blank",
            )
        return super().clean(value)


class ScoreMinFilter(django_filters.NumberFilter):
    field_class = ScoreField


class BouwsteenFilter(FilterSet):
    q = django_filters.CharFilter(
        method="search_text",
        max_length=MAX_QUERY_LENGTH,
        help_text="Zoeken in naam, samenvatting, beschrijving, organisatie, thema's en "
        'GEMMA-componenten, met Nederlandse woordstammen. Zoeksyntax: "een zinsdeel", '
        "of, -uitsluiten; elk woord telt ook als begin van een woord, dus de volgorde "
        "van de woorden maakt niet uit. Alleen -woord geeft alle bouwstenen zonder dat "
        "woord. Een samenstelling vindt ook de losse woorden en andersom (energielabel, "
        "energie label). Een woord dat in geen enkele gepubliceerde bouwsteen staat, "
        "wordt verbeterd naar het dichtstbijzijnde woord dat er wel staat; suggestie en "
        "gezochtOp in het antwoord zeggen dat. Resultaten staan op relevantie, tenzij "
        "sort iets anders zegt.",
    )
    soort = MultipleChoiceFilter(choices=Soort.choices, help_text="Soort bouwsteen.")
    levensfase = MultipleChoiceFilter(
        choices=Levensfase.choices, help_text="Levensfase."
    )
    thema = RelatedFilter(
        field_name="themas",
        to_field_name="slug",
        queryset=Thema.objects.all(),
        help_text="Slug van een thema, bijvoorbeeld jeugdzorg.",
    )
    laag = RelatedFilter(
        field_name="lagen",
        to_field_name="slug",
        queryset=Laag.objects.all(),
        help_text="Common Ground-laag.",
    )
    referentiecomponent = RelatedFilter(
        field_name="referentiecomponenten",
        to_field_name="gemma_id",
        queryset=Referentiecomponent.objects.all(),
        help_text="GEMMA-id van een referentiecomponent.",
    )
    organisatie = RelatedFilter(
        field_name="organisatie",
        to_field_name="code",
        queryset=Organisatie.objects.all(),
        help_text="Code van de eigenaar, bijvoorbeeld GM0363.",
    )
    organisatieSoort = MultipleChoiceFilter(
        field_name="organisatie__soort",
        choices=OrganisatieSoort.choices,
        help_text="Soort organisatie van de eigenaar.",
    )
    licentie = LicentieFilter()
    publicatiestatus = MultipleChoiceFilter(
        choices=Publicatiestatus.choices,
        help_text="Publicatiestatus; anonieme gebruikers zien alleen gepubliceerde bouwstenen.",
    )
    gewijzigdSinds = IsoDateTimeFilter(
        field_name="gewijzigd_op",
        lookup_expr="gte",
        help_text="Alleen bouwstenen die op of na dit moment (ISO 8601, met tijdzone) "
        "zijn gewijzigd.",
    )
    opschalingsscoreMin = ScoreMinFilter(method="filter_score_min")
    sort = SortFilter(
        fields=(
            ("naam", "naam"),
            ("gepubliceerd_op", "gepubliceerdOp"),
            ("gewijzigd_op", "gewijzigdOp"),
            ("aangemaakt_op", "aangemaaktOp"),
            # Annotations of readiness.with_counts, which the API's list always has.
            ("hergebruik_actief", "hergebruik"),
            ("opschalingsscore", "opschalingsscore"),
        ),
        field_labels={
            "naam": "naam",
            "gepubliceerd_op": "publicatiemoment",
            "gewijzigd_op": "laatste wijziging",
            "aangemaakt_op": "aanmaakmoment",
            "hergebruik_actief": "actief hergebruik",
            "opschalingsscore": "opschalingsscore",
        },
        help_text="Sorteren op naam, gepubliceerdOp, gewijzigdOp, aangemaaktOp, "
        "hergebruik (organisaties met een pilot of in gebruik) of opschalingsscore; een "
        "min ervoor sorteert aflopend (-hergebruik). Standaard: naam. Lege waarden "
        "(geen publicatiemoment, geen score) staan altijd achteraan.",
    )

    class Meta:
        model = Bouwsteen
        fields = []

    def filter_score_min(self, queryset, name, value):
        if value in (None, ""):
            return queryset
        if "opschalingsscore" in queryset.query.annotations:
            return queryset.filter(opschalingsscore__gte=value)
        # Not annotated (the facet counts): a subquery, so the rows never multiply.
        matching = readiness.with_counts(Bouwsteen.objects.all()).filter(
            opschalingsscore__gte=value
        )
        return queryset.filter(pk__in=matching.values("pk"))

    def search_text(self, queryset, name, value):
        try:
            found = search.find(queryset, value)
        except search.QueryTooLong as exc:
            raise ValidationError(
                {"q": ValidationError(str(exc), code="max_length")}
            ) from exc
        self.leading = found.leading
        # A misspelled word was corrected: the view says so (core.search.forgiving).
        self.correction = found.correction
        # Most relevant first; a ``sort`` parameter (filtered after this one) overrides.
        if found.ranked:
            self.ranked_by = search.BY_RELEVANCE[0]
        return found.queryset.order_by(*search.BY_RELEVANCE)


SCORE_MIN_CHOICES = [(50, "50"), (75, "75"), (90, "90")]


class CatalogusFilter(BouwsteenFilter):
    """The API's filter set, plus the minimum readiness score the search page offers."""

    opschalingsscoreMin = django_filters.TypedChoiceFilter(
        choices=SCORE_MIN_CHOICES, coerce=int, method="filter_score_min"
    )

    def filter_score_min(self, queryset, name, value):
        if value in (None, ""):
            return queryset
        # The catalogue shows published blocks only: the score their stored
        # representation keeps (bouwstenen.weergave), without a subquery.
        return queryset.filter(weergave__opschalingsscore__gte=value)


class BehoefteFilter(FilterSet):
    """The needs board, in the API and on the page: by thema, by the kind of
    organisation that posted it, by organisation, open or closed."""

    thema = RelatedFilter(
        field_name="themas",
        to_field_name="slug",
        queryset=Thema.objects.all(),
        help_text="Slug van een thema, bijvoorbeeld jeugdzorg.",
    )
    organisatieSoort = MultipleChoiceFilter(
        field_name="organisatie__soort",
        choices=OrganisatieSoort.choices,
        help_text="Soort organisatie die de behoefte plaatste.",
    )
    organisatie = RelatedFilter(
        field_name="organisatie",
        to_field_name="code",
        queryset=Organisatie.objects.all(),
        help_text="Code van de organisatie die de behoefte plaatste, bijvoorbeeld GM0363.",
    )
    status = django_filters.ChoiceFilter(
        choices=(("open", "open"), ("gesloten", "gesloten")),
        method="filter_status",
        help_text="open: nog niet beantwoord; gesloten: een bouwsteen beantwoordt haar.",
    )

    class Meta:
        model = Behoefte
        fields = []

    def filter_status(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(gesloten_op__isnull=value == "open")


class OrganisatieLijstFilter(django_filters.FilterSet):
    """The organisations page: find one by name or code, narrow by soort and province."""

    q = django_filters.CharFilter(method="filter_q", label="Naam of code")
    soort = django_filters.ChoiceFilter(
        choices=OrganisatieSoort.choices, label="Soort", empty_label="Alle soorten"
    )
    provincie = django_filters.ModelChoiceFilter(
        queryset=Organisatie.objects.filter(soort=OrganisatieSoort.PROVINCIE).order_by(
            "naam"
        ),
        to_field_name="code",
        method="filter_provincie",
        label="Provincie",
        empty_label="Alle provincies",
    )

    class Meta:
        model = Organisatie
        fields = ["q", "soort", "provincie"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(naam__icontains=value)
            | Q(afkorting__iexact=value)
            | Q(code__iexact=value)
        )

    def filter_provincie(self, queryset, name, value):
        # The province itself belongs to its own province.
        return queryset.filter(Q(provincie=value) | Q(pk=value.pk))
