"""The database side of search, which differs per vendor.

PostgreSQL: extensions unaccent and pg_trgm, a copy of the ``dutch`` text-search
configuration that also removes accents (plain ``dutch`` leaves ê, è and ç), a GIN index on
the stored vector and a trigram index on the folded names.

SQLite: an FTS5 table over the Python-stemmed columns, kept in sync with the
zoekdocument table by triggers.
"""

from django.db import migrations

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """
    DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'registry_nl') THEN
        CREATE TEXT SEARCH CONFIGURATION registry_nl (COPY = pg_catalog.dutch);
        ALTER TEXT SEARCH CONFIGURATION registry_nl
          ALTER MAPPING FOR hword, hword_part, word WITH unaccent, dutch_stem;
      END IF;
    END $$
    """,
    "CREATE INDEX bouwstenen_zoekdocument_vector_gin ON bouwstenen_zoekdocument USING gin (vector)",
    "CREATE INDEX bouwstenen_zoekdocument_trefwoorden_trgm ON bouwstenen_zoekdocument "
    "USING gin (trefwoorden gin_trgm_ops)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS bouwstenen_zoekdocument_trefwoorden_trgm",
    "DROP INDEX IF EXISTS bouwstenen_zoekdocument_vector_gin",
]

SQLITE_FORWARD = [
    """
    CREATE VIRTUAL TABLE bouwstenen_zoekindex USING fts5(
        stam_naam, stam_samenvatting, stam_beschrijving, stam_context,
        content='bouwstenen_zoekdocument', content_rowid='bouwsteen_id',
        tokenize='unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER bouwstenen_zoekdocument_ai AFTER INSERT ON bouwstenen_zoekdocument BEGIN
      INSERT INTO bouwstenen_zoekindex(rowid, stam_naam, stam_samenvatting, stam_beschrijving, stam_context)
      VALUES (new.bouwsteen_id, new.stam_naam, new.stam_samenvatting, new.stam_beschrijving, new.stam_context);
    END
    """,
    """
    CREATE TRIGGER bouwstenen_zoekdocument_ad AFTER DELETE ON bouwstenen_zoekdocument BEGIN
      INSERT INTO bouwstenen_zoekindex(bouwstenen_zoekindex, rowid, stam_naam, stam_samenvatting, stam_beschrijving, stam_context)
      VALUES ('delete', old.bouwsteen_id, old.stam_naam, old.stam_samenvatting, old.stam_beschrijving, old.stam_context);
    END
    """,
    """
    CREATE TRIGGER bouwstenen_zoekdocument_au AFTER UPDATE ON bouwstenen_zoekdocument BEGIN
      INSERT INTO bouwstenen_zoekindex(bouwstenen_zoekindex, rowid, stam_naam, stam_samenvatting, stam_beschrijving, stam_context)
      VALUES ('delete', old.bouwsteen_id, old.stam_naam, old.stam_samenvatting, old.stam_beschrijving, old.stam_context);
      INSERT INTO bouwstenen_zoekindex(rowid, stam_naam, stam_samenvatting, stam_beschrijving, stam_context)
      VALUES (new.bouwsteen_id, new.stam_naam, new.stam_samenvatting, new.stam_beschrijving, new.stam_context);
    END
    """,
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS bouwstenen_zoekdocument_au",
    "DROP TRIGGER IF EXISTS bouwstenen_zoekdocument_ad",
    "DROP TRIGGER IF EXISTS bouwstenen_zoekdocument_ai",
    "DROP TABLE IF EXISTS bouwstenen_zoekindex",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("bouwstenen", "0002_zoekdocument")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        )
    ]
