"""The search indexes take each change at once instead of queueing it (PostgreSQL).

A GIN index queues what a write adds in a pending list (``fastupdate``), up to 4 MB, and
every search that uses the index reads that whole list until a vacuum merges it. With a
trickle of writes, which is what a registry has, the list is not merged for a long time:
autovacuum waits for a fifth of the table to change. At 100,000 blocks a search without
hits spent 10.8 ms scanning 590 queued pages and 0.3 ms on the index itself. Without the
list a write puts its words in the index directly; the write benchmark measured no
difference (docs/performance.md). The list that is there now is merged here.
"""

from django.db import migrations

# Made in raw SQL (0003, 0008), so Django's model state does not know this setting: an
# index made again needs WITH (fastupdate = off).
INDEXES = (
    "bouwstenen_zoekdocument_vector_gin",
    "bouwstenen_zoekdocument_vector_kort_gin",
    "bouwstenen_zoekdocument_trefwoorden_trgm",
)


def update_at_once(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for index in INDEXES:
        schema_editor.execute(f"ALTER INDEX {index} SET (fastupdate = off)")
        schema_editor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])


def queue_again(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for index in INDEXES:
        schema_editor.execute(f"ALTER INDEX {index} RESET (fastupdate)")


class Migration(migrations.Migration):
    dependencies = [
        ("bouwstenen", "0024_covering_published_index"),
    ]

    operations = [migrations.RunPython(update_at_once, queue_again)]
