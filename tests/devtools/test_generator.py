"""The synthetic minutes: deterministic, varied, Swedish-sounding, and read back exactly."""

from __future__ import annotations

import re
import statistics
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from devtools.bench import (
    SyntheticMeeting,
    minutes_pdf,
    minutes_text,
    synthetic_meeting,
)
from devtools.bench.vocabulary import vocabulary
from parsing import ParsedMinutes, parse_bytes, parse_text

SEED = 20260101


def fold(text: str) -> str:
    return " ".join(text.split())


def facts(meeting: SyntheticMeeting) -> dict:
    """What the parser should read out of the meeting's minutes."""
    return {
        "organization": meeting.organisation,
        "title": meeting.title,
        "start": meeting.start,
        "end": meeting.end,
        "place": meeting.place,
        "attendees": [(a.name, a.affiliation, a.status, a.role, a.items)
                      for a in meeting.attendees],
        "items": [(i.number, i.title, fold(i.text), [fold(d) for d in i.decisions])
                  for i in meeting.items],
        "secretary": meeting.secretary,
        "adjusters": list(meeting.adjusters),
        "warnings": [],
    }


def parsed_facts(parsed: ParsedMinutes) -> dict:
    return {
        "organization": parsed.organization,
        "title": parsed.title,
        "start": parsed.start,
        "end": parsed.end,
        "place": parsed.place,
        "attendees": [(a.name, a.affiliation, a.status, a.role, a.items)
                      for a in parsed.attendees],
        "items": [(i.number, i.title, fold(i.text), [fold(d.text) for d in i.decisions])
                  for i in parsed.items],
        "secretary": parsed.secretary,
        "adjusters": list(parsed.adjusters),
        "warnings": [w.message for w in parsed.warnings],
    }


@pytest.fixture(scope="module")
def meetings() -> list[SyntheticMeeting]:
    return [synthetic_meeting(SEED, index) for index in range(300)]


def test_same_seed_and_index_give_the_same_minutes():
    first = minutes_text(synthetic_meeting(SEED, 7))
    # Other meetings generated in between change nothing: each index stands alone.
    for index in range(20):
        synthetic_meeting(SEED, index)
    assert minutes_text(synthetic_meeting(SEED, 7)) == first
    assert minutes_pdf(synthetic_meeting(SEED, 7)) == minutes_pdf(synthetic_meeting(SEED, 7))


def test_another_index_or_seed_gives_other_minutes():
    text = minutes_text(synthetic_meeting(SEED, 7))
    assert minutes_text(synthetic_meeting(SEED, 8)) != text
    assert minutes_text(synthetic_meeting(SEED + 1, 7)) != text


def test_text_minutes_parse_back_to_the_generated_facts(meetings):
    sample = meetings[:50]
    assert len(sample) == 50
    for meeting in sample:
        parsed = parse_text(minutes_text(meeting))
        assert parsed_facts(parsed) == facts(meeting), meeting.index
        # Text files keep the paragraphs exactly, not only the words.
        assert [i.text for i in parsed.items] == [i.text for i in meeting.items]


def test_pdf_minutes_parse_back_to_the_generated_facts(meetings):
    sample = meetings[50:55]
    assert len(sample) == 5
    for meeting in sample:
        data = minutes_pdf(meeting)
        assert data.startswith(b"%PDF-")
        assert len(re.findall(rb"/Type /Page\b", data)) >= 2  # several pages
        assert parsed_facts(parse_bytes(data, "protokoll.pdf")) == facts(meeting), meeting.index


def test_the_minutes_name_people_and_decide_things(meetings):
    statuses = Counter(a.status for m in meetings for a in m.attendees)
    assert statuses["present"] and statuses["other"] and statuses["absent"]
    roles = Counter(a.role for m in meetings for a in m.attendees)
    assert roles["chair"] == roles["secretary"] == len(meetings)
    assert roles["adjuster"] >= len(meetings)
    decisions = [d for m in meetings for i in m.items for d in i.decisions]
    assert len(decisions) > len(meetings)
    names = {a.name for m in meetings for a in m.attendees}
    naming = [d for d in decisions if any(name in d for name in names)]
    assert 0.1 < len(naming) / len(decisions) < 0.6


def test_people_recur_across_meetings_of_a_body(meetings):
    by_body: dict[tuple[str, str], Counter] = {}
    for meeting in meetings:
        counter = by_body.setdefault((meeting.organisation, meeting.body), Counter())
        counter.update(a.name for a in meeting.attendees if a.status == "present")
    recurring = [c for c in by_body.values() if c and c.most_common(1)[0][1] > 1]
    assert len(recurring) > len(by_body) / 2


def test_bodies_years_and_items_vary(meetings):
    bodies = {(m.organisation, m.body) for m in meetings}
    organisations = {m.organisation for m in meetings}
    years = {m.start.year for m in meetings}
    assert len(bodies) >= 30
    assert {"Haninge kommun", "Södertörnskommunerna"} <= organisations
    assert min(years) <= 1998 and max(years) >= 2023 and len(years) >= 25
    assert all(1996 <= year <= 2025 for year in years)
    counts = [len(m.items) for m in meetings]
    assert min(counts) >= 3 and max(counts) <= 25 and max(counts) >= 18
    assert 8 <= statistics.mean(counts) <= 12
    lengths = [len(i.text.split()) for m in meetings for i in m.items]
    assert min(lengths) <= 20 and max(lengths) >= 250
    assert {len(i.decisions) for m in meetings for i in m.items} == {0, 1, 2, 3}


def test_words_follow_the_frequencies_of_swedish(meetings):
    words = Counter(
        word.strip(".,").lower()
        for meeting in meetings for item in meeting.items for word in item.text.split()
    )
    assert sum(words.values()) > 100_000
    common_swedish = set(vocabulary().words[:100])
    top = [word for word, _ in words.most_common(20)]
    assert len(set(top) & common_swedish) >= 18
    for word in ("och", "att", "det", "i"):
        assert word in top
    # Rank order holds roughly: the 10th most frequent word of Swedish is far more frequent
    # here than the 1000th, and that than the 10,000th.
    ranked = vocabulary().words
    assert words[ranked[9]] > 10 * words[ranked[999]] > 0
    assert words[ranked[999]] > words[ranked[9999]]
    assert len(words) > 10_000  # a wide vocabulary, not a short list
    assert words["detaljplan"] + words["budget"] + words["förskola"] > 0


def test_generate_minutes_writes_text_and_pdf_files(tmp_path):
    out = StringIO()
    call_command("generate_minutes", str(tmp_path / "txt"), "--count", "3", "--seed", "5",
                 stdout=out)
    files = sorted((tmp_path / "txt").iterdir())
    assert [f.name for f in files] == ["000000.txt", "000001.txt", "000002.txt"]
    assert files[1].read_text("utf-8") == minutes_text(synthetic_meeting(5, 1))
    assert "Skrev 3 dokument med" in out.getvalue() and "ärenden/s" in out.getvalue()

    call_command("generate_minutes", str(tmp_path / "pdf"), "--count", "1", "--seed", "5",
                 "--first", "4", "--pdf", verbosity=0, stdout=StringIO())
    assert (tmp_path / "pdf" / "000004.pdf").read_bytes() == minutes_pdf(synthetic_meeting(5, 4))
