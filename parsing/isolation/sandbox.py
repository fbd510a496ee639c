"""Parse untrusted files in a child process with a time and a memory limit.

A hostile or pathological PDF must not hang or exhaust the process that asked
for it (a web worker, an ingest run): the child gets an address-space limit
and a wall-clock timeout, and whatever happens to it becomes a ParseError.
"""

from __future__ import annotations

import dataclasses
import json
import os
import resource
import subprocess
import sys
from pathlib import Path

from ..jsonout import from_dict
from ..model import OcrOutput, ParsedMinutes, ParseError
from .ocr import OcrLimits

DEFAULT_TIMEOUT = 60.0
DEFAULT_MEMORY_MB = 1024
_PACKAGE_ROOT = Path(__file__).resolve().parents[2]
# How running out of address space shows when it happens outside our own
# try/except (while importing, or inside a C extension).
_OUT_OF_MEMORY = (b"MemoryError", b"failed to map segment", b"Cannot allocate memory")


def _limits(memory_mb: int, cpu_seconds: int, cpu_hard: int | None = None):
    """Applied in the child before it starts: address space, processor time, no core dump.

    A long-lived worker (`pool.ParsePool`) gets no hard CPU limit, so that it can give
    each document its own soft limit.
    """
    hard = cpu_seconds + 1 if cpu_hard is None else cpu_hard

    def apply() -> None:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, hard))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return apply


def child_environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(_PACKAGE_ROOT), "PYTHONHASHSEED": "0"}


def failure(returncode: int | None, stderr: bytes) -> ParseError:
    """Why a parsing process ended without an answer."""
    if returncode in (-9, -24) or any(sign in stderr for sign in _OUT_OF_MEMORY):
        return ParseError("memory", "parsing needed too much memory")
    return ParseError("unreadable", "the parsing process failed")


def answer_result(answer: dict) -> ParsedMinutes:
    """The parse in a worker's answer, or the ParseError it reports."""
    if not answer.get("ok"):
        raise ParseError(answer.get("code", "unreadable"), answer.get("message", ""))
    parsed = from_dict(answer["result"], text=answer.get("text", ""))
    if answer.get("ocr"):
        parsed = dataclasses.replace(parsed, ocr=OcrOutput.from_json(answer["ocr"]))
    return parsed


def parse_isolated(
    data: bytes,
    filename: str | None = None,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    memory_mb: int = DEFAULT_MEMORY_MB,
    ocr: OcrLimits | None = None,
) -> ParsedMinutes:
    """Like `parse_bytes`, in a child process. Raises ParseError on any failure.

    With `ocr` a scanned PDF is read by OCR (`parsing.isolation.ocr.read_minutes`), in the same
    child: the time limit grows by OCR's budget for a PDF, and OCR limits itself to its
    seconds per page of the scan.
    """
    env = child_environment()
    base_timeout = timeout
    timeout += ocr.budget(data) if ocr else 0.0
    command = [sys.executable, "-m", "parsing.isolation.worker", filename or ""]
    if ocr:
        # The parse keeps its own limit inside the child; OCR's budget only adds to this one.
        command += ["--ocr", json.dumps(ocr.as_dict()), "--parse-timeout", str(base_timeout)]
    try:
        completed = subprocess.run(
            command,
            input=data,
            capture_output=True,
            timeout=timeout,
            env=env,
            cwd=_PACKAGE_ROOT,
            preexec_fn=_limits(memory_mb, int(timeout) + 1),  # noqa: PLW1509 - no threads here
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise ParseError("timeout", f"parsing took longer than {timeout:g} seconds") from error
    if completed.returncode != 0 or not completed.stdout:
        raise failure(completed.returncode, completed.stderr)
    try:
        answer = json.loads(completed.stdout)
    except ValueError as error:
        raise ParseError("unreadable", "the parsing process gave no answer") from error
    return answer_result(answer)
