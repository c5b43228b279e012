"""Word lists per language: one ``Lexicon`` value for Russian, Kazakh and English, and their
union.

The data lives in ``ru.py``, ``kk.py`` and ``en.py`` (one module per language, plain tuples);
this module turns each into a frozen ``Lexicon``. The parser uses ``ANY`` (the union): it
reads markers before it knows the script's language, and Russian scripts quote Kazakh titles.
Line breaking uses the script's own language (``for_language``). Every entry is lower case
and compared with ``text.fold()``.

Labels that vary by newsroom rather than by language (section labels, credit labels, header
fields, graphics lines) are not here: they are data in ``conventions.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from types import ModuleType
from typing import Any

from kztranscript.lexicon import en, kk, ru
from kztranscript.model import Language
from kztranscript.text import CYRILLIC, KAZAKH_LOWER

#: Signs that follow their number ("15 %", "−5 °C"): a line never starts with one.
UNIT_SIGNS = frozenset({"%", "‰", "°", "°c", "°с", "₸", "₽", "€", "$"})


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The word lists of one language (or of several, merged with ``|``).

    Sets answer "is this word one of them"; tuples are matched as prefixes or suffixes
    (``str.startswith`` / ``endswith``).
    """

    correspondent_stems: tuple[str, ...]
    correspondent_abbreviations: frozenset[str]
    anchor_words: frozenset[str]
    anchor_next_words: frozenset[str]
    programme_stems: tuple[str, ...]
    role_labels: frozenset[str]
    credit_prefixes: tuple[str, ...]
    direction_words: frozenset[str]
    transcript_boilerplate: tuple[str, ...]
    note_words: tuple[str, ...]
    voiceover_notes: tuple[str, ...]
    # A note saying the speaker is heard in another language than the script's words (the
    # script holds a translation), and one saying a translator's voice reads them on air.
    translation_notes: tuple[str, ...]
    interpreted_notes: tuple[str, ...]
    # A note naming the language heard: a language's code and stems of its names.
    language_notes: tuple[str, ...]
    anonymous_words: frozenset[str]
    narrator_words: frozenset[str]  # a nameless voice heard, not seen: voice-over
    name_particles: frozenset[str]
    honorifics: frozenset[str]
    patronymic_endings: tuple[str, ...]
    kazakh_patronymic: tuple[str, ...]
    surname_endings: tuple[str, ...]
    position_words: frozenset[str]
    position_modifiers: frozenset[str]
    not_names: frozenset[str]
    reporting_stems: tuple[str, ...]
    no_line_end: frozenset[str]  # a line never ends with one (prepositions, conjunctions…)
    no_line_start: frozenset[str]  # a line never starts with one (Kazakh postpositions)
    homographs: frozenset[str]  # spelled like another language's word: its rules stay home
    weak_line_end: frozenset[str]  # auxiliaries and modals: a line may end with one, at a cost
    conjunctions: frozenset[str]  # a good place to start a new line
    unit_abbreviations: frozenset[str]  # г., млн: bound to the word after or the number before
    binders: frozenset[str]  # determiners, numerals, modals: bound to the word after them
    # Kazakh morphology of phrases (see cohesion.py): suffixes of modifiers, exceptions, the
    # genitive, adjectives in -лық, auxiliary verbs after a converb, words in -п that are not
    modifier_endings: tuple[str, ...]
    not_modifiers: frozenset[str]
    modifier_lookalike_stems: tuple[str, ...]
    genitive_endings: tuple[str, ...]
    adjective_endings: tuple[str, ...]
    auxiliary_stems: tuple[str, ...]
    not_converbs: frozenset[str]
    phrase_end_endings: tuple[str, ...]  # Kazakh: a case or finite-verb ending closes a phrase
    compounds: frozenset[str]  # "сыбайлас_жемқорлық": two words, one term (folded, "_" between)

    @classmethod
    def from_module(cls, module: ModuleType) -> Lexicon:
        """A lexicon from a data module whose names are the fields in upper case."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            data = getattr(module, f.name.upper())
            values[f.name] = tuple(data) if "tuple" in str(f.type) else frozenset(data)
        return cls(**values)

    def __or__(self, other: Lexicon) -> Lexicon:
        """Both lexicons' words (tuples keep this one's order first)."""
        merged: dict[str, Any] = {}
        for f in fields(self):
            a, b = getattr(self, f.name), getattr(other, f.name)
            merged[f.name] = (*a, *(w for w in b if w not in a)) if isinstance(a, tuple) else a | b
        return Lexicon(**merged)


_NOTHING: dict[str, Any] = {
    f.name: () if "tuple" in str(f.type) else frozenset() for f in fields(Lexicon)
}
_EMPTY = Lexicon(**_NOTHING)
RU = Lexicon.from_module(ru)
KK = Lexicon.from_module(kk)
EN = Lexicon.from_module(en)
#: Every language's words: what the parser reads markers with.
ANY = RU | KK | EN
_BY_LANGUAGE = {Language.RU: RU, Language.KK: KK, Language.EN: EN}


def for_language(language: Language | None) -> Lexicon:
    """The lexicon of one language; ``ANY`` when the language is not known."""
    return ANY if language is None else _BY_LANGUAGE[language]


_BREAK_FIELDS = (
    "no_line_end",
    "no_line_start",
    "weak_line_end",
    "conjunctions",
    "unit_abbreviations",
    "binders",
)


@lru_cache(maxsize=8)
def for_line_breaking(language: Language | None) -> Lexicon:
    """The word lists line breaking uses for text in ``language``: its own, plus the other
    languages' words it has no rule for itself. Scripts mix languages (a Kazakh name and a
    Russian title in one marker, a Russian quote in Kazakh narration), and a Russian
    preposition is a preposition in any script; where two languages disagree on a word
    (Kazakh enclitic ``да`` after its word, Russian ``да`` before it), the language of the
    text decides, and postpositions and enclitics bind only in their own language.

    >>> "в" in for_line_breaking(Language.KK).no_line_end
    True
    """
    own = for_language(language)
    if language is None:
        return own
    claimed = frozenset().union(*(getattr(own, f) for f in _BREAK_FIELDS))
    merged = own
    for other in _BY_LANGUAGE.values():
        if other is own:
            continue
        # a homograph keeps its rule at home: Kazakh "те" starts no line in Kazakh, while
        # Russian "те" (those) may; "бойынша" binds in any text, as no other word is spelled so
        borrowed = {f: getattr(other, f) - claimed - other.homographs for f in _BREAK_FIELDS}
        merged = merged | replace(_EMPTY, **borrowed)
    return merged


_CYRILLIC_WORD = re.compile(rf"[{CYRILLIC}]+")
_KAZAKH = KAZAKH_LOWER + KAZAKH_LOWER.upper()
_KAZAKH_LETTER = re.compile(rf"[{_KAZAKH}]")
# A word holding a Kazakh-only letter, counted once: the match starts at the word's start.
_KAZAKH_WORD = re.compile(rf"(?<![{CYRILLIC}])[{CYRILLIC}]*?[{_KAZAKH}]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")


# Kazakh words spelled with Russian letters only, frequent and never Russian words: a Kazakh
# sentence that happens to hold few ә ғ қ ң ө ұ ү һ і is still told by them.
_KAZAKH_PLAIN_WORDS = frozenset(
    """
    туралы бойынша арқылы дейін кейін сияқты секілді немесе деп еді екен болды болады болып
    жоқ бар осы сол бұл ол біз сіз олар мен бен пен және
    """.split()
)


# Russian words no Kazakh sentence has: a passage with none of them and no Kazakh letter may
# still be Kazakh written in the letters the two alphabets share.
_RUSSIAN_PLAIN_WORDS = frozenset(
    """
    в во на и не что с со по это как для от из к ко за у о об мы он она оно они я вы но а же
    бы ли так уже его её ее их при до после также будет был была были есть который которая
    которые этот эта эти того чтобы если или только ещё еще очень
    """.split()
)


def _words(text: str) -> set[str]:
    return {w.lower() for w in _CYRILLIC_WORD.findall(text)}


def _word_counts(text: str) -> tuple[int, int, int]:
    """Cyrillic words, Kazakh words (a Kazakh-only letter, or a Kazakh function word),
    Latin words."""
    sample = text[:200_000]
    words = _CYRILLIC_WORD.findall(sample)
    kaz = len(_KAZAKH_WORD.findall(sample)) if _KAZAKH_LETTER.search(sample) else 0
    kaz += sum(
        1 for w in words if w.lower() in _KAZAKH_PLAIN_WORDS and not _KAZAKH_LETTER.search(w)
    )
    return len(words), kaz, len(_LATIN_WORD.findall(sample))


def detect_language(text: str) -> Language:
    """``kk`` when many words hold Kazakh-only letters, ``en`` when Latin dominates, else ``ru``.

    Counted by words, not letters: a Russian script quoting a few Kazakh names (Қасым) stays
    ``ru``, while a third or more of the words of Kazakh prose hold ә ғ қ ң ө ұ ү һ і.

    >>> detect_language("Астана қаласының әкімі жаңа мектеп ашты.")
    <Language.KK: 'kk'>
    >>> detect_language("Good evening.")
    <Language.EN: 'en'>
    """
    cyr_words, kaz_words, lat_words = _word_counts(text)
    if lat_words > cyr_words:
        return Language.EN
    if cyr_words and kaz_words * 100 >= cyr_words * 20:
        return Language.KK
    return Language.RU


def passage_language(text: str, default: Language) -> Language:
    """The language of one passage of a script (a segment, a sentence): the default (the
    script's, the segment's) unless the passage clearly says otherwise. A Kazakh package
    quotes Russian syncs, and a Russian one Kazakh: each is broken into lines by its own
    rules. Clearly: four words or more, and for Kazakh two words with Kazakh-only letters
    (one is a name in a Russian sentence), for Russian none at all and a word only Russian
    has (в, на, и, что…).

    >>> passage_language("Мы будем работать над этим и дальше.", Language.KK)
    <Language.RU: 'ru'>
    >>> passage_language("Мэр встретился сегодня с Ержаном Қасымұлы.", Language.RU)
    <Language.RU: 'ru'>
    >>> passage_language("Жақсы, әйбат.", Language.RU)
    <Language.RU: 'ru'>
    >>> passage_language("Мектеп биыл ашылады да балалар барады.", Language.KK)
    <Language.KK: 'kk'>
    """
    if len(text.split()) < 4:
        return default
    cyr, kaz, lat = _word_counts(text)
    if lat > cyr:
        return Language.EN
    if default is not Language.KK and kaz >= 2 and kaz * 100 >= cyr * 20:
        return Language.KK
    if default is not Language.RU and cyr and not kaz and _RUSSIAN_PLAIN_WORDS & _words(text):
        return Language.RU  # not "Мектеп биыл ашылады да балалар барады": Kazakh all the same
    return default if default is not Language.EN or not cyr else detect_language(text)
