"""The secretary's desk, with the keyboard alone, on a phone and on a desktop: three files
uploaded at once are read by the task queue's worker while the list of imports follows them;
in the preview she corrects an attendee the parser split wrongly, moves a paragraph of an
item's text into a decision, removes a junk attendee, confirms, and finds the corrected
record on the meeting page and in search. Every page on the way passes axe-core."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from config.roles import SECRETARIES
from tests.browser.helpers import axe_violations, focused, has_focus_indicator
from tests.parsing.pdf_builders import docx_bytes, lines_pdf
from tests.samples import seed

pytestmark = [pytest.mark.browser, pytest.mark.django_db, pytest.mark.usefixtures("queue_worker")]

# How long the list may take to show the worker's progress: generous (no timing is tested).
READ_TIMEOUT_MS = 180_000
MIME = {
    "txt": "text/plain",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
# The parser reads this line as "Lise-Lott Larsson" of the organisation "Kolessar Vinnova",
# and the line after it as an attendee called "Minnesanteckningar Ledningsgruppen".
MISREAD = "Lise-Lott Larsson Kolessar Vinnova \nMinnesanteckningar Ledningsgruppen \n"
# The second paragraph of § 1's text, which she moves into a decision.
MOVED = "Haninge har ett"


def files(marker: str) -> list[dict[str, object]]:
    """A text file with the misread lines, a PDF and a .docx of the other seed; `marker`
    makes each run's bytes new to the archive."""
    text = seed("000").read_text(encoding="utf-8").replace(
        "Cecilia Mårtensson Södertörnskommunerna \n",
        "Cecilia Mårtensson Södertörnskommunerna \n" + MISREAD,
    )
    other = [line.rstrip() for line in seed("001").read_text(encoding="utf-8").split("\n")]
    other = [line.replace("\uf0b7", "•") for line in other] + ["", f"Bilaga {marker}"]
    return [
        {"name": f"ledningsgruppen-{marker}.txt", "mimeType": MIME["txt"],
         "buffer": (text + f"\nBilaga {marker}\n").encode()},
        {"name": f"planering-{marker}.pdf", "mimeType": MIME["pdf"],
         "buffer": lines_pdf([other[i:i + 48] for i in range(0, len(other), 48)])},
        {"name": f"planering-{marker}.docx", "mimeType": MIME["docx"],
         "buffer": docx_bytes(other)},
    ]


def press(page: Page, target: Locator) -> None:
    """Move the keyboard's focus to `target` (as Tab would: it must take focus, and show it),
    then press Enter, and wait for the page it opens."""
    target.focus()
    expect(target).to_be_focused()
    assert has_focus_indicator(focused(page)), focused(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def type_into(page: Page, field: Locator, text: str) -> None:
    field.focus()
    expect(field).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def clean(page: Page, where: str) -> None:
    violations = axe_violations(page)
    assert violations == [], f"{where}:\n" + "\n".join(violations)
    sideways = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not sideways, f"{where} scrolls sideways"


@pytest.mark.parametrize("width", [390, 1366])
def test_three_files_at_once_corrected_in_the_preview_and_found(
    signed_in_page, uploads_removed, width
):
    page = signed_in_page(SECRETARIES)
    page.set_viewport_size({"width": width, "height": 900})
    marker = f"w{width}"

    page.goto("/upload/")
    clean(page, "the upload page")
    page.get_by_label("Protokollfiler").set_input_files(files(marker))
    press(page, page.get_by_role("button", name="Ladda upp", exact=True))

    # At once the list, which follows the worker without a reload.
    expect(page).to_have_url(re.compile("/importer/$"))
    expect(page.get_by_role("status").first).to_contain_text("3 filer togs emot")
    rows = page.get_by_role("row").filter(has_text=marker)
    expect(rows).to_have_count(3)
    for row in rows.all():
        expect(row).to_contain_text("Läst: klar att granska", timeout=READ_TIMEOUT_MS)
    clean(page, "the list of imports")

    row = page.get_by_role("row").filter(has_text=f"ledningsgruppen-{marker}.txt")
    press(page, row.get_by_role("link", name=re.compile("^Granska och bekräfta")))
    expect(page.get_by_role("heading", level=1)).to_have_text("Granska och bekräfta")
    expect(page.get_by_role("region", name=re.compile("Originalet|originalet")).first
           ).to_contain_text("Lise-Lott Larsson Kolessar Vinnova")
    clean(page, "the preview")
    preview = page.url

    # The attendee the parser split wrongly: her name and organisation corrected.
    attendee = page.get_by_role("row").filter(has_text="Lise-Lott Larsson")
    expect(attendee.locator("td").first).to_have_text("Kolessar Vinnova")
    press(page, attendee.get_by_role("link", name=re.compile("^Ändra")))
    clean(page, "the attendee's page")
    type_into(page, page.get_by_label("Namn:", exact=True), "Lise-Lott Larsson Kolessar")
    type_into(page, page.get_by_label("Tillhörighet:", exact=True), "Vinnova")
    press(page, page.locator("main form button[type=submit]").first)
    expect(page).to_have_url(re.compile("^" + re.escape(preview)))
    corrected = page.get_by_role("row").filter(has_text="Lise-Lott Larsson Kolessar")
    expect(corrected.locator("td").first).to_have_text("Vinnova")

    # The junk attendee removed, after the page asks.
    junk = page.get_by_role("row").filter(has_text="Minnesanteckningar Ledningsgruppen")
    press(page, junk.get_by_role("link", name=re.compile("^Ta bort")))
    clean(page, "the removal page")
    press(page, page.get_by_role("button", name=re.compile("^Ta bort")))
    expect(page).to_have_url(re.compile("^" + re.escape(preview)))
    expect(page.get_by_role("row").filter(has_text="Minnesanteckningar")).to_have_count(0)

    # § 1's second paragraph is a decision: moved out of the text into one.
    item = page.locator("li#item-0")
    expect(item.get_by_role("heading")).to_have_text(re.compile(r"§ 1\s+Aktuellt Haninge"))
    expect(item).to_contain_text("Inget beslut")
    press(page, item.get_by_role("link", name=re.compile("^Rätta punkten")))
    clean(page, "the item's page")
    paragraph = page.locator("form.paragraph-move").filter(
        has=page.get_by_label(re.compile("Flytta stycke 2")))
    press(page, paragraph.get_by_role("button", name=re.compile("^Flytta till beslut")))
    expect(page.get_by_text(re.compile("beslut", re.I)).first).to_be_visible()
    page.goto(preview)
    expect(page.locator("main")).to_contain_text(MOVED)

    press(page, page.get_by_role("button", name="Bekräfta och importera"))
    expect(page.get_by_text("Protokollet har importerats.")).to_be_visible()
    assert "/moten/" in page.url
    clean(page, "the meeting page")
    main = page.locator("main")
    expect(main).to_contain_text("Lise-Lott Larsson Kolessar")
    expect(main).to_contain_text("Vinnova")
    expect(main).not_to_contain_text("Minnesanteckningar Ledningsgruppen")
    decision = page.locator(".decisions, .decision").filter(has_text=MOVED)
    expect(decision.first).to_be_visible()
    meeting = page.url

    # Her person page carries the corrected name and organisation.
    press(page, main.get_by_role("link", name="Lise-Lott Larsson Kolessar").first)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lise-Lott Larsson Kolessar")
    expect(page.locator("main")).to_contain_text("Vinnova")
    clean(page, "her person page")

    # Search finds the item with the decision she moved, on this meeting.
    page.goto("/search/?q=Haninge+nybyggnationer+Handen")
    hit = page.locator(f"main a[href^='/moten/{meeting.split('/moten/')[1].split('/')[0]}/']")
    expect(hit.first).to_be_visible()
    clean(page, "the search page")
