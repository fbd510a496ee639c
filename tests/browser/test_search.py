"""Searching in the browser: type, filter, page, open a result at its anchor, by keyboard."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_search_with_the_keyboard_and_open_a_result_at_its_anchor(page, archive):
    page.goto("/")
    page.get_by_role("link", name="Sök", exact=True).focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/$"))
    page.get_by_label("Sökord").focus()
    page.keyboard.type("tvarforbindelsen")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=tvarforbindelsen"))
    expect(page.locator("#results-heading")).to_contain_text("hittades")
    first = page.locator(".search-result h3 a").first
    expect(page.locator(".search-result mark").first).to_be_visible()
    href = first.get_attribute("href")
    assert re.search(r"#punkt-\d+$", href)
    first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"#punkt-\d+$"))
    anchor = href.rsplit("#", 1)[1]
    target = page.locator(f"#{anchor}")
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"]
    assert page.evaluate(f"document.querySelector('#{anchor}').matches(':target')")


def test_filter_by_a_facet_and_page_through_results(page, archive, settings):
    settings.SEARCH_RESULTS_PER_PAGE = 2
    page.goto("/search/?q=S%C3%B6dert%C3%B6rnskommunerna")
    heading = page.locator("#results-heading").inner_text()
    total = int(heading.split()[0])
    assert total > 2
    page.get_by_role("link", name=re.compile(r"^Nästa")).click()
    page.wait_for_url(re.compile(r"page=2"))
    expect(page.locator(".search-results > li")).to_have_count(min(2, total - 2))
    year_link = page.locator(".facet-values a[href*='year=2019']").first
    year_link.click()
    page.wait_for_url(re.compile(r"year=2019"))
    narrowed = int(page.locator("#results-heading").inner_text().split()[0])
    assert 0 < narrowed < total
    assert "page=" not in page.url
    for date in page.locator(".search-result .entry-meta").all_inner_texts():
        assert "2019" in date
