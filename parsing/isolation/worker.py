"""Child process that parses documents.

`python -m parsing.isolation.worker NAME [--ocr LIMITS --parse-timeout SECONDS]` parses one
document: it reads the file's bytes on stdin and writes one JSON object on stdout:
{"ok": true, "result": {...}, "text": "...", "ocr": {...}} or {"ok": false, "code": ...,
"message": ...}. LIMITS, OcrLimits as JSON, lets a scanned PDF be read by OCR ("ocr" in the
answer holds the OCR'd PDF in base64 and the words OCR was unsure of).
Run by `sandbox.parse_isolated` under time and memory limits.

`python -m parsing.isolation.worker --serve CPU_SECONDS` parses one document after another
for `pool.ParsePool`: each request on stdin is a frame holding {"filename": ..., "size": N,
"ocr": LIMITS or null, "parse_timeout": SECONDS or null}
followed by N bytes of the file, each answer on stdout a frame holding the JSON object
above; a frame is a 4-byte big-endian length and that many bytes of UTF-8 JSON. Each
document may use CPU_SECONDS of processor time; the pool enforces wall-clock time itself.
"""

from __future__ import annotations

import json
import resource
import signal
import struct
import sys
from typing import Any, BinaryIO

from ..jsonout import to_dict
from ..model import ParseError
from ..parser import PARSER_VERSION
from .ocr import OcrLimits, read_minutes

FRAME = struct.Struct(">I")


def answer_for(
    data: bytes, filename: str | None, ocr: dict | None = None,
    parse_timeout: float | None = None,
) -> dict[str, Any]:
    """The JSON answer for one document: its parse, or why it could not be read.

    `ocr` (OcrLimits as a dict) lets a scanned PDF be read by OCR; the answer then carries
    the OCR'd PDF, base64-encoded, and the words OCR was unsure of. `parse_timeout` limits
    the parse itself, OCR not counted (`_parse_deadline`).
    """
    try:
        if parse_timeout:
            _parse_deadline(float(parse_timeout))
        parsed = read_minutes(data, filename, ocr=OcrLimits(**ocr) if ocr else None)
    except ParseError as error:
        return {"ok": False, "code": error.code, "message": error.message}
    except MemoryError:
        return {"ok": False, "code": "memory", "message": "parsing needed too much memory"}
    except _ParseTimeout as error:
        return {"ok": False, "code": "timeout",
                "message": f"parsing took longer than {error.args[0]:g} seconds"}
    except RecursionError:
        return {"ok": False, "code": "unreadable", "message": "the document nests too deeply"}
    except Exception as error:  # noqa: BLE001 - any other failure is reported, never a traceback
        return {"ok": False, "code": "unreadable",
                "message": f"the document could not be read ({type(error).__name__})"}
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    answer = {"ok": True, "result": to_dict(parsed, parser_version=PARSER_VERSION),
              "text": parsed.text}
    if parsed.ocr is not None:
        answer["ocr"] = parsed.ocr.as_json()
    return answer


class _ParseTimeout(BaseException):
    """The parse's time is up: a BaseException, so that no `except Exception` in the
    parser or pdfminer takes it for a damaged file."""


def _parse_deadline(seconds: float) -> None:
    """Stop reading after `seconds` of wall-clock time, OCR not counted.

    The parent's limit has OCR's budget on top, for a scan; this keeps the parse of any
    document, scan or not, to its own limit (`ocr.parse_clock_paused` stops the clock
    while OCR runs, which has its own limit per page).
    """

    def expired(_signum, _frame) -> None:
        raise _ParseTimeout(seconds)

    signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)


def read_exactly(stream: BinaryIO, size: int) -> bytes | None:
    """`size` bytes, or None when the stream ends first."""
    chunks = []
    while size:
        chunk = stream.read(size)
        if not chunk:
            return None
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def write_frame(stream: BinaryIO, payload: bytes) -> None:
    stream.write(FRAME.pack(len(payload)) + payload)
    stream.flush()


def serve(cpu_seconds: int) -> int:
    """Answer requests until stdin closes."""
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while (head := read_exactly(stdin, FRAME.size)) is not None:
        request = json.loads(read_exactly(stdin, FRAME.unpack(head)[0]) or b"{}")
        data = read_exactly(stdin, int(request.get("size", 0)))
        if data is None:
            return 0
        # The CPU limit counts the whole process's life: allow this document its own share,
        # and OCR's on top when it may run.
        ocr = request.get("ocr")
        extra = int(OcrLimits(**ocr).budget(data)) if ocr else 0
        used = resource.getrusage(resource.RUSAGE_SELF)
        spent = int(used.ru_utime + used.ru_stime) + 1
        _soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
        resource.setrlimit(resource.RLIMIT_CPU, (spent + cpu_seconds + extra, hard))
        answer = answer_for(data, request.get("filename") or None, ocr,
                            request.get("parse_timeout"))
        write_frame(stdout, json.dumps(answer, ensure_ascii=False).encode("utf-8"))
        if answer.get("code") == "memory":
            return 0  # a process that ran out of memory is not trusted with the next document
    return 0


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--serve":
        return serve(int(sys.argv[2]) if len(sys.argv) > 2 else 60)
    filename = sys.argv[1] if len(sys.argv) > 1 else None
    options = dict(zip(sys.argv[2::2], sys.argv[3::2], strict=False))
    ocr = json.loads(options["--ocr"]) if "--ocr" in options else None
    parse_timeout = float(options["--parse-timeout"]) if "--parse-timeout" in options else None
    answer = answer_for(sys.stdin.buffer.read(), filename or None, ocr, parse_timeout)
    sys.stdout.write(json.dumps(answer, ensure_ascii=False))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
