"""Users of each role for tests: a member of one of the three groups, a superuser, or nobody."""

from __future__ import annotations

from itertools import count

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser

from config.roles import ADMINISTRATORS, OFFICIALS, SECRETARIES, role_group

SUPERUSER = "superuser"
NO_GROUP = "no group"
# Every role a test may ask for: the groups first, as the issue lists them.
ROLES = (SECRETARIES, OFFICIALS, ADMINISTRATORS, SUPERUSER)

# What a request of a signed-in official costs before its view runs: the session, the user,
# and the user's and its groups' permissions (config/access.py). Tests that count a page's
# queries with the `client` fixture add this.
SIGNED_IN_QUERIES = 4

_numbers = count(1)


def user_with_role(
    role: str, *, username: str | None = None, password: str | None = None
) -> AbstractBaseUser:
    """A new active user in the role's group (created if a flushed database lost it).

    `NO_GROUP` gives a signed-in user without any permission, `SUPERUSER` a superuser.
    Without a password the user can only be signed in with `force_login`.
    """
    users = get_user_model()
    if username is None:
        slug = role.lower().replace(" ", "-").translate(str.maketrans("åäö", "aao"))
        username = f"{slug}-{next(_numbers)}"
    if role == SUPERUSER:
        return users.objects.create_superuser(username=username, email="", password=password)
    user = users.objects.create_user(username=username, password=password)
    if role != NO_GROUP:
        user.groups.add(role_group(role))
    return user
