"""Scanned minutes read by OCR (parsing.isolation.ocr): detection, OCR, and what comes out.

These run OCRmyPDF and Tesseract for real (`make test` installs them); a missing package
fails the tests rather than skipping them, so a broken set-up is seen.
"""

from __future__ import annotations

import difflib
import io
import os
import random
import string
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from django.utils import translation
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from devtools.bench.scan import scanned_pdf
from minutes.messages import parse_error_message, warning_message
from parsing import ParseError, parse_bytes
from parsing.extract import extract
from parsing.isolation.ocr import (
    ALWAYS,
    AUTO,
    NEVER,
    OcrLimits,
    clean_ocr_text,
    needs_ocr,
    run_ocr,
    text_looks_swedish,
    uncertain_words,
    words_to_check,
)
from parsing.isolation.sandbox import parse_isolated
from tests.minutes.uploads.documents import seed_document
from tests.parsing.pdf_builders import image_only_pdf, lines_pdf
from tests.samples import CORPUS

SCAN = "03_stenaldern-styrelse-2024-12-17-scanonly.pdf"
# How closely OCR of a clean 200 dpi rendering must match the born-digital parse: every
# attendee found with the same status, at least this share of their names letter for letter
# (the rest at least NAME_SIMILARITY alike), and every decision, its text at least
# DECISION_SIMILARITY alike (difflib's ratio).
NAMES_EXACT = 0.9
NAME_SIMILARITY = 0.8
DECISION_SIMILARITY = 0.95


def similarity(one: str, other: str) -> float:
    return difflib.SequenceMatcher(None, one, other).ratio()


def ocr_parse(data: bytes, mode: str = AUTO):
    return parse_isolated(data, "protokoll.pdf", ocr=OcrLimits(mode=mode))


def random_text(lines: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    letters = string.ascii_letters + "åäöÅÄÖ#%&"
    return [" ".join("".join(rng.choice(letters) for _ in range(rng.randint(2, 9)))
                     for _ in range(10)) for _ in range(lines)]


def garbage_layer_pdf(readable: bytes, layer: list[str] | None = None) -> bytes:
    """The first page of `readable` as an image, under an invisible text layer of random
    characters (or the lines `layer`): what a PDF with a broken font or a bad OCR of long
    ago looks like."""
    with tempfile.TemporaryDirectory() as folder:
        source, image = Path(folder) / "in.pdf", Path(folder) / "page.png"
        source.write_bytes(readable)
        subprocess.run(["gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=pnggray",
                        "-r200", "-dFirstPage=1", "-dLastPage=1", f"-sOutputFile={image}",
                        str(source)], check=True, timeout=120)
        buffer = io.BytesIO()
        canvas = Canvas(buffer, pagesize=A4)
        width, height = A4
        canvas.drawImage(ImageReader(str(image)), 0, 0, width=width, height=height)
        text = canvas.beginText(50, height - 60)
        text.setTextRenderMode(3)  # invisible, as an OCR layer is
        for line in random_text(45) if layer is None else layer:
            text.textLine(line)
        canvas.drawText(text)
        canvas.showPage()
        canvas.save()
        return buffer.getvalue()


# --- telling a garbage text layer from a readable one -------------------------------------

def test_swedish_and_english_text_layers_are_readable_random_characters_are_not():
    swedish = ("Styrelsen beslutar att godkänna budgeten för år 2025 och att ge ordföranden "
               "i uppdrag att återkomma med en plan för underhållet av gården. ") * 3
    english = "The board decided to approve the budget and to ask the chair for a plan. " * 3

    assert text_looks_swedish(swedish)
    assert text_looks_swedish(english)
    assert not text_looks_swedish("\n".join(random_text(10)))
    assert text_looks_swedish("Xq zz")  # too little to judge as text
    # ... but as a PDF's whole text layer it is a scanner's stamp, not minutes: OCR reads it.
    assert needs_ocr(["Skannad 2020-01-01 sida 1"])
    assert needs_ocr(None)
    assert not needs_ocr([swedish])


@pytest.mark.corpus
def test_every_born_digital_corpus_pdf_is_read_without_ocr():
    pdfs = sorted(CORPUS.glob("*.pdf"))
    assert len(pdfs) > 1
    for path in pdfs:
        if path.name == SCAN:
            continue
        parsed = ocr_parse(path.read_bytes())
        assert parsed.ocr is None, path.name
        assert parsed == parse_bytes(path.read_bytes(), path.name), path.name


# --- the corpus scan -------------------------------------------------------------------------

@pytest.mark.corpus
def test_the_corpus_scan_reads_as_a_born_digital_pdf_of_the_same_page_would():
    data = (CORPUS / SCAN).read_bytes()
    with pytest.raises(ParseError) as refused:
        ocr_parse(data, NEVER)
    assert refused.value.code == "no_text_layer"

    parsed = ocr_parse(data)

    assert str(parsed.start) == "2024-12-17 19:00:00"
    assert parsed.place == "Hos Emil Stigsson"
    statuses = {attendee.name: attendee.status for attendee in parsed.attendees}
    assert statuses == {
        "Björn Goffeng": "present", "Jan Sjögren": "present", "Ingrid Kristensen": "present",
        "Erik Ehn Blomgren": "present", "Emil Stigsson": "present",
        "Jens Nilsson": "absent", "Ylva Selander": "absent",
        "Marianne Nikitidis Claesson": "absent",
    }
    assert [(item.number, item.title) for item in parsed.items] == [
        ("1", "Val av justerare"), ("2", "Nedlagd tid sedan förra mötet"),
        ("3", "Föregående mötesprotokoll"), ("4", "Ekonomi"),
        ("5", "Uppdatering gamla ärenden"), ("6", "Underhåll"),
        ("7", "Info gällande laddpunkterna"), ("8", "Punkter från stämman"),
        ("9", "Övrigt"), ("10", "Mötet avslutades"), ("11", "Kommande möte"),
    ]
    # The OCR'd PDF is kept: it has the text layer the original lacks.
    assert parsed.ocr.pages == 2
    assert "Val av justerare" in "\n".join(extract(parsed.ocr.pdf).pages)
    assert [w.code for w in parsed.warnings][0] == "ocr"
    assert dict(parsed.warnings[0].params)["kind"] == "scan"


# --- a sample document rendered, scanned and read back ---------------------------------------

@pytest.mark.parametrize("seed", ["000", "001"])
def test_a_scanned_sample_gives_the_attendees_and_decisions_of_its_born_digital_pdf(seed):
    _name, born_digital = seed_document(seed, "pdf")
    scan = scanned_pdf(born_digital)
    with pytest.raises(ParseError):
        extract(scan)  # a raster image only: no text layer

    expected = parse_bytes(born_digital, "protokoll.pdf")
    read = ocr_parse(scan)

    assert read.ocr is not None
    assert [a.status for a in read.attendees] == [a.status for a in expected.attendees]
    pairs = list(zip([a.name for a in expected.attendees], [a.name for a in read.attendees],
                     strict=True))
    assert sum(want == got for want, got in pairs) >= NAMES_EXACT * len(pairs), pairs
    assert all(similarity(want, got) >= NAME_SIMILARITY for want, got in pairs), pairs
    assert [item.number for item in read.items] == [item.number for item in expected.items]
    decisions = [d.text for item in expected.items for d in item.decisions]
    found = [d.text for item in read.items for d in item.decisions]
    assert len(found) == len(decisions)
    for want, got in zip(decisions, found, strict=True):
        assert similarity(want, got) >= DECISION_SIMILARITY, (want, got)


MINUTES_PAGE = """Protokoll fört vid styrelsemöte i Föreningen Lärkan
Datum: 2024-03-12 kl. 18.00-20.00
Plats: Klubbstugan
Närvarande: Anna Berg, Per Ek, Lena Ås, Omar Holm
1. Mötets öppnande
Ordföranden öppnade mötet och hälsade alla välkomna.
2. Val av justerare
Per Ek valdes att jämte ordföranden justera dagens protokoll.
3. Ekonomi
Kassören redogjorde för det ekonomiska läget. Styrelsen beslutar att godkänna rapporten
och att lägga den till handlingarna.
4. Mötets avslutande
Ordföranden tackade för visat intresse och avslutade mötet.
"""


def garbled_letters(text: str) -> str:
    """A font that maps the glyph of e (and of o, now and then) to c: "Protokcll fört vid
    styrclscmötc"."""
    return text.replace("e", "c").replace("koll", "kcll").replace("ordf", "crdf")


def test_a_text_layer_of_garbled_letters_is_sent_to_ocr():
    garbled = garbled_letters(MINUTES_PAGE)
    assert "Protokcll fört vid styrclscmötc" in garbled
    assert text_looks_swedish(MINUTES_PAGE) and not needs_ocr([MINUTES_PAGE])
    assert not text_looks_swedish(garbled)
    layer = extract(lines_pdf([garbled.split("\n")])).pages
    assert needs_ocr(list(layer))


def test_english_and_swedish_prose_keep_their_text_layer():
    english = ("The board met on Monday. The chair opened the meeting and the secretary read "
               "the minutes of the last meeting, which were approved. ") * 3
    assert text_looks_swedish(english)
    assert not needs_ocr([MINUTES_PAGE * 3])


# --- a garbage text layer over a readable image ----------------------------------------------

def test_a_garbage_text_layer_is_detected_and_the_page_read_again_by_ocr():
    _name, born_digital = seed_document("001", "pdf")
    garbled = garbage_layer_pdf(born_digital)
    layer = "\n".join(extract(garbled).pages)
    assert not text_looks_swedish(layer)

    read = ocr_parse(garbled)
    expected = parse_bytes(born_digital, "protokoll.pdf")

    assert read.ocr is not None
    assert dict(read.warnings[0].params)["kind"] == "garbage"
    text = "\n".join(extract(read.ocr.pdf).pages)
    assert not any(line in text for line in random_text(45)[:5])  # the old layer is gone
    page_one = extract(born_digital).pages[0]
    names = [a.name for a in expected.attendees if a.name in page_one]
    assert len(names) >= 3
    assert [a.name for a in read.attendees if a.name in names] == names


def test_a_layer_of_garbled_letters_over_a_readable_page_is_read_again_by_ocr():
    _name, born_digital = seed_document("001", "pdf")
    page_one = extract(born_digital).pages[0]
    garbled = garbage_layer_pdf(born_digital, garbled_letters(page_one).split("\n"))
    assert needs_ocr(list(extract(garbled).pages))

    read = ocr_parse(garbled)

    assert read.ocr is not None
    assert dict(read.warnings[0].params)["kind"] == "garbage"
    expected = parse_bytes(born_digital, "protokoll.pdf")
    names = [a.name for a in expected.attendees if a.name in page_one]
    assert len(names) >= 3
    assert [a.name for a in read.attendees if a.name in names] == names


def test_always_reads_even_a_born_digital_pdf_by_ocr_and_never_reads_none():
    _name, born_digital = seed_document("000", "pdf")

    assert ocr_parse(born_digital, ALWAYS).ocr is not None
    assert dict(ocr_parse(born_digital, ALWAYS).warnings[0].params)["kind"] == "always"
    with pytest.raises(ParseError) as refused:
        ocr_parse(scanned_pdf(born_digital), NEVER)
    assert refused.value.code == "no_text_layer"


def test_a_scan_with_more_pages_than_allowed_is_refused_without_ocr():
    _name, born_digital = seed_document("001", "pdf")
    with pytest.raises(ParseError) as refused:
        parse_isolated(scanned_pdf(born_digital), "lang.pdf",
                       ocr=OcrLimits(mode=AUTO, max_pages=1))
    assert refused.value.code == "ocr_too_long"


# --- the words to check ------------------------------------------------------------------------

HOCR = """<div class='ocr_page'>
<span class='ocrx_word' id='word_1_1' title='bbox 1 2 3 4; x_wconf 96'>Närvarande:</span>
<span class='ocrx_word' id='word_1_2' title='bbox 1 2 3 4; x_wconf 41'>Bj&#246;rn</span>
<span class='ocrx_word' id='word_1_3' title='bbox 1 2 3 4; x_wconf 93'>Goffeng,</span>
<span class='ocrx_word' id='word_1_4' title='bbox 1 2 3 4; x_wconf 55'>2O24-12-17</span>
<span class='ocrx_word' id='word_1_5' title='bbox 1 2 3 4; x_wconf 30'>gården</span>
<span class='ocrx_word' id='word_1_6' title='bbox 1 2 3 4; x_wconf 12'>—</span>
</div>"""


def test_the_words_ocr_was_least_sure_of_are_kept_names_and_numbers_first(tmp_path):
    (tmp_path / "000001_ocr_hocr.hocr").write_text(HOCR)
    uncertain = uncertain_words([tmp_path / "000001_ocr_hocr.hocr"])
    assert uncertain == ("Björn", "2O24-12-17", "gården")

    parsed = parse_bytes("Närvarande: Björn Goffeng\n\n1. Budget\nText.\n".encode(), "a.txt")
    assert words_to_check(parsed, uncertain) == ("Björn", "2O24-12-17")


def test_table_rules_read_as_bars_become_cell_breaks_and_doubled_capitals_single():
    assert clean_ocr_text("1. | Val av justerare\nPunkt | Vad\tAnsvar") == (
        "1. Val av justerare\nPunkt\tVad\tAnsvar"
    )
    assert clean_ocr_text("Bob wWållberg Nykvarn, ja och nej") == "Bob Wållberg Nykvarn, ja och nej"


def test_ocr_that_takes_too_long_is_stopped_with_all_its_processes(monkeypatch):
    _name, born_digital = seed_document("000", "pdf")
    scan = scanned_pdf(born_digital)
    started: list[subprocess.Popen] = []
    real_popen = subprocess.Popen

    def recording(*args, **kwargs):
        process = real_popen(*args, **kwargs)
        process.own_group = kwargs.get("start_new_session", False)
        started.append(process)
        return process

    monkeypatch.setattr(subprocess, "Popen", recording)
    with pytest.raises(ParseError) as stopped:
        run_ocr(scan, force=False, seconds_per_page=0.2)

    assert stopped.value.code == "timeout"
    ocrmypdf = next(p for p in started if p.args[0] == "ocrmypdf")
    assert ocrmypdf.own_group  # a group of its own, so the check below means something
    # Its process group (OCRmyPDF, Tesseract, Ghostscript) is gone, not left reading.
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            os.killpg(ocrmypdf.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        pytest.fail("OCR's processes still run after its time was up")


# --- what a user is told -------------------------------------------------------------------

def test_a_blank_scan_says_ocr_found_nothing_when_on_and_that_ocr_is_off_when_off():
    blank = image_only_pdf(2)  # shapes only, as a blank or unreadable scan

    with pytest.raises(ParseError) as off:
        ocr_parse(blank, NEVER)
    with pytest.raises(ParseError) as on:
        ocr_parse(blank, AUTO)

    assert (off.value.code, on.value.code) == ("no_text_layer", "ocr_no_text")
    with translation.override("sv"):
        said_off, said_on = parse_error_message(off.value), parse_error_message(on.value)
    assert "OCR (textigenkänning) är avstängd" in said_off
    assert "OCR (textigenkänning) hittade inte heller någon" in said_on
    assert "avstängd" not in said_on and "finns inte" not in said_on


@pytest.mark.parametrize("kind", ["scan", "garbage", "always"])
def test_the_ocr_warning_says_one_page_in_the_singular_and_more_in_the_plural(kind):
    def said(pages: int) -> str:
        warning = {"code": "ocr", "message": "", "params": {"kind": kind, "pages": str(pages)}}
        with translation.override("sv"):
            return warning_message(warning)

    assert "1 sida " in said(1) and "sidor" not in said(1)
    assert "3 sidor " in said(3) and "sida " not in said(3)
