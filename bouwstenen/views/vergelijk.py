"""``/vergelijk?b=slug&b=slug``: two to four published blocks side by side.

A data lead choosing between solutions wants the same questions answered for each: how
far along is it, what is still missing before it can scale, who really uses it, under
which licence, and whom to call. The page works as a plain form: without JavaScript a
visitor adds blocks by searching here, and removes one with a link.
"""

from urllib.parse import urlencode

from django.shortcuts import render

from bouwstenen import search, selectors, vergelijking
from bouwstenen.readiness import readiness_of

MINIMUM = 2
MAXIMUM = 4
CANDIDATES = 8


def _chosen(request) -> tuple[list[str], bool]:
    """The slugs asked for, each once, in order; and whether some were left off."""
    slugs = list(
        dict.fromkeys(s.strip() for s in request.GET.getlist("b") if s.strip())
    )
    return slugs[:MAXIMUM], len(slugs) > MAXIMUM


def _address(slugs: list[str]) -> str:
    return "?" + urlencode([("b", slug) for slug in slugs]) if slugs else "?"


def _candidates(q: str, chosen: list[str]) -> list[dict]:
    """Published blocks matching ``q`` that are not in the table yet, to add."""
    try:
        found = search.search(selectors.public().exclude(slug__in=chosen), q)
    except search.QueryTooLong:
        return []
    return [
        {"bouwsteen": block, "toevoegen": _address([*chosen, block.slug])}
        for block in found.select_related("organisatie")[:CANDIDATES]
    ]


def vergelijk(request):
    slugs, te_veel = _chosen(request)
    blokken = vergelijking.for_comparison(slugs)
    gevonden = {b.slug for b in blokken}
    slugs = [s for s in slugs if s in gevonden]
    q = request.GET.get("q", "").strip()
    kolommen = [
        {
            "b": block,
            "ontbreekt": readiness_of(block).missing,
            "weghalen": _address([s for s in slugs if s != block.slug]),
        }
        for block in blokken
    ]
    context = {
        "kolommen": kolommen,
        "chosen": slugs,
        "niet_gevonden": [
            s
            for s in dict.fromkeys(request.GET.getlist("b"))
            if s and s not in gevonden
        ][:MAXIMUM],
        "te_veel": te_veel,
        "minimum": MINIMUM,
        "maximum": MAXIMUM,
        "kan_toevoegen": len(slugs) < MAXIMUM,
        "q": q,
        "kandidaten": _candidates(q, slugs) if q and len(slugs) < MAXIMUM else [],
    }
    return render(request, "catalogus/vergelijk.html", context)
