"""Parse untrusted files in a child process with a time and a memory limit.

A hostile or pathological PDF must not hang or exhaust the process that asked
for it (a web worker, an ingest run): the child gets an address-space limit
and a wall-clock timeout, and whatever happens to it becomes a ParseError.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

from .jsonout import from_dict
from .model import ParsedMinutes, ParseError

DEFAULT_TIMEOUT = 60.0
DEFAULT_MEMORY_MB = 1024
_PACKAGE_ROOT = Path(__file__).resolve().parents[2]
# How running out of address space shows when it happens outside our own
# try/except (while importing, or inside a C extension).
_OUT_OF_MEMORY = (b"MemoryError", b"failed to map segment", b"Cannot allocate memory")


def _limits(memory_mb: int, cpu_seconds: int):
    def apply() -> None:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return apply


def parse_isolated(
    data: bytes,
    filename: str | None = None,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    memory_mb: int = DEFAULT_MEMORY_MB,
) -> ParsedMinutes:
    """Like `parse_bytes`, in a child process. Raises ParseError on any failure."""
    env = {**os.environ, "PYTHONPATH": str(_PACKAGE_ROOT), "PYTHONHASHSEED": "0"}
    try:
        completed = subprocess.run(
            [sys.executable, "-m", "minutes.parsing.worker", filename or ""],
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
        if completed.returncode in (-9, -24) or any(
            sign in completed.stderr for sign in _OUT_OF_MEMORY
        ):
            raise ParseError("memory", "parsing needed too much memory")
        raise ParseError("unreadable", "the parsing process failed")
    try:
        answer = json.loads(completed.stdout)
    except ValueError as error:
        raise ParseError("unreadable", "the parsing process gave no answer") from error
    if not answer.get("ok"):
        raise ParseError(answer.get("code", "unreadable"), answer.get("message", ""))
    return from_dict(answer["result"], text=answer.get("text", ""))
