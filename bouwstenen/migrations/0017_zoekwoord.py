"""The vocabulary of the published catalogue (``Zoekwoord``), for search that forgives.

Filled here from the existing search documents; ``core.search.vocabulary`` keeps it up
to date from then on, with the documents.
"""

from collections import Counter

from django.db import migrations, models

from core.search import text, vocabulary


def fill(apps, schema_editor):
    Zoekdocument = apps.get_model("bouwstenen", "Zoekdocument")
    Zoekwoord = apps.get_model("bouwstenen", "Zoekwoord")
    published = Zoekdocument.objects.filter(
        bouwsteen__publicatiestatus="gepubliceerd"
    ).only("pk", "naam", "samenvatting", "beschrijving", "context")
    counts, batch = Counter(), []
    for document in published.iterator(chunk_size=500):
        own = vocabulary.words_of(
            [
                document.naam,
                document.samenvatting,
                document.beschrijving,
                document.context,
            ]
        )
        counts.update(own)
        document.woorden = vocabulary.stored(own)
        batch.append(document)
        if len(batch) >= 500:
            Zoekdocument.objects.bulk_update(batch, ["woorden"])
            batch = []
    Zoekdocument.objects.bulk_update(batch, ["woorden"])
    Zoekwoord.objects.bulk_create(
        (
            Zoekwoord(woord=w, stam=text.stem(w), begin=w[0], lengte=len(w), aantal=n)
            for w, n in counts.items()
        ),
        batch_size=500,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("bouwstenen", "0016_uitgelicht"),
    ]

    operations = [
        migrations.AddField(
            model_name="zoekdocument",
            name="woorden",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.CreateModel(
            name="Zoekwoord",
            fields=[
                (
                    "woord",
                    models.CharField(max_length=40, primary_key=True, serialize=False),
                ),
                ("stam", models.CharField(db_index=True, max_length=40)),
                ("begin", models.CharField(max_length=1)),
                ("lengte", models.PositiveSmallIntegerField()),
                ("aantal", models.IntegerField(default=0)),
            ],
            options={
                "verbose_name": "zoekwoord",
                "verbose_name_plural": "zoekwoorden",
                "indexes": [
                    models.Index(
                        fields=["begin", "lengte"], name="zoekwoord_begin_lengte"
                    )
                ],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
