"""The case page: every paragraph of one case number (diarienummer), oldest first.

A case travels from an arbetsutskott to its nämnd, to kommunstyrelsen and to
kommunfullmäktige; each body's protokoll writes the same number after "Dnr". It lives in
decisions because it shows each paragraph's decisions, votes and reservations.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from decisions.models import Statement
from minutes.models import AgendaItem, case_number_clean

# Past this a case number is no case number; the URL is answered with a 404 at once.
CASE_NUMBER_MAX_CHARS = 100


def case_detail(request: HttpRequest, case_number: str) -> HttpResponse:
    wanted = case_number_clean(case_number)
    if not wanted or len(case_number) > CASE_NUMBER_MAX_CHARS or "\x00" in case_number:
        raise Http404(_("There is no case with that number in the archive."))
    items = list(
        AgendaItem.objects.in_case(wanted)
        .oldest_first()
        .select_related("meeting__body")
        .prefetch_related(
            "decisions",
            "votes",
            Prefetch("statements", queryset=Statement.objects.order_by("kind", "order")),
        )
    )
    if not items:
        raise Http404(_("There is no case with that number in the archive."))
    return render(
        request,
        "decisions/case_detail.html",
        {"case_number": items[0].case_number, "items": items},
    )
