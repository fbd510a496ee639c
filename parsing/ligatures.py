"""Ligatures that a PDF's font left without a text mapping.

Some Calibri subsets map the ligature glyphs ft, tti, ti and tt to no Unicode
text, and pdfminer then reads their codes as the letters O, P, Q and U: "aU"
for "att", "Qll" for "till", "EOersom" for "Eftersom". Swedish words never have
those capitals inside lower-case letters, so when a document shows the pattern
often, it is the font, and the letters are put back.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .model import ParseWarning, make_warning

_LIGATURES = {"O": "ft", "P": "tti", "Q": "ti", "U": "tt"}
_LOWER = "a-zåäöéü"
# A ligature code inside a word: after a lower-case letter ("aU", "suPt", "oOa"),
# or after a capital and before lower case ("EOersom").
_INSIDE = re.compile(rf"(?<=[{_LOWER}])[OPQU]|(?<=\b[A-ZÅÄÖ])O(?=[{_LOWER}])")
# "ti" opening a word: "Qll", "Qd" (no Swedish word starts with Q and lower case).
_WORD_START = re.compile(rf"\bQ(?=[{_LOWER}])")
# How many damaged words make the pattern the font's rather than chance.
_THRESHOLD = 5


def repair_unmapped_ligatures(pages: Sequence[str]) -> tuple[list[str], tuple[ParseWarning, ...]]:
    """The pages with ligature codes turned back into letters, and a warning if any were."""
    text = "\n".join(pages)
    count = len(_INSIDE.findall(text)) + len(_WORD_START.findall(text))
    if count < _THRESHOLD:
        return list(pages), ()
    repaired = [
        _WORD_START.sub("ti", _INSIDE.sub(lambda m: _LIGATURES[m.group(0)], page))
        for page in pages
    ]
    warning = make_warning(
        "ligatures",
        "ligatures: the PDF's font gives no text for its ligatures (ft, ti, tt); "
        "words such as 'aU' were read as 'att'",
        count=count,
    )
    return repaired, (warning,)
