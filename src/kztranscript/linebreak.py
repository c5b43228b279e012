"""Broadcast line breaking: the words of one cue → 1..max_lines lines of ≤ max_chars.

Rules (DESIGN.md, Captions): fewest lines first; break after ``. ! ? … ; : ,`` and after a
dash (never before one: a line that starts with a dash reads as a change of speaker), then
before a conjunction; never end a line with a preposition, conjunction or particle; never
start one with a Kazakh postposition or enclitic; never split initials from a surname, a
first name from a surname, a number from its unit or its thousands groups, an abbreviation
from its name, or a short «quoted name»; keep noun phrases and analytic verbs whole
(``cohesion``); prefer balanced lines, and on a tie a shorter top line.
Deterministic, and a function of the words alone, so rebreaking a cue changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from kztranscript import lexicon
from kztranscript.cohesion import (
    joins_nouns,
    name_follows,
    phrase_costs,
    predicate_after,
    verb_before,
)
from kztranscript.model import Language
from kztranscript.style import CaptionStyle
from kztranscript.text import DASHES, INITIALS, UPPER, WORD_TRIM, bare, fold

# What a boundary costs (``boundary_cost``): negative is a good place to break, positive a
# rule bent. Captions rely on the same scale for cue boundaries.
ILLEGAL = 500  # a boundary costing this much or more breaks a rule: never, if avoidable
SENTENCE_BREAK = -60  # after . ! ? …
CLAUSE_BREAK = -50  # after ; :
COMMA_BREAK = -40  # after a comma or a dash
CONJUNCTION_BREAK = -25  # before a conjunction
NAME_START_BREAK = -15  # before a capitalized word after a lower-case one: "…суда | Эльвира"
# A line that starts with a dash reads as a change of speaker: inside one voice, break after
# the dash, never before it ("…спешат, — | говорит Имя Фамилия, — | другие ждут").
DASH_START = 1000
FUNCTION_WORD_END = 1000  # a line ending with a preposition, conjunction or particle
WEAK_END = 60  # a line ending with an auxiliary or modal: "был | включен"
ABBREVIATION_START = 150  # "в Совете | ООН": an abbreviation belongs to the word before it
POSTPOSITION_START = 1000  # "экономикасы | үшін": a postposition belongs to the word before
SIGN_START = 500  # 15 | %
INITIALS_SPLIT = 600  # К.-Ж. | Токаев
ABBREVIATION_SPLIT = 500  # г. | Астана, 15 млн | тенге
NUMBER_SPLIT = 500  # 41 | пункт, 8 | декабря, 250 | 000
QUOTED_SPLIT = 400  # inside a short «quoted name»
SHORT_LINE = 50  # a line under SHORT_LINE_CHARS characters
# A cue break where no clause ends costs more than one more cue: an editor splits "План
# включает 47 мероприятий, | которые госорганы должны выполнить…" at the comma rather than fill
# the first cue to the last character and cut "…которые госорганы | должны выполнить".
CUE_INSIDE = 70
# …less where a phrase ends: before a preposition or conjunction, after a Kazakh word with a
# case or verb ending (the phrase before it is whole).
CUE_PHRASE_EDGE = 30
# …and between: before a preposition after a Russian verb, which most often governs it
# ("воздержаться | от поездок").
CUE_VERB_ARGUMENT = 50
# A cue break between a title and the name after it ("…вице-министрі | Нұрлан Әбдіров").
CUE_APPOSITION = 100
# A cue break inside a «quoted name» of any length leaves a quote open on screen.
CUE_QUOTE = 150
SHORT_LINE_CHARS = 10
TOP_HEAVY = 0.5  # on a tie, a shorter top line

_ABBREVIATION = re.compile(rf"[{UPPER}]{{2,6}}")
_NUMBER = re.compile(r"^[$€£₸₽]?[\d.,:/%+−-]*\d[\d.,:/%+−-]*$")  # "41", "15,5", "$340"
# "000", "500,", "500,5", and a group with a Kazakh case ending ("2 400-ден")
_THOUSANDS = re.compile(r"\d{3}(?:[.,]\d+)?(?:-[^\W\d_]{1,5})?[.,;:!?…]?")


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
_PHRASE_END = 1 << 21  # a Kazakh word whose ending closes its phrase (a case, a finite verb)
_PAIR_SHIFT = 22  # two trait words packed into one cache key
_DASH_WORDS = frozenset(DASHES)


def _capitalized(word: str) -> bool:
    w = word.lstrip('«"„“(')
    return len(w) > 1 and w[0].isupper() and w[1:2].islower()


def _number(word: str) -> bool:
    return _NUMBER.match(word) is not None


# The shape rules: (trait, test, whether a word of letters only can have it). Both ways of
# computing traits below are generated from this one table.
_Rule = tuple[int, Callable[[str], bool], bool]
_SHAPE_RULES: tuple[_Rule, ...] = (
    (_INIT, lambda w: INITIALS.fullmatch(w) is not None, False),
    (_END_SENT, lambda w: w[-1] in ".!?…", False),
    (_END_SEMI, lambda w: w[-1] in ";:", False),
    (_END_COMMA, lambda w: w[-1] == ",", False),
    (_DASH, lambda w: w.rstrip(",.;:!?…") in _DASH_WORDS, False),
    (_TRAILING, lambda w: w[-1] in WORD_TRIM, False),
    (_CLOSED, lambda w: w[-1] in ',.;:!?…»")', False),
    (_NUM, _number, False),
    (_GROUP3, lambda w: _THOUSANDS.fullmatch(w) is not None, False),
    (_CAP, _capitalized, True),
    (_CAPS_ABBR, lambda w: _ABBREVIATION.fullmatch(w.rstrip(",.;:!?…»")) is not None, True),
    (_LOWER, lambda w: w[:1].islower(), True),
    # a sign with a case ending after it ("15 %-ға") is still the number's
    (_SYMBOL, lambda w: w[0] in "%‰°" and len(w) > 1, False),
    (_QUOTE_OPEN, lambda w: w.startswith("«"), False),
    (_QUOTE_CLOSE, lambda w: w.rstrip(",.;:!?…").endswith("»"), False),
)
_LETTER_RULES = tuple(rule for rule in _SHAPE_RULES if rule[2])


@dataclass(frozen=True, slots=True)
class _Words:
    """What one language's word lists say of a word: folded word → trait bits, the
    abbreviations as written (``г.``, ``млн``), and the endings that close a phrase."""

    bits: dict[str, int]
    abbreviations: frozenset[str]
    phrase_ends: tuple[str, ...]

    @classmethod
    def of(cls, lex: lexicon.Lexicon) -> _Words:
        bits: dict[str, int] = {}
        for bit, words in (
            (_NO_END, lex.no_line_end),
            (_WEAK, lex.weak_line_end),
            (_CONJ, lex.conjunctions),
            (_UNIT, lex.unit_abbreviations),
            (_NO_START, lex.no_line_start),
            (_SYMBOL, lexicon.UNIT_SIGNS),
        ):
            for w in words:
                bits[w] = bits.get(w, 0) | bit
        return cls(bits, lex.unit_abbreviations, lex.phrase_end_endings)

    def word_traits(self, word: str) -> int:
        """The trait bits of any word."""
        return self._traits(word, bare(word), _SHAPE_RULES)

    def letter_traits(self, word: str) -> int:
        """``word_traits`` of a word of letters only: only the rules that can hold for one."""
        return self._traits(word, fold(word), _LETTER_RULES)

    def _traits(self, word: str, key: str, rules: tuple[_Rule, ...]) -> int:
        t = self.bits.get(key, 0) | (_ABBR if word in self.abbreviations else 0)
        for bit, test, _ in rules:
            if test(word):
                t |= bit
        if t & _NO_START and not t & _LOWER:
            t &= ~_NO_START  # "Мен" starting a sentence is the pronoun, not the enclitic
        if self.phrase_ends and len(key) > 3 and key.endswith(self.phrase_ends):
            t |= _PHRASE_END
        return t


_LANGUAGES: dict[Language | None, _Words] = {
    lang: _Words.of(lexicon.for_line_breaking(lang)) for lang in (None, *Language)
}
_TRAITS: dict[Language | None, dict[str, int]] = {lang: {} for lang in _LANGUAGES}
# Folded words the languages' lists treat differently (Kazakh enclitic да, Russian да): only
# a sentence holding one needs its own language found.
_DISPUTED = frozenset(
    w
    for words in _LANGUAGES.values()
    for w in (*words.bits, *words.abbreviations)
    if len({(x.bits.get(w, 0), w in x.abbreviations) for x in _LANGUAGES.values()}) > 1
)


def language_matters(words: Sequence[str]) -> bool:
    """Whether these words break differently in different languages."""
    return not _DISPUTED.isdisjoint(w.strip(WORD_TRIM).lower() for w in words)


_TRAITS_MAX = 8192
_PAIRS: dict[int, float] = {}


def clear_caches() -> None:
    """Forget the traits of words seen so far, and their analyses (benchmarks call this
    between runs, so a repeated script does not flatter them)."""
    from kztranscript.cohesion import clear_cache

    for cache in _TRAITS.values():
        cache.clear()
    _PAIRS.clear()
    clear_cache()


def traits(word: str, language: Language | None = None) -> int:
    """The trait bits of ``word`` under the word lists of ``language`` (None: all three)."""
    cache = _TRAITS[language]
    t = cache.get(word)
    if t is None:
        words = _LANGUAGES[language]
        # most words are letters only: no punctuation rules to apply
        t = words.letter_traits(word) if word.isalpha() else words.word_traits(word)
        if len(cache) >= _TRAITS_MAX:  # a batch meets new words forever: stay small
            cache.clear()
        cache[word] = t
    return t


def rule_traits(word: str, language: Language | None = None) -> int:
    """``traits`` by the whole rule table, uncached (what the fast paths must agree with)."""
    return _LANGUAGES[language].word_traits(word)


def _clause_bonus(a: int, b: int) -> float:
    """What breaking between two words gains where a clause or a phrase ends."""
    for left, right, bonus in _CLAUSE_ENDS:
        if a & left or b & right:
            return bonus
    if b & _CAP and not a & _CAP:
        return NAME_START_BREAK
    return 0.0


# (a trait of the word before, a trait of the word after, the bonus), first match wins
_CLAUSE_ENDS = (
    (_END_SENT, 0, SENTENCE_BREAK),
    (_END_SEMI, 0, CLAUSE_BREAK),
    (_END_COMMA | _DASH, 0, COMMA_BREAK),
    (0, _CONJ, CONJUNCTION_BREAK),
)


def _pair_cost(a: int, b: int) -> float:
    """``boundary_cost`` from the traits of the two words (outside quotes)."""
    # initials and abbreviations end with a full stop that does not end a sentence
    cost = 0.0 if a & (_INIT | _ABBR) else _clause_bonus(a, b)
    if b & _DASH:
        cost += DASH_START
    if not a & _TRAILING:
        if a & _NO_END:
            cost += FUNCTION_WORD_END
        elif a & _WEAK:
            cost += WEAK_END
        if b & _CAPS_ABBR:
            cost += ABBREVIATION_START
    if b & _NO_START:
        cost += POSTPOSITION_START
    if a & _CAPS_ABBR and not a & _TRAILING and b & _QUOTE_OPEN:
        cost += ABBREVIATION_SPLIT  # "АО | «НК…»", "ТОО | «Береке»": a form and its name
    if b & _SYMBOL:
        cost += SIGN_START
    if a & _INIT and b & (_CAP | _INIT):  # "К.-Ж. | Токаев", "Е. | Б. Сагиндыкова"
        cost += INITIALS_SPLIT
    elif a & (_ABBR | _UNIT):
        cost += ABBREVIATION_SPLIT
    elif not a & _CLOSED and a & _NUM and b & (_LOWER | _UNIT | _GROUP3):
        cost += NUMBER_SPLIT
    return cost


def pair_cost(a: int, b: int) -> float:
    """``boundary_cost`` between two words given by their ``traits``."""
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


def boundary_cost(
    left: str, right: str, quoted: bool = False, language: Language | None = None
) -> float:
    """Cost of ending a line (or a cue) after ``left`` with ``right`` starting the next.

    Negative is good (a clause boundary), ``ILLEGAL`` or more is a rule broken. ``quoted``
    says the boundary falls inside a short «quoted name».

    >>> boundary_cost("в", "Астане") >= ILLEGAL, boundary_cost("Астане,", "где") < 0
    (True, True)
    """
    cost = pair_cost(traits(left, language), traits(right, language))
    return cost + (QUOTED_SPLIT if quoted else 0)


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


def gap_costs(
    words: Sequence[str],
    language: Language | None = None,
    tr: Sequence[int] | None = None,
    phrase: Sequence[float] | None = None,
) -> list[float]:
    """What a line break after each word but the last costs: the word rules
    (``pair_cost``), a short «quoted name», the phrase it would cut (``cohesion``), and
    where no phrase ends, a little (``LINE_BASE``: each line should read as a phrase).

    ``tr`` are the words' ``traits`` and ``phrase`` their ``cohesion.phrase_costs`` when the
    caller has them.
    """
    if tr is None:
        tr = [traits(w, language) for w in words]
    costs = pair_costs(tr)
    if any(t & _QUOTE_OPEN for t in tr):
        for g, inside in enumerate(_quoted_spans(words, tr)):
            if inside:
                costs[g] += QUOTED_SPLIT
    for g, extra in enumerate(phrase if phrase is not None else phrase_costs(words, language)):
        costs[g] += extra
    if any(LINE_BASE):
        for g, kind in enumerate(boundaries(words, tr, language)):
            costs[g] += LINE_BASE[kind]
    return costs


# A phrase cut between two cues is worse than one cut between two lines of a cue: the reader
# never sees its halves together.
CUE_PHRASE_EXTRA = 0.5
_CLAUSE_END = _END_SENT | _END_SEMI | _END_COMMA | _DASH
_QUOTE_SPAN = 12  # words: a «quoted name» longer than this is a quotation, cut where it must

# What ends at a gap, from strongest to weakest (``boundaries``):
CLAUSE = 0  # a clause: after , ; : or a dash, before a conjunction that opens one
EDGE = 1  # a phrase: before a preposition, after a Kazakh case or verb ending or postposition,
# between a Russian subject and its predicate
COMPLEMENT = 2  # a preposition after a Russian verb: its argument more often than not
INSIDE = 3  # nothing ends: inside a phrase, between a verb and its object
# What a line break costs by what ends there (on top of the rules): lines that read as
# phrases ("Мы просим жителей воздержаться / от поездок за город").
LINE_BASE = (0.0, 0.0, 0.0, 0.0)
# …and a cue break (instead of the line base): more than one more cue where nothing ends.
CUE_BASE = (0.0, CUE_PHRASE_EDGE, CUE_VERB_ARGUMENT, CUE_INSIDE)


def boundaries(words: Sequence[str], tr: Sequence[int], language: Language | None) -> list[int]:
    """What ends at each gap between words: ``CLAUSE``, ``EDGE``, ``COMPLEMENT`` or
    ``INSIDE``. A conjunction that joins two nouns (``мира и безопасности``) opens no
    clause; one after мен/бен/пен (``жұмысшы мен | 35 бірлік``) ends no phrase."""
    out = []
    for g, (a, b) in enumerate(pairwise(tr)):
        if a & _DASH:
            out.append(EDGE)  # "из них 38 – | молодые специалисты": the dash promises more
        elif (a & _CLAUSE_END and not a & (_INIT | _ABBR)) or (
            b & _CONJ and not joins_nouns(words, g + 1, language)
        ):
            out.append(CLAUSE)
        elif fold(words[g]) in lexicon.kk.COORDINATORS:
            out.append(INSIDE)
        elif b & _NO_END:
            out.append(COMPLEMENT if verb_before(words, g, language) else EDGE)
        elif a & (_PHRASE_END | _NO_START) or predicate_after(words, g + 1, language):
            out.append(EDGE)
        else:
            out.append(INSIDE)
    return out


def cue_costs(
    words: Sequence[str],
    costs: Sequence[float],
    phrase: Sequence[float],
    language: Language | None = None,
) -> list[float]:
    """What a cue break after each word but the last costs: its line-break cost
    (``gap_costs``), the phrase it cuts half as much again, ``CUE_BASE`` by what ends there
    (``boundaries``) in place of the line base, and ``CUE_QUOTE`` inside a «quoted name».
    The line-level bonus for starting a name on a new line is no bonus between cues
    ("…вице-министрі | Нұрлан Әбдіров" parts a title from its name).

    >>> words = "План включает 47 мероприятий, которые органы должны выполнить".split()
    >>> c = cue_costs(words, gap_costs(words, Language.RU), [0.0] * 7, Language.RU)
    >>> c[3] < 0 < CUE_INSIDE <= c[6]
    True
    """
    tr = [traits(w, language) for w in words]
    quoted = _quote_gaps(tr)
    kinds = boundaries(words, tr, language)
    out = []
    for g, (a, b) in enumerate(pairwise(tr)):
        kind = kinds[g]
        cost = costs[g] + CUE_PHRASE_EXTRA * phrase[g] + CUE_BASE[kind] - LINE_BASE[kind]
        if kind != CLAUSE and b & _CAP and not a & _CAP:
            cost -= NAME_START_BREAK
        if quoted[g]:
            cost += CUE_QUOTE
        if b & _CAP and name_follows(words, g + 1, language):
            cost += CUE_APPOSITION
        out.append(cost)
    return out


def _quote_gaps(tr: Sequence[int]) -> list[bool]:
    """For each gap: inside a «…» span of at most ``_QUOTE_SPAN`` words?"""
    inside = [False] * max(0, len(tr) - 1)
    start = None
    for i, t in enumerate(tr):
        if t & _QUOTE_OPEN and start is None:
            start = i
        if t & _QUOTE_CLOSE and start is not None:
            if i - start < _QUOTE_SPAN:
                for g in range(start, i):
                    inside[g] = True
            start = None
    return inside
