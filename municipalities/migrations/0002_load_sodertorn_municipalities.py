"""The eight Södertörn municipalities, with their official codes, and their cooperation body."""

from django.db import migrations

SODERTORN_MUNICIPALITIES = [
    ("0127", "Botkyrka"),
    ("0136", "Haninge"),
    ("0126", "Huddinge"),
    ("0140", "Nykvarn"),
    ("0192", "Nynäshamn"),
    ("0128", "Salem"),
    ("0181", "Södertälje"),
    ("0138", "Tyresö"),
]
COOPERATION = "Södertörnskommunerna"


def load(apps, schema_editor):
    Organization = apps.get_model("municipalities", "Organization")
    for code, name in SODERTORN_MUNICIPALITIES:
        Organization.objects.update_or_create(
            name=name, defaults={"kind": "municipality", "code": code}
        )
    Organization.objects.update_or_create(name=COOPERATION, defaults={"kind": "cooperation"})


def unload(apps, schema_editor):
    Organization = apps.get_model("municipalities", "Organization")
    names = [name for _code, name in SODERTORN_MUNICIPALITIES] + [COOPERATION]
    Organization.objects.filter(name__in=names).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("municipalities", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load, unload),
    ]
