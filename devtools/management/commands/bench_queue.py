"""`manage.py bench_queue`: how long an upload waits to be read, and how many files one
worker reads a minute (issue 15). Prints the figures; fails on none.

    make bench-queue                         # config.settings.bench: the minutes_bench database
    manage.py bench_queue --files 30 --scans 2

A real worker (`manage.py procrastinate worker --concurrency 1`) runs in a process of its
own, as `make run` starts it. Synthetic minutes (devtools/bench) are received as an upload
receives them (`minutes.uploads.upload_receive`) and queued; the time from receipt to
"read: ready to check" is taken for a text file, a PDF and a scan (a PDF rasterised by
Ghostscript, read by OCR), then a batch of PDFs measures files per minute. The uploads it
made are deleted with their files afterwards.
"""

from __future__ import annotations

import json
import os
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from devtools.bench import minutes_pdf, minutes_text, synthetic_meeting
from devtools.bench.database import database_ensure
from minutes.models import SourceDocument
from minutes.uploads import upload_receive

REPO_ROOT = Path(__file__).resolve().parents[3]
OUT = REPO_ROOT / "var" / "bench"
WAITING = ("queued", "parsing")
# Seeds far from those the main benchmark grows the archive with.
SEED = 7_015


class Command(BaseCommand):
    help = "Time uploads through the task queue's worker: seconds to 'read', files a minute."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--rounds", type=int, default=3,
                            help="Uploads timed one at a time per kind (default 3).")
        parser.add_argument("--files", type=int, default=20,
                            help="PDFs queued at once for the throughput (default 20).")
        parser.add_argument("--scans", type=int, default=1,
                            help="Scans timed one at a time (default 1; 0 skips OCR).")
        parser.add_argument("--timeout", type=int, default=900,
                            help="Seconds to wait for the worker (default 900).")

    def handle(self, *args, **options) -> None:
        from django.core.management import call_command

        database_ensure()  # the benchmark's own database, made on first use
        call_command("migrate", verbosity=0)
        self.timeout = options["timeout"]
        self.made: list[int] = []
        worker = self._worker_start()
        results: dict = {"worker_concurrency": 1, "cores": os.cpu_count()}
        try:
            index = 0

            def document(kind: str) -> tuple[str, bytes]:
                nonlocal index
                index += 1
                meeting = synthetic_meeting(seed=SEED, index=index + int(time.time()) % 100_000)
                if kind == "text":
                    return f"bench-{index}.txt", minutes_text(meeting).encode()
                pdf = minutes_pdf(meeting)
                if kind == "scan":
                    from devtools.bench.scan import scanned_pdf

                    return f"bench-{index}-scan.pdf", scanned_pdf(pdf)
                return f"bench-{index}.pdf", pdf

            rows = []
            for kind, rounds in (("text", options["rounds"]), ("pdf", options["rounds"]),
                                 ("scan", options["scans"])):
                if rounds <= 0:
                    continue
                try:
                    times = [self._one(*document(kind), worker) for _ in range(rounds)]
                except RuntimeError as error:  # no Ghostscript for the scans
                    rows.append((kind, f"skipped: {error}"))
                    continue
                results[f"upload_to_read_{kind}_s"] = round(statistics.median(times), 2)
                rows.append((kind, f"{statistics.median(times):.2f} s (median of {rounds}; "
                                   f"{min(times):.2f}-{max(times):.2f})"))
            self.stdout.write("Upload to 'read: ready to check', one file at a time:")
            for kind, figure in rows:
                self.stdout.write(f"  {kind:5} {figure}")

            if options["files"] > 0:
                batch = [document("pdf") for _ in range(options["files"])]
                started = time.monotonic()
                sources = [self._receive(name, data) for name, data in batch]
                self._wait(sources, worker)
                elapsed = time.monotonic() - started
                per_minute = len(sources) / elapsed * 60
                results["pdfs_per_minute_one_worker"] = round(per_minute, 1)
                self.stdout.write(
                    f"Throughput: {len(sources)} PDFs queued at once, read in {elapsed:.1f} s "
                    f"by one worker: {per_minute:.1f} files a minute."
                )
        finally:
            self._worker_stop(worker)
            self._clean_up()
        OUT.mkdir(parents=True, exist_ok=True)
        (OUT / "queue.json").write_text(json.dumps(results, indent=2) + "\n")
        self.stdout.write(f"Figures written to {OUT / 'queue.json'}.")

    # --- the worker ------------------------------------------------------------------------

    def _worker_start(self) -> subprocess.Popen:
        log = (OUT / "queue-worker.log")
        OUT.mkdir(parents=True, exist_ok=True)
        return subprocess.Popen(
            [sys.executable, "manage.py", "procrastinate", "worker", "--concurrency", "1",
             "--delete-jobs", "successful"],
            cwd=REPO_ROOT,
            env={**os.environ, "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE},
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def _worker_stop(self, worker: subprocess.Popen) -> None:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGTERM)
            try:
                worker.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(worker.pid, signal.SIGKILL)

    # --- uploads -----------------------------------------------------------------------------

    def _receive(self, name: str, data: bytes) -> SourceDocument:
        received = upload_receive(data=data, filename=name, body_name="", user=None)
        self.made.append(received.source.pk)
        return received.source

    def _one(self, name: str, data: bytes, worker: subprocess.Popen) -> float:
        started = time.monotonic()
        source = self._receive(name, data)
        self._wait([source], worker)
        return time.monotonic() - started

    def _wait(self, sources: list[SourceDocument], worker: subprocess.Popen) -> None:
        deadline = time.monotonic() + self.timeout
        pks = [source.pk for source in sources]
        while True:
            states = list(SourceDocument.objects.filter(pk__in=pks)
                          .values_list("original_name", "status", "error"))
            if all(status not in WAITING for _name, status, _error in states):
                break
            if worker.poll() is not None:
                raise CommandError("The worker stopped: see var/bench/queue-worker.log.")
            if time.monotonic() > deadline:
                raise CommandError(f"The worker took longer than {self.timeout} s.")
            time.sleep(0.05)
        failed = [(name, error) for name, status, error in states if status != "pending"]
        if failed:
            raise CommandError(f"Not read: {failed}")

    def _clean_up(self) -> None:
        for source in SourceDocument.objects.filter(pk__in=self.made):
            for field in (source.file, source.ocr_file):
                if field:
                    default_storage.delete(field.name)
            for page in source.pages or []:
                name = page.get("name") if isinstance(page, dict) else None
                if name:
                    default_storage.delete(name)
            source.delete()
        connection.close()
