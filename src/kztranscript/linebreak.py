"""Broadcast line breaking: the words of one cue → 1..max_lines lines of ≤ max_chars.

Rules (DESIGN.md, Captions): fewest lines first; break after ``. ! ? … ; : ,``, before a
dash, then before a conjunction; never end a line with a preposition, conjunction or particle;
never start one with a Kazakh postposition; never split initials from a surname, a first name
from a surname, a number from its unit, an abbreviation from its name, or a short «quoted
name»; prefer balanced lines, and on a tie a shorter top line. Deterministic, and a function
of the words alone, so rebreaking a cue changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
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
DASHES = frozenset({"-", "–", "—"})
_INITIALS = re.compile(r"(?:[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][a-zа-яё]?\.-?)+")
_ABBREVIATION = re.compile(r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{2,6}")
_NUMBER = re.compile(r"^[\d.,:/%+−-]*\d[\d.,:/%+−-]*$")
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


def _bare(word: str) -> str:
    return fold(word.strip(_TRAIL))


def _capitalized(word: str) -> bool:
    w = word.lstrip('«"„“(')
    return len(w) > 1 and w[0].isupper() and w[1:2].islower()


@lru_cache(maxsize=262144)
def boundary_cost(left: str, right: str, quoted: bool) -> float:
    """Cost of ending a line (or a cue) after ``left`` with ``right`` starting the next.

    Negative is good (a clause boundary), large positive is a rule broken. ``quoted`` says
    the boundary falls inside a short «quoted name».
    """
    cost = 0.0
    lb, rb = _bare(left), _bare(right)
    # Initials and abbreviations end with a full stop that does not end a sentence.
    initials = bool(_INITIALS.fullmatch(left))
    abbreviation = left in UNIT_ABBREVIATIONS  # as written: "им." is an abbreviation, "им" not
    if initials or abbreviation:
        pass
    elif left[-1] in ".!?…":
        cost -= 60
    elif left[-1] in ";:":
        cost -= 50
    elif left[-1] == "," or right in DASHES:
        cost -= 40
    elif rb in CONJUNCTIONS:
        cost -= 25
    elif _capitalized(right) and not _capitalized(left):
        cost -= 15  # a name starts a new phrase: "…суда | Эльвира Азимова"
    if left in DASHES:
        cost += 200  # a dash ends the clause before it; keep it with what follows
    if lb in NO_LINE_END and left[-1] not in _TRAIL:
        cost += 1000
    elif lb in WEAK_LINE_END and left[-1] not in _TRAIL:
        cost += 60
    if _ABBREVIATION.fullmatch(right.rstrip(",.;:!?…»")) and left[-1] not in _TRAIL:
        cost += 150  # "в Совете | ООН": an abbreviation belongs to the word before it
    if initials and _capitalized(right):
        cost += 600  # К.-Ж. | Токаев
    elif abbreviation or lb in UNIT_ABBREVIATIONS:
        cost += 500  # г. | Астана, 15 млн | тенге
    elif left[-1] not in ',.;:!?…»")':
        if _NUMBER.match(left) and (right[:1].islower() or rb in UNIT_ABBREVIATIONS):
            cost += 500  # 41 | пункт, 8 | декабря
        elif _capitalized(left) and _capitalized(right):
            cost += 300  # Эльвира | Азимова
    if quoted:
        cost += 400
    return cost


def _quoted_spans(words: Sequence[str]) -> list[bool]:
    """For each gap i (between words[i] and words[i+1]): inside a short «…» span?"""
    inside = [False] * max(0, len(words) - 1)
    start = None
    for i, w in enumerate(words):
        if w.startswith("«") and start is None:
            start = i
        if w.rstrip(",.;:!?…").endswith("»") and start is not None:
            if i - start <= 3:
                for g in range(start, i):
                    inside[g] = True
            start = None
    return inside


def _width(words: Sequence[str], a: int, b: int) -> int:
    return sum(len(w) for w in words[a:b]) + (b - a - 1)


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


def break_lines(words: Sequence[str], style: CaptionStyle) -> tuple[str, ...]:
    """Lay out the words of one cue as lines by the broadcast rules.

    The words must fit (see ``fits``); a single word longer than a line stands alone.

    >>> break_lines("Председатель Конституционного суда Эльвира Азимова".split(), CaptionStyle())
    ('Председатель Конституционного суда', 'Эльвира Азимова')
    """
    n = len(words)
    if n == 0:
        return ()
    if _width(words, 0, n) <= style.max_chars or n == 1:
        return (" ".join(words),)
    quoted = _quoted_spans(words)
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
            cost = boundary_cost(words[c - 1], words[c], quoted[c - 1]) + abs(top - bottom)
            cost += (50 if top < 10 else 0) + (50 if bottom < 10 else 0)
            if top > bottom:
                cost += 0.5
            if best is None or (cost, (c,)) < best:
                best = (cost, (c,))
    for k in range(3, style.max_lines + 1):
        if best is not None:
            break
        for cuts in combinations(range(1, n), k - 1):
            bounds = (0, *cuts, n)
            widths = [prefix[b] - prefix[a] - 1 for a, b in pairwise(bounds)]
            if any(
                w > limit and b - a > 1 for w, (a, b) in zip(widths, pairwise(bounds), strict=True)
            ):
                continue
            cost = sum(boundary_cost(words[c - 1], words[c], quoted[c - 1]) for c in cuts)
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
