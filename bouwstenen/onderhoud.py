"""Reading what keeps published blocks alive: broken links and blocks left alone.

For the public page (a broken link, "mogelijk verouderd"), the commands ``check_links``
and ``remind_stale``, and an organisation's own overview in the admin. The age of a
block is the time since ``gewijzigd_op``: its last change, or the last time someone of
the owner confirmed it is current (``bouwsteen_confirm_current``).
"""

from datetime import datetime, timedelta

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from bouwstenen.constants import LinkVeld
from bouwstenen.models import Bouwsteen, Herinnering, Linkcontrole

# "Twelve months" and "eighteen months", in days: exact enough for a reminder.
HERINNEREN_NA = timedelta(days=365)
VEROUDERD_NA = timedelta(days=548)
HERINNEREN_MAANDEN = 12


def links_of(bouwsteen: Bouwsteen) -> dict[str, str]:
    """The links a block has now, by field."""
    return {
        veld: getattr(bouwsteen, veld)
        for veld in LinkVeld.values
        if getattr(bouwsteen, veld)
    }


def broken() -> QuerySet[Linkcontrole]:
    return Linkcontrole.objects.filter(kapot_sinds__isnull=False)


def to_check() -> QuerySet[Bouwsteen]:
    """Every published block with at least one link, with what was found last time."""
    has_link = Q()
    for veld in LinkVeld.values:
        has_link |= ~Q(**{veld: ""})
    return (
        Bouwsteen.objects.published()
        .filter(has_link)
        .select_related("organisatie")
        .order_by("pk")
    )


def with_broken_links(queryset: QuerySet[Bouwsteen]) -> QuerySet[Bouwsteen]:
    """The blocks of ``queryset`` with a link that does not work; each has its broken
    checks in ``kapotte_links`` (one query for all)."""
    return queryset.filter(
        Exists(broken().filter(bouwsteen=OuterRef("pk")))
    ).prefetch_related(
        Prefetch(
            "linkcontroles",
            queryset=broken().order_by("veld"),
            to_attr="kapotte_links",
        )
    )


def broken_links_of(organisatie) -> QuerySet[Bouwsteen]:
    """ "Blokken met een link die niet werkt", for an organisation's overview."""
    return with_broken_links(
        Bouwsteen.objects.published().filter(organisatie=organisatie)
    ).order_by("naam", "pk")


def unchanged_since(
    queryset: QuerySet[Bouwsteen], *, age: timedelta = HERINNEREN_NA, now=None
) -> QuerySet[Bouwsteen]:
    return queryset.filter(gewijzigd_op__lt=(now or timezone.now()) - age)


def unchanged_of(organisatie, *, age: timedelta = HERINNEREN_NA) -> QuerySet[Bouwsteen]:
    """Published blocks of an organisation not changed (nor confirmed) for ``age``,
    the longest unchanged first."""
    return unchanged_since(
        Bouwsteen.objects.published().filter(organisatie=organisatie), age=age
    ).order_by("gewijzigd_op", "pk")


def to_remind(now: datetime | None = None) -> QuerySet[Bouwsteen]:
    """Published blocks unchanged for a year whose owner was not reminded in the
    current period: never, before the last change, or more than a year ago."""
    now = now or timezone.now()
    reminded = Herinnering.objects.filter(
        bouwsteen=OuterRef("pk"),
        herinnerd_op__gte=OuterRef("gewijzigd_op"),
        herinnerd_op__gt=now - HERINNEREN_NA,
    )
    return (
        # A harvested block is kept current at its source, not by its owner here.
        unchanged_since(Bouwsteen.objects.published(), now=now)
        .filter(~Exists(reminded), bron_register="")
        .select_related("organisatie")
        .order_by("pk")
    )


def is_outdated(bouwsteen: Bouwsteen, now: datetime | None = None) -> bool:
    """ "Mogelijk verouderd": not changed nor confirmed for eighteen months (a harvested
    block is kept current at its source)."""
    if bouwsteen.is_geoogst:
        return False
    return bouwsteen.gewijzigd_op < (now or timezone.now()) - VEROUDERD_NA
