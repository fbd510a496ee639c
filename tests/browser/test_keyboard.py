"""Using the archive with the keyboard alone: tab stops, Enter, visible focus, the skip link."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import axe_violations, focused, has_focus_indicator

# The live server reads the seeds the package's `archive` fixture committed (conftest.py).
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

# More than any page here has before the element a test looks for.
MAX_TABS = 40


def tab_until(page: Page, matches) -> dict[str, str]:
    """Press Tab until the focused element matches; fail if the page runs out of tab stops."""
    seen = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        element = focused(page)
        if matches(element):
            return element
        seen.append(element["text"] or element["tag"])
    pytest.fail(f"no matching tab stop in {MAX_TABS} presses; focus went through {seen}")


def test_tab_and_enter_open_the_meeting_list_then_a_meeting(page, archive):
    page.goto("/")

    link = tab_until(page, lambda element: element["text"] == "Möten")
    assert has_focus_indicator(link), link
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/moten/$"))
    expect(page.locator("h1")).to_have_text("Möten")

    meeting = tab_until(page, lambda element: re.fullmatch(r"/moten/\d+/", element["href"]))
    assert has_focus_indicator(meeting), meeting
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(meeting["href"]) + "$"))
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator("#punkt-1")).to_be_attached()


def test_every_tab_stop_on_the_home_page_shows_where_focus_is(page, archive):
    page.goto("/")
    stops = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        element = focused(page)
        if element["tag"] == "body" or (stops and element == stops[0]):
            break  # focus left the page or came round again
        stops.append(element)

    assert len(stops) > 5, stops
    assert [stop for stop in stops if not has_focus_indicator(stop)] == []


def test_the_first_tab_stop_skips_to_the_main_content(page, archive):
    page.goto("/")

    page.keyboard.press("Tab")

    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    expect(skip).to_have_text(re.compile(r"^Hoppa till"))
    assert has_focus_indicator(focused(page))
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    first_in_main = focused(page)
    assert page.locator("main").evaluate("(main) => main.contains(document.activeElement)")
    # The home page's first stop in <main> is its search box.
    assert first_in_main["id"] == "home-q", first_in_main


def test_on_a_narrow_screen_a_wide_table_reads_as_a_list_reached_by_tab(page, archive):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/moten/")
    table_box = page.locator(".table-scroll")
    assert not table_box.evaluate("(box) => box.scrollWidth > box.clientWidth"), "scrolls"

    tab_until(page, lambda element: re.fullmatch(r"/moten/\d+/", element["href"]))

    box = page.locator(":focus").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 320
    assert axe_violations(page) == []
