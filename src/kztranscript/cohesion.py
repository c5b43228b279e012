"""Phrases that hold together: what a line or cue break inside one costs.

A QC editor rejects a caption that cuts a noun phrase (``совместно с Глобальным |
альянсом``, ``ауданның | әкімі``, ``this | board``) or an analytic verb (``істеп | жүрген``)
even when the lines balance well. These costs sit on top of the word-level rules of
``linebreak`` and outweigh any difference of balance (a character a point).

- Russian: an adjective, participle, ordinal, possessive or determiner that agrees with the
  word after it (case and number, gender in the singular), or a cardinal before its noun, by
  pymorphy3's dictionary (a word it does not know binds to nothing).
- Kazakh, by suffix: participles and locative adjectives (-ған, -атын, -дағы), a genitive
  before its possessed noun (-ның), adjectives in -лық (weaker), numerals and determiners, a
  converb in -п before its auxiliary verb (жүр, жат, тұр …), a bare noun before a possessive
  in -сы/-сі (weaker).
- English: determiners, numbers and modals before their word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from kztranscript import lexicon
from kztranscript.model import Language
from kztranscript.text import CYRILLIC, WORD_TRIM

PHRASE_SPLIT = 200  # a noun phrase cut in two: more than a balance difference and a cue
VERB_SPLIT = 250  # an analytic verb cut in two: one verb form, worse than a phrase
IZAFET_SPLIT = PHRASE_SPLIT  # a bare noun and its possessive noun (Kazakh), by suffix
LOOSE_SPLIT = 50  # a weaker bond (-лық adjectives)
NAME_SPLIT = 500  # a first name from its surname (Эльвира | Азимова): linebreak.ILLEGAL

_CLOSES = frozenset(',.;:!?…»"”)]')
_RU_WORD = re.compile(rf"[{CYRILLIC}]+(?:-[{CYRILLIC}]+)*")
# A third-person possessive, maybe with a case after it: екпіні, жүйесі, әкімінің, маңына.
_KK_POSSESSIVE = re.compile(r"(?:ы|і|сы|сі)(?:ның|нің|на|не|нда|нде|нан|нен|мен|н)?$")
# Endings that make a word no bare noun: cases, plural-possessive, verbs, converbs.
_KK_NOT_BARE = re.compile(
    r"(?:ның|нің|дың|дің|тың|тің|ға|ге|қа|ке|на|не|да|де|та|те|дан|ден|тан|тен|нан|нен"
    r"|ды|ді|ты|ті|ны|ні|мен|бен|пен|ған|ген|қан|кен|ып|іп|ады|еді|йды|йді|са|се|ша|ше"
    r"|сы|сі|ы|і)$"
)
# Possessive-looking verb forms: past tense (келді, барды), present (айтады), conditional.
_KK_VERB_FORM = re.compile(r"(?:ды|ді|ты|ті|ады|еді|йды|йді|мады|меді|ейді|айды)$")
_EN_PERFECT = frozenset("have has had haven't hasn't hadn't".split())
_EN_PARTICIPLE = re.compile(
    r"(?:ed|en|wn|been|done|gone|made|seen|got|built|left|lost|found|told|said|brought|thought"
    r"|become|come|run|begun|kept|held|heard|met|paid|sent|spent|won|put|set|cut|hit|let)$"
)
_CASES = {"gen2": "gent", "loc2": "loct", "acc2": "accs", "gen1": "gent", "loc1": "loct"}
_MODIFIER_POS = frozenset({"ADJF", "PRTF"})
_HEAD_POS = frozenset({"NOUN", "ADJF", "PRTF", "NPRO"})

# part of speech, case, number, gender, whether it is a name (first name, surname, place…)
_Form = tuple[str, str | None, str | None, str | None, bool]
_NAME_TAGS = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})


def phrase_costs(words: Sequence[str], language: Language | None) -> list[float]:
    """The extra cost of a break at each gap (after words[i]) for the phrase it would cut.

    ``language`` None applies every language's rules (each keys on its own alphabet).

    >>> phrase_costs("Жители соседнего микрорайона жалуются".split(), Language.RU)
    [0.0, 200, 0.0]
    >>> phrase_costs("Астана ауданның әкімі келді".split(), Language.KK)
    [0.0, 200, 0.0]
    """
    lex = lexicon.for_line_breaking(language)
    out = [0.0] * max(0, len(words) - 1)
    if not out:
        return out
    core = [_core(w) for w in words]
    russian = language in (Language.RU, None)
    kazakh = language in (Language.KK, None)
    for i in range(len(out)):
        left, right = words[i], words[i + 1]
        if left[-1] in _CLOSES or right[0] in "-–—(":
            continue  # a clause or a bracket ends here
        a, b = core[i], core[i + 1]
        if not a or not b or b in lex.no_line_end or b in lex.conjunctions:
            continue  # a preposition or conjunction heads no phrase of the word before it
        if _capitalized(left) and _capitalized(right) and not (russian and _common(a)):
            out[i] = NAME_SPLIT
        elif a in lex.binders:
            out[i] = PHRASE_SPLIT
        elif language is Language.EN and a in _EN_PERFECT and _EN_PARTICIPLE.search(b):
            out[i] = VERB_SPLIT
        elif kazakh and (bond := _kazakh(a, b, right, lex)):
            out[i] = bond
        elif russian and _agrees(a, b):
            out[i] = PHRASE_SPLIT
    return out


def _core(word: str) -> str:
    return word.strip(WORD_TRIM).casefold().replace("ё", "е")


def _kazakh(a: str, b: str, right: str, lex: lexicon.Lexicon) -> float:
    """The bond between two Kazakh words, by suffix."""
    lower_right = right.lstrip('«"„“')[:1].islower()
    if b in lex.no_line_start:
        return 0.0  # an enclitic or postposition has its own rule
    if (
        a.endswith(lex.modifier_endings)
        and a not in lex.not_modifiers
        and not a.startswith(lex.modifier_lookalike_stems)
        and len(a) > 4
    ):
        return PHRASE_SPLIT
    if a.endswith(lex.genitive_endings) and len(a) > 4:
        # before its possessed noun; before a bare noun the pair after it is the phrase
        # ("пойыздардың | қозғалыс кестесін" is the lesser cut)
        return PHRASE_SPLIT if _KK_POSSESSIVE.search(b) else LOOSE_SPLIT
    if (
        a.endswith("п")
        and len(a) > 3
        and a[-2] in "аәеиоөуұүыіэюя"
        and a not in lex.not_converbs
        and b.startswith(lex.auxiliary_stems)
    ):
        return VERB_SPLIT
    if _izafet(a, b, lex):
        return IZAFET_SPLIT
    if lower_right and a.endswith(lex.adjective_endings) and len(a) > 5:
        return LOOSE_SPLIT
    return 0.0


def _izafet(a: str, b: str, lex: lexicon.Lexicon) -> bool:
    """A bare noun before a third-person possessive noun: "жел | екпіні", "жылу | жүйесі",
    "облыс | әкімінің". By suffix: ``b`` ends in a possessive (and maybe a case), ``a`` in no
    case or verb ending, and neither is a function word."""
    if not (a.isalpha() and b.isalpha()) or len(a) < 2 or len(b) < 4:
        return False
    if a in lex.binders or b in lex.binders or a in lex.no_line_end or a in lex.no_line_start:
        return False
    return (
        bool(_KK_POSSESSIVE.search(b))
        and not _KK_NOT_BARE.search(a)
        and not (_KK_VERB_FORM.search(b))
    )


def _capitalized(word: str) -> bool:
    w = word.lstrip('«"„“(')
    return len(w) > 1 and w[0].isupper() and w[1:2].islower()


def _common(word: str) -> bool:
    """A Russian dictionary word that is not a name (Управлением, Верховного): two of them
    in capitals are an institution, not a first name and a surname."""
    forms = _forms(word, guess=False)
    return bool(forms) and not any(f[4] for f in forms)


# Endings of Russian adjectives, participles, ordinals and pronoun-adjectives, and the
# determiners, possessives and cardinals that end otherwise: only these are worth analysing.
_RU_MODIFIER_END = re.compile(
    r"(?:ый|ий|ой|ая|яя|ое|ее|ые|ие|ого|его|ому|ему|ым|им|ом|ем|ую|юю|ых|их|ыми|ими|ей)$"
)
_RU_CLOSED = frozenset(
    """
    этот эта это эти эту тот та то те ту весь вся всё все всю мой моя моё мои мою твой твоя
    твоё твои свой своя своё свои свою наш наша наше наши нашу ваш ваша ваше ваши вашу
    один одна одно одни одну два две двух двум двумя три трёх трех трём трем тремя четыре
    четырёх четырех пять пяти пятью шесть шести семь семи восемь восьми девять девяти десять
    десяти двадцать двадцати тридцать тридцати сорок сорока пятьдесят сто ста двести триста
    несколько нескольких много многих
    """.split()
)


def _agrees(a: str, b: str) -> bool:
    """A Russian modifier ``a`` that agrees with ``b`` (or a cardinal before its word)."""
    if not (_RU_MODIFIER_END.search(a) or a in _RU_CLOSED):
        return False
    if not _RU_WORD.fullmatch(a) or not _RU_WORD.fullmatch(b):
        return False
    left = _forms(a)
    if not left:
        return False
    right = [f for f in _forms(b) if f[0] in _HEAD_POS]
    if not right:
        return False
    if any(f[0] == "NUMR" for f in left):
        return True  # пять | лет, двух | человек
    for pos, case, number, gender, _ in left:
        if pos not in _MODIFIER_POS:
            continue
        for _, case_b, number_b, gender_b, _ in right:
            if case != case_b or number != number_b:
                continue
            if number == "plur" or not gender or not gender_b or gender == gender_b:
                return True
            if "ms-f" in (gender, gender_b):
                return True
    return False


_CASE_NAMES = frozenset("nomn gent datv accs ablt loct voct gen1 gen2 acc2 loc1 loc2".split())
_GENDERS = frozenset(("masc", "femn", "neut", "ms-f"))
_GRAMMEME_SPLIT = re.compile(r"[ ,]")


@lru_cache(maxsize=32768)
def _forms(word: str, guess: bool = True) -> tuple[_Form, ...]:
    """pymorphy3's analyses of a lower-case Russian word: with ``guess``, unknown words are
    analysed by their endings (Алатауского, центральноазиатскими), else they have none."""
    from kztranscript.morphology import dictionary_analyzer, tagger

    analyses = (tagger() if guess else dictionary_analyzer()).tag(word)
    return tuple(f for f in map(_tag_form, map(str, analyses)) if f is not None)


@lru_cache(maxsize=4096)
def _tag_form(tag: str) -> _Form | None:
    """One pymorphy3 tag as a form (a few hundred tags make up most text: read each once).
    None for indeclinable letters and abbreviations ("и" the letter), which agree with all."""
    grammemes = _GRAMMEME_SPLIT.split(tag)
    found = set(grammemes)
    if "Fixd" in found or "Abbr" in found:
        return None
    case = next((g for g in grammemes if g in _CASE_NAMES), None)
    number = "plur" if "plur" in found else "sing" if "sing" in found else None
    gender = next((g for g in grammemes if g in _GENDERS), None)
    name = bool(_NAME_TAGS & found)
    return (grammemes[0], _CASES.get(case, case) if case else None, number, gender, name)


def clear_cache() -> None:
    """Forget the analyses of words seen so far (benchmarks call this between runs)."""
    _forms.cache_clear()
