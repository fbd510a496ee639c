"""Meeting bodies now live in the municipalities app (its migration 0004): the foreign keys
point there in Django's state. The table and the triggers copying a meeting's body onto its
items (0005) are untouched."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("minutes", "0009_source_ocr_sha256"),
        ("municipalities", "0004_body_moved_from_minutes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="meeting",
                    name="body",
                    field=models.ForeignKey(
                        blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL,
                        related_name="meetings", to="municipalities.body",
                        verbose_name="meeting body",
                    ),
                ),
                migrations.AlterField(
                    model_name="agendaitem",
                    name="body",
                    field=models.ForeignKey(
                        db_constraint=False, db_index=False, editable=False, null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING, related_name="+",
                        to="municipalities.body", verbose_name="meeting body",
                    ),
                ),
                migrations.DeleteModel(name="Body"),
            ],
            database_operations=[],
        ),
    ]
