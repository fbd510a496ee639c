"""The people administration: editing, merging through the admin, undoing, permissions."""

from __future__ import annotations

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from reversion.models import Version

from minutes.models import Attendance
from municipalities.models import Person, PersonMerge
from municipalities.services import person_merge
from tests.municipalities.conftest import staff_with

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:municipalities_person_changelist")
MERGES = reverse("admin:municipalities_personmerge_changelist")


def merge_url(keep: Person, merge: Person) -> str:
    return reverse("admin:municipalities_person_merge", args=[keep.pk, merge.pk])


def undo_url(record: PersonMerge) -> str:
    return reverse("admin:municipalities_personmerge_undo", args=[record.pk])


@pytest.fixture
def signed_in(client, admin_user):
    client.force_login(admin_user)
    return client


def test_person_form_takes_aliases_one_per_line_and_derives_the_normalised_name(signed_in):
    person = Person.objects.create(full_name="Karin Lundqvist")
    url = reverse("admin:municipalities_person_change", args=[person.pk])

    page = signed_in.get(url)
    assert '<textarea name="aliases"' in page.content.decode()
    response = signed_in.post(
        url,
        {
            "full_name": "Karin  Lundkvist",
            "organization": "",
            "aliases": "Lundqvist, Karin\n\n  K. Lundqvist \nk. lundqvist\nkarin lundkvist",
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    person.refresh_from_db()
    assert person.full_name == "Karin  Lundkvist"
    assert person.normalized_name == "karin lundkvist"
    # One per line: the comma stays in the name; repeats and the own name are dropped.
    assert person.aliases == ["Lundqvist, Karin", "K. Lundqvist"]
    assert "Lundqvist, Karin\nK. Lundqvist" in signed_in.get(url).content.decode()


def test_an_admin_edit_is_recorded_with_user_and_comment_and_can_be_reverted(
    signed_in, admin_user
):
    person = Person.objects.create(full_name="Karin Lundqvist")
    url = reverse("admin:municipalities_person_change", args=[person.pk])
    signed_in.post(url, {"full_name": "Karin Lundkvist", "organization": "", "aliases": ""})

    versions = list(Version.objects.get_for_object(person).select_related("revision"))
    # The state as archived first, then the change, both by the administrator.
    assert [v.revision.user for v in versions] == [admin_user, admin_user]
    assert "Ändrade" in versions[0].revision.get_comment()
    assert versions[1].field_dict["full_name"] == "Karin Lundqvist"
    history = signed_in.get(reverse("admin:municipalities_person_history", args=[person.pk]))
    assert versions[1].revision.comment in history.content.decode()

    revert = reverse("admin:municipalities_person_revision", args=[person.pk, versions[1].pk])
    form = signed_in.get(revert)
    assert 'value="Karin Lundqvist"' in form.content.decode()
    signed_in.post(revert, {"full_name": "Karin Lundqvist", "organization": "", "aliases": ""})

    person.refresh_from_db()
    assert person.full_name == "Karin Lundqvist"


def test_a_deleted_person_can_be_recovered_with_their_assignments(signed_in, helenas):
    lone = Person.objects.create(full_name="Lone Wolf")
    helenas.decision.assigned.add(lone)
    delete = reverse("admin:municipalities_person_delete", args=[lone.pk])

    signed_in.post(delete, {"post": "yes"})
    assert not Person.objects.filter(pk=lone.pk).exists()
    recover_list = signed_in.get(reverse("admin:municipalities_person_recoverlist"))
    [version] = recover_list.context["deleted"]
    assert version.object_repr == "Lone Wolf"
    recover = reverse("admin:municipalities_person_recover", args=[version.pk])
    signed_in.post(recover, {"full_name": "Lone Wolf", "organization": "", "aliases": ""})

    assert Person.objects.filter(pk=lone.pk).exists()
    assert lone in helenas.decision.assigned.all()


def test_changelist_action_on_two_people_opens_the_merge_page(signed_in, helenas):
    response = signed_in.post(
        CHANGELIST,
        {
            "action": "merge_two",
            "_selected_action": [helenas.sundberg.pk, helenas.sandberg.pk],
        },
    )

    # Both attended twice; the older record is kept unless the administrator swaps.
    assert response.status_code == 302
    assert response["Location"] == merge_url(helenas.sundberg, helenas.sandberg)


def test_changelist_action_needs_exactly_two_people(signed_in, helenas):
    response = signed_in.post(
        CHANGELIST,
        {"action": "merge_two", "_selected_action": [helenas.sundberg.pk]},
        follow=True,
    )

    assert "Välj exakt två personer att sammanfoga." in response.content.decode()
    assert Person.objects.count() == 2


def test_merge_page_lists_what_moves_and_changes_nothing(signed_in, helenas):
    response = signed_in.get(merge_url(helenas.sundberg, helenas.sandberg))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Sammanfoga Helena Sandberg med Helena Sundberg" in html
    assert "Ledningsgruppen 2019-02-14" in html  # the meeting whose attendance moves
    assert "Båda var med på Ledningsgruppen 2019-01-10" in html
    assert "Trafikverket återkommer." in html
    assert "Sekreterare på Ledningsgruppen 2019-02-14" in html
    assert "Justerare på Ledningsgruppen 2019-02-14" in html
    assert "H. Sandberg (ny)" in html
    assert merge_url(helenas.sandberg, helenas.sundberg) in html  # keep the other instead
    assert Person.objects.count() == 2


def test_merge_page_post_merges_and_offers_undo(signed_in, helenas, admin_user):
    response = signed_in.post(merge_url(helenas.sundberg, helenas.sandberg), follow=True)

    record = PersonMerge.objects.get()
    assert response.redirect_chain[-1][0] == reverse(
        "admin:municipalities_person_change", args=[helenas.sundberg.pk]
    )
    html = response.content.decode()
    assert "Helena Sandberg har sammanfogats med Helena Sundberg." in html
    assert undo_url(record) in html
    assert "Helena Sandberg\nH. Sandberg" in html  # the aliases field
    assert not Person.objects.filter(pk=helenas.sandberg.pk).exists()
    entry = LogEntry.objects.get(object_id=str(helenas.sundberg.pk))
    assert entry.user == admin_user


def test_merge_records_list_and_undo_page_bring_the_person_back(signed_in, helenas, admin_user):
    record = person_merge(keep=helenas.sundberg, merge=helenas.sandberg, user=admin_user)

    listing = signed_in.get(MERGES).content.decode()
    assert "Helena Sandberg" in listing and undo_url(record) in listing
    confirm = signed_in.get(undo_url(record))
    assert confirm.status_code == 200
    assert "Ångra sammanfogningen av Helena Sandberg med Helena Sundberg" in (
        confirm.content.decode()
    )
    assert Person.objects.filter(pk=helenas.sandberg.pk).count() == 0
    done = signed_in.post(undo_url(record), follow=True)

    assert "är två personer igen" in done.content.decode()
    assert Person.objects.filter(pk=helenas.sandberg.pk).exists()
    assert Attendance.objects.filter(person=helenas.sandberg).count() == 2
    assert "Ångrad" in signed_in.get(MERGES).content.decode()


def test_a_second_undo_is_refused_with_a_swedish_message(signed_in, helenas, admin_user):
    record = person_merge(keep=helenas.sundberg, merge=helenas.sandberg, user=admin_user)
    signed_in.post(undo_url(record))

    again = signed_in.post(undo_url(record), follow=True)

    assert "Sammanfogningen har redan ångrats" in again.content.decode()
    assert Person.objects.filter(full_name="Helena Sandberg").count() == 1


def test_reverting_a_merge_snapshot_in_the_history_leads_to_the_undo_page(
    signed_in, helenas, admin_user
):
    record = person_merge(keep=helenas.sundberg, merge=helenas.sandberg, user=admin_user)
    version = record.before_revision.version_set.get(object_id=str(helenas.sundberg.pk))
    revert = reverse(
        "admin:municipalities_person_revision", args=[helenas.sundberg.pk, version.pk]
    )

    response = signed_in.post(revert, {"full_name": "Helena Sundberg"})

    assert response["Location"] == undo_url(record)
    assert not Person.objects.filter(pk=helenas.sandberg.pk).exists()


@pytest.mark.parametrize(
    "codenames",
    [("view_person", "change_person"), ("view_person", "delete_person")],
)
def test_merging_and_undoing_need_change_and_delete_permission(
    client, helenas, admin_user, codenames
):
    record = person_merge(
        keep=helenas.sundberg, merge=Person.objects.create(full_name="Helena S"), user=admin_user
    )
    client.force_login(staff_with(*codenames))

    assert client.get(merge_url(helenas.sundberg, helenas.sandberg)).status_code == 403
    assert client.post(merge_url(helenas.sundberg, helenas.sandberg)).status_code == 403
    assert client.post(undo_url(record)).status_code == 403
    assert Person.objects.filter(pk=helenas.sandberg.pk).exists()
    assert PersonMerge.objects.get().undone_at is None


def test_change_and_delete_permission_is_enough_to_merge(client, helenas):
    client.force_login(staff_with("view_person", "change_person", "delete_person"))

    page = client.get(merge_url(helenas.sundberg, helenas.sandberg))
    client.post(merge_url(helenas.sundberg, helenas.sandberg))

    assert page.status_code == 200
    assert not Person.objects.filter(pk=helenas.sandberg.pk).exists()
    assert client.get(MERGES).status_code == 200


def test_person_list_finds_a_person_by_an_alias(signed_in, helenas):
    response = signed_in.get(CHANGELIST, {"q": "H. Sandberg"})

    assert [person.full_name for person in response.context["cl"].result_list] == [
        "Helena Sandberg"
    ]


def test_person_list_links_to_duplicates_and_merges_for_who_may_merge(signed_in, client):
    html = signed_in.get(CHANGELIST).content.decode()
    assert reverse("admin:municipalities_person_near_duplicates") in html
    assert MERGES in html

    client.force_login(staff_with("view_person", "change_person", username="corrector"))
    html = client.get(CHANGELIST).content.decode()
    assert reverse("admin:municipalities_person_near_duplicates") in html
    assert MERGES not in html
