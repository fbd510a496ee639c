"""The admin's pages for the hostile walk: every URL pattern, its path with real and missing
ids, and the parameters its view reads (tests/config/test_hostile_input.py)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

import reversion
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, reverse
from reversion.models import Version

from tests.config.hostile import Walker, reading, rotation

# What every admin page may read: the changelist's filters kept across a form, and popups.
COMMON = ("_changelist_filters", "_popup", "_to_field")
# A changelist reads these from a copy of GET, not by name, so no first request finds them;
# and lookups no filter offers, which the admin must refuse.
CHANGELIST = ("q", "o", "p", "all", "e", "_facets", "pk__in", "no_such_field")
# A changelist's POST: an action on selected rows, or a list_editable save.
CHANGELIST_POST = ("action", "_selected_action", "index", "select_across", "_save")
# Ids of records that do not exist, where a path takes any text, and where only digits.
MISSING_IDS = ("0", "9" * 30)
MISSING_TEXT_IDS = (*MISSING_IDS, "abc", "-1", "a\x00b")
# A first request finds what a view reads before it stops; asking again with those names
# finds what it reads next (the autocomplete view stops at the first name missing).
DISCOVERY_ROUNDS = 4


@dataclass(frozen=True)
class AdminPage:
    """One URL pattern of the admin site or of a model admin."""

    id: str
    pattern: URLPattern
    model: type[Model] | None = None

    @property
    def is_changelist(self) -> bool:
        return (self.pattern.name or "").endswith("_changelist")


def admin_pages() -> list[AdminPage]:
    pages = [
        AdminPage(f"admin:{pattern.name or pattern.pattern}", pattern)
        for pattern in admin.site.get_urls()
        if isinstance(pattern, URLPattern)
    ]
    for model, model_admin in admin.site._registry.items():
        label = f"{model._meta.app_label}_{model._meta.model_name}"
        for pattern in model_admin.get_urls():
            assert not isinstance(pattern, URLResolver), "a nested model admin URL"
            name = pattern.name or f"{label}:{pattern.pattern}"
            pages.append(AdminPage(f"admin:{name}", pattern, model))
    return pages


def admin_args(page: AdminPage, objects: dict[str, object], user) -> dict[str, str]:
    """Real values for the page's path: an object of its model, a version of it, two people.

    Keys are the pattern's argument names, or "_0", "_1" for a regular expression's groups.
    """
    pattern = page.pattern.pattern
    names = (list(getattr(pattern, "converters", {})) or list(pattern.regex.groupindex)
             or [f"_{n}" for n in range(pattern.regex.groups)])
    record = page.model._default_manager.order_by("pk").first() if page.model else None
    values = {}
    for position, arg in enumerate(names):
        if arg in ("object_id", "id") or (arg == "_0" and "history" in str(pattern)):
            values[arg] = str(record.pk if record else 1)
        elif arg in ("_0", "_1"):
            values[arg] = str(version_of(record, user))
        elif arg in ("keep_id", "merge_id"):
            values[arg] = str(objects["people"][position].pk)
        elif arg == "content_type_id":
            values[arg] = str(ContentType.objects.get_for_model(objects["meeting"]).pk)
        elif arg == "app_label":
            values[arg] = "minutes"
        elif arg == "url":
            values[arg] = "finns-inte/"
        else:
            raise AssertionError(f"no value for {arg} in {page.id}: add one")
    return values


def missing_args(page: AdminPage, args: dict[str, str]) -> list[dict[str, str]]:
    """`args` with, in turn, each id replaced by one of no record."""
    converters = getattr(page.pattern.pattern, "converters", {})
    variants = []
    for key in args:
        if key in ("app_label", "url"):
            continue
        digits_only = key.startswith("_") or type(converters.get(key)).__name__ == "IntConverter"
        for bad in MISSING_IDS if digits_only else MISSING_TEXT_IDS:
            variants.append({**args, key: bad})
    return variants


def version_of(record: Model | None, user) -> int:
    """A reversion Version of `record`, made now, for the revision and recover pages."""
    if record is None or not reversion.is_registered(type(record)):
        return 1
    with reversion.create_revision():
        reversion.set_user(user)
        record.save()
    return Version.objects.get_for_object(record).first().pk


def admin_path(page: AdminPage, args: dict[str, str]) -> str:
    """The page's path with `args`, also for the admin's unnamed patterns."""
    if page.pattern.name:
        positional = [value for key, value in args.items() if key.startswith("_")]
        if positional:
            return reverse(f"admin:{page.pattern.name}", args=positional)
        return reverse(f"admin:{page.pattern.name}", kwargs=args)
    base = reverse("admin:index")
    if page.model is not None:
        opts = page.model._meta
        base = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    route = str(page.pattern.pattern)
    for key, value in args.items():
        route = route.replace(f"<path:{key}>", quote(value)).replace(f"(?P<{key}>.*)$", value)
    return base + route


def changelist_filters(page: AdminPage, user) -> tuple[str, ...]:
    """The changelist's filter and date hierarchy parameters, as its admin defines them."""
    model_admin = admin.site._registry[page.model]
    request = RequestFactory().get("/")
    request.user = user
    changelist = model_admin.get_changelist_instance(request)
    names = [name for spec in changelist.filter_specs for name in spec.expected_parameters()
             if name]
    if model_admin.date_hierarchy:
        names += [f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day")]
    return tuple(names)


def discovered(monkeypatch, client: Client, path: str, method: str) -> set[str]:
    """The names the view looks up in GET or POST, asked with none and then with those."""
    names: set[str] = set()
    for _ in range(DISCOVERY_ROUNDS):
        with reading(monkeypatch) as read:
            Walker().ask(client, "discovery", method, path, rotation(sorted(names), 0))
        if read <= names:
            break
        names |= read
    return names


def admin_names(monkeypatch, client: Client, page: AdminPage, path: str, user):
    """The GET and POST parameters to walk the page with."""
    names_get = set(COMMON) | discovered(monkeypatch, client, path, "GET")
    names_post = set(COMMON) | discovered(monkeypatch, client, path, "POST")
    if page.is_changelist:
        names_get |= {*CHANGELIST, *changelist_filters(page, user)}
        names_post |= set(CHANGELIST_POST)
    return tuple(sorted(names_get)), tuple(sorted(names_post))
