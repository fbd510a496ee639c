"""The three roles as groups: officials read, secretaries also upload and correct, and
administrators may do everything.

The names and permission lists are copied from minutes/roles.py (now config/roles.py) as
they were when this was written: a migration must not import code that may change.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SECRETARIES = "Sekreterare"
OFFICIALS = "Tjänsteperson"
ADMINISTRATORS = "Administratör"
READABLE_APPS = ("minutes", "municipalities", "decisions")
SECRETARY_PERMISSIONS = (
    "minutes.add_sourcedocument",
    "minutes.change_sourcedocument",
    "minutes.change_meeting",
    "minutes.change_agendaitem",
    "minutes.change_attendance",
    "decisions.change_decision",
)


def create_all_permissions(apps, schema_editor):
    """post_migrate creates permissions only after every migration: in a fresh database
    they do not exist yet, so create them now for every installed app."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0,
                           using=schema_editor.connection.alias)
        app_config.models_module = None


def create_roles(apps, schema_editor):
    create_all_permissions(apps, schema_editor)
    db = schema_editor.connection.alias
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    reading = Permission.objects.using(db).filter(
        content_type__app_label__in=READABLE_APPS, codename__startswith="view_"
    )
    secretary_extra = Permission.objects.none()
    for name in SECRETARY_PERMISSIONS:
        app_label, codename = name.split(".")
        secretary_extra |= Permission.objects.using(db).filter(
            content_type__app_label=app_label, codename=codename
        )
    missing = set(SECRETARY_PERMISSIONS) - {
        f"{app_label}.{codename}"
        for app_label, codename in secretary_extra.values_list(
            "content_type__app_label", "codename"
        )
    }
    if missing:
        raise RuntimeError(f"permissions missing for the secretaries: {sorted(missing)}")

    officials, _ = Group.objects.using(db).get_or_create(name=OFFICIALS)
    officials.permissions.add(*reading)
    secretaries, _ = Group.objects.using(db).get_or_create(name=SECRETARIES)
    secretaries.permissions.add(*reading, *secretary_extra)
    administrators, _ = Group.objects.using(db).get_or_create(name=ADMINISTRATORS)
    administrators.permissions.add(*Permission.objects.using(db).all())


def delete_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(
        name__in=(OFFICIALS, SECRETARIES, ADMINISTRATORS)
    ).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("minutes", "0003_upload_preview"),
        ("municipalities", "0002_load_sodertorn_municipalities"),
        ("decisions", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_roles, delete_roles),
    ]
