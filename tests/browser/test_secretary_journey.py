"""A secretary uploads each sample as .txt, PDF and .docx, corrects the date, confirms and
finds the meeting; the upload, preview and import list pass axe-core's WCAG 2.1 AA checks."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from config.roles import SECRETARIES
from minutes.models import Meeting
from tests.browser.conftest import committed
from tests.browser.helpers import axe_violations
from tests.minutes.uploads.documents import FORMATS, seed_document
from tests.samples import CORPUS, seed

pytestmark = [pytest.mark.browser, pytest.mark.django_db, pytest.mark.usefixtures("queue_worker")]
# How long the list may take to show a file read by the worker: generous (no timing is tested).
READ_TIMEOUT_MS = 180_000

MIME = {
    "txt": "text/plain",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
# The archive fixture holds the seeds' exact bytes; the .txt uploaded here is the same
# document as saved on Windows (CRLF line ends), so it is a new file to the archive.
SEED_DATES = {"000": ("2018-06-06", "2018-06-07"), "001": ("2019-09-05", "2019-09-04")}


def document(number: str, kind: str) -> dict[str, object]:
    name, data = seed_document(number, kind)
    if kind == "txt":
        data = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    return {"name": name, "mimeType": MIME[kind], "buffer": data}


def upload(page: Page, file: dict[str, object], body: str = "", *, preview: bool = True) -> None:
    """Upload `file`; with `preview`, wait on the list of imports until the worker has read
    it, then open its preview."""
    page.goto("/upload/")
    page.get_by_label("Protokollfiler").set_input_files(file)
    if body:
        page.get_by_label("Mötesorgan (frivilligt)").fill(body)
    page.get_by_role("button", name="Ladda upp", exact=True).click()
    if preview:
        expect(page).to_have_url(re.compile("/importer/$"))
        row = page.get_by_role("row").filter(has_text=str(file["name"])).first
        # The list updates itself (static/js/imports.js) as the worker reads the file.
        expect(row).to_contain_text("Läst: klar att granska", timeout=READ_TIMEOUT_MS)
        row.get_by_role("link", name="Granska och bekräfta").click()


@pytest.mark.parametrize("number", sorted(SEED_DATES))
def test_secretary_uploads_each_format_corrects_the_date_and_finds_the_meeting(
    signed_in_page, uploads_removed, number
):
    page = signed_in_page(SECRETARIES)
    read_as, corrected = SEED_DATES[number]
    for kind in FORMATS:
        upload(page, document(number, kind), body=f"Journeygruppen {kind}")

        expect(page.get_by_role("heading", level=1)).to_have_text("Granska och bekräfta")
        date = page.get_by_label("Datum:", exact=True)
        expect(date).to_have_value(read_as)
        date.fill(corrected)
        page.get_by_role("button", name="Bekräfta och importera").click()

        expect(page.get_by_text("Protokollet har importerats.")).to_be_visible()
        meeting_url = page.url
        assert "/moten/" in meeting_url, meeting_url
        expect(page.locator(".facts time").first).to_have_attribute(
            "datetime", re.compile(f"^{corrected}")
        )

        # Found again in the meeting list, on its row under the body given at upload (the
        # row's first link is the meeting, the other its body's page).
        page.goto("/moten/")
        row = page.get_by_role("row").filter(has_text=f"Journeygruppen {kind}")
        row.locator("a[href^='/moten/']").click()
        assert page.url == meeting_url

    with_dates = committed(
        lambda: sorted(
            str(meeting.start_date)
            for meeting in Meeting.objects.filter(body__name__startswith="Journeygruppen")
        )
    )
    assert with_dates == [corrected] * len(FORMATS)


def test_the_same_file_again_links_to_its_meeting(signed_in_page, archive, uploads_removed):
    page = signed_in_page(SECRETARIES)
    path = seed("000")

    upload(page, {"name": "kopia.txt", "mimeType": "text/plain", "buffer": path.read_bytes()},
           preview=False)

    expect(page.get_by_text("kopia.txt finns redan i arkivet")).to_be_visible()
    page.get_by_role("status").get_by_role("link").click()
    assert page.url.endswith(f"/moten/{archive['000'].pk}/")


def test_a_failed_upload_is_listed_and_can_be_discarded(signed_in_page, uploads_removed):
    page = signed_in_page(SECRETARIES)
    upload(page, {"name": "bild.pdf", "mimeType": "application/pdf",
                  "buffer": b"\x89PNG\r\n\x1a\n" + bytes(300)}, preview=False)

    row = page.get_by_role("row").filter(has_text="bild.pdf")
    # The worker's verdict shows on the list without a reload.
    expect(row).to_contain_text("Misslyckades", timeout=READ_TIMEOUT_MS)
    expect(row).to_contain_text("Filen är varken en PDF")
    page.goto("/importer/?status=failed")
    row = page.get_by_role("row").filter(has_text="bild.pdf")
    row.get_by_role("button", name="Kassera").click()
    expect(page.get_by_role("status")).to_contain_text("bild.pdf importerades inte")


def test_upload_preview_and_import_list_pass_wcag_21_aa(signed_in_page, uploads_removed):
    page = signed_in_page(SECRETARIES)
    page.goto("/upload/")
    assert axe_violations(page) == []

    page.get_by_role("button", name="Ladda upp", exact=True).click()  # no file: an error
    expect(page.get_by_role("alert")).to_be_visible()
    assert axe_violations(page) == []

    upload(page, document("000", "txt"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Granska och bekräfta")
    assert axe_violations(page) == []

    page.get_by_label("Starttid").fill("15:00")
    page.get_by_label("Sluttid").fill("13:00")
    page.get_by_role("button", name="Bekräfta och importera").click()
    expect(page.get_by_role("alert")).to_contain_text("Mötet kan inte sluta innan det börjar.")
    assert axe_violations(page) == []

    page.goto("/importer/")
    assert axe_violations(page) == []
    for path in ("/upload/", "/importer/"):
        page.set_viewport_size({"width": 320, "height": 640})
        page.goto(path)
        overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
        assert not overflow, f"{path} scrolls sideways at 320 px"


@pytest.mark.corpus
def test_secretary_uploads_a_scan_checks_the_ocr_preview_and_gets_both_versions(
    signed_in_page, uploads_removed
):
    scan = CORPUS / "03_stenaldern-styrelse-2024-12-17-scanonly.pdf"
    page = signed_in_page(SECRETARIES)
    page.set_default_timeout(120_000)
    upload(page, {"name": scan.name, "mimeType": MIME["pdf"], "buffer": scan.read_bytes()},
           body="Journeygruppen skanning")

    expect(page.get_by_role("heading", level=1)).to_have_text("Granska och bekräfta")
    expect(page.get_by_text("Texten har tolkats med OCR (textigenkänning) ur en skannad "
                            "handling.")).to_be_visible()
    expect(page.get_by_label("Datum:", exact=True)).to_have_value("2024-12-17")
    violations = axe_violations(page)
    assert violations == [], "\n".join(violations)

    page.get_by_role("button", name="Bekräfta och importera").click()
    expect(page.get_by_text("Protokollet har importerats.")).to_be_visible()
    expect(page.get_by_role("link", name="Ladda ned originalet")).to_be_visible()
    ocr_link = page.get_by_role("link", name="Ladda ned versionen som lästs med OCR")
    expect(ocr_link).to_be_visible()
    assert axe_violations(page) == []
    with page.expect_download() as download:
        ocr_link.click()
    assert download.value.suggested_filename == f"{scan.stem}-ocr.pdf"
