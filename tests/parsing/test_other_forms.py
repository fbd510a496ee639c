"""Forms of minutes that associations, reference groups and working groups write (issue 14):
each read from an invented document in that form."""

from __future__ import annotations

import datetime as dt

from parsing import parse_bytes, parse_text
from tests.parsing.pdf_builders import lines_pdf

BARE_NUMBERS = """Protokoll fört vid styrelsemöte i Föreningen Lärkan
Datum: 2024-03-12
Plats: Klubbstugan

Närvarande: Anna Berg, Per Ek, Lena Ås

1
Mötets öppnande
Ordföranden öppnade mötet.

2
Val av justerare
Per Ek valdes till justerare.

3
Ekonomi
Kassören redogjorde för ekonomin.
Beslut: Att godkänna rapporten.

4
Mötets avslutande
Mötet avslutades.

Vid protokollet
Lena Ås

Justeras
Per Ek
"""

SETEXT = """Anteckningar från referensgruppen för e-arkiv
=============================================

Datum: 2023-05-04 kl. 10.00-12.00
Plats: Digitalt möte

Deltagare
---------

Myndigheten A: Per Ek, Anna Berg, Verket B: Lena Ås, Styrelsen för C: Omar Nilsson

Övriga deltagare
----------------

Karin Lund (Myndigheten A), Jonas Falk (Verket B, sekreterare)

Frånvarande
-----------

Eva Holm, Sara Lind, Nils Dahl

Inledning
---------

Mötet öppnades av Per Ek.

Lägesrapport
------------

Lena Ås redogjorde för läget.

Gruppen beslutar att anta lägesrapporten
och att skicka den till styrgruppen.

Nästa möte
----------

Nästa möte hålls i juni.
"""

SENTENCES = """Protokoll fört vid årsmöte i Båtklubben Måsen

Datum: 2024-03-02
Plats: Klubbhuset

Närvarande
Anna Ek (Båtklubben Måsen)
Per Berg (Seglarförbundet)
Lena Sjö
Omar Holm

1. Mötets öppnande
Ordförande Anna Ek öppnade mötet.

2. Anna Ek valdes till mötesordförande och Per Berg till mötessekreterare för årsmötet.

3. Lena Sjö och Omar Holm valdes till justerare att jämte ordföranden justera protokollet.

4. Motion om stadgeändring
Styrelsen föreslår att paragraf 3 får följande lydelse:
"1. Föreningens ändamål är att främja båtlivet.
2. Medlem är den som betalt årsavgift.
3. Styrelsen består av fem ledamöter."
Årsmötet beslutade bifalla motionen.

5. Val av styrelse
Mötet nominerar och väljer Lena Sjö till kassör för en period
om två år.

6. Mötets avslutande
Ordföranden tackade för visat intresse och avslutade mötet.
"""


def _items(parsed):
    return [(item.number, item.title) for item in parsed.items]


def test_items_numbered_by_a_bare_number_above_their_title():
    parsed = parse_text(BARE_NUMBERS)
    assert _items(parsed) == [("1", "Mötets öppnande"), ("2", "Val av justerare"),
                              ("3", "Ekonomi"), ("4", "Mötets avslutande")]
    assert parsed.items[2].text == "Kassören redogjorde för ekonomin."
    assert [d.text for d in parsed.items[2].decisions] == ["Att godkänna rapporten."]
    assert (parsed.secretary, parsed.adjusters) == ("Lena Ås", ("Per Ek",))
    assert parsed.warnings == ()


def test_a_lone_number_in_running_text_opens_no_item():
    text = BARE_NUMBERS.replace("2\nVal av justerare\n", "Val av justerare\n").replace(
        "3\nEkonomi\n", "Ekonomi\n").replace("4\nMötets avslutande\n", "Mötets avslutande\n")
    assert text.count("\n1\n") == 1
    parsed = parse_text(text)
    assert parsed.items == ()
    assert "items" in [w.code for w in parsed.warnings]


def test_markdown_headings_underlined_with_equals_and_dashes():
    parsed = parse_text(SETEXT)
    assert parsed.title == "Anteckningar från referensgruppen för e-arkiv"
    assert _items(parsed) == [("1", "Inledning"), ("2", "Lägesrapport"), ("3", "Nästa möte")]
    assert parsed.start == dt.datetime(2023, 5, 4, 10, 0)
    assert parsed.place == "Digitalt möte"
    output = " ".join(item.text for item in parsed.items)
    assert "---" not in output and "===" not in output


def test_people_listed_after_their_organisation_on_one_line():
    people = {a.name: a for a in parse_text(SETEXT).attendees}
    assert {name: (a.affiliation, a.status) for name, a in people.items()
            if a.status == "present"} == {
        "Per Ek": ("Myndigheten A", "present"), "Anna Berg": ("Myndigheten A", "present"),
        "Lena Ås": ("Verket B", "present"), "Omar Nilsson": ("Styrelsen för C", "present")}


def test_people_with_their_organisation_in_parentheses_and_a_line_of_names():
    parsed = parse_text(SETEXT)
    people = {a.name: a for a in parsed.attendees}
    assert (people["Karin Lund"].affiliation, people["Karin Lund"].status) == (
        "Myndigheten A", "other")
    assert (people["Jonas Falk"].affiliation, people["Jonas Falk"].role) == (
        "Verket B", "secretary")
    assert parsed.secretary == "Jonas Falk"
    absent = [a.name for a in parsed.attendees if a.status == "absent"]
    assert absent == ["Eva Holm", "Sara Lind", "Nils Dahl"]
    assert all(a.affiliation is None for a in parsed.attendees if a.status == "absent")
    one_per_line = {a.name: a.affiliation for a in parse_text(SENTENCES).attendees}
    assert one_per_line == {"Anna Ek": "Båtklubben Måsen", "Per Berg": "Seglarförbundet",
                            "Lena Sjö": None, "Omar Holm": None}


def test_a_name_and_its_organisation_after_a_comma_stay_one_person():
    text = SETEXT.replace("Eva Holm, Sara Lind, Nils Dahl", "Eva Holm, Haninge kommun")
    absent = [(a.name, a.affiliation) for a in parse_text(text).attendees
              if a.status == "absent"]
    assert absent == [("Eva Holm", "Haninge kommun")]


def test_items_written_as_whole_sentences():
    parsed = parse_text(SENTENCES)
    assert _items(parsed) == [
        ("1", "Mötets öppnande"),
        ("2", "Anna Ek valdes till mötesordförande och Per Berg till mötessekreterare för "
              "årsmötet."),
        ("3", "Lena Sjö och Omar Holm valdes till justerare att jämte ordföranden justera "
              "protokollet."),
        ("4", "Motion om stadgeändring"),
        ("5", "Val av styrelse"),
        ("6", "Mötets avslutande"),
    ]


def test_a_quoted_numbered_list_inside_an_item_stays_in_its_text():
    parsed = parse_text(SENTENCES)
    motion = parsed.items[3]
    assert "Styrelsen består av fem ledamöter" in motion.text
    assert "Medlem är den som betalt årsavgift" in motion.text
    assert len(parsed.items) == 6
    unquoted = SENTENCES.replace('"1. Föreningens', "1. Föreningens").replace(
        'ledamöter."', "ledamöter.")
    assert _items(parse_text(unquoted)) == _items(parsed)


def test_decisions_written_as_the_meeting_deciding():
    parsed = parse_text(SENTENCES)
    assert [d.text for d in parsed.items[3].decisions] == [
        "Årsmötet beslutade bifalla motionen."]
    assert [d.text for d in parsed.items[4].decisions] == [
        "Mötet nominerar och väljer Lena Sjö till kassör för en period om två år."]
    assert [d.text for d in parse_text(SETEXT).items[1].decisions] == [
        "Gruppen beslutar att anta lägesrapporten och att skicka den till styrgruppen."]
    assert parsed.items[0].decisions == ()


def _minutes(date_line: str) -> str:
    return (f"Minnesanteckningar från arbetsgruppen\n\n{date_line}\n\n"
            "Deltagare: Anna Berg, Per Ek\n\n1. Inledning\nMötet öppnades.\n\n"
            "2. Avslutning\nMötet avslutades.\n")


def test_a_day_and_short_month_without_year_gets_an_inferred_year_and_a_warning():
    parsed = parse_text(_minutes("Datum: 18 nov kl 18.00"))
    assert (parsed.start.month, parsed.start.day, parsed.start.hour) == (11, 18, 18)
    assert [w.code for w in parsed.warnings] == ["year"]


def test_a_short_iso_date_reads_as_year_month_day():
    parsed = parse_text(_minutes("Datum: 25-03-14 kl. 13.00-15.00"))
    assert (parsed.start, parsed.end) == (dt.datetime(2025, 3, 14, 13, 0),
                                          dt.datetime(2025, 3, 14, 15, 0))
    assert parsed.warnings == ()


def test_digits_joined_by_soft_hyphens_read_as_a_date():
    parsed = parse_bytes(_minutes("Datum: 2024\u00ad03\u00ad12, kl 18.00").encode(), "a.txt")
    assert parsed.start == dt.datetime(2024, 3, 12, 18, 0)
    assert parsed.warnings == ()


LOST = ("Protokoll f\ufffdrt vid styrelsem\ufffdte\n\nDatum: 2024-03-12\n\n"
        "N\ufffdrvarande: Anna Ek, Bo Ek\n\n1. \ufffdppnande\nM\ufffdtet \ufffdppnades.\n\n"
        "2. Avslutning\nKlart.\n")


def test_text_full_of_replacement_characters_is_warned_and_still_read():
    parsed = parse_bytes(LOST.encode(), "lost.txt")
    assert [w.code for w in parsed.warnings] == ["encoding"]
    params = dict(parsed.warnings[0].params)
    assert (params["kind"], params["count"]) == ("lost", "6")
    assert params["examples"] == "f\ufffdrt, styrelsem\ufffdte, N\ufffdrvarande"
    assert [a.name for a in parsed.attendees] == ["Anna Ek", "Bo Ek"]
    assert [i.title for i in parsed.items] == ["\ufffdppnande", "Avslutning"]


def test_one_replacement_character_is_no_lost_encoding():
    parsed = parse_bytes(LOST.replace("f\ufffdrt", "fört").replace("styrelsem\ufffdte", "möte")
                         .replace("N\ufffdrvarande", "Närvarande").replace("M\ufffdtet", "Mötet")
                         .replace("\ufffdppnades", "öppnades").encode(), "a.txt")
    assert "encoding" not in [w.code for w in parsed.warnings]


def _running_header_pdf(header: str) -> bytes:
    first = ["Protokoll fört vid styrelsemöte", "", "Datum: 2024-03-12", "",
             "Närvarande: Anna Berg, Per Ek, Lena Ås", "", "1. Öppnande", "Mötet öppnades.",
             "", "2. Ekonomi", "Kassören redogjorde för ekonomin."]
    second = ["3. Avslutning", "Mötet avslutades.", "", "Vid protokollet", "Lena Ås"]
    return lines_pdf([first, second], header=header, footer="Sida {page} av {pages}")


def test_the_title_is_not_the_running_header_above_it():
    parsed = parse_bytes(_running_header_pdf("Föreningen Lärkan  Styrelseprotokoll 2024-03-12"),
                         "p.pdf")
    assert parsed.title == "Protokoll fört vid styrelsemöte"
    assert [i.title for i in parsed.items] == ["Öppnande", "Ekonomi", "Avslutning"]
    assert parsed.warnings == ()


def test_a_running_letterhead_still_names_the_organisation_but_not_the_title():
    parsed = parse_bytes(_running_header_pdf("Haninge kommun"), "p.pdf")
    assert (parsed.organization, parsed.title) == ("Haninge kommun",
                                                   "Protokoll fört vid styrelsemöte")


SIGNED_BY_OCR = """Protokoll fört vid styrelsemöte i Föreningen Lärkan

Datum: 2024-03-12
Plats: Klubbstugan

Närvarande: Anna Berg, Per Ek, Lena Ås

1. Mötets öppnande
Ordföranden öppnade mötet.

2. Mötets avslutande
Mötet avslutades.

Vid protokollet
ab c-—
Lena Ås

Justeras
J
Per Ek
"""


def test_signature_scribbles_read_by_ocr_are_not_names():
    parsed = parse_text(SIGNED_BY_OCR)
    assert (parsed.secretary, parsed.adjusters) == ("Lena Ås", ("Per Ek",))
    assert parsed.warnings == ()
    roles = {a.name: a.role for a in parsed.attendees}
    assert (roles["Lena Ås"], roles["Per Ek"]) == ("secretary", "adjuster")


def test_a_signer_not_among_the_attendees_is_still_read():
    parsed = parse_text(SIGNED_BY_OCR.replace("ab c-—\nLena Ås", "Nils Dahl").replace(
        "J\nPer Ek", "Bo Ek"))
    assert (parsed.secretary, parsed.adjusters) == ("Nils Dahl", ("Bo Ek",))


def test_a_running_header_is_the_title_when_the_page_has_no_title_of_its_own():
    parsed = parse_bytes(_running_header_pdf("Protokoll för styrelsemöte i Föreningen Lärkan"),
                         "p.pdf")
    assert parsed.title == "Protokoll fört vid styrelsemöte"
    untitled = ["Datum: 2024-03-12", "", "Närvarande: Anna Berg, Per Ek, Lena Ås", "",
                "1. Öppnande", "Mötet öppnades.", "", "2. Ekonomi", "Kassören redogjorde."]
    pdf = lines_pdf([untitled, ["3. Avslutning", "Mötet avslutades."]],
                    header="Protokoll för styrelsemöte i Föreningen Lärkan")
    assert parse_bytes(pdf, "p.pdf").title == "Protokoll för styrelsemöte i Föreningen Lärkan"


def test_a_list_of_names_wrapped_over_lines_and_a_name_with_its_organisation():
    text = SETEXT.replace("Eva Holm, Sara Lind, Nils Dahl",
                          "Eva Holm, Sara Lind, Nils Dahl,\nRut Berg, Ali Ek").replace(
        "Karin Lund (Myndigheten A), Jonas Falk (Verket B, sekreterare)",
        "Per Gran, Svenska Kraftnät")
    parsed = parse_text(text)
    absent = [a.name for a in parsed.attendees if a.status == "absent"]
    assert absent == ["Eva Holm", "Sara Lind", "Nils Dahl", "Rut Berg", "Ali Ek"]
    others = [(a.name, a.affiliation) for a in parsed.attendees if a.status == "other"]
    assert others == [("Per Gran", "Svenska Kraftnät")]


ALL_SENTENCES = """Protokoll fört vid årsmöte i Båtklubben Måsen

Datum: 2024-03-02
Plats: Klubbhuset

Närvarande: Anna Ek, Per Berg, Lena Sjö, Omar Holm

1. Ordföranden Anna Ek förklarade mötet öppnat och hälsade alla välkomna.

2. Anna Ek valdes till mötesordförande och Per Berg till mötessekreterare.

3. Lena Sjö och Omar Holm valdes till justerare att jämte ordföranden justera protokollet.

4. Årsmötet beslutade att bevilja styrelsen ansvarsfrihet för verksamhetsåret.

5. Ordföranden tackade för visat intresse och förklarade mötet avslutat.
"""


def test_minutes_written_wholly_in_numbered_sentences():
    parsed = parse_text(ALL_SENTENCES)
    assert [i.number for i in parsed.items] == ["1", "2", "3", "4", "5"]
    assert parsed.items[1].title == (
        "Anna Ek valdes till mötesordförande och Per Berg till mötessekreterare.")
    assert [d.text for d in parsed.items[3].decisions] == [
        "Årsmötet beslutade att bevilja styrelsen ansvarsfrihet för verksamhetsåret."]
    assert [i.number for i in parsed.items if i.decisions] == ["4"]
    assert parsed.warnings == ()


def test_two_numbered_sentences_are_no_agenda():
    text = ALL_SENTENCES.split("\n3. ")[0]
    parsed = parse_text(text)
    assert parsed.items == ()
    assert "items" in [w.code for w in parsed.warnings]


def test_numbered_sentences_inside_running_notes_are_no_agenda():
    notes = ALL_SENTENCES.replace(
        "1. Ordföranden", "Ordföranden hälsade alla välkomna till mötet i klubbhuset.\n\n"
        "Inkomna motioner:\n\n1. Ordföranden")
    parsed = parse_text(notes)
    assert parsed.items == ()
    assert "Ordföranden Anna Ek förklarade mötet öppnat" in parsed.text


def test_numbered_headings_underlined_and_a_blockquoted_list():
    text = (SETEXT.replace("Inledning\n---------", "1. Inledning\n------------")
            .replace("Lägesrapport\n------------", "2. Lägesrapport\n---------------")
            .replace("Nästa möte\n----------", "3. Nästa möte\n-------------")
            .replace("Lena Ås redogjorde för läget.",
                     "Lena Ås redogjorde för läget:\n\n> 1. Arkivet är upphandlat.\n"
                     "> 2. Piloten startar i maj.\n> 3. Utbildning följer i juni."))
    parsed = parse_text(text)
    assert _items(parsed) == [("1", "Inledning"), ("2", "Lägesrapport"), ("3", "Nästa möte")]
    assert "Piloten startar i maj" in parsed.items[1].text


def test_a_role_label_in_a_list_of_people_is_no_organisation():
    text = SETEXT.replace("Myndigheten A: Per Ek", "Ordförande: Per Ek\nMyndigheten A: Per Ek")
    people = {a.name: a for a in parse_text(text).attendees}
    assert (people["Per Ek"].affiliation, people["Per Ek"].role) == ("Myndigheten A", "chair")
    assert len([a for a in people.values() if a.status == "present"]) == 4


def test_a_rule_under_a_sentence_makes_no_heading():
    text = SETEXT.replace("Nästa möte hålls i juni.", "Nästa möte hålls i juni.\n---\n\nTack.")
    parsed = parse_text(text)
    assert [i.title for i in parsed.items] == ["Inledning", "Lägesrapport", "Nästa möte"]
    assert "Nästa möte hålls i juni." in parsed.items[2].text
