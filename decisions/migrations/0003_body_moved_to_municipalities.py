"""A decision's copy of its meeting's body points at the body's new app in Django's state;
the column and the triggers (0002) are untouched. Runs before minutes forgets its Body."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0002_meeting_copies"),
        ("municipalities", "0004_body_moved_from_minutes"),
    ]
    run_before = [("minutes", "0010_body_moved_to_municipalities")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="decision",
                    name="body",
                    field=models.ForeignKey(
                        db_constraint=False, db_index=False, editable=False, null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING, related_name="+",
                        to="municipalities.body", verbose_name="meeting body",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
