"""Users in the admin: an administrator cannot take over a superuser or become one.

Issue 12, point 5. Administrators ("Administratör") may change users, but only superusers may
change a superuser or grant superuser status, and nobody may grant more than they hold.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from config.roles import ADMIN_PERMISSION, ADMINISTRATORS, role_group
from tests.config.users import SUPERUSER, user_with_role
from tests.municipalities.html_forms import form_fields

pytestmark = pytest.mark.django_db

Users = get_user_model()
PASSWORD = "ett långt lösenord för testet"
NEW_PASSWORD = "ett helt annat långt lösenord"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def superuser():
    return user_with_role(SUPERUSER, username="root", password=PASSWORD)


@pytest.fixture
def administrator():
    return user_with_role(ADMINISTRATORS, username="admin-anna")


def change_url(user) -> str:
    return reverse("admin:auth_user_change", args=[user.pk])


def password_url(user) -> str:
    return reverse("admin:auth_user_password_change", args=[user.pk])


def change_form(client: Client, user) -> dict[str, list[str]]:
    response = client.get(change_url(user))
    assert response.status_code == 200
    return form_fields(response.content.decode(), "user_form")


def test_administrators_do_not_see_superusers_in_the_user_list(superuser, administrator):
    client = signed_in(administrator)

    for query in ("", "?is_superuser__exact=1", "?q=root"):
        page = client.get(reverse("admin:auth_user_changelist") + query)
        assert page.status_code == 200
        assert f'href="{change_url(superuser)}"' not in page.content.decode()
    page = client.get(reverse("admin:auth_user_changelist"))
    assert f'href="{change_url(administrator)}"' in page.content.decode()


@pytest.mark.parametrize(
    "page", ["auth_user_change", "auth_user_password_change", "auth_user_delete",
             "auth_user_history"]
)
def test_administrators_cannot_open_a_superusers_pages(superuser, administrator, page):
    response = signed_in(administrator).get(reverse(f"admin:{page}", args=[superuser.pk]))

    assert response.status_code == 404


def test_administrators_cannot_set_a_superusers_password(superuser, administrator):
    response = signed_in(administrator).post(
        password_url(superuser),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )

    assert response.status_code == 404
    superuser.refresh_from_db()
    assert superuser.check_password(PASSWORD)


def test_administrators_cannot_change_a_superuser(superuser, administrator):
    fields = change_form(signed_in(user_with_role(SUPERUSER)), superuser)
    fields["is_active"] = []  # unticked: what an attacker would like to send

    response = signed_in(administrator).post(change_url(superuser), fields)

    assert response.status_code == 404
    superuser.refresh_from_db()
    assert superuser.is_active and superuser.is_superuser


def test_administrators_cannot_delete_a_superuser(superuser, administrator):
    client = signed_in(administrator)

    response = client.post(reverse("admin:auth_user_delete", args=[superuser.pk]), {"post": "yes"})

    assert response.status_code == 404
    assert Users.objects.filter(pk=superuser.pk).exists()


def test_the_delete_action_leaves_superusers_alone(superuser, administrator):
    other = user_with_role(ADMINISTRATORS, username="admin-bertil")

    response = signed_in(administrator).post(
        reverse("admin:auth_user_changelist"),
        {"action": "delete_selected", "_selected_action": [superuser.pk, other.pk], "post": "yes"},
    )

    assert response.status_code == 302
    assert not Users.objects.filter(pk=other.pk).exists(), "the action did not run"
    assert Users.objects.filter(pk=superuser.pk).exists()


def test_administrators_cannot_make_themselves_superusers(administrator):
    client = signed_in(administrator)
    fields = change_form(client, administrator)
    assert "is_superuser" not in fields
    fields["is_superuser"] = ["on"]

    response = client.post(change_url(administrator), fields)

    assert response.status_code == 302
    administrator.refresh_from_db()
    assert not administrator.is_superuser


def test_administrators_cannot_make_another_user_a_superuser(administrator):
    other = user_with_role(ADMINISTRATORS, username="admin-bertil")
    client = signed_in(administrator)
    fields = change_form(client, other)
    fields["is_superuser"] = ["on"]
    fields["first_name"] = ["Bertil"]

    response = client.post(change_url(other), fields)

    assert response.status_code == 302
    other.refresh_from_db()
    assert other.first_name == "Bertil", "the form was not saved"
    assert not other.is_superuser


@pytest.fixture
def user_keeper():
    """A user who may change users and enter the admin, and nothing else."""
    group = Group.objects.create(name="Användarvård")
    for name in ("auth.view_user", "auth.change_user", "auth.change_group", ADMIN_PERMISSION):
        app_label, codename = name.split(".")
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    keeper = Users.objects.create_user(username="keeper")
    keeper.groups.add(group)
    return keeper


def test_no_one_can_give_themselves_a_group_with_more_than_they_hold(user_keeper):
    client = signed_in(user_keeper)
    fields = change_form(client, user_keeper)
    administrators = role_group(ADMINISTRATORS)

    response = client.post(
        change_url(user_keeper), {**fields, "groups": [*fields["groups"], administrators.pk]}
    )

    assert response.status_code == 200  # the form again, with the refusal
    assert set(user_keeper.groups.values_list("name", flat=True)) == {"Användarvård"}


def test_no_one_can_give_themselves_a_permission_they_do_not_hold(user_keeper):
    client = signed_in(user_keeper)
    fields = change_form(client, user_keeper)
    delete_user = Permission.objects.get(content_type__app_label="auth", codename="delete_user")

    response = client.post(
        change_url(user_keeper), {**fields, "user_permissions": [delete_user.pk]}
    )

    assert response.status_code == 200
    assert not Users.objects.get(pk=user_keeper.pk).has_perm("auth.delete_user")


def test_a_permission_one_holds_can_be_given_and_what_a_user_has_is_kept(user_keeper):
    colleague = Users.objects.create_user(username="kollega")
    colleague.groups.add(role_group(ADMINISTRATORS))
    client = signed_in(user_keeper)
    fields = change_form(client, colleague)
    change_user = Permission.objects.get(content_type__app_label="auth", codename="change_user")

    response = client.post(
        change_url(colleague), {**fields, "user_permissions": [change_user.pk]}
    )

    assert response.status_code == 302
    assert list(colleague.groups.values_list("name", flat=True)) == [ADMINISTRATORS]
    assert list(colleague.user_permissions.all()) == [change_user]


def test_no_one_can_add_a_permission_they_do_not_hold_to_their_group(user_keeper):
    group = user_keeper.groups.get()
    client = signed_in(user_keeper)
    page = client.get(reverse("admin:auth_group_change", args=[group.pk]))
    fields = form_fields(page.content.decode(), "group_form")
    delete_user = Permission.objects.get(content_type__app_label="auth", codename="delete_user")

    response = client.post(
        reverse("admin:auth_group_change", args=[group.pk]),
        {**fields, "permissions": [*fields["permissions"], delete_user.pk]},
    )

    assert response.status_code == 200
    assert not group.permissions.filter(pk=delete_user.pk).exists()


def test_superusers_keep_full_control(superuser, administrator):
    client = signed_in(user_with_role(SUPERUSER))

    assert client.get(password_url(superuser)).status_code == 200
    fields = change_form(client, administrator)
    response = client.post(change_url(administrator), {**fields, "is_superuser": ["on"]})
    assert response.status_code == 302
    administrator.refresh_from_db()
    assert administrator.is_superuser
    response = client.post(
        password_url(superuser),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )
    assert response.status_code == 302
    superuser.refresh_from_db()
    assert superuser.check_password(NEW_PASSWORD)
