"""Reads shared by the API and the pages, so they never disagree about what is visible."""

from django.db.models import Prefetch, Q, QuerySet

from bouwstenen.models import Bouwsteen
from registry import permissions
from registry.constants import Publicatiestatus
from registry.models import Laag, Referentiecomponent, Thema


def bouwstenen_visible_to(user) -> QuerySet[Bouwsteen]:
    """Published blocks for everyone; a member also sees their own organisations' others."""
    queryset = Bouwsteen.objects.all()
    if user and user.is_authenticated and user.is_active and user.is_superuser:
        return queryset
    own = list(permissions.roles_of(user))
    visible = Q(publicatiestatus=Publicatiestatus.GEPUBLICEERD)
    if own:
        visible |= Q(organisatie_id__in=own)
    return queryset.filter(visible)


def with_relations(queryset: QuerySet[Bouwsteen]) -> QuerySet[Bouwsteen]:
    """Fetch what a representation of a block reads, in a fixed number of queries."""
    return queryset.select_related("organisatie").prefetch_related(
        Prefetch("themas", queryset=Thema.objects.order_by("naam")),
        Prefetch(
            "referentiecomponenten",
            queryset=Referentiecomponent.objects.order_by("naam"),
        ),
        Prefetch("lagen", queryset=Laag.objects.order_by("volgorde")),
    )
