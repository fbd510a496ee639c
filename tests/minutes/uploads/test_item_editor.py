"""A secretary corrects the agenda items of a reading before confirming it: an item's fields,
its decisions (a paragraph of the text moved into one and back), its vote and reservations;
what she corrected is what the archive stores."""

from __future__ import annotations

import pytest
from django.urls import reverse

from decisions.models import Decision, Statement, Vote
from minutes.draft_items import decision_to_text, paragraph_to_decision, paragraphs, state_of
from minutes.models import AgendaItem, Meeting, SourceDocument
from tests.decisions.protokoll import namnd_text
from tests.minutes.uploads.documents import seed_document

pytestmark = pytest.mark.django_db

HANINGE = "Haninge har ett strategiskt läge mellan city och Nynäshamn"


@pytest.fixture
def seed(uploaded) -> SourceDocument:
    """Seed 000 read and awaiting confirmation: its first item has six paragraphs and no
    decision."""
    source = uploaded(seed_document("000", "txt"))
    assert source.status == SourceDocument.Status.PENDING, source.error
    return source


@pytest.fixture
def protokoll(uploaded) -> SourceDocument:
    """A municipal protokoll awaiting confirmation: § 6 (the second item) has a vote 4-2 of
    six members and two reservations."""
    source = uploaded(("mbn-2025-03-11.txt", namnd_text().encode()))
    assert source.status == SourceDocument.Status.PENDING, source.error
    return source


def items(source: SourceDocument) -> list[dict]:
    source.refresh_from_db()
    return (source.draft or source.parsed)["items"]


def item_url(source: SourceDocument, index: int) -> str:
    return f"{reverse('minutes:import-item', args=[source.pk])}?punkt={index}"


def post(client, view: str, source: SourceDocument, item: int, **fields):
    """A form of item `item`'s page, with the item's fingerprint as the page shows it."""
    data = {"item": item, "state": state_of(items(source)[item]), **fields}
    return client.post(reverse(f"minutes:{view}", args=[source.pk]), data)


def confirm(client, source: SourceDocument, date: str = "2025-03-11") -> Meeting:
    facts = {"title": "", "date": date, "start_time": "", "end_date": "", "end_time": "",
             "place": "", "body": "Ledningsgruppen"}
    response = client.post(reverse("minutes:import-confirm", args=[source.pk]), facts)
    assert response.status_code == 302, response.content.decode()[:3000]
    return Meeting.objects.get(source=source)


def followed_messages(client, response) -> str:
    assert response.status_code == 302, response.content.decode()[:3000]
    return client.get(response["Location"]).content.decode()


# --- the pages --------------------------------------------------------------------------


def test_the_preview_lists_each_item_with_a_link_to_correct_it(secretary_client, protokoll):
    page = secretary_client.get(reverse("minutes:import-detail", args=[protokoll.pk]))

    html = page.content.decode()
    assert page.status_code == 200
    assert "Rätta punkten" in html
    assert f'href="{item_url(protokoll, 1)}"'.replace("&", "&amp;") in html
    assert "4 ja, 2 nej, 0 avstår" in html
    assert "Maja Fors (S)" in html  # a reservation
    assert reverse("minutes:import-item-add", args=[protokoll.pk]) in html


def test_the_item_page_shows_each_paragraph_decision_vote_and_reservation(
    secretary_client, protokoll
):
    page = secretary_client.get(item_url(protokoll, 1))

    html = page.content.decode()
    assert page.status_code == 200
    assert "Flytta till beslut" in html
    assert "Flytta tillbaka till texten" in html
    assert html.count('name="member_name"') == 7  # six members and one to add
    assert 'value="Olle Berg"' in html
    assert html.count("Ta bort reservationen") == 2
    assert 'for="decision-0-text"' in html and 'id="decision-0-text"' in html


# --- paragraphs and decisions -----------------------------------------------------------


def test_a_paragraph_moved_into_a_decision_is_stored_as_a_decision(secretary_client, seed):
    first = items(seed)[0]
    assert first["decisions"] == []
    assert HANINGE in paragraphs(first["text"])[1]

    response = post(secretary_client, "import-item-paragraph", seed, 0, index=1, to="")

    assert "Stycket är nu ett beslut." in followed_messages(secretary_client, response)
    moved = items(seed)[0]
    assert HANINGE in moved["decisions"][0]["text"]
    assert HANINGE not in moved["text"]
    assert len(paragraphs(moved["text"])) == len(paragraphs(first["text"])) - 1

    meeting = confirm(secretary_client, seed, date="2018-06-06")
    item = meeting.items.get(number="1")
    assert HANINGE not in item.text
    decision = Decision.objects.get(item=item)
    assert decision.text.startswith(HANINGE)
    page = secretary_client.get(reverse("minutes:meeting-detail", args=[meeting.pk]))
    assert HANINGE in page.content.decode()


def test_a_decision_moved_back_goes_where_the_paragraph_was(secretary_client, seed):
    text = items(seed)[0]["text"]
    post(secretary_client, "import-item-paragraph", seed, 0, index=1, to="")

    response = post(secretary_client, "import-item-decision-text", seed, 0, index=0)

    assert response.status_code == 302
    back = items(seed)[0]
    assert back["decisions"] == []
    assert paragraphs(back["text"])[1].startswith(HANINGE)
    assert len(paragraphs(back["text"])) == len(paragraphs(text))


def test_a_paragraph_can_be_added_to_an_existing_decision(secretary_client, protokoll):
    before = items(protokoll)[0]
    summary = paragraphs(before["text"])[1]
    assert summary.startswith("Sammanfattning av ärendet")

    post(secretary_client, "import-item-paragraph", protokoll, 0, index=1, to="0")

    after = items(protokoll)[0]
    assert len(after["decisions"]) == 1
    assert after["decisions"][0]["text"].endswith(
        "\n\nSammanfattning av ärendet Fastighetsägaren har ansökt om planbesked för bostäder.")


def test_decisions_are_edited_added_and_removed_and_stored_so(secretary_client, protokoll):
    post(secretary_client, "import-item-decision", protokoll, 2, index=1,
         heading="Förslag till beslut", text="Taxan gäller från och med den 1 juni 2025.")
    post(secretary_client, "import-item-decision", protokoll, 0, index="",
         heading="", text="Nämnden lägger informationen till handlingarna.")
    post(secretary_client, "import-item-decision-remove", protokoll, 3, index=0)

    meeting = confirm(secretary_client, protokoll)
    stored = {item.number: [d.text for d in item.decisions.order_by("order")]
              for item in meeting.items.all()}
    assert stored["7"][1] == "Taxan gäller från och med den 1 juni 2025."
    assert stored["5"][-1] == "Nämnden lägger informationen till handlingarna."
    assert stored["8"] == []
    assert Decision.objects.get(text__contains="1 juni").heading == "Förslag till beslut"


def test_an_item_s_title_case_number_and_number_are_stored_as_corrected(
    secretary_client, protokoll
):
    original = items(protokoll)[0]
    response = post(secretary_client, "import-item", protokoll, 0, number="§ 15",
                    title="Detaljplan för Norrby 2:15", case_number="MBN  2025/99",
                    text=original["text"])

    assert "Punkten sparades." in followed_messages(secretary_client, response)
    meeting = confirm(secretary_client, protokoll)
    item = AgendaItem.objects.get(meeting=meeting, number="15")
    assert (item.title, item.case_number) == ("Detaljplan för Norrby 2:15", "MBN 2025/99")
    page = secretary_client.get(reverse("minutes:meeting-detail", args=[meeting.pk]))
    assert "Detaljplan för Norrby 2:15" in page.content.decode()


def test_an_item_is_added_where_chosen_and_removed_after_asking(secretary_client, protokoll):
    add = reverse("minutes:import-item-add", args=[protokoll.pk])
    form = secretary_client.get(add)
    assert form.status_code == 200
    state = form.context["form"]["state"].value()

    response = secretary_client.post(add, {
        "state": state, "number": "4", "title": "Val av justerare", "case_number": "",
        "text": "", "position": "0"})
    assert response["Location"] == item_url(protokoll, 0)

    removal = reverse("minutes:import-item-remove", args=[protokoll.pk])
    assert secretary_client.get(f"{removal}?punkt=4").status_code == 200
    refused = secretary_client.post(removal, {"item": 4, "state": state_of(items(protokoll)[4])})
    assert refused.status_code == 400
    assert "Kryssa i rutan" in refused.content.decode()
    assert [item["number"] for item in items(protokoll)] == ["4", "5", "6", "7", "8"]

    secretary_client.post(removal, {"item": 4, "state": state_of(items(protokoll)[4]),
                                    "sure": "on"})

    meeting = confirm(secretary_client, protokoll)
    assert list(meeting.items.values_list("number", flat=True)) == ["4", "5", "6", "7"]


# --- votes and reservations -------------------------------------------------------------


def members(source: SourceDocument, index: int) -> dict:
    listed = items(source)[index]["votes"]["members"]
    return {
        "member_name": [m["name"] for m in listed] + [""],
        "member_affiliation": [m["affiliation"] or "" for m in listed] + [""],
        "member_vote": [m["vote"] for m in listed] + [""],
    }


def test_corrected_vote_counts_members_and_reservations_are_stored(secretary_client, protokoll):
    rows = members(protokoll, 1)
    rows["member_vote"][5] = "abstain"  # Olle Berg abstained
    rows["member_name"][6], rows["member_affiliation"][6], rows["member_vote"][6] = (
        "Rut Olsson", "V", "yes")
    response = post(secretary_client, "import-item-votes", protokoll, 1, yes=5, no=1,
                    abstain=1, member_remove=["0"], **rows)
    assert "Omröstningen sparades." in followed_messages(secretary_client, response)
    post(secretary_client, "import-item-reservation", protokoll, 1, index=1,
         name="Olle Berg", affiliation="S", text="reserverar sig till förmån för eget yrkande.")
    post(secretary_client, "import-item-reservation-remove", protokoll, 1, index=0)
    post(secretary_client, "import-item-reservation", protokoll, 3, index="",
         name="", affiliation="SD", text="Ledamöterna reserverar sig.")

    meeting = confirm(secretary_client, protokoll)
    vote = Vote.objects.get(item__meeting=meeting)
    assert (vote.yes, vote.no, vote.abstain) == (5, 1, 1)
    ballots = {b.name_as_written: b.choice for b in vote.ballots.all()}
    assert "Karin Alm" not in ballots
    assert ballots["Olle Berg"] == "abstain" and ballots["Rut Olsson"] == "yes"
    reservations = Statement.objects.filter(item__meeting=meeting, kind="reservation")
    assert sorted((s.item.number, s.name_as_written, s.affiliation_as_written, s.text)
                  for s in reservations) == [
        ("6", "Olle Berg", "S", "reserverar sig till förmån för eget yrkande."),
        ("8", "", "SD", "Ledamöterna reserverar sig."),
    ]


def test_a_vote_is_added_to_an_item_without_one_and_removed(secretary_client, protokoll):
    post(secretary_client, "import-item-votes", protokoll, 0, yes=7, no=0, abstain=0,
         member_name=[""], member_affiliation=[""], member_vote=[""])
    assert items(protokoll)[0]["votes"] == {"yes": 7, "no": 0, "abstain": 0, "members": []}
    post(secretary_client, "import-item-votes-remove", protokoll, 1)

    meeting = confirm(secretary_client, protokoll)
    assert list(Vote.objects.filter(item__meeting=meeting).values_list(
        "item__number", "yes")) == [("5", 7)]


# --- refusals ---------------------------------------------------------------------------


def test_a_negative_count_is_refused_with_a_message_and_nothing_changes(
    secretary_client, protokoll
):
    before = items(protokoll)

    response = post(secretary_client, "import-item-votes", protokoll, 1, yes=-4, no=2,
                    abstain=0, **members(protokoll, 1))

    html = response.content.decode()
    assert response.status_code == 400
    assert "Ändrades inget" in html or "Inget ändrades" in html
    assert 'href="#votes-yes"' in html
    assert items(protokoll) == before


def test_a_member_without_a_name_is_refused_with_a_link_to_the_field(
    secretary_client, protokoll
):
    before = items(protokoll)
    rows = members(protokoll, 1)
    rows["member_name"][2] = " "

    response = post(secretary_client, "import-item-votes", protokoll, 1, yes=4, no=2,
                    abstain=0, **rows)

    assert response.status_code == 400
    assert 'href="#member-2-name"' in response.content.decode()
    assert items(protokoll) == before


@pytest.mark.parametrize("index", ["99", "-1", "x", ""])
def test_an_unknown_item_is_refused_and_nothing_changes(secretary_client, protokoll, index):
    before = items(protokoll)

    response = secretary_client.post(reverse("minutes:import-item", args=[protokoll.pk]), {
        "item": index, "state": "x", "number": "1", "title": "Ny", "case_number": "",
        "text": ""})

    assert "Det finns ingen sådan punkt" in followed_messages(secretary_client, response)
    assert items(protokoll) == before
    assert secretary_client.get(item_url(protokoll, 99)).status_code == 404


def test_unknown_paragraphs_decisions_and_reservations_are_refused(secretary_client, protokoll):
    before = items(protokoll)
    answers = [
        post(secretary_client, "import-item-paragraph", protokoll, 0, index=40, to=""),
        post(secretary_client, "import-item-paragraph", protokoll, 0, index=0, to="7"),
        post(secretary_client, "import-item-decision-remove", protokoll, 0, index=5),
        post(secretary_client, "import-item-decision", protokoll, 0, index=5, heading="",
             text="Ett beslut."),
        post(secretary_client, "import-item-reservation-remove", protokoll, 0, index=0),
        post(secretary_client, "import-item-votes-remove", protokoll, 0),
    ]

    assert answers
    for response in answers:
        assert response.status_code == 302
        assert response["Location"] == item_url(protokoll, 0)
    assert items(protokoll) == before


def test_a_number_another_item_has_is_refused(secretary_client, protokoll):
    before = items(protokoll)

    response = post(secretary_client, "import-item", protokoll, 0, number="6", title="X",
                    case_number="", text="")

    assert "redan numret 6" in followed_messages(secretary_client, response)
    assert items(protokoll) == before


def test_a_form_from_before_a_change_is_refused(secretary_client, protokoll):
    stale = state_of(items(protokoll)[0])
    post(secretary_client, "import-item-paragraph", protokoll, 0, index=1, to="")
    before = items(protokoll)

    response = secretary_client.post(
        reverse("minutes:import-item-paragraph", args=[protokoll.pk]),
        {"item": 0, "state": stale, "index": 1, "to": ""})

    assert "ändrats under tiden" in followed_messages(secretary_client, response)
    assert items(protokoll) == before


def test_nothing_can_be_corrected_after_confirming(secretary_client, protokoll):
    state = state_of(items(protokoll)[1])
    meeting = confirm(secretary_client, protokoll)
    protokoll.refresh_from_db()
    stored = protokoll.draft

    response = secretary_client.post(reverse("minutes:import-item-votes", args=[protokoll.pk]), {
        "item": 1, "state": state, "yes": 1, "no": 1, "abstain": 1})

    assert response["Location"] == reverse("minutes:import-detail", args=[protokoll.pk])
    page = secretary_client.get(response["Location"], follow=True).content.decode()
    assert "Uppladdningen väntar inte på bekräftelse" in page or "väntar inte" in page
    protokoll.refresh_from_db()
    assert protokoll.draft == stored
    vote = Vote.objects.get(item__meeting=meeting)
    assert (vote.yes, vote.no) == (4, 2)
    assert secretary_client.get(item_url(protokoll, 1)).status_code == 409


def test_an_empty_decision_or_number_is_refused_with_a_link_to_the_field(
    secretary_client, protokoll
):
    before = items(protokoll)

    decision = post(secretary_client, "import-item-decision", protokoll, 1, index=0,
                    heading="", text="  \n ")
    number = post(secretary_client, "import-item", protokoll, 1, number=" § ", title="X",
                  case_number="", text="")

    assert decision.status_code == number.status_code == 400
    assert 'href="#decision-0-text"' in decision.content.decode()
    assert 'href="#item-number"' in number.content.decode()
    assert "Ange punktens nummer." in number.content.decode()
    assert items(protokoll) == before


def test_counts_that_disagree_with_the_members_list_are_pointed_out(secretary_client, protokoll):
    assert "stämmer inte med siffrorna" not in secretary_client.get(
        item_url(protokoll, 1)).content.decode()

    post(secretary_client, "import-item-votes", protokoll, 1, yes=5, no=2, abstain=0,
         **members(protokoll, 1))

    page = secretary_client.get(item_url(protokoll, 1)).content.decode()
    assert "räknar 4 ja, 2 nej och 0 avstår, vilket inte stämmer med siffrorna" in page
    assert items(protokoll)[1]["votes"]["yes"] == 5


# --- paragraphs, without the pages ----------------------------------------------------------


def test_a_text_without_blank_lines_is_split_at_its_lines_and_restored_after_a_move_back():
    text = "Nämnden informeras.\nNämnden beslutar att anta planen.\nÄrendet avslutas."
    data = {"items": [{"number": "1", "title": "Plan", "text": text, "decisions": []}]}
    assert paragraphs(text) == text.split("\n")

    paragraph_to_decision(data, 0, 1)
    assert data["items"][0]["text"] == "Nämnden informeras.\nÄrendet avslutas."
    assert data["items"][0]["decisions"][0]["text"] == "Nämnden beslutar att anta planen."

    decision_to_text(data, 0, 0)
    assert data["items"][0] == {"number": "1", "title": "Plan", "text": text, "decisions": []}


def test_a_decision_moved_back_keeps_a_sub_heading_no_other_decision_has():
    item = {"number": "7", "title": "Taxa", "text": "Sammanfattning\nTaxan ses över.\n\nKlart.",
            "decisions": [{"heading": "Förslag till beslut", "text": "Taxan antas."},
                          {"heading": "Förslag till beslut", "text": "Den gäller från maj."}]}
    decision_to_text({"items": [item]}, 0, 1)  # the other still has the heading
    decision_to_text({"items": [item]}, 0, 0)

    assert paragraphs(item["text"]) == ["Sammanfattning\nTaxan ses över.", "Klart.",
                                        "Den gäller från maj.",
                                        "Förslag till beslut\nTaxan antas."]
