"""``/organisaties`` and ``/organisaties/<code>``: who publishes and who reuses what."""

import django_filters
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render

from bouwstenen import buren, catalogus
from registry.constants import OrganisatieSoort
from registry.models import Organisatie


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
    bouwstenen = list(
        catalogus.cards(catalogus.public().filter(organisatie=organisatie)).order_by(
            "naam", "pk"
        )
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
