"""Helpers of the tests of what a user follows: feed tokens, saved searches and alerts."""

from __future__ import annotations

import datetime as dt
import itertools
import re

from django.contrib.auth.models import AbstractBaseUser
from django.test import Client

from minutes.models import Meeting
from minutes.services import minutes_ingest
from tests.config.users import user_with_role

_days = itertools.count(1)
FOLLOW_LIST = "/bevakningar/"
FOLLOW_SAVE = "/bevakningar/ny/"


def archive_minutes(title: str, text: str = "Ärendet beskrivs i handlingarna.") -> Meeting:
    """Minutes of one paragraph, archived now through ingest (so the search index has it)."""
    day = dt.date(2024, 1, 1) + dt.timedelta(days=next(_days))
    document = (
        f"Tid {day.isoformat()} kl 09.00-10.00\n\nDeltagare\nEva Lind Haninge kommun\n\n"
        f"1. {title}\n{text}\n\nBeslut\nAtt godkänna förslaget.\n"
    )
    return minutes_ingest(data=document.encode(), filename=f"protokoll-{day}.txt",
                          body_name="Kommunstyrelsen").meeting


def reader(role: str, *, email: str = "") -> tuple[AbstractBaseUser, Client]:
    """A new user of `role` with `email`, and a client signed in as them."""
    user = user_with_role(role)
    if email:
        user.email = email
        user.save(update_fields=["email"])
    client = Client()
    client.force_login(user)
    return user, client


def feed_link(html: str, path: str) -> str:
    """The first link to the feed at `path` on a page, unescaped."""
    found = re.search(rf'href="({re.escape(path)}[^"]*)"', html)
    assert found, f"no link to {path}"
    return found.group(1).replace("&amp;", "&")
