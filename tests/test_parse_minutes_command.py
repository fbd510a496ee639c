"""`manage.py parse_minutes FILE`: JSON on stdout, or one Swedish line and exit 1."""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.samples import CORPUS, seed

CONTRACT_KEYS = {"organization", "title", "start", "end", "place", "attendees", "items",
                 "secretary", "adjusters", "warnings"}


def test_prints_the_json_contract_for_a_seed(run_manage):
    result = run_manage("parse_minutes", str(seed("001")), env={})
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload.keys() >= CONTRACT_KEYS
    assert payload["start"] == "2019-09-05T12:00"
    assert len(payload["attendees"]) == 19
    assert [item["number"] for item in payload["items"]] == [str(n) for n in range(1, 9)]
    [detail] = payload["warning_details"]
    assert detail["message"] == payload["warnings"][0]
    assert detail["params"]["basis"] == "weekday_mentioned"


def test_text_format_prints_a_swedish_summary(run_manage):
    result = run_manage("parse_minutes", str(seed("000")), "--format", "text", env={})
    assert result.returncode == 0, result.stderr
    assert "Närvarande (6):" in result.stdout
    assert "Frånvarande (3):" in result.stdout
    assert "Aktuellt infrastruktur" in result.stdout
    assert "Dokumentet säger torsdag (Torsdagen) men 2018-06-06 är en onsdag." in result.stdout
    assert "the document says" not in result.stdout


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "Filen är tom."),
        (b"\x00\x01\x02\x03binary\x00\xff" * 50, "Filen är varken en PDF"),
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog >> trailer", "PDF-filen är skadad"),
        (b"PK\x03\x04 not really a zip", "Word-dokumentet är skadat"),
    ],
)
def test_unreadable_files_give_one_swedish_line_and_exit_1(run_manage, tmp_path, content,
                                                           expected):
    path = tmp_path / "protokoll.pdf"
    path.write_bytes(content)
    result = run_manage("parse_minutes", str(path), env={})
    assert result.returncode == 1
    assert result.stdout == ""
    assert expected in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_missing_file_is_named_in_swedish(run_manage, tmp_path):
    result = run_manage("parse_minutes", str(tmp_path / "saknas.pdf"), env={})
    assert result.returncode == 1
    assert "finns inte" in result.stderr and "saknas.pdf" in result.stderr


@pytest.mark.corpus
def test_scanned_pdf_without_ocr_is_refused_with_the_reason(run_manage):
    scan = CORPUS / "03_stenaldern-styrelse-2024-12-17-scanonly.pdf"
    result = run_manage("parse_minutes", "--ocr", "never", str(scan), env={})
    assert result.returncode == 1
    assert "saknar textlager" in result.stderr


@pytest.mark.corpus
def test_scanned_pdf_is_read_by_ocr_and_says_so(run_manage):
    scan = CORPUS / "03_stenaldern-styrelse-2024-12-17-scanonly.pdf"
    result = run_manage("parse_minutes", str(scan), env={})
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["start"] == "2024-12-17T19:00"
    assert "ocr" in payload["warning_codes"]


def test_every_message_in_the_swedish_catalogue_is_translated():
    catalogue = "locale/sv/LC_MESSAGES/django.po"
    result = subprocess.run(["msgfmt", "--statistics", "-o", "/dev/null", catalogue],
                            capture_output=True, text=True, check=True)
    assert "translated" in result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr


@pytest.mark.parametrize("tid", ["0001-01-01 kl 13.00", "5 maj 0100", "0999-12-31"])
def test_a_document_dated_before_year_1000_prints_json_with_the_date_empty(
    run_manage, tmp_path, tid
):
    path = tmp_path / "protokoll.txt"
    path.write_text(f"Protokoll\n\nTid: {tid}\n\nNärvarande\n\nAnna Ek, Haninge\n\n"
                    "1. Öppnande\n\nMötet öppnades.\n", encoding="utf-8")
    result = run_manage("parse_minutes", str(path), env={})
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert (payload["start"], payload["end"]) == (None, None)
    kinds = [(d["code"], d["params"].get("kind")) for d in payload["warning_details"]]
    assert ("date", "out_of_range") in kinds
