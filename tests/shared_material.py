"""Where the material beside the checkout lives (`../shared`), for tests that read it.

The seeds and the corpus are not ours to copy into the repository: tests read
them in place and skip, with the reason, in a clone that has no `../shared`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = (REPO_ROOT.parent / "shared").resolve()
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus"


def require(path: Path) -> Path:
    """`path`, or skip the test when the shared material is not beside the checkout."""
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared material is not beside this checkout")
    return path
