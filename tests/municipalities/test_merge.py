"""Merging two people into one, and undoing it: what moves, what is kept, what history says."""

from __future__ import annotations

import pytest
import reversion
from reversion.models import Version

from decisions.models import Decision
from minutes.models import Attendance, Meeting
from municipalities.models import Person, PersonMerge
from municipalities.services import (
    PersonMergeError,
    person_merge,
    person_merge_plan,
    person_merge_undo,
)

pytestmark = pytest.mark.django_db


def meetings_of(person: Person) -> set[str]:
    return set(person.attendances.values_list("meeting__title", flat=True))


def test_merge_moves_attendances_decisions_and_roles_to_the_kept_person(helenas, admin_user):
    person_merge(keep=helenas.sundberg, merge=helenas.sandberg, user=admin_user)

    sundberg = Person.objects.get(pk=helenas.sundberg.pk)
    assert not Person.objects.filter(pk=helenas.sandberg.pk).exists()
    assert meetings_of(sundberg) == {"Januarimötet", "Februarimötet", "Marsmötet"}
    assert set(sundberg.assigned_decisions.all()) == {helenas.decision, helenas.shared_decision}
    assert list(helenas.shared_decision.assigned.all()) == [sundberg]
    february = Meeting.objects.get(pk=helenas.february.pk)
    assert february.secretary == sundberg
    assert list(february.adjusters.all()) == [sundberg]
    # The attendance as the minutes wrote it is kept as written.
    moved = sundberg.attendances.get(meeting=helenas.february)
    assert moved.name_as_written == "Helena Sandberg"
    assert moved.role == Attendance.Role.SECRETARY


def test_where_both_attended_the_kept_persons_attendance_stays(helenas, admin_user):
    person_merge(keep=helenas.sundberg, merge=helenas.sandberg, user=admin_user)

    [january] = Attendance.objects.filter(meeting=helenas.january)
    assert january.person_id == helenas.sundberg.pk
    assert january.status == Attendance.Status.PRESENT
    assert january.name_as_written == "Helena Sundberg"


def test_merged_name_and_aliases_become_aliases_once_and_never_the_kept_name(
    helenas, admin_user
):
    person_merge(keep=helenas.sundberg, merge=helenas.sandberg, user=admin_user)

    sundberg = Person.objects.get(pk=helenas.sundberg.pk)
    # "helena  sundberg" is the kept name itself; "H. Sundberg" was already there.
    assert sundberg.aliases == ["H. Sundberg", "Helena Sandberg", "H. Sandberg"]
    assert sundberg.full_name == "Helena Sundberg"


def test_merge_is_recorded_with_a_snapshot_before_and_the_merge_after(helenas, admin_user):
    record = person_merge(keep=helenas.sundberg, merge=helenas.sandberg, user=admin_user)

    assert PersonMerge.objects.get() == record
    assert (record.kept_person_id, record.kept_name) == (helenas.sundberg.pk, "Helena Sundberg")
    assert (record.merged_person_id, record.merged_name) == (
        helenas.sandberg.pk,
        "Helena Sandberg",
    )
    assert record.merged_by == admin_user and record.undone_at is None
    assert record.moved == {
        "attendances": 1,
        "attendances_removed": 1,
        "decisions": 2,
        "ballots": 0,
        "statements": 0,
        "secretary": 1,
        "adjuster": 1,
        "aliases_added": ["Helena Sandberg", "H. Sandberg"],
    }
    before = record.before_revision
    assert before.comment == "Före sammanfogning av Helena Sandberg med Helena Sundberg"
    assert before.user == admin_user
    snapshot = [(v.content_type.model, v.object_repr) for v in before.version_set.all()]
    assert ("person", "Helena Sandberg") in snapshot
    assert ("person", "Helena Sundberg") in snapshot
    assert ("meeting", str(helenas.february)) in snapshot
    assert sum(model == "attendance" for model, _ in snapshot) == 2
    assert sum(model == "decision" for model, _ in snapshot) == 2
    after = record.merge_revision
    assert after.pk > before.pk
    assert after.comment == "Sammanfogade Helena Sandberg med Helena Sundberg"
    # The kept person's history shows both.
    history = Version.objects.get_for_object(helenas.sundberg).values_list(
        "revision__comment", flat=True
    )
    assert list(history) == [after.comment, before.comment]


def test_plan_lists_what_moves_without_changing_anything(helenas):
    plan = person_merge_plan(keep=helenas.sundberg, merge=helenas.sandberg)

    assert [a.meeting.title for a in plan.attendances] == ["Februarimötet"]
    assert [(c.kept.meeting.title, c.merged.status) for c in plan.conflicts] == [
        ("Januarimötet", Attendance.Status.OTHER)
    ]
    assert plan.decisions == [helenas.decision, helenas.shared_decision]
    assert plan.secretary_of == plan.adjuster_of == [helenas.february]
    assert not plan.organization_differs
    assert Person.objects.filter(pk=helenas.sandberg.pk).exists()
    assert meetings_of(helenas.sundberg) == {"Januarimötet", "Marsmötet"}


def test_a_person_cannot_be_merged_with_themselves(helenas, admin_user):
    with pytest.raises(PersonMergeError, match="inte sammanfogas med sig själv"):
        person_merge(keep=helenas.sundberg, merge=helenas.sundberg, user=admin_user)

    assert Person.objects.filter(pk=helenas.sundberg.pk).exists()


def test_undo_brings_back_the_person_with_id_attendances_decisions_and_roles(
    helenas, admin_user
):
    before_aliases = list(helenas.sundberg.aliases)
    record = person_merge(keep=helenas.sundberg, merge=helenas.sandberg, user=admin_user)

    person_merge_undo(merge_record=record, user=admin_user)

    sandberg = Person.objects.get(pk=helenas.sandberg.pk)
    sundberg = Person.objects.get(pk=helenas.sundberg.pk)
    assert sandberg.full_name == "Helena Sandberg"
    assert sandberg.organization == helenas.sandberg.organization
    assert sundberg.aliases == before_aliases
    assert meetings_of(sandberg) == {"Januarimötet", "Februarimötet"}
    assert meetings_of(sundberg) == {"Januarimötet", "Marsmötet"}
    restored = sandberg.attendances.get(meeting=helenas.january)
    assert (restored.status, restored.items) == (Attendance.Status.OTHER, [2, 3])
    assert set(sandberg.assigned_decisions.all()) == {helenas.decision, helenas.shared_decision}
    assert set(Decision.objects.get(pk=helenas.shared_decision.pk).assigned.all()) == {
        sandberg,
        sundberg,
    }
    february = Meeting.objects.get(pk=helenas.february.pk)
    assert february.secretary == sandberg
    assert list(february.adjusters.all()) == [sandberg]
    record.refresh_from_db()
    assert record.undone_by == admin_user and record.undone_at is not None
    undo = Version.objects.get_for_object(sandberg).first().revision
    assert undo.comment == "Ångrade sammanfogningen av Helena Sandberg med Helena Sundberg"
    assert undo.user == admin_user


def test_an_undone_merge_cannot_be_undone_again(helenas, admin_user):
    record = person_merge(keep=helenas.sundberg, merge=helenas.sandberg, user=admin_user)
    person_merge_undo(merge_record=record, user=admin_user)

    with pytest.raises(PersonMergeError, match="redan ångrats"):
        person_merge_undo(merge_record=record, user=admin_user)

    assert Person.objects.filter(full_name="Helena Sandberg").count() == 1


def test_undo_is_refused_when_a_moved_record_changed_after_the_merge(helenas, admin_user):
    record = person_merge(keep=helenas.sundberg, merge=helenas.sandberg, user=admin_user)
    with reversion.create_revision():
        sundberg = Person.objects.get(pk=helenas.sundberg.pk)
        sundberg.aliases = [*sundberg.aliases, "Helena S."]
        sundberg.save()

    with pytest.raises(PersonMergeError, match="Helena Sundberg har ändrats efter"):
        person_merge_undo(merge_record=record, user=admin_user)

    assert not Person.objects.filter(pk=helenas.sandberg.pk).exists()
    assert "Helena S." in Person.objects.get(pk=helenas.sundberg.pk).aliases


def test_a_second_merge_into_the_same_person_is_undone_first(helenas, admin_user):
    other = Person.objects.create(full_name="Helena Sundbergh")
    first = person_merge(keep=helenas.sundberg, merge=helenas.sandberg, user=admin_user)
    second = person_merge(keep=helenas.sundberg, merge=other, user=admin_user)

    with pytest.raises(PersonMergeError):
        person_merge_undo(merge_record=first, user=admin_user)
    person_merge_undo(merge_record=second, user=admin_user)
    person_merge_undo(merge_record=first, user=admin_user)

    assert Person.objects.filter(pk__in=[helenas.sandberg.pk, other.pk]).count() == 2
    assert Person.objects.get(pk=helenas.sundberg.pk).aliases == ["H. Sundberg"]
