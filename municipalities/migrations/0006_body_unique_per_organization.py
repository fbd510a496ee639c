"""A body's organisation is required, and its name is unique within the organisation."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("municipalities", "0005_body_organization"),
    ]

    operations = [
        migrations.AlterField(
            model_name="body",
            name="organization",
            field=models.ForeignKey(
                on_delete=models.deletion.PROTECT,
                related_name="bodies",
                to="municipalities.organization",
                verbose_name="organisation",
            ),
        ),
        migrations.AlterModelOptions(
            name="body",
            options={
                "ordering": ["name", "pk"],
                "verbose_name": "meeting body",
                "verbose_name_plural": "meeting bodies",
            },
        ),
        migrations.AddConstraint(
            model_name="body",
            constraint=models.UniqueConstraint(
                fields=("organization", "name"), name="body_name_unique_per_organization"
            ),
        ),
    ]
