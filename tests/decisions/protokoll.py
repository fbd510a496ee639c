"""Invented municipal protokoll stored through the write pipeline, for the decisions tests,
the case pages and the browser tests: the parser fixture's text (tests/parsing, read only),
and the same case (Dnr MBN 2025/3) later before kommunfullmäktige."""

from __future__ import annotations

from minutes.models import Meeting
from minutes.services import minutes_ingest
from tests.parsing.protokoll_fixture import protokoll_text

VOTE_CASE = "MBN 2024/301"  # § 6: a vote 4-2, two reservations, a recusal
ROAD_CASE = "MBN 2025/3"  # § 7: proposed by the nämnd, decided by kommunfullmäktige


def namnd_text() -> str:
    return protokoll_text()


def fullmaktige_text() -> str:
    """The nämnd's protokoll retold as kommunfullmäktige's, six weeks later, §§ 45-48."""
    text = protokoll_text().replace("Miljö- och byggnämnden", "Kommunfullmäktige")
    text = text.replace("Miljö- och byggnämndens beslut", "Kommunfullmäktiges beslut")
    text = text.replace("2025-03-11", "2025-04-22").replace("2025-03-13", "2025-04-24")
    for old, new in (("8", "48"), ("7", "47"), ("6", "46"), ("5", "45")):
        text = text.replace(f"§ {old} ", f"§ {new} ").replace(f"§ {old}\n", f"§ {new}\n")
    return text.replace("§§ 5-8", "§§ 45-48").replace("§§ 5-7", "§§ 45-47")


def namnd_meeting() -> Meeting:
    return minutes_ingest(data=namnd_text().encode(), filename="mbn-2025-03-11.txt").meeting


def fullmaktige_meeting() -> Meeting:
    return minutes_ingest(data=fullmaktige_text().encode(), filename="kf-2025-04-22.txt").meeting
