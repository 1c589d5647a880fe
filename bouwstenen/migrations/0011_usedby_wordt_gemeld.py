"""Reuse that an import derived from a publiccode.yml ``usedBy`` line becomes *gemeld*.

Until now such lines became counted reuse of the named organisations, although none of
them said anything. They are found by the history entry the importer wrote when it
created them; each becomes a report by the block's owner, dated when it was imported,
that the named organisation can confirm or reject.
"""

from django.db import migrations

USED_BY_COMMENT = "Vastgelegd uit publiccode.yml (usedBy)"
BRON = "publiccode.yml (usedBy)"


def usedby_to_gemeld(apps, schema_editor):
    Hergebruik = apps.get_model("bouwstenen", "Hergebruik")
    Version = apps.get_model("reversion", "Version")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type = ContentType.objects.filter(
        app_label="bouwstenen", model="hergebruik"
    ).first()
    if content_type is None:
        return
    versions = Version.objects.filter(
        content_type=content_type, revision__comment=USED_BY_COMMENT
    ).select_related("revision")
    imported = {}
    for version in versions.order_by("revision__date_created", "pk"):
        imported.setdefault(version.object_id, version.revision)
    for hergebruik in Hergebruik.objects.filter(
        pk__in=[int(pk) for pk in imported if pk.isdigit()], status="bevestigd"
    ).select_related("bouwsteen"):
        revision = imported[str(hergebruik.pk)]
        hergebruik.status = "gemeld"
        hergebruik.gemeld_namens_id = hergebruik.bouwsteen.organisatie_id
        hergebruik.gemeld_door_id = revision.user_id
        hergebruik.gemeld_op = revision.date_created
        hergebruik.melding_bron = BRON
        hergebruik.save(
            update_fields=[
                "status",
                "gemeld_namens",
                "gemeld_door",
                "gemeld_op",
                "melding_bron",
            ]
        )


def gemeld_to_usedby(apps, schema_editor):
    Hergebruik = apps.get_model("bouwstenen", "Hergebruik")
    Hergebruik.objects.filter(status="gemeld", melding_bron=BRON).update(
        status="bevestigd"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("bouwstenen", "0010_een_deur"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(usedby_to_gemeld, gemeld_to_usedby)]
