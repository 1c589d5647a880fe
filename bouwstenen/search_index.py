"""What a building block's search document is, and the numbers search answers by.

Declarations only: the fields and their weights, the FTS5 table, the vocabulary and
the sizes of similarity and suggestions. ``bouwstenen.search`` searches with them; the
benchmark's floor (``bench.floor``) writes its hand-made SQL from the same values. No
model is imported here, so the floor can read this outside Django.
"""

from core.search import compounds, text
from core.search.backends.base import Field, SearchIndex
from registry.constants import Publicatiestatus

# The FTS5 table over the stemmed columns (SQLite), created by migration 0003.
FTS_TABLE = "bouwstenen_zoekindex"
# Ranking reads naam and samenvatting only: a block found through its beschrijving or
# context (organisation, thema's, components) ranks after those that carry the words in
# their name or summary, in name order. On PostgreSQL that lets ranking use the small
# ``vector_kort`` (docs/performance.md); SQLite's bm25 gets the same zero weights.
FIELDS = (
    Field("naam", 1.0),
    Field("samenvatting", 0.4),
    Field("beschrijving", 0.0),
    Field("context", 0.0),
)
WEIGHTS = tuple(field.weight for field in FIELDS)
# The annotation that carries a found block's relevance (higher is better).
SCORE = "zoekscore"

# Similar blocks (``search.similar_to``): how many are shown, how many of a block's own
# words look for similar text, how many blocks that finds at most, and how many
# candidates (first by name) are scored.
SIMILAR_LIMIT = 5
SIMILAR_QUERY_WORDS = 30
SIMILAR_TEXTUAL = 200
SIMILAR_POOL = 300
# Suggestions (``search.suggestions``): per kind, and the best search results whose
# names are tried.
SUGGESTIONS_LIMIT = 5
SUGGESTIONS_SEARCHED = 50


def texts(bouwsteen) -> dict[str, str]:
    """A block's searchable text per column; what ``SearchIndex.texts`` reads."""
    themas = [t.naam for t in bouwsteen.themas.all()]
    componenten = [r.naam for r in bouwsteen.referentiecomponenten.all()]
    context = " ".join(
        [
            bouwsteen.organisatie.naam,
            bouwsteen.organisatie.code,
            bouwsteen.get_soort_display(),
            bouwsteen.get_vorm_display() if bouwsteen.vorm else "",
            *themas,
            *componenten,
            *(laag.naam for laag in bouwsteen.lagen.all()),
            # The parts of its compound words (issue 18): "kaart" finds
            # "Hittestresskaart", after the blocks with "kaart" in their name.
            compounds.parts_of(
                " ".join(
                    [bouwsteen.naam, bouwsteen.samenvatting, bouwsteen.beschrijving]
                )
            ),
        ]
    )
    return {
        "naam": bouwsteen.naam,
        "samenvatting": bouwsteen.samenvatting,
        "beschrijving": bouwsteen.beschrijving,
        "context": context,
        "trefwoorden": text.fold(
            " ".join(
                [bouwsteen.naam, bouwsteen.organisatie.naam, *themas, *componenten]
            )
        ),
    }


def counted(bouwsteen) -> bool:
    """Only published blocks add their words to the vocabulary: a correction never
    points at a word nobody can find."""
    return bouwsteen.publicatiestatus == Publicatiestatus.GEPUBLICEERD


INDEX = SearchIndex(
    model="bouwstenen.Bouwsteen",
    document_model="bouwstenen.Zoekdocument",
    object_field="bouwsteen",
    related_name="zoekdocument",
    fields=FIELDS,
    texts=texts,
    select_related=("organisatie",),
    prefetch_related=("themas", "referentiecomponenten", "lagen"),
    score=SCORE,
    fts_table=FTS_TABLE,
    stem_prefix="stam_",
    vector="vector",
    rank_vector="vector_kort",
    vocabulary_model="bouwstenen.Zoekwoord",
    words="woorden",
    counted=counted,
)
