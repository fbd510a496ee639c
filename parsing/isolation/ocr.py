"""Reading scanned minutes: Swedish OCR through OCRmyPDF and Tesseract.

A PDF is read by OCR when it has no text layer, or when its text layer is garbage (the
share of its words that are common Swedish words is far below that of any Swedish text;
`text_looks_swedish`). OCRmyPDF rasterises the pages, runs Tesseract with its Swedish model
on them in parallel and writes a PDF with a text layer, which is then parsed like any PDF.
Tesseract's confidence for each word (from the hOCR it writes on the way) tells which words
a person should check.

This runs inside the parse sandbox (`parsing.isolation.worker`), so OCRmyPDF and Tesseract
inherit its memory and processor-time limits; OCR has its own wall-clock limit, scaled by
the number of pages.
"""

from __future__ import annotations

import io
import math
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from html import unescape
from pathlib import Path

from ..extract import extract, sniff_format
from ..model import OcrOutput, ParsedMinutes, ParseError, make_warning
from ..parser import parse_document

NEVER, AUTO, ALWAYS = "never", "auto", "always"
MODES = (NEVER, AUTO, ALWAYS)
# The error code of a scan OCR read without finding any text (a blank or unreadable scan).
OCR_NO_TEXT = "ocr_no_text"
# Packages that provide each program, for messages: Debian's names.
PACKAGES = {"ocrmypdf": "ocrmypdf", "tesseract": "tesseract-ocr", "swe": "tesseract-ocr-swe"}
DEFAULT_SECONDS_PER_PAGE = 20.0
DEFAULT_MAX_PAGES = 50
# Words Tesseract gives less confidence than this (0-100) are marked for a person to check.
UNCERTAIN_BELOW = 80

# The most common Swedish words (Snowball's Swedish stop words, folded to lower case, and a few
# words of minutes). Real Swedish prose has a quarter to half of its words among them, a
# minutes' header a tenth or more; random characters or a broken font's glyph codes almost none.
COMMON_WORDS = frozenset(
    """
och det att i en jag hon som han på den med var sig för så till är men ett om hade de av
icke mig du henne då sin nu har inte hans honom skulle hennes där min man ej vid kunde
något från ut när efter upp vi dem vara vad över än dig kan sina här ha mot alla under
någon eller allt mycket sedan ju denna själv detta åt utan varit hur ingen mitt ni bli
blev oss din dessa några deras blir mina samma vilken er sådan vår blivit dess inom
mellan sådant varför varje vilka ditt vem vilket sitt sådana vart dina vars vårt våra
ert era vilkas protokoll beslut beslutar mötet möte ordförande sekreterare justerare
närvarande frånvarande datum tid plats paragraf styrelsen nämnden kommun ärende ärenden
punkt
""".split()  # noqa: SIM905 - a word list reads best as words
)
# A text layer in English is readable too, though not Swedish: not garbage.
ENGLISH_WORDS = frozenset(
    "the and of to a in is that for on with as by be are was at it this from not".split()  # noqa: SIM905
)
_WORD = re.compile(r"[^\W\d_]+")
# Below this share of common words a text layer of at least MIN_WORDS words is garbage.
MIN_COMMON_SHARE = 0.04
MIN_WORDS = 20
# Letter frequencies of Swedish prose, per cent.
SWEDISH_LETTERS = {
    "a": 9.38, "b": 1.54, "c": 1.49, "d": 4.70, "e": 10.15, "f": 2.03, "g": 2.86, "h": 2.09,
    "i": 5.82, "j": 0.61, "k": 3.14, "l": 5.28, "m": 3.47, "n": 8.54, "o": 4.48, "p": 1.84,
    "q": 0.02, "r": 8.43, "s": 6.59, "t": 7.69, "u": 1.92, "v": 2.42, "w": 0.14, "x": 0.16,
    "y": 0.71, "z": 0.07, "å": 1.34, "ä": 1.80, "ö": 1.31,
}
_SWEDISH_NORM = math.sqrt(sum(share * share for share in SWEDISH_LETTERS.values()))
MIN_LETTER_SIMILARITY = 0.90
MIN_LETTERS = 200
MIN_ENGLISH_SHARE = 0.10


@dataclass(frozen=True)
class OcrLimits:
    """How OCR may run: the mode (NEVER, AUTO, ALWAYS) and its limits."""

    mode: str = AUTO
    seconds_per_page: float = DEFAULT_SECONDS_PER_PAGE
    max_pages: int = DEFAULT_MAX_PAGES
    jobs: int | None = None  # OCR pages at once; None: one per core

    def budget(self, data: bytes) -> float:
        """The most seconds OCR may add to reading `data`: none unless it is a PDF."""
        if self.mode == NEVER or sniff_format(data) != "pdf":
            return 0.0
        return self.seconds_per_page * self.max_pages

    def as_dict(self) -> dict:
        return {"mode": self.mode, "seconds_per_page": self.seconds_per_page,
                "max_pages": self.max_pages, "jobs": self.jobs}


def missing() -> str | None:
    """The Debian package OCR needs and this machine lacks, or None when OCR can run."""
    for program in ("ocrmypdf", "tesseract"):
        if shutil.which(program) is None:
            return PACKAGES[program]
    try:
        languages = subprocess.run(
            ["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30,
            check=False,
        ).stdout.split()
    except (OSError, subprocess.SubprocessError):
        return PACKAGES["tesseract"]
    return None if "swe" in languages else PACKAGES["swe"]


def text_looks_swedish(text: str) -> bool:
    """False when `text` (a PDF's text layer) is too garbled to parse: too few of its words
    are common Swedish (or English) words. A short text (under MIN_WORDS words) is given
    the benefit of the doubt: there is too little to judge."""
    words = [word.lower() for word in _WORD.findall(text)]
    if len(words) < MIN_WORDS:
        return True
    common = sum(1 for word in words if word in COMMON_WORDS or word in ENGLISH_WORDS)
    english = sum(1 for word in words if word in ENGLISH_WORDS)
    if common / len(words) < MIN_COMMON_SHARE:
        return False
    # Garbled letters ("Protokcll fört vid styrclscmötc": a font that maps some glyphs to
    # the wrong letters) keep enough short words whole to pass the test above, but not the
    # letters' mix. English has its own mix, and its own words tell it apart.
    return letters_look_swedish(text) or english / len(words) >= MIN_ENGLISH_SHARE


def letters_look_swedish(text: str) -> bool:
    """Whether the mix of letters in `text` is that of Swedish (the cosine of its letter
    counts and Swedish letter frequencies): real minutes score 0.93 or more, a text whose
    e and o came out as c 0.88 or less. Under MIN_LETTERS letters there is too little to say."""
    counts = Counter(char for char in text.lower() if char in SWEDISH_LETTERS)
    if sum(counts.values()) < MIN_LETTERS:
        return True
    dot = sum(counts[char] * share for char, share in SWEDISH_LETTERS.items())
    norm = math.sqrt(sum(n * n for n in counts.values())) * _SWEDISH_NORM
    return dot / norm >= MIN_LETTER_SIMILARITY


def needs_ocr(pages: list[str] | None) -> bool:
    """Whether a PDF whose extracted pages are `pages` (None: no text layer) needs OCR: it
    has no text layer, one of fewer than MIN_WORDS words (a scanner's stamp, page numbers),
    or a garbage one."""
    if pages is None:
        return True
    text = "\n".join(pages)
    return len(_WORD.findall(text)) < MIN_WORDS or not text_looks_swedish(text)


def run_ocr(
    data: bytes,
    *,
    force: bool,
    jobs: int | None = None,
    seconds_per_page: float = DEFAULT_SECONDS_PER_PAGE,
    max_pages: int = DEFAULT_MAX_PAGES,
) -> OcrOutput:
    """OCR a PDF with Tesseract's Swedish model. `force` replaces any text layer it has.

    Raises ParseError: "ocr_unavailable" when the programs are missing, "ocr_too_long"
    beyond `max_pages`, "timeout" beyond `seconds_per_page` per page, "corrupt_pdf" when
    OCRmyPDF cannot read the file.
    """
    lacking = missing()
    if lacking is not None:
        raise ParseError("ocr_unavailable", f"OCR needs the package {lacking}")
    pages = page_count(data)
    if pages > max_pages:
        raise ParseError("ocr_too_long", f"the scan has {pages} pages; OCR reads at most "
                                         f"{max_pages}")
    jobs = jobs or os.cpu_count() or 1
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="minutes-ocr-") as folder:
        work = Path(folder)
        source, target = work / "scan.pdf", work / "ocr.pdf"
        source.write_bytes(data)
        command = [
            "ocrmypdf", "--language", "swe", "--jobs", str(jobs), "--output-type", "pdf",
            "--optimize", "0", "--pdf-renderer", "hocr", "--keep-temporary-files", "--quiet",
            # One column of rows: a table's cells stay on their row, as minutes need (the
            # default layout analysis lost the item numbers of corpus 03's table).
            "--tesseract-pagesegmode", "4",
            "--force-ocr" if force else "--skip-text", str(source), str(target),
        ]
        # OCRmyPDF's working files (the hOCR with each word's confidence) go under `work`,
        # kept for reading and removed with it.
        env = {**os.environ, "TMPDIR": str(work), "OMP_THREAD_LIMIT": "1"}
        # A session of its own, so that a timeout stops OCRmyPDF's Tesseract and Ghostscript
        # processes too, not only OCRmyPDF.
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
            start_new_session=True,
        )
        try:
            process.communicate(timeout=seconds_per_page * max(pages, 1))
        except subprocess.TimeoutExpired as error:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise ParseError("timeout", "OCR took too long") from error
        if process.returncode != 0 or not target.exists():
            raise ParseError("corrupt_pdf", "OCR could not read the PDF "
                                            f"(ocrmypdf exit {process.returncode})")
        uncertain = uncertain_words(sorted(work.rglob("*.hocr")))
        return OcrOutput(
            pdf=target.read_bytes(), pages=pages, seconds=time.perf_counter() - started,
            uncertain=uncertain,
        )


def page_count(data: bytes) -> int:
    """How many pages a PDF has, without rendering them."""
    from pdfminer.pdfdocument import PDFDocument, PDFSyntaxError
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        return sum(1 for _page in PDFPage.create_pages(document))
    except (PDFSyntaxError, ValueError, KeyError, TypeError) as error:
        raise ParseError("corrupt_pdf", "the PDF cannot be read") from error


_HOCR_WORD = re.compile(
    r"<span class=['\"]ocrx_word['\"][^>]*?x_wconf (\d+)[^>]*>(.*?)</span>", re.DOTALL
)
_TAG = re.compile(r"<[^>]+>")


def uncertain_words(hocr_files: list[Path]) -> tuple[str, ...]:
    """The words of `hocr_files` that Tesseract was least sure of, once each, in order.

    Only words that can matter in minutes are kept: those with a letter or a digit, and
    without the punctuation around them.
    """
    found: dict[str, None] = {}
    for path in hocr_files:
        for confidence, markup in _HOCR_WORD.findall(path.read_text(errors="replace")):
            word = unescape(_TAG.sub("", markup)).strip(" .,:;()[]|\"'–-")
            if int(confidence) < UNCERTAIN_BELOW and any(ch.isalnum() for ch in word):
                found.setdefault(word, None)
    return tuple(found)


_TABLE_RULE = re.compile(r"[ \t]+\|[ \t]+")


# Tesseract sometimes reads a capital as its small letter followed by itself: "wWållberg".
_DOUBLED_CAPITAL = re.compile(r"(?<!\w)([^\W\d_])(?=([^\W\d_]))")


def clean_ocr_text(text: str) -> str:
    """OCR text with the vertical rules of tables it read as "|" turned into cell breaks
    ("1. | Val av justerare" gives "1. Val av justerare") and doubled capitals made single
    ("wWållberg" gives "Wållberg")."""
    lines = []
    for line in text.split("\n"):
        line = re.sub(r"^(\s*\d+[.)]?)\s*\|\s*", r"\1 ", line)
        line = _DOUBLED_CAPITAL.sub(_single_capital, line)
        lines.append(_TABLE_RULE.sub("\t", line))
    return "\n".join(lines)


def _single_capital(match: re.Match) -> str:
    small, following = match.group(1), match.group(2)
    doubled = small.islower() and following.isupper() and following.lower() == small
    return "" if doubled else small


@contextmanager
def parse_clock_paused() -> Iterator[None]:
    """Stop the parse's own clock (the worker's interval timer, if one runs) while OCR runs:
    OCR has a limit of its own, scaled by the pages."""
    remaining, _interval = signal.setitimer(signal.ITIMER_REAL, 0)
    try:
        yield
    finally:
        if remaining:
            signal.setitimer(signal.ITIMER_REAL, remaining)


def read_minutes(
    data: bytes, filename: str | None = None, *, ocr: OcrLimits | None = None
) -> ParsedMinutes:
    """Parse a document as `parse_bytes` does, reading a scanned PDF by OCR when `ocr` allows.

    AUTO runs OCR on a PDF with no text layer or a garbage one (`needs_ocr`); ALWAYS on every
    PDF, replacing its text layer; NEVER (or `ocr` None) never. When OCR ran, the parse's
    `ocr` holds the PDF with its new text layer and the words OCR was unsure of, and its
    warnings say so. When OCR ran and found no text at all, ParseError OCR_NO_TEXT.
    """
    ocr = ocr or OcrLimits(mode=NEVER)
    if ocr.mode == NEVER or not data.strip() or sniff_format(data) != "pdf":
        return parse_document(extract(data, filename))
    document = None
    if ocr.mode == AUTO:
        try:
            document = extract(data, filename)
        except ParseError as error:
            if error.code not in ("no_text_layer", "empty"):
                raise
        if document is not None and not needs_ocr(list(document.pages)):
            return parse_document(document)
    garbage = document is not None
    with parse_clock_paused():
        output = run_ocr(
            data, force=ocr.mode == ALWAYS or garbage, jobs=ocr.jobs,
            seconds_per_page=ocr.seconds_per_page, max_pages=ocr.max_pages,
        )
    try:
        read = extract(output.pdf, filename)
    except ParseError as error:
        if error.code not in ("no_text_layer", "empty"):
            raise
        # A blank, faint or upside-down scan: OCR ran and found nothing, which is not what
        # "no_text_layer" (OCR never tried) tells a user.
        raise ParseError(
            OCR_NO_TEXT, f"OCR found no text on the scan's {output.pages} pages"
        ) from error
    reason = "always" if ocr.mode == ALWAYS else "garbage" if garbage else "scan"
    read = replace(
        read,
        pages=tuple(clean_ocr_text(page) for page in read.pages),
        warnings=(make_warning("ocr", "ocr: the text was read by OCR from scanned pages; "
                               "check names, dates and numbers against the original",
                               kind=reason, pages=output.pages), *read.warnings),
    )
    parsed = parse_document(read)
    to_check = words_to_check(parsed, output.uncertain)
    warnings = parsed.warnings
    if to_check:
        warnings = (*warnings, make_warning(
            "ocr_uncertain", "ocr_uncertain: OCR was unsure of these words: "
            + ", ".join(to_check), words="\n".join(to_check)))
    return replace(parsed, warnings=warnings, ocr=output)


# At most this many words are listed for checking: beyond them the scan needs reading anyway.
MAX_WORDS_TO_CHECK = 40


def words_to_check(parsed: ParsedMinutes, uncertain: tuple[str, ...]) -> tuple[str, ...]:
    """The uncertain words that matter most: those of names (attendees, the secretary, the
    adjusters) and those holding a digit (dates, times, item numbers, sums)."""
    names = [attendee.name for attendee in parsed.attendees]
    names += [parsed.secretary or "", *parsed.adjusters]
    name_words = {word for name in names for word in _WORD.findall(name)}
    chosen = [word for word in uncertain
              if any(ch.isdigit() for ch in word) or word in name_words]
    return tuple(chosen[:MAX_WORDS_TO_CHECK])
