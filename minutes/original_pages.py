"""The original's pages as images for the preview (being written)."""


def original_pages_render(*, source, parsed) -> list:
    return []
