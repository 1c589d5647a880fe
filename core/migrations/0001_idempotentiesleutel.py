import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """The idempotency keys move here from the registry app: only the model's home changes.

    The table was made by registry 0003 and keeps its name, so this migration changes the
    state only and runs after it.
    """

    initial = True

    dependencies = [
        ("registry", "0003_idempotentiesleutel"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Idempotentiesleutel",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("sleutel", models.CharField(max_length=255, verbose_name="sleutel")),
                        ("vingerafdruk", models.CharField(help_text="Hash van methode, pad en body: dezelfde sleutel met iets anders is een fout.", max_length=64, verbose_name="vingerafdruk")),
                        ("status", models.PositiveSmallIntegerField(verbose_name="status")),
                        ("antwoord", models.JSONField(blank=True, null=True, verbose_name="antwoord")),
                        ("headers", models.JSONField(blank=True, default=dict, verbose_name="headers")),
                        ("aangemaakt_op", models.DateTimeField(default=django.utils.timezone.now, verbose_name="aangemaakt op")),
                        ("gebruiker", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="gebruiker")),
                    ],
                    options={
                        "verbose_name": "idempotentiesleutel",
                        "verbose_name_plural": "idempotentiesleutels",
                        "db_table": "registry_idempotentiesleutel",
                        "indexes": [models.Index(fields=["aangemaakt_op"], name="registry_idempotentie_tijd_idx")],
                        "constraints": [models.UniqueConstraint(fields=("gebruiker", "sleutel"), name="registry_idempotentiesleutel_unique_gebruiker_sleutel", violation_error_message="Deze sleutel is al gebruikt.")],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
