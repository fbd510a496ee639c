"""Meeting bodies move from the minutes app to this one, as a change of Django's state only.

The table keeps its name (minutes_body) and its rows: no data is copied. The content type
is renamed with it, so the groups' permissions on bodies and the admin's log follow.
"""

from django.db import migrations, models


def content_type_follows(apps, schema_editor):
    _content_type_move(apps, schema_editor, source="minutes", target="municipalities")


def content_type_returns(apps, schema_editor):
    _content_type_move(apps, schema_editor, source="municipalities", target="minutes")


def _content_type_move(apps, schema_editor, *, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    if ContentType.objects.using(db).filter(app_label=target, model="body").exists():
        return
    ContentType.objects.using(db).filter(app_label=source, model="body").update(
        app_label=target
    )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("municipalities", "0003_person_merge"),
        ("minutes", "0009_source_ocr_sha256"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Body",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True,
                                                   serialize=False, verbose_name="ID")),
                        ("name", models.CharField(max_length=200, unique=True,
                                                  verbose_name="name")),
                        ("created_at", models.DateTimeField(auto_now_add=True,
                                                            verbose_name="created")),
                    ],
                    options={
                        "verbose_name": "meeting body",
                        "verbose_name_plural": "meeting bodies",
                        "ordering": ["name"],
                        "db_table": "minutes_body",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_type_follows, content_type_returns),
    ]
