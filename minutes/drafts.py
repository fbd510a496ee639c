"""The preview as an editor: a secretary's corrections of a parse, kept as the upload's draft.

The draft (SourceDocument.draft) is the parse result in the parser's own JSON form
(parsing.to_dict), as corrected; empty until the first correction, and cleared by a new
reading. What a confirmation stores is `minutes.services.upload_parsed`, which reads the
draft when there is one: exactly what the editor shows.

    draft_change(source=source, user=user, change=lambda data: ...)
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from django.db import transaction
from django.utils.translation import gettext as _

from minutes.models import SourceDocument
from minutes.services import IngestError

Status = SourceDocument.Status


def draft_data(source: SourceDocument) -> dict:
    """A copy of what the preview shows: the draft, else the parse as read."""
    return copy.deepcopy(source.draft or source.parsed or {})


@transaction.atomic
def draft_change(
    *, source: SourceDocument, user, change: Callable[[dict], None]
) -> SourceDocument:
    """Apply `change` (which edits the data in place, and may raise IngestError or
    ValidationError to refuse) to the upload's draft, under its lock. Raises IngestError
    when the upload is no longer awaiting confirmation (confirmed or discarded meanwhile)."""
    locked = SourceDocument.objects.select_for_update().get(pk=source.pk)
    if locked.status != Status.PENDING or not locked.parsed:
        raise IngestError(_("This upload is not awaiting confirmation."))
    data = draft_data(locked)
    change(data)
    locked.draft = data
    locked.save(update_fields=["draft"])
    return locked
