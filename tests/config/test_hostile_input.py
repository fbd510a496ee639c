"""No address answers 500, whatever its query string or form holds (issue 12).

Every URL pattern of the root resolver, and every pattern of the admin site and of each model
admin, is asked as anonymous (with public reading off and on), a user without a group, each
role and a superuser, with hostile values (tests/config/hostile.py: stop words only,
operators only, quotes, 10 kB, NUL, invalid UTF-8, negative and huge numbers, unknown ids
and words, the first and last dates a form can hold) for every parameter its view reads, by
GET and, for forms, by POST; paths that take an id are also asked with ids of no record.

Which parameters: `WALKS` lists them for each page of the archive, and a URL pattern without
an entry fails `test_every_url_pattern_has_a_walk`. An admin page's come from the admin
itself (its changelist's filters and date hierarchy) and from first requests that record the
names its view looks up in request.GET and request.POST (tests/config/hostile_admin.py).
Every walk records those names again and fails when its view read one it did not try.

How many requests: a pass sets every parameter at once, each to another hostile value, and
the next pass shifts them by one. The superuser, who reaches every view, gets every pass
where a walk asks for it (search, the register, the admin's changelists, the forms) and a few
elsewhere; the other visitors who reach the view get two passes each, from different
offsets; a visitor the access rules refuse is asked once, as its view never runs.

Every 500 the walk finds fails it; the admin requests it once found failing are kept as tests
of their own (`ADMIN_LOOKUPS`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import override_settings
from django.urls import get_resolver, reverse

from decisions.models import Decision
from minutes.editor_forms import AttendeeForm, MergeForm, SplitForm, StateForm
from minutes.forms import MeetingFactsForm, UploadForm
from minutes.item_editor_forms import (
    DecisionForm,
    ItemForm,
    ItemRemoveForm,
    NewItemForm,
    ParagraphMoveForm,
    ReservationForm,
    VotesForm,
)
from minutes.models import AgendaItem, Attendance, SourceDocument
from minutes.uploads import upload_receive
from municipalities.models import Person
from municipalities.services import person_merge
from search.filters import DecisionFilter, ItemFilter
from search.index import search_index_refresh
from tests.config.hostile import THOROUGH, VISITORS, Walk, Walker, reading
from tests.config.hostile_admin import (
    AdminPage,
    admin_args,
    admin_names,
    admin_pages,
    admin_path,
    missing_args,
)
from tests.config.test_url_matrix import ADMIN_NAMESPACE, ROWS, objects, url_names
from tests.config.users import SUPERUSER, user_with_role
from tests.jobs import jobs_run

pytestmark = pytest.mark.django_db

__all__ = ["objects"]  # the URL matrix's fixture, used here too

PAGE = ("page",)
SEARCH_FILTERS = (*ItemFilter.base_filters, "q", "sort")
REGISTER_FILTERS = tuple(DecisionFilter.base_filters)
MISSING_IDS = ("0", "9" * 30)

WALKS: dict[str, Walk] = {
    "home": Walk(),
    "robots": Walk(),
    "favicon": Walk(),
    "minutes:meeting-list": Walk(get=PAGE),
    "minutes:meeting-detail": Walk(get=("q",)),
    "minutes:meeting-original": Walk(),
    "minutes:meeting-original-ocr": Walk(),
    # Re-reading an imported original: "token" names the comparison shown, "take" the
    # corrections for which the new reading is chosen.
    "minutes:meeting-reread": Walk(),
    "minutes:meeting-reread-start": Walk(post=()),
    "minutes:meeting-reread-apply": Walk(post=("token", "take"), every_pass=("POST",)),
    "minutes:meeting-reread-cancel": Walk(post=()),
    "search:search": Walk(
        get=(*SEARCH_FILTERS, "format", "exakt", *PAGE),
        modes=((), (("format", "json"),), (("format", "csv"),)),
        every_pass=("GET",),
    ),
    "search:search-feed": Walk(get=(*SEARCH_FILTERS, "token"), every_pass=("GET",)),
    "decisions:case-detail": Walk(),
    "municipalities:person-detail": Walk(get=PAGE),
    "municipalities:organization-detail": Walk(get=PAGE),
    "municipalities:person-list": Walk(get=("namn", *PAGE), every_pass=("GET",)),
    "municipalities:organization-list": Walk(get=("namn", *PAGE), every_pass=("GET",)),
    "municipalities:body-list": Walk(get=("namn", *PAGE), every_pass=("GET",)),
    "municipalities:body-detail": Walk(get=PAGE),
    "search:register": Walk(
        get=(*REGISTER_FILTERS, "format", *PAGE), modes=((), (("format", "csv"),)),
        every_pass=("GET",),
    ),
    "search:register-feed": Walk(get=(*REGISTER_FILTERS, "token"), every_pass=("GET",)),
    # What a user follows: "query" and "name" save a search; "t" is an alert e-mail's
    # unsubscribe token, "List-Unsubscribe" what a mail program posts (RFC 8058).
    "search:follow-list": Walk(),
    "search:follow-save": Walk(post=("query", "name"), every_pass=("POST",)),
    "search:follow-remove": Walk(post=()),
    "search:feed-token-renew": Walk(post=()),
    "search:follow-unsubscribe": Walk(get=("t",), post=("List-Unsubscribe",),
                                      every_pass=("GET", "POST")),
    # "file-clear": the file input's "clear" box, which Django's widget reads too.
    "minutes:upload": Walk(post=(*UploadForm.base_fields, "file-clear"), multipart=True,
                           every_pass=("POST",)),
    "minutes:import-list": Walk(get=("status", "mine", "format", *PAGE)),
    "minutes:import-detail": Walk(object="pending"),
    "minutes:import-original": Walk(object="pending"),
    "minutes:import-original-ocr": Walk(object="pending"),
    "minutes:import-page": Walk(object="pending"),
    "minutes:import-confirm": Walk(post=tuple(MeetingFactsForm.base_fields), object="pending",
                                   every_pass=("POST",)),
    "minutes:import-cancel": Walk(post=(), object="pending"),
    "minutes:import-reparse": Walk(post=()),
    # The preview editor: "rad" names the attendee row a page is about, "row" the one a
    # form acts on, "state" the attendee list it was shown with.
    "minutes:import-facts": Walk(post=tuple(MeetingFactsForm.base_fields), object="pending",
                                 every_pass=("POST",)),
    "minutes:import-attendee": Walk(get=("rad",), post=(*AttendeeForm.base_fields,),
                                    object="pending", every_pass=("POST",)),
    "minutes:import-attendee-remove": Walk(get=("rad",), post=(*StateForm.base_fields,),
                                           object="pending"),
    "minutes:import-attendee-split": Walk(get=("rad",), post=(*SplitForm.base_fields,),
                                          object="pending", every_pass=("POST",)),
    "minutes:import-attendee-merge": Walk(post=(*MergeForm.base_fields,), object="pending",
                                          every_pass=("POST",)),
    "minutes:import-warning-check": Walk(post=("warning",), object="pending"),
    # The agenda items' editor: "punkt" names the item a page is about, "item" the one a form
    # acts on, "index" its decision, paragraph or reservation, "state" the item as shown.
    "minutes:import-item": Walk(get=("punkt",), post=("item", *ItemForm.base_fields),
                                object="pending", every_pass=("POST",)),
    "minutes:import-item-add": Walk(post=(*NewItemForm.base_fields,), object="pending",
                                    every_pass=("POST",)),
    "minutes:import-item-remove": Walk(get=("punkt",),
                                       post=("item", *ItemRemoveForm.base_fields),
                                       object="pending"),
    "minutes:import-item-paragraph": Walk(post=("item", *ParagraphMoveForm.base_fields),
                                          object="pending", every_pass=("POST",)),
    "minutes:import-item-decision": Walk(post=("item", *DecisionForm.base_fields),
                                         object="pending", every_pass=("POST",)),
    "minutes:import-item-decision-remove": Walk(post=("item", "state", "index"),
                                                object="pending"),
    "minutes:import-item-decision-text": Walk(post=("item", "state", "index"),
                                              object="pending"),
    "minutes:import-item-votes": Walk(
        post=("item", *VotesForm.base_fields, "member_name", "member_affiliation",
              "member_vote", "member_remove"),
        object="pending", every_pass=("POST",)),
    "minutes:import-item-votes-remove": Walk(post=("item", "state"), object="pending"),
    "minutes:import-item-reservation": Walk(post=("item", *ReservationForm.base_fields),
                                            object="pending", every_pass=("POST",)),
    "minutes:import-item-reservation-remove": Walk(post=("item", "state", "index"),
                                                   object="pending"),
    # django-axes looks for "ip_address" among the credentials posted.
    "accounts:login": Walk(get=("next",), post=("username", "password", "next", "ip_address"),
                           every_pass=("POST",)),
    "accounts:logout": Walk(post=("next",)),
}


# Case numbers the case page must answer 404 to, never 500.
CASE_NUMBERS_MISSING = (
    "KS 1999/1", "a\x00b", " ", "x" * 5000, "../../etc/passwd", "%00", "💥/💥", "<script>",
    "KS 2025/17/", "ks 2025/17 OR 1=1",
)


@dataclass(frozen=True)
class AdminLookup:
    """An admin request that once answered 500 (found by this walk), and what it answers now."""

    id: str
    request: Callable[[dict[str, object]], str]  # a GET, from the objects
    status: int


ADMIN_LOOKUPS = (
    # Django's admin read an empty ?_to_field= as a field named "" (ModelAdmin.get_object);
    # config/admin_site.py drops it, so the page opens as without it.
    AdminLookup(
        "admin-empty-to-field",
        lambda o: reverse("admin:minutes_meeting_change", args=[o["meeting"].pk]) + "?_to_field=",
        200,
    ),
    # django-reversion's history looked the id up as text, and PostgreSQL refuses a NUL.
    AdminLookup(
        "admin-history-nul-id",
        lambda o: reverse("admin:minutes_meeting_history", args=["a\x00b"]),
        404,
    ),
    # municipalities/admin.py looked ids up with get_object_or_404, which raised ValueError.
    AdminLookup(
        "admin-person-export-text-id",
        lambda o: reverse("admin:municipalities_person_export", args=["abc"]),
        404,
    ),
    AdminLookup(
        "admin-merge-undo-text-id",
        lambda o: reverse("admin:municipalities_personmerge_undo", args=["abc"]),
        404,
    ),
)


def test_every_url_pattern_has_a_walk():
    patterns = url_names(get_resolver())
    assert len(patterns) > 10

    walked = set(WALKS) | {ADMIN_NAMESPACE}
    assert patterns - walked == set(), "URLs the hostile walk leaves out: add them to WALKS"
    assert walked - patterns == set(), "walks of URLs that no longer exist"


@pytest.fixture
def archive(objects) -> dict[str, object]:
    """The URL matrix's objects, the meeting with an item, a decision and an attendee (so
    searches, filters and facets find something)."""
    meeting, person = objects["meeting"], objects["person"]
    item = AgendaItem.objects.create(
        meeting=meeting, number="1", order=0, title="Budget för tvärförbindelsen",
        text="Vi diskuterade budgeten och tvärförbindelsen över Södertörn.",
    )
    decision = Decision.objects.create(item=item, order=0, text="Att godkänna budgeten.")
    decision.assigned.set([person])
    Attendance.objects.create(meeting=meeting, person=person, name_as_written=person.full_name,
                              organization=objects["organization"],
                              status=Attendance.Status.PRESENT)
    search_index_refresh(meeting_ids=[meeting.pk])
    return {**objects, "item": item, "decision": decision}


@pytest.fixture
def pending(archive) -> dict[str, object]:
    """`archive` with an upload parsed and awaiting confirmation."""
    text = (
        "Tid 2024-05-02 kl 09.00-10.00\n\nDeltagare\nEva Lind Haninge kommun\n\n"
        "1. Budget\nVi pratade om budgeten.\n\nBeslut\nAtt godkänna budgeten.\n"
    )
    superuser = user_with_role(SUPERUSER)
    received = upload_receive(data=text.encode(), filename="protokoll.txt",
                              body_name="Ledningsgruppen", user=superuser)
    jobs_run()  # the worker reads it (tests/jobs.py)
    source = SourceDocument.objects.get(pk=received.source.pk)
    assert source.status == SourceDocument.Status.PENDING, source.error
    return {**archive, "pending": source}


@pytest.fixture
def admin_objects(archive) -> dict[str, object]:
    """`archive` with two more people (for the merge page) and a merge (for its undo)."""
    haninge = archive["organization"]
    people = [Person.objects.create(full_name=name, organization=haninge)
              for name in ("Helena Sundberg", "Helena Sandberg", "Eva Lind", "Eva Lindh")]
    person_merge(keep=people[2], merge=people[3], user=user_with_role(SUPERUSER))
    return {**archive, "people": people[:2]}


def page_paths(name: str, walk: Walk, objects: dict[str, object]) -> tuple[str, list[str]]:
    """The page's path with a real object, and its paths with ids of no record."""
    row = next((row for row in ROWS if row.name == name), None)
    if row is not None and row.arg is not None:
        # A text argument: no record of these case numbers, or no case number at all.
        return reverse(name, args=[row.arg]), [
            reverse(name, args=[arg]) for arg in CASE_NUMBERS_MISSING
        ]
    key = walk.object or (row.pk_of if row else None)
    if key is None:
        return reverse(name), []
    pk = objects[key].pk
    page = [row.page] if row is not None and row.page is not None else []
    missing = [reverse(name, args=[other, *page]) for other in MISSING_IDS]
    if page:  # and page numbers it has not
        missing += [reverse(name, args=[pk, number]) for number in MISSING_IDS]
    return reverse(name, args=[pk, *page]), missing


@pytest.mark.parametrize("name", sorted(WALKS))
def test_no_page_answers_500_to_hostile_input(name, request, monkeypatch):
    walk = WALKS[name]
    objects = request.getfixturevalue("pending" if walk.object == "pending" else "archive")
    path, missing = page_paths(name, walk, objects)
    walker = Walker()

    with reading(monkeypatch) as read:
        for index, visitor in enumerate(VISITORS):
            client = visitor.client()
            with override_settings(ARCHIVE_PUBLIC_READ=visitor.public_read):
                walker.walk(visitor, client, path, walk, index=index)
                for other in missing if visitor.thorough else []:
                    walker.ask(client, visitor.name, "GET", other)
                    if walk.post is not None:
                        walker.ask(client, visitor.name, "POST", other)

    assert walker.requests >= len(VISITORS)
    assert walker.failures == [], "\n".join(walker.failures[:15])
    tried = set(walk.get) | set(walk.post or ())
    assert read - tried == set(), f"{name} reads parameters its walk leaves out: add them"


ADMIN_PAGES = admin_pages()


@pytest.mark.parametrize("page", ADMIN_PAGES, ids=[page.id for page in ADMIN_PAGES])
def test_no_admin_page_answers_500_to_hostile_input(page: AdminPage, admin_objects, monkeypatch):
    superuser = user_with_role(SUPERUSER)
    args = admin_args(page, admin_objects, superuser)
    path = admin_path(page, args)
    thorough = THOROUGH.client()
    names_get, names_post = admin_names(monkeypatch, thorough, page, path, superuser)
    # The roles differ on an admin page by what they may do, which one pass each shows; the
    # changelists, where the hostile parameters are, get more.
    walk = Walk(get=names_get, post=names_post,
                every_pass=("GET",) if page.is_changelist else (),
                other_passes=2 if page.is_changelist else 1)
    walker = Walker()

    with reading(monkeypatch) as read:
        for index, visitor in enumerate(VISITORS):
            client = thorough if visitor.thorough else visitor.client()
            with override_settings(ARCHIVE_PUBLIC_READ=visitor.public_read):
                walker.walk(visitor, client, path, walk, index=index)
        for variant in missing_args(page, args):
            walker.ask(thorough, THOROUGH.name, "GET", admin_path(page, variant))

    assert walker.requests >= len(VISITORS)
    assert walker.failures == [], "\n".join(walker.failures[:15])
    assert read - set(names_get) - set(names_post) == set(), f"{page.id} reads more than tried"


@pytest.mark.parametrize("lookup", ADMIN_LOOKUPS, ids=lambda lookup: lookup.id)
def test_admin_lookups_that_once_failed_answer_without_error(lookup: AdminLookup, admin_objects):
    response = THOROUGH.client().get(lookup.request(admin_objects))

    assert response.status_code == lookup.status


def test_the_walk_reports_a_view_that_fails_on_a_hostile_value(monkeypatch, archive):
    """The harness itself: a 500 is found and reported with the request that caused it."""

    def fragile_sort(params) -> str:
        params.get("sort", "").encode("ascii")
        return "relevance"

    monkeypatch.setattr("search.views.chosen_sort", fragile_sort)
    walker = Walker()

    walker.walk(THOROUGH, THOROUGH.client(), reverse("search:search"), Walk(get=("sort",)))

    assert walker.requests > 1
    assert walker.failures, "the walk missed a view that fails on non-ASCII input"
    assert walker.failures[0].startswith(f"{SUPERUSER}: GET /search/ -> UnicodeEncodeError")
    assert "[query: sort=" in walker.failures[0]
