"""The history every admin page that edits the archive keeps: django-reversion, extended.

Ingest writes no history, so `HistoryAdmin` records a record's archived state before its
first change in the admin, and everything a deletion takes or changes before the deletion.
A person merge's snapshot is reverted only by undoing the merge. It lives here, in the app
at the bottom (municipalities <- minutes <- decisions), because every app's admin uses it
and the merge it guards is this app's.
"""

from __future__ import annotations

from collections.abc import Iterable

import reversion
from django.contrib import messages
from django.contrib.admin.utils import NestedObjects, unquote
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import models, router
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from reversion.admin import VersionAdmin
from reversion.models import Revision, Version

# reversion's own admin reads a model's registration options the same way.
from reversion.revisions import _get_options

from municipalities.models import PersonMerge


def revision_snapshot(objects: Iterable[models.Model], *, user, comment: str) -> Revision | None:
    """Record the current state of these objects as one revision of its own, now.

    Written directly rather than through `reversion.create_revision()`, which would fold
    into a revision already open (the admin's change list opens one) and leaves out
    objects deleted before it closes, the very ones a snapshot before deletion is for.
    """
    unique = {(type(obj), obj.pk): obj for obj in objects if reversion.is_registered(type(obj))}
    if not unique:
        return None
    revision = Revision.objects.create(date_created=timezone.now(), user=user, comment=comment)
    versions = []
    for obj in unique.values():
        model = type(obj)
        options = _get_options(model)
        db = router.db_for_write(model, instance=obj)
        versions.append(
            Version(
                revision=revision,
                content_type=ContentType.objects.get_for_model(model),
                object_id=str(getattr(obj, options.object_id_field)),
                db=db,
                format=options.format,
                serialized_data=serializers.serialize(
                    options.format,
                    [obj],
                    fields=options.fields,
                    use_natural_foreign_keys=options.use_natural_foreign_keys,
                ),
                object_repr=str(obj),
            )
        )
    Version.objects.bulk_create(versions)
    return revision


def deletion_affects(objects: list[models.Model]) -> list[models.Model]:
    """The objects, what deleting them deletes with them, and what it changes.

    A person's deletion also empties fields that point at them (a meeting's secretary) and
    removes them from many-to-many sets (a decision's assigned people); recovering the
    person must bring those back too, so the owners of those sets are included.
    """
    if not objects:
        return []
    collector = NestedObjects(using=router.db_for_write(type(objects[0])))
    collector.collect(objects)
    affected: list[models.Model] = []
    for model, instances in collector.data.items():
        # A many-to-many row: the set changes on the model that declares the field, the
        # only end whose versions hold it.
        owner = model._meta.auto_created
        owner_fields = [
            field.name
            for field in model._meta.concrete_fields
            if owner and field.is_relation and field.related_model is owner
        ]
        for obj in instances:
            if owner:
                affected.extend(getattr(obj, name) for name in owner_fields)
            else:
                affected.append(obj)
    for batches in collector.field_updates.values():
        for batch in batches:
            affected.extend(batch)
    return affected


class HistoryAdmin(VersionAdmin):
    """django-reversion's admin, with history that also covers what came in by ingest.

    Ingest writes no history, so before the first change to a record (and to the rows of
    its inlines) its archived state is recorded, and before a deletion everything the
    deletion takes or changes, so that "recover deleted" can bring it all back. Versions
    that are a person merge's snapshot are reverted only by undoing the merge.
    """

    history_latest_first = True

    def construct_change_message(self, request, form, formsets, add=False):
        """Name the changed fields as the form showed them, in Swedish.

        Django records English labels ("Full name") to translate when shown, but most have
        no entry in any catalogue, and django-reversion keeps the message as text when the
        change is saved: the history read "Ändrade Full name.".
        """
        message = super().construct_change_message(request, form, formsets, add)
        shown: dict[str, str] = {}
        for each in [form, *(f for formset in formsets or [] for f in formset.forms)]:
            for name, field in each.fields.items():
                label = field.label or name
                with translation.override(None):
                    english = str(label)
                shown.setdefault(english, str(label))
        for entry in message:
            for action in entry.values():
                if "fields" in action:
                    action["fields"] = [shown.get(f, f) for f in action["fields"]]
        return message

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            if obj is not None and self.has_change_permission(request, obj):
                self._record_archived_state(request, obj)
        return super().change_view(request, object_id, form_url, extra_context)

    def _record_archived_state(self, request, obj) -> None:
        objects = [obj]
        for formset, inline in self.get_formsets_with_inlines(request, obj):
            objects.extend(inline.model._default_manager.filter(**{formset.fk.name: obj}))
        unrecorded = []
        for model in {type(o) for o in objects}:
            same = [o for o in objects if type(o) is model]
            recorded = set(
                Version.objects.get_for_model(model)
                .filter(object_id__in=[str(o.pk) for o in same])
                .values_list("object_id", flat=True)
            )
            unrecorded.extend(o for o in same if str(o.pk) not in recorded)
        revision_snapshot(
            unrecorded,
            user=request.user,
            comment=_("As archived, before the first change in the administration"),
        )

    def delete_model(self, request, obj) -> None:
        revision_snapshot(
            deletion_affects([obj]), user=request.user, comment=_("Before deletion")
        )
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset) -> None:
        revision_snapshot(
            deletion_affects(list(queryset)), user=request.user, comment=_("Before deletion")
        )
        super().delete_queryset(request, queryset)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        return self._merge_undo_instead(request, version_id) or super().revision_view(
            request, object_id, version_id, extra_context
        )

    def recover_view(self, request, version_id, extra_context=None):
        return self._merge_undo_instead(request, version_id) or super().recover_view(
            request, version_id, extra_context
        )

    def _merge_undo_instead(self, request, version_id):
        """Send a revert of a merge's snapshot to the merge's undo page.

        Reverting the snapshot here would bring the merged person back while the merge
        record still said it stood; the undo page does both.
        """
        merge = PersonMerge.objects.filter(
            before_revision__version__pk=version_id, undone_at__isnull=True
        ).first()
        if merge is None:
            return None
        messages.info(request, _("This version is the state before a merge: undo the merge."))
        return redirect(
            reverse(f"{self.admin_site.name}:municipalities_personmerge_undo", args=[merge.pk])
        )
