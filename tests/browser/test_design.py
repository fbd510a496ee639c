"""The design as a reader meets it on a phone (390 px) and a desktop (1366 px): no sideways
scrolling, taps of 44 px, one search button, the order applied at once, the filters folded
on a phone, whole words in the site's name, tables read as lists, Swedish dates.

Screenshots of the main pages at both widths land in var/test-output/screenshots/ (the path
is printed; run pytest with -s to see it).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from config.roles import SECRETARIES
from tests.browser.helpers import page_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
WIDTHS = {"390": PHONE, "1366": DESKTOP}
TAP = 44  # CSS pixels, WCAG 2.5.5's target size
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "test-output" / "screenshots"
# A word in both seed meetings: enough hits for several pages at two a page.
COMMON_WORD = "/search/?q=S%C3%B6dert%C3%B6rnskommunerna"

# The main pages a reader opens: names from the archive_urls fixture, or paths.
MAIN_PAGES = ["home", "meetings", "meeting", "/search/?q=trafik", COMMON_WORD, "/decisions/"]


def open_at(page: Page, url: str, size: dict[str, int]) -> None:
    page.set_viewport_size(size)
    response = page.goto(url)
    assert response is not None and response.ok, url


def too_small(page: Page, selector: str) -> list[str]:
    """The visible elements matching `selector` smaller than 44 x 44 px, one line each."""
    boxes = page.locator(selector).evaluate_all(
        """(elements) => elements
            .filter((el) => el.getClientRects().length > 0)
            .map((el) => {
                const box = el.getBoundingClientRect();
                return {text: el.innerText || el.outerHTML.slice(0, 60),
                        width: box.width, height: box.height};
            })"""
    )
    assert boxes, f"nothing visible matches {selector}"
    return [
        f"{box['text']!r}: {box['width']:.0f} x {box['height']:.0f}"
        for box in boxes
        if box["width"] < TAP - 0.5 or box["height"] < TAP - 0.5
    ]


def split_words(page: Page, selector: str) -> list[str]:
    """The words of the element's text that the browser broke over two lines."""
    return page.locator(selector).first.evaluate(
        """(element) => {
            const broken = [];
            const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                for (const match of node.textContent.matchAll(/\\S+/g)) {
                    const range = document.createRange();
                    range.setStart(node, match.index);
                    range.setEnd(node, match.index + match[0].length);
                    const lines = new Set(
                        Array.from(range.getClientRects()).map((rect) => Math.round(rect.top))
                    );
                    if (lines.size > 1) broken.push(match[0]);
                }
            }
            return broken;
        }"""
    )


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", MAIN_PAGES)
def test_main_pages_fit_the_window_and_are_saved_as_screenshots(page, archive_urls, name, width):
    url = archive_urls.get(name, name)
    open_at(page, url, WIDTHS[width])

    assert page_overflow(page) == 0, f"{url} scrolls sideways at {width} px"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    file_name = re.sub(r"[^\w-]+", "_", name).strip("_") or "root"
    path = SCREENSHOTS / f"{file_name}-{width}.png"
    page.screenshot(path=path, full_page=True)
    print(f"screenshot: {path}")  # noqa: T201 (where to look, with pytest -s)


def test_import_list_fits_a_phone_and_wraps_long_file_names(signed_in_page):
    page = signed_in_page(SECRETARIES)
    open_at(page, "/importer/", PHONE)
    rows = page.locator("table.imports tbody tr")
    assert rows.count() > 0, "the seeds left no uploads to list"

    assert page_overflow(page) == 0
    name_cell = rows.first.locator("th")
    box = name_cell.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    uploaded = rows.first.locator("td[data-label='Uppladdad']")
    expect(uploaded).to_be_visible()
    # Swedish, as a person reads a date: "6 juni 2018 14:05", not "2018-06-06 14:05"
    expect(uploaded).to_have_text(re.compile(r"^\d{1,2} [a-zåäö]+ \d{4} \d{2}[:.]\d{2}$"))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width, size in WIDTHS.items():
        page.set_viewport_size(size)
        page.screenshot(path=SCREENSHOTS / f"importer-{width}.png", full_page=True)


def test_tap_targets_are_44_px_at_390(page, settings):
    settings.SEARCH_RESULTS_PER_PAGE = 2
    open_at(page, COMMON_WORD, PHONE)
    page.locator(".filters > summary").click()

    small = (
        too_small(page, ".site-header nav a")
        + too_small(page, ".site-header .account button, .site-header .account a")
        + too_small(page, ".search-form input[type=search], .search-form button")
        + too_small(page, ".search-form select, .search-form summary")
        + too_small(page, ".search-form input:not([type=checkbox]):not([type=hidden])")
        + too_small(page, ".search-form .checkbox-field label")
        + too_small(page, ".pagination a")
        + too_small(page, ".facet-values a")
    )

    assert small == [], "\n".join(small)


def test_the_meeting_pages_contents_are_44_px_taps_at_390(page, archive_urls):
    open_at(page, archive_urls["meeting"], PHONE)
    page.locator(".toc-details > summary").click()

    small = too_small(page, ".toc-details > summary") + too_small(page, ".toc-list a")

    assert page.locator(".toc-list a").count() > 0
    assert small == [], "\n".join(small)


def test_search_page_has_one_search_button(page):
    open_at(page, "/search/?q=trafik", DESKTOP)

    buttons = page.locator("main").get_by_role("button", name="Sök", exact=True)

    expect(buttons).to_have_count(1)
    expect(page.locator("main form[role=search] [type=submit]")).to_have_count(1)


def test_changing_the_order_applies_it_at_once(page):
    open_at(page, "/search/?q=trafik", DESKTOP)
    expect(page.locator("#sort-help")).to_be_visible()

    page.locator("#id_sort").select_option("newest")

    page.wait_for_url(re.compile(r"[?&]sort=newest"))
    expect(page.locator("#id_sort")).to_have_value("newest")
    assert "q=trafik" in page.url


def test_without_script_the_order_waits_for_the_search_button(page):
    page.route(re.compile(r"/js/search\.js"), lambda route: route.abort())
    open_at(page, "/search/?q=trafik", DESKTOP)
    expect(page.locator("#sort-help")).to_be_hidden()  # it would promise what does not happen

    page.locator("#id_sort").select_option("oldest")
    page.wait_for_timeout(300)
    assert "sort=" not in page.url

    page.get_by_role("button", name="Sök", exact=True).click()
    page.wait_for_url(re.compile(r"[?&]sort=oldest"))


def test_filters_fold_away_on_a_phone_and_show_on_a_desktop(page):
    open_at(page, "/search/?q=trafik&has_vote=on", PHONE)
    summary = page.locator(".filters > summary")
    date_from = page.get_by_label("Från datum")

    expect(summary).to_be_visible()
    expect(summary).to_have_text("Filter (1 vald)")
    expect(date_from).to_be_hidden()
    folded = summary.bounding_box()
    assert folded is not None and folded["y"] + folded["height"] < PHONE["height"], "below the fold"
    summary.click()
    expect(date_from).to_be_visible()

    open_at(page, "/search/?q=trafik", DESKTOP)
    expect(page.get_by_label("Från datum")).to_be_visible()
    page.get_by_label("Från datum").focus()
    assert page.evaluate("document.activeElement.id") == "id_date_from"


def test_site_name_keeps_its_words_whole_on_a_phone(page, archive_urls):
    open_at(page, archive_urls["home"], PHONE)

    assert split_words(page, ".site-name") == []
    assert split_words(page, "h1") == []


def test_split_words_sees_a_broken_word(blank_page):
    """The check above is not vacuous: a word too long for its box is reported."""
    blank_page.set_content(
        '<p style="width:5em;overflow-wrap:anywhere">Södertörnskommunerna är</p>'
    )

    assert split_words(blank_page, "p") == ["Södertörnskommunerna"]


def test_meeting_table_reads_as_a_list_on_a_phone(page, archive_urls):
    open_at(page, archive_urls["meetings"], PHONE)
    row = page.locator("table.stack tbody tr").first
    date = row.locator("th[scope=row]")
    body = row.locator("td[data-label='Organ']")

    for cell in (date, body):
        expect(cell).to_be_visible()
        box = cell.bounding_box()
        assert box is not None and box["x"] >= 0
        assert box["x"] + box["width"] <= PHONE["width"], "cut off at the right edge"
    expect(date).to_have_text(re.compile(r"^\d{1,2} [a-zåäö]+ \d{4}$"))
    label = body.evaluate("(cell) => getComputedStyle(cell, '::before').content")
    assert label == '"Organ"'
    headings = page.locator("table.stack thead").bounding_box()
    assert headings is not None and headings["height"] <= 1, "the column headings still show"

    page.set_viewport_size(DESKTOP)
    expect(page.locator("table.stack thead")).to_be_visible()


def test_pages_open_in_swedish_and_swedish_time(page, archive_urls):
    open_at(page, archive_urls["home"], DESKTOP)

    assert page.evaluate("navigator.language") == "sv-SE"
    assert page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") == "Europe/Stockholm"


def test_register_filters_fold_away_on_a_phone_with_their_count(page):
    open_at(page, "/decisions/?has_vote=on&has_reservation=on", PHONE)
    summary = page.locator(".filter-form summary")

    expect(summary).to_have_text("Filtrera beslut (2 valda)")
    expect(page.get_by_label("Ord i beslutet")).to_be_hidden()
    summary.click()
    expect(page.get_by_label("Ord i beslutet")).to_be_visible()

    open_at(page, "/decisions/", DESKTOP)
    expect(page.get_by_label("Ord i beslutet")).to_be_visible()
    expect(page.locator(".filter-form summary")).to_be_hidden()
