"""A protokoll's front page: who issued it, which body met, where and when, who signs.

The letterhead carries the organisation and the document type; under it stand the body
and the date. The label block at the foot of the front page ("Sekreterare ... Paragrafer
§§ 70-75", "Ordförande", "Protokolljusterare") may spill onto the next page and may put a
value on the line above its label, as a two-column layout read line by line does.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..dates import parse_when
from ..lines import fold
from ..model import ParseWarning
from ..orgs import known_organization_prefix
from .furniture import DATE_LINE, LETTERHEAD, PAGE_OF
from .names import NAME, SECTION_SPEC, SPACES, section_numbers, strip_party, trim_name

_PLACE_TIME = re.compile(
    r"^plats\s+och\s+tid(?:punkt)?(?:\s+för)?(?:\s+(?:sammanträdet|sammanträde|mötet))?\s*:?\s*(?P<value>.*)$",
    re.IGNORECASE,
)
_PLACE = re.compile(r"^(?:plats|sammanträdesplats|lokal)\s*:?\s+(?P<value>\S.*)$", re.IGNORECASE)
_TIME = re.compile(r"^(?:tid|tidpunkt|sammanträdestid|klockan)\s*:?\s+(?P<value>\S.*)$",
                   re.IGNORECASE)
_DATE_LABEL = re.compile(r"^(?:sammanträdes)?datum\s*:?\s*(?P<value>.*)$", re.IGNORECASE)
_WHEN_STARTS = re.compile(
    r"(?:,\s*|\s+|^)(?=(?:kl\.?|klockan|tid)\s*\d|(?:måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag)(?:en)?\b"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}\s+(?:jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)"
    r"|\d{1,2}[.:]\d{2})",
    re.IGNORECASE,
)
_SIGN_LABEL = re.compile(
    r"(?P<label>sekreterare|ordförande|protokolljusterare|justerare|justerande|utses\s+att\s+justera"
    r"|paragrafer|paragraf)\b\s*:?",
    re.IGNORECASE,
)
_NAME_SPLIT = re.compile(r"\s*(?:/|,|;|\boch\b|&)\s*")


@dataclass(frozen=True)
class FrontPage:
    organization: str | None
    body: str | None
    start: dt.datetime | dt.date | None
    end: dt.datetime | dt.date | None
    place: str | None
    secretary: str | None
    chair: str | None
    adjusters: tuple[str, ...]
    paragraphs: tuple[int, ...]
    warnings: tuple[ParseWarning, ...]


def read_front(first_page: list[str], front: list[str], text: str) -> FrontPage:
    """`first_page`: page one as written (for its letterhead); `front`: the front page's
    lines without furniture, up to the contents list or the first paragraph."""
    organization, body, date = _letterhead(first_page)
    place, time_value, date_value = _place_time(front)
    when = parse_when(" ".join(v for v in (date or date_value, time_value) if v), text)
    signers = _signers(front)
    return FrontPage(
        organization=organization, body=body, start=when.start, end=when.end, place=place,
        secretary=(signers.get("sekreterare") or [None])[0],
        chair=(signers.get("ordförande") or [None])[0],
        adjusters=tuple(signers.get("justerare") or ()),
        paragraphs=tuple(_paragraphs(front)),
        warnings=when.warnings,
    )


def _letterhead(page: list[str]) -> tuple[str | None, str | None, str | None]:
    """Organisation, body and date from the lines at the top of page one."""
    organization = body = date = None
    seen = 0
    for raw in page:
        line = fold(raw)
        if not line:
            continue
        seen += 1
        if seen > 8 or _PLACE_TIME.match(line) or line.casefold().startswith("beslutande"):
            break
        head = LETTERHEAD.search(line)
        if head and organization is None and body is None:
            before = fold(line[:head.start()])
            if before:
                organization = known_organization_prefix(before) or before
            continue
        for cell in SPACES.split(PAGE_OF.sub("", raw.strip())):
            cell = fold(cell)
            label = _DATE_LABEL.match(cell)
            if label:
                cell = label.group("value")
            if not cell:
                continue
            if DATE_LINE.match(cell) or parse_when(cell).start is not None and len(cell) < 30:
                date = date or cell
            elif body is None and not re.search(r"\d", cell):
                body = cell
    return organization, body, date


def _place_time(front: list[str]) -> tuple[str | None, str | None, str | None]:
    """Place, time and (when written there) date of the meeting."""
    place = time_value = date_value = None
    for index, raw in enumerate(front):
        line = fold(raw)
        match = _PLACE_TIME.match(line)
        if match and not match.group("value").casefold().startswith("justering"):
            value = match.group("value") or _next_value(front, index)
            value = re.sub(r"\s*\bsammanträde(?:t)?$", "", value)
            place, when = _split_place(value)
            time_value = time_value or when
        elif (found := _PLACE.match(line)) and place is None:
            place, when = _split_place(found.group("value"))
            time_value = time_value or when
        elif (found := _TIME.match(line)) and time_value is None:
            time_value = found.group("value")
        elif (found := _DATE_LABEL.match(line)) and found.group("value") and date_value is None:
            date_value = found.group("value")
    return place, time_value, date_value


def _next_value(lines: list[str], index: int) -> str:
    for line in lines[index + 1:index + 3]:
        if fold(line) and fold(line).casefold() not in ("sammanträde", "sammanträdet"):
            return fold(line)
    return ""


def _split_place(value: str) -> tuple[str | None, str | None]:
    """ "Kommunhuset, Storgatan 37 Klockan 09:00-11:59" -> place, "Klockan 09:00-11:59"."""
    value = fold(value)
    cut = _WHEN_STARTS.search(value)
    if cut is None:
        return value.strip(" ,") or None, None
    return value[:cut.start()].strip(" ,") or None, value[cut.start():].strip(" ,") or None


def _signers(front: list[str]) -> dict[str, list[str]]:
    """Names under "Sekreterare", "Ordförande" and "Protokolljusterare"/"Justerare"."""
    found: dict[str, list[str]] = {}
    pending: str | None = None
    for raw in front:
        line = raw.strip()
        if not line:
            continue
        labels = list(_SIGN_LABEL.finditer(line))
        if not labels or labels[0].start() > 0:
            # A short line that names no one is a signature OCR read as letters ("ab c-—",
            # "J"): the name may still follow.
            if pending and not labels and (_add(found, pending, line) or len(line) > 12):
                pending = None
            continue
        pending = None
        for position, label in enumerate(labels):
            end = labels[position + 1].start() if position + 1 < len(labels) else len(line)
            key = _key(label.group("label"))
            value = line[label.end():end].strip()
            if key == "paragrafer":
                continue
            if value:
                _add(found, key, value)
            elif position == len(labels) - 1:
                pending = key
    return found


def _key(label: str) -> str:
    label = " ".join(label.casefold().split())
    if label in ("protokolljusterare", "justerare", "justerande", "utses att justera"):
        return "justerare"
    return label


def _add(found: dict[str, list[str]], key: str, value: str) -> bool:
    """Add the names `value` holds under `key`; whether it held any."""
    cell = SPACES.split(value)[0]
    cell = SECTION_SPEC.sub("", cell)
    names = [trim_name(strip_party(part)) for part in _NAME_SPLIT.split(strip_party(cell))]
    names = [name for name in names if re.fullmatch(NAME, name)]
    if key != "justerare":
        names = names[:1]
    bucket = found.setdefault(key, [])
    bucket.extend(name for name in names if name not in bucket)
    return bool(names)


def _paragraphs(front: list[str]) -> list[int]:
    """The numbers "Paragrafer §§ 13-20" gives; its value may stand on the line above."""
    for index, raw in enumerate(front):
        line = fold(raw)
        label = re.search(r"\bparagraf(?:er)?\b\s*:?\s*(?P<value>.*)$", line, re.IGNORECASE)
        if not label:
            continue
        value = label.group("value")
        bare = re.match(r"^§{0,2}\s*(\d[\d\s,\-–och&]*)", value)
        if bare and bare.group(1).strip():
            return section_numbers(bare.group(1))
        for neighbour in (front[index - 1] if index else "", *front[index + 1:index + 2]):
            cells = SPACES.split(neighbour.strip())
            spec = SECTION_SPEC.search(cells[-1]) if cells else None
            if spec:
                return section_numbers(spec.group(1))
    return []
