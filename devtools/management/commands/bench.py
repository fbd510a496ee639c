"""`manage.py bench` (`make bench`): the archive at scale, measured against issue 6's targets.

Run with DJANGO_SETTINGS_MODULE=config.settings.bench: its own database, grown once to
BENCH_ITEMS agenda items and kept between runs. Prints a table per step and writes every
figure to var/bench/latest.json.
"""

from __future__ import annotations

import json
import os
import platform
import random
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client

from devtools.bench import measure
from devtools.bench.database import database_ensure, database_recreate, meetings_in
from devtools.bench.grow import archive_grow
from minutes.models import AgendaItem, Meeting
from search.index import search_index_rebuild

STEPS = ("ingest", "grow", "rebuild", "search", "pages", "compare", "load")
OUT = Path(settings.BASE_DIR) / "var" / "bench"


class Command(BaseCommand):
    help = "Benchmark the archive at BENCH_ITEMS agenda items and compare with the targets."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--items", type=int, default=int(os.environ.get(
            "BENCH_ITEMS", "1000000")), help="Agenda items to grow the database to "
            "(default: BENCH_ITEMS, or 1,000,000).")
        parser.add_argument("--seed", type=int, default=1, help="Generator seed (default 1).")
        parser.add_argument("--rounds", type=int, default=10,
                            help="Timed requests per URL (default 10).")
        parser.add_argument("--documents", type=int, default=2000,
                            help="Generated text minutes to ingest in step 1 (default 2000).")
        parser.add_argument("--pdfs", type=int, default=100,
                            help="Generated PDFs to ingest in step 1 (default 100).")
        parser.add_argument("--scans", type=int, default=10,
                            help="Generated scanned PDFs to OCR in step 1 (default 10; 0 "
                            "skips OCR).")
        parser.add_argument("--steps", default=",".join(STEPS),
                            help=f"Steps to run, comma-separated, of {', '.join(STEPS)}.")
        parser.add_argument("--out", type=Path, default=OUT,
                            help="Folder for latest.json (default var/bench).")
        parser.add_argument("--rebuild", action="store_true",
                            help="Rebuild the search index even when the database did not grow.")

    def handle(self, *args, **options) -> None:
        steps = [s for s in options["steps"].split(",") if s]
        # Before anything opens the connection: on a fresh checkout the database is missing.
        if database_ensure() and options["verbosity"]:
            self.stdout.write(f"Created the database {connection.settings_dict['NAME']}.")
        self.results: dict = {"machine": _machine(), "items_target": options["items"]}
        self.out = options["out"]
        self.out.mkdir(parents=True, exist_ok=True)
        call_command("migrate", verbosity=0)
        grew = False
        if "ingest" in steps:
            self.step_ingest(options)
        if "grow" in steps:
            grew = self.step_grow(options)
        if "rebuild" in steps and (grew or options["rebuild"] or not _indexed()):
            self.step_rebuild()
        self.results["sizes"] = _sizes()
        self.results["items"] = AgendaItem.objects.count()
        if "search" in steps:
            self.step_search(options)
        if "pages" in steps:
            self.step_pages(options)
        if "compare" in steps:
            self.step_compare(options)
        if "load" in steps:
            self.step_load(options)
        self.carry_over(steps)
        self.results["targets"] = targets(self.results)
        (self.out / "latest.json").write_text(
            json.dumps(self.results, indent=2, ensure_ascii=False)
        )
        self.print_targets()

    def carry_over(self, steps: list[str]) -> None:
        """Figures of steps not run this time come from the last run, and say so: the
        growth and the rebuild run once, the later steps as often as wanted."""
        previous_file = self.out / "latest.json"
        if not previous_file.exists():
            return
        try:
            previous = json.loads(previous_file.read_text())
        except ValueError:
            return
        carried = []
        for key, step in (("ingest", "ingest"), ("grow", "grow"), ("rebuild", "rebuild"),
                          ("search", "search"), ("pages", "pages"), ("compare", "compare"),
                          ("load", "load")):
            if key not in self.results and step not in steps and key in previous:
                self.results[key] = previous[key]
                carried.append(key)
        if carried:
            self.results["carried_over_from_previous_run"] = carried

    # Step 1: ingest through `manage.py ingest`, on a scratch database of its own; then OCR.
    def step_ingest(self, options) -> None:
        self.say("1. ingest")
        seed = options["seed"] + 1000  # other meetings than the grown archive's
        if options["documents"] or options["pdfs"]:
            self.results["ingest"] = self.ingest_files(options, seed)
        else:  # OCR alone (--documents 0 --pdfs 0): no scratch database
            self.results["ingest"] = {"documents": 0, "pdfs": 0}
        self.show(self.results["ingest"])
        self.results["ingest"]["ocr"] = ocr = ocr_scans(options["scans"], seed)
        self.show({key if key.startswith("ocr") else f"ocr_{key}": value
                   for key, value in ocr.items()})

    def ingest_files(self, options, seed: int) -> dict:
        """Generated text minutes, then generated PDFs, through `manage.py ingest`."""
        from devtools.bench import minutes_pdf, minutes_text, synthetic_meeting

        work = Path(tempfile.mkdtemp(prefix="bench-docs-", dir=self.out))
        # Side by side, not one inside the other: ingest searches folders recursively.
        folder, pdf_folder = work / "txt", work / "pdf"
        folder.mkdir()
        pdf_folder.mkdir()
        for index in range(options["documents"]):
            text = minutes_text(synthetic_meeting(seed, index))
            (folder / f"{index:06d}.txt").write_text(text, encoding="utf-8")
        pages = 0
        for index in range(options["pdfs"]):
            data = minutes_pdf(synthetic_meeting(seed, 100_000 + index))
            pages += data.count(b"/Type /Page") - data.count(b"/Type /Pages")
            (pdf_folder / f"{index:06d}.pdf").write_bytes(data)
        scratch = f"{connection.settings_dict['NAME']}_ingest"
        env = {**os.environ, "BENCH_DATABASE_URL": _url(scratch),
               "DJANGO_SETTINGS_MODULE": "config.settings.bench"}
        database_recreate(scratch)
        _manage(["migrate", "-v0"], env)
        jobs = ["--jobs", "2"] if "--jobs" in _manage(["ingest", "--help"], env).stdout else []
        texts = _timed_manage(["ingest", *jobs, "-v0", str(folder)], env)
        texts_stored = meetings_in(scratch)
        pdfs = _timed_manage(["ingest", *jobs, "-v0", str(pdf_folder)], env)
        pdfs_stored = meetings_in(scratch) - texts_stored
        shutil.rmtree(work, ignore_errors=True)
        return {
            "documents": options["documents"],
            "jobs": 2 if jobs else 1,
            "seconds": round(texts["seconds"], 1),
            "documents_per_second": round(options["documents"] / texts["seconds"], 1),
            "peak_rss_mb": texts["peak_rss_mb"],
            "exit_status": texts["status"],
            "documents_stored": texts_stored,
            "pdfs": options["pdfs"],
            "pdfs_stored": pdfs_stored,
            "pdf_pages": pages,
            "pdf_seconds": round(pdfs["seconds"], 1),
            "pdf_pages_per_second": round(pages / pdfs["seconds"], 1),
            "pdf_exit_status": pdfs["status"],
        }

    # Step 2: grow by bulk insert to the target.
    def step_grow(self, options) -> bool:
        self.say("2. grow")
        report = archive_grow(target_items=options["items"], seed=options["seed"], jobs=2,
                              progress=self.progress)
        self.results["grow"] = {
            "items_before": report.items_before, "items_after": report.items_after,
            "meetings_added": report.meetings_added, "seconds": round(report.seconds, 1),
        }
        self.show(self.results["grow"])
        return report.meetings_added > 0

    def step_rebuild(self) -> None:
        self.say("2b. full search-index rebuild")
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '1GB'")
        started = time.perf_counter()
        report = search_index_rebuild(jobs=2, recreate_index=True, progress=self.progress)
        seconds = time.perf_counter() - started
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        self.results["rebuild"] = {
            "items": report.items, "lexemes": report.lexemes, "seconds": round(seconds, 1),
            "vectors_seconds": round(report.vectors_seconds, 1),
            "index_seconds": round(report.index_seconds, 1),
        }
        self.show(self.results["rebuild"])

    # Step 3: the query mix through the search view.
    def step_search(self, options) -> None:
        self.say("3. search page")
        client = measure.official_client()
        mix = measure.query_mix(self.results["items"])
        self.results["search"] = {}
        for name, urls in mix.items():
            timing = measure.time_requests(client, urls, rounds=options["rounds"],
                                           timing=measure.Timing(name))
            summary = timing.summary()
            summary["queries"] = [url.split("?", 1)[1] for url in urls]
            summary["hits"] = [_url_hits(url) for url in urls]
            summary["signed_in_queries"] = _signed_in_queries(client)
            self.results["search"][name] = summary
            self.show({name: {k: v for k, v in summary.items() if k != "queries"}})

    # Step 4: the meeting page and the decision register.
    def step_pages(self, options) -> None:
        self.say("4. meeting page and register")
        client = measure.official_client()
        rng = random.Random(options["seed"])
        ids = list(Meeting.objects.order_by("pk").values_list("pk", flat=True))
        meetings = [f"/moten/{pk}/" for pk in rng.sample(ids, min(20, len(ids)))]
        register = ["/decisions/", "/decisions/?page=3", "/decisions/?year=2010",
                    f"/decisions/?body={Meeting.objects.first().body_id}"]
        self.results["pages"] = {}
        for name, urls in (("meeting", meetings), ("register", register)):
            timing = measure.time_requests(client, urls, rounds=options["rounds"],
                                           timing=measure.Timing(name))
            self.results["pages"][name] = timing.summary()
        self.show(self.results["pages"])

    # Step 5: the naive way and the framework's floor, side by side.
    def step_compare(self, options) -> None:
        self.say("5. naive icontains and hello world")
        words = [u.split("q=", 1)[1].split("&")[0] for u in measure.query_mix(
            self.results["items"]).get("selective", [])][:5]
        rounds = max(3, options["rounds"] // 3)
        ours = [t for w in words for t in measure.time_calls(lambda w=w: measure.ours_hits(w),
                                                              rounds)]
        naive = [t for w in words for t in measure.time_calls(
            lambda w=w: measure.naive_hits(w), max(1, rounds // 3))]
        client = Client()
        hello = measure.time_calls(lambda: client.get("/bench/hello/"), options["rounds"] * 10)
        search_p50 = self.results.get("search", {}).get("selective", {}).get("p50_ms")
        self.results["compare"] = {
            "words": words,
            "ours_p50_ms": round(statistics.median(ours), 2) if ours else None,
            "naive_p50_ms": round(statistics.median(naive), 1) if naive else None,
            "naive_over_ours": round(statistics.median(naive) / statistics.median(ours), 1)
            if ours and naive else None,
            "hello_p50_ms": round(statistics.median(hello), 2),
            "search_page_over_hello": round(search_p50 / statistics.median(hello), 1)
            if search_p50 else None,
        }
        self.show(self.results["compare"])

    # Step 6: throughput under gunicorn on loopback.
    def step_load(self, options) -> None:
        self.say("6. throughput under gunicorn")
        wrk = shutil.which("wrk")
        if wrk is None:
            self.results["load"] = {"error": "wrk is not installed (make bench installs it)"}
            self.show(self.results["load"])
            return
        client = measure.official_client()
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        urls = measure.query_mix(self.results["items"]).get("selective", [])
        port = _free_port()
        server = subprocess.Popen(
            [str(Path(sys.executable).with_name("gunicorn")), "config.wsgi", "--bind",
             f"127.0.0.1:{port}", "--workers", "2", "--timeout", "120"],
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.bench"},
            cwd=settings.BASE_DIR, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            _wait_for(port)
            script = self.out / "mix.lua"
            script.write_text(_lua(urls, session))
            self.results["load"] = {}
            for clients in (8, 32):
                run = subprocess.run(
                    [wrk, "-t2", f"-c{clients}", "-d15s", "-s", str(script),
                     f"http://127.0.0.1:{port}"],
                    capture_output=True, text=True, timeout=120, check=False,
                )
                self.results["load"][f"clients_{clients}"] = _wrk_figures(run.stdout)
            self.results["load"]["worker_peak_rss_mb"] = _workers_peak_rss(server.pid)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        self.show(self.results["load"])

    # Output.
    def say(self, title: str) -> None:
        self.stdout.write(self.style.MIGRATE_HEADING(title))

    def show(self, figures: dict) -> None:
        for key, value in figures.items():
            self.stdout.write(f"  {key:<28} {value}")

    def progress(self, done: int, total: int) -> None:
        if self.stdout.isatty():
            self.stdout.write(f"\r  {done:,}/{total:,}\x1b[K", ending="")
            if done >= total:
                self.stdout.write("")

    def print_targets(self) -> None:
        self.say("Targets")
        extra = informational(self.results)
        width = max(len(t["name"]) for t in [*self.results["targets"], *extra])
        for target in self.results["targets"]:
            mark = "PASS" if target["pass"] else ("FAIL" if target["pass"] is False else "n/a")
            self.stdout.write(
                f"  {target['name']:<{width}}  {target['value']!s:>12}  {target['target']:<28}"
                f"  {mark}"
            )
        # Figures without a target, after the targets: reported, never judged.
        for figure in extra:
            self.stdout.write(
                f"  {figure['name']:<{width}}  {figure['value']!s:>12}  {figure['note']}"
            )
        self.stdout.write(f"  -> {self.out / 'latest.json'}")


def targets(results: dict) -> list[dict]:
    """One row per target of issue 6: name, value, target and pass (None: not measured)."""
    search = results.get("search", {})
    selective = search.get("selective", {})
    broad = search.get("broad", {})
    load = results.get("load", {}).get("clients_8", {})
    sizes = results.get("sizes", {})
    max_queries = max((s.get("max_queries", 0) - s.get("signed_in_queries", 0)
                       for s in search.values()), default=None)

    def row(name, value, target, ok):
        return {"name": name, "value": value, "target": target,
                "pass": None if value is None else bool(ok(value))}

    return [
        row("search selective p50 ms", selective.get("p50_ms"), "<= 30", lambda v: v <= 30),
        row("search selective p95 ms", selective.get("p95_ms"), "<= 80", lambda v: v <= 80),
        row("search broad p95 ms", broad.get("p95_ms"), "<= 300", lambda v: v <= 300),
        row("SQL queries per search page", max_queries if search else None,
            "<= 5 (beyond sign-in)", lambda v: v <= 5),
        row("meeting page p50 ms", results.get("pages", {}).get("meeting", {}).get("p50_ms"),
            "<= 20", lambda v: v <= 20),
        row("naive icontains / ours", results.get("compare", {}).get("naive_over_ours"),
            ">= 50", lambda v: v >= 50),
        row("throughput 8 clients req/s", load.get("requests_per_second"),
            ">= 150, no errors", lambda v: v >= 150 and load.get("errors", 1) == 0),
        row("ingest text documents/s", results.get("ingest", {}).get("documents_per_second"),
            ">= 100 (--jobs 2)", lambda v: v >= 100),
        row("full index rebuild s", results.get("rebuild", {}).get("seconds"),
            "<= 240", lambda v: v <= 240),
        row("GIN index / indexed text %", sizes.get("gin_percent_of_text"),
            "<= 30", lambda v: v <= 30),
        row("web worker peak RSS MB", results.get("load", {}).get("worker_peak_rss_mb"),
            "<= 200", lambda v: v <= 200),
    ]


def informational(results: dict) -> list[dict]:
    """Figures printed after the targets that no target judges: name, value and a note."""
    ocr = results.get("ingest", {}).get("ocr", {})
    if not ocr:
        note = "no target; step 1 (ingest) did not run"
    elif ocr.get("skipped"):
        note = f"no target; skipped: {ocr['skipped']}"
    elif ocr.get("error"):
        note = f"no target; failed: {ocr['error']}"
    else:
        note = f"no target ({ocr.get('documents', 0)} scans, {ocr.get('pages', 0)} pages)"
    return [{"name": "OCR pages/s", "value": ocr.get("ocr_pages_per_second"), "note": note}]


def ocr_scans(count: int, seed: int) -> dict:
    """OCR `count` generated scans (`minutes_pdf` rasterised by `scanned_pdf`) as a scanned
    upload is read: `run_ocr` with Swedish, one page per core at once. Pages per second of
    OCR alone (making the scans is not timed); the reason instead when OCR cannot run."""
    from devtools.bench import minutes_pdf, synthetic_meeting
    from devtools.bench.scan import scanned_pdf
    from parsing.isolation.ocr import missing, run_ocr
    from parsing.model import ParseError

    figures: dict = {"documents": 0, "pages": 0, "seconds": 0.0,
                     "ocr_pages_per_second": None}
    if count <= 0:
        return {**figures, "skipped": "--scans 0"}
    lacking = missing()
    if lacking is not None:
        return {**figures, "skipped": f"OCR needs the package {lacking}"}
    try:
        scans = [scanned_pdf(minutes_pdf(synthetic_meeting(seed, 200_000 + index)))
                 for index in range(count)]
    except RuntimeError as error:  # no Ghostscript
        return {**figures, "skipped": str(error)}
    pages, seconds = 0, 0.0
    for scan in scans:
        started = time.perf_counter()
        try:
            output = run_ocr(scan, force=False)
        except ParseError as error:
            return {**figures, "error": f"{error.code}: {error}"}
        seconds += time.perf_counter() - started
        pages += output.pages
    return {
        "documents": count, "pages": pages, "seconds": round(seconds, 1),
        "ocr_pages_per_second": round(pages / seconds, 2), "jobs": os.cpu_count() or 1,
    }


def _machine() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SHOW shared_buffers")
        buffers = cursor.fetchone()[0]
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    return {"cpus": os.cpu_count(), "python": platform.python_version(),
            "postgresql": version, "shared_buffers": buffers, "when": time.strftime("%F %T")}


def _indexed() -> bool:
    return not AgendaItem.objects.filter(search_vector__isnull=True).exists()


def _sizes() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT pg_relation_size('agenda_item_search'),
                   pg_total_relation_size('minutes_agendaitem'),
                   pg_database_size(current_database()),
                   (SELECT coalesce(sum(octet_length(title) + octet_length(text)), 0)
                      FROM minutes_agendaitem),
                   (SELECT coalesce(sum(octet_length(heading) + octet_length(text)), 0)
                      FROM decisions_decision)
        """)
        gin, items, database, item_text, decision_text = cursor.fetchone()
    text = item_text + decision_text
    return {
        "gin_index_mb": round(gin / 2**20, 1),
        "indexed_text_mb": round(text / 2**20, 1),
        "gin_percent_of_text": round(100 * gin / text, 1) if text else None,
        "agenda_item_table_mb": round(items / 2**20, 1),
        "database_mb": round(database / 2**20, 1),
    }


def _url_hits(url: str) -> int:
    from urllib.parse import parse_qs, urlsplit

    params = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    q = params.pop("q", "")
    params.pop("sort", None)
    return measure._hits(q, **params)


def _signed_in_queries(client: Client) -> int:
    """Queries any page costs a signed-in user before its view runs (session, user,
    permissions): those of a view that does nothing behind the access check."""
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get("/bench/hello-signed-in/")
    return len(queries.captured_queries)


def _url(name: str) -> str:
    params = connection.settings_dict
    host = quote(str(params["HOST"]), safe="")
    return f"postgres://{params['USER']}@{host}:{params['PORT']}/{name}"


def _manage(args: list[str], env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "manage.py", *args], env=env, cwd=settings.BASE_DIR,
                          capture_output=True, text=True, check=False)


def _timed_manage(args: list[str], env: dict) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    run = _manage(args, env)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"seconds": seconds, "status": run.returncode,
            "peak_rss_mb": round(max(peak, before) / 1024, 1)}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(port: int) -> None:
    for _attempt in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def _lua(urls: list[str], session: str) -> str:
    paths = ", ".join(json.dumps(u) for u in urls)
    return f"""
local paths = {{{paths}}}
local n = 0
wrk.headers["Cookie"] = "{settings.SESSION_COOKIE_NAME}={session}"
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("P95_US %d\\n", latency:percentile(95)))
  io.write(string.format("P50_US %d\\n", latency:percentile(50)))
  io.write(string.format("NON2XX %d\\n", summary.errors.status))
  io.write(string.format("SOCKET_ERRORS %d\\n", summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout))
end
"""


def _wrk_figures(output: str) -> dict:
    figures: dict = {}
    for line in output.splitlines():
        parts = line.split()
        if line.startswith("Requests/sec:"):
            figures["requests_per_second"] = float(parts[1])
        elif parts and parts[0] in ("P95_US", "P50_US", "NON2XX", "SOCKET_ERRORS"):
            figures[parts[0].lower()] = int(parts[1])
    figures["p95_ms"] = round(figures.pop("p95_us", 0) / 1000, 1)
    figures["p50_ms"] = round(figures.pop("p50_us", 0) / 1000, 1)
    figures["errors"] = figures.get("non2xx", 0) + figures.get("socket_errors", 0)
    return figures


def _workers_peak_rss(master: int) -> float:
    """The largest peak RSS (VmHWM) among gunicorn's worker processes, in MB."""
    peaks = []
    for child in Path(f"/proc/{master}/task/{master}/children").read_text().split():
        for line in Path(f"/proc/{child}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                peaks.append(int(line.split()[1]) / 1024)
    return round(max(peaks, default=0.0), 1)
