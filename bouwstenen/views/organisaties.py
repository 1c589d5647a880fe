"""``/organisaties`` and ``/organisaties/<code>``: who publishes and who reuses what."""

from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render

from bouwstenen import buren, selectors
from bouwstenen.filters import OrganisatieLijstFilter
from registry.models import Organisatie


def organisatie_lijst(request):
    alle = request.GET.get("alle") == "1"
    filterset = OrganisatieLijstFilter(
        request.GET, queryset=buren.organisations(active_only=not alle)
    )
    organisaties = list(filterset.qs) if filterset.is_valid() else []
    return render(
        request,
        "catalogus/organisaties.html",
        {
            "filter": filterset,
            "alle": alle,
            "gefilterd": any(
                request.GET.get(key) for key in ("q", "soort", "provincie")
            ),
            "organisaties": organisaties,
            "gedeelde_namen": buren.shared_names(organisaties),
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
    bouwstenen = selectors.cards(
        selectors.public().filter(organisatie=organisatie).order_by("naam", "pk")
    )
    return render(
        request,
        "catalogus/organisatie.html",
        {
            "organisatie": organisatie,
            "bouwstenen": bouwstenen,
            "hergebruik": buren.reuse_by(organisatie),
            "gemeld": buren.reported_use(organisatie),
            "zoals_u": buren.alike(organisatie),
            "zelfde_bouwstenen": buren.sharing_reuse(organisatie),
            "bij_de_buren": buren.used_by_alike(organisatie),
        },
    )
