"""A meeting page opened at an agenda item's anchor, as search results and people's pages link."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from municipalities.models import Person

# The live server reads the seeds the package's `archive` fixture committed (conftest.py).
pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_an_item_anchor_scrolls_the_item_into_view_and_highlights_it(page, archive):
    meeting = archive["000"]
    url = reverse("minutes:meeting-detail", args=[meeting.pk])

    page.goto(f"{url}#punkt-3")

    item = page.locator("#punkt-3")
    expect(item).to_be_in_viewport()
    box = item.bounding_box()
    assert box is not None
    assert 0 <= box["y"] < page.viewport_size["height"], box
    assert item.evaluate("(el) => el.matches(':target')")
    highlight = item.evaluate(
        "(el) => { const s = getComputedStyle(el); return [s.outlineStyle, s.outlineWidth]; }"
    )
    assert highlight[0] != "none" and highlight[1] != "0px", highlight
    other = page.locator("#punkt-2").evaluate("(el) => getComputedStyle(el).outlineStyle")
    assert other == "none"


def test_a_decision_link_on_a_person_page_lands_on_that_decision(page, archive):
    rickard = Person.objects.get(full_name="Rickard Sundbom")
    meeting_url = reverse("minutes:meeting-detail", args=[archive["001"].pk])
    page.goto(reverse("municipalities:person-detail", args=[rickard.pk]))

    page.locator(f'a[href="{meeting_url}#beslut-5-1"]').click()

    page.wait_for_url(re.compile(re.escape(meeting_url) + "#beslut-5-1$"))
    decision = page.locator("#beslut-5-1")
    expect(decision).to_be_in_viewport()
    assert decision.evaluate("(el) => el.matches(':target')")
