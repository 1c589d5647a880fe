"""A GIN index on the short search vector (PostgreSQL), for the leading subset of a search.

A search for a word (or a few alternatives) pages through the blocks that carry it in
their naam or samenvatting first (``core.paging``); this index finds those.
"""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS bouwstenen_zoekdocument_vector_kort_gin "
    "ON bouwstenen_zoekdocument USING gin (vector_kort)"
)
DROP = "DROP INDEX IF EXISTS bouwstenen_zoekdocument_vector_kort_gin"


def _on_postgres(statement):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("bouwstenen", "0007_vector_kort")]

    operations = [migrations.RunPython(_on_postgres(CREATE), _on_postgres(DROP))]
