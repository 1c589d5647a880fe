from django.db import migrations

# Frozen here on purpose: a migration must not change when constants.py changes later.
LAGEN = [
    ("interactie", "Interactie", "Apps, portalen en dashboards waarmee inwoners, ondernemers en medewerkers werken."),
    ("proces", "Proces", "Procesinrichting en -sturing: zaakgericht werken, workflows en regels."),
    ("integratie", "Integratie", "Connectiviteit: gateways, notificaties en veilige gegevensuitwisseling."),
    ("services", "Services", "Diensten en API's die gegevens en functies herbruikbaar aanbieden."),
    ("data", "Data", "Databronnen en registraties, bij voorkeur bij de bron en eenmalig vastgelegd."),
]


def create_lagen(apps, schema_editor):
    Laag = apps.get_model("registry", "Laag")
    for volgorde, (slug, naam, omschrijving) in enumerate(LAGEN, start=1):
        Laag.objects.update_or_create(
            slug=slug, defaults={"naam": naam, "omschrijving": omschrijving, "volgorde": volgorde}
        )


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]

    operations = [migrations.RunPython(create_lagen, migrations.RunPython.noop)]
