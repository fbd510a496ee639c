"""Users and groups in the admin: nobody gives anyone more than they hold themselves.

Django's own user admin lets anyone with the user-change permission open a superuser's
password form, tick "superuser status" on their own account, or add any group or permission,
so an administrator could make themselves a superuser. Here a user who is not a superuser:

- does not see superusers at all: they are left out of the list, its actions and its bulk
  deletes, and their change, password, history and delete pages answer 404;
- cannot grant superuser status (the box is read-only for them, their own included);
- can grant only the permissions they hold themselves, and only groups whose permissions they
  all hold. What a user already has is kept, and may be taken away.

Superusers keep full control. Registered on the archive's admin site by config/apps.py.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import AbstractBaseUser, Group, Permission
from django.db.models import Q, QuerySet
from django.forms import ModelForm
from django.http import Http404, HttpRequest


def held_permissions(user: AbstractBaseUser) -> QuerySet[Permission]:
    """The permissions `user` holds, directly or through a group (as ModelBackend reads them)."""
    if user.is_superuser:
        return Permission.objects.all()
    return Permission.objects.filter(Q(user=user) | Q(group__user=user)).distinct()


def grantable_groups(user: AbstractBaseUser) -> QuerySet[Group]:
    """The groups that give nothing `user` does not hold."""
    if user.is_superuser:
        return Group.objects.all()
    beyond = Permission.objects.exclude(pk__in=held_permissions(user).values("pk"))
    return Group.objects.exclude(permissions__in=beyond)


def _limit_choices(form: ModelForm, name: str, grantable: QuerySet, kept) -> None:
    field = form.fields.get(name)
    if field is not None:
        field.queryset = field.queryset.filter(Q(pk__in=grantable.values("pk")) | Q(pk__in=kept))


class ArchiveUserAdmin(UserAdmin):
    def get_queryset(self, request: HttpRequest):
        users = super().get_queryset(request)
        if request.user.is_superuser:
            return users
        return users.filter(is_superuser=False)

    def get_object(self, request: HttpRequest, object_id, from_field=None):
        found = super().get_object(request, object_id, from_field)
        if found is None and not request.user.is_superuser:
            # Django would redirect with "perhaps it was deleted"; for a superuser hidden from
            # this user that says too much, and the password form answers 404 anyway.
            raise Http404
        return found

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly.append("is_superuser")
        return readonly

    def get_form(self, request: HttpRequest, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        editor = request.user
        if editor.is_superuser or obj is None:
            return form  # the add form has neither groups nor permissions

        class LimitedForm(form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                user = self.instance
                kept_groups = user.groups.values("pk")
                kept_permissions = user.user_permissions.values("pk")
                _limit_choices(self, "groups", grantable_groups(editor), kept_groups)
                _limit_choices(
                    self, "user_permissions", held_permissions(editor), kept_permissions
                )

        return LimitedForm


class ArchiveGroupAdmin(GroupAdmin):
    """A group's permissions: only those the editor holds may be added."""

    def get_form(self, request: HttpRequest, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        editor = request.user
        if editor.is_superuser:
            return form

        class LimitedForm(form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                group = self.instance
                kept = group.permissions.values("pk") if group.pk else []
                _limit_choices(self, "permissions", held_permissions(editor), kept)

        return LimitedForm


def register(site) -> None:
    """Put these in place of Django's own user and group admins on `site`."""
    for model, model_admin in ((Group, ArchiveGroupAdmin), (get_user_model(), ArchiveUserAdmin)):
        if site.is_registered(model):
            site.unregister(model)
        site.register(model, model_admin)
