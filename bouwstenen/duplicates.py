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
from core.search import text

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


def _significant(value: str) -> list[str]:
    stop = text.stopwords()
    return [w for w in text.words(value) if w not in stop]


def trigrams(value: str) -> set[str]:
    letters = "".join(_significant(value))
    return {letters[i : i + 3] for i in range(len(letters) - 2)}


def name_likeness(new: str, existing: str) -> float:
    """How much of the new name the existing one holds (containment), and how alike the
    two are as a whole (Dice), weighed 2 to 3: a short new name inside a long one is
    likely the same thing, but not certainly."""
    mine, theirs = trigrams(new), trigrams(existing)
    if not mine or not theirs:
        return 0.0
    shared = len(mine & theirs)
    dice = 2 * shared / (len(mine) + len(theirs))
    return 0.4 * shared / len(mine) + 0.6 * dice


def _stems(value: str) -> set[str]:
    return {text.stem(w) for w in _significant(value) if len(w) > 2}


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
    words = _significant(f"{naam} {samenvatting}")[:QUERY_WORDS]
    if not words:
        return []
    if exclude_pk is not None:
        candidates = candidates.exclude(pk=exclude_pk)
    found = (
        find(candidates, " or ".join(words))
        .queryset.select_related("organisatie")
        .order_by("-zoekscore", "naam")[:CANDIDATES]
    )
    own_stems = _stems(samenvatting)
    scored = []
    for other in found:
        score = name_likeness(naam or samenvatting, other.naam)
        if own_stems:
            theirs = _stems(other.samenvatting)
            union = own_stems | theirs
            summary = len(own_stems & theirs) / len(union) if union else 0.0
            # A shared summary adds to the name's likeness, up to half of what is left.
            score += (1 - score) * 0.5 * summary
        if score >= SHOWN_FROM:
            scored.append((other, round(score, 3), likeness_in_words(score)))
    scored.sort(key=lambda found: (-found[1], found[0].naam))
    return scored[:limit]
