"""Writes to organisations and people: creating organisations, matching the names minutes
write to people (the one resolver: ingest, the upload preview and the duplicate suggestions
use it), merging people and undoing it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import reversion
from django.contrib.postgres.search import TrigramSimilarity
from django.db import models, transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reversion.models import Revision, Version

from municipalities.models import (
    DUPLICATE_SIMILARITY,
    Organization,
    Person,
    PersonMerge,
    fold_whitespace,
    normalize_name,
)
from municipalities.references import MergeConflict, MergePart, person_references
from parsing import municipality_code, municipality_of

_AGENCY_ENDINGS = ("verket", "myndigheten")
_COOPERATION_ENDINGS = ("kommunerna", "förbund", "förbundet")


def organization_kind_guess(name: str) -> str:
    """The kind of organisation a name suggests; municipalities are recognised elsewhere."""
    text = fold_whitespace(name)
    folded = text.casefold()
    words = folded.split()
    if folded.startswith("region "):
        return Organization.Kind.REGION
    if text.endswith(" AB") or text.startswith("AB "):
        return Organization.Kind.COMPANY
    if any(word.endswith(_AGENCY_ENDINGS) for word in words) or folded.startswith(
        "länsstyrelsen"
    ):
        return Organization.Kind.AGENCY
    if any(word.endswith(_COOPERATION_ENDINGS) for word in words):
        return Organization.Kind.COOPERATION
    return Organization.Kind.OTHER


@transaction.atomic
def organization_get_or_create(*, name: str) -> Organization:
    """The organisation `name` refers to, created with a guessed kind on first sight.

    A municipality is stored under its canonical name with its code, and the form first
    seen is kept as an alias.
    """
    text = fold_whitespace(name)
    if not text:
        raise ValueError("An organisation needs a name.")
    found = Organization.objects.resolve(text)
    if found is not None:
        return found

    canonical = municipality_of(text)
    if canonical is not None:
        organization, _created = Organization.objects.get_or_create(
            name=canonical,
            defaults={
                "kind": Organization.Kind.MUNICIPALITY,
                "code": municipality_code(canonical),
                "aliases": [text] if text != canonical else [],
            },
        )
        return organization

    organization, _created = Organization.objects.get_or_create(
        name=text, defaults={"kind": organization_kind_guess(text)}
    )
    return organization


# Who a name written in minutes is. One rule, used by ingest and re-parsing (which create
# the people they do not find), the upload preview (which only looks) and its suggestions:
# 1. the person with the same normalised name (normalize_name) and the same organisation,
#    or both without one (the lowest id when there are several);
# 2. else the person who has the name, its spacing folded, among their aliases, whatever
#    their organisation (the lowest id again): an alias is how an administrator says "this
#    spelling is this person";
# 3. else nobody: storing creates a new person of that name and organisation.

# A name as written and the id of the organisation written with it (None: no organisation).
PersonKey = tuple[str, int | None]

# The organisation id of a key whose organisation the archive does not hold yet (an upload's
# preview, before confirming creates it): nobody belongs to it, so only an alias matches.
ORGANIZATION_NOT_STORED = 0


def people_known(keys: Iterable[PersonKey]) -> dict[PersonKey, Person]:
    """The archived person each key refers to, for the keys that refer to one; creates
    nobody. Two queries at most, however many keys."""
    keys = list(dict.fromkeys(keys))
    by_name: dict[tuple[str, int | None], Person] = {}
    people = Person.objects.filter(normalized_name__in={normalize_name(name) for name, _ in keys})
    for person in people.order_by("-pk"):
        by_name[person.normalized_name, person.organization_id] = person
    found: dict[PersonKey, Person] = {}
    for key in keys:
        name, organization_id = key
        person = by_name.get((normalize_name(name), organization_id))
        if person is not None:
            found[key] = person
    missing = [key for key in keys if key not in found]
    if missing:
        aliases = sorted({fold_whitespace(name) for name, _ in missing})
        by_alias: dict[str, Person] = {}
        for person in Person.objects.filter(aliases__overlap=aliases).order_by("-pk"):
            for alias in set(person.aliases) & set(aliases):
                by_alias[alias] = person
        for key in missing:
            person = by_alias.get(fold_whitespace(key[0]))
            if person is not None:
                found[key] = person
    return found


def people_resolve(keys: Iterable[PersonKey]) -> dict[PersonKey, Person]:
    """The person each key refers to, as `people_known` finds them, else a new person of that
    name (spacing folded) and organisation: one per normalised name and organisation, however
    often the keys name them. Three queries at most; inside an active reversion revision the
    new people are added to it (bulk_create sends no post_save, which is how it sees saves)."""
    keys = list(keys)
    found = people_known(keys)
    new: dict[tuple[str, int | None], Person] = {}
    for key in keys:
        if key in found:
            continue
        name, organization_id = key
        if organization_id == ORGANIZATION_NOT_STORED:
            raise ValueError("A person can only be created in a stored organisation.")
        normalized = normalize_name(name)
        found[key] = new.setdefault((normalized, organization_id), Person(
            full_name=fold_whitespace(name), normalized_name=normalized,
            organization_id=organization_id,
        ))
    Person.objects.bulk_create(list(new.values()))
    if reversion.is_active():
        for person in new.values():
            reversion.add_to_revision(person)
    return found


def _key(name: str, organization: Organization | None) -> PersonKey:
    return name, organization.pk if organization is not None else None


def person_known(name: str, organization: Organization | None) -> Person | None:
    """The archived person `name`, written with `organization`, refers to, or None."""
    key = _key(name, organization)
    return people_known([key]).get(key)


def person_resolve(name: str, organization: Organization | None) -> Person:
    """The person `name`, written with `organization`, refers to; created when there is none."""
    key = _key(name, organization)
    return people_resolve([key])[key]


def people_similar(name: str, *, limit: int = 3) -> tuple[Person, ...]:
    """People whose normalised names are like `name`'s (trigram similarity at least
    DUPLICATE_SIMILARITY, as the administrator's list of possible duplicates), most similar
    first: for "possibly the same as" where no person matched."""
    normalized = normalize_name(name)
    return tuple(
        Person.objects.filter(normalized_name__trigram_similar=normalized)
        .annotate(similarity=TrigramSimilarity("normalized_name", normalized))
        .filter(similarity__gte=DUPLICATE_SIMILARITY)
        .select_related("organization")
        .order_by("-similarity", "pk")[:limit]
    )


class PersonMergeError(Exception):
    """A merge or an undo that cannot be done; the message is for the administrator."""


@dataclass(frozen=True)
class MergePlan:
    """What merging `merge` into `keep` would change, for the confirmation page and the merge.

    Each app whose records refer to people adds its part (municipalities.references); the
    lists a part names are read as attributes: `plan.attendances`, `plan.decisions`,
    `plan.secretary_of`, `plan.adjuster_of`.
    """

    keep: Person
    merge: Person
    parts: list[MergePart]
    aliases: list[str]
    new_aliases: list[str]

    def __getattr__(self, name: str) -> list[models.Model]:
        # Only reached for names that are not fields; __dict__ avoids recursing while unpickling.
        for part in self.__dict__.get("parts", ()):
            if name in part.moves:
                return part.moves[name]
        raise AttributeError(name)

    @property
    def conflicts(self) -> list[MergeConflict]:
        return [conflict for part in self.parts for conflict in part.conflicts]

    @property
    def organization_differs(self) -> bool:
        """Both have an organisation and they differ: the kept person's one stays."""
        keep, merge = self.keep.organization_id, self.merge.organization_id
        return keep is not None and merge is not None and keep != merge

    def touched(self) -> list[models.Model]:
        """Every object the merge changes or deletes, each once."""
        objects = [self.keep, self.merge, *(obj for part in self.parts for obj in part.touched)]
        return list({(type(obj), obj.pk): obj for obj in objects}.values())

    def counts(self) -> dict[str, object]:
        counts: dict[str, object] = {}
        for part in self.parts:
            counts.update(part.counts)
        return {**counts, "aliases_added": self.new_aliases}


def merged_aliases(*, keep: Person, merge: Person) -> list[str]:
    """Keep's aliases, then merge's name and aliases: each form once, never keep's own name."""
    seen = {normalize_name(keep.full_name)}
    aliases = []
    for alias in [*keep.aliases, merge.full_name, *merge.aliases]:
        text = fold_whitespace(alias)
        if text and normalize_name(text) not in seen:
            seen.add(normalize_name(text))
            aliases.append(text)
    return aliases


def person_merge_plan(*, keep: Person, merge: Person) -> MergePlan:
    """What `person_merge(keep=keep, merge=merge)` would move, delete and add. Only reads."""
    if keep.pk == merge.pk:
        raise PersonMergeError(_("A person cannot be merged with themselves."))
    aliases = merged_aliases(keep=keep, merge=merge)
    return MergePlan(
        keep=keep,
        merge=merge,
        parts=[
            references.merge_part(keep=keep, merge=merge) for references in person_references
        ],
        aliases=aliases,
        new_aliases=[alias for alias in aliases if alias not in keep.aliases],
    )


def _latest_revision(obj: models.Model) -> Revision:
    return Version.objects.get_for_object(obj).select_related("revision").first().revision


def _refuse_inside_a_revision() -> None:
    # Nested revisions merge into the outer one: the snapshot would no longer stand alone.
    if reversion.is_active():
        raise RuntimeError("Merges make revisions of their own: call outside create_revision().")


@transaction.atomic
def person_merge(*, keep: Person, merge: Person, user) -> PersonMerge:
    """Move everything of `merge` to `keep`, keep merge's name as an alias, delete `merge`.

    Attendances, decisions assigned and the meetings' secretary and adjusters move (each
    app moves its own: municipalities.references); where both attended one meeting, keep's
    attendance stays and merge's is deleted. Two
    revisions are recorded: a snapshot of every object the merge touches (what undo
    reverts to), then the merge itself, both under `user`.
    """
    _refuse_inside_a_revision()
    locked = Person.objects.select_for_update().in_bulk([keep.pk, merge.pk])
    if keep.pk not in locked or merge.pk not in locked:
        raise PersonMergeError(_("One of the two people no longer exists."))
    keep, merge = locked[keep.pk], locked[merge.pk]
    plan = person_merge_plan(keep=keep, merge=merge)
    names = {"merged": merge.full_name, "kept": keep.full_name}

    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(_("Before merging %(merged)s into %(kept)s") % names)
        for obj in plan.touched():
            reversion.add_to_revision(obj)
    before = _latest_revision(merge)

    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(_("Merged %(merged)s into %(kept)s") % names)
        for part in plan.parts:
            part.apply()
        keep.aliases = plan.aliases
        # Saved even without new aliases, so that the kept person's history shows the merge.
        keep.save()
        merged_pk = merge.pk
        merge.delete()

    return PersonMerge.objects.create(
        kept_person_id=keep.pk,
        kept_name=keep.full_name,
        merged_person_id=merged_pk,
        merged_name=names["merged"],
        moved=plan.counts(),
        before_revision=before,
        merge_revision=_latest_revision(keep),
        merged_by=user,
    )


def changed_since_merge(merge_record: PersonMerge) -> list[Version]:
    """The latest later version of each object the merge touched and history saw change.

    Another merge's snapshot changes nothing, and a later merge that was undone cancels
    out. Changes that bypass history (a re-parse of the minutes) are not seen.
    """
    before = list(merge_record.before_revision.version_set.all())
    if not before:
        return []
    touched = Q()
    for version in before:
        touched |= Q(content_type_id=version.content_type_id, object_id=version.object_id)
    neutral = set(PersonMerge.objects.values_list("before_revision_id", flat=True))
    for merge_id, undo_id in PersonMerge.objects.filter(undone_at__isnull=False).values_list(
        "merge_revision_id", "undo_revision_id"
    ):
        neutral |= {merge_id, undo_id}
    later = Version.objects.filter(touched, revision_id__gt=merge_record.merge_revision_id)
    later = later.exclude(revision_id__in=neutral - {None})
    return list(
        later.select_related("revision")
        .order_by("content_type_id", "object_id", "-pk")
        .distinct("content_type_id", "object_id")
    )


@transaction.atomic
def person_merge_undo(*, merge_record: PersonMerge, user) -> None:
    """Bring back the merged person with their old id, attendances, decisions and roles.

    Reverts the snapshot taken before the merge, as a revision of its own under `user`.
    Refused when the merge was already undone, or when anything it touched has changed in
    history since (undo that first: reverting would silently throw it away).
    """
    _refuse_inside_a_revision()
    record = PersonMerge.objects.select_for_update().get(pk=merge_record.pk)
    if record.is_undone:
        raise PersonMergeError(
            _("This merge has already been undone (%(date)s).")
            % {"date": formats.localize(timezone.localtime(record.undone_at))}
        )
    changed = changed_since_merge(record)
    if changed:
        raise PersonMergeError(
            _("The merge cannot be undone: %(objects)s changed after it. Undo those changes first.")
            % {"objects": ", ".join(version.object_repr for version in changed)}
        )
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(
            _("Undid the merge of %(merged)s into %(kept)s")
            % {"merged": record.merged_name, "kept": record.kept_name}
        )
        record.before_revision.revert(delete=False)
    merged = Version.objects.get_for_object_reference(Person, record.merged_person_id)
    record.undo_revision = merged.select_related("revision").first().revision
    record.undone_at = timezone.now()
    record.undone_by = user
    record.save(update_fields=["undo_revision", "undone_at", "undone_by"])
    merge_record.undone_at, merge_record.undone_by = record.undone_at, record.undone_by
