# ruff: noqa: S608 - SQL built from this package's constants only; values are bound
"""The floor's SQL on SQLite, through sqlite3, on the FTS5 index the registry keeps."""

import sqlite3

from bench.floor.common import (
    BLOCK_COLUMNS,
    FTS_TABLE,
    LIST_WHERE,
    PUBLISHED,
    SIMILAR_POOL,
    SIMILAR_TEXTUAL,
    SUGGESTIONS_LIMIT,
    SUGGESTIONS_SEARCHED,
    WEIGHTS,
    page_queries,
    page_sql,
)


def connect(dsn: str):
    # Read-only, like the server's readers; each thread opens its own connection.
    return sqlite3.connect(f"file:{dsn}?mode=ro", uri=True)


def rows(db, sql: str, params: dict) -> list:
    return db.execute(sql, params).fetchall()


RELATIONS = """
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
CARD_EXTRAS = """
    (SELECT count(*) FROM bouwstenen_hergebruik h
      WHERE h.bouwsteen_id = b.id AND h.status = 'bevestigd'
        AND h.stadium IN ('pilot', 'in-gebruik')),
    (SELECT count(*) FROM bouwstenen_hergebruik h
      WHERE h.bouwsteen_id = b.id AND h.status = 'bevestigd'
        AND h.stadium = 'in-gebruik'),
    (SELECT json_array(sum(a.antwoord = 'ja'), sum(a.antwoord = 'deels'),
                       sum(a.antwoord = 'nvt'), count(*))
       FROM bouwstenen_opschalingsantwoord a WHERE a.bouwsteen_id = b.id)"""
SOORT = "AND b.soort = :soort"
FILTERED = """
    AND b.soort = :soort AND b.levensfase = :levensfase
    AND b.id IN (SELECT x.bouwsteen_id FROM bouwstenen_bouwsteen_themas x
                   JOIN registry_thema t ON t.id = x.thema_id WHERE t.slug = :thema)"""
MATCH = f"""
    JOIN {FTS_TABLE} ON {FTS_TABLE}.rowid = b.id
    WHERE b.publicatiestatus = '{PUBLISHED}' AND {FTS_TABLE} MATCH :q"""
RANK = f"bm25({FTS_TABLE}, {', '.join(str(w) for w in WEIGHTS)})"


def _page(where: str, order: str, score: str = "0", extras: str = "") -> str:
    return page_sql(RELATIONS, "ASC", where, order, score, extras)


def _facets(match: str) -> str:
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


SQL = {
    **page_queries(
        _page,
        filtered=FILTERED,
        soort=SOORT,
        match=MATCH,
        rank=RANK,
        cards=CARD_EXTRAS,
        best_first="ASC",
    ),
    "facets": _facets(LIST_WHERE),
    "search_facets": _facets(MATCH),
    "detail": f"""
        SELECT {BLOCK_COLUMNS}, {RELATIONS}
          FROM bouwstenen_bouwsteen b JOIN registry_organisatie o ON o.id = b.organisatie_id
         WHERE b.uuid = :uuid AND b.publicatiestatus = 'gepubliceerd'""",
    "suggest_blocks": f"""
        SELECT b.uuid, b.naam, b.slug FROM bouwstenen_bouwsteen b {MATCH}
         ORDER BY {RANK}, b.naam, b.id LIMIT {SUGGESTIONS_SEARCHED}""",
    "suggest_names": f"""
        SELECT * FROM (SELECT 'themas', slug, naam FROM registry_thema
          WHERE naam LIKE :prefix || '%' OR naam LIKE '% ' || :prefix || '%'
          ORDER BY naam LIMIT {SUGGESTIONS_LIMIT})
        UNION ALL SELECT * FROM (SELECT 'organisaties', code, naam FROM registry_organisatie
          WHERE naam LIKE :prefix || '%' OR naam LIKE '% ' || :prefix || '%'
          ORDER BY naam LIMIT {SUGGESTIONS_LIMIT})
        UNION ALL SELECT * FROM (SELECT 'referentiecomponenten', gemma_id, naam
          FROM registry_referentiecomponent
          WHERE naam LIKE :prefix || '%' OR naam LIKE '% ' || :prefix || '%'
          ORDER BY naam LIMIT {SUGGESTIONS_LIMIT})""",
    "me": """
        SELECT b.id, b.naam, b.samenvatting,
               (SELECT count(*) FROM bouwstenen_bouwsteen_themas WHERE bouwsteen_id = b.id),
               (SELECT count(*) FROM bouwstenen_bouwsteen_referentiecomponenten
                 WHERE bouwsteen_id = b.id)
          FROM bouwstenen_bouwsteen b WHERE b.uuid = :uuid""",
    # As core.search.forgiving: the candidates for a misspelled word, from the
    # vocabulary alone.
    "vocabulary": """
        SELECT woord, aantal FROM bouwstenen_zoekwoord
         WHERE begin = :begin AND lengte BETWEEN :shortest AND :longest""",
    "similar_textual": f"""
        SELECT b.id FROM bouwstenen_bouwsteen b {MATCH} AND b.id <> :id
         ORDER BY b.naam LIMIT {SIMILAR_TEXTUAL}""",
    "similar_any": f"""
        SELECT b.id FROM bouwstenen_bouwsteen b {LIST_WHERE} AND b.id <> :id
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
