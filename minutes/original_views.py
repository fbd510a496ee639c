"""The original's pages as images, for the preview's pane beside the editor (secretaries)."""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control

from config.access import secretary_required
from minutes.models import SourceDocument


@secretary_required
def import_page(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """Page `number` (from 1) of an upload's original as a PNG; 404 for a page it has not."""
    source = get_object_or_404(SourceDocument.objects.only("pk", "pages", "file_removed_at"),
                               pk=pk)
    pages = source.pages if isinstance(source.pages, list) else []
    if source.file_removed_at is not None or not 1 <= number <= len(pages):
        return _missing(request, source)
    page = pages[number - 1]
    name = page.get("name") if isinstance(page, dict) else None
    if not isinstance(name, str) or not name.startswith("pages/"):
        return _missing(request, source)
    try:
        handle = default_storage.open(name, "rb")
    except FileNotFoundError:
        return _missing(request, source)
    response = FileResponse(handle, content_type="image/png")
    response["X-Content-Type-Options"] = "nosniff"
    # Drawn from an upload only secretaries may see: no shared cache may keep it.
    patch_cache_control(response, private=True, max_age=3600)
    return response


def _missing(request: HttpRequest, source: SourceDocument) -> HttpResponse:
    """404, saying why in words, with the way back to the upload's preview."""
    return render(request, "minutes/import_page_missing.html", {"source": source}, status=404)
