"""The stored search vector: written by ingest and reparse in their transaction, rebuilt by
`manage.py rebuild_search_index`, used through its GIN index."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from decisions.models import Decision
from minutes import services
from minutes.models import AgendaItem, Meeting
from minutes.services import minutes_ingest, minutes_reparse
from parsing import parse_text
from search.index import search_index_refresh
from search.models import SearchLexeme
from search.results import search_items

pytestmark = pytest.mark.django_db

MINUTES = """Tid Torsdagen den 1 oktober 2020 kl 09.00-10.00

Deltagare

Leif Eriksson Botkyrka kommun

1. Cykelbanor
Kommunen bygger cykelbanor längs Göta kanal.

Beslut
Att Leif Eriksson utreder pendeltågsstationerna.

2. Övrigt
Inga frågor.
"""




@pytest.fixture
def meeting() -> Meeting:
    return minutes_ingest(data=MINUTES.encode(), filename="cykel.txt").meeting


def numbers(q: str) -> list[str]:
    return [item.number for item in search_items(AgendaItem.objects.all(), q).queryset]


def stems() -> dict[str, int]:
    return dict(SearchLexeme.objects.values_list("word", "items"))


def test_ingest_indexes_every_item_with_its_decisions(meeting):
    assert meeting.items.count() == 2
    assert not meeting.items.filter(search_vector__isnull=True).exists()
    assert numbers("cykelbana") == ["1"]
    assert numbers("pendeltagsstation") == ["1"]  # only in the decision
    assert numbers("fragor") == ["2"]


def test_ingest_counts_the_stems_search_expands_to(meeting):
    counted = stems()
    assert counted["cykelban"] == 1
    assert counted["pendeltagsstation"] == 1
    # Numbers and stems shorter than three letters are not expansion material.
    assert not any(word.isdigit() or len(word) < 3 for word in counted)


def test_reparse_indexes_what_the_parser_now_finds(meeting, monkeypatch):
    changed = MINUTES.replace("Cykelbanor", "Gångvägar").replace("cykelbanor", "gångvägar")
    monkeypatch.setattr(services, "minutes_parse", lambda **kwargs: parse_text(changed))

    minutes_reparse(source=meeting.source)

    assert numbers("gångväg") == ["1"]
    assert numbers("cykelbana") == []
    assert not AgendaItem.objects.filter(search_vector__isnull=True).exists()


def test_reparse_of_the_same_original_keeps_every_item_findable(meeting):
    minutes_reparse(source=meeting.source)
    assert numbers("cykelbana") == ["1"]
    assert numbers("pendeltagsstation") == ["1"]


def test_refresh_picks_up_a_changed_decision(meeting):
    decision = Decision.objects.get(item__meeting=meeting)
    decision.text = "Att bygga en cirkulationsplats."
    decision.save()
    assert numbers("cirkulationsplats") == []

    search_index_refresh(meeting_ids=[meeting.pk])

    assert numbers("cirkulationsplats") == ["1"]
    assert numbers("pendeltagsstation") == []


def test_refresh_of_no_meetings_does_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        search_index_refresh(meeting_ids=[])


def recounted() -> dict[str, int]:
    """The stem counts a full rebuild gives for what the archive holds now."""
    kept = stems()
    call_command("rebuild_search_index", "--batch-size", "1", stdout=StringIO())
    exact = stems()
    SearchLexeme.objects.all().delete()
    SearchLexeme.objects.bulk_create(SearchLexeme(word=w, items=n) for w, n in kept.items())
    return exact


def test_reparse_counts_the_stems_it_no_longer_holds_down(meeting, monkeypatch):
    other = minutes_ingest(data=MINUTES.replace("2020", "2021").encode(),
                           filename="cykel-2021.txt").meeting
    assert stems()["cykelban"] == 2
    changed = MINUTES.replace("Cykelbanor", "Gångvägar").replace("cykelbanor", "gångvägar")
    monkeypatch.setattr(services, "minutes_parse", lambda **kwargs: parse_text(changed))

    minutes_reparse(source=meeting.source)

    assert stems()["cykelban"] == 1  # only the other meeting holds it now
    assert stems()["gangvag"] == 1
    assert stems() == recounted()
    other.delete()
    assert "cykelban" not in stems()  # no item holds it: the stem is gone
    assert stems() == recounted()


def test_reparse_of_the_same_original_counts_each_stem_once(meeting):
    minutes_reparse(source=meeting.source)
    minutes_reparse(source=meeting.source)

    assert stems()["cykelban"] == 1
    assert stems() == recounted()


def test_a_corrected_decision_moves_the_counts_of_its_stems(meeting):
    decision = Decision.objects.get(item__meeting=meeting)
    decision.text = "Att bygga en cirkulationsplats."
    decision.save()

    search_index_refresh(meeting_ids=[meeting.pk])

    assert [n for word, n in stems().items() if word.startswith("cirkulationsplat")] == [1]
    assert "pendeltagsstation" not in stems()
    assert stems() == recounted()


def test_deleting_an_item_counts_its_stems_down(meeting):
    meeting.items.get(number="1").delete()

    assert "cykelban" not in stems()
    assert stems() == recounted()


def test_rebuild_restores_vectors_and_exact_stem_counts(meeting):
    SearchLexeme.objects.filter(word="cykelban").update(items=7)
    AgendaItem.objects.update(search_vector=None)
    SearchLexeme.objects.filter(word="pendeltagsstation").delete()
    out = StringIO()

    call_command("rebuild_search_index", "--batch-size", "1", stdout=out)

    assert "2 ärenden indexerade" in out.getvalue()
    assert numbers("cykelbana") == ["1"]
    assert stems()["cykelban"] == 1
    assert stems()["pendeltagsstation"] == 1


def test_rebuild_rejects_a_batch_size_of_zero():
    with pytest.raises(Exception, match="--batch-size"):
        call_command("rebuild_search_index", "--batch-size", "0")


@pytest.mark.django_db(transaction=True)
def test_rebuild_in_parallel_with_the_index_built_again(meeting):
    AgendaItem.objects.update(search_vector=None)
    out = StringIO()

    call_command("rebuild_search_index", "--jobs", "2", "--batch-size", "1",
                 "--recreate-index", "-v", "2", stdout=out)

    assert "Omgång 2 av 2 klar." in out.getvalue()
    assert "Indexet byggt på nytt" in out.getvalue()
    assert numbers("cykelbana") == ["1"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'agenda_item_search'")
        assert cursor.fetchone() == (1,)


def test_search_uses_the_gin_index(meeting):
    search = search_items(AgendaItem.objects.all(), "cykelbana")
    sql, params = search.matches.query.sql_with_params()
    with connection.cursor() as cursor:
        # As if the table were large: no reading it whole, nor a whole other index.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Bitmap Index Scan on agenda_item_search" in plan, plan


def test_search_eval_prints_the_table_for_every_layer(run_manage):
    result = run_manage("search_eval", env={"DJANGO_SETTINGS_MODULE": "config.settings.test"})

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    recall = next(line for line in lines if line.startswith("recall"))
    assert recall.split()[1:] and recall.split()[-1] == "1.00"
    assert "a swedish" in lines[0] and "d +typos" in lines[0]
