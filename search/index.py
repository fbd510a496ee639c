"""The stored search vector of agenda items and the table of stems, kept with set-based SQL.

An item's vector weighs its words by where they stand: A the item's title and case number
("KS 2024/123", so that searching the number finds the paragraph), B its decisions
(sub-heading and text), C its text. Meeting-wide text (the meeting's title, the body's
name) is left out on purpose: it would make every item of a meeting match a word such as
"protokoll", and the body is a filter of its own.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.db import connection, transaction

from minutes.models import AgendaItem
from search.tsquery import CONFIG

# Each field is cut to this many characters before it is indexed: a tsvector holds at most
# 1 MB and positions end at 16,383 anyway, and a broken document must not fail its ingest.
MAX_FIELD_CHARS = 100_000
# Stems worth expanding a query to: letters only (no numbers, no "e4/e20"), 3 to 60 of them.
LEXEME_PATTERN = "^[[:alpha:]]{3,60}$"
# Weights for ts_rank_cd, in PostgreSQL's order {D, C, B, A}: title 1.0, decisions 0.5,
# text 0.2 (D is unused).
RANK_WEIGHTS = [0.1, 0.2, 0.5, 1.0]

_DECISIONS_SQL = """
    SELECT i.id AS item_id,
           string_agg(concat_ws(' ', nullif(d.heading, ''), d.text), E'\\n' ORDER BY d."order")
               AS decisions
    FROM minutes_agendaitem AS i
    LEFT JOIN decisions_decision AS d ON d.item_id = i.id
    WHERE {where}
    GROUP BY i.id
"""


def vector_sql(config: str = CONFIG) -> str:
    """The vector of `item` with its decisions' text in `agg.decisions`."""
    def field(sql: str, weight: str) -> str:
        return (
            f"setweight(to_tsvector('{config}'::regconfig, left({sql}, {MAX_FIELD_CHARS})), "
            f"'{weight}')"
        )

    return " || ".join([
        field("item.title", "A"),
        field("item.case_number", "A"),
        field("coalesce(agg.decisions, '')", "B"),
        field("item.text", "C"),
    ])


def _update_sql(where: str) -> str:
    """`where` selects the items, as a condition on the alias `{item}`, used twice so that
    both sides of the join read only the items to update."""
    return f"""
        UPDATE minutes_agendaitem AS item SET search_vector = {vector_sql()}
        FROM ({_DECISIONS_SQL.format(where=where.format(item="i"))}) AS agg
        WHERE item.id = agg.item_id AND {where.format(item="item")}
    """


# Stem counts follow the vectors (one mechanism, in the database's own statements):
# - a refresh counts, in the statement that writes the new vectors, the stems they gain
#   against the vectors they replace (the CTE `old` reads the rows as they were when the
#   statement began): up for the new, down for the old;
# - deleting items (a re-parse, an admin delete, a meeting deleted) counts their stems down
#   in a statement trigger (minutes migration 0011);
# - a stem no item holds any more is deleted;
# - `search_index_rebuild` recounts everything from scratch.
# Stems are locked in word order before they are changed, so concurrent writers of shared
# stems wait for each other instead of deadlocking.
_REFRESH_SQL = f"""
    WITH old AS (
        SELECT item.id, item.search_vector FROM minutes_agendaitem AS item
        WHERE item.meeting_id = ANY(%(meetings)s)
    ),
    updated AS ({_update_sql("{item}.meeting_id = ANY(%(meetings)s)")}
        RETURNING item.search_vector
    ),
    delta AS (
        SELECT stem, sum(change)::integer AS change FROM (
            SELECT stem, 1 AS change
            FROM updated CROSS JOIN LATERAL unnest(tsvector_to_array(updated.search_vector))
                AS stem
            UNION ALL
            SELECT stem, -1
            FROM old CROSS JOIN LATERAL unnest(tsvector_to_array(old.search_vector)) AS stem
        ) AS changes
        WHERE stem ~ '{LEXEME_PATTERN}'
        GROUP BY stem
        HAVING sum(change) <> 0
    ),
    locked AS (
        SELECT word FROM minutes_searchlexeme
        WHERE word IN (SELECT stem FROM delta) ORDER BY word FOR UPDATE
    ),
    counted_up AS (
        INSERT INTO minutes_searchlexeme (word, items)
        SELECT stem, change FROM delta
        WHERE change > 0 AND (SELECT count(*) FROM locked) >= 0
        ORDER BY stem
        ON CONFLICT (word) DO UPDATE SET items = minutes_searchlexeme.items + excluded.items
    ),
    counted_down AS (
        UPDATE minutes_searchlexeme AS lexeme
        SET items = greatest(lexeme.items + delta.change, 0)
        FROM delta JOIN locked ON locked.word = delta.stem
        WHERE lexeme.word = delta.stem AND delta.change < 0
        RETURNING lexeme.word, lexeme.items
    )
    SELECT word FROM counted_down WHERE items = 0
"""
_UNUSED_STEMS_SQL = "DELETE FROM minutes_searchlexeme WHERE word = ANY(%(words)s) AND items = 0"

# The stems of a range of items, counted by ts_stat (faster than unnest over many vectors).
_BATCH_STEMS_SQL = f"""
    SELECT word, ndoc FROM ts_stat(%(vectors)s) WHERE word ~ '{LEXEME_PATTERN}'
"""


def search_index_refresh(*, meeting_ids: Iterable[int]) -> None:
    """Index the agenda items of these meetings, with their decisions, and count their stems
    up and down (above).

    Call it in the transaction that creates or changes the items, after their decisions
    are written.
    """
    ids = sorted({int(pk) for pk in meeting_ids})
    if not ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(_REFRESH_SQL, {"meetings": ids})
        unused = [word for (word,) in cursor.fetchall()]
        if unused:
            cursor.execute(_UNUSED_STEMS_SQL, {"words": unused})


@dataclass(frozen=True)
class RebuildReport:
    items: int
    lexemes: int
    vectors_seconds: float
    index_seconds: float
    lexemes_seconds: float


def search_index_rebuild(
    *,
    batch_size: int = 20_000,
    jobs: int = 1,
    recreate_index: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> RebuildReport:
    """Recompute every item's vector in batches of ids, then recount the stem table.

    Each batch commits on its own, so search keeps working during the rebuild (with old
    vectors for items not yet reached). `jobs` batches run at once on their own connections.
    With `recreate_index` the GIN index is dropped first and built again at the end, which
    is faster for a full rebuild but leaves search slow until it is done.
    `progress(done, total)` is called after each batch.
    """
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT min(id), max(id), count(*) FROM minutes_agendaitem")
        low, high, count = cursor.fetchone()
    index = _vector_index()
    if recreate_index:
        with connection.schema_editor() as editor:
            editor.remove_index(AgendaItem, index)
    batches = [] if low is None else [
        (start, min(start + batch_size - 1, high)) for start in range(low, high + 1, batch_size)
    ]
    stems: Counter[str] = Counter()
    for done, counted in enumerate(_run_batches(batches, jobs=jobs), start=1):
        stems.update(counted)
        if progress is not None:
            progress(done, len(batches))
    vectors_done = time.perf_counter()
    if recreate_index:
        with connection.schema_editor() as editor:
            editor.add_index(AgendaItem, index)
    index_done = time.perf_counter()
    words = sorted(stems)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM minutes_searchlexeme")
        cursor.execute(
            "INSERT INTO minutes_searchlexeme (word, items) "
            "SELECT * FROM unnest(%s::text[], %s::integer[])",
            [words, [stems[word] for word in words]],
        )
    return RebuildReport(
        items=count,
        lexemes=len(words),
        vectors_seconds=vectors_done - started,
        index_seconds=index_done - vectors_done,
        lexemes_seconds=time.perf_counter() - index_done,
    )


def _run_batches(batches: list[tuple[int, int]], *, jobs: int) -> Iterable[dict[str, int]]:
    if jobs <= 1:
        # On the caller's connection, so a rebuild inside a transaction sees its rows.
        return map(_rebuild_batch, batches)
    pool = ThreadPoolExecutor(max_workers=jobs)
    return _drain(pool, pool.map(_threaded_batch, batches))


def _drain(pool: ThreadPoolExecutor, results: Iterable[dict[str, int]]):
    with pool:
        yield from results


def _rebuild_batch(bounds: tuple[int, int]) -> dict[str, int]:
    """Index one range of ids; the counts of the stems its items hold."""
    low, high = int(bounds[0]), int(bounds[1])
    # ts_stat takes a query as text; only these two integers go into it.
    vectors = f"SELECT search_vector FROM minutes_agendaitem WHERE id BETWEEN {low} AND {high}"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            _update_sql("{item}.id BETWEEN %(low)s AND %(high)s"), {"low": low, "high": high}
        )
        cursor.execute(_BATCH_STEMS_SQL, {"vectors": vectors})
        return dict(cursor.fetchall())


def _threaded_batch(bounds: tuple[int, int]) -> dict[str, int]:
    try:
        return _rebuild_batch(bounds)
    finally:
        # A worker thread has a connection of its own; close it before the thread goes.
        connection.close()


def _vector_index():
    return next(i for i in AgendaItem._meta.indexes if i.name == "agenda_item_search")
