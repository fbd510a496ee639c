"""Running the task queue's jobs inside a test, as a worker would.

A test's database work is one transaction nobody else sees, so Procrastinate's own worker
(its own connections) cannot run the jobs a test queued. `jobs_run` takes them from the
real queue table (Procrastinate's procedures fetch them, with their locks respected) and runs
each task in this process and transaction, in the order queued. Tests of the real worker,
in its own process, are tests/minutes/queue/test_worker.py.
"""

from __future__ import annotations

import inspect
import json

from asgiref.sync import async_to_sync
from django.db import connection
from procrastinate.contrib.django import app

TEST_WORKER = "tests.jobs"


def jobs_queued(task_name: str | None = None) -> list[tuple[str, dict]]:
    """The (task name, arguments) of the jobs waiting, oldest first."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT task_name, args FROM procrastinate_jobs WHERE status = 'todo' "
            "AND (%s::varchar IS NULL OR task_name = %s) ORDER BY id",
            [task_name, task_name],
        )
        return [(name, json.loads(args) if isinstance(args, str) else args)
                for name, args in cursor.fetchall()]


def jobs_run(*, limit: int = 100) -> int:
    """Run the waiting jobs (and those they queue) here; returns how many ran."""
    ran = 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT procrastinate_register_worker_v1()")
        worker_id = cursor.fetchone()[0]
    try:
        while ran < limit:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT id, task_name, args FROM procrastinate_fetch_job_v2(NULL, %s)",
                    [worker_id],
                )
                job_id, task_name, args = cursor.fetchone()
            if job_id is None:
                break
            task = app.tasks[task_name]
            if isinstance(args, str):  # the connection may hand jsonb over as text
                args = json.loads(args)
            if inspect.iscoroutinefunction(task.func):
                async_to_sync(task.func)(**args)
            else:
                task.func(**args)
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT procrastinate_finish_job_v1(%s, 'succeeded', false)", [job_id]
                )
            ran += 1
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT procrastinate_unregister_worker_v1(%s)", [worker_id])
    return ran
