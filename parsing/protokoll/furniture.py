"""Page furniture of a sammanträdesprotokoll: what every page carries but the minutes do not say.

The letterhead ("KOMMUN   SAMMANTRÄDESPROTOKOLL   2 (16)") and the body and date repeated
under it, signing footers ("Justerandes signatur", "Utdragsbestyrkande", "Expedierat/bestyrkt",
e-signing transaction ids), the e-signing pages appended at the end and the anslag/bevis
block. Pages are kept apart until the furniture is gone, because the running header is
recognised by standing at the top of several pages.
"""

from __future__ import annotations

import re
from collections import Counter

from ..lines import fold

# A letterhead names the document type in capitals, often with "page (pages)".
LETTERHEAD = re.compile(
    r"\b(?:SAMMANTRÄDESPROTOKOLL|PROTOKOLLSUTDRAG|SAMMANTRÄDESANTECKNINGAR|PROTOKOLL)\b"
)
PAGE_OF = re.compile(
    r"(?:\s+|^)(?:sida\s+)?\d{1,3}\s*(?:\(\s*\d{1,3}\s*\)|av\s+\d{1,3}|/\s*\d{1,3})$",
    re.IGNORECASE,
)
_FOOTER = re.compile(
    r"^(?:"
    r"det här dokumentet är (?:digitalt|elektroniskt) signerat"
    r"|transaktionsidentitet\s*:"
    r"|(?:justerare\s+)?expedierat\s*/\s*bestyrkt"
    r"|justerandes?\s+sign(?:atur|\.)?(?:\s+utdragsbestyrkande)?"
    r"|ordförandes\s+sign(?:atur)?"
    r"|sekreterarens\s+sign(?:atur)?"
    r"|utdragsbestyrkande"
    r"|sida\s+\d{1,3}\s+(?:av|\()\s*\d{1,3}\)?"
    r").*$",
    re.IGNORECASE,
)
# Signing-service pages appended after the minutes: everything from here on is theirs.
_SIGNING_PAGES = re.compile(
    r"^(?:undertecknat\s+av\s+följande|verifikat\b|signerat\s+av\s+följande"
    r"|detta\s+dokument\s+har\s+(?:signerats|undertecknats))",
    re.IGNORECASE,
)
# The notice of posting (anslag/bevis) closes a page: from its heading to the page's end.
_NOTICE = re.compile(r"^(?:anslag\s*/\s*bevis|bevis\s+om\s+anslag|anslagsbevis)\b", re.IGNORECASE)
_NOTICE_SENTENCE = re.compile(
    r"^protokollet(?:s justering)? (?:är|har) justerat?.*anslag", re.IGNORECASE
)
DATE_LINE = re.compile(r"^(?:datum\s*:?\s*)?\d{4}-\d{2}-\d{2}$", re.IGNORECASE)
_TOP_LINES = 6


def split_pages(pages: tuple[str, ...] | list[str]) -> list[list[str]]:
    """Each page's lines. In text, where the page breaks are lost, a letterhead line
    ("KOMMUN   SAMMANTRÄDESPROTOKOLL   2 (16)") starts a new page."""
    result: list[list[str]] = []
    for page in pages:
        current: list[str] = []
        for line in page.replace("\f", "\n\f").split("\n"):
            if line.startswith("\f") or (current and _starts_page(line)):
                result.append(current)
                current = []
            current.append(line.lstrip("\f"))
        result.append(current)
    return [lines for lines in result if any(line.strip() for line in lines)]


def _starts_page(line: str) -> bool:
    head = LETTERHEAD.search(line)
    return bool(head) and line[:head.start()].strip().isupper() if head else False


def _mask(line: str) -> str:
    return re.sub(r"\d", "0", PAGE_OF.sub("", fold(line))).casefold()


def _top(lines: list[str]) -> list[int]:
    return [i for i, line in enumerate(lines) if line.strip()][:_TOP_LINES]


def running_header(pages: list[list[str]]) -> set[str]:
    """Masked lines standing among the first lines of at least two pages."""
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({_mask(lines[i]) for i in _top(lines)})
    needed = 2 if len(pages) < 4 else max(2, len(pages) // 3)
    return {key for key, count in counts.items() if count >= needed and key}


def header_lines(lines: list[str], repeated: set[str]) -> list[int]:
    """Indexes of the running header at the top of one page."""
    found: list[int] = []
    for i in _top(lines):
        line = fold(lines[i])
        if line.startswith("§"):
            break
        if (_mask(line) in repeated or LETTERHEAD.search(line) or DATE_LINE.match(line)
                or line.casefold().rstrip(":") in ("datum", "sammanträdesdatum")):
            found.append(i)
        else:
            break
    return found


def is_footer(line: str) -> bool:
    return bool(_FOOTER.match(fold(line)))


def clean(pages: list[list[str]]) -> tuple[list[str], list[int]]:
    """The minutes' lines without furniture, and the page (0-based) each line came from."""
    repeated = running_header(pages)
    lines: list[str] = []
    page_of: list[int] = []
    for number, page in enumerate(pages):
        drop = set(header_lines(page, repeated))
        in_notice = False
        for i, line in enumerate(page):
            folded = fold(line)
            if _SIGNING_PAGES.match(folded):
                return lines, page_of
            if _NOTICE.match(folded) or _NOTICE_SENTENCE.match(folded):
                in_notice = True
            if i in drop or in_notice or is_footer(folded):
                continue
            lines.append(line.rstrip())
            page_of.append(number)
        lines.append("")
        page_of.append(number)
    return lines, page_of
