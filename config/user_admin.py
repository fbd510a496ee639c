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

Both speak Swedish where Django would not: a permission's name is stored in English when it is
created ("Can add person"), so the lists name it from its action and its model instead; and
the history names changed fields as the form showed them, not by their English labels.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import AbstractBaseUser, Group, Permission
from django.db.models import Q, QuerySet
from django.forms import Form, ModelForm
from django.http import Http404, HttpRequest
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# Django's four permissions of every model, by the first word of their code name.
PERMISSION_ACTIONS = {
    "add": _("Can add %(model)s"),
    "change": _("Can change %(model)s"),
    "delete": _("Can delete %(model)s"),
    "view": _("Can view %(model)s"),
}


def permission_label(permission: Permission) -> str:
    """"Kommuner | person | Kan ändra person": the app, the model and what it allows."""
    content_type = permission.content_type
    model = content_type.model_class()
    if model is None:  # a model since removed or moved: only its code name is left
        app, model_name = content_type.app_label, content_type.model
    else:
        app, model_name = capfirst(model._meta.app_config.verbose_name), model._meta.verbose_name
    action, _sep, codename_model = permission.codename.partition("_")
    if action in PERMISSION_ACTIONS and codename_model == content_type.model:
        name = PERMISSION_ACTIONS[action] % {"model": model_name}
    else:
        name = gettext(permission.name)
    return f"{app} | {model_name} | {name}"


def fields_named_as_shown(message: list[dict], forms: list[Form]) -> list[dict]:
    """The change message with the changed fields named in the language of the page.

    Django records the English labels ("Username") to translate when shown, but Django's
    catalogue has no entry for most of them, and so the history showed them in English.
    """
    shown: dict[str, str] = {}
    for form in forms:
        for name, field in form.fields.items():
            label = field.label or name
            with translation.override(None):
                english = str(label)
            shown.setdefault(english, str(label))
    for entry in message:
        for action in entry.values():
            if "fields" in action:
                action["fields"] = [shown.get(field, field) for field in action["fields"]]
    return message


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


class SwedishLabels:
    """Permissions named in Swedish in the forms, changed fields in the history."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None and db_field.related_model is Permission:
            field.label_from_instance = permission_label
        return field

    def construct_change_message(self, request, form, formsets, add=False):
        message = super().construct_change_message(request, form, formsets, add)
        forms = [form, *(f for formset in formsets or [] for f in formset.forms)]
        return fields_named_as_shown(message, forms)


class ArchiveUserAdmin(SwedishLabels, UserAdmin):
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


class ArchiveGroupAdmin(SwedishLabels, GroupAdmin):
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
