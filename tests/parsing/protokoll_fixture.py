"""An invented sammanträdesprotokoll (invented people), as text and as a PDF of the same layout.

Each page is a list of rows; a row is a list of (x, text) cells, the left column at 72 and
the right at 300 points, as a two-column front page sets them. As text, cells are joined by
runs of spaces and pages by form feeds, which is how a PDF-to-text tool prints them.
"""

from __future__ import annotations

from tests.parsing.pdf_builders import cells_pdf

L, R, FAR = 72.0, 300.0, 470.0
Row = list[tuple[float, str]]


def _letterhead(page: int | None) -> list[Row]:
    mark = [(FAR, f"{page} (4)")] if page else []
    return [[(L, "LEKEBERGS KOMMUN"), (R, "SAMMANTRÄDESPROTOKOLL"), *mark],
            [(L, "Miljö- och byggnämnden")], [(L, "Datum")], [(L, "2025-03-11")], []]


def _rows(*lines: str | tuple[str, str]) -> list[Row]:
    rows: list[Row] = []
    for line in lines:
        if isinstance(line, tuple):
            rows.append([(x, text) for x, text in zip((L, R), line, strict=True) if text])
        else:
            rows.append([(L, line)] if line else [])
    return rows


FOOTER = _rows("", ("Justerandes signatur", "Utdragsbestyrkande"))

PAGES: list[list[Row]] = [
    _letterhead(None) + _rows(
        "Plats och tid för Kommunhuset, Sal Hjorten Klockan 13.00–15.30",
        "sammanträde",
        ("Beslutande    Ledamöter", "Tjänstgörande ersättare"),
        ("Karin Alm (C), ordförande", "Olle Berg (S) tjg ers för"),
        ("Sven Dahl (M), vice ordförande", "Lena Ek (S)"),
        ("Maja Fors (S)", "Per Gran (M) §§ 5-7"),
        "Nils Holm (SD) deltar ej § 6 p.g.a.",
        "jäv",
        "Eva Lund (L)",
        "",
        ("Övriga närvarande Ersättare", "Tjänstepersoner"),
        ("Anders Moberg (KD)", "Stina Nyberg, förvaltningschef"),
        ("Rut Olsson (V)", "Jonas Pihl, bygglovshandläggare"),
        ("", "§ 6"),
        "Tove Rask, nämndsekreterare",
        "",
        "Plats och tid för justering Kommunhuset, 2025-03-13",
        "",
        ("Sekreterare   Tove Rask", "Paragrafer §§ 5-8"),
        "",
        "Ordförande    Karin Alm (C)",
        "",
        "Protokolljusterare Maja Fors (S)",
    ) + FOOTER,
    _letterhead(2) + _rows(
        "Innehåll",
        "",
        "§ 5 Dnr MBN 2025/12",
        "Detaljplan för Norrby 2:14 ........................................... 3",
        "",
        "§ 6 Dnr MBN 2024/301",
        "Bygglov för nybyggnad av förråd på fastigheten Söderby",
        "1:7 ................................................................... 3",
        "",
        "§ 7 Dnr MBN 2025/3",
        "Taxa för tillsyn enligt miljöbalken 2025 .............................. 4",
        "",
        "§ 8 Dnr MBN 2025/20",
        "Delegeringsbeslut ..................................................... 4",
    ) + FOOTER,
    _letterhead(3) + _rows(
        ("§ 5", "Dnr MBN 2025/12"),
        "Detaljplan för Norrby 2:14",
        "",
        "Miljö- och byggnämndens beslut",
        "Miljö- och byggnämnden ger förvaltningen i uppdrag att upprätta ett förslag till",
        "detaljplan för Norrby 2:14.",
        "",
        "Sammanfattning av ärendet",
        "Fastighetsägaren har ansökt om planbesked för bostäder.",
        "",
        "Beslutet skickas till",
        "Förvaltningen för samhällsbyggnad",
        "",
        ("§ 6", "Dnr MBN 2024/301"),
        "Bygglov för nybyggnad av förråd på fastigheten Söderby",
        "1:7",
        "",
        "Beslut",
        "Miljö- och byggnämnden beviljar bygglov för nybyggnad av förråd.",
        "",
        "Jäv",
        "Nils Holm (SD) deltar inte i handläggningen på grund av jäv.",
        "",
        "Yrkanden",
        "Sven Dahl (M) yrkar bifall till förvaltningens förslag.",
        "Maja Fors (S) yrkar avslag.",
        "",
        "Omröstning",
        "Omröstning begärs. Nämnden beslutar med 4 ja-röster mot 2 nej-röster att bevilja.",
        "",
        "| Ledamot | Ja | Nej | Avstår |",
        "| --- | --- | --- | --- |",
        "| Karin Alm (C) | X |  |  |",
        "| Sven Dahl (M) | X |  |  |",
        "| Per Gran (M) | X |  |  |",
        "| Eva Lund (L) | X |  |  |",
        "| Maja Fors (S) |  | X |  |",
        "| Olle Berg (S) |  | X |  |",
        "",
        "Reservation",
        "Maja Fors (S) och Olle Berg (S) reserverar sig mot beslutet.",
    ) + FOOTER,
    _letterhead(4) + _rows(
        ("§ 7", "Dnr MBN 2025/3"),
        "Taxa för tillsyn enligt miljöbalken 2025",
        "",
        "Förslag till beslut i kommunfullmäktige",
        "Kommunfullmäktige antar taxa för tillsyn enligt miljöbalken 2025.",
        "",
        "Taxan gäller från och med den 1 maj 2025.",
        "",
        "Protokollsanteckning",
        "Rut Olsson (V) lämnar en protokollsanteckning: Taxan borde sänkas för föreningar.",
        "",
        "Beslutet skickas till",
        "Kommunfullmäktige",
        "Ekonomienheten",
        "",
        ("§ 8", "Dnr MBN 2025/20"),
        "Delegeringsbeslut",
        "",
        "Beslut",
        "Miljö- och byggnämnden lägger redovisningen av delegeringsbeslut till",
        "handlingarna.",
    ) + FOOTER,
]


def protokoll_text(pages: list[list[Row]] = PAGES) -> str:
    def line(row: Row) -> str:
        return "      ".join(text for _, text in row)
    return "\f".join("\n".join(line(row) for row in rows) for rows in pages)


def protokoll_pdf(pages: list[list[Row]] = PAGES) -> bytes:
    return cells_pdf(pages)


TWO_VOTES = """Omröstning
Omröstning begärs och verkställs.
Ja-röst innebär att ärendet avgörs i dag. Nej-röst innebär återremiss.

Omröstningsresultat
Nämnden beslutar med 5 ja-röster mot 1 nej-röst att ärendet avgörs i dag.

| Ledamot | Ja | Nej | Avstår |
| --- | --- | --- | --- |
| Karin Alm (C) | X |  |  |
| Sven Dahl (M) | X |  |  |
| Per Gran (M) | X |  |  |

Omröstning begärs och verkställs om bygglovet.

Omröstningsresultat
Nämnden beslutar med 4 ja-röster mot 2 nej-röster att bevilja.

| Eva Lund (L) | X |  |  |
| --- | --- | --- | --- |
| Maja Fors (S) |  | X |  |
| Olle Berg (S) | X |  |  |

| Ledamot | Ja | Nej | Avstår |
| --- | --- | --- | --- |
| Karin Alm (C) | X |  |  |
| Sven Dahl (M) | X |  |  |
| Per Gran (M) | X |  |  |
| Eva Lund (L) | X |  |  |
| Maja Fors (S) |  | X |  |
| Olle Berg (S) |  | X |  |
"""


def two_votes(text: str = TWO_VOTES) -> str:
    """§ 6 votes twice: first whether to decide today (its table cut by a page break, the
    rest printed after the second result, headerless), then on the matter itself."""
    start = protokoll_text(PAGES).index("Omröstning\n")
    end = protokoll_text(PAGES).index("Reservation\n")
    return protokoll_text(PAGES)[:start] + text + "\n" + protokoll_text(PAGES)[end:]
