# ruff: noqa: S608 - SQL built from the registry's constants only; values are bound
"""What both databases' floors share: the product's numbers, the JSON the API answers,
and the text rules of similarity and suggestions.

The numbers (page size, count cap, search weights, the sizes of similarity and
suggestions) and the text rules (folding, stop words, the Dutch stemmer) are imported
from the registry itself, so the floor cannot drift from what it is compared with.
"""

import json
import uuid
from collections import defaultdict

from bouwstenen.search_index import (
    FTS_TABLE,
    INDEX,
    SIMILAR_LIMIT,
    SIMILAR_POOL,
    SIMILAR_QUERY_WORDS,
    SIMILAR_TEXTUAL,
    SUGGESTIONS_LIMIT,
    SUGGESTIONS_SEARCHED,
    WEIGHTS,
)
from core.paging import COUNT_CAP, PAGE_SIZE
from core.search.text import stem, stopwords, words
from registry.constants import Publicatiestatus

__all__ = [
    "COUNT_CAP",
    "FTS_TABLE",
    "INDEX",
    "PAGE_SIZE",
    "SIMILAR_POOL",
    "SIMILAR_TEXTUAL",
    "SUGGESTIONS_LIMIT",
    "SUGGESTIONS_SEARCHED",
    "WEIGHTS",
]

PUBLISHED = Publicatiestatus.GEPUBLICEERD.value
LIST_WHERE = f"WHERE b.publicatiestatus = '{PUBLISHED}'"

BLOCK_COLUMNS = """
    b.uuid, b.naam, b.slug, b.soort, b.vorm, b.samenvatting, b.beschrijving,
    b.levensfase, b.licentie, b.repository_url, b.documentatie_url, b.demo_url,
    b.website_url, b.contact_naam, b.contact_email, b.publicatiestatus, b.versie,
    b.beoordeling_opmerking, b.gepubliceerd_op, b.aangemaakt_op, b.gewijzigd_op,
    o.code, o.naam, o.soort, b.leverancier"""


def page_sql(
    relations: str, best_first: str, where: str, order: str, score="0", extras=""
) -> str:
    """One page of blocks with their relations: the ids first, then their columns.

    ``best_first`` is how ``score`` sorts best first (``DESC`` for ts_rank, ``ASC`` for
    bm25, which is lower for better matches)."""
    return f"""
        WITH page AS (
            SELECT b.id, {score} AS score FROM bouwstenen_bouwsteen b {where}
             ORDER BY {order} LIMIT {PAGE_SIZE})
        SELECT {BLOCK_COLUMNS}, {relations} {extras}
          FROM page JOIN bouwstenen_bouwsteen b ON b.id = page.id
          JOIN registry_organisatie o ON o.id = b.organisatie_id
         ORDER BY page.score {best_first}, b.naam, b.id"""


def page_queries(
    page,
    *,
    filtered: str,
    soort: str,
    match: str,
    rank: str,
    cards: str,
    best_first: str,
) -> dict:
    """The list, filtered list and search queries both databases write alike, from
    their own ``page`` builder, filter, match, rank and card columns (``best_first`` as
    in page_sql)."""
    by_score = f"score {best_first}, b.naam, b.id"
    cards = "," + cards
    return {
        "list_count": capped(f"SELECT 1 FROM bouwstenen_bouwsteen b {LIST_WHERE}"),
        "list_page": page(LIST_WHERE, "b.naam, b.id"),
        "filtered_count": capped(
            f"SELECT 1 FROM bouwstenen_bouwsteen b {LIST_WHERE} {filtered}"
        ),
        "filtered_page": page(LIST_WHERE + filtered, "b.naam, b.id"),
        "soort_count": capped(
            f"SELECT 1 FROM bouwstenen_bouwsteen b {LIST_WHERE} {soort}"
        ),
        "soort_page": page(LIST_WHERE + soort, "b.naam, b.id"),
        "search_count": capped(f"SELECT 1 FROM bouwstenen_bouwsteen b {match}"),
        "search_page": page(match, by_score, rank),
        "card_page": page(LIST_WHERE, "b.naam, b.id", extras=cards),
        "card_search_page": page(match, by_score, rank, cards),
    }


def capped(select: str) -> str:
    return f"SELECT count(*) FROM ({select} LIMIT {COUNT_CAP + 1}) capped"


def total(counted: int) -> dict:
    return {"count": min(counted, COUNT_CAP), "countExact": counted <= COUNT_CAP}


# --- the JSON the floor produces: the API's shape, built from plain rows -------------


def uuid_text(value) -> str:
    # SQLite keeps a uuid as 32 hex digits; the API (and PostgreSQL) write the usual form.
    return str(value) if isinstance(value, uuid.UUID) else str(uuid.UUID(str(value)))


def block_json(row, base: str) -> dict:
    (key, naam, slug, soort, vorm, samenvatting, beschrijving, levensfase, licentie,
     repository, documentatie, demo, website, contact_naam, contact_email, status,
     versie, opmerking, gepubliceerd, aangemaakt, gewijzigd, org_code, org_naam,
     org_soort, leverancier, themas, componenten, lagen) = row[:28]  # fmt: skip
    key = uuid_text(key)
    return {
        "url": f"{base}/api/v1/bouwstenen/{key}",
        "uuid": key,
        "naam": naam,
        "slug": slug,
        "soort": soort,
        "vorm": vorm or None,
        "samenvatting": samenvatting,
        "beschrijving": beschrijving,
        "organisatie": {
            "url": f"{base}/api/v1/organisaties/{org_code}",
            "code": org_code,
            "naam": org_naam,
            "soort": org_soort,
        },
        "levensfase": levensfase,
        "themas": [
            {"url": f"{base}/api/v1/themas/{s}", "slug": s, "naam": n}
            for s, n in decoded(themas)
        ],
        "referentiecomponenten": [
            {
                "url": f"{base}/api/v1/referentiecomponenten/{uuid_text(g)}",
                "gemmaId": uuid_text(g),
                "naam": n,
            }
            for g, n in decoded(componenten)
        ],
        "lagen": decoded(lagen),
        "licentie": licentie,
        "leverancier": leverancier,
        "links": {
            "repository": repository or None,
            "documentatie": documentatie or None,
            "demo": demo or None,
            "website": website or None,
        },
        "contactpunt": {"naam": contact_naam, "email": contact_email or None},
        "publicatiestatus": status,
        "versie": versie,
        "beoordelingOpmerking": opmerking,
        "gepubliceerdOp": gepubliceerd,
        "aangemaaktOp": aangemaakt,
        "gewijzigdOp": gewijzigd,
    }


def decoded(value):
    # PostgreSQL hands json columns over decoded; SQLite as text.
    return json.loads(value) if isinstance(value, str) else value


def facet_json(rows) -> dict:
    by_dimension = defaultdict(list)
    for dimension, value, naam, aantal in rows:
        if dimension == "referentiecomponent":
            value = uuid_text(value)
        by_dimension[dimension].append(
            {"waarde": str(value), "naam": naam or value, "aantal": aantal}
        )
    result = {}
    for dimension, values in by_dimension.items():
        values.sort(key=lambda v: (-v["aantal"], v["waarde"]))
        top = 20 if dimension in ("organisatie", "referentiecomponent") else None
        result[dimension] = values[:top]
    return result


def significant_words(*texts: str) -> set[str]:
    """The significant stemmed words, as the similarity of bouwstenen.search counts them."""
    stop = stopwords()
    return {
        stem(w) for text in texts for w in words(text) if w not in stop and len(w) > 2
    }


def _terms(own: set[str]) -> list[str]:
    stop = stopwords()
    return [w for w in sorted(own)[:SIMILAR_QUERY_WORDS] if w not in stop]


def words_query(own: set[str]) -> tuple[str, str] | None:
    """The (tsquery, FTS5) alternatives bouwstenen.search makes of these words to find
    similar text: the first thirty, stop words out, each stemmed again as a typed word
    is, and each also as a prefix. None when no word is left."""
    terms = _terms(own)
    if not terms:
        return None
    tsquery = " | ".join(f"'{stem(w)}' | '{w}':*" for w in terms)
    fts5 = " OR ".join(f'"{stem(w)}" OR "{w}"*' for w in terms)
    return tsquery, f"({fts5})"


def rank_similar(rows, own: set[str], n_themas: int, n_componenten: int) -> list:
    scored = []
    for key, naam, samenvatting, org, shared_t, shared_c in rows:
        other = significant_words(naam, samenvatting)
        union = own | other
        jaccard = len(own & other) / len(union) if union else 0.0
        score = (
            0.5 * jaccard
            + 0.25 * (shared_t / n_themas if n_themas else 0)
            + 0.25 * (shared_c / n_componenten if n_componenten else 0)
        )
        if score > 0:
            scored.append(
                {
                    "uuid": uuid_text(key),
                    "naam": naam,
                    "organisatie": org,
                    "score": round(score, 3),
                }
            )
    scored.sort(key=lambda s: (-s["score"], s["naam"]))
    return scored[:SIMILAR_LIMIT]


def starts_a_word(naam: str, typed: str) -> bool:
    """Does every typed word begin a word of the name? (the suggestions' rule)"""
    name_words = words(naam)
    return all(any(w.startswith(t) for w in name_words) for t in words(typed))
