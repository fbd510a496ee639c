"""Parser warnings read in Swedish: every code the parser gives, with the facts it found."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.utils import translation

from minutes.messages import warning_message, warning_messages
from parsing import ParseWarning, parse_bytes, parse_text, warning_to_dict
from parsing.dates import parse_when
from parsing.isolation.ocr import AUTO, OcrLimits, read_minutes
from parsing.ligatures import repair_unmapped_ligatures
from parsing.model import make_warning
from tests.parsing.protokoll_fixture import PAGES, TWO_VOTES, protokoll_text, two_votes
from tests.samples import CORPUS, seed

PARSING = Path(__file__).resolve().parents[1] / "parsing"
TODAY = dt.date(2025, 6, 1)
LIGATURE_PAGE = ("EOersom vi suPt i karantän var det svårt aU hinna. Qll slut fick vi "
                 "nya hoar men deUa tog Qd. MoQonerna sköUs väl.")
LOST_LETTERS = ("Protokoll f\ufffdrt vid styrelsem\ufffdte\n\nDatum: 2024-03-12\n\n"
                "N\ufffdrvarande: Anna Ek, Bo Ek\n\n1. \ufffdppnande\n\nM\ufffdtet b\u00f6rjade.\n")
# Words Swedish and English share, which may stand in both sentences.
SHARED_WORDS = {"text", "april", "september", "november", "december", "att", "pdf", "utf",
                "ocr"}


def _minutes(tid: str, body: str = "Närvarande\n\nAnna Ek, Haninge\n") -> str:
    return f"Protokoll\n\nTid: {tid}\n\n{body}\n1. Öppnande\n\nMötet öppnades.\n"


def _seed(key: str) -> tuple[ParseWarning, ...]:
    path = seed(key)
    return parse_bytes(path.read_bytes(), path.name).warnings


def _when(value: str, context: str = "") -> tuple[ParseWarning, ...]:
    return parse_when(value, context, today=TODAY).warnings


@functools.cache
def _scan() -> tuple[ParseWarning, ...]:
    """The warnings of the corpus scan, read by OCR (once: OCR takes seconds)."""
    data = (CORPUS / "03_stenaldern-styrelse-2024-12-17-scanonly.pdf").read_bytes()
    return read_minutes(data, "scan.pdf", ocr=OcrLimits(mode=AUTO)).warnings


def _protokoll(old: str, new: str) -> tuple[ParseWarning, ...]:
    """The invented municipal protokoll of tests/parsing, with `old` written as `new`."""
    text = protokoll_text(PAGES)
    assert old in text
    return parse_text(text.replace(old, new)).warnings


def _one_of_two_votes() -> tuple[ParseWarning, ...]:
    """§ 6 of the invented protokoll voting twice, the first table one short of its count."""
    text = two_votes(TWO_VOTES.replace("med 5 ja-röster", "med 6 ja-röster"))
    return parse_text(text).warnings


def _ocr(kind: str) -> tuple[ParseWarning, ...]:
    """An "ocr" warning of `kind` as `read_minutes` words it (the scan gives "scan"; a
    garbage layer and OCR always are tested in tests/parsing/test_ocr.py)."""
    return (make_warning("ocr", "ocr: the text was read by OCR from scanned pages; "
                         "check names, dates and numbers against the original",
                         kind=kind, pages=3),)


# (case, how to make the warnings, code, variant, facts the Swedish sentence must show)
CASES: list[tuple[str, Callable[[], tuple[ParseWarning, ...]], str, str | None, list[str]]] = [
    ("seed 001", lambda: _seed("001"), "year", "weekday_mentioned",
     ["2019", "5 september", "torsdag", "”hösten 2019”"]),
    ("weekday, nearest to the most mentioned year", lambda: _when("torsdag 5 sept", "2020"),
     "year", "weekday_nearest_to_most_mentioned", ["2019", "5 september", "torsdag", "2020"]),
    ("weekday, nearest to this year", lambda: _when("torsdag 5 september"),
     "year", "weekday_nearest_to_current", ["2024", "5 september", "torsdag", "2025"]),
    ("most mentioned year", lambda: _when("5 september", "år 2019"),
     "year", "most_mentioned", ["2019", "”år 2019”"]),
    ("a mentioned year", lambda: _when("29 februari", "2019, 2019, budget 2020"),
     "year", "mentioned", ["2020", "”budget 2020”"]),
    ("this year", lambda: _when("5 september"), "year", "current", ["2025"]),
    ("nearest to the most mentioned year", lambda: _when("29 februari", "2019"),
     "year", "nearest_to_most_mentioned", ["2020", "2019", "29 februari"]),
    ("nearest to this year", lambda: _when("29 februari"),
     "year", "nearest_to_current", ["2024", "2025", "29 februari"]),
    ("seed 000", lambda: _seed("000"), "weekday", None,
     ["Dokumentet säger torsdag (Torsdagen) men 2018-06-06 är en onsdag."]),
    ("cp1252 file", lambda: parse_bytes(_minutes("5 mars 2020").encode("cp1252"), "p.txt")
     .warnings, "encoding", None, ["Windows-1252", "å, ä och ö"]),
    ("letters lost to an encoding error", lambda: parse_bytes(LOST_LETTERS.encode(), "p.txt")
     .warnings, "encoding", "lost", ["5 tecken", "f\ufffdrt, styrelsem\ufffdte, N\ufffdrvarande",
                                     "å, ä och ö"]),
    ("ligatures", lambda: repair_unmapped_ligatures([LIGATURE_PAGE])[1], "ligatures", None,
     ["ft, ti och tt", "”aU” till ”att”"]),
    ("no date", lambda: parse_text("Hej\n").warnings, "date", "missing", ["mötesdatum"]),
    ("no items", lambda: parse_text("Hej\n").warnings, "items", "missing",
     ["dagordningspunkter"]),
    ("no attendees", lambda: parse_text("Hej\n").warnings, "attendees", "missing",
     ["deltagarlista"]),
    ("invalid date", lambda: parse_text(_minutes("30 februari 2020")).warnings,
     "date", "invalid", ["”30 februari 2020”"]),
    ("end before start", lambda: parse_text(_minutes("2020-03-05 - 2020-03-01")).warnings,
     "date", "end_before_start", ["2020-03-01", "2020-03-05"]),
    ("a date no meeting can have", lambda: _when("0001-01-01 kl 10.00"),
     "date", "out_of_range", ["”0001-01-01”", "1800-01-01 till 2035-06-01", "lämnades tomt"]),
    ("invalid time", lambda: parse_text(_minutes("5 mars 2020 kl 25.00")).warnings,
     "time", "invalid", ["”kl 25.00”"]),
    ("after midnight", lambda: parse_text(_minutes("5 mars 2020 kl 22.00-01.00")).warnings,
     "time", "after_midnight", ["01.00", "22.00", "dagen därpå"]),
    ("unknown first name", lambda: parse_text(_minutes(
        "5 mars 2020", "Närvarande\n\nAnna Ek, Haninge\n\nOrdförande: Markus\n")).warnings,
     "role", None, ["”Markus”", "(ordförande)"]),
    ("unplaced line", lambda: parse_text(_minutes(
        "5 mars 2020", "Närvarande\n\nAnna Ek, Haninge\n\nEn rad som ingen förstår.\n")).warnings,
     "unplaced", None, ["”En rad som ingen förstår.”"]),
    ("organisations present", lambda: parse_text(_minutes(
        "5 mars 2020", "Närvarande: Haninge kommun, Botkyrka kommun\n")).warnings,
     "attendees", "organisations", ["Haninge kommun, Botkyrka kommun"]),
    ("unnumbered items", lambda: parse_text(
        "# Protokoll\n\nTid: 5 mars 2020\n\nNärvarande\n\nAnna Ek, Haninge\n\n"
        "## Öppnande\n\nMötet öppnades.\n\n## Avslutning\n\nMötet avslutades.\n").warnings,
     "items", "unnumbered", ["numrerades"]),
    ("a scan read by OCR", _scan, "ocr", "scan", ["2 sidor", "OCR", "Kontrollera namn"]),
    ("a garbage text layer read again", lambda: _ocr("garbage"), "ocr", "garbage",
     ["3 sidor", "lästes om med OCR"]),
    ("OCR always", lambda: _ocr("always"), "ocr", "always", ["3 sidor", "inställt"]),
    ("words OCR was unsure of", _scan, "ocr_uncertain", None, ["kontrollera dem", ", "]),
    ("a vote that does not add up", lambda: _protokoll("med 4 ja-röster", "med 5 ja-röster"),
     "votes", None, ["I § 6", "(4 ja, 2 nej, 0 avstår)", "(5 ja, 2 nej, 0 avstår)"]),
    ("one of two votes that does not add up", _one_of_two_votes, "votes", "one_of_several",
     ["I § 6", "omröstning 1 av 2", "(5 ja, 1 nej, 0 avstår)", "(6 ja, 1 nej, 0 avstår)"]),
    ("paragraphs unlike the front page",
     lambda: _protokoll("Paragrafer §§ 5-8", "Paragrafer §§ 5-9"),
     "paragraphs", None, ["§§ 5-9", "saknas: 9"]),
]


def _variant(warning: ParseWarning) -> str | None:
    return dict(warning.params).get("basis" if warning.code == "year" else "kind")


def _find(make: Callable[[], tuple[ParseWarning, ...]], code: str,
          variant: str | None) -> ParseWarning:
    found = [w for w in make() if w.code == code and _variant(w) == variant]
    assert found, f"no {code}/{variant} warning"
    return found[0]


def _english_words_kept(warning: ParseWarning, swedish: str) -> set[str]:
    """Words of the English message (not its facts) that the Swedish sentence repeats."""
    facts = {w.casefold() for _, value in warning.params for w in re.findall(r"\w+", value)}
    english = {w.casefold() for w in re.findall(r"[A-Za-z]{3,}", warning.message)}
    swedish_words = {w.casefold() for w in re.findall(r"\w+", swedish)}
    return (english - facts - SHARED_WORDS) & swedish_words


@pytest.mark.parametrize(("case", "make", "code", "variant", "facts"), [
    pytest.param(*case, id=case[0], marks=[pytest.mark.corpus] if case[1] is _scan else [])
    for case in CASES
])
def test_every_warning_reads_in_swedish_with_its_facts(case, make, code, variant, facts):
    warning = _find(make, code, variant)
    swedish = warning_message(warning_to_dict(warning))
    assert facts
    for fact in facts:
        assert fact in swedish, (case, swedish)
    assert swedish.endswith(".")
    assert not _english_words_kept(warning, swedish), swedish
    assert "the document" not in swedish.casefold() and "inferred" not in swedish


def test_every_code_in_the_parser_has_a_swedish_case():
    sources = [path.read_text(encoding="utf-8") for path in PARSING.rglob("*.py")]
    codes = {code for text in sources for code in re.findall(r'make_warning\(\s*"(\w+)"', text)}
    assert codes
    assert codes == {case[2] for case in CASES}
    assert not re.search(r"\bParseWarning\(\s*\"", "".join(sources)), (
        "a warning made without params has no Swedish sentence")


def test_the_seeds_warnings_read_as_the_brief_words_them():
    [year] = _seed("001")
    [weekday] = _seed("000")
    assert warning_messages([year, warning_to_dict(weekday)]) == [
        "Dokumentet anger inget år; 2019 antogs (5 september är en torsdag 2019, och texten "
        "nämner ”hösten 2019”).",
        "Dokumentet säger torsdag (Torsdagen) men 2018-06-06 är en onsdag.",
    ]


def test_stored_warnings_without_params_get_a_general_swedish_sentence():
    stored = {"code": "year", "message": "year: the document gives no year; 2019 was inferred"}
    assert warning_message(stored) == "Årtalet antogs; kontrollera datumet."
    assert warning_message({"code": "weekday", "message": "weekday: ..."}) == (
        "Veckodagen stämmer inte med datumet; kontrollera datumet.")
    assert warning_message({"code": "note", "message": "something English"}) == (
        "Något i dokumentet behöver kontrolleras.")


def test_params_that_do_not_fit_the_sentence_fall_back_to_the_general_one():
    unknown_basis = {"code": "year", "message": "", "params": {"basis": "astrology"}}
    missing_fact = {"code": "year", "message": "", "params": {"basis": "current"}}
    bad_month = {"code": "year", "message": "", "params": {
        "basis": "nearest_to_current", "year": "2024", "day": "29", "month": "x",
        "anchor": "2025"}}
    for stored in (unknown_basis, missing_fact, bad_month):
        assert warning_message(stored) == "Årtalet antogs; kontrollera datumet."


def test_in_english_the_sentence_fills_in_english_names():
    warning = {"code": "weekday", "message": "", "params": {
        "said": "3", "written": "Torsdagen", "date": "2018-06-06", "actual": "2"}}
    with translation.override("en"):
        assert warning_message(warning) == (
            "The document says Thursday (Torsdagen) but 2018-06-06 is a Wednesday.")
