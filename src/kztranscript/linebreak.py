"""Broadcast line breaking: the words of one cue → 1..max_lines lines of ≤ max_chars.

Rules (DESIGN.md, Captions): fewest lines first; break after ``. ! ? … ; : ,``, before a
dash, then before a conjunction; never end a line with a preposition, conjunction or particle;
never start one with a Kazakh postposition; never split initials from a surname, a first name
from a surname, a number from its unit or its thousands groups, an abbreviation from its name,
or a short «quoted name»; prefer balanced lines, and on a tie a shorter top line.
Deterministic, and a function of the words alone, so rebreaking a cue changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations, pairwise

from kztranscript.lexicon import fold

# Words that must not end a line (Russian prepositions, conjunctions, particles; a few
# Kazakh and English function words too).
NO_LINE_END = frozenset(
    """
    в во на с со к ко о об обо у из от до по за для без при про над под через перед между
    из-за из-под около после среди вокруг кроме вместо ради сквозь
    и а но да или либо ни что чтобы как когда если который которая которое которые которых
    не бы же ли
    және мен бен пен да де та те әрі бірақ немесе
    a an the of to in on at by for with and or but
    """.split()
)
# Kazakh postpositions follow their noun: never start a line with one.
NO_LINE_START = frozenset(
    [
        "үшін",
        "туралы",
        "бойынша",
        "арқылы",
        "дейін",
        "кейін",
        "сияқты",
        "секілді",
        "бері",
        "қарай",
        "шейін",
        "жөнінде",
    ]
)
# Auxiliary and modal words bind to the infinitive or participle after them ("был | включен",
# "нужно | отметить"): ending a line with one is allowed but discouraged.
WEAK_LINE_END = frozenset(
    """
    был была было были будет будут будем буду будешь стал стала стало стали
    может могут можно нужно надо должен должна должно должны является являются
    """.split()
)
CONJUNCTIONS = frozenset(
    """
    и а но или что чтобы когда если который которая которое которые потому поэтому однако
    және бірақ немесе өйткені сондықтан себебі
    and but or because which that when
    """.split()
)
UNIT_ABBREVIATIONS = frozenset(
    [
        "г.",
        "гг.",
        "ул.",
        "им.",
        "пос.",
        "с.",
        "обл.",
        "р-н.",
        "ст.",
        "д.",
        "кв.",
        "пр.",
        "пр-т.",
        "мкр.",
        "ген.",
        "проф.",
        "акад.",
        "т.",
        "тыс.",
        "млн",
        "млн.",
        "млрд",
        "млрд.",
        "трлн",
        "трлн.",
        "№",
    ]
)
# Signs that follow their number: a line never starts with one.
UNIT_SIGNS = frozenset({"%", "‰", "°", "°c", "°с", "₸", "₽", "€", "$"})
DASHES = frozenset({"-", "–", "—"})
_INITIALS = re.compile(r"(?:[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][a-zа-яё]?\.-?)+")
_ABBREVIATION = re.compile(r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{2,6}")
_NUMBER = re.compile(r"^[\d.,:/%+−-]*\d[\d.,:/%+−-]*$")
_THOUSANDS = re.compile(r"\d{3}(?:[.,]\d+)?[.,;:!?…]?")  # "000", "500,", "500,5"
_TRAIL = "«»\"'“”„()[],.;:!?…"


@dataclass(frozen=True, slots=True)
class CaptionStyle:
    """Caption layout and timing rules (one value; presets in ``PRESETS``)."""

    max_chars: int = 37
    max_lines: int = 2
    min_duration_ms: int = 1000
    hard_min_duration_ms: int = 840  # 21 frames at 25 fps: never shorter
    max_duration_ms: int = 7000
    min_gap_frames: int = 2
    close_gap_frames: int = 12
    aim_cps: float = 15.0
    warn_cps: float = 17.0
    error_cps: float = 20.0

    def __post_init__(self) -> None:
        if not 10 <= self.max_chars <= 100:
            raise ValueError("max_chars must be between 10 and 100")
        if not 1 <= self.max_lines <= 3:
            raise ValueError("max_lines must be 1, 2 or 3")


PRESETS = {
    "news": CaptionStyle(),
    "netflix-ru": CaptionStyle(max_chars=39, warn_cps=17.0, error_cps=20.0),
    "bbc": CaptionStyle(max_chars=37, min_duration_ms=1200, aim_cps=14.0, warn_cps=16.0),
}


# Traits of one word, as bits: everything the boundary rules ask of a word, computed once.
_INIT = 1 << 0  # initials ("К.-Ж.", "Т.")
_ABBR = 1 << 1  # a unit/title abbreviation as written ("г.", "млн")
_END_SENT = 1 << 2  # ends with . ! ? …
_END_SEMI = 1 << 3  # ends with ; :
_END_COMMA = 1 << 4  # ends with ,
_DASH = 1 << 5  # is a dash
_NO_END = 1 << 6  # a preposition, conjunction or particle
_WEAK = 1 << 7  # an auxiliary or modal
_TRAILING = 1 << 8  # ends with punctuation or a quote
_UNIT = 1 << 9  # an abbreviation in any case/spelling
_CLOSED = 1 << 10  # ends with , . ; : ! ? … » " )
_NUM = 1 << 11  # a number ("41", "2024", "15,5")
_CAP = 1 << 12  # capitalized ("Астана", «Нұр)
_CONJ = 1 << 13  # a conjunction
_CAPS_ABBR = 1 << 14  # an all-capitals abbreviation ("ООН", "РК,")
_LOWER = 1 << 15  # starts with a lower-case letter
_QUOTE_OPEN = 1 << 16  # starts with «
_QUOTE_CLOSE = 1 << 17  # ends with » (before punctuation)
_NO_START = 1 << 18  # a Kazakh postposition ("үшін", "туралы")
_GROUP3 = 1 << 19  # three digits: a thousands group of the number before it ("250 000")
_SYMBOL = 1 << 20  # a unit sign written apart from its number ("15 %", "−5 °C")
_PAIR_SHIFT = 21  # two trait words packed into one cache key
_TRAIL_CHARS = frozenset(_TRAIL)


# What the word lists say of a folded word, in bits.
_LEXICON: dict[str, int] = {}
for _bit, _words in (
    (_NO_END, NO_LINE_END),
    (_WEAK, WEAK_LINE_END),
    (_CONJ, CONJUNCTIONS),
    (_UNIT, UNIT_ABBREVIATIONS),
    (_NO_START, NO_LINE_START),
    (_SYMBOL, UNIT_SIGNS),
):
    for _w in _words:
        _LEXICON[_w] = _LEXICON.get(_w, 0) | _bit


def _bare(word: str) -> str:
    return fold(word.strip(_TRAIL))


def _capitalized(word: str) -> bool:
    w = word.lstrip('«"„“(')
    return len(w) > 1 and w[0].isupper() and w[1:2].islower()


def _word_traits(word: str) -> int:
    """The trait bits of one word (the rules of ``boundary_cost`` in one place)."""
    t = 0
    last = word[-1]
    bare = _bare(word)
    if _INITIALS.fullmatch(word):
        t |= _INIT
    if word in UNIT_ABBREVIATIONS:
        t |= _ABBR
    if last in ".!?…":
        t |= _END_SENT
    elif last in ";:":
        t |= _END_SEMI
    elif last == ",":
        t |= _END_COMMA
    if word in DASHES:
        t |= _DASH
    t |= _LEXICON.get(bare, 0)
    if last in _TRAIL_CHARS:
        t |= _TRAILING
    if last in ',.;:!?…»")':
        t |= _CLOSED
    if _NUMBER.match(word):
        t |= _NUM
        if _THOUSANDS.fullmatch(word):
            t |= _GROUP3
    if _capitalized(word):
        t |= _CAP
    if _ABBREVIATION.fullmatch(word.rstrip(",.;:!?…»")):
        t |= _CAPS_ABBR
    if word[:1].islower():
        t |= _LOWER
    if word.startswith("«"):
        t |= _QUOTE_OPEN
    if word.rstrip(",.;:!?…").endswith("»"):
        t |= _QUOTE_CLOSE
    return t


def _alpha_traits(word: str) -> int:
    """``_word_traits`` of a word of letters only (no punctuation, digits or dashes)."""
    t = _LEXICON.get(fold(word), 0)
    if word in UNIT_ABBREVIATIONS:
        t |= _ABBR
    first = word[0]
    if first.islower():
        return t | _LOWER
    if len(word) > 1 and first.isupper() and word[1].islower():
        t |= _CAP
    if len(word) <= 6 and _ABBREVIATION.fullmatch(word):
        t |= _CAPS_ABBR
    return t


_TRAITS: dict[str, int] = {}
_TRAITS_MAX = 8192
_PAIRS: dict[int, float] = {}


def clear_caches() -> None:
    """Forget the traits of words seen so far (benchmarks call this between runs)."""
    _TRAITS.clear()
    _PAIRS.clear()


def traits(word: str) -> int:
    t = _TRAITS.get(word)
    if t is None:
        # most words are letters only: no punctuation rules to apply
        t = _alpha_traits(word) if word.isalpha() else _word_traits(word)
        if len(_TRAITS) >= _TRAITS_MAX:  # a batch meets new words forever: stay small
            _TRAITS.clear()
        _TRAITS[word] = t
    return t


def _pair_cost(a: int, b: int) -> float:
    """``boundary_cost`` from the traits of the two words (outside quotes)."""
    cost = 0.0
    if a & (_INIT | _ABBR):
        pass  # initials and abbreviations end with a full stop that does not end a sentence
    elif a & _END_SENT:
        cost -= 60
    elif a & _END_SEMI:
        cost -= 50
    elif a & _END_COMMA or b & _DASH:
        cost -= 40
    elif b & _CONJ:
        cost -= 25
    elif b & _CAP and not a & _CAP:
        cost -= 15  # a name starts a new phrase: "…суда | Эльвира Азимова"
    if a & _DASH:
        cost += 200  # a dash ends the clause before it; keep it with what follows
    if not a & _TRAILING:
        if a & _NO_END:
            cost += 1000
        elif a & _WEAK:
            cost += 60
        if b & _CAPS_ABBR:
            cost += 150  # "в Совете | ООН": an abbreviation belongs to the word before it
    if b & _NO_START:
        cost += 1000  # "экономикасы | үшін": a postposition belongs to the word before it
    if b & _SYMBOL:
        cost += 500  # 15 | %
    if a & _INIT and b & _CAP:
        cost += 600  # К.-Ж. | Токаев
    elif a & (_ABBR | _UNIT):
        cost += 500  # г. | Астана, 15 млн | тенге
    elif not a & _CLOSED:
        if a & _NUM and b & (_LOWER | _UNIT | _GROUP3):
            cost += 500  # 41 | пункт, 8 | декабря, 250 | 000
        elif a & _CAP and b & _CAP:
            cost += 300  # Эльвира | Азимова
    return cost


def pair_cost(a: int, b: int) -> float:
    key = a << _PAIR_SHIFT | b
    cost = _PAIRS.get(key)
    if cost is None:
        if len(_PAIRS) >= _TRAITS_MAX:
            _PAIRS.clear()
        cost = _PAIRS[key] = _pair_cost(a, b)
    return cost


def pair_costs(tr: Sequence[int]) -> list[float]:
    """The cost of each boundary between consecutive words, from their traits."""
    get = _PAIRS.get
    keys = [a << _PAIR_SHIFT | b for a, b in pairwise(tr)]
    costs = [get(key) for key in keys]
    for i, cost in enumerate(costs):
        if cost is None:
            costs[i] = pair_cost(tr[i], tr[i + 1])
    return costs  # type: ignore[return-value]


def boundary_cost(left: str, right: str, quoted: bool = False) -> float:
    """Cost of ending a line (or a cue) after ``left`` with ``right`` starting the next.

    Negative is good (a clause boundary), large positive is a rule broken. ``quoted`` says
    the boundary falls inside a short «quoted name».
    """
    return pair_cost(traits(left), traits(right)) + (400 if quoted else 0)


def _quoted_spans(words: Sequence[str], tr: Sequence[int]) -> list[bool]:
    """For each gap i (between words[i] and words[i+1]): inside a short «…» span?"""
    inside = [False] * max(0, len(words) - 1)
    start = None
    for i, t in enumerate(tr):
        if t & _QUOTE_OPEN and start is None:
            start = i
        if t & _QUOTE_CLOSE and start is not None:
            if i - start <= 3:
                for g in range(start, i):
                    inside[g] = True
            start = None
    return inside


def fits(words: Sequence[str], style: CaptionStyle) -> bool:
    """Whether the words fit one cue (greedy fill; a single over-long word is allowed)."""
    lines, width = 1, 0
    for w in words:
        if width == 0:
            width = len(w)
        elif width + 1 + len(w) <= style.max_chars:
            width += 1 + len(w)
        else:
            lines += 1
            width = len(w)
    return lines <= style.max_lines


def break_lines(
    words: Sequence[str], style: CaptionStyle, tr: Sequence[int] | None = None
) -> tuple[str, ...]:
    """Lay out the words of one cue as lines by the broadcast rules.

    The words must fit (see ``fits``); a single word longer than a line stands alone.
    ``tr`` are the words' ``traits`` when the caller has them.

    >>> break_lines("Председатель Конституционного суда Эльвира Азимова".split(), CaptionStyle())
    ('Председатель Конституционного суда', 'Эльвира Азимова')
    """
    n = len(words)
    if n == 0:
        return ()
    if n == 1 or sum(map(len, words)) + n - 1 <= style.max_chars:
        return (" ".join(words),)
    if tr is None:
        tr = [traits(w) for w in words]
    quoted = _quoted_spans(words, tr) if any(t & _QUOTE_OPEN for t in tr) else [False] * (n - 1)
    prefix = [0]
    for w in words:
        prefix.append(prefix[-1] + len(w) + 1)
    limit = style.max_chars
    best: tuple[float, tuple[int, ...]] | None = None
    if style.max_lines >= 2:
        # Two lines, the common case: one pass over the cut points.
        total = prefix[n]
        for c in range(1, n):
            top = prefix[c] - 1
            bottom = total - prefix[c] - 1
            if top > limit and c > 1:
                break
            if bottom > limit and n - c > 1:
                continue
            cost = pair_cost(tr[c - 1], tr[c]) + abs(top - bottom)
            if quoted[c - 1]:
                cost += 400
            cost += (50 if top < 10 else 0) + (50 if bottom < 10 else 0)
            if top > bottom:
                cost += 0.5
            if best is None or (cost, (c,)) < best:
                best = (cost, (c,))
    for k in range(3, style.max_lines + 1):
        if best is not None and best[0] < 500:
            break  # fewest lines first, unless every layout so far breaks a rule
        for cuts in combinations(range(1, n), k - 1):
            bounds = (0, *cuts, n)
            widths = [prefix[b] - prefix[a] - 1 for a, b in pairwise(bounds)]
            if any(
                w > limit and b - a > 1 for w, (a, b) in zip(widths, pairwise(bounds), strict=True)
            ):
                continue
            cost = sum(pair_cost(tr[c - 1], tr[c]) + 400 * quoted[c - 1] for c in cuts)
            cost += max(widths) - min(widths)  # balance
            cost += sum(50 for w in widths if w < 10)  # no stubby lines
            if widths[0] > widths[-1]:
                cost += 0.5  # bottom-heavy on ties: a shorter top line
            key = (cost, cuts)
            if best is None or key < best:
                best = key
    if best is None:  # nothing fits in max_lines (the chunker prevents this): fill greedily
        out: list[str] = []
        for w in words:
            if out and len(out[-1]) + 1 + len(w) <= style.max_chars:
                out[-1] += " " + w
            else:
                out.append(w)
        return tuple(out)
    bounds = (0, *best[1], n)
    return tuple(" ".join(words[a:b]) for a, b in pairwise(bounds))
