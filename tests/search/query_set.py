"""The search query set: queries with the agenda items that are their right answers.

The corpus is the two seed minutes and two small synthetic ones below. An answer is a
(document, item number) pair: "000" and "001" are the seeds, "S1" and "S2" the synthetic
minutes. The right answers were read off the texts by hand: every item whose title, text or
decisions hold the word in any inflection or as part of a compound, spelled with or without
å, ä, ö, or the name the typo stands for. `manage.py search_eval` and
tests/search/test_query_set.py measure search against it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from minutes.models import Meeting
from minutes.services import minutes_ingest
from tests.samples import SEED_KEYS, seed

SYNTHETIC = {
    "S1": """SÖDERTÖRNSKOMMUNERNA SAMVERKAR

Tid Torsdagen den 12 mars 2020 kl 09.00-11.00

Plats Stadshuset, Södertälje

Deltagare

Rickard Sundbom Södertälje, ordförande
Meeri Wasberg Haninge
Anna Söderström Södertörnskommunerna, sekreterare

1. Bostadsförsörjning
Rickard Sundbom redovisar behovet av en bostad för varje nyanländ familj. Bostadsbristen är
störst i de norra kommundelarna.

Beslut
Att Sundbom tar fram en gemensam plan för bostadsförsörjningen.

2. Kollektivtrafik
Den nya busstationen i Flemingsberg öppnar i augusti. Resandet till stationen väntas öka
när pendeltågen går oftare.

3. Räddningstjänst
Brandförsvaret redovisar årets insatser. Förbundsdirektionen har överklagat beslutet om en
ny larmcentral.

Beslut
Att ge brandförsvaret i uppdrag att utreda samverkan med grannkommunerna.
""",
    "S2": """SÖDERTÖRNSKOMMUNERNA SAMVERKAR

Tid Torsdagen den 20 maj 2021 kl 13.00-15.00

Plats Kommunhuset, Tyresö

Deltagare

Stefan Hollmark Tyresö, ordförande
Frida Nilsson Nykvarn

1. Elbilar och laddning
Laddplatser för elbilar byggs ut längs vägarna i hela länet. Frida Nilsson redovisar hur
många laddstolpar som finns.

Beslut
Att Frida Nilsson sammanställer en karta över laddstolparna.

2. Skolskjuts
Skolskjutsarna i Nykvarn har fått nya tidtabeller. Föräldrarna är nöjda.

3. Naturvårdsverket
Naturvårdsverket har begärt in uppgifter om avfallshanteringen.

Beslut
Att Tyresö svarar Naturvårdsverket före sommaren.
""",
}


@dataclass(frozen=True)
class Case:
    q: str
    expected: frozenset[tuple[str, str]]
    kind: str


def answers(*refs: str) -> frozenset[tuple[str, str]]:
    """("000§1", "S1§2") -> {("000", "1"), ("S1", "2")}."""
    return frozenset(tuple(ref.split("§")) for ref in refs)


QUERY_SET: tuple[Case, ...] = (
    Case("bostad", answers("000§1", "S1§1"), "inflection"),
    Case("bostäder", answers("000§1", "S1§1"), "inflection"),
    Case("beslutet", answers("000§5", "000§9", "001§5", "001§7", "S1§3"), "inflection"),
    Case("beslut", answers("000§5", "000§9", "001§5", "001§7", "S1§3"), "inflection"),
    Case("station", answers("000§1", "S1§2"), "compound"),
    Case("brandförsvar", answers("000§9", "S1§3"), "compound"),
    Case("elväg", answers("000§6", "001§7"), "compound"),
    Case("pendeltåg", answers("000§1", "S1§2"), "compound"),
    Case("sodertalje", answers("000§5", "000§6", "001§6", "001§7"), "no å/ä/ö"),
    Case("tvarforbindelse", answers("000§6", "001§7"), "no å/ä/ö"),
    Case("lansplanen", answers("001§3", "001§6"), "no å/ä/ö"),
    Case('"arsta slott"', answers("000§1"), "no å/ä/ö"),
    Case("Sundbon", answers("S1§1"), "typo, person"),
    Case("Erixson", answers("000§6"), "typo, person"),
    Case("Pollack", answers("000§2"), "typo, person"),
    Case("Fagerstöm", answers("001§7"), "typo, person"),
    Case("Frida Nilson", answers("S2§1"), "typo, person"),
    Case("Trafikvreket", answers("000§6", "001§7"), "typo, org"),
    Case("Vinova", answers("000§2", "001§5"), "typo, org"),
    Case("Naturvårdsverkt", answers("001§7", "S2§3"), "typo, org"),
    Case('"nationell plan"', answers("000§6", "001§6", "001§7"), "phrase"),
    Case("elvägar OR brandförsvarsförbund", answers("000§6", "000§9", "001§7"), "OR"),
    Case("Södertörnsmodellen -Vinnova", answers("001§2"), "exclude"),
    Case('"Region Stockholm" -länsplanen', answers("001§5"), "exclude"),
    Case("tvarforbindelse trafikverket", answers("000§6", "001§7"), "words"),
    Case("pendeltagsstation Haninge", answers("000§1"), "words"),
    Case("samordnad varudistribution", answers("000§5"), "words"),
)


def seed_paths() -> dict[str, Path]:
    """The seed documents by key; FileNotFoundError when one is missing from samples/."""
    paths = {key: seed(key) for key in SEED_KEYS}
    for path in paths.values():
        if not path.is_file():
            raise FileNotFoundError(f"no seed {path}")
    return paths


def ingest_corpus() -> dict[int, str]:
    """Archive the corpus through ingest; returns each meeting's key by its primary key."""
    documents = {key: path.read_bytes() for key, path in seed_paths().items()}
    documents.update({key: text.encode() for key, text in SYNTHETIC.items()})
    keys: dict[int, str] = {}
    for key, data in documents.items():
        result = minutes_ingest(data=data, filename=f"{key}.txt", body_name="Ledningsgruppen")
        meeting: Meeting = result.meeting
        keys[meeting.pk] = key
    return keys
