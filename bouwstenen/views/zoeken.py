"""``/bouwstenen``: search, facet filters, sorting and paging, all in the query string.

The list is ``CatalogusFilter`` (the API's filter set, ``bouwstenen.filters``) over the
published blocks, so the page and ``/api/v1/bouwstenen`` always agree about what matches. Every state is a GET
URL that can be shared; the form works without JavaScript.
"""

from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bouwstenen import facets, search, selectors, services
from bouwstenen.filters import SCORE_MIN_CHOICES, CatalogusFilter
from core.filters import single_valued
from core.paging import PAGE_SIZE, CappedPaginator

# The facet dimensions in the order the page shows them, with their legend.
FACETS = [
    ("soort", gettext_lazy("Soort")),
    ("levensfase", gettext_lazy("Levensfase")),
    ("thema", gettext_lazy("Thema")),
    ("laag", gettext_lazy("Common Ground-laag")),
    ("organisatieSoort", gettext_lazy("Soort organisatie")),
    ("organisatie", gettext_lazy("Organisatie")),
    ("referentiecomponent", gettext_lazy("GEMMA-referentiecomponent")),
    ("licentie", gettext_lazy("Licentie")),
]
# Open by default; the longer lists start folded (a <details>, so no script is needed).
OPEN_FACETS = {"soort", "levensfase", "thema", "laag"}
# Choice labels of the fixed dimensions are translated (see bouwstenen.labels).
TRANSLATED_FACETS = {"soort", "levensfase", "organisatieSoort", "laag"}

SORTS = {
    "relevantie": (
        gettext_lazy("Relevantie"),
        None,  # the search itself orders by score
    ),
    "naam": (gettext_lazy("Naam (A-Z)"), ("naam", "pk")),
    "-gepubliceerdOp": (
        gettext_lazy("Nieuwste eerst"),
        (F("gepubliceerd_op").desc(nulls_last=True), "naam", "pk"),
    ),
    "-hergebruik": (
        gettext_lazy("Meest hergebruikt"),
        ("-hergebruik_actief", "-hergebruik_in_gebruik", "naam", "pk"),
    ),
    "-opschalingsscore": (
        gettext_lazy("Hoogste opschalingsscore"),
        (F("opschalingsscore").desc(nulls_last=True), "naam", "pk"),
    ),
}


def _selected(filterset) -> dict[str, list[tuple[str, str]]]:
    """Per dimension the chosen (value, name) pairs, normalised by the filter set."""
    data = filterset.form.cleaned_data
    chosen = {}
    for name, _legend in FACETS:
        values = data.get(name) or []
        field = filterset.filters[name]
        pairs = []
        for value in values:
            if hasattr(value, "_meta"):  # a related object: thema, organisatie, ...
                key = field.extra["to_field_name"]
                naam = getattr(value, "weergavenaam", value.naam)  # a thema: translated
                pairs.append((str(getattr(value, key)), naam))
            else:
                label = dict(getattr(field, "extra", {}).get("choices", []) or [])
                pairs.append((str(value), str(label.get(value, value))))
        if pairs:
            chosen[name] = pairs
    return chosen


def _state(q: str, chosen, score_min, sort: str) -> QueryDict:
    state = QueryDict(mutable=True)
    if q:
        state["q"] = q
    for name, pairs in chosen.items():
        state.setlist(name, [value for value, _label in pairs])
    if score_min:
        state["opschalingsscoreMin"] = str(score_min)
    if sort:
        state["sort"] = sort
    return state


def _without(state: QueryDict, name: str, value: str | None = None) -> str:
    rest = state.copy()
    if value is None:
        rest.pop(name, None)
    else:
        rest.setlist(name, [v for v in rest.getlist(name) if v != value])
    encoded = rest.urlencode()
    return "?" + encoded if encoded else "?"


def _replaced(state: QueryDict, name: str, value: str) -> str:
    rest = state.copy()
    rest[name] = value
    return "?" + rest.urlencode()


def _active_filters(state, q, chosen, score_min):
    """Each active filter with a link that removes only that one."""
    active = []
    if q:
        active.append({"label": _("Zoekterm"), "naam": q, "url": _without(state, "q")})
    legends = dict(FACETS)
    for name, pairs in chosen.items():
        for value, label in pairs:
            active.append(
                {
                    "label": legends[name],
                    "naam": _(label) if name in TRANSLATED_FACETS else label,
                    "url": _without(state, name, value),
                }
            )
    if score_min:
        active.append(
            {
                "label": _("Opschalingsscore"),
                "naam": _("%(score)s%% of hoger") % {"score": score_min},
                "url": _without(state, "opschalingsscoreMin"),
            }
        )
    return active


def _facet_groups(counts, chosen):
    groups = []
    thema_names = selectors.thema_names() if counts.get("thema") else {}
    for name, legend in FACETS:
        selected = {value for value, _label in chosen.get(name, [])}
        options = [
            {**option, "gekozen": option["waarde"] in selected}
            for option in counts.get(name, [])
        ]
        if name == "thema":
            for option in options:
                option["naam"] = thema_names.get(option["waarde"], option["naam"])
        # A chosen value outside the top of a long list stays visible, so it can be unticked.
        listed = {option["waarde"] for option in options}
        for value, label in chosen.get(name, []):
            if value not in listed:
                options.append(
                    {"waarde": value, "naam": label, "aantal": None, "gekozen": True}
                )
        groups.append(
            {
                "naam": name,
                "legend": legend,
                "opties": options,
                "vertalen": name in TRANSLATED_FACETS,
                "open": name in OPEN_FACETS or bool(selected),
                "aantal_gekozen": len(selected),
            }
        )
    return groups


def _error_messages(errors) -> list[str]:
    legends = {**dict(FACETS), "q": _("Zoekterm"), "sort": _("Sortering")}
    return [
        f"{legends.get(name, name)}: {message}"
        for name, messages in errors.items()
        for message in messages
    ]


def _repeated(query: QueryDict) -> list[str]:
    """Messages for the parameters that take one value but came more than once."""
    single = {"sort", "page", *single_valued(CatalogusFilter)}
    legends = {
        **dict(FACETS),
        "q": _("Zoekterm"),
        "sort": _("Sortering"),
        "page": _("Pagina"),
        "opschalingsscoreMin": _("Opschalingsscore"),
    }
    return [
        _(
            "%(naam)s: dit kan maar één waarde hebben, maar staat %(aantal)s keer in het adres."
        )
        % {"naam": legends.get(name, name), "aantal": len(query.getlist(name))}
        for name in sorted(single)
        if len(query.getlist(name)) > 1
    ]


def zoeken(request):
    params = request.GET.copy()
    sort = params.pop("sort", [""])[-1]
    params.pop("page", None)
    filterset = selectors.catalogue_filter(params)
    q = (request.GET.get("q") or "").strip()
    if sort not in SORTS or (sort == "relevantie" and not q):
        sort = ""
    context = {
        "q": q,
        "sorts": [(key, label) for key, (label, _o) in SORTS.items()],
        "score_choices": [value for value, _label in SCORE_MIN_CHOICES],
        "fouten": [],
    }
    # Django would quietly take the last one; say so instead (the API answers 400 too).
    if repeated := _repeated(request.GET):
        context["fouten"] = repeated
        return render(request, "catalogus/zoeken.html", context, status=400)
    if not filterset.is_valid():
        context["fouten"] = _error_messages(filterset.errors)
        return render(request, "catalogus/zoeken.html", context, status=400)

    chosen = _selected(filterset)
    score_min = filterset.form.cleaned_data.get("opschalingsscoreMin")
    effective_sort = sort or ("relevantie" if q else "naam")
    ordering = SORTS[effective_sort][1]
    try:
        queryset = selectors.stored_figures(filterset.qs)
        if ordering:
            queryset = queryset.order_by(*ordering)
        # The blocks that rank first for q, as the filter set's search found them, so
        # paging can read a page from them alone. A page is read as ids; its cards come
        # from the stored list items.
        paginator = CappedPaginator(
            queryset.values_list("pk"),
            PAGE_SIZE,
            leading=filterset.leading,
            ranked_by=filterset.ranked_by,
        )
        page = paginator.get_page(request.GET.get("page"))
        page.object_list = selectors.cards([pk for (pk,) in page.object_list])
        counts = selectors.catalogue_facets(params, filterset)
    except (ValidationError, facets.InvalidFilters, search.QueryTooLong) as exc:
        detail = getattr(exc, "message_dict", None) or getattr(exc, "errors", None)
        context["fouten"] = _error_messages(detail or {}) or [str(exc)]
        return render(request, "catalogus/zoeken.html", context, status=400)

    if q and not page.object_list and not (chosen or score_min):
        # The whole catalogue has nothing for these words: counted for the beheerders
        # (per day, nothing about who asked).
        services.zoekvraag_zonder_resultaat(q=q)
    # A misspelled word was corrected: the page says so and marks what was searched.
    correction = filterset.correction
    searched = correction.gezocht_op if correction is not None else q
    marker = search.marker(searched)
    for card in page.object_list:
        card.mark(marker)

    state = _state(q, chosen, score_min, sort)
    context.update(
        {
            "page": page,
            "paginator": page.paginator,
            "totaal_begrensd": page.paginator.count,
            "pagina_nummers": page.paginator.get_elided_page_range(
                page.number, on_each_side=2, on_ends=1
            ),
            "facetten": _facet_groups(counts, chosen),
            "actieve_filters": _active_filters(state, q, chosen, score_min),
            "alles_wissen": "?" + ("sort=" + sort if sort else ""),
            # The download carries the page's state, without its page number.
            "export_query": state.urlencode(),
            "sort": effective_sort,
            "score_min": score_min,
            "gefilterd": bool(request.GET),
            "correctie": correction,
            "correctie_url": _replaced(state, "q", searched),
            # Only a filter besides the search words can be taken away.
            "andere_filters": bool(chosen or score_min),
            "dichtbij": (
                selectors.close_themas(searched) if q and not page.object_list else []
            ),
        }
    )
    return render(request, "catalogus/zoeken.html", context)
