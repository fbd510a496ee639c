"""The body a secretary gives at upload or in the preview is the meeting's body, in the
meeting's organisation; the preview offers the body the title names when none was given."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

from minutes.models import Meeting, SourceDocument
from municipalities.models import Body, Organization
from tests.minutes.uploads.test_upload_flow import source_of, upload

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).resolve().parents[3] / "samples" / "minutes"
KSO_2018 = SAMPLES / "ledningsgruppen-2018-06-06.txt"
PLANNING_2019 = SAMPLES / "ledningsgruppen-2019-09-05.txt"


def uploaded(client, path: Path, body: str = "") -> SourceDocument:
    """Uploaded, and read by the queue's worker: awaiting confirmation."""
    source = source_of(upload(client, path.name, path.read_bytes(), body=body))
    assert source.status == SourceDocument.Status.PENDING, source.error
    return source


def preview_body(client, source: SourceDocument) -> str:
    page = client.get(reverse("minutes:import-detail", args=[source.pk])).content.decode()
    field = re.search(r'<input[^>]*name="body"[^>]*>', page)
    assert field, page[:2000]
    value = re.search(r'value="([^"]*)"', field.group(0))
    return value.group(1) if value else ""


def confirmed(client, source: SourceDocument, body: str) -> Meeting:
    facts = {"title": "", "date": "", "start_time": "", "end_time": "", "place": "", "body": body}
    response = client.post(reverse("minutes:import-confirm", args=[source.pk]), facts)
    assert response.status_code == 302
    return Meeting.objects.select_related("body__organization").get(source=source)


def test_the_preview_offers_the_body_the_title_names(secretary_client):
    source = uploaded(secretary_client, PLANNING_2019)
    assert preview_body(secretary_client, source) == "Ledningsgruppen"

    meeting = confirmed(secretary_client, source, "Ledningsgruppen")
    assert (meeting.body.name, meeting.body.organization.name) == (
        "Ledningsgruppen", "Södertörnskommunerna"
    )


def test_the_body_given_at_upload_is_chosen_in_the_meetings_organisation(secretary_client):
    haninge = Organization.objects.get(name="Haninge")
    elsewhere = Body.objects.create(name="KSO", organization=haninge)
    source = uploaded(secretary_client, KSO_2018, body="KSO")
    assert preview_body(secretary_client, source) == "KSO"

    meeting = confirmed(secretary_client, source, "KSO")

    assert meeting.body != elsewhere
    assert (meeting.body.name, meeting.body.organization.name) == ("KSO", "Södertörnskommunerna")
    assert Body.objects.filter(name="KSO").count() == 2


def test_a_body_cleared_in_the_preview_gives_no_body(secretary_client):
    source = uploaded(secretary_client, PLANNING_2019)

    meeting = confirmed(secretary_client, source, "")

    assert meeting.body is None
