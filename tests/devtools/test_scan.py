"""`scanned_pdf`: a generated minutes PDF made to look scanned, which OCR reads back."""

from __future__ import annotations

import shutil

import pytest

from devtools.bench import SyntheticMeeting, minutes_pdf, synthetic_meeting
from devtools.bench.scan import scanned_pdf
from parsing.extract import extract
from parsing.isolation.ocr import missing, page_count, run_ocr
from parsing.model import ParseError

pytestmark = pytest.mark.skipif(
    shutil.which("gs") is None, reason="scanned_pdf needs Ghostscript (gs)"
)
SEED = 1002


@pytest.fixture(scope="module")
def meeting() -> SyntheticMeeting:
    """The shortest of a few generated meetings: OCR takes seconds a page."""
    return min((synthetic_meeting(SEED, 200_000 + index) for index in range(4)),
               key=lambda meeting: page_count(minutes_pdf(meeting)))


@pytest.fixture(scope="module")
def scan(meeting) -> bytes:
    return scanned_pdf(minutes_pdf(meeting))


def test_a_scan_has_no_text_layer_and_keeps_the_pages(meeting, scan):
    original = minutes_pdf(meeting)
    assert extract(original).pages  # the born-digital PDF has text
    with pytest.raises(ParseError) as raised:
        extract(scan)
    assert raised.value.code in ("no_text_layer", "empty")
    assert page_count(scan) == page_count(original) >= 2


@pytest.mark.skipif(missing() is not None,
                    reason=f"OCR needs the Debian package {missing()}")
def test_ocr_reads_the_body_and_the_attendees_back_from_a_scan(meeting, scan):
    output = run_ocr(scan, force=False)

    assert output.pages == page_count(scan)
    text = "\n".join(extract(output.pdf).pages)
    assert meeting.body in text
    assert meeting.chair in text
    assert meeting.secretary in text
