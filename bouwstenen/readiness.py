"""Derived figures: reuse counts and the opschalingsscore. Never typed in, always computed.

The score is the share of applicable preconditions answered "ja", with "deels" counting
half; "n.v.t." takes a precondition out of the count and an unanswered one counts as not
(yet) in place. A block without any answer has no score.
"""

from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce

from bouwstenen.constants import (
    ANTWOORD_WAARDE,
    VOORWAARDE_UITLEG,
    Antwoord,
    HergebruikStadium,
    Voorwaarde,
)
from bouwstenen.models import Bouwsteen, Hergebruik, Opschalingsantwoord

ACTIVE_REUSE = (HergebruikStadium.PILOT, HergebruikStadium.IN_GEBRUIK)


def count_per_block(queryset) -> Coalesce:
    """How many rows of ``queryset`` (rows about a block: reuse, answers, links) the
    outer block has, as a subquery: the rows of the outer query never multiply."""
    counted = (
        queryset.filter(bouwsteen=OuterRef("pk"))
        .order_by()
        .values("bouwsteen")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_counts(queryset: QuerySet[Bouwsteen]) -> QuerySet[Bouwsteen]:
    """Annotate reuse counts and the score, as subqueries so the rows never multiply.

    Only confirmed reuse counts: what someone else reported stays out until the reusing
    organisation confirms it.
    """
    answers = Opschalingsantwoord.objects.all()
    reuse = Hergebruik.objects.bevestigd()
    total = len(Voorwaarde.values)
    return queryset.annotate(
        hergebruik_in_gebruik=count_per_block(
            reuse.filter(stadium=HergebruikStadium.IN_GEBRUIK)
        ),
        hergebruik_pilot=count_per_block(reuse.filter(stadium=HergebruikStadium.PILOT)),
        hergebruik_actief=count_per_block(reuse.filter(stadium__in=ACTIVE_REUSE)),
        _antwoorden=count_per_block(answers),
        _ja=count_per_block(answers.filter(antwoord=Antwoord.JA)),
        _deels=count_per_block(answers.filter(antwoord=Antwoord.DEELS)),
        _nvt=count_per_block(answers.filter(antwoord=Antwoord.NVT)),
    ).annotate(
        opschalingsscore=Case(
            When(
                Q(_antwoorden=0) | Q(_nvt=total),
                then=Value(None, output_field=FloatField()),
            ),
            default=Cast(
                (F("_ja") * Value(100.0) + F("_deels") * Value(50.0))
                / (Value(total) - F("_nvt")),
                FloatField(),
            ),
            output_field=FloatField(),
        )
    )


def attach_counts(
    blocks: list[Bouwsteen], unused: Collection[int] = ()
) -> list[Bouwsteen]:
    """``with_counts`` for blocks already read with their answers prefetched: the same
    figures under the same names, from one grouped query for the reuse and the
    prefetched answers for the score (``score_of``; the constraints on the answers
    keep it equal to the SQL), instead of seven subqueries the ORM builds anew for
    every read. For the reads of one or a few blocks: a write's answer, a rendering.
    ``unused``: blocks the caller knows have no confirmed reuse, not asked about."""
    attach_reuse_counts(blocks, unused)
    for block in blocks:
        block.opschalingsscore = score_of(
            {a.voorwaarde: a.antwoord for a in block.opschalingsantwoorden.all()}
        )
    return blocks


def attach_reuse_counts(
    blocks: list[Bouwsteen], unused: Collection[int] = ()
) -> list[Bouwsteen]:
    """The reuse figures of ``with_counts`` (in use, pilot, active) for blocks already
    read, from one grouped query; ``unused`` as for ``attach_counts``."""
    counted: dict[int, dict[str, int]] = {block.pk: {} for block in blocks}
    asked = [pk for pk in counted if pk not in unused]
    rows = (
        Hergebruik.objects.bevestigd()
        .filter(bouwsteen__in=asked)
        .order_by()
        .values_list("bouwsteen", "stadium")
        .annotate(n=Count("pk"))
        if asked
        else ()
    )
    for bouwsteen_id, stadium, n in rows:
        counted[bouwsteen_id][stadium] = n
    for block in blocks:
        by_stage = counted[block.pk]
        block.hergebruik_in_gebruik = by_stage.get(HergebruikStadium.IN_GEBRUIK, 0)
        block.hergebruik_pilot = by_stage.get(HergebruikStadium.PILOT, 0)
        block.hergebruik_actief = sum(by_stage.get(s, 0) for s in ACTIVE_REUSE)
    return blocks


@dataclass
class Precondition:
    code: str
    label: str
    uitleg: str
    antwoord: str | None  # None: not answered yet
    antwoord_label: str
    toelichting: str
    bewijs_url: str

    @property
    def ontbreekt(self) -> bool:
        return self.antwoord in (None, Antwoord.NEE, Antwoord.DEELS)


@dataclass
class Readiness:
    score: float | None
    preconditions: list[Precondition]

    @property
    def missing(self) -> list[Precondition]:
        return [p for p in self.preconditions if p.ontbreekt]

    @property
    def answered(self) -> int:
        return sum(1 for p in self.preconditions if p.antwoord is not None)

    @property
    def still_open(self) -> list[Precondition]:
        """What the page lists under "what is missing": nothing before the first
        answer, when the checklist itself says that everything is still open."""
        return self.missing if self.answered else []

    @property
    def rest(self) -> list[Precondition]:
        """The checklist without what ``still_open`` lists, so nothing shows twice."""
        listed = {p.code for p in self.still_open}
        return [p for p in self.preconditions if p.code not in listed]


def score_of(answers: dict[str, str]) -> float | None:
    """The same rule as the SQL annotation, for one block's answers."""
    if not answers:
        return None
    applicable = [
        code for code in Voorwaarde.values if answers.get(code) != Antwoord.NVT
    ]
    if not applicable:
        return None
    points = sum(ANTWOORD_WAARDE.get(answers.get(code), 0.0) for code in applicable)
    return 100.0 * points / len(applicable)


def readiness_of(bouwsteen: Bouwsteen) -> Readiness:
    """Every precondition with its answer (or none yet), in the checklist's order."""
    by_code = {a.voorwaarde: a for a in bouwsteen.opschalingsantwoorden.all()}
    preconditions = []
    for code, label in Voorwaarde.choices:
        answer = by_code.get(code)
        preconditions.append(
            Precondition(
                code=code,
                label=label,
                uitleg=VOORWAARDE_UITLEG[code],
                antwoord=answer.antwoord if answer else None,
                antwoord_label=answer.get_antwoord_display()
                if answer
                else "Nog niet ingevuld",
                toelichting=answer.toelichting if answer else "",
                bewijs_url=answer.bewijs_url if answer else "",
            )
        )
    return Readiness(
        score_of({c: a.antwoord for c, a in by_code.items()}), preconditions
    )
