"""The documents tests read: the two sample minutes in the repository, the corpus beside it.

The two seeds the project was commissioned with are `samples/minutes/` (byte for byte
`../shared/seeds/`), and what each must parse to is `samples/expected/`: every test can read
them, in any clone. The corpus of other organisations' minutes and the parse scorer are
third-party material that is never copied into the repository: they stay in `../shared/`,
tests that read them are marked `corpus`, and only those skip (tests/conftest.py) where
`../shared` is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
SAMPLES = REPO_ROOT / "samples" / "minutes"
EXPECTED = REPO_ROOT / "samples" / "expected"
# By the keys the tests and the search query set use: "000" is the municipal leaders'
# meeting of 2018-06-06 (shared name 000_ec52f3733dcea927), "001" the ledningsgrupp's two
# days of 2019-09-05 (001_ae2c4d48e1820923).
SEED_KEYS = ("000", "001")
_SEED_FILES = {"000": "ledningsgruppen-2018-06-06.txt", "001": "ledningsgruppen-2019-09-05.txt"}

SHARED = (REPO_ROOT.parent / "shared").resolve()
CORPUS = SHARED / "corpus"
SCORER = SHARED / "tools"
CORPUS_ABSENT = f"{SHARED} is absent: the corpus is never copied into the repository"


def seed(key: str) -> Path:
    """The sample minutes "000" or "001"."""
    return SAMPLES / _SEED_FILES[key]


def seed_expected(key: str) -> dict:
    """What sample `key` must parse to (see test_seeds.py for how each field is compared)."""
    return json.loads((EXPECTED / f"{seed(key).stem}.json").read_text(encoding="utf-8"))
