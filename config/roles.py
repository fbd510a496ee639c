"""The archive's roles: three groups and the permissions that make each one.

The group names are Swedish because administrators see them as they are in the admin's
user pages. Minutes migration 0004_roles copies these lists (a migration must not import code that
may change later); change both together.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db.models import Q, QuerySet
from django.db.models.signals import post_migrate

SECRETARIES = "Sekreterare"
OFFICIALS = "Tjänsteperson"
ADMINISTRATORS = "Administratör"
ROLES = (OFFICIALS, SECRETARIES, ADMINISTRATORS)

# What a page asks for: reading the archive, and uploading to it.
READ_PERMISSION = "minutes.view_meeting"
UPLOAD_PERMISSION = "minutes.add_sourcedocument"
# What the admin site asks for (config/admin_site.py), besides superusers.
ADMIN_PERMISSION = "minutes.change_meeting"

# Officials may view every model of these apps; secretaries too.
READABLE_APPS = ("minutes", "municipalities", "decisions")
# What a secretary may do besides reading: upload, correct and re-parse minutes.
SECRETARY_PERMISSIONS = (
    "minutes.add_sourcedocument",
    "minutes.change_sourcedocument",
    "minutes.change_meeting",
    "minutes.change_agendaitem",
    "minutes.change_attendance",
    "decisions.change_decision",
)


def role_permissions(role: str) -> QuerySet[Permission]:
    """The permissions a role is created with."""
    every = Permission.objects.all()
    if role == ADMINISTRATORS:
        return every
    reading = Q(content_type__app_label__in=READABLE_APPS, codename__startswith="view_")
    if role == OFFICIALS:
        return every.filter(reading)
    if role == SECRETARIES:
        extra = Q(pk__in=[])
        for name in SECRETARY_PERMISSIONS:
            app_label, codename = name.split(".")
            extra |= Q(content_type__app_label=app_label, codename=codename)
        return every.filter(reading | extra)
    raise ValueError(f"no role {role!r}")


def role_group(role: str, *, using: str = "default") -> Group:
    """The role's group; created with the role's permissions when it is missing."""
    group, created = Group.objects.using(using).get_or_create(name=role)
    if created:
        group.permissions.add(*role_permissions(role).using(using))
    return group


def administrators_keep_every_permission(*, using: str = "default", **kwargs) -> None:
    """After every migrate, the administrators' group holds every permission there is.

    Connected to post_migrate, which runs after the permissions of new models are created,
    so a model added later is administered without a new migration. Does nothing while the
    group does not exist (before migration 0004_roles, or after it is reversed).
    """
    group = Group.objects.using(using).filter(name=ADMINISTRATORS).first()
    if group is None:
        return
    held = group.permissions.values_list("pk", flat=True)
    group.permissions.add(*Permission.objects.using(using).exclude(pk__in=held))


def connect_signals() -> None:
    post_migrate.connect(
        administrators_keep_every_permission,
        dispatch_uid="config.roles.administrators_keep_every_permission",
    )
