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
import uuid
from collections import defaultdict
from dataclasses import dataclass

import orjson
import psycopg

from bench.scenarios import FILTERS, SUGGESTIES, Query, Scenario

PAGE_SIZE = 20
PUBLISHED = "gepubliceerd"
WEIGHTS = "{0,0,0.4,1.0}"  # D, C, B, A: as bouwstenen.search ranks (naam, samenvatting)
# As registry.paging: the total is exact up to this many results, then "at least".
COUNT_CAP = 10_000

BLOCK_COLUMNS = """
    b.uuid, b.naam, b.slug, b.soort, b.vorm, b.samenvatting, b.beschrijving,
    b.levensfase, b.licentie, b.repository_url, b.documentatie_url, b.demo_url,
    b.website_url, b.contact_naam, b.contact_email, b.publicatiestatus, b.versie,
    b.beoordeling_opmerking, b.gepubliceerd_op, b.aangemaakt_op, b.gewijzigd_op,
    o.code, o.naam, o.soort"""


# --- the JSON the floor produces: the API's shape, built from plain rows -------------


def _block(row, base: str) -> dict:
    (uuid, naam, slug, soort, vorm, samenvatting, beschrijving, levensfase, licentie,
     repository, documentatie, demo, website, contact_naam, contact_email, status,
     versie, opmerking, gepubliceerd, aangemaakt, gewijzigd, org_code, org_naam,
     org_soort, themas, componenten, lagen) = row[:27]  # fmt: skip
    return {
        "url": f"{base}/api/v1/bouwstenen/{uuid}",
        "uuid": str(uuid),
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
            {"url": f"{base}/api/v1/referentiecomponenten/{g}", "gemmaId": g, "naam": n}
            for g, n in _json(componenten)
        ],
        "lagen": _json(lagen),
        "licentie": licentie,
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


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if len(w) > 2}


def _rank_similar(rows, own_naam: str, own_samenvatting: str) -> list[dict]:
    own = _words(own_naam + " " + own_samenvatting)
    scored = []
    for key, naam, samenvatting, org, shared_t, shared_c, n_t, n_c in rows:
        other = _words(naam + " " + samenvatting)
        union = own | other
        jaccard = len(own & other) / len(union) if union else 0.0
        score = (
            0.5 * jaccard
            + 0.25 * (shared_t / n_t if n_t else 0)
            + 0.25 * (shared_c / n_c if n_c else 0)
        )
        if score > 0:
            scored.append(
                {"uuid": str(key), "naam": naam, "organisatie": org, "score": score}
            )
    scored.sort(key=lambda s: (-s["score"], s["naam"]))
    return scored[:5]


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

# What a result card on the search page adds: reuse counts and the readiness answers.
PG_CARD_EXTRAS = """
    (SELECT count(*) FILTER (WHERE h.stadium IN ('pilot', 'in-gebruik'))
       FROM bouwstenen_hergebruik h WHERE h.bouwsteen_id = b.id),
    (SELECT count(*) FILTER (WHERE h.stadium = 'in-gebruik')
       FROM bouwstenen_hergebruik h WHERE h.bouwsteen_id = b.id),
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

PG_SQL["suggest_blocks"] = """
    SELECT b.uuid, b.naam, b.slug FROM bouwstenen_bouwsteen b
      JOIN bouwstenen_zoekdocument z ON z.bouwsteen_id = b.id
     WHERE b.publicatiestatus = 'gepubliceerd'
       AND z.vector @@ to_tsquery('simple', %(prefix)s || ':*')
       AND b.naam ~* ('(^|\\W)' || %(prefix)s)
     ORDER BY ts_rank(z.vector, to_tsquery('simple', %(prefix)s || ':*')) DESC, b.naam
     LIMIT 5"""
PG_SQL["suggest_names"] = """
    (SELECT 'themas', slug, naam FROM registry_thema
      WHERE naam ~* ('(^|\\W)' || %(prefix)s) ORDER BY naam LIMIT 5)
    UNION ALL
    (SELECT 'organisaties', code, naam FROM registry_organisatie
      WHERE naam ~* ('(^|\\W)' || %(prefix)s) ORDER BY naam LIMIT 5)
    UNION ALL
    (SELECT 'referentiecomponenten', gemma_id::text, naam FROM registry_referentiecomponent
      WHERE naam ~* ('(^|\\W)' || %(prefix)s) ORDER BY naam LIMIT 5)"""
PG_SQL["similar"] = """
    WITH me AS (SELECT b.id, b.naam, b.samenvatting FROM bouwstenen_bouwsteen b
                 WHERE b.uuid = %(uuid)s),
         mt AS (SELECT thema_id FROM bouwstenen_bouwsteen_themas
                 WHERE bouwsteen_id = (SELECT id FROM me)),
         mc AS (SELECT referentiecomponent_id FROM bouwstenen_bouwsteen_referentiecomponenten
                 WHERE bouwsteen_id = (SELECT id FROM me)),
         words AS (SELECT replace(plainto_tsquery('registry_nl',
                          me.naam || ' ' || me.samenvatting)::text, ' & ', ' | ')::tsquery AS q
                     FROM me),
         textual AS (SELECT z.bouwsteen_id AS id FROM bouwstenen_zoekdocument z, words
                      WHERE z.vector @@ words.q LIMIT 200),
         pool AS (SELECT b.id FROM bouwstenen_bouwsteen b
                   WHERE b.publicatiestatus = 'gepubliceerd' AND b.id <> (SELECT id FROM me)
                     AND (b.id IN (SELECT bouwsteen_id FROM bouwstenen_bouwsteen_themas
                                    WHERE thema_id IN (SELECT thema_id FROM mt))
                          OR b.id IN (SELECT bouwsteen_id
                                        FROM bouwstenen_bouwsteen_referentiecomponenten
                                       WHERE referentiecomponent_id IN
                                             (SELECT referentiecomponent_id FROM mc))
                          OR b.id IN (SELECT id FROM textual))
                   LIMIT 300)
    SELECT b.uuid, b.naam, b.samenvatting, o.naam,
           (SELECT count(*) FROM bouwstenen_bouwsteen_themas x
             WHERE x.bouwsteen_id = b.id AND x.thema_id IN (SELECT thema_id FROM mt)),
           (SELECT count(*) FROM bouwstenen_bouwsteen_referentiecomponenten x
             WHERE x.bouwsteen_id = b.id
               AND x.referentiecomponent_id IN (SELECT referentiecomponent_id FROM mc)),
           (SELECT count(*) FROM mt), (SELECT count(*) FROM mc)
      FROM pool JOIN bouwstenen_bouwsteen b ON b.id = pool.id
      JOIN registry_organisatie o ON o.id = b.organisatie_id"""
PG_SQL["me"] = (
    "SELECT naam, samenvatting FROM bouwstenen_bouwsteen WHERE uuid = %(uuid)s"
)


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
      WHERE h.bouwsteen_id = b.id AND h.stadium IN ('pilot', 'in-gebruik')),
    (SELECT count(*) FROM bouwstenen_hergebruik h
      WHERE h.bouwsteen_id = b.id AND h.stadium = 'in-gebruik'),
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
    "suggest_blocks": """
        SELECT b.uuid, b.naam, b.slug FROM bouwstenen_bouwsteen b
          JOIN bouwstenen_zoekindex ON bouwstenen_zoekindex.rowid = b.id
         WHERE b.publicatiestatus = 'gepubliceerd' AND bouwstenen_zoekindex MATCH :match
           AND (b.naam LIKE :prefix || '%' OR b.naam LIKE '% ' || :prefix || '%')
         ORDER BY bm25(bouwstenen_zoekindex), b.naam LIMIT 5""",
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
    "me": "SELECT id, naam, samenvatting FROM bouwstenen_bouwsteen WHERE uuid = :uuid",
    "similar": """
        WITH mt AS (SELECT thema_id FROM bouwstenen_bouwsteen_themas WHERE bouwsteen_id = :id),
             mc AS (SELECT referentiecomponent_id FROM bouwstenen_bouwsteen_referentiecomponenten
                     WHERE bouwsteen_id = :id),
             textual AS (SELECT rowid AS id FROM bouwstenen_zoekindex
                          WHERE bouwstenen_zoekindex MATCH :words LIMIT 200),
             pool AS (SELECT b.id FROM bouwstenen_bouwsteen b
                       WHERE b.publicatiestatus = 'gepubliceerd' AND b.id <> :id
                         AND (b.id IN (SELECT bouwsteen_id FROM bouwstenen_bouwsteen_themas
                                        WHERE thema_id IN (SELECT thema_id FROM mt))
                              OR b.id IN (SELECT bouwsteen_id
                                            FROM bouwstenen_bouwsteen_referentiecomponenten
                                           WHERE referentiecomponent_id IN
                                                 (SELECT referentiecomponent_id FROM mc))
                              OR b.id IN (SELECT id FROM textual))
                       LIMIT 300)
        SELECT b.uuid, b.naam, b.samenvatting, o.naam,
               (SELECT count(*) FROM bouwstenen_bouwsteen_themas x
                 WHERE x.bouwsteen_id = b.id AND x.thema_id IN (SELECT thema_id FROM mt)),
               (SELECT count(*) FROM bouwstenen_bouwsteen_referentiecomponenten x
                 WHERE x.bouwsteen_id = b.id
                   AND x.referentiecomponent_id IN (SELECT referentiecomponent_id FROM mc)),
               (SELECT count(*) FROM mt), (SELECT count(*) FROM mc)
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
            {**_block(r, self.base), "hergebruik": r[27:29], "antwoorden": _json(r[29])}
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

    def suggest(self, prefix: str) -> bytes:
        params = {"prefix": prefix, "match": f'"{prefix}"*'}
        blocks = self._rows("suggest_blocks", params)
        names = self._rows("suggest_names", params)
        result = {"bouwstenen": [[str(u), n, s] for u, n, s in blocks]}
        for kind, key, naam in names:
            result.setdefault(kind, []).append([key, naam])
        return orjson.dumps(result)

    def similar(self, block: str) -> bytes:
        if self.vendor == "postgresql":
            naam, samenvatting = self._rows("me", {"uuid": block})[0]
            rows = self._rows("similar", {"uuid": block})
        else:
            pk, naam, samenvatting = self._rows("me", {"uuid": self._uuid(block)})[0]
            words = " OR ".join(
                f'"{w}"' for w in sorted(_words(naam + " " + samenvatting))
            )
            rows = self._rows("similar", {"id": pk, "words": words})
        return orjson.dumps(_rank_similar(rows, naam, samenvatting))

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
