"""The original beside the preview: a PDF's pages drawn by the worker and served to
secretaries only, a text's words in a scrollable region, the words OCR was unsure of marked
in both, and the page images gone with the file when a discarded upload is purged."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re

import pytest
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from config.roles import OFFICIALS
from minutes.messages import ocr_uncertain_words
from minutes.models import SourceDocument
from minutes.original_pages import PagesRenderError, original_pages_render
from minutes.services import minutes_parse
from minutes.upload_purge import discarded_files_purge
from parsing.model import ParseWarning
from tests import factories
from tests.minutes.uploads.documents import seed_document
from tests.samples import CORPUS

pytestmark = pytest.mark.django_db

Status = SourceDocument.Status
SCAN = "03_stenaldern-styrelse-2024-12-17-scanonly.pdf"


def page_url(source: SourceDocument, number: int) -> str:
    return reverse("minutes:import-page", args=[source.pk, number])


def image_of(response) -> Image.Image:
    return Image.open(io.BytesIO(b"".join(response.streaming_content)))


def pane(source: SourceDocument, ocr_words: list[str]) -> str:
    return render_to_string("minutes/includes/original_pane.html",
                            {"source": source, "ocr_words": ocr_words})


def with_uncertain(parsed, words: list[str]):
    """A parse as OCR would leave it, unsure of `words`."""
    warning = ParseWarning("ocr_uncertain", "OCR was unsure of some words",
                           (("words", "\n".join(words)),))
    return dataclasses.replace(parsed, warnings=(*parsed.warnings, warning))


@pytest.fixture
def pdf_upload(uploaded) -> SourceDocument:
    source = uploaded(seed_document("000", "pdf"))
    assert source.status == Status.PENDING, source.error
    return source


def test_a_read_pdf_has_its_pages_stored_as_png(pdf_upload):
    pages = pdf_upload.pages

    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert page["name"] == f"pages/{pdf_upload.sha256[:2]}/{pdf_upload.sha256}/{number}.png"
        assert default_storage.exists(page["name"])
        assert 990 <= page["width"] <= 1010
        assert page["height"] > page["width"]  # A4, upright
        assert page["of"] == len(pages)


def test_a_secretary_is_served_each_page_as_a_private_png(pdf_upload, secretary_client):
    response = secretary_client.get(page_url(pdf_upload, 1))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "private" in response["Cache-Control"]
    image = image_of(response)
    assert (image.width, image.height) == (pdf_upload.pages[0]["width"],
                                           pdf_upload.pages[0]["height"])
    # A page of minutes: mostly white paper with dark print on it.
    darkest, lightest = image.convert("L").getextrema()
    assert darkest < 80 and lightest > 240


def test_a_page_the_original_has_not_is_not_found(pdf_upload, secretary_client):
    beyond = len(pdf_upload.pages) + 1

    response = secretary_client.get(page_url(pdf_upload, beyond))
    zero = secretary_client.get(page_url(pdf_upload, 0))

    assert response.status_code == 404
    assert zero.status_code == 404
    assert "sidan av originalet kan inte visas" in response.content.decode()


def test_anonymous_users_and_officials_are_not_served_pages(
    pdf_upload, anonymous_client, signed_in_client
):
    url = page_url(pdf_upload, 1)

    anonymous = anonymous_client.get(url)
    official = signed_in_client(OFFICIALS).get(url)

    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/konto/logga-in/")
    assert official.status_code == 403
    assert not official.get("Content-Type", "").startswith("image/")


def test_the_pane_draws_each_page_with_its_image(pdf_upload):
    html = pane(pdf_upload, [])
    total = len(pdf_upload.pages)

    assert "Originalet" in html
    assert reverse("minutes:import-original", args=[pdf_upload.pk]) in html
    for number in range(1, total + 1):
        assert f'aria-label="Sida {number} av {total}"' in html
        assert f'href="{page_url(pdf_upload, number)}"' in html
    assert 'class="original-text"' not in html
    assert "inramade" not in html  # nothing to outline


def test_the_preview_page_shows_the_original_beside_the_reading(pdf_upload, secretary_client):
    response = secretary_client.get(reverse("minutes:import-detail", args=[pdf_upload.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="original-pane"' in html
    assert f'href="{page_url(pdf_upload, 1)}"' in html


def test_a_text_upload_shows_its_text_in_a_focusable_region(uploaded):
    source = uploaded(seed_document("000", "txt"))
    assert source.status == Status.PENDING, source.error

    html = pane(source, [])

    assert source.pages == []
    region = re.search(r'<div class="original-text" tabindex="0" role="region" '
                       r'aria-label="Originalets text">(.*?)</div>', html, re.S)
    assert region is not None
    first_line = next(line for line in source.extracted_text.splitlines() if line.strip())
    assert first_line.strip()[:30] in region.group(1)
    assert "<svg" not in html


def test_an_uncertain_word_is_marked_in_the_text(media_root):
    text = "Närvarande: Anna Svensson och Per Lindqvist\n"
    source = factories.source_document(text.encode(), stored=True, extracted_text=text)

    html = pane(source, ["Lindqvist"])

    assert re.search(r'<mark class="ocr-uncertain">Lindqvist<span class="visually-hidden">',
                     html)
    assert "Svensson<" not in html  # only the uncertain word is marked


def test_an_uncertain_word_is_outlined_on_its_page(media_root):
    name, data = seed_document("000", "pdf")
    source = factories.source_document(data, name=name, stored=True,
                                       content_type="application/pdf")
    parsed = minutes_parse(data=data, filename=name)
    word = next(word for word in parsed.text.split() if len(word) > 6 and word.isalpha())

    pages = original_pages_render(source=source, parsed=with_uncertain(parsed, [word]))
    source.pages = pages
    html = pane(source, [word])

    marks = [mark for page in pages for mark in page["marks"]]
    assert marks, f"{word!r} was not found on any page"
    assert all(mark["word"] == word for mark in marks)
    for mark in marks:
        assert 0 <= mark["x"] < 1 and 0 <= mark["y"] < 1
        assert 0 < mark["w"] < 0.5 and 0 < mark["h"] < 0.1
    assert html.count('class="ocr-mark"') == len(marks)
    assert f"<li>{word}</li>" in html  # told to a screen reader too
    assert "Orden som OCR var osäker på är inramade på sidorna." in html
    page = next(page for page in pages if page["marks"])
    mark = page["marks"][0]
    # In the page image's pixels, where the svg's viewBox puts the image.
    assert f'x="{round(mark["x"] * page["width"], 1):g}"' in html
    assert f'viewBox="0 0 {page["width"]} {page["height"]}"' in html


@override_settings(MINUTES_PREVIEW_MAX_PAGES=1)
def test_pages_past_the_limit_are_left_out_and_the_pane_says_so(media_root):
    name, data = seed_document("000", "pdf")
    source = factories.source_document(data, name=name, stored=True)
    parsed = minutes_parse(data=data, filename=name)

    source.pages = original_pages_render(source=source, parsed=parsed)
    html = pane(source, [])

    assert len(source.pages) == 1
    total = source.pages[0]["of"]
    assert total > 1
    assert f"de första 1 av originalets {total} sidor" in html
    assert f'aria-label="Sida 1 av {total}"' in html


def test_drawing_again_replaces_the_earlier_images(media_root):
    name, data = seed_document("000", "pdf")
    source = factories.source_document(data, name=name, stored=True)
    parsed = minutes_parse(data=data, filename=name)
    source.pages = original_pages_render(source=source, parsed=parsed)
    folder = media_root / "pages" / source.sha256[:2] / source.sha256
    before = sorted(path.name for path in folder.iterdir())

    with override_settings(MINUTES_PREVIEW_MAX_PAGES=1):
        source.pages = original_pages_render(source=source, parsed=parsed)

    assert len(before) > 1
    assert sorted(path.name for path in folder.iterdir()) == ["1.png"]


def test_the_purge_removes_the_page_images(pdf_upload, secretary_client, media_root):
    names = [page["name"] for page in pdf_upload.pages]
    assert names
    response = secretary_client.post(reverse("minutes:import-cancel", args=[pdf_upload.pk]))
    assert response.status_code == 302
    SourceDocument.objects.filter(pk=pdf_upload.pk).update(
        status_changed_at=timezone.now() - dt.timedelta(days=400))

    removed = discarded_files_purge()

    assert [source.pk for source in removed.removed] == [pdf_upload.pk]
    assert not any(default_storage.exists(name) for name in names)
    pdf_upload.refresh_from_db()
    assert pdf_upload.pages == []
    assert secretary_client.get(page_url(pdf_upload, 1)).status_code == 404


def test_a_page_of_an_unknown_upload_is_not_found(secretary_client):
    response = secretary_client.get(reverse("minutes:import-page", args=[987654, 1]))

    assert response.status_code == 404


def test_a_page_whose_image_is_gone_is_not_found(pdf_upload, secretary_client):
    default_storage.delete(pdf_upload.pages[0]["name"])

    response = secretary_client.get(page_url(pdf_upload, 1))

    assert response.status_code == 404


def test_the_pane_never_lets_the_page_width_scroll_sideways(pdf_upload):
    """The images scale to the pane (the svg has a viewBox and no fixed size), so a phone
    shows the page narrower instead of scrolling (the CSS sets width 100%)."""
    html = pane(pdf_upload, [])

    svg = re.search(r"<svg [^>]*>", html).group(0)
    assert "viewBox=" in svg
    assert " width=" not in svg and " height=" not in svg
    assert "style=" not in html


@pytest.mark.corpus
def test_a_scan_read_by_ocr_shows_its_pages_with_the_uncertain_words_outlined(uploaded):
    source = uploaded((SCAN, (CORPUS / SCAN).read_bytes()))
    assert source.status == Status.PENDING, source.error
    uncertain = ocr_uncertain_words(source.warnings)

    marks = [mark for page in source.pages for mark in page["marks"]]

    assert len(source.pages) == 2
    assert uncertain, "OCR was sure of every word: nothing to outline"
    # Found in the text layer OCR gave the scan (the original has none).
    assert marks
    assert {mark["word"] for mark in marks} <= set(uncertain)


def test_a_pdf_the_renderer_cannot_open_fails_in_its_child_not_in_the_worker(media_root):
    data = b"%PDF-1.7\n" + b"\x00garbage" * 100
    source = factories.source_document(data, name="trasig.pdf", stored=True)
    parsed = minutes_parse(data=seed_document("000", "txt")[1], filename="protokoll.txt")

    with pytest.raises(PagesRenderError):
        original_pages_render(source=source, parsed=parsed)

    assert list(media_root.glob("pages/**/*.png")) == []
