"""The register in figures: who takes part, how blocks move from pilot to scale, and
what is reused most. One dictionary of plain values, for the page and the API alike.

The phases a block went through come from its stored versions (django-reversion), so
the funnel tells what really happened. Reading every version is the costly part; the
figures are cached under a fingerprint of the data they come from (one cheap query),
so a change shows at once and an unchanged register is not read again.
"""

import datetime
import hashlib
import json
import statistics
from collections import Counter, defaultdict

from reversion.models import Version

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Count, Max, Min, Q
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from bouwstenen.constants import HergebruikStatus, Levensfase
from bouwstenen.models import Bouwsteen, Hergebruik
from bouwstenen.readiness import ACTIVE_REUSE
from registry.constants import OrganisatieSoort, Publicatiestatus

PUBLISHED = Publicatiestatus.GEPUBLICEERD
# The soorten drawn apart; the rest (uitvoeringsorganisaties, ...) together as "overig".
SOORT_GROUPS = [
    OrganisatieSoort.GEMEENTE,
    OrganisatieSoort.PROVINCIE,
    OrganisatieSoort.WATERSCHAP,
    OrganisatieSoort.MINISTERIE,
]
OVERIG = "overig"
# The funnel's steps, in order; a block counts for a step once it reached that phase.
FUNNEL = [Levensfase.PILOT, Levensfase.OPSCHALING, Levensfase.PRODUCTIE]
CACHE_SECONDS = 3600


def _published_blocks():
    return Bouwsteen.objects.filter(publicatiestatus=PUBLISHED)


def _confirmed_reuse():
    return Hergebruik.objects.bevestigd().filter(bouwsteen__publicatiestatus=PUBLISHED)


def _fingerprint() -> str:
    blocks = _published_blocks().aggregate(n=Count("pk"), last=Max("gewijzigd_op"))
    reuse = Hergebruik.objects.aggregate(n=Count("pk"), last=Max("gewijzigd_op"))
    state = "|".join(
        str(v) for v in (blocks["n"], blocks["last"], reuse["n"], reuse["last"])
    )
    return "statistieken:" + hashlib.sha256(state.encode()).hexdigest()[:32]


def _quarter(day: datetime.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _quarters(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    out, (year, q) = [], first
    while (year, q) <= last:
        out.append((year, q))
        year, q = (year + 1, 1) if q == 4 else (year, q + 1)
    return out


def participation() -> dict:
    """Per quarter, how many organisations of each soort group took part so far: they
    published a block or confirmed using one."""
    first: dict[int, tuple[datetime.date, str]] = {}
    published = (
        _published_blocks()
        .values("organisatie", "organisatie__soort")
        .annotate(since=Min(TruncDate(Coalesce("gepubliceerd_op", "aangemaakt_op"))))
    )
    reusing = (
        _confirmed_reuse()
        .values("organisatie", "organisatie__soort")
        .annotate(since=Min(Coalesce("sinds", TruncDate("aangemaakt_op"))))
    )
    for row in [*published, *reusing]:
        known = first.get(row["organisatie"])
        if known is None or row["since"] < known[0]:
            first[row["organisatie"]] = (row["since"], row["organisatie__soort"])
    if not first:
        return {"kwartalen": [], "groepen": [*SOORT_GROUPS, OVERIG], "totaal": 0}
    joined = Counter()
    for since, soort in first.values():
        group = soort if soort in SOORT_GROUPS else OVERIG
        joined[(_quarter(since), group)] += 1
    span = _quarters(
        min(_quarter(since) for since, _ in first.values()),
        _quarter(timezone.localdate()),
    )
    running = Counter()
    quarters = []
    for quarter in span:
        for group in [*SOORT_GROUPS, OVERIG]:
            running[group] += joined[(quarter, group)]
        quarters.append(
            {
                "kwartaal": f"{quarter[0]}-K{quarter[1]}",
                "aantallen": {g: running[g] for g in [*SOORT_GROUPS, OVERIG]},
                "totaal": sum(running.values()),
            }
        )
    return {
        "kwartalen": quarters,
        "groepen": [*SOORT_GROUPS, OVERIG],
        "totaal": len(first),
    }


def per_levensfase() -> list[dict]:
    counts = dict(
        _published_blocks().values_list("levensfase").annotate(n=Count("pk")).order_by()
    )
    return [{"levensfase": fase, "aantal": counts.get(fase, 0)} for fase in Levensfase]


def _phase_history() -> dict[int, list[tuple[str, datetime.datetime]]]:
    """Per published block the phases it went through, each with when it got there."""
    history: dict[int, list[tuple[str, datetime.datetime]]] = defaultdict(list)
    published = dict(_published_blocks().values_list("pk", "levensfase"))
    created = dict(_published_blocks().values_list("pk", "aangemaakt_op"))
    versions = (
        Version.objects.filter(
            content_type=ContentType.objects.get_for_model(Bouwsteen),
            object_id__in=[str(pk) for pk in published],
        )
        .order_by("revision__date_created", "pk")
        .values_list("object_id", "serialized_data", "format", "revision__date_created")
        .iterator(chunk_size=2000)
    )
    for object_id, data, fmt, moment in versions:
        if fmt != "json":
            continue
        try:
            fase = json.loads(data)[0]["fields"].get("levensfase")
        except (ValueError, LookupError, TypeError):
            continue  # a version the current model can no longer read
        steps = history[int(object_id)]
        if fase and (not steps or steps[-1][0] != fase):
            steps.append((fase, moment))
    for pk, fase in published.items():
        steps = history[pk]
        if not steps or steps[-1][0] != fase:
            steps.append((fase, steps[-1][1] if steps else created[pk]))
    return history


def funnel() -> list[dict]:
    """How many published blocks reached each step from pilot to production, how many
    of those moved on to the next, and the median number of days that took."""
    reached: dict[str, dict[int, datetime.datetime]] = {f: {} for f in FUNNEL}
    for pk, steps in _phase_history().items():
        for fase, moment in steps:
            if fase in reached and pk not in reached[fase]:
                reached[fase][pk] = moment
    out = []
    for index, fase in enumerate(FUNNEL):
        following = FUNNEL[index + 1] if index + 1 < len(FUNNEL) else None
        days = []
        if following:
            for pk, moment in reached[fase].items():
                later = reached[following].get(pk)
                if later and later >= moment:
                    days.append((later - moment).days)
        out.append(
            {
                "levensfase": fase,
                "bereikt": len(reached[fase]),
                "doorNaar": following,
                "doorgegaan": len(days) if following else None,
                "medianeDagen": round(statistics.median(days)) if days else None,
            }
        )
    return out


def reuse_per_thema() -> list[dict]:
    rows = (
        _confirmed_reuse()
        .filter(stadium__in=ACTIVE_REUSE)
        .values("bouwsteen__themas__slug", "bouwsteen__themas__naam")
        .annotate(n=Count("pk", distinct=True))
        .filter(~Q(bouwsteen__themas__slug=None))
        .order_by("-n", "bouwsteen__themas__naam")
    )
    return [
        {
            "thema": row["bouwsteen__themas__slug"],
            "naam": row["bouwsteen__themas__naam"],
            "aantal": row["n"],
        }
        for row in rows
    ]


def most_reused(limit: int = 10) -> list[dict]:
    rows = (
        _published_blocks()
        .annotate(
            n=Count(
                "hergebruik__organisatie",
                filter=Q(
                    hergebruik__status=HergebruikStatus.BEVESTIGD,
                    hergebruik__stadium__in=ACTIVE_REUSE,
                ),
                distinct=True,
            )
        )
        .filter(n__gt=0)
        .select_related("organisatie")
        .order_by("-n", "naam", "pk")[:limit]
    )
    return [
        {
            "uuid": str(b.uuid),
            "slug": b.slug,
            "naam": b.naam,
            "organisatie": b.organisatie.naam,
            "organisaties": b.n,
        }
        for b in rows
    ]


def figures() -> dict:
    """Every figure of /statistieken, computed once per state of the data."""
    key = _fingerprint()
    cached = cache.get(key)
    if cached is not None:
        return cached
    result = {
        "deelname": participation(),
        "levensfasen": per_levensfase(),
        "trechter": funnel(),
        "hergebruikPerThema": reuse_per_thema(),
        "meestHergebruikt": most_reused(),
    }
    cache.set(key, result, CACHE_SECONDS)
    return result
