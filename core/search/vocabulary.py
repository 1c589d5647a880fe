"""The catalogue's own words: each distinct folded word and how many counted objects
(the published ones, say) use it, kept by the search backend with the documents.

Search reads it to forgive (``core.search.forgiving``): whether a typed word exists, how a
misspelled word was meant, and how a compound splits. It is small next to the documents
(tens of thousands of words against hundreds of thousands of objects), so a misspelled
query reads the vocabulary and never the documents.

The vocabulary model has the columns ``woord`` (the key), ``stam`` (its Dutch stem),
``begin`` (its first letter), ``lengte`` and ``aantal``; each document records the words
it contributed (``SearchIndex.words``), so a change subtracts exactly what was added.
"""

from collections import Counter
from collections.abc import Iterable

from django.db import connections, router

from core.search import text

# The one condition ``probe`` gathers into a single ``IN``: the rest it asks one by one.
_EXACT = "woord = %s"
MIN_LENGTH = 3
MAX_LENGTH = 40
BATCH = 500
# Rows per upsert: five values each, under the 999 an older SQLite binds at most.
UPSERT_BATCH = 150


def words_of(texts: Iterable[str]) -> set[str]:
    """The vocabulary words of some texts: folded, no stop words, no bare numbers."""
    stop = text.stopwords()
    return {
        word
        for value in texts
        for word in text.words(value)
        if MIN_LENGTH <= len(word) <= MAX_LENGTH
        and not word.isdigit()
        and word not in stop
    }


def stored(words: set[str]) -> str:
    """How a document keeps the words it contributed."""
    return " ".join(sorted(words))


# A condition on the vocabulary's rows: SQL over its columns, and the values it binds.
Condition = tuple[str, list]


class Vocabulary:
    """Reading and changing one vocabulary table; ``starts_with`` is the database's own
    way to ask for the words that begin with a prefix, as a ``Condition`` (see the
    backends)."""

    def __init__(self, manager, starts_with):
        self.manager = manager
        self.starts_with = starts_with

    # --- reading ---------------------------------------------------------------------

    def probe(self, questions: dict[str, Condition]) -> dict[str, bool]:
        """For each named condition whether some word meets it, in one statement.

        Written out by hand: every search asks a few dozen questions (every way each
        word may split), and composing them as ORM expressions cost more than the
        search itself (16 of 41 ms for a two-word query, docs/performance.md). The
        conditions are this module's fixed SQL; only words are bound.
        """
        if not questions:
            return {}
        connection = connections[self.manager.db]
        quote = connection.ops.quote_name
        exact = sorted(
            {params[0] for sql, params in questions.values() if sql == _EXACT}
        )
        wheres, params = [], []
        if exact:
            wheres.append(f"{quote('woord')} IN ({', '.join(['%s'] * len(exact))})")
            params += exact
        for sql, bound in questions.values():
            if sql != _EXACT:
                wheres.append(sql)
                params += bound
        columns, column_params = [], []
        for sql, bound in questions.values():
            columns.append(f"MAX(CASE WHEN {sql} THEN 1 ELSE 0 END)")
            column_params += bound
        statement = (
            f"SELECT {', '.join(columns)} "  # noqa: S608 - fixed SQL, words are bound
            f"FROM {quote(self.manager.model._meta.db_table)} "
            f"WHERE {' OR '.join(wheres)}"
        )
        with connection.cursor() as cursor:
            cursor.execute(statement, column_params + params)
            answers = cursor.fetchone()
        return {
            name: bool(answer) for name, answer in zip(questions, answers, strict=True)
        }

    def known(self, word: str) -> Condition:
        """The condition for a typed word to exist: as a word, a stem or a beginning."""
        sql, params = self.starts_with(self._column("woord"), word)
        return f"({sql} OR {self._column('stam')} = %s)", [*params, text.stem(word)]

    def exact(self, word: str) -> Condition:
        """The condition for ``word`` to be a word of the catalogue as it is."""
        return _EXACT, [word]

    def _column(self, name: str) -> str:
        return connections[self.manager.db].ops.quote_name(name)

    def candidates(self, word: str, shortest: int, longest: int):
        """The words that could be ``word`` misspelled, as (word, how many use it): the
        same first letter (as Lucene's spell checker assumes too), a length between
        ``shortest`` and ``longest``; the index on both answers it."""
        return list(
            self.manager.filter(
                begin=word[0], lengte__gte=shortest, lengte__lte=longest
            ).values_list("woord", "aantal")
        )

    # --- changing --------------------------------------------------------------------

    def change(self, delta: dict[str, int]) -> None:
        """Add each word's change in use; a word no object uses any more goes.

        One upsert per batch: a word that is missing is inserted with its change, one
        that exists gains it (``ON CONFLICT ... DO UPDATE``, on both databases). The
        database does either atomically, also when another writer deletes or inserts
        the same word meanwhile, so no gain is lost. The rows are written, and so
        locked, in the words' order: two writers that change the same words (two blocks
        published at once) never wait on each other in a circle. Then the words that
        lost their last use go, among rows this writer already holds.
        """
        changed = sorted((word, n) for word, n in delta.items() if n)
        if not changed:
            return
        model = self.manager.model
        connection = connections[router.db_for_write(model)]
        quote = connection.ops.quote_name
        table = quote(model._meta.db_table)
        columns = ", ".join(
            quote(name) for name in ("woord", "stam", "begin", "lengte", "aantal")
        )
        aantal = quote("aantal")
        with connection.cursor() as cursor:
            for start in range(0, len(changed), UPSERT_BATCH):
                chunk = changed[start : start + UPSERT_BATCH]
                rows = ", ".join(["(%s, %s, %s, %s, %s)"] * len(chunk))
                cursor.execute(
                    # Names quoted from the model; every value is bound.
                    f"INSERT INTO {table} ({columns}) VALUES {rows} "  # noqa: S608
                    f"ON CONFLICT ({quote('woord')}) DO UPDATE SET "
                    f"{aantal} = {table}.{aantal} + excluded.{aantal}",
                    [
                        value
                        for word, n in chunk
                        for value in (word, text.stem(word), word[0], len(word), n)
                    ],
                )
        losing = [word for word, n in changed if n < 0]
        for start in range(0, len(losing), BATCH):
            self.manager.filter(
                woord__in=losing[start : start + BATCH], aantal__lte=0
            ).delete()

    def replace(self, counts: Counter) -> None:
        """The whole vocabulary anew (after rebuilding every document)."""
        self.manager.all().delete()
        model = self.manager.model
        self.manager.bulk_create(
            (
                model(woord=w, stam=text.stem(w), begin=w[0], lengte=len(w), aantal=n)
                for w, n in counts.items()
                if n > 0
            ),
            batch_size=BATCH,
        )
