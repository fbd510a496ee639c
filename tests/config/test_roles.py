"""The three groups made by migration 0004_roles, and what each may do."""

from __future__ import annotations

import importlib

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from config.roles import ADMINISTRATORS, OFFICIALS, SECRETARIES
from tests.config.users import user_with_role

pytestmark = pytest.mark.django_db

migration = importlib.import_module("minutes.migrations.0004_roles")


def codenames(group_name: str) -> set[str]:
    group = Group.objects.get(name=group_name)
    return {
        f"{app}.{codename}"
        for app, codename in group.permissions.values_list("content_type__app_label", "codename")
    }


def test_officials_may_view_the_archive_and_nothing_more():
    held = codenames(OFFICIALS)

    assert {"minutes.view_meeting", "minutes.view_agendaitem", "decisions.view_decision",
            "municipalities.view_person", "municipalities.view_organization"} <= held
    assert all(name.split(".")[1].startswith("view_") for name in held)
    assert {name.split(".")[0] for name in held} == {"minutes", "municipalities", "decisions"}


def test_secretaries_may_also_upload_and_correct_minutes_but_not_people():
    held = codenames(SECRETARIES)

    assert codenames(OFFICIALS) <= held
    assert held - codenames(OFFICIALS) == {
        "minutes.add_sourcedocument", "minutes.change_sourcedocument", "minutes.change_meeting",
        "minutes.change_agendaitem", "minutes.change_attendance", "decisions.change_decision",
    }
    assert "municipalities.change_person" not in held


def test_administrators_hold_every_permission():
    assert codenames(ADMINISTRATORS) == {
        f"{app}.{codename}"
        for app, codename in Permission.objects.values_list("content_type__app_label", "codename")
    }
    assert {"auth.change_user", "municipalities.change_person"} <= codenames(ADMINISTRATORS)


def test_a_model_added_later_is_given_to_administrators_at_the_next_migrate():
    content_type = ContentType.objects.create(app_label="minutes", model="laterthing")
    later = Permission.objects.create(
        content_type=content_type, codename="change_laterthing", name="Can change later thing"
    )

    call_command("migrate", verbosity=0)

    assert Group.objects.get(name=ADMINISTRATORS).permissions.filter(pk=later.pk).exists()
    assert not Group.objects.get(name=OFFICIALS).permissions.filter(pk=later.pk).exists()


def test_the_migration_reverses_and_applies_again():
    state_apps = MigrationLoader(connection).project_state(("minutes", "0004_roles")).apps
    with connection.schema_editor() as schema_editor:
        migration.delete_roles(state_apps, schema_editor)
        assert not Group.objects.filter(name__in=[OFFICIALS, SECRETARIES, ADMINISTRATORS]).exists()

        migration.create_roles(state_apps, schema_editor)

    assert Group.objects.filter(name__in=[OFFICIALS, SECRETARIES, ADMINISTRATORS]).count() == 3
    assert "minutes.add_sourcedocument" in codenames(SECRETARIES)


@pytest.mark.parametrize(
    ("role", "may_read", "may_upload"),
    [(OFFICIALS, True, False), (SECRETARIES, True, True), (ADMINISTRATORS, True, True)],
)
def test_each_role_has_the_permissions_the_pages_ask_for(role, may_read, may_upload):
    user = user_with_role(role)

    assert user.has_perm("minutes.view_meeting") is may_read
    assert user.has_perm("minutes.add_sourcedocument") is may_upload
