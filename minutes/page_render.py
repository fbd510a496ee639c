"""Render a PDF's pages to PNG with PDFium, and find words on them: no Django, no ORM.

`minutes/original_pages.py` runs this module in a child process with a time and a memory
limit (`python -m minutes.page_render OUTDIR MAX_PAGES WIDTH < pdf`, the words as JSON on
the first line of stdin's preamble, see `main`), as the parser runs in its sandbox: PDFium is
C code reading an uploaded file, and a hostile PDF must not hang or crash the worker.

Timings (measured 2026-12-03 on two shared cores, best of three, the child's start
included): text PDFs built with reportlab from the corpus's municipal minutes (48 lines a
page; the corpus itself has no PDF of more than 4 pages), drawn 1000 px wide as PNG:
10 pages 1.2 s (1.4 s while finding 3 words), 40 pages 5.5-6.0 s: about 140 ms a page,
most of it PNG compression; a page is 90-100 kB (grayscale). The corpus's 3-page
01_stenaldern PDF takes 0.5 s. So MINUTES_PREVIEW_MAX_PAGES=60 costs a worker about 9 s
and 6 MB per upload, well inside the parse's time limit it runs under.
"""

from __future__ import annotations

import ctypes
import io
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

# Pages are drawn this wide; a page taller than this many times its width is drawn less
# wide, so that no image is over MAX_HEIGHT pixels high.
WIDTH = 1000
MAX_HEIGHT = 2000


@dataclass
class RenderedPage:
    png: bytes
    width: int
    height: int
    marks: list[dict] = field(default_factory=list)


@dataclass
class Rendered:
    total: int  # pages in the document, rendered or not
    pages: list[RenderedPage]


def pdf_render(data: bytes, *, words: list[str], max_pages: int,
               width: int = WIDTH) -> Rendered:
    """The first `max_pages` pages as PNG, each with the boxes of `words` on it."""
    document = pdfium.PdfDocument(data)
    try:
        total = len(document)
        pages = [_page_render(document[index], words, width)
                 for index in range(min(total, max_pages))]
    finally:
        document.close()
    return Rendered(total=total, pages=pages)


def _page_render(page: pdfium.PdfPage, words: list[str], width: int) -> RenderedPage:
    page_width, page_height = page.get_size()
    scale = min(width / max(page_width, 1.0), MAX_HEIGHT / max(page_height, 1.0))
    image = page.render(scale=scale).to_pil()
    # Most minutes are black on white: one channel is a third of the file.
    _hue, saturation, _value = image.convert("HSV").getextrema()
    if saturation[1] < 16:
        image = image.convert("L")
    png = _png(image)
    marks = _marks(page, words, image.width, image.height)
    page.close()
    return RenderedPage(png=png, width=image.width, height=image.height, marks=marks)


def _png(image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _marks(page: pdfium.PdfPage, words: list[str], width: int, height: int) -> list[dict]:
    """Each place a word is found in the page's text layer, as fractions of the page from
    its top left corner (a word broken over two lines gives a box on each)."""
    if not words:
        return []
    textpage = page.get_textpage()
    marks = []
    try:
        for word in dict.fromkeys(words):
            searcher = textpage.search(word, match_case=True, match_whole_word=True)
            while (found := searcher.get_next()) is not None:
                index, count = found
                for rect in range(textpage.count_rects(index, count)):
                    box = _device_box(page, textpage.get_rect(rect), width, height)
                    if box is not None:
                        marks.append({**box, "word": word})
            searcher.close()
    finally:
        textpage.close()
    return marks


def _device_box(page: pdfium.PdfPage, rect: tuple[float, float, float, float], width: int,
                height: int) -> dict | None:
    """A rectangle in page space (points, from the bottom left, before the page's own
    rotation and crop) as the rendered image shows it, in fractions of the image."""
    left, bottom, right, top = rect
    xs, ys = [], []
    for page_x, page_y in ((left, top), (right, bottom)):
        device_x, device_y = ctypes.c_int(), ctypes.c_int()
        pdfium_c.FPDF_PageToDevice(page.raw, 0, 0, width, height, 0, page_x, page_y,
                                   ctypes.byref(device_x), ctypes.byref(device_y))
        xs.append(device_x.value)
        ys.append(device_y.value)
    x0, x1 = max(min(xs), 0), min(max(xs), width)
    y0, y1 = max(min(ys), 0), min(max(ys), height)
    if x1 <= x0 or y1 <= y0:
        return None  # outside the visible page
    return {"x": round(x0 / width, 5), "y": round(y0 / height, 5),
            "w": round((x1 - x0) / width, 5), "h": round((y1 - y0) / height, 5)}


def main() -> int:
    """Child: argv OUTDIR MAX_PAGES; stdin a JSON line of words, then the PDF. Writes
    <n>.png into OUTDIR and prints {"total", "pages": [{"width", "height", "marks"}]}."""
    out, max_pages = Path(sys.argv[1]), int(sys.argv[2])
    words = json.loads(sys.stdin.buffer.readline())
    rendered = pdf_render(sys.stdin.buffer.read(), words=words, max_pages=max_pages)
    pages = []
    for number, page in enumerate(rendered.pages, start=1):
        (out / f"{number}.png").write_bytes(page.png)
        pages.append({"width": page.width, "height": page.height, "marks": page.marks})
    sys.stdout.write(json.dumps({"total": rendered.total, "pages": pages}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
