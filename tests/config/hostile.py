"""Hostile request values, and a walk that asks a page with them and notes every 500.

Used by tests/config/test_hostile_input.py. `Walker.ask` sends each request in a savepoint
that is rolled back afterwards, so every request sees the same archive (a confirmed upload, a
deleted record or a sign-out does not leak into the next one) and a database error in one
request cannot break the rest.
"""

from __future__ import annotations

import copy
import traceback
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import quote

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.http import HttpResponseBase, QueryDict
from django.test import Client
from django.urls import reverse

from config.roles import ADMINISTRATORS, OFFICIALS, SECRETARIES
from tests.config.users import NO_GROUP, SUPERUSER, user_with_role

# Stands for bytes that are not UTF-8 at all: sent as %FF%FE, which no str can spell.
INVALID_UTF8 = object()

# (name, value): what issue 12 lists, and the usual suspects of form fields and filters.
HOSTILE: tuple[tuple[str, object], ...] = (
    ("stop words only", "att och för om"),
    ("operators only", '- OR "" * !!! & | ! <-> ( )'),
    ("quotes", "\"'\"` ''"),
    ("unclosed quote", '"tvärförbindelse'),
    ("10 kB", "å" * 5_120),
    ("NUL", "bud\x00get"),
    ("invalid UTF-8", INVALID_UTF8),
    ("negative", "-1"),
    ("zero", "0"),
    ("huge", "9" * 30),
    ("huge negative", "-" + "9" * 30),
    ("float", "1e309"),
    ("not a number", "NaN"),
    ("first date", "0001-01-01"),
    ("last date", "9999-12-31"),
    ("impossible date", "2019-02-30"),
    ("unknown id", "987654321"),
    ("unknown word", "zyxwvu"),
    ("empty", ""),
    ("blank", " \t\r\n "),
    ("controls and bidi", "\u202e\u200b\x1b[31m🙂\ufeff"),
    ("markup", "<script>alert(1)</script>&amp;"),
    ("SQL", "' OR 1=1 --"),
    ("path", "../../../etc/passwd"),
)


def encode(params: Iterable[tuple[str, object]]) -> str:
    """A query string (or form body) of `params`, in order, with invalid UTF-8 where asked."""
    parts = []
    for name, value in params:
        raw = "%FF%FE" if value is INVALID_UTF8 else quote(str(value), safe="")
        parts.append(f"{quote(name, safe='')}={raw}")
    return "&".join(parts)


def rotation(names: Sequence[str], shift: int) -> list[tuple[str, object]]:
    """Every name with a hostile value, the n-th name taking value n + `shift`.

    Over len(HOSTILE) shifts each name gets every value, in changing company.
    """
    return [(name, HOSTILE[(i + shift) % len(HOSTILE)][1]) for i, name in enumerate(names)]


def spread(passes: int, offset: int = 0) -> list[int]:
    """`passes` shifts spread over the rotation, from `offset` (every one at len(HOSTILE))."""
    passes = min(passes, len(HOSTILE))
    return sorted({(offset + k * len(HOSTILE) // passes) % len(HOSTILE) for k in range(passes)})


@dataclass(frozen=True)
class Visitor:
    name: str
    role: str | None  # None: not signed in
    public_read: bool = False
    thorough: bool = False  # reaches every view: gets the most passes

    def client(self) -> Client:
        client = Client()
        if self.role is not None:
            client.force_login(user_with_role(self.role))
        return client


VISITORS = (
    Visitor("anonymous", None),
    Visitor("anonymous, public reading", None, public_read=True),
    Visitor(NO_GROUP, NO_GROUP),
    Visitor(OFFICIALS, OFFICIALS),
    Visitor(SECRETARIES, SECRETARIES),
    Visitor(ADMINISTRATORS, ADMINISTRATORS),
    Visitor(SUPERUSER, SUPERUSER, thorough=True),
)
THOROUGH = VISITORS[-1]
# Passes for the thorough visitor where a walk does not ask for all of them, and for the
# others that reach the view (each from its own offset, so together they try more values).
FEW_PASSES = 3
OTHER_PASSES = 2


@dataclass(frozen=True)
class Walk:
    """What a page's view reads, and how thoroughly to try it."""

    get: tuple[str, ...] = ()  # query parameters
    post: tuple[str, ...] | None = None  # form fields, for a view that takes POST
    # Parameters each round of passes holds fixed (an export format), one round per entry.
    modes: tuple[tuple[tuple[str, str], ...], ...] = ((),)
    multipart: bool = False  # the form sends a file
    object: str | None = None  # the fixture object its path takes, else the URL matrix's
    every_pass: tuple[str, ...] = ()  # methods the thorough visitor tries with every value
    other_passes: int = OTHER_PASSES  # for each other visitor that reaches the view


# Names read from request.GET or request.POST while `reading` records them.
_read: set[str] | None = None


class RecordingQueryDict(QueryDict):
    """A QueryDict that notes every name looked up in it, to find what a view reads."""

    def __getitem__(self, key):
        _note(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        _note(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        _note(key)
        return super().getlist(key, default)

    def __contains__(self, key):
        _note(key)
        return super().__contains__(key)


def _note(key: object) -> None:
    if _read is not None and isinstance(key, str):
        _read.add(key)


# Where Django builds request.GET, a urlencoded request.POST and a multipart one.
QUERY_DICT_HOMES = (
    "django.core.handlers.wsgi.QueryDict",
    "django.http.request.QueryDict",
    "django.http.QueryDict",  # imported by the multipart parser when it runs
)


@contextmanager
def reading(monkeypatch) -> Iterator[set[str]]:
    """Within the block, the names requests looked up in their GET and POST."""
    global _read
    for home in QUERY_DICT_HOMES:
        monkeypatch.setattr(home, RecordingQueryDict)
    _read = set()
    try:
        yield _read
    finally:
        _read = None


@dataclass
class Walker:
    """Sends requests and keeps a line for each that answered 5xx or raised."""

    failures: list[str] = field(default_factory=list)
    requests: int = 0

    def ask(
        self,
        client: Client,
        who: str,
        method: str,
        path: str,
        params: Sequence[tuple[str, object]] = (),
        *,
        files: Mapping[str, object] | None = None,
    ) -> HttpResponseBase | None:
        """The response, or None when the request raised (which is noted as a failure)."""
        query = encode(params)
        cookies = copy.deepcopy(client.cookies)
        response = None
        self.requests += 1
        with transaction.atomic():
            try:
                if method == "GET":
                    response = client.get(f"{path}?{query}" if query else path)
                elif files is not None:
                    data = {name: str(value) for name, value in params if value is not INVALID_UTF8}
                    response = client.post(path, {**data, **files})
                else:
                    response = client.post(
                        path, query, content_type="application/x-www-form-urlencoded"
                    )
                if response.streaming:
                    # A CSV or a file is made while it is sent: read it to the end.
                    b"".join(response.streaming_content)
                if response.status_code >= 500:
                    self._fail(who, method, path, query, f"answered {response.status_code}")
            except Exception as error:  # every error is the finding
                response = None
                where = traceback.extract_tb(error.__traceback__)[-1]
                self._fail(who, method, path, query,
                           f"{type(error).__name__}: {str(error)[:200]} "
                           f"({where.filename}:{where.lineno})")
            transaction.set_rollback(True)
        # A sign-in or sign-out in the request must not change who asks the next one.
        client.cookies = cookies
        return response

    def _fail(self, who: str, method: str, path: str, query: str, what: str) -> None:
        self.failures.append(f"{who}: {method} {path} -> {what} [query: {query[:300]}]")

    def walk(self, visitor: Visitor, client: Client, path: str, walk: Walk,
             *, index: int = 0) -> None:
        """Ask one path as one visitor, by GET and (for a form) POST, with its passes.

        A visitor the access rules refuse is asked once: its view never runs. `index` spreads
        the visitors' passes over different values.
        """
        for method, names in (("GET", walk.get), ("POST", walk.post)):
            if names is None:
                continue
            if visitor.thorough:
                every = method in walk.every_pass
                shifts = spread(len(HOSTILE) if every else FEW_PASSES)
            else:
                shifts = spread(walk.other_passes, offset=5 * index)
            rounds = [(mode, shift) for mode in walk.modes for shift in (shifts if names else [0])]
            for number, (mode, shift) in enumerate(rounds):
                free = [name for name in names if name not in dict(mode)]
                params = [*rotation(free, shift), *mode]
                files = None
                if method == "POST" and walk.multipart:
                    # An empty file with a hostile name: refused before anything parses it.
                    files = {"file": SimpleUploadedFile(f"{HOSTILE[shift][0]}\x00.txt", b"")}
                    params = [(n, v) for n, v in params if n not in files]
                response = self.ask(client, visitor.name, method, path, params, files=files)
                if number == 0 and refused(response):
                    return


def refused(response: HttpResponseBase | None) -> bool:
    """Whether the access rules stopped the request before its view (403, or off to sign in)."""
    if response is None:
        return False
    location = response.get("Location", "") if response.status_code == 302 else ""
    sign_in = location.startswith((reverse("accounts:login"), reverse("admin:login")))
    # Signing out also ends on the sign-in page, but without a page to come back to.
    return response.status_code == 403 or (sign_in and "next=" in location)
