import hashlib

from django.db import migrations, models

# OCR versions stored before their checksum was recorded get it from their bytes as they are
# now; one that cannot be read keeps an empty checksum (scripts/backup.sh cannot check it,
# and a re-parse writes it again with its checksum).


def record_checksums(apps, schema_editor):
    SourceDocument = apps.get_model("minutes", "SourceDocument")
    unrecorded = SourceDocument.objects.exclude(ocr_file="").filter(ocr_sha256="")
    for source in unrecorded.only("pk", "ocr_file").iterator():
        digest = hashlib.sha256()
        try:
            with source.ocr_file.open("rb") as stored:
                for chunk in stored.chunks():
                    digest.update(chunk)
        except OSError:
            continue
        SourceDocument.objects.filter(pk=source.pk).update(ocr_sha256=digest.hexdigest())


class Migration(migrations.Migration):

    dependencies = [
        ("minutes", "0008_source_file_removed_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="sourcedocument",
            name="ocr_sha256",
            field=models.CharField(
                blank=True,
                editable=False,
                max_length=64,
                verbose_name="SHA-256 checksum of the OCR version",
            ),
        ),
        migrations.RunPython(record_checksums, migrations.RunPython.noop, elidable=True),
    ]
