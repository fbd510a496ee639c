"""The original's pages as images for the preview, with the words OCR was unsure of boxed.

The task queue's job calls `original_pages_render` after a successful parse, outside any
transaction, and keeps what it returns in `SourceDocument.pages`; the preview's pane
(templates/minutes/includes/original_pane.html) shows them beside the editor, served by
`minutes:import-page`. A scan read by OCR is drawn from the PDF OCR made, whose text layer
holds the words to box; any other PDF from the original. Text and .docx have no pages: the
pane shows their text.

The drawing itself (minutes/page_render.py) runs in a child process under the parse's time
and memory limits, as PDFium reads an uploaded file; its timings are noted there.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from minutes.messages import ocr_uncertain_words
from minutes.models import SourceDocument
from minutes.services import minutes_original
from parsing import ParsedMinutes, sniff_format, warning_to_dict
from parsing.isolation import child_environment

_PACKAGE_ROOT = Path(__file__).resolve().parents[1]


class PagesRenderError(Exception):
    """The pages could not be drawn (the preview then shows the text)."""


def pages_folder(source: SourceDocument) -> str:
    return f"pages/{source.sha256[:2]}/{source.sha256}"


def original_pages_render(*, source: SourceDocument, parsed: ParsedMinutes) -> list[dict]:
    """Draw the original's pages (at most MINUTES_PREVIEW_MAX_PAGES) and store them, after
    deleting those of an earlier drawing; [] for a document without pages.

    Each page: {"name": stored name, "width", "height": pixels, "of": pages in the document,
    "marks": [{"x", "y", "w", "h": fractions of the page from its top left, "word"}]}.
    """
    original_pages_delete(source=source)
    data = parsed.ocr.pdf if parsed.ocr is not None else minutes_original(source=source)
    if sniff_format(data) != "pdf":
        return []
    words = ocr_uncertain_words([warning_to_dict(w) for w in parsed.warnings])
    with tempfile.TemporaryDirectory(prefix="pages-") as folder:
        index = _render_isolated(data, words, Path(folder))
        pages = []
        for number, page in enumerate(index["pages"], start=1):
            name = f"{pages_folder(source)}/{number}.png"
            png = (Path(folder) / f"{number}.png").read_bytes()
            stored = default_storage.save(name, ContentFile(png))
            pages.append({"name": stored, "width": int(page["width"]),
                          "height": int(page["height"]), "of": int(index["total"]),
                          "marks": page["marks"]})
    return pages


def original_pages_delete(*, source: SourceDocument) -> None:
    """Delete the stored page images of `source`: those its record names, and any left in
    its folder by a drawing whose record was never saved (a job stopped half-way)."""
    names = {page.get("name") for page in source.pages or [] if isinstance(page, dict)}
    folder = pages_folder(source)
    try:
        _folders, files = default_storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        files = []
    names |= {f"{folder}/{file}" for file in files}
    for name in sorted(n for n in names if isinstance(n, str) and n):
        # Deleting what is gone already is no error (a purge rolled back after deleting).
        default_storage.delete(name)


def _render_isolated(data: bytes, words: list[str], folder: Path) -> dict:
    timeout = settings.MINUTES_PARSE_TIMEOUT
    command = [sys.executable, "-m", "minutes.page_render", str(folder),
               str(settings.MINUTES_PREVIEW_MAX_PAGES)]
    try:
        completed = subprocess.run(
            command,
            input=json.dumps(words).encode() + b"\n" + data,
            capture_output=True,
            timeout=timeout,
            env=child_environment(),
            cwd=_PACKAGE_ROOT,
            preexec_fn=_limits(settings.MINUTES_PARSE_MEMORY_MB, timeout),  # noqa: PLW1509
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise PagesRenderError(f"drawing the pages took over {timeout} s") from error
    if completed.returncode != 0:
        raise PagesRenderError(completed.stderr.decode(errors="replace")[-2000:])
    try:
        return json.loads(completed.stdout)
    except ValueError as error:
        raise PagesRenderError("the drawing process gave no answer") from error


def _limits(memory_mb: int, seconds: int):
    def apply() -> None:
        import resource

        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return apply
