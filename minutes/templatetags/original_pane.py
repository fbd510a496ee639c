"""The original's pages as the preview's pane draws them (templates/minutes/includes/
original_pane.html): sizes and OCR marks from `SourceDocument.pages`, in the image's pixels."""

from __future__ import annotations

from dataclasses import dataclass, field

from django import template
from django.urls import reverse

register = template.Library()


@dataclass
class PaneMark:
    x: float
    y: float
    width: float
    height: float
    word: str


@dataclass
class PanePage:
    number: int
    url: str
    width: int
    height: int
    marks: list[PaneMark] = field(default_factory=list)

    @property
    def words(self) -> list[str]:
        """The marked words once each, in the order found."""
        return list(dict.fromkeys(mark.word for mark in self.marks))


@dataclass
class PanePages:
    pages: list[PanePage]
    total: int  # pages in the document, shown or not

    @property
    def left_out(self) -> int:
        return self.total - len(self.pages)

    @property
    def marked(self) -> bool:
        """Whether any word OCR was unsure of was found on the pages."""
        return any(page.marks for page in self.pages)


@register.simple_tag
def original_pages(source) -> PanePages:
    """The pages to draw; none when the file is gone or was not a PDF."""
    stored = source.pages if isinstance(source.pages, list) else []
    if source.file_removed_at is not None:
        stored = []
    pages = []
    for number, page in enumerate(stored, start=1):
        try:
            width, height = int(page["width"]), int(page["height"])
            marks = [_mark(mark, width, height) for mark in page.get("marks") or []]
        except (KeyError, TypeError, ValueError, AttributeError):
            return PanePages(pages=[], total=0)  # not as this code stores it: show the text
        pages.append(PanePage(
            number=number, url=reverse("minutes:import-page", args=[source.pk, number]),
            width=width, height=height, marks=marks,
        ))
    total = max(len(pages), _total(stored))
    return PanePages(pages=pages, total=total)


def _mark(mark: dict, width: int, height: int) -> PaneMark:
    return PaneMark(
        x=round(float(mark["x"]) * width, 1), y=round(float(mark["y"]) * height, 1),
        width=round(float(mark["w"]) * width, 1), height=round(float(mark["h"]) * height, 1),
        word=str(mark.get("word", "")),
    )


def _total(stored: list) -> int:
    try:
        return int(stored[0].get("of", 0)) if stored else 0
    except (AttributeError, TypeError, ValueError):
        return 0
