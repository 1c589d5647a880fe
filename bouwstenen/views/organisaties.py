"""``/organisaties`` and ``/organisaties/<code>``: who publishes and who reuses what."""

from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render

from bouwstenen import selectors
from registry.models import Organisatie


def organisatie_lijst(request):
    organisaties = selectors.active_organisations()
    return render(
        request,
        "catalogus/organisaties.html",
        {
            "organisaties": organisaties,
            "publicerend": sum(1 for o in organisaties if o.gepubliceerd),
            "hergebruikend": sum(1 for o in organisaties if o.hergebruikt),
        },
    )


def organisatie_detail(request, code):
    organisatie = get_object_or_404(
        Organisatie.objects.select_related("provincie"), Q(code__iexact=code)
    )
    if organisatie.code != code:
        # One address per organisation: GM0363, not gm0363.
        return redirect("catalogus:organisatie", code=organisatie.code, permanent=True)
    bouwstenen = list(
        selectors.cards(selectors.public().filter(organisatie=organisatie)).order_by(
            "naam", "pk"
        )
    )
    return render(
        request,
        "catalogus/organisatie.html",
        {
            "organisatie": organisatie,
            "bouwstenen": bouwstenen,
            "hergebruik": selectors.reuse_by(organisatie),
        },
    )
