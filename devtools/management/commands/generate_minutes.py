"""`manage.py generate_minutes OUT_DIR --count N --seed S [--pdf]`: synthetic minutes files.

Writes meetings 0 to N-1 of the synthetic archive made with seed S (`devtools.bench`) as
`000000.txt`, `000001.txt`, ... (or `.pdf`), for benchmarks and for trying the archive out.
"""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = (
        "Write synthetic minutes in the seeds' format (text or PDF), the same files for the "
        "same seed, and report how fast they were generated."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("out_dir", metavar="OUT_DIR",
                            help="Folder to write the files to (created if missing).")
        parser.add_argument("--count", type=int, default=100, metavar="N",
                            help="How many documents to write (default 100).")
        parser.add_argument("--seed", type=int, default=1, metavar="S",
                            help="Seed of the synthetic archive (default 1).")
        parser.add_argument("--first", type=int, default=0, metavar="I",
                            help="Index of the first meeting to write (default 0).")
        parser.add_argument("--pdf", action="store_true",
                            help="Write PDFs with several pages and a running footer instead "
                                 "of text files.")

    def handle(self, *args, **options) -> None:
        try:
            from devtools.bench import minutes_pdf, minutes_text, synthetic_meeting  # noqa: PLC0415
            from devtools.bench.vocabulary import vocabulary  # noqa: PLC0415

            vocabulary()
        except ImportError as error:
            raise CommandError(_(
                "The generator needs the development requirements: "
                "pip install -r requirements-dev.txt"
            )) from error
        count, first = options["count"], options["first"]
        if count < 0 or first < 0:
            raise CommandError(_("--count and --first must be 0 or more."))
        out = Path(options["out_dir"])
        out.mkdir(parents=True, exist_ok=True)
        items = 0
        generating = rendering = 0.0
        for index in range(first, first + count):
            started = time.perf_counter()
            meeting = synthetic_meeting(options["seed"], index)
            made = time.perf_counter()
            if options["pdf"]:
                (out / f"{index:06d}.pdf").write_bytes(minutes_pdf(meeting))
            else:
                (out / f"{index:06d}.txt").write_text(minutes_text(meeting), encoding="utf-8")
            generating += made - started
            rendering += time.perf_counter() - made
            items += len(meeting.items)
        if options["verbosity"] >= 1:
            self.stdout.write(_(
                "Wrote %(count)d documents with %(items)d agenda items to %(out)s: "
                "%(generated).0f items/s generated, %(written).0f items/s written out."
            ) % {
                "count": count, "items": items, "out": out,
                "generated": items / generating if generating else 0,
                "written": items / rendering if rendering else 0,
            })
