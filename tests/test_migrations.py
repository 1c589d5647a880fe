"""Migrations that change what existing records mean, tested on real rows."""

import pytest

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

HISTORY = [
    ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ("contenttypes", "0002_remove_content_type_name"),
]
BEFORE = [("bouwstenen", "0010_een_deur"), *HISTORY]
AFTER = [("bouwstenen", "0011_usedby_wordt_gemeld"), *HISTORY]
USED_BY_COMMENT = "Vastgelegd uit publiccode.yml (usedBy)"


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_reuse_an_import_derived_from_used_by_becomes_a_report():
    from registry.reference_data import load_reference_data

    load_reference_data()
    apps = _migrate(BEFORE)
    try:
        Organisatie = apps.get_model("registry", "Organisatie")
        Bouwsteen = apps.get_model("bouwstenen", "Bouwsteen")
        Hergebruik = apps.get_model("bouwstenen", "Hergebruik")
        Revision = apps.get_model("reversion", "Revision")
        Version = apps.get_model("reversion", "Version")
        ContentType = apps.get_model("contenttypes", "ContentType")
        amsterdam = Organisatie.objects.get(code="GM0363")
        block = Bouwsteen.objects.create(
            naam="Signalen",
            slug="signalen",
            soort="datatoepassing",
            samenvatting="Meldingen openbare ruimte.",
            organisatie=amsterdam,
            licentie="MPL-2.0",
        )
        from_file = Hergebruik.objects.create(
            bouwsteen=block,
            organisatie=Organisatie.objects.get(code="GM0796"),
            stadium="in-gebruik",
        )
        own_word = Hergebruik.objects.create(
            bouwsteen=block,
            organisatie=Organisatie.objects.get(code="GM0344"),
            stadium="pilot",
        )
        content_type, _ = ContentType.objects.get_or_create(
            app_label="bouwstenen", model="hergebruik"
        )
        for hergebruik, comment in (
            (from_file, USED_BY_COMMENT),
            (own_word, "Hergebruik vastgelegd"),
        ):
            revision = Revision.objects.create(
                comment=comment, date_created=timezone.now()
            )
            Version.objects.create(
                revision=revision,
                object_id=str(hergebruik.pk),
                content_type=content_type,
                db="default",
                format="json",
                serialized_data="[]",
                object_repr=str(hergebruik.pk),
            )

        apps = _migrate(AFTER)

        Hergebruik = apps.get_model("bouwstenen", "Hergebruik")
        reported = Hergebruik.objects.get(pk=from_file.pk)
        assert reported.status == "gemeld"
        assert reported.gemeld_namens_id == amsterdam.pk
        assert reported.melding_bron == "publiccode.yml (usedBy)"
        assert reported.gemeld_op is not None
        # What Utrecht recorded itself stays confirmed.
        assert Hergebruik.objects.get(pk=own_word.pk).status == "bevestigd"
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
