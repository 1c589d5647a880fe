"""A small search vector of naam and samenvatting, to rank on (PostgreSQL).

Ranking on the full vector unpacks every matching block's vector out of TOAST storage:
for a word in nearly every block of 100,000 that was most of a 400 ms search. The short
vector stays in the row. Filled here for existing blocks; ``bouwstenen.search`` keeps it
up to date from then on.
"""

import django.contrib.postgres.search
from django.db import migrations

FILL = """
UPDATE bouwstenen_zoekdocument SET vector_kort =
    setweight(to_tsvector('registry_nl', naam), 'A')
    || setweight(to_tsvector('registry_nl', samenvatting), 'B')
"""


def fill(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FILL)


class Migration(migrations.Migration):
    dependencies = [("bouwstenen", "0006_prestatie")]

    operations = [
        migrations.AddField(
            model_name="zoekdocument",
            name="vector_kort",
            field=django.contrib.postgres.search.SearchVectorField(null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
