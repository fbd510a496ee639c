"""Child process that parses one document: `python -m minutes.parsing.worker NAME`.

Reads the file's bytes on stdin and writes one JSON object on stdout:
{"ok": true, "result": {...}, "text": "..."} or {"ok": false, "code": ..., "message": ...}.
Run by `sandbox.parse_isolated` under time and memory limits.
"""

from __future__ import annotations

import json
import sys

from .jsonout import to_dict
from .model import ParseError
from .parser import PARSER_VERSION, parse_bytes


def main() -> int:
    filename = sys.argv[1] if len(sys.argv) > 1 else None
    data = sys.stdin.buffer.read()
    try:
        parsed = parse_bytes(data, filename)
    except ParseError as error:
        answer = {"ok": False, "code": error.code, "message": error.message}
    except MemoryError:
        answer = {"ok": False, "code": "memory", "message": "parsing needed too much memory"}
    except RecursionError:
        answer = {"ok": False, "code": "unreadable", "message": "the document nests too deeply"}
    except Exception as error:  # noqa: BLE001 - any other failure is reported, never a traceback
        answer = {"ok": False, "code": "unreadable",
                  "message": f"the document could not be read ({type(error).__name__})"}
    else:
        answer = {"ok": True, "result": to_dict(parsed, parser_version=PARSER_VERSION),
                  "text": parsed.text}
    sys.stdout.write(json.dumps(answer, ensure_ascii=False))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
