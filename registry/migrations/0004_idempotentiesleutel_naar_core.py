from django.db import migrations


class Migration(migrations.Migration):
    """The idempotency keys now belong to core; their table stays (see core 0001)."""

    dependencies = [
        ("registry", "0003_idempotentiesleutel"),
        ("core", "0001_idempotentiesleutel"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Idempotentiesleutel")],
            database_operations=[],
        ),
    ]
