"""From a search result to the meeting page on a phone: the words marked where the link lands,
the table of contents folded, then unfolded on a wide screen."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import axe_violations, page_overflow

# The live server reads the seeds the package's `archive` fixture committed (conftest.py).
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 800}


def test_a_search_result_opens_the_meeting_with_the_words_marked_on_a_phone(page, archive):
    page.set_viewport_size(PHONE)
    page.goto("/search/?q=tv%C3%A4rf%C3%B6rbindelsen")

    page.locator(".search-result h3 a").first.click()

    page.wait_for_url(re.compile(r"/moten/\d+/\?q=.+#punkt-"))
    expect(page.locator(".marked-words")).to_contain_text("Markerade ord: tvärförbindelsen")
    target = page.locator(":target")
    expect(target).to_be_in_viewport()
    expect(target.locator("mark").first).to_have_text(re.compile("tvärförbindelse", re.I))
    toc = page.locator("nav.toc details")
    assert not toc.evaluate("(el) => el.open"), "the contents are folded on a phone"
    assert page_overflow(page) == 0
    violations = axe_violations(page)
    assert violations == [], "\n".join(violations)

    page.locator(".marked-words a").click()
    expect(page.locator("mark")).to_have_count(0)
    expect(page.locator(".marked-words")).to_have_count(0)


def test_on_a_wide_screen_the_contents_are_open_and_lead_to_each_item(page, archive):
    page.set_viewport_size(WIDE)
    page.goto(f"/moten/{archive['001'].pk}/")

    toc = page.locator("nav.toc details")
    expect(toc).to_have_attribute("open", "")
    links = toc.locator("a")
    assert links.count() == archive["001"].items.count() > 1
    last = links.last
    anchor = last.get_attribute("href")
    last.click()

    page.wait_for_url(re.compile(re.escape(anchor) + "$"))
    expect(page.locator(anchor)).to_be_in_viewport()
