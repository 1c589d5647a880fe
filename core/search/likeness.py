"""How alike two names are, in a way that survives the mistakes people make typing them.

Names are compared by the letter trigrams of their folded words without spaces and stop
words: "Jeugdzorg dashboard" is close to "Jeugdzorgdashboard instroom en doorlooptijden"
(split or joined makes no difference), and a typo costs a few trigrams, not a whole word.
Shared by "Bestaat dit al?" and the API's similar blocks, so both judge a name alike.
"""

from core.search import text


def significant(value: str) -> list[str]:
    """The folded words of ``value`` without stop words, in order."""
    stop = text.stopwords()
    return [w for w in text.words(value) if w not in stop]


def trigrams(value: str) -> set[str]:
    letters = "".join(significant(value))
    return {letters[i : i + 3] for i in range(len(letters) - 2)}


def name_likeness(new: str, existing: str) -> float:
    """How much of the new name the existing one holds (containment), and how alike the
    two are as a whole (Dice), weighed 2 to 3: a short new name inside a long one is
    likely the same thing, but not certainly. Between 0 and 1."""
    mine, theirs = trigrams(new), trigrams(existing)
    if not mine or not theirs:
        return 0.0
    shared = len(mine & theirs)
    dice = 2 * shared / (len(mine) + len(theirs))
    return 0.4 * shared / len(mine) + 0.6 * dice


def stems(value: str) -> set[str]:
    """The stems of the significant words longer than two letters."""
    return {text.stem(w) for w in significant(value) if len(w) > 2}


def jaccard(a: set, b: set) -> float:
    union = a | b
    return len(a & b) / len(union) if union else 0.0
