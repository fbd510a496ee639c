"""Item titles, item texts and decisions: sentences of wordfreq words around fixed phrases.

Generated prose keeps clear of what the parser reads as structure: no sentence ends in a
number, no colon, and the only decision phrases are those a decision block holds.
"""

from __future__ import annotations

import random

from .data import MONTHS, PLACE_NAMES, SERVICES, TOPICS
from .vocabulary import Vocabulary

SHORT, MEDIUM, LONG = "short", "medium", "long"

_OPENING_ITEMS = ("Val av justerare", "Godkännande av dagordningen", "Mötets öppnande")
_CLOSING_ITEMS = ("Övriga frågor", "Meddelanden", "Informationsärenden", "Nästa sammanträde")
_TITLE_PATTERNS = (
    "Detaljplan för {place}", "Detaljplan för {place}, samråd", "Budget {year} för nämnden",
    "Delårsrapport per {month} {year}", "Medborgarförslag om {topic}", "Motion om {topic}",
    "Upphandling av {service}", "Yttrande över remiss om {topic}", "Internkontrollplan {year}",
    "Riktlinjer för {topic}", "Taxa för {topic} {year}", "Verksamhetsplan {year}",
    "Information om {topic}", "Uppföljning av {topic} i {place}", "Investering i {topic}",
    "Anmälan av delegationsbeslut", "Redovisning av {topic}", "Ekonomisk uppföljning, {month}",
    "Tertialrapport {year}", "Lokalbehov för {topic} i {place}",
)
_PRESENTS = ("{name} föredrar ärendet.", "{name} informerar om ärendet.",
             "{name} redogör för bakgrunden.", "{name} presenterar förvaltningens förslag.")
_ATT_DECISIONS = (
    "Att godkänna {thing}.", "Att anta {thing} enligt förvaltningens förslag.",
    "Att lägga informationen till handlingarna.", "Att överlämna {thing} till kommunstyrelsen.",
    "Att avslå {thing}.", "Att återremittera ärendet till förvaltningen för vidare {words}.",
    "Att uppdra åt {name} att återkomma med en redovisning av {thing}.",
    "Att utse {name} till kontaktperson för {thing}.",
)
_PARA_DECISIONS = (
    "Nämnden godkänner {thing}.", "Informationen läggs till handlingarna.",
    "Förslaget antas med de ändringar som framkom under sammanträdet.",
    "{name} får i uppdrag att återkomma med {thing}.",
    "Ärendet återremitteras för {words}.", "Yttrandet över {thing} antas som nämndens eget.",
    "{name} utses att företräda nämnden i frågan om {thing}.",
)

_NO_PUNCTUATION = str.maketrans("", "", ".,")
# (att style?, names someone?) -> the decision patterns that fit.
_DECISION_PATTERNS = {
    (att, named): tuple(p for p in (_ATT_DECISIONS if att else _PARA_DECISIONS)
                        if ("{name}" in p) == named)
    for att in (True, False) for named in (True, False)
}


def pick(rng: random.Random, options: tuple[str, ...]) -> str:
    """rng.choice(options) for the hot loops, at a quarter of its cost."""
    return options[int(rng.random() * len(options))]


def title(rng: random.Random, year: int) -> str:
    text = pick(rng, _TITLE_PATTERNS).format(
        place=pick(rng, PLACE_NAMES), year=year, month=pick(rng, MONTHS),
        topic=pick(rng, TOPICS), service=pick(rng, SERVICES))
    return text[:1].upper() + text[1:]


def titles(rng: random.Random, count: int, year: int) -> list[str]:
    """`count` distinct titles, often opening and closing with the usual formal items."""
    chosen: list[str] = []
    if count >= 4 and rng.random() < 0.6:
        chosen.append(rng.choice(_OPENING_ITEMS))
    closing = rng.choice(_CLOSING_ITEMS) if count >= 4 and rng.random() < 0.6 else None
    while len(chosen) < count - (closing is not None):
        candidate = title(rng, year)
        if candidate not in chosen and candidate != closing:
            chosen.append(candidate)
    if closing is not None:
        chosen.append(closing)
    return chosen


def _punctuate(words: list[str], lengths: list[int], uniform) -> None:
    """Make `words` sentences of `lengths` words: capitals, full stops, commas, amounts."""
    start = 0
    for length in lengths:
        words[start] = words[start].capitalize()
        # One draw decides: a comma (40 %), an amount (12 %) or neither, and where.
        chance = uniform()
        if chance < 0.4 and length > 9:
            words[start + 3 + int(chance * 2.5 * (length - 6))] += ","
        elif chance > 0.88 and length > 7:
            # An amount or a year inside the sentence, never at its end.
            at = start + 2 + int((chance - 0.88) / 0.12 * (length - 4))
            words[at] = f"{_amount(uniform)} {words[at]}"
        start += length
        words[start - 1] += "."


def _amount(uniform) -> str:
    kind = uniform()
    if kind < 0.4:
        return f"{2 + int(uniform() * 949)} miljoner kronor"
    if kind < 0.7:
        return f"år {1996 + int(uniform() * 35)}"
    return f"{2 + int(uniform() * 98)} procent"


def item_text(rng: random.Random, vocabulary: Vocabulary, length: str, presenter: str | None,
              ) -> str:
    """Paragraphs separated by a blank line: one sentence, a paragraph or two, or many.

    Sentences have 5 to 20 words. All the item's words are drawn at once and random()
    stands in for randint(): this is most of the generator's time.
    """
    uniform = rng.random
    if length == SHORT:
        shape = [1]
    elif length == MEDIUM:
        shape = [2 + int(uniform() * 4) for _ in range(1 + (uniform() < 0.5))]
    else:
        shape = [3 + int(uniform() * 4) for _ in range(3 + int(uniform() * 4))]
    lengths = [5 + int(uniform() * 16) for _ in range(sum(shape))]
    words = vocabulary.draw(rng, sum(lengths))
    _punctuate(words, lengths, uniform)
    paragraphs = []
    start = sentence = 0
    for count in shape:
        end = start + sum(lengths[sentence:sentence + count])
        paragraphs.append(" ".join(words[start:end]))
        start, sentence = end, sentence + count
    if presenter is not None:
        paragraphs[0] = f"{pick(rng, _PRESENTS).format(name=presenter)} {paragraphs[0]}"
    return "\n\n".join(paragraphs)


def decision(rng: random.Random, style: str, name: str | None, topic: str, text: str) -> str:
    """One decision; "att" style decisions start with "Att", the others never do.

    A few of its words are words of the item's `text` (no numbers: a decision ending in
    "12." could wrap to a line that reads as item 12).
    """
    patterns = _DECISION_PATTERNS[style == "att", name is not None]
    start = int(rng.random() * len(text) / 2)
    chunk = text[start:start + 80].lower().translate(_NO_PUNCTUATION).split()[1:]
    words = " ".join([word for word in chunk if word.isalpha()][:4]) or "beredning"
    decided = pick(rng, patterns).format(name=name, thing=topic, words=words)
    return decided[:1].upper() + decided[1:]
