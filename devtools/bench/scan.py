"""A born-digital PDF made to look scanned: every page a raster image, no text layer.

    from devtools.bench import minutes_pdf, synthetic_meeting
    from devtools.bench.scan import scanned_pdf
    scan = scanned_pdf(minutes_pdf(synthetic_meeting(seed=1, index=42)))

Ghostscript's `pdfimage8` device renders each page to an 8-bit grey image and writes a PDF
of those images, as a scanner does. The benchmark OCRs such scans, and tests build scans of
sample documents with it. Needs Ghostscript (`gs`, Debian's package ghostscript).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

# Ghostscript renders an A4 page at 200 dpi in well under a second; this is for a stuck one.
TIMEOUT_SECONDS = 120


def scanned_pdf(pdf: bytes, *, dpi: int = 200) -> bytes:
    """`pdf` with each page rasterised at `dpi` (grey, 8 bits): the same pages, no text.

    Raises RuntimeError when Ghostscript (`gs`) is missing or cannot render `pdf`.
    """
    gs = shutil.which("gs")
    if gs is None:
        raise RuntimeError("scanned_pdf needs Ghostscript: `gs` is not installed "
                           "(Debian's package ghostscript)")
    with tempfile.TemporaryDirectory(prefix="minutes-scan-") as folder:
        source, target = Path(folder) / "in.pdf", Path(folder) / "scan.pdf"
        source.write_bytes(pdf)
        completed = subprocess.run(
            [gs, "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=pdfimage8", f"-r{dpi}",
             f"-sOutputFile={target}", str(source)],
            capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False,
        )
        if completed.returncode != 0 or not target.exists():
            raise RuntimeError(f"gs could not rasterise the PDF (exit {completed.returncode}): "
                               f"{completed.stderr.strip()[:300]}")
        return target.read_bytes()
