"""Variants of the minutes format, each in a small document of our own."""

from __future__ import annotations

import datetime as dt

from parsing import parse_bytes, parse_text


def _people(parsed):
    return {a.name: a for a in parsed.attendees}


MINIMAL_ITEMS = """
1. Mötets öppnande
Ordföranden öppnar mötet.
"""


def test_labels_with_colons_and_place_and_time_together():
    parsed = parse_text("Protokoll styrelsemöte\nPlats och tid: Stadshuset, Huddinge, "
                        "2020-03-13, kl. 08.30–10.00\n" + MINIMAL_ITEMS)
    assert parsed.start == dt.datetime(2020, 3, 13, 8, 30)
    assert parsed.end == dt.datetime(2020, 3, 13, 10, 0)
    assert parsed.place == "Stadshuset, Huddinge"
    assert parsed.title == "Protokoll styrelsemöte"


def test_date_and_time_on_separate_labels():
    parsed = parse_text("Datum: 2021-02-03\nTid: 13.00-15.00\nPlats: Rådhuset\n" + MINIMAL_ITEMS)
    assert parsed.start == dt.datetime(2021, 2, 3, 13, 0)
    assert parsed.end == dt.datetime(2021, 2, 3, 15, 0)
    assert parsed.place == "Rådhuset"


def test_label_on_its_own_line_takes_the_next_line_as_value():
    parsed = parse_text("Tid\n\nOnsdagen den 4 mars 2020 kl 9.00-11.00\n\nPlats\nKommunhuset\n"
                        + MINIMAL_ITEMS)
    assert parsed.start == dt.datetime(2020, 3, 4, 9, 0)
    assert parsed.place == "Kommunhuset"


ATTENDEES = """Tid 2020-03-13 kl 08.30-10.00

Närvarande
Anna-Karin Berg Nilsson\tHuddinge kommun, ordförande
Per Olof Ek   Nykvarns kommun, vice ordförande
Lise-Lott Larsson Kolessar Botkyrka kommun, punkt 2-3
Eva Lind Salems kommun, endast punkt 2

Övriga
närvarande
Karl Ström Region Stockholm, sekreterare

Frånvarande
Olle Gran Tyresö kommun

Förhinder
Sara Berg Haninge

1. Öppnande
Mötet öppnas.

2. Budget
Budgeten diskuteras.

3. Avslutning
Mötet avslutas.
"""


def test_attendee_lines_keep_names_affiliations_roles_and_items():
    people = _people(parse_text(ATTENDEES))
    berg = people["Anna-Karin Berg Nilsson"]
    assert (berg.affiliation, berg.municipality, berg.role) == ("Huddinge kommun", "Huddinge",
                                                                 "chair")
    assert people["Per Olof Ek"].municipality == "Nykvarn"
    assert people["Per Olof Ek"].role == "vice_chair"
    assert people["Lise-Lott Larsson Kolessar"].items == (2, 3)
    assert people["Lise-Lott Larsson Kolessar"].municipality == "Botkyrka"
    assert people["Eva Lind"].items == (2,)
    assert people["Karl Ström"].status == "other"
    assert people["Karl Ström"].role == "secretary"
    assert people["Karl Ström"].municipality is None
    assert people["Olle Gran"].status == "absent"
    assert people["Sara Berg"].status == "absent"
    assert people["Sara Berg"].municipality == "Haninge"


def test_heading_variants_give_statuses():
    text = ("Ledamöter\nAnna Ek Salem\n\nAdjungerade\nBo Ek Salem\n\nEj närvarande\n"
            "Cia Ek Salem\n" + MINIMAL_ITEMS)
    people = _people(parse_text(text))
    assert [people[n].status for n in ("Anna Ek", "Bo Ek", "Cia Ek")] == [
        "present", "other", "absent"]


def test_invited_but_not_present_are_absent():
    text = ("## Kallade\n- Anna Ek\n- Bo Ek\n\n## Närvarande\n- Anna Ek\n\n"
            "## Mötets öppnande\n- Öppnat\n")
    people = _people(parse_text(text))
    assert people["Anna Ek"].status == "present"
    assert people["Bo Ek"].status == "absent"


PARAGRAPH_ITEMS = """Protokoll
Datum 2013-09-30

Närvarande
Markus Lind
Anna Berg

§1 Mötets öppnande
Mötesordförande: Markus
Sekreterare: Anna

§ 2 Val av justerare och
rösträknare
Anna Berg väljs.

§3
Budget
Mötet beslutar att anta budgeten för 2014.

§ 4 Avslutning
"""


def test_paragraph_numbered_items_and_wrapped_titles():
    parsed = parse_text(PARAGRAPH_ITEMS)
    assert [(i.number, i.title) for i in parsed.items] == [
        ("1", "Mötets öppnande"),
        ("2", "Val av justerare och rösträknare"),
        ("3", "Budget"),
        ("4", "Avslutning"),
    ]
    assert [d.text for d in parsed.items[2].decisions] == [
        "Mötet beslutar att anta budgeten för 2014."]


def test_first_names_in_role_lines_resolve_to_attendees():
    parsed = parse_text(PARAGRAPH_ITEMS)
    people = _people(parsed)
    assert people["Markus Lind"].role == "chair"
    assert people["Anna Berg"].role == "secretary"
    assert parsed.secretary == "Anna Berg"


DECISIONS = """Tid 2020-03-13 kl 08.30-10.00

1. Bussar
Diskussion

Vi pratar om bussar och
tåg.

Beslut

Att köpa bussar.
Att sälja tåg som
är gamla.

2. Lista
Beslut
\uf0b7 Första beslutet
som fortsätter.
\u2022 Andra beslutet.

3. Stycken
Beslut:

Ett beslut i ett stycke
som fortsätter.

Ett andra beslut.

4. Två rubriker
Parkering

Parkeringen är full.

Beslut
Att bygga mer.

Cyklar

Beslut
Att bygga cykelställ.

Vid protokollet\tJusteras
Eva Ek\tBo Ek
"""


def test_decision_blocks_in_att_bullet_and_paragraph_styles():
    items = parse_text(DECISIONS).items
    assert [d.text for d in items[0].decisions] == [
        "Att köpa bussar.", "Att sälja tåg som är gamla."]
    assert "Vi pratar om bussar och tåg." in items[0].text
    assert "Att köpa" not in items[0].text
    assert [d.text for d in items[1].decisions] == [
        "Första beslutet som fortsätter.", "Andra beslutet."]
    assert [d.text for d in items[2].decisions] == [
        "Ett beslut i ett stycke som fortsätter.", "Ett andra beslut."]


def test_sub_headings_carry_their_own_decisions():
    decisions = parse_text(DECISIONS).items[3].decisions
    assert [(d.heading, d.text) for d in decisions] == [
        ("Parkering", "Att bygga mer."), ("Cyklar", "Att bygga cykelställ.")]


def test_signature_names_split_by_columns():
    parsed = parse_text(DECISIONS)
    assert parsed.secretary == "Eva Ek"
    assert parsed.adjusters == ("Bo Ek",)
    assert "Vid protokollet" not in parsed.items[-1].text


def test_justeras_with_two_names_on_one_line():
    text = ("Närvarande\nAnna Söderström Salem\nStefan Hollmark Tyresö\nBo Ek Salem\n"
            + MINIMAL_ITEMS + "\nVid anteckningarna Justeras\n\nBo Ek Stefan Hollmark\n")
    parsed = parse_text(text)
    assert parsed.secretary == "Bo Ek"
    assert parsed.adjusters == ("Stefan Hollmark",)
    assert _people(parsed)["Stefan Hollmark"].role == "adjuster"


def test_windows_1252_text_is_read_and_warned_about():
    text = "Tid 2020-03-13 kl 08.30\n\nDeltagare\nÅsa Öberg Nynäshamns kommun\n" + MINIMAL_ITEMS
    parsed = parse_bytes(text.encode("cp1252"), "protokoll.txt")
    assert parsed.attendees[0].name == "Åsa Öberg"
    assert parsed.attendees[0].municipality == "Nynäshamn"
    assert any(w.code == "encoding" for w in parsed.warnings)


def test_extraction_noise_is_normalised_before_parsing():
    text = ("Tid\u00a02020-03-13 kl 08.30\n\nDeltagare\nAnna Ek f\u00a8or Salem\n\n"
            "1. Bost\u00e4der och p\u02daa\u00adg\u00e5ende arbete\n"
            "Planen f\u00f6r \ufb01nansiering av nya bo-\nstäder diskuteras.\n")
    parsed = parse_text(text)
    item = parsed.items[0]
    assert "på" in item.title and "\u00ad" not in item.title
    assert "finansiering av nya bostäder diskuteras." in item.text


def test_no_items_and_no_attendees_are_warned_about():
    parsed = parse_text("Några anteckningar utan struktur.\n")
    codes = {w.code for w in parsed.warnings}
    assert {"items", "attendees", "date"} <= codes
