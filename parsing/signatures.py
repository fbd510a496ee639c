"""Who kept the minutes and who checked them: the signature block and role lines."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lines import fold, is_blank, plain
from .model import ADJUSTER, CHAIR, SECRETARY, VICE_CHAIR

_SIGNATURE_LABELS: dict[str, str] = {
    "vid anteckningarna": SECRETARY,
    "vid protokollet": SECRETARY,
    "vid pennan": SECRETARY,
    "antecknat av": SECRETARY,
    "sekreterare": SECRETARY,
    "mötessekreterare": SECRETARY,
    "protokollförare": SECRETARY,
    "justerat": ADJUSTER,
    "justeras": ADJUSTER,
    "justerare": ADJUSTER,
    "justerande": ADJUSTER,
    "justeras av": ADJUSTER,
    "justeringsperson": ADJUSTER,
    "justeringspersoner": ADJUSTER,
    "ordförande": CHAIR,
    "mötesordförande": CHAIR,
    "mötets ordförande": CHAIR,
}
_LABEL_PATTERN = "|".join(sorted((re.escape(k) for k in _SIGNATURE_LABELS), key=len, reverse=True))
_LABEL_LINE = re.compile(rf"^(?:(?:{_LABEL_PATTERN})\s*:?\s*)+$", re.IGNORECASE)
_LABEL_FIND = re.compile(rf"(?:{_LABEL_PATTERN})", re.IGNORECASE)
_ROLE_LINE = re.compile(
    r"^(?:val\s+av\s+)?(?P<role>(?:mötes)?ordförande|vice ordförande|(?:mötes)?sekreterare"
    r"|protokollförare|justerare|justeringspersoner|justeringsperson|justeras av)"
    r"(?:\s+för\s+mötet)?\s*:\s*(?P<names>\S.*)$",
    re.IGNORECASE,
)
_ROLE_WORDS = {"ordförande": CHAIR, "mötesordförande": CHAIR, "vice ordförande": VICE_CHAIR,
               "sekreterare": SECRETARY, "mötessekreterare": SECRETARY,
               "protokollförare": SECRETARY, "justerare": ADJUSTER, "justeringspersoner": ADJUSTER,
               "justeringsperson": ADJUSTER, "justeras av": ADJUSTER}
_NOT_A_NAME = re.compile(
    r"^[\W_]*$|\d{4}|\bdatum\b|\bort\b|\bunderskrift|\bsignatur|^namn(förtydligande)?\b",
    re.IGNORECASE,
)


@dataclass
class Signatures:
    secretary: list[str] = field(default_factory=list)
    adjusters: list[str] = field(default_factory=list)
    chair: list[str] = field(default_factory=list)

    def add(self, role: str, name: str) -> None:
        target = {SECRETARY: self.secretary, ADJUSTER: self.adjusters, CHAIR: self.chair}.get(role)
        if target is not None and name not in target:
            target.append(name)


def is_signature_start(line: str) -> bool:
    return bool(_LABEL_LINE.match(plain(line)))


def role_line(line: str) -> tuple[str, list[str]] | None:
    """ "Mötesordförande: Markus" -> (chair, ["Markus"])."""
    match = _ROLE_LINE.match(plain(line))
    if not match:
        return None
    names = [fold(n) for n in re.split(r",|\boch\b|&", match.group("names")) if fold(n)]
    names = [n.rstrip(".") for n in names if len(n.split()) <= 4]
    role = _ROLE_WORDS.get(" ".join(match.group("role").casefold().split()))
    return (role, names) if role and names else None


def split_names(text: str, known: list[str], expected: int) -> list[str]:
    """Split "Anna Söderström Stefan Hollmark" into the names it holds."""
    cells = [fold(c) for c in re.split(r"\t|\s{3,}", text) if fold(c)]
    if len(cells) > 1:
        return cells
    text = fold(text)
    found: list[tuple[int, str]] = []
    for name in sorted(known, key=len, reverse=True):
        position = text.find(name)
        if position >= 0 and not any(p <= position < p + len(n) for p, n in found):
            found.append((position, name))
    if found:
        return [name for _, name in sorted(found)]
    words = text.split()
    if expected > 1 and len(words) == 2 * expected:
        return [" ".join(words[i:i + 2]) for i in range(0, len(words), 2)]
    return [text]


def _scribble(text: str, known: list[str]) -> bool:
    """A signature OCR read as letters ("ab c-—", a lone "J"): no word of it is a capitalised
    word of two letters or more, or most of it is not letters. A known name never is."""
    if any(name in text for name in known):
        return False
    visible = [char for char in text if not char.isspace()]
    letters = sum(char.isalpha() or char in "-'’." for char in visible)
    named = any(len(word) >= 2 and word[0].isupper() and word[1:].replace("-", "").isalpha()
                for word in re.findall(r"[^\W\d_][\w-]*", text))
    return not named or letters < 0.8 * len(visible)


def read_signatures(lines: list[str], known: list[str]) -> Signatures:
    """Names under "Vid anteckningarna", "Justerat", "Ordförande" labels."""
    signatures = Signatures()
    pending: list[str] = []
    for line in lines:
        if is_blank(line):
            continue
        text = plain(line)
        if _LABEL_LINE.match(text):
            pending = [_SIGNATURE_LABELS[m.group(0).casefold()] for m in _LABEL_FIND.finditer(text)]
            continue
        if not pending or _NOT_A_NAME.search(text) or _scribble(text, known):
            continue
        names = [n for n in split_names(line, known, len(pending)) if len(n.split()) <= 4]
        if len(names) == len(pending):
            for role, name in zip(pending, names, strict=True):
                signatures.add(role, name)
        elif len(pending) == 1:
            for name in names:
                signatures.add(pending[0], name)
        else:
            for role, name in zip(pending, names, strict=False):
                signatures.add(role, name)
        pending = pending[len(names):] if len(names) < len(pending) else []
    return signatures
