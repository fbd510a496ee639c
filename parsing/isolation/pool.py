"""Long-lived sandboxed parse workers, for parsing many documents in a row.

`parse_isolated` starts a fresh interpreter for every document: safe, but the start costs
far more than parsing a text file. A `ParsePool` keeps `size` worker processes
(`python -m parsing.isolation.worker --serve`) under the same limits (address space, processor
time per document, no core dumps) and sends them one document after another, as
length-prefixed JSON frames over their stdin and stdout. A document that takes longer than
the timeout gets its worker killed and replaced; one whose worker dies or runs out of memory
gets a fresh worker too; either way only that document fails, with a ParseError.

    with ParsePool(2, timeout=60, memory_mb=1024) as pool:
        for key, result in pool.imap((path, path.read_bytes(), path.name) for path in paths):
            ...  # result is ParsedMinutes or ParseError
"""

from __future__ import annotations

import json
import os
import resource
import selectors
import subprocess
import sys
import tempfile
import time
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass, field

from ..model import ParsedMinutes, ParseError
from .ocr import OcrLimits
from .sandbox import (
    _PACKAGE_ROOT,
    DEFAULT_MEMORY_MB,
    DEFAULT_TIMEOUT,
    _limits,
    answer_result,
    child_environment,
    failure,
)
from .worker import FRAME

Document = tuple[Hashable, bytes, str | None]  # (key, the file's bytes, its name)
Outcome = ParsedMinutes | ParseError


@dataclass
class _Worker:
    process: subprocess.Popen
    stderr: tempfile._TemporaryFileWrapper  # read when the worker dies, for out-of-memory signs
    key: Hashable = None
    deadline: float = 0.0
    busy: bool = False
    buffer: bytearray = field(default_factory=bytearray)


class ParsePool:
    """`size` sandboxed parse workers; use as a context manager, or call `close()`."""

    def __init__(
        self,
        size: int = 1,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        memory_mb: int = DEFAULT_MEMORY_MB,
        ocr: OcrLimits | None = None,
    ) -> None:
        if size < 1:
            raise ValueError("a parse pool needs at least one worker")
        self.timeout = timeout
        self.memory_mb = memory_mb
        self.ocr = ocr  # as in `parse_isolated`: scanned PDFs read by OCR, with its budget
        self._workers = [self._start() for _ in range(size)]

    def __enter__(self) -> ParsePool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        for worker in self._workers:
            self._stop(worker, kill=worker.busy)
        self._workers = []

    def parse(self, data: bytes, filename: str | None = None) -> ParsedMinutes:
        """Like `parse_isolated`, in one of the pool's workers. Raises ParseError."""
        for _key, outcome in self.imap([(None, data, filename)]):
            if isinstance(outcome, ParseError):
                raise outcome
            return outcome
        raise ParseError("unreadable", "the parsing process gave no answer")

    def imap(self, documents: Iterable[Document]) -> Iterator[tuple[Hashable, Outcome]]:
        """(key, parse or ParseError) for each document, in the order they finish.

        Documents are taken from `documents` only as workers come free, and a worker is
        given its next document before the last one's result is handed back, so parsing
        goes on while the caller deals with a result.
        """
        pending = iter(documents)
        exhausted = False
        selector = selectors.DefaultSelector()
        try:
            while True:
                for worker in self._workers:
                    if not worker.busy and not exhausted:
                        document = next(pending, None)
                        if document is None:
                            exhausted = True
                        else:
                            self._send(worker, document, selector)
                busy = [w for w in self._workers if w.busy]
                if not busy:
                    return
                yield from self._collect(busy, selector)
        finally:
            selector.close()

    # --- one worker -------------------------------------------------------------------

    def _start(self) -> _Worker:
        cpu_seconds = int(self.timeout) + 1
        stderr = tempfile.TemporaryFile()  # noqa: SIM115 - open as long as the worker
        process = subprocess.Popen(
            [sys.executable, "-m", "parsing.isolation.worker", "--serve", str(cpu_seconds)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            env=child_environment(),
            cwd=_PACKAGE_ROOT,
            # Importing the parser takes processor time too: the first document's limit is
            # set by the worker itself, relative to what it has used by then.
            preexec_fn=_limits(  # noqa: PLW1509 - no threads here
                self.memory_mb, cpu_seconds + 30, cpu_hard=resource.RLIM_INFINITY),
        )
        return _Worker(process, stderr)

    def _stop(self, worker: _Worker, *, kill: bool) -> None:
        if kill:
            worker.process.kill()
        else:
            try:
                worker.process.stdin.close()
            except OSError:
                worker.process.kill()
        try:
            worker.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            worker.process.kill()
            worker.process.wait()
        worker.process.stdout.close()
        worker.stderr.close()

    def _replace(self, worker: _Worker) -> None:
        self._stop(worker, kill=True)
        self._workers[self._workers.index(worker)] = self._start()

    def _send(self, worker: _Worker, document: Document, selector: selectors.BaseSelector,
              ) -> None:
        key, data, filename = document
        ocr = self.ocr.as_dict() if self.ocr else None
        # With OCR the deadline below has its budget on top: the worker keeps the parse
        # itself to `timeout`.
        header = json.dumps({"filename": filename or "", "size": len(data), "ocr": ocr,
                             "parse_timeout": self.timeout if ocr else None}).encode()
        worker.key, worker.busy, worker.buffer = key, True, bytearray()
        budget = self.ocr.budget(data) if self.ocr else 0.0
        worker.deadline = time.monotonic() + self.timeout + budget
        try:
            worker.process.stdin.write(FRAME.pack(len(header)) + header)
            worker.process.stdin.write(data)
            worker.process.stdin.flush()
        except OSError:
            pass  # the worker is gone: its stdout ends, and _collect says why
        selector.register(worker.process.stdout, selectors.EVENT_READ, worker)

    def _collect(self, busy: list[_Worker], selector: selectors.BaseSelector,
                 ) -> Iterator[tuple[Hashable, Outcome]]:
        """Wait until at least one busy worker answers, dies or runs out of time."""
        wait = max(0.0, min(w.deadline for w in busy) - time.monotonic())
        finished: list[tuple[_Worker, Outcome | None]] = []
        for selected, _events in selector.select(wait):
            worker: _Worker = selected.data
            chunk = os.read(worker.process.stdout.fileno(), 1 << 20)
            if not chunk:
                finished.append((worker, self._death(worker)))
                continue
            worker.buffer += chunk
            outcome = self._answer(worker)
            if outcome is not None:
                finished.append((worker, outcome))
        now = time.monotonic()
        for worker in busy:
            if worker.deadline <= now and all(worker is not done for done, _ in finished):
                finished.append((worker, ParseError(
                    "timeout", f"parsing took longer than {self.timeout:g} seconds")))
        results = []
        for worker, outcome in finished:
            selector.unregister(worker.process.stdout)
            worker.busy = False
            results.append((worker.key, outcome))
            if isinstance(outcome, ParseError) and outcome.code in ("timeout", "memory") \
                    or worker.process.poll() is not None:
                self._replace(worker)
        yield from results

    def _answer(self, worker: _Worker) -> Outcome | None:
        """The worker's answer once its whole frame has arrived."""
        if len(worker.buffer) < FRAME.size:
            return None
        size = FRAME.unpack_from(worker.buffer)[0]
        if len(worker.buffer) < FRAME.size + size:
            return None
        try:
            answer = json.loads(bytes(worker.buffer[FRAME.size:FRAME.size + size]))
            return answer_result(answer)
        except ParseError as error:
            return error
        except ValueError:
            return ParseError("unreadable", "the parsing process gave no answer")

    def _death(self, worker: _Worker) -> ParseError:
        returncode = worker.process.wait()
        worker.stderr.seek(0)
        return failure(returncode, worker.stderr.read())
