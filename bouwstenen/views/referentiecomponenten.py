"""GEMMA: which reference components have building blocks, and one component's blocks."""

from django.shortcuts import get_object_or_404, render

from bouwstenen import selectors
from registry.models import Referentiecomponent

COMPONENT_PAGE_BLOCKS = 24


def dekking(request):
    componenten = selectors.componenten_coverage()
    met = [c for c in componenten if c.aantal]
    zonder = [c for c in componenten if not c.aantal]
    totaal = len(componenten)
    return render(
        request,
        "catalogus/referentiecomponenten.html",
        {
            "met": sorted(met, key=lambda c: (-c.aantal, c.naam)),
            "zonder": zonder,
            "totaal": totaal,
            "dekking": round(100 * len(met) / totaal) if totaal else 0,
        },
    )


def referentiecomponent_detail(request, gemma_id):
    component = get_object_or_404(Referentiecomponent, gemma_id=gemma_id)
    blokken = selectors.public().filter(referentiecomponenten=component)
    return render(
        request,
        "catalogus/referentiecomponent.html",
        {
            "component": component,
            "aantal": blokken.count(),
            "bouwstenen": selectors.cards(
                blokken.order_by("naam", "pk")[:COMPONENT_PAGE_BLOCKS]
            ),
        },
    )
