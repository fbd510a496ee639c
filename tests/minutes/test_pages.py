"""The pages people read: home, meeting list, meeting, person, organisation, the original."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.urls import reverse

from decisions.models import Decision
from minutes.models import Attendance, Meeting, SourceDocument
from minutes.services import minutes_ingest
from municipalities.models import Organization, Person
from parsing import parse_bytes
from tests import factories
from tests.config.users import SIGNED_IN_QUERIES
from tests.samples import seed

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def ingest(number: str) -> Meeting:
    path = seed(number)
    return minutes_ingest(
        data=path.read_bytes(), filename=path.name, body_name="Ledningsgruppen"
    ).meeting


@pytest.fixture
def seeded() -> dict[str, Meeting]:
    return {"000": ingest("000"), "001": ingest("001")}


def page_text(response) -> str:
    """The text a reader sees: tags dropped, entities decoded, whitespace folded."""
    text = re.sub(r"</?(a|time|span|strong|em)\b[^>]*>", "", response.content.decode())
    text = re.sub(r"<[^>]+>", " ", text)
    return " ".join(html.unescape(text).split())


def fold(text: str) -> str:
    return " ".join(text.split())


def make_meeting(*, attendees: int, items: int, day: int = 1, text: str = "Text.") -> Meeting:
    """A meeting built row by row: `attendees` people, `items` items with one decision each."""
    source = factories.source_document(
        f"möte {day} {attendees} {items}".encode(), name=f"möte-{day}.txt", stored=True,
        status=SourceDocument.Status.IMPORTED,
        warnings=[{"code": "year", "message": "year: inferred"}],
    )
    haninge = factories.organization("Haninge")
    people = [factories.person(f"Person {day}-{n}", haninge) for n in range(attendees)]
    meeting = factories.meeting(
        dt.datetime(2024, 1, day, 9, 0, tzinfo=dt.UTC),
        title=f"Möte {day}",
        place="Handen",
        organization=haninge,
        secretary=people[0],
        source=source,
    )
    meeting.adjusters.set(people[:2])
    statuses = [Attendance.Status.PRESENT, Attendance.Status.OTHER, Attendance.Status.ABSENT]
    Attendance.objects.bulk_create(
        Attendance(
            meeting=meeting,
            person=person,
            name_as_written=person.full_name,
            affiliation_as_written="Haninge",
            organization=haninge,
            status=statuses[n % 3],
            role=Attendance.Role.CHAIR if n == 0 else "",
            items=[1] if n % 2 else None,
            order=n,
        )
        for n, person in enumerate(people)
    )
    for n in range(1, items + 1):
        item = factories.agenda_item(meeting, n, text=text)
        factories.decision(item, f"Beslut {n}", assigned=people[:1])
    return meeting


def test_meeting_list_shows_both_meetings_newest_first_with_decision_counts(client, seeded):
    response = client.get(reverse("minutes:meeting-list"))

    assert response.status_code == 200
    content = response.content.decode()
    newer, older = seeded["001"], seeded["000"]
    newer_link = reverse("minutes:meeting-detail", args=[newer.pk])
    older_link = reverse("minutes:meeting-detail", args=[older.pk])
    assert newer_link in content and older_link in content
    assert content.index(newer_link) < content.index(older_link)
    rows = re.findall(r"<tr>(.*?)</tr>", content, flags=re.S)[1:]
    counts = [re.search(r'class="number"[^>]*>(\d+)<', row).group(1) for row in rows]
    expected = [Decision.objects.filter(item__meeting=m).count() for m in (newer, older)]
    assert expected == [14, 4]
    assert counts == [str(n) for n in expected]
    assert "5 september 2019" in page_text(response)
    assert "6 juni 2018" in page_text(response)


def test_meeting_list_is_paginated_25_a_page(client):
    for day in range(1, 28):
        make_meeting(attendees=1, items=1, day=day)

    first = client.get(reverse("minutes:meeting-list"))
    second = client.get(reverse("minutes:meeting-list"), {"page": 2})

    assert len(first.context["meetings"]) == 25
    assert len(second.context["meetings"]) == 2
    assert 'aria-current="page"' in second.content.decode()
    assert 'rel="prev"' in second.content.decode()
    assert client.get(reverse("minutes:meeting-list"), {"page": 9}).status_code == 404


def test_meeting_list_runs_the_same_queries_for_one_or_five_meetings(
    client, django_assert_num_queries
):
    make_meeting(attendees=1, items=1, day=1)
    url = reverse("minutes:meeting-list")
    with django_assert_num_queries(SIGNED_IN_QUERIES + 2):
        assert client.get(url).status_code == 200

    for day in range(2, 6):
        make_meeting(attendees=2, items=3, day=day)
    assert Meeting.objects.count() == 5
    with django_assert_num_queries(SIGNED_IN_QUERIES + 2):
        assert len(client.get(url).context["meetings"]) == 5


def test_meeting_page_shows_every_attendee_item_and_decision(client, seeded):
    meeting = seeded["000"]
    parsed = parse_bytes(seed("000").read_bytes(), seed("000").name)

    response = client.get(reverse("minutes:meeting-detail", args=[meeting.pk]))

    assert response.status_code == 200
    content = response.content.decode()
    text = page_text(response)
    assert len(parsed.attendees) == 20
    for attendee in parsed.attendees:
        assert attendee.name in text
    assert len(parsed.items) == 9
    for item in parsed.items:
        assert f'id="punkt-{item.number}"' in content
        assert item.title in text
    decisions = [d for item in parsed.items for d in item.decisions]
    assert decisions
    for decision in decisions:
        assert fold(decision.text) in text
    for heading in ("Närvarande", "Övriga deltagare", "Frånvarande", "Beslut"):
        assert heading in text
    assert 'id="beslut-6-2"' in content
    assert "Sekreterare Anna Söderström" in text
    assert "onsdag 6 juni 2018 kl. 13.00–15.30" in text
    assert "endast punkt 2" in text
    assert "Att kontrollera mot originalet" in text
    assert "Ladda ned originalet" in text


def test_meeting_page_links_people_adjusters_and_scopes(client, seeded):
    meeting = seeded["001"]
    stefan = Person.objects.get(full_name="Stefan Hollmark")

    response = client.get(reverse("minutes:meeting-detail", args=[meeting.pk]))

    content = response.content.decode()
    text = page_text(response)
    assert reverse("municipalities:person-detail", args=[stefan.pk]) in content
    assert "Justerare Stefan Hollmark" in text
    assert "punkt 2–7" in text
    assert "Ansvarig: Rickard Sundbom" in text
    assert "torsdag 5 september 2019 kl. 12.00–fredag 6 september 2019 kl. 11.50" in text


def test_item_text_is_escaped_not_run(client):
    meeting = make_meeting(attendees=1, items=1, text="Före\n\n<script>alert(1)</script>")

    response = client.get(reverse("minutes:meeting-detail", args=[meeting.pk]))

    content = response.content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_meeting_page_runs_the_same_queries_for_small_and_large_meetings(
    client, django_assert_num_queries
):
    small = make_meeting(attendees=1, items=1, day=1)
    large = make_meeting(attendees=12, items=7, day=2)

    # The meeting and its adjusters, attendances, items, decisions, assigned people, votes
    # and statements (ballots and the statements' people only when there are any).
    with django_assert_num_queries(SIGNED_IN_QUERIES + 8) as small_queries:
        client.get(reverse("minutes:meeting-detail", args=[small.pk]))
    with django_assert_num_queries(len(small_queries.captured_queries)):
        response = client.get(reverse("minutes:meeting-detail", args=[large.pk]))
    assert "Person 2-11" in page_text(response)


def test_download_gives_the_original_bytes_as_an_attachment(client, seeded):
    meeting = seeded["000"]
    path = seed("000")

    response = client.get(reverse("minutes:meeting-original", args=[meeting.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == path.read_bytes()
    assert response["Content-Type"] == "text/plain"
    assert response["Content-Disposition"] == f'attachment; filename="{path.name}"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_download_of_a_non_ascii_name_uses_rfc_5987(client):
    meeting = make_meeting(attendees=1, items=1, day=3)

    response = client.get(reverse("minutes:meeting-original", args=[meeting.pk]))

    assert response["Content-Disposition"] == "attachment; filename*=utf-8''m%C3%B6te-3.txt"
    assert b"".join(response.streaming_content) == "möte 3 1 1".encode()


def test_download_of_a_missing_file_is_not_found(client, media_root):
    meeting = make_meeting(attendees=1, items=1)
    (media_root / meeting.source.file.name).unlink()

    response = client.get(reverse("minutes:meeting-original", args=[meeting.pk]))

    assert response.status_code == 404


def test_person_page_lists_both_meetings_of_anna_soderstrom(client, seeded):
    anna = Person.objects.get(full_name="Anna Söderström")

    response = client.get(reverse("municipalities:person-detail", args=[anna.pk]))

    assert response.status_code == 200
    content = response.content.decode()
    links = [reverse("minutes:meeting-detail", args=[m.pk]) for m in seeded.values()]
    for link in links:
        assert f'href="{link}"' in content
    assert content.index(links[1]) < content.index(links[0]), "newest first"
    assert "Sekreterare" in page_text(response)


def test_person_page_links_assigned_decisions_to_their_anchors(client, seeded):
    rickard = Person.objects.get(full_name="Rickard Sundbom")
    meeting = seeded["001"]

    response = client.get(reverse("municipalities:person-detail", args=[rickard.pk]))

    content = response.content.decode()
    detail = reverse("minutes:meeting-detail", args=[meeting.pk])
    assert f'href="{detail}#beslut-5-1"' in content
    assert f'href="{detail}#beslut-7-1"' in content
    meeting_page = client.get(detail).content.decode()
    assert 'id="beslut-5-1"' in meeting_page and 'id="beslut-7-1"' in meeting_page


def test_organisation_page_lists_its_people_and_meetings(client, seeded):
    haninge = Organization.objects.get(code="0136")
    people = list(haninge.people.all())
    assert people

    response = client.get(reverse("municipalities:organization-detail", args=[haninge.pk]))

    assert response.status_code == 200
    text = page_text(response)
    for person in people:
        assert person.full_name in text
    assert "Meeri Wasberg" in text and "Helene Olofsson" in text
    assert "Kommun" in text and "0136" in text
    assert [m.pk for m in response.context["meetings"]] == [seeded["001"].pk, seeded["000"].pk]


def test_person_and_organisation_pages_run_the_same_queries_whatever_their_rows(
    client, django_assert_num_queries
):
    make_meeting(attendees=1, items=1, day=1)
    person = Person.objects.get(full_name="Person 1-0")
    haninge = Organization.objects.get(code="0136")
    person_url = reverse("municipalities:person-detail", args=[person.pk])
    organization_url = reverse("municipalities:organization-detail", args=[haninge.pk])
    # The person, attendances, decisions assigned, ballots and statements; the organisation,
    # its bodies, people, meetings and their count.
    with django_assert_num_queries(SIGNED_IN_QUERIES + 5):
        client.get(person_url)
    with django_assert_num_queries(SIGNED_IN_QUERIES + 5):
        client.get(organization_url)

    for day in range(2, 6):
        meeting = make_meeting(attendees=3, items=2, day=day)
        Attendance.objects.create(
            meeting=meeting, person=person, name_as_written="P", status="present", order=9
        )
        Decision.objects.create(item=meeting.items.first(), text="Mer", order=1).assigned.add(
            person
        )
    with django_assert_num_queries(SIGNED_IN_QUERIES + 5):
        response = client.get(person_url)
    assert len(response.context["attendances"]) == 5
    with django_assert_num_queries(SIGNED_IN_QUERIES + 5):
        response = client.get(organization_url)
    assert len(response.context["meetings"]) == 5


@pytest.mark.parametrize(
    "name",
    [
        "minutes:meeting-detail",
        "minutes:meeting-original",
        "municipalities:person-detail",
        "municipalities:organization-detail",
    ],
)
def test_unknown_pk_is_not_found(client, name):
    assert client.get(reverse(name, args=[999999])).status_code == 404


def test_every_page_answers_in_swedish(client, seeded):
    meeting = seeded["000"]
    anna = Person.objects.get(full_name="Anna Söderström")
    urls = [
        reverse("home"),
        reverse("minutes:meeting-list"),
        reverse("minutes:meeting-detail", args=[meeting.pk]),
        reverse("municipalities:person-detail", args=[anna.pk]),
        reverse("municipalities:organization-detail", args=[meeting.organization_id]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert '<html lang="sv">' in response.content.decode(), url


def test_home_page_shows_the_latest_meetings(client, seeded):
    response = client.get(reverse("home"))

    content = response.content.decode()
    assert reverse("minutes:meeting-detail", args=[seeded["001"].pk]) in content
    assert f'href="{reverse("minutes:meeting-list")}"' in content
    assert "Senaste mötena" in page_text(response)


@pytest.mark.django_db(transaction=True)
def test_meeting_page_explains_the_weekday_warning_in_swedish(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    data = seed("000").read_bytes()
    meeting = minutes_ingest(data=data, filename="000.txt").meeting
    html = client.get(f"/moten/{meeting.pk}/").content.decode()
    assert "Dokumentet säger torsdag (Torsdagen) men 2018-06-06 är en onsdag." in html
    assert "the document says" not in html
