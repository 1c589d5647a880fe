# ruff: noqa: S608 - SQL built from this module's constants only; values are bound
"""The floor: each read scenario's rows fetched by hand-written SQL and encoded with orjson.

Nothing on top: no ORM, no serializers, no middleware, no HTTP. On PostgreSQL through
psycopg, whose cursors prepare a statement on the server after its fifth execution (so
the floor runs on prepared statements, as the targets assume); on SQLite through
sqlite3. Each floor returns the JSON bytes, so the encoding is paid for too.

The SQL is what a careful person would write for the same answer: the count and the
page as two statements, related names aggregated per page row after the LIMIT, facets
in one statement (GROUPING SETS for the columns, UNION ALL for the many-to-many links).
"""

import json
import re
import sqlite3
import threading
import time
import unicodedata
import uuid
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import orjson
import psycopg
import snowballstemmer

from bench.scenarios import FILTERS, SUGGESTIES, Query, Scenario

PAGE_SIZE = 20
PUBLISHED = "gepubliceerd"
WEIGHTS = "{0,0,0.4,1.0}"  # D, C, B, A: as bouwstenen.search ranks (naam, samenvatting)
# As core.paging: the total is exact up to this many results, then "at least".
COUNT_CAP = 10_000

BLOCK_COLUMNS = """
    b.uuid, b.naam, b.slug, b.soort, b.vorm, b.samenvatting, b.beschrijving,
    b.levensfase, b.licentie, b.repository_url, b.documentatie_url, b.demo_url,
    b.website_url, b.contact_naam, b.contact_email, b.publicatiestatus, b.versie,
    b.beoordeling_opmerking, b.gepubliceerd_op, b.aangemaakt_op, b.gewijzigd_op,
    o.code, o.naam, o.soort, b.leverancier"""


# --- the JSON the floor produces: the API's shape, built from plain rows -------------


def _uuid(value) -> str:
    # SQLite keeps a uuid as 32 hex digits; the API (and PostgreSQL) write the usual form.
    return str(value) if isinstance(value, uuid.UUID) else str(uuid.UUID(str(value)))


def _block(row, base: str) -> dict:
    (key, naam, slug, soort, vorm, samenvatting, beschrijving, levensfase, licentie,
     repository, documentatie, demo, website, contact_naam, contact_email, status,
     versie, opmerking, gepubliceerd, aangemaakt, gewijzigd, org_code, org_naam,
     org_soort, leverancier, themas, componenten, lagen) = row[:28]  # fmt: skip
    key = _uuid(key)
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
            for s, n in _json(themas)
        ],
        "referentiecomponenten": [
            {
                "url": f"{base}/api/v1/referentiecomponenten/{_uuid(g)}",
                "gemmaId": _uuid(g),
                "naam": n,
            }
            for g, n in _json(componenten)
        ],
        "lagen": _json(lagen),
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


def _json(value):
    # PostgreSQL hands json columns over decoded; SQLite as text.
    return json.loads(value) if isinstance(value, str) else value


def _facets(rows) -> dict:
    by_dimension = defaultdict(list)
    for dimension, value, naam, aantal in rows:
        if dimension == "referentiecomponent":
            value = _uuid(value)
        by_dimension[dimension].append(
            {"waarde": str(value), "naam": naam or value, "aantal": aantal}
        )
    result = {}
    for dimension, values in by_dimension.items():
        values.sort(key=lambda v: (-v["aantal"], v["waarde"]))
        top = 20 if dimension in ("organisatie", "referentiecomponent") else None
        result[dimension] = values[:top]
    return result


_WORD = re.compile(r"\w+")
# One stemmer per thread: the floor's workers run in threads, and a Snowball stemmer keeps
# the word it works on in itself.
_STEMMERS = threading.local()
# The stop words both databases use (PostgreSQL's "dutch" list, as bouwstenen.search).
_STOP = frozenset(
    (Path(__file__).resolve().parent.parent / "core" / "search" / "dutch.stop")
    .read_text(encoding="utf-8")
    .split()
)
SIMILAR_LIMIT = 5
SIMILAR_QUERY_WORDS = 30  # the words of a block that look for similar text
SIMILAR_TEXTUAL = 200  # blocks found by text, at most (first by name)
SIMILAR_POOL = 300  # candidates scored, at most (first by name)
SUGGEST_SEARCHED = 50  # best search results whose names are tried as suggestions


def _fold(text: str) -> list[str]:
    """Lower case, diacritics off, split into words: as the registry reads text."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return _WORD.findall(plain)


@lru_cache(maxsize=100_000)
def _stem(word: str) -> str:
    stemmer = getattr(_STEMMERS, "stemmer", None)
    if stemmer is None:
        stemmer = _STEMMERS.stemmer = snowballstemmer.stemmer("dutch_porter")
    return stemmer.stemWord(word)


def _words(*texts: str) -> set[str]:
    """The significant stemmed words, as the similarity of bouwstenen.search counts them."""
    return {
        _stem(w) for text in texts for w in _fold(text) if w not in _STOP and len(w) > 2
    }


def _terms(words: set[str]) -> list[str]:
    return [w for w in sorted(words)[:SIMILAR_QUERY_WORDS] if w not in _STOP]


def _words_query(words: set[str]) -> tuple[str, str] | None:
    """The (tsquery, FTS5) alternatives bouwstenen.search makes of these words to find
    similar text: the first thirty, stop words out, each stemmed again as a typed word
    is, the last also as a prefix. None when no word is left."""
    terms = _terms(words)
    if not terms:
        return None
    stems = [_stem(w) for w in terms]
    tsquery = " | ".join(f"'{s}'" for s in stems) + f" | '{terms[-1]}':*"
    fts5 = " OR ".join(f'"{s}"' for s in stems) + f' OR "{terms[-1]}"*'
    return tsquery, f"({fts5})"


def _rank_similar(rows, own: set[str], n_themas: int, n_componenten: int) -> list:
    scored = []
    for key, naam, samenvatting, org, shared_t, shared_c in rows:
        other = _words(naam, samenvatting)
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
                    "uuid": _uuid(key),
                    "naam": naam,
                    "organisatie": org,
                    "score": round(score, 3),
                }
            )
    scored.sort(key=lambda s: (-s["score"], s["naam"]))
    return scored[:SIMILAR_LIMIT]


def _starts_a_word(naam: str, typed: str) -> bool:
    """Does every typed word begin a word of the name? (the suggestions' rule)"""
    name_words = _fold(naam)
    return all(any(w.startswith(t) for w in name_words) for t in _fold(typed))


# --- PostgreSQL ---------------------------------------------------------------------

PG_RELATIONS = """
    (SELECT coalesce(json_agg(json_build_array(t.slug, t.naam) ORDER BY t.naam), '[]')
       FROM bouwstenen_bouwsteen_themas x JOIN registry_thema t ON t.id = x.thema_id
      WHERE x.bouwsteen_id = b.id),
    (SELECT coalesce(json_agg(json_build_array(r.gemma_id, r.naam) ORDER BY r.naam), '[]')
       FROM bouwstenen_bouwsteen_referentiecomponenten x
       JOIN registry_referentiecomponent r ON r.id = x.referentiecomponent_id
      WHERE x.bouwsteen_id = b.id),
    (SELECT coalesce(json_agg(l.slug ORDER BY l.volgorde), '[]')
       FROM bouwstenen_bouwsteen_lagen x JOIN registry_laag l ON l.id = x.laag_id
      WHERE x.bouwsteen_id = b.id)"""

# What a result card on the search page adds: reuse counts (confirmed reuse only, as the
# registry counts) and the readiness answers.
PG_CARD_EXTRAS = """
    (SELECT count(*) FILTER (WHERE h.stadium IN ('pilot', 'in-gebruik'))
       FROM bouwstenen_hergebruik h
      WHERE h.bouwsteen_id = b.id AND h.status = 'bevestigd'),
    (SELECT count(*) FILTER (WHERE h.stadium = 'in-gebruik')
       FROM bouwstenen_hergebruik h
      WHERE h.bouwsteen_id = b.id AND h.status = 'bevestigd'),
    (SELECT json_build_array(count(*) FILTER (WHERE a.antwoord = 'ja'),
                             count(*) FILTER (WHERE a.antwoord = 'deels'),
                             count(*) FILTER (WHERE a.antwoord = 'nvt'), count(*))
       FROM bouwstenen_opschalingsantwoord a WHERE a.bouwsteen_id = b.id)"""

PG_FILTERED = """
    AND b.soort = %(soort)s AND b.levensfase = %(levensfase)s
    AND b.id IN (SELECT x.bouwsteen_id FROM bouwstenen_bouwsteen_themas x
                   JOIN registry_thema t ON t.id = x.thema_id WHERE t.slug = %(thema)s)"""

PG_MATCH = """
    JOIN bouwstenen_zoekdocument z ON z.bouwsteen_id = b.id
    WHERE b.publicatiestatus = 'gepubliceerd' AND z.vector @@ %(q)s::tsquery"""
PG_TYPO_MATCH = """
    JOIN bouwstenen_zoekdocument z ON z.bouwsteen_id = b.id
    WHERE b.publicatiestatus = 'gepubliceerd' AND z.trefwoorden %%> %(typed)s"""


def _capped(select: str) -> str:
    return f"SELECT count(*) FROM ({select} LIMIT {COUNT_CAP + 1}) capped"


def _total(counted: int) -> dict:
    return {"count": min(counted, COUNT_CAP), "countExact": counted <= COUNT_CAP}


def _pg_page(where: str, order: str, score: str = "0", extras: str = "") -> str:
    return f"""
        WITH page AS (
            SELECT b.id, {score} AS score FROM bouwstenen_bouwsteen b {where}
             ORDER BY {order} LIMIT {PAGE_SIZE})
        SELECT {BLOCK_COLUMNS}, {PG_RELATIONS} {extras}
          FROM page JOIN bouwstenen_bouwsteen b ON b.id = page.id
          JOIN registry_organisatie o ON o.id = b.organisatie_id
         ORDER BY page.score DESC, b.naam, b.id"""


PG_RANK = f"ts_rank('{WEIGHTS}', z.vector_kort, %(q)s::tsquery)"
PG_TYPO_RANK = (
    "word_similarity(%(typed)s, z.trefwoorden) + word_similarity(%(typed)s, z.naam)"
)
PG_LIST_WHERE = "WHERE b.publicatiestatus = 'gepubliceerd'"
PG_SQL = {
    "list_count": _capped(f"SELECT 1 FROM bouwstenen_bouwsteen b {PG_LIST_WHERE}"),
    "list_page": _pg_page(PG_LIST_WHERE, "b.naam, b.id"),
    "filtered_count": _capped(
        f"SELECT 1 FROM bouwstenen_bouwsteen b {PG_LIST_WHERE} {PG_FILTERED}"
    ),
    "filtered_page": _pg_page(PG_LIST_WHERE + PG_FILTERED, "b.naam, b.id"),
    "search_count": _capped(f"SELECT 1 FROM bouwstenen_bouwsteen b {PG_MATCH}"),
    "search_page": _pg_page(PG_MATCH, "score DESC, b.naam, b.id", PG_RANK),
    "typo_count": _capped(f"SELECT 1 FROM bouwstenen_bouwsteen b {PG_TYPO_MATCH}"),
    "typo_page": _pg_page(PG_TYPO_MATCH, "score DESC, b.naam, b.id", PG_TYPO_RANK),
    "detail": f"""
        SELECT {BLOCK_COLUMNS}, {PG_RELATIONS}
          FROM bouwstenen_bouwsteen b JOIN registry_organisatie o ON o.id = b.organisatie_id
         WHERE b.uuid = %(uuid)s AND b.publicatiestatus = 'gepubliceerd'""",
}
PG_SQL["card_page"] = _pg_page(
    PG_LIST_WHERE, "b.naam, b.id", extras="," + PG_CARD_EXTRAS
)
PG_SQL["card_search_page"] = _pg_page(
    PG_MATCH, "score DESC, b.naam, b.id", PG_RANK, "," + PG_CARD_EXTRAS
)


def _pg_facets(match: str) -> str:
    return f"""
        WITH m AS MATERIALIZED (
            SELECT b.id, b.soort, b.levensfase, b.licentie, b.organisatie_id
              FROM bouwstenen_bouwsteen b {match})
        SELECT CASE WHEN grouping(m.soort) = 0 THEN 'soort'
                    WHEN grouping(m.levensfase) = 0 THEN 'levensfase'
                    WHEN grouping(m.licentie) = 0 THEN 'licentie'
                    WHEN grouping(o.soort) = 0 THEN 'organisatieSoort'
                    ELSE 'organisatie' END,
               coalesce(m.soort, m.levensfase, m.licentie, o.soort, o.code), o.naam,
               count(*)
          FROM m JOIN registry_organisatie o ON o.id = m.organisatie_id
         GROUP BY GROUPING SETS ((m.soort), (m.levensfase), (m.licentie), (o.soort),
                                 (o.code, o.naam))
        UNION ALL
        SELECT 'thema', t.slug, t.naam, count(*)
          FROM m JOIN bouwstenen_bouwsteen_themas x ON x.bouwsteen_id = m.id
          JOIN registry_thema t ON t.id = x.thema_id GROUP BY t.slug, t.naam
        UNION ALL
        SELECT 'laag', l.slug, l.naam, count(*)
          FROM m JOIN bouwstenen_bouwsteen_lagen x ON x.bouwsteen_id = m.id
          JOIN registry_laag l ON l.id = x.laag_id GROUP BY l.slug, l.naam
        UNION ALL
        SELECT 'referentiecomponent', r.gemma_id::text, r.naam, count(*)
          FROM m JOIN bouwstenen_bouwsteen_referentiecomponenten x ON x.bouwsteen_id = m.id
          JOIN registry_referentiecomponent r ON r.id = x.referentiecomponent_id
         GROUP BY r.gemma_id, r.naam"""


PG_SQL["facets"] = _pg_facets(PG_LIST_WHERE)
PG_SQL["search_facets"] = _pg_facets(PG_MATCH)
PG_SQL["typo_facets"] = _pg_facets(PG_TYPO_MATCH)

# As bouwstenen.search.suggestions: the best search results (ranked as a search is), of
# which the names that start with what was typed are kept (in Python, by Floor.suggest).
PG_SQL["suggest_blocks"] = f"""
    SELECT b.uuid, b.naam, b.slug FROM bouwstenen_bouwsteen b {PG_MATCH}
     ORDER BY {PG_RANK} DESC, b.naam LIMIT {SUGGEST_SEARCHED}"""
PG_SQL["suggest_names"] = """
    (SELECT 'themas', slug, naam FROM registry_thema
      WHERE naam ~* ('(^|\\W)' || %(prefix)s) ORDER BY naam LIMIT 5)
    UNION ALL
    (SELECT 'organisaties', code, naam FROM registry_organisatie
      WHERE naam ~* ('(^|\\W)' || %(prefix)s) ORDER BY naam LIMIT 5)
    UNION ALL
    (SELECT 'referentiecomponenten', gemma_id::text, naam FROM registry_referentiecomponent
      WHERE naam ~* ('(^|\\W)' || %(prefix)s) ORDER BY naam LIMIT 5)"""
# As bouwstenen.search.similar_to: candidates are the first blocks by name that share a
# thema, a component, or text (itself the first 200 by name); the scoring is Python.
PG_SQL["similar_textual"] = f"""
    SELECT b.id FROM bouwstenen_bouwsteen b {PG_MATCH} AND b.id <> %(id)s
     ORDER BY b.naam LIMIT {SIMILAR_TEXTUAL}"""
PG_SQL["similar_typo"] = f"""
    SELECT b.id FROM bouwstenen_bouwsteen b {PG_TYPO_MATCH} AND b.id <> %(id)s
     ORDER BY b.naam LIMIT {SIMILAR_TEXTUAL}"""
PG_SQL["similar_any"] = f"""
    SELECT b.id FROM bouwstenen_bouwsteen b {PG_LIST_WHERE} AND b.id <> %(id)s
     ORDER BY b.naam LIMIT {SIMILAR_TEXTUAL}"""
PG_SQL["similar"] = f"""
    WITH mt AS (SELECT thema_id FROM bouwstenen_bouwsteen_themas WHERE bouwsteen_id = %(id)s),
         mc AS (SELECT referentiecomponent_id FROM bouwstenen_bouwsteen_referentiecomponenten
                 WHERE bouwsteen_id = %(id)s),
         pool AS (SELECT b.id FROM bouwstenen_bouwsteen b
                   WHERE b.publicatiestatus = 'gepubliceerd' AND b.id <> %(id)s
                     AND (b.id IN (SELECT bouwsteen_id FROM bouwstenen_bouwsteen_themas
                                    WHERE thema_id IN (SELECT thema_id FROM mt))
                          OR b.id IN (SELECT bouwsteen_id
                                        FROM bouwstenen_bouwsteen_referentiecomponenten
                                       WHERE referentiecomponent_id IN
                                             (SELECT referentiecomponent_id FROM mc))
                          OR b.id = ANY(%(textual)s))
                   ORDER BY b.naam LIMIT {SIMILAR_POOL})
    SELECT b.uuid, b.naam, b.samenvatting, o.naam,
           (SELECT count(*) FROM bouwstenen_bouwsteen_themas x
             WHERE x.bouwsteen_id = b.id AND x.thema_id IN (SELECT thema_id FROM mt)),
           (SELECT count(*) FROM bouwstenen_bouwsteen_referentiecomponenten x
             WHERE x.bouwsteen_id = b.id
               AND x.referentiecomponent_id IN (SELECT referentiecomponent_id FROM mc))
      FROM pool JOIN bouwstenen_bouwsteen b ON b.id = pool.id
      JOIN registry_organisatie o ON o.id = b.organisatie_id"""
PG_SQL["me"] = """
    SELECT b.id, b.naam, b.samenvatting,
           (SELECT count(*) FROM bouwstenen_bouwsteen_themas WHERE bouwsteen_id = b.id),
           (SELECT count(*) FROM bouwstenen_bouwsteen_referentiecomponenten
             WHERE bouwsteen_id = b.id)
      FROM bouwstenen_bouwsteen b WHERE b.uuid = %(uuid)s"""
# --- SQLite ---------------------------------------------------------------------------

SQLITE_RELATIONS = """
    (SELECT coalesce(json_group_array(json_array(slug, naam)), '[]') FROM (
        SELECT t.slug, t.naam FROM bouwstenen_bouwsteen_themas x
          JOIN registry_thema t ON t.id = x.thema_id
         WHERE x.bouwsteen_id = b.id ORDER BY t.naam)),
    (SELECT coalesce(json_group_array(json_array(gemma_id, naam)), '[]') FROM (
        SELECT r.gemma_id, r.naam FROM bouwstenen_bouwsteen_referentiecomponenten x
          JOIN registry_referentiecomponent r ON r.id = x.referentiecomponent_id
         WHERE x.bouwsteen_id = b.id ORDER BY r.naam)),
    (SELECT coalesce(json_group_array(slug), '[]') FROM (
        SELECT l.slug FROM bouwstenen_bouwsteen_lagen x JOIN registry_laag l ON l.id = x.laag_id
         WHERE x.bouwsteen_id = b.id ORDER BY l.volgorde))"""
SQLITE_CARD_EXTRAS = """
    (SELECT count(*) FROM bouwstenen_hergebruik h
      WHERE h.bouwsteen_id = b.id AND h.status = 'bevestigd'
        AND h.stadium IN ('pilot', 'in-gebruik')),
    (SELECT count(*) FROM bouwstenen_hergebruik h
      WHERE h.bouwsteen_id = b.id AND h.status = 'bevestigd'
        AND h.stadium = 'in-gebruik'),
    (SELECT json_array(sum(a.antwoord = 'ja'), sum(a.antwoord = 'deels'),
                       sum(a.antwoord = 'nvt'), count(*))
       FROM bouwstenen_opschalingsantwoord a WHERE a.bouwsteen_id = b.id)"""
SQLITE_FILTERED = """
    AND b.soort = :soort AND b.levensfase = :levensfase
    AND b.id IN (SELECT x.bouwsteen_id FROM bouwstenen_bouwsteen_themas x
                   JOIN registry_thema t ON t.id = x.thema_id WHERE t.slug = :thema)"""
SQLITE_MATCH = """
    JOIN bouwstenen_zoekindex ON bouwstenen_zoekindex.rowid = b.id
    WHERE b.publicatiestatus = 'gepubliceerd' AND bouwstenen_zoekindex MATCH :q"""
SQLITE_RANK = "bm25(bouwstenen_zoekindex, 1.0, 0.4, 0.0, 0.0)"


def _sqlite_page(where: str, order: str, score: str = "0", extras: str = "") -> str:
    # bm25() is lower for better matches, so here the best come first in ascending order.
    return f"""
        WITH page AS (
            SELECT b.id, {score} AS score FROM bouwstenen_bouwsteen b {where}
             ORDER BY {order} LIMIT {PAGE_SIZE})
        SELECT {BLOCK_COLUMNS}, {SQLITE_RELATIONS} {extras}
          FROM page JOIN bouwstenen_bouwsteen b ON b.id = page.id
          JOIN registry_organisatie o ON o.id = b.organisatie_id
         ORDER BY page.score, b.naam, b.id"""


def _sqlite_facets(match: str) -> str:
    return f"""
        WITH m AS MATERIALIZED (
            SELECT b.id, b.soort, b.levensfase, b.licentie, o.soort AS org_soort,
                   o.code, o.naam AS org_naam
              FROM bouwstenen_bouwsteen b
              JOIN registry_organisatie o ON o.id = b.organisatie_id {match})
        SELECT 'soort', soort, NULL, count(*) FROM m GROUP BY soort
        UNION ALL SELECT 'levensfase', levensfase, NULL, count(*) FROM m GROUP BY levensfase
        UNION ALL SELECT 'licentie', licentie, NULL, count(*) FROM m GROUP BY licentie
        UNION ALL SELECT 'organisatieSoort', org_soort, NULL, count(*) FROM m GROUP BY org_soort
        UNION ALL SELECT 'organisatie', code, org_naam, count(*) FROM m GROUP BY code, org_naam
        UNION ALL SELECT 'thema', t.slug, t.naam, count(*)
          FROM m JOIN bouwstenen_bouwsteen_themas x ON x.bouwsteen_id = m.id
          JOIN registry_thema t ON t.id = x.thema_id GROUP BY t.slug, t.naam
        UNION ALL SELECT 'laag', l.slug, l.naam, count(*)
          FROM m JOIN bouwstenen_bouwsteen_lagen x ON x.bouwsteen_id = m.id
          JOIN registry_laag l ON l.id = x.laag_id GROUP BY l.slug, l.naam
        UNION ALL SELECT 'referentiecomponent', r.gemma_id, r.naam, count(*)
          FROM m JOIN bouwstenen_bouwsteen_referentiecomponenten x ON x.bouwsteen_id = m.id
          JOIN registry_referentiecomponent r ON r.id = x.referentiecomponent_id
         GROUP BY r.gemma_id, r.naam"""


SQLITE_SQL = {
    "list_count": _capped(f"SELECT 1 FROM bouwstenen_bouwsteen b {PG_LIST_WHERE}"),
    "list_page": _sqlite_page(PG_LIST_WHERE, "b.naam, b.id"),
    "filtered_count": _capped(
        f"SELECT 1 FROM bouwstenen_bouwsteen b {PG_LIST_WHERE} {SQLITE_FILTERED}"
    ),
    "filtered_page": _sqlite_page(PG_LIST_WHERE + SQLITE_FILTERED, "b.naam, b.id"),
    "search_count": _capped(f"SELECT 1 FROM bouwstenen_bouwsteen b {SQLITE_MATCH}"),
    "search_page": _sqlite_page(SQLITE_MATCH, "score, b.naam, b.id", SQLITE_RANK),
    "card_page": _sqlite_page(
        PG_LIST_WHERE, "b.naam, b.id", extras="," + SQLITE_CARD_EXTRAS
    ),
    "card_search_page": _sqlite_page(
        SQLITE_MATCH, "score, b.naam, b.id", SQLITE_RANK, "," + SQLITE_CARD_EXTRAS
    ),
    "facets": _sqlite_facets(PG_LIST_WHERE),
    "search_facets": _sqlite_facets(SQLITE_MATCH),
    "detail": f"""
        SELECT {BLOCK_COLUMNS}, {SQLITE_RELATIONS}
          FROM bouwstenen_bouwsteen b JOIN registry_organisatie o ON o.id = b.organisatie_id
         WHERE b.uuid = :uuid AND b.publicatiestatus = 'gepubliceerd'""",
    "suggest_blocks": f"""
        SELECT b.uuid, b.naam, b.slug FROM bouwstenen_bouwsteen b {SQLITE_MATCH}
         ORDER BY {SQLITE_RANK}, b.naam LIMIT {SUGGEST_SEARCHED}""",
    "suggest_names": """
        SELECT * FROM (SELECT 'themas', slug, naam FROM registry_thema
          WHERE naam LIKE :prefix || '%' OR naam LIKE '% ' || :prefix || '%'
          ORDER BY naam LIMIT 5)
        UNION ALL SELECT * FROM (SELECT 'organisaties', code, naam FROM registry_organisatie
          WHERE naam LIKE :prefix || '%' OR naam LIKE '% ' || :prefix || '%'
          ORDER BY naam LIMIT 5)
        UNION ALL SELECT * FROM (SELECT 'referentiecomponenten', gemma_id, naam
          FROM registry_referentiecomponent
          WHERE naam LIKE :prefix || '%' OR naam LIKE '% ' || :prefix || '%'
          ORDER BY naam LIMIT 5)""",
    "me": """
        SELECT b.id, b.naam, b.samenvatting,
               (SELECT count(*) FROM bouwstenen_bouwsteen_themas WHERE bouwsteen_id = b.id),
               (SELECT count(*) FROM bouwstenen_bouwsteen_referentiecomponenten
                 WHERE bouwsteen_id = b.id)
          FROM bouwstenen_bouwsteen b WHERE b.uuid = :uuid""",
    "similar_textual": f"""
        SELECT b.id FROM bouwstenen_bouwsteen b {SQLITE_MATCH} AND b.id <> :id
         ORDER BY b.naam LIMIT {SIMILAR_TEXTUAL}""",
    "similar_any": f"""
        SELECT b.id FROM bouwstenen_bouwsteen b {PG_LIST_WHERE} AND b.id <> :id
         ORDER BY b.naam LIMIT {SIMILAR_TEXTUAL}""",
    # The ids found by text come as a JSON array (json_each), one parameter.
    "similar": f"""
        WITH mt AS (SELECT thema_id FROM bouwstenen_bouwsteen_themas WHERE bouwsteen_id = :id),
             mc AS (SELECT referentiecomponent_id FROM bouwstenen_bouwsteen_referentiecomponenten
                     WHERE bouwsteen_id = :id),
             pool AS (SELECT b.id FROM bouwstenen_bouwsteen b
                       WHERE b.publicatiestatus = 'gepubliceerd' AND b.id <> :id
                         AND (b.id IN (SELECT bouwsteen_id FROM bouwstenen_bouwsteen_themas
                                        WHERE thema_id IN (SELECT thema_id FROM mt))
                              OR b.id IN (SELECT bouwsteen_id
                                            FROM bouwstenen_bouwsteen_referentiecomponenten
                                           WHERE referentiecomponent_id IN
                                                 (SELECT referentiecomponent_id FROM mc))
                              OR b.id IN (SELECT value FROM json_each(:textual)))
                       ORDER BY b.naam LIMIT {SIMILAR_POOL})
        SELECT b.uuid, b.naam, b.samenvatting, o.naam,
               (SELECT count(*) FROM bouwstenen_bouwsteen_themas x
                 WHERE x.bouwsteen_id = b.id AND x.thema_id IN (SELECT thema_id FROM mt)),
               (SELECT count(*) FROM bouwstenen_bouwsteen_referentiecomponenten x
                 WHERE x.bouwsteen_id = b.id
                   AND x.referentiecomponent_id IN (SELECT referentiecomponent_id FROM mc))
          FROM pool JOIN bouwstenen_bouwsteen b ON b.id = pool.id
          JOIN registry_organisatie o ON o.id = b.organisatie_id""",
}


# --- running the floors ---------------------------------------------------------------


@dataclass
class Sample:
    """Blocks the detail-like scenarios visit, the same for endpoint and floor."""

    uuids: list[str]


class Floor:
    """One database connection and the floor of every scenario kind on it."""

    def __init__(self, vendor: str, dsn: str, base_url: str):
        self.vendor = vendor
        self.base = base_url
        if vendor == "postgresql":
            self.db = psycopg.connect(dsn, autocommit=True)
            # The threshold bouwstenen.search sets for typo-tolerant matching.
            self.db.execute("SET pg_trgm.word_similarity_threshold = 0.5")
            self.sql = PG_SQL
        else:
            # Read-only, like the server's readers; check_same_thread off because
            # each thread opens its own Floor anyway.
            self.db = sqlite3.connect(f"file:{dsn}?mode=ro", uri=True)
            self.sql = SQLITE_SQL

    def close(self) -> None:
        self.db.close()

    def _rows(self, name: str, params: dict) -> list:
        sql = self.sql[name]
        if self.vendor == "postgresql":
            with self.db.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()
        return self.db.execute(sql, params).fetchall()

    def _one(self, name: str, params: dict):
        rows = self._rows(name, params)
        return rows[0][0] if rows else None

    # Each returns the encoded JSON body, as an endpoint would.

    def list(self, filtered: bool = False) -> bytes:
        prefix = "filtered" if filtered else "list"
        params = dict(FILTERS) if filtered else {}
        count = self._one(f"{prefix}_count", params)
        rows = self._rows(f"{prefix}_page", params)
        return orjson.dumps(
            {**_total(count), "results": [_block(r, self.base) for r in rows]}
        )

    def search(self, query: Query) -> bytes:
        if query.typo and self.vendor == "postgresql":
            params = {"typed": query.text}
            count = self._one("typo_count", params)
            rows = self._rows("typo_page", params)
        else:
            params = self._match(query)
            count = self._one("search_count", params)
            rows = self._rows("search_page", params)
        return orjson.dumps(
            {**_total(count), "results": [_block(r, self.base) for r in rows]}
        )

    def facets(self, query: Query | None = None) -> bytes:
        if query is None:
            rows = self._rows("facets", {})
        elif query.typo and self.vendor == "postgresql":
            rows = self._rows("typo_facets", {"typed": query.text})
        else:
            rows = self._rows("search_facets", self._match(query))
        return orjson.dumps(_facets(rows))

    def page(self, query: Query | None = None) -> bytes:
        """The search page: cards with reuse counts, the total, and the facets."""
        if query is None:
            count = self._one("list_count", {})
            rows = self._rows("card_page", {})
            facets = self._rows("facets", {})
        else:
            params = self._match(query)
            count = self._one("search_count", params)
            rows = self._rows("card_search_page", params)
            facets = self._rows("search_facets", params)
        cards = [
            {**_block(r, self.base), "hergebruik": r[28:30], "antwoorden": _json(r[30])}
            for r in rows
        ]
        return orjson.dumps(
            {**_total(count), "results": cards, "facetten": _facets(facets)}
        )

    def _uuid(self, value: str) -> str:
        # Django keeps a uuid in SQLite as 32 hex digits without dashes.
        return value if self.vendor == "postgresql" else uuid.UUID(value).hex

    def detail(self, block: str) -> bytes:
        rows = self._rows("detail", {"uuid": self._uuid(block)})
        return orjson.dumps(_block(rows[0], self.base) if rows else None)

    def suggest(self, query: Query) -> bytes:
        searched = self._rows("suggest_blocks", self._match(query))
        blocks = [
            [_uuid(key), naam, slug]
            for key, naam, slug in searched
            if _starts_a_word(naam, query.text)
        ][:5]
        result = {"bouwstenen": blocks}
        for kind, key, naam in self._rows("suggest_names", {"prefix": query.text}):
            if kind == "referentiecomponenten":
                key = _uuid(key)
            result.setdefault(kind, []).append([key, naam])
        return orjson.dumps(result)

    def similar(self, block: str) -> bytes:
        pk, naam, samenvatting, n_themas, n_componenten = self._rows(
            "me", {"uuid": self._uuid(block)}
        )[0]
        own = _words(naam, samenvatting)
        textual: list[int] = []
        query = _words_query(own) if own else None
        if own and query is None:
            # Only stop words are left: an empty search, which filters nothing.
            textual = [row[0] for row in self._rows("similar_any", {"id": pk})]
        elif query is not None:
            tsquery, fts5 = query
            params = {"q": tsquery if self.vendor == "postgresql" else fts5, "id": pk}
            textual = [row[0] for row in self._rows("similar_textual", params)]
            if not textual and self.vendor == "postgresql":
                # No word matched anywhere: the search falls back to typo tolerance.
                params = {"typed": " ".join(_terms(own)), "id": pk}
                textual = [row[0] for row in self._rows("similar_typo", params)]
        ids = textual if self.vendor == "postgresql" else orjson.dumps(textual).decode()
        rows = self._rows("similar", {"id": pk, "textual": ids})
        return orjson.dumps(_rank_similar(rows, own, n_themas, n_componenten))

    def _match(self, query: Query) -> dict:
        return {"q": query.tsquery if self.vendor == "postgresql" else query.fts5}


def operation_for(scenario: Scenario, sample: Sample):
    """The floor of one operation of ``scenario``: a function of (floor, i)."""
    queries = scenario.queries
    kind = scenario.kind
    if kind == "api-list":
        filtered = bool(scenario.params)
        return lambda floor, i: floor.list(filtered)
    if kind == "api-search":
        return lambda floor, i: floor.search(queries[i % len(queries)])
    if kind == "api-facets":
        return lambda floor, i: floor.facets(queries[0] if queries else None)
    if kind == "page":
        return lambda floor, i: floor.page(
            queries[i % len(queries)] if queries else None
        )
    if kind == "suggest":
        return lambda floor, i: floor.suggest(SUGGESTIES[i % len(SUGGESTIES)])
    if kind in ("detail", "publiccode"):
        return lambda floor, i: floor.detail(sample.uuids[i % len(sample.uuids)])
    if kind == "similar":
        return lambda floor, i: floor.similar(sample.uuids[i % len(sample.uuids)])
    return None


@dataclass
class FloorMeasurement:
    latencies: list[float]
    elapsed: float

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0


def measure(
    vendor: str,
    dsn: str,
    base_url: str,
    operation,
    *,
    concurrency: int,
    warmup: int,
    duration: float,
    min_operations: int,
    max_operations: int,
) -> FloorMeasurement:
    """Run the floor from ``concurrency`` threads, each with its own connection.

    The same concurrency as the HTTP clients, so both share the two cores the same way;
    psycopg and sqlite3 release the GIL while the database works.
    """
    latencies: list[float] = []
    lock = threading.Lock()
    counter = iter(range(10**9))
    ready = threading.Barrier(concurrency + 1)
    start = [0.0]

    def worker() -> None:
        floor = Floor(vendor, dsn, base_url)
        try:
            for _ in range(warmup):  # also gets the statements prepared
                operation(floor, next(counter))
            ready.wait()
            ready.wait()
            while True:
                with lock:
                    elapsed = time.perf_counter() - start[0]
                    done = len(latencies)
                    if done >= max_operations or (
                        elapsed >= duration and done >= min_operations
                    ):
                        return
                    i = next(counter)
                began = time.perf_counter()
                operation(floor, i)
                latency = time.perf_counter() - began
                with lock:
                    latencies.append(latency)
        finally:
            floor.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    ready.wait()
    start[0] = time.perf_counter()
    ready.wait()
    for thread in threads:
        thread.join()
    return FloorMeasurement(latencies, time.perf_counter() - start[0])
