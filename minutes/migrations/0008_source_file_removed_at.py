from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("minutes", "0007_meeting_date_range"),
    ]

    operations = [
        migrations.AddField(
            model_name="sourcedocument",
            name="file_removed_at",
            field=models.DateTimeField(
                blank=True,
                editable=False,
                help_text=(
                    "When the file of a discarded upload (and its OCR version) was deleted; "
                    "the record is kept."
                ),
                null=True,
                verbose_name="file removed",
            ),
        ),
        migrations.AddIndex(
            model_name="sourcedocument",
            index=models.Index(
                condition=models.Q(("file_removed_at__isnull", True), ("status", "discarded")),
                fields=["status_changed_at"],
                name="source_discarded_file_kept",
            ),
        ),
    ]
