"""/search/?format=json: plain text in the plain fields, escaped HTML in the `_html` ones."""

from __future__ import annotations

import re

import pytest

from minutes.models import Meeting
from minutes.services import body_for_name, minutes_ingest

pytestmark = pytest.mark.django_db

SEARCH = "/search/"

# Ampersands, angle brackets and both kinds of quote in every field the JSON carries.
DOCUMENT = """Tid 2021-02-03 kl 10.00-11.00

Deltagare
Eva Lind Salems kommun

1. Väg & bro <b>"nya"</b> 'snart'
Texten nämner 3 < 5 & "tvärförbindelsen" med 'citat' i texten.

Beslut
Att <i>bygga</i> tvärförbindelsen & "bron" för 'alla'.
"""
MARK = re.compile(r"</?mark>")


@pytest.fixture
def result(client) -> dict:
    meeting = minutes_ingest(data=DOCUMENT.encode(), filename="väg.txt").meeting
    Meeting.objects.filter(pk=meeting.pk).update(
        title='Möte <om> "vägar" & \'broar\'',
        body=body_for_name("Trafik & <gata>", organization=None),
    )
    payload = client.get(SEARCH, {"q": "tvärförbindelsen", "format": "json"}).json()
    assert payload["count"] == 1
    return payload["results"][0]


def test_plain_fields_carry_the_text_as_written(result):
    assert result["meeting"]["title"] == 'Möte <om> "vägar" & \'broar\''
    assert result["meeting"]["body"] == "Trafik & <gata>"
    assert result["item"]["title"] == "Väg & bro <b>\"nya\"</b> 'snart'"
    assert result["decisions"][0]["text"] == (
        "Att <i>bygga</i> tvärförbindelsen & \"bron\" för 'alla'."
    )
    snippet = result["snippet"]
    assert "3 < 5 & \"tvärförbindelsen\" med 'citat' i texten" in snippet
    assert "<mark>" not in snippet and "&amp;" not in snippet and "&lt;" not in snippet


def test_html_fields_are_escaped_with_only_mark_tags(result):
    snippet_html = result["snippet_html"]
    decision_html = result["decisions"][0]["html"]

    assert "3 &lt; 5 &amp; &quot;<mark>tvärförbindelsen</mark>&quot;" in snippet_html
    assert "&#x27;citat&#x27;" in snippet_html
    assert decision_html == (
        "Att &lt;i&gt;bygga&lt;/i&gt; <mark>tvärförbindelsen</mark> &amp; &quot;bron&quot; "
        "för &#x27;alla&#x27;."
    )
    for html in (snippet_html, decision_html):
        assert re.findall(r"<[^>]*>", html) == ["<mark>", "</mark>"]
        assert MARK.sub("", html).count("<") == 0


def test_each_result_names_its_fields(result):
    assert set(result) == {"meeting", "item", "decisions", "url", "snippet", "snippet_html"}
    assert set(result["decisions"][0]) == {"text", "html"}
