"""GDPR article 15: everything stored about one person, as a JSON download for administrators."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from municipalities.export import person_export
from municipalities.models import PersonMerge
from municipalities.services import person_merge, person_merge_undo
from tests.municipalities.conftest import staff_with

pytestmark = pytest.mark.django_db


def export_url(person) -> str:
    return reverse("admin:municipalities_person_export", args=[person.pk])


@pytest.fixture
def merged(helenas, admin_user):
    """Sundberg after Sandberg was merged into her: she attended, was assigned, was merged."""
    person_merge(keep=helenas.sundberg, merge=helenas.sandberg, user=admin_user)
    return helenas


def test_export_holds_every_part_for_an_attending_assigned_merged_person(merged, admin_user):
    data = person_export(person=merged.sundberg)

    person = data["person"]
    assert (person["id"], person["full_name"]) == (merged.sundberg.pk, "Helena Sundberg")
    assert person["aliases"] == ["H. Sundberg", "Helena Sandberg", "H. Sandberg"]
    assert person["organization"]["name"] == "Trafikverket"

    attendances = data["attendances"]
    assert [a["date"] for a in attendances] == ["2019-03-14", "2019-02-14", "2019-01-10"]
    february = attendances[1]
    assert february == {
        "meeting_id": merged.february.pk,
        "date": "2019-02-14",
        "body": "Ledningsgruppen",
        "title": "Februarimötet",
        "name_as_written": "Helena Sandberg",
        "affiliation_as_written": "Trafikverket",
        "organization": "Trafikverket",
        "status": "other",
        "status_label": "Övrig närvarande",
        "role": "secretary",
        "role_label": "Sekreterare",
        "items": None,
    }

    decisions = data["decisions_assigned"]
    assert [d["text"] for d in decisions] == ["Trafikverket återkommer.", "Gemensam genomgång."]
    assert decisions[0]["item"] == {"number": "4", "title": "Tvärförbindelse Södertörn"}
    assert decisions[0]["meeting"]["meeting_id"] == merged.february.pk

    assert [m["meeting_id"] for m in data["meetings_as_secretary"]] == [merged.february.pk]
    assert [m["meeting_id"] for m in data["meetings_as_adjuster"]] == [merged.february.pk]

    [merge] = data["merges"]
    assert merge["role"] == "kept"
    assert (merge["merged_name"], merge["merged_person_id"]) == (
        "Helena Sandberg",
        merged.sandberg.pk,
    )
    assert merge["merged_by"] == admin_user.get_username() and merge["undone_at"] is None

    history = data["history"]
    assert [h["comment"] for h in history] == [
        "Före sammanfogning av Helena Sandberg med Helena Sundberg",
        "Sammanfogade Helena Sandberg med Helena Sundberg",
    ]
    assert {h["user"] for h in history} == {admin_user.get_username()}

    # The February minutes name "Helena Sandberg", now one of her aliases.
    assert data["mentioned_in_documents"] == [
        {
            "source_document_id": merged.february.source_id,
            "source_document": "Februarimötet.txt",
            "meeting_id": merged.february.pk,
            "date": "2019-02-14",
        }
    ]


def test_the_merged_persons_own_export_after_undo_names_the_merge(merged, admin_user):
    person_merge_undo(merge_record=PersonMerge.objects.get(), user=admin_user)

    data = person_export(person=merged.sandberg)

    assert [m["role"] for m in data["merges"]] == ["merged"]
    assert data["merges"][0]["undone_by"] == admin_user.get_username()
    assert len(data["attendances"]) == 2


def test_admin_download_is_utf8_json_as_an_attachment(client, admin_user, merged):
    client.force_login(admin_user)
    change = client.get(reverse("admin:municipalities_person_change", args=[merged.sundberg.pk]))
    assert "Exportera personuppgifter (JSON)" in change.content.decode()
    assert export_url(merged.sundberg) in change.content.decode()

    response = client.get(export_url(merged.sundberg))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="personuppgifter-{merged.sundberg.pk}.json"'
    )
    # Written as UTF-8, not \u escapes.
    assert "Södertörn".encode() in response.content
    assert json.loads(response.content)["person"]["full_name"] == "Helena Sundberg"


@pytest.mark.parametrize("codenames", [("view_person",), ("change_person",), ()])
def test_download_is_forbidden_without_view_and_change_permission(client, helenas, codenames):
    client.force_login(staff_with(*codenames))

    assert client.get(export_url(helenas.sundberg)).status_code == 403


def test_download_is_allowed_with_view_and_change_permission(client, helenas):
    client.force_login(staff_with("view_person", "change_person"))

    assert client.get(export_url(helenas.sundberg)).status_code == 200


def test_anonymous_visitors_are_sent_to_sign_in(anonymous_client, helenas):
    response = anonymous_client.get(export_url(helenas.sundberg))

    assert response.status_code == 302
    assert "application/json" not in response.get("Content-Type", "")
