"""Running the parser apart from its caller: a child process with time and memory limits
(`sandbox`), long-lived workers for many documents (`pool`, `worker`), and OCR of scanned PDFs
inside that child (`ocr`). The parsing rules themselves are the package above; nothing here
decides what a document says."""

from .ocr import ALWAYS, AUTO, MODES, NEVER, OcrLimits, missing
from .pool import ParsePool
from .sandbox import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT, child_environment, parse_isolated

__all__ = [
    "ALWAYS",
    "AUTO",
    "DEFAULT_MEMORY_MB",
    "DEFAULT_TIMEOUT",
    "MODES",
    "NEVER",
    "OcrLimits",
    "ParsePool",
    "child_environment",
    "missing",
    "parse_isolated",
]
