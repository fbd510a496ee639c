"""An upload handler that stops reading a file once it passes the upload size limit.

Django would otherwise spool a file of any size to disk before a form could refuse it. This
handler, first in FILE_UPLOAD_HANDLERS, skips the rest of a file over
MINUTES_UPLOAD_MAX_BYTES and marks the request, so the form can say why the file is missing.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile

TOO_LARGE_ATTRIBUTE = "minutes_upload_too_large"


def upload_too_large(request) -> bool:
    """True when a file of this request was refused for its size."""
    return bool(getattr(request, TOO_LARGE_ATTRIBUTE, False))


class SizeLimitUploadHandler(FileUploadHandler):
    def __init__(self, request=None) -> None:
        super().__init__(request)
        self.received = 0

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > settings.MINUTES_UPLOAD_MAX_BYTES:
            if self.request is not None:
                setattr(self.request, TOO_LARGE_ATTRIBUTE, True)
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        # The next handlers build the file.
        return None
