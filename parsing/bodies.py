"""The meeting body a minutes title names: "Södertörnskommunernas ledningsgrupps
planeringskonferens" is a meeting of Ledningsgruppen.

One small rule, applied only when nobody said which body met (`ingest --body`, the upload
form): the first of the patterns below found in the title gives the body's name. A title
that names none, or no title, gives no body; guessing from anything else (the attendees, a
decision that mentions "KSO") would put meetings under bodies they were not held by.
"""

from __future__ import annotations

import re

# (pattern, body name), most specific first: "kommunstyrelsens arbetsutskott" before
# "kommunstyrelse", "kommunstyrelsens ordförande" before both.
_TITLE_BODIES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), name)
    for pattern, name in (
        (r"\bKSO\b|\bkommunstyrelse(?:ns|)\s*ordförande", "KSO"),
        (r"\bledningsgrupp", "Ledningsgruppen"),
        (r"\bstyrgrupp", "Styrgruppen"),
        (r"\bKSAU\b|\bkommunstyrelsens\s+arbetsutskott", "Kommunstyrelsens arbetsutskott"),
        (r"\bkommunstyrelse", "Kommunstyrelsen"),
        (r"\bkommunfullmäktige", "Kommunfullmäktige"),
        (r"\bstyrelse", "Styrelsen"),
    )
)
# A named board ("Socialnämnden", "byggnadsnämndens sammanträde") in its definite form.
_BOARD = re.compile(r"\b(\w{3,}nämnd)(?:ens|en|s)?\b", re.IGNORECASE)


def body_of(title: str | None) -> str | None:
    """The name of the body `title` says met, or None when it names none."""
    text = " ".join((title or "").split())
    if not text:
        return None
    for pattern, name in _TITLE_BODIES:
        if pattern.search(text):
            return name
    board = _BOARD.search(text)
    if board:
        return board.group(1).capitalize() + "en"
    return None
