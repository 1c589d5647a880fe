""" "Bestaat dit al?": the existing blocks that a new block, as it is being named, may
duplicate.

The candidates come from the search that forgives (``core.search.forgiving``): any word
of the name or summary, misspelled or not, split or joined. They are then compared by
name in a way that survives the same mistakes: the letter trigrams of the folded name
without spaces and stop words, so "Jeugdzorg dashboard" is close to "Jeugdzorgdashboard
instroom en doorlooptijden" and a typo costs a few trigrams, not a whole word. A summary,
when given, adds by the word stems it shares. How alike is said in words.
"""

from django.db.models import QuerySet

from bouwstenen.models import Bouwsteen
from bouwstenen.search import find
from core.search.likeness import jaccard, name_likeness, significant, stems

CANDIDATES = 50
LIMIT = 5
QUERY_WORDS = 30
SHOWN_FROM = 0.25
# The likeness in words, from the highest lower bound down.
LIKENESS = (
    (0.6, "lijkt sterk op"),
    (0.4, "lijkt op"),
    (0.0, "heeft iets gemeen met"),
)


def likeness_in_words(score: float) -> str:
    return next(words for bound, words in LIKENESS if score >= bound)


def possible_duplicates(
    candidates: QuerySet[Bouwsteen],
    *,
    naam: str,
    samenvatting: str = "",
    exclude_pk: int | None = None,
    limit: int = LIMIT,
) -> list[tuple[Bouwsteen, float, str]]:
    """The blocks among ``candidates`` most like the new name (and summary), each with
    its likeness (0 to 1) and that likeness in words, most alike first."""
    words = significant(f"{naam} {samenvatting}")[:QUERY_WORDS]
    if not words:
        return []
    if exclude_pk is not None:
        candidates = candidates.exclude(pk=exclude_pk)
    found = (
        find(candidates, " or ".join(words))
        .queryset.select_related("organisatie")
        .order_by("-zoekscore", "naam")[:CANDIDATES]
    )
    own_stems = stems(samenvatting)
    scored = []
    for other in found:
        score = name_likeness(naam or samenvatting, other.naam)
        if own_stems:
            summary = jaccard(own_stems, stems(other.samenvatting))
            # A shared summary adds to the name's likeness, up to half of what is left.
            score += (1 - score) * 0.5 * summary
        if score >= SHOWN_FROM:
            scored.append((other, round(score, 3), likeness_in_words(score)))
    scored.sort(key=lambda found: (-found[1], found[0].naam))
    return scored[:limit]
