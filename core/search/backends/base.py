"""What a search backend is, in terms that know no model of the project.

An app declares a ``SearchIndex``: which model holds the search documents, which of its
text columns are searched and how much each weighs, and how an object's texts are read.
A backend (one per database, see ``core.search.backends.get_backend``) keeps those
documents up to date and answers queries over them, with a ``Found``: the matching
objects ranked, and the rows that rank first when it knows them (for
``core.paging.CappedPaginator``).

Importing this module loads no model, so tools outside Django (the benchmark's floor)
can read an app's declarations too.
"""

from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from django.apps import apps
from django.db import connections, transaction
from django.db.models import FloatField, Model, QuerySet, Value

from core.paging import LeadingSubset
from core.search import text, vocabulary
from core.search.forgiving import Correction, corrected, forgive
from core.search.text import Clause, Query
from core.search.vocabulary import Vocabulary


@dataclass(frozen=True)
class Field:
    """A text column of the document model and its weight in the ranking. A field of
    weight 0 is searched but does not rank: a record found only there comes after those
    found in a weighted field."""

    name: str
    weight: float


@dataclass(frozen=True)
class SearchIndex:
    """One searchable model and its search documents (one row per object)."""

    # "app_label.Model" of the searched objects and of their documents. Labels, not
    # classes, so that a declaration can be read before the apps are loaded.
    model: str
    document_model: str
    # The document's one-to-one key to its object (also the document's primary key),
    # and the name by which the objects reach their document in a lookup.
    object_field: str
    related_name: str
    # In order of weight: PostgreSQL labels them A, B, C and D, so at most four.
    fields: tuple[Field, ...]
    # The texts of one object by column: every field, plus ``names``.
    texts: Callable[[Model], dict[str, str]]
    # What ``texts`` reads of an object, fetched with it.
    select_related: tuple[str, ...]
    prefetch_related: tuple[str, ...]
    # The annotation that carries each found object's score (higher is better).
    score: str
    # The FTS5 table over the stemmed columns (SQLite), and those columns' prefix.
    fts_table: str
    stem_prefix: str
    # The full and the short (weighted fields only) tsvector columns (PostgreSQL).
    vector: str
    rank_vector: str
    # The catalogue's words (core.search.vocabulary): its model, the document column
    # that keeps the words a document contributed, and which objects count (published
    # ones, say). Without a vocabulary model, search does not forgive.
    vocabulary_model: str = ""
    words: str = "woorden"
    counted: Callable[[Model], bool] = bool

    def __post_init__(self):
        if not 0 < len(self.fields) <= 4:
            raise ValueError("Een zoekindex heeft één tot vier velden.")

    @property
    def weights(self) -> tuple[float, ...]:
        return tuple(f.weight for f in self.fields)

    @property
    def ranked_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.weight > 0)

    def lookup(self, column: str) -> str:
        """A document column as seen from the searched objects."""
        return f"{self.related_name}__{column}"


@dataclass(frozen=True)
class Found:
    """The objects that match a query, annotated with ``index.score``, and the rows
    among them that rank first, when the backend knows them (see core.paging)."""

    queryset: QuerySet
    leading: LeadingSubset | None = None
    # Set when a word was misspelled: what was searched instead (core.search.forgiving).
    correction: Correction | None = None
    # Whether the score ranks the objects: False when nothing was wanted (an empty
    # query, or only exclusions), so every object scores the same.
    ranked: bool = True


class SearchBackend(ABC):
    """Indexing and querying on one database; ``get_backend`` picks the class."""

    def __init__(self, alias: str):
        self.alias = alias

    @staticmethod
    def documents(index: SearchIndex):
        """The manager of the index's documents."""
        return apps.get_model(index.document_model)._default_manager

    def vocabulary(self, index: SearchIndex) -> Vocabulary:
        manager = apps.get_model(index.vocabulary_model)._default_manager
        return Vocabulary(manager, self.starts_with)

    def starts_with(self, column: str, prefix: str) -> tuple[str, list]:
        """SQL for the rows whose ``column`` (quoted) starts with ``prefix`` (a folded
        word), and the values it binds: LIKE, as the ORM's ``startswith`` writes it."""
        escaped = connections[self.alias].ops.prep_for_like_query(prefix)
        return f"{column} LIKE %s", [escaped + "%"]

    # --- indexing --------------------------------------------------------------------

    def update(
        self,
        index: SearchIndex,
        pks: Iterable | None = None,
        *,
        batch_size: int = 500,
        objects: list[Model] | None = None,
    ) -> int:
        """(Re)write the documents of the given objects, or of all; in one transaction.
        Returns how many documents were written.

        ``objects``: the objects themselves, as a writer holds them, instead of their
        ``pks``; what the index's texts read of them is read from them as they are.
        """
        if objects is not None and index.vocabulary_model:
            return self._update_held(index, list(objects))
        if objects is not None:
            pks = [obj.pk for obj in objects]
        else:
            objects = (
                apps.get_model(index.model)
                ._default_manager.select_related(*index.select_related)
                .prefetch_related(*index.prefetch_related)
            )
            if pks is not None:
                pks = list(pks)
                objects = objects.filter(pk__in=pks)
            objects = objects.order_by("pk").iterator(chunk_size=batch_size)
        done, words = 0, Counter()
        # Inside a writer's transaction no savepoint: a failure here fails that write
        # as a whole (nothing catches it to go on), and a savepoint cost every write
        # two statements. Called on its own (a rebuild), this is the transaction.
        with transaction.atomic(savepoint=False):
            if index.vocabulary_model and pks is not None:
                # What these documents contributed goes, what they contribute now comes.
                for kept in (
                    self.documents(index)
                    .filter(**{f"{index.object_field}__in": pks})
                    .values_list(index.words, flat=True)
                ):
                    words.subtract((kept or "").split())
            self.delete(index, pks)
            batch = []
            for obj in objects:
                document = self._document(index, obj)
                words.update((getattr(document, index.words) or "").split())
                batch.append(document)
                if len(batch) >= batch_size:
                    done += self._store(index, batch)
                    batch = []
            done += self._store(index, batch)
            if index.vocabulary_model:
                if pks is None:
                    self.vocabulary(index).replace(words)
                else:
                    self.vocabulary(index).change(words)
        return done

    def _update_held(self, index: SearchIndex, objects: list[Model]) -> int:
        """The documents of objects a writer holds, rewritten only where their texts
        changed. Where only the words they lend the vocabulary changed (published or
        withdrawn), only that column; where nothing did (answers given, a block
        submitted), nothing. Rewriting a document recomputes its vectors (or stems) and
        deletes and inserts its row: four statements, for a write that changed no text.
        Returns how many documents were written."""
        texts = {obj.pk: index.texts(obj) for obj in objects}
        columns = sorted({name for held in texts.values() for name in held})
        stored = {
            row[0]: row[1:]
            for row in self.documents(index)
            .filter(**{f"{index.object_field}__in": list(texts)})
            .values_list(index.object_field, index.words, *columns)
        }
        words, rewritten, recounted = Counter(), [], {}
        for obj in objects:
            held, row = texts[obj.pk], stored.get(obj.pk)
            lent, was = self._lent(index, obj, held), row[0] if row else None
            if row is None or list(row[1:]) != [held[name] for name in columns]:
                rewritten.append((obj, self._document(index, obj, held)))
            elif was != lent:
                recounted[obj.pk] = lent
            else:
                continue
            words.subtract((was or "").split())
            words.update((lent or "").split())
        with transaction.atomic(savepoint=False):
            if rewritten:
                # Only documents that exist go first: a new object has none.
                if had := [obj.pk for obj, _document in rewritten if obj.pk in stored]:
                    self.delete(index, had)
                self._store(index, [document for _obj, document in rewritten])
            for pk, lent in recounted.items():
                self.documents(index).filter(**{index.object_field: pk}).update(
                    **{index.words: lent}
                )
            self.vocabulary(index).change(words)
        return len(rewritten) + len(recounted)

    def rebuild(self, index: SearchIndex) -> int:
        return self.update(index)

    def delete(self, index: SearchIndex, pks: Iterable | None = None) -> None:
        """Remove the documents of the given objects, or all of them."""
        documents = self.documents(index).all()
        if pks is not None:
            documents = documents.filter(**{f"{index.object_field}__in": list(pks)})
        documents.delete()

    def _document(
        self, index: SearchIndex, obj: Model, texts: dict[str, str] | None = None
    ) -> Model:
        texts = index.texts(obj) if texts is None else texts
        document = apps.get_model(index.document_model)(
            **{index.object_field: obj}, **texts, **self.stored_forms(index, texts)
        )
        if (lent := self._lent(index, obj, texts)) is not None:
            setattr(document, index.words, lent)
        return document

    @staticmethod
    def _lent(index: SearchIndex, obj: Model, texts: dict[str, str]) -> str | None:
        """The words a document lends the vocabulary, as it stores them; None when its
        object does not count (a draft, say)."""
        if not (index.vocabulary_model and index.counted(obj)):
            return None
        return vocabulary.stored(
            vocabulary.words_of(texts[f.name] for f in index.fields)
        )

    def stored_forms(self, index: SearchIndex, texts: dict[str, str]) -> dict:
        """Columns this database derives from the texts, by name: values computed in
        Python, or expressions the database computes in the INSERT."""
        return {}

    def _store(self, index: SearchIndex, documents: list[Model]) -> int:
        if not documents:
            return 0
        self.documents(index).bulk_create(documents)
        return len(documents)

    # --- querying --------------------------------------------------------------------

    def search(
        self,
        index: SearchIndex,
        queryset: QuerySet,
        raw_query: str | None,
        *,
        forgiving: bool = True,
    ) -> Found:
        """The objects of ``queryset`` that match, as a ``Found``.

        An empty query (or only stop words) filters nothing; a query of only exclusions
        (``-woord``) leaves out the objects that contain them, all equally relevant.
        ``forgiving``: misspelled words are corrected and compounds found split and
        joined, against the vocabulary (core.search.forgiving); ``Found.correction``
        says what was searched instead. Raises text.QueryTooLong.
        """
        query = text.parse(raw_query)
        correction = None
        if forgiving and index.vocabulary_model and query.groups:
            query, fixes = forgive(query, self.vocabulary(index))
            if fixes:
                instead = corrected(raw_query, fixes)
                correction = Correction(suggestie=instead, gezocht_op=instead)
        if query.is_empty:
            if query.excluded:
                queryset = self.exclude(index, queryset, query.excluded)
            unscored = Value(0.0, output_field=FloatField())
            found = Found(queryset.annotate(**{index.score: unscored}), ranked=False)
        else:
            found = self.match(index, queryset, query)
        return replace(found, correction=correction) if correction else found

    @abstractmethod
    def match(self, index: SearchIndex, queryset: QuerySet, query: Query) -> Found:
        """The objects that match a query with at least one wanted clause."""

    @abstractmethod
    def exclude(
        self, index: SearchIndex, queryset: QuerySet, clauses: list[Clause]
    ) -> QuerySet:
        """Leave out the objects whose whole document holds any of the clauses."""
