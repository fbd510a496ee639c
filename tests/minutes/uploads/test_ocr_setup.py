"""Whether this server can read scans: `manage.py check` warns when OCR lacks a package, and
the upload page tells secretaries in Swedish whether a scanned PDF can be read."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from django.core import checks

from parsing.isolation import ocr

UPLOAD = "/upload/"
CANNOT_READ = (
    "Skannade PDF-filer (bilder utan text) kan inte läsas på den här servern: ladda upp "
    "protokoll med ett textlager, ett Word-dokument eller en textfil."
)
READ_BY_OCR = (
    "Skannade PDF-filer läses med OCR (textigenkänning); kontrollera resultatet i "
    "förhandsvisningen."
)
OCR_INSTALLED = ocr.missing() is None


def ocr_warnings() -> list[checks.CheckMessage]:
    return [message for message in checks.run_checks() if message.id == "minutes.W001"]


@pytest.fixture
def without_program(monkeypatch):
    """`without_program("tesseract")`: shutil.which, as ocr.py asks it, finds no such program."""
    real_which = shutil.which

    def hide(program: str) -> None:
        monkeypatch.setattr(
            ocr.shutil, "which", lambda name, *a, **k: None if name == program
            else real_which(name, *a, **k),
        )

    return hide


@pytest.fixture
def tesseract_languages(monkeypatch):
    """`tesseract_languages("eng", "osd")`: every program is found, and `tesseract
    --list-langs` lists these languages, whatever this machine has."""

    def fake(*languages: str) -> None:
        monkeypatch.setattr(ocr.shutil, "which", lambda name, *a, **k: f"/usr/bin/{name}")
        listing = 'List of available languages in "/usr/share/tessdata/":\n' + "\n".join(
            languages
        )
        monkeypatch.setattr(
            ocr.subprocess, "run",
            lambda command, **kwargs: subprocess.CompletedProcess(command, 0, listing, ""),
        )

    return fake


@pytest.mark.parametrize(("program", "package"), [
    ("tesseract", "tesseract-ocr"),
    ("ocrmypdf", "ocrmypdf"),
])
def test_the_check_warns_naming_the_missing_package(settings, without_program, program, package):
    settings.MINUTES_OCR = "auto"
    without_program(program)

    [warning] = ocr_warnings()

    assert warning.level == checks.WARNING
    assert package in warning.msg
    assert "scanned PDFs" in warning.msg and "cannot be read on this server" in warning.msg
    assert f"apt-get install {package}" in warning.hint


def test_the_check_warns_when_the_swedish_model_is_missing(settings, tesseract_languages):
    settings.MINUTES_OCR = "always"
    tesseract_languages("eng", "osd")

    [warning] = ocr_warnings()

    assert "tesseract-ocr-swe" in warning.msg


def test_the_check_is_quiet_when_the_swedish_model_is_there(settings, tesseract_languages):
    settings.MINUTES_OCR = "auto"
    tesseract_languages("eng", "osd", "swe")

    assert ocr_warnings() == []


@pytest.mark.skipif(not OCR_INSTALLED, reason=f"OCR lacks {ocr.missing()} on this machine")
def test_the_check_is_quiet_where_ocr_is_installed(settings):
    settings.MINUTES_OCR = "auto"

    assert ocr_warnings() == []


def test_the_check_is_quiet_when_ocr_is_turned_off(settings, without_program):
    settings.MINUTES_OCR = "never"
    without_program("tesseract")

    assert ocr_warnings() == []


def test_the_check_asks_afresh_each_time(settings, monkeypatch):
    settings.MINUTES_OCR = "auto"
    lacking = iter(["tesseract-ocr", None])
    monkeypatch.setattr(ocr, "missing", lambda: next(lacking))

    assert len(ocr_warnings()) == 1
    assert ocr_warnings() == []


@pytest.mark.django_db
def test_the_upload_page_says_scans_cannot_be_read_without_ocr(
    settings, monkeypatch, secretary_client
):
    settings.MINUTES_OCR = "auto"
    monkeypatch.setattr("minutes.upload_views.ocr_missing", lambda: "tesseract-ocr-swe")

    page = secretary_client.get(UPLOAD).content.decode()

    assert f'<p class="notice">{CANNOT_READ}</p>' in page
    assert READ_BY_OCR not in page


@pytest.mark.django_db
def test_the_upload_page_says_scans_cannot_be_read_when_ocr_is_off(
    settings, monkeypatch, secretary_client
):
    settings.MINUTES_OCR = "never"
    monkeypatch.setattr("minutes.upload_views.ocr_missing", lambda: None)

    page = secretary_client.get(UPLOAD).content.decode()

    assert CANNOT_READ in page
    assert READ_BY_OCR not in page


@pytest.mark.django_db
def test_the_upload_page_says_scans_are_read_by_ocr_when_it_can(
    settings, monkeypatch, secretary_client
):
    settings.MINUTES_OCR = "auto"
    monkeypatch.setattr("minutes.upload_views.ocr_missing", lambda: None)

    page = secretary_client.get(UPLOAD).content.decode()

    assert READ_BY_OCR in page
    assert CANNOT_READ not in page


@pytest.mark.django_db
def test_a_failed_upload_still_says_whether_scans_can_be_read(
    settings, monkeypatch, secretary_client
):
    settings.MINUTES_OCR = "auto"
    monkeypatch.setattr("minutes.upload_views.ocr_missing", lambda: "ocrmypdf")

    response = secretary_client.post(UPLOAD, {})

    assert response.status_code == 400
    assert CANNOT_READ in response.content.decode()
