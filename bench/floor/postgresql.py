# ruff: noqa: S608 - SQL built from this package's constants only; values are bound
"""The floor's SQL on PostgreSQL, through psycopg, whose cursors prepare a statement on
the server after its fifth execution (so the floor runs on prepared statements, as the
targets assume)."""

import psycopg

from bench.floor.common import (
    BLOCK_COLUMNS,
    INDEX,
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
    return psycopg.connect(dsn, autocommit=True)


def rows(db, sql: str, params: dict) -> list:
    with db.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


RELATIONS = """
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
CARD_EXTRAS = """
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

SOORT = "AND b.soort = %(soort)s"
FILTERED = """
    AND b.soort = %(soort)s AND b.levensfase = %(levensfase)s
    AND b.id IN (SELECT x.bouwsteen_id FROM bouwstenen_bouwsteen_themas x
                   JOIN registry_thema t ON t.id = x.thema_id WHERE t.slug = %(thema)s)"""

MATCH = f"""
    JOIN bouwstenen_zoekdocument z ON z.bouwsteen_id = b.id
    WHERE b.publicatiestatus = '{PUBLISHED}' AND z.{INDEX.vector} @@ %(q)s::tsquery"""


def _page(where: str, order: str, score: str = "0", extras: str = "") -> str:
    return page_sql(RELATIONS, "DESC", where, order, score, extras)


# ts_rank takes the weights as {D, C, B, A}; the index's fields are A, B, C, D.
RANK_WEIGHTS = "{" + ",".join(str(w) for w in reversed(WEIGHTS)) + "}"
RANK = f"ts_rank('{RANK_WEIGHTS}', z.{INDEX.rank_vector}, %(q)s::tsquery)"
SQL = {
    **page_queries(
        _page,
        filtered=FILTERED,
        soort=SOORT,
        match=MATCH,
        rank=RANK,
        cards=CARD_EXTRAS,
        best_first="DESC",
    ),
    # As core.search.forgiving: the candidates for a misspelled word, from the
    # vocabulary alone.
    "vocabulary": """
        SELECT woord, aantal FROM bouwstenen_zoekwoord
         WHERE begin = %(begin)s AND lengte BETWEEN %(shortest)s AND %(longest)s""",
    "detail": f"""
        SELECT {BLOCK_COLUMNS}, {RELATIONS}
          FROM bouwstenen_bouwsteen b JOIN registry_organisatie o ON o.id = b.organisatie_id
         WHERE b.uuid = %(uuid)s AND b.publicatiestatus = 'gepubliceerd'""",
}


def _facets(match: str) -> str:
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


SQL["facets"] = _facets(LIST_WHERE)
SQL["search_facets"] = _facets(MATCH)

# As bouwstenen.search.suggestions: the best search results (ranked as a search is), of
# which the names that start with what was typed are kept (in Python, by Floor.suggest).
SQL["suggest_blocks"] = f"""
    SELECT b.uuid, b.naam, b.slug FROM bouwstenen_bouwsteen b {MATCH}
     ORDER BY {RANK} DESC, b.naam, b.id LIMIT {SUGGESTIONS_SEARCHED}"""
SQL["suggest_names"] = f"""
    (SELECT 'themas', slug, naam FROM registry_thema
      WHERE naam ~* ('(^|\\W)' || %(prefix)s) ORDER BY naam LIMIT {SUGGESTIONS_LIMIT})
    UNION ALL
    (SELECT 'organisaties', code, naam FROM registry_organisatie
      WHERE naam ~* ('(^|\\W)' || %(prefix)s) ORDER BY naam LIMIT {SUGGESTIONS_LIMIT})
    UNION ALL
    (SELECT 'referentiecomponenten', gemma_id::text, naam FROM registry_referentiecomponent
      WHERE naam ~* ('(^|\\W)' || %(prefix)s) ORDER BY naam LIMIT {SUGGESTIONS_LIMIT})"""
# As bouwstenen.search.similar_to: candidates are the first blocks by name that share a
# thema, a component, or text (itself the first 200 by name); the scoring is Python.
SQL["similar_textual"] = f"""
    SELECT b.id FROM bouwstenen_bouwsteen b {MATCH} AND b.id <> %(id)s
     ORDER BY b.naam LIMIT {SIMILAR_TEXTUAL}"""
SQL["similar_any"] = f"""
    SELECT b.id FROM bouwstenen_bouwsteen b {LIST_WHERE} AND b.id <> %(id)s
     ORDER BY b.naam LIMIT {SIMILAR_TEXTUAL}"""
SQL["similar"] = f"""
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
SQL["me"] = """
    SELECT b.id, b.naam, b.samenvatting,
           (SELECT count(*) FROM bouwstenen_bouwsteen_themas WHERE bouwsteen_id = b.id),
           (SELECT count(*) FROM bouwstenen_bouwsteen_referentiecomponenten
             WHERE bouwsteen_id = b.id)
      FROM bouwstenen_bouwsteen b WHERE b.uuid = %(uuid)s"""
