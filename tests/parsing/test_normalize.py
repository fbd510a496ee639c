"""Character noise and page furniture, on small cases and on the seed texts."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parsing.normalize import clean_pages, normalize_line_noise
from tests.samples import SEED_KEYS, seed

SEEDS = [seed(key) for key in SEED_KEYS]


@pytest.mark.parametrize(
    ("noisy", "clean"),
    [
        ("Tid:\u00a0kl\u202f13.00\u2009–\u200315.30", "Tid: kl 13.00 – 15.30"),
        ("utveck\u00adlas och\u200b be\u200dslut\ufeff", "utvecklas och beslut"),
        ("\ufb01nns \ufb02aggor e\ufb00ekt e\ufb03cient", "finns flaggor effekt efficient"),
        ("Protokoll f¨or m¨otet p˚a ¨Ovriga fr˚agor", "Protokoll för mötet på Övriga frågor"),
        ("Mikael Silv´en a¨r h¨ar", "Mikael Silvén är här"),
        ("Möte o\u0308ppnas, \u0308oppnat", "Möte öppnas, öppnat"),
        ("don´t and Anna´s", "don´t and Anna´s"),
        ("rad med mellanslag   \nnästa\t", "rad med mellanslag\nnästa"),
        ("Namn\t\t \tOrganisation", "Namn\tOrganisation"),
        ("rad\r\nrad\rrad", "rad\nrad\nrad"),
    ],
)
def test_character_noise_is_fixed(noisy: str, clean: str) -> None:
    assert normalize_line_noise(noisy) == clean


@pytest.mark.parametrize(
    "line",
    ["\uf0b7 Kollektivtrafik", " \uf0b7 Kollektivtrafik", "\uf0a7\tKollektivtrafik",
     "\uf076 Kollektivtrafik", "• Kollektivtrafik", "▪ Kollektivtrafik", "◦ Kollektivtrafik",
     "● Kollektivtrafik", "– Kollektivtrafik", "\ue001Kollektivtrafik", "\uf0b7\nKollektivtrafik"],
)
def test_lost_bullet_glyphs_become_one_kind_of_bullet(line: str) -> None:
    assert normalize_line_noise(line) == "- Kollektivtrafik"


def test_typed_bullets_keep_their_indentation_for_nested_lists() -> None:
    assert normalize_line_noise("- Boka möte\n  * Föreläsning?\n  -\tGit?") == (
        "- Boka möte\n  - Föreläsning?\n  - Git?"
    )


def test_dashes_inside_a_line_are_not_bullets() -> None:
    text = "Verksamhetsplan 2019 – 2020\nStockholm-Uppsala"

    assert normalize_line_noise(text) == text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_normalisation_is_idempotent(text: str) -> None:
    once = normalize_line_noise(text)

    assert normalize_line_noise(once) == once


@pytest.mark.parametrize(
    "number", ["1 (3)", "2(3)", "Sida 2 av 5", "Sidan 1 av 2", "Sida 2", "- 2 -", "– 2 –"]
)
def test_page_number_lines_are_removed(number: str) -> None:
    text = clean_pages([f"Protokoll\n{number}\nMötet öppnades.\n{number}"])

    assert text == "Protokoll\nMötet öppnades."


def test_bare_number_is_removed_only_at_the_top_or_bottom_of_a_page() -> None:
    text = clean_pages(["3\nProtokoll\nAntal röster:\n12\nMötet avslutades.\n1"])

    assert text == "Protokoll\nAntal röster:\n12\nMötet avslutades."


def test_page_number_cell_at_the_end_of_a_header_row_is_dropped() -> None:
    text = clean_pages(["Protokoll styrelsemöte\t1 (2)\nMötet öppnades."])

    assert text == "Protokoll styrelsemöte\nMötet öppnades."


def test_running_header_and_footer_are_removed_except_the_first_letterhead() -> None:
    bodies = ["§ 1 Öppnande\nMötet öppnades.", "§ 2 Val\nAnna valdes.", "§ 3 Avslut\nSlut."]
    pages = [
        f"Föreningen Exempel\nProtokoll 2024-05-13\n{body}\n"
        f"Föreningen Exempel, Box 1, 123 45 Ort\nsidan {n}"
        for n, body in enumerate(bodies, start=1)
    ]

    text = clean_pages(pages)

    assert text.startswith("Föreningen Exempel\nProtokoll 2024-05-13\n§ 1 Öppnande")
    assert text.count("Föreningen Exempel") == 1
    assert text.count("Protokoll 2024-05-13") == 1
    assert "Box 1" not in text
    assert "Anna valdes.\n\n§ 3 Avslut\nSlut." in text


def test_heading_at_the_top_of_a_few_pages_is_not_taken_for_a_header() -> None:
    pages = ["Beslut\nText."] * 2 + ["Övrigt\nText."] * 4

    assert clean_pages(pages).count("Beslut") == 2


def test_sender_block_is_removed_wherever_it_stands() -> None:
    text = clean_pages(["Vega, en ny stadsdel.\n\nAvsändare\nSöderström, Anna\n Krigslida växer."])

    assert "Avsändare" not in text
    assert "Söderström, Anna" not in text
    assert "Vega, en ny stadsdel." in text
    assert "Krigslida växer." in text


def test_sender_block_cut_by_a_page_break_is_removed() -> None:
    text = clean_pages(["Mötet öppnades.\nAvsändare", "Söderström, Anna\n§ 2 Val"])

    assert text == "Mötet öppnades.\n\n§ 2 Val"


@pytest.mark.parametrize(
    ("broken", "joined"),
    [
        ("ska utveck-\nlas vidare.", "ska utvecklas\nvidare."),
        ("Övriga gruppen rap-\nporterade att", "Övriga gruppen rapporterade\natt"),
        ("och nyckelhanterin-\ngen.", "och nyckelhanteringen."),
        ("tydlig idrotts-\noch evenemangsprofil", "tydlig idrotts-\noch evenemangsprofil"),
        ("natur-\neller kulturnära", "natur-\neller kulturnära"),
        ("skicka e-\npost till", "skicka e-\npost till"),
        ("i GMS-\nSkalbara", "i GMS-\nSkalbara"),
        ("år 2019-\n2020", "år 2019-\n2020"),
        ("till två-\ntre företag. Två-tre till.", "till två-tre\nföretag. Två-tre till."),
        ("vi gemen-\nsamt och den gemensamma", "vi gemensamt\noch den gemensamma"),
    ],
)
def test_line_end_hyphenation_is_joined_only_for_split_words(broken: str, joined: str) -> None:
    assert clean_pages([broken]) == joined


def test_hyphenated_word_across_a_page_break_is_joined() -> None:
    assert clean_pages(["Mötet beslutade att ar-", "betet fortsätter."]) == (
        "Mötet beslutade att arbetet\nfortsätter."
    )


def test_pages_are_separated_by_a_blank_line() -> None:
    assert clean_pages(["Mötet öppnades.", "§ 2 Val"]) == "Mötet öppnades.\n\n§ 2 Val"


def test_seed_texts_are_present() -> None:
    assert SEEDS
    assert all(path.is_file() for path in SEEDS)


@pytest.mark.parametrize("path", SEEDS, ids=SEED_KEYS)
def test_seed_furniture_is_removed_and_letterhead_kept(path: Path) -> None:
    text = clean_pages([path.read_text(encoding="utf-8")])

    assert "Avsändare" not in text
    assert "Söderström, Anna" not in text
    assert "\uf0b7" not in text
    assert text.startswith("SÖDERTÖRNSKOMMUNERNA SAMVERKAR\n")
    assert "Anna Söderström" in text  # the secretary's own line is not a sender block


def test_seed_bullets_become_dashes() -> None:
    text = clean_pages([seed("001").read_text(encoding="utf-8")])

    assert "- Tillgänglig vård på rätt nivå\n- Regional tillväxt\n" in text
