"""The admin site and its user admin in Swedish where Django and the apps it shows leave
English: permission names, the history of a user, the names of django-axes and the queue."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from config.roles import ADMINISTRATORS
from config.user_admin import permission_label
from tests.config.users import SUPERUSER, user_with_role
from tests.municipalities.html_forms import form_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client() -> Client:
    client = Client()
    client.force_login(user_with_role(SUPERUSER, username="root"))
    return client


def test_a_models_permission_is_named_by_app_model_and_action():
    permission = Permission.objects.get(codename="change_meeting")

    assert permission.name == "Can change meeting"  # as Django stores it
    assert permission_label(permission) == "Protokoll | möte | Kan ändra möte"


def test_a_removed_models_permission_is_named_by_its_code_name():
    gone = ContentType.objects.create(app_label="minutes", model="oldthing")
    permission = Permission.objects.create(
        content_type=gone, codename="view_oldthing", name="Can view old thing"
    )

    assert permission_label(permission) == "minutes | oldthing | Kan visa oldthing"


def test_group_form_lists_permissions_in_swedish(superuser_client):
    page = superuser_client.get(reverse("admin:auth_group_add")).content.decode()

    assert "Kommuner | person | Kan ta bort person" in page
    assert "Can delete person" not in page


def test_user_history_names_the_changed_field_in_swedish(superuser_client):
    user = user_with_role(ADMINISTRATORS, username="berit")
    url = reverse("admin:auth_user_change", args=[user.pk])
    data = form_fields(superuser_client.get(url).content.decode(), "user_form")
    data["first_name"] = ["Berit"]

    assert superuser_client.post(url, data).status_code == 302
    history = superuser_client.get(reverse("admin:auth_user_history", args=[user.pk]))

    html = history.content.decode()
    assert "Ändrade Förnamn." in html
    assert "First name" not in html
    assert get_user_model().objects.get(pk=user.pk).first_name == "Berit"


@pytest.mark.parametrize(
    ("name", "trail"),
    [
        ("admin:axes_accesslog_changelist", "Startsida › Inloggningsskydd › Inloggningar"),
        ("admin:axes_accessattempt_changelist",
         "Startsida › Inloggningsskydd › Inloggningsförsök"),
        ("admin:procrastinate_procrastinatejob_changelist", "Startsida › Jobbkö › Jobb"),
    ],
)
def test_other_apps_pages_are_named_in_swedish_in_the_breadcrumbs(superuser_client, name, trail):
    html = superuser_client.get(reverse(name)).content.decode()
    breadcrumbs = html.split('<div class="breadcrumbs">', 1)[1].split("</div>", 1)[0]

    text = re.sub(r"<[^>]+>", " ", breadcrumbs.replace("&rsaquo;", "›"))
    assert " ".join(text.split()) == trail
