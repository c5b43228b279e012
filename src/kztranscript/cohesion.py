"""Phrases that hold together: what a line or cue break inside one costs.

A QC editor rejects a caption that cuts a noun phrase (``совместно с Глобальным |
альянсом``, ``ауданның | әкімі``, ``this | board``) or an analytic verb (``істеп | жүрген``)
even when the lines balance well. These costs sit on top of the word-level rules of
``linebreak`` and outweigh any difference of balance (a character a point).

- Russian: an adjective, participle, ordinal, possessive or determiner that agrees with the
  word after it (case and number, gender in the singular), or a cardinal before its noun, by
  pymorphy3's dictionary (a word it does not know binds to nothing); two such modifiers
  joined by и/или; more weakly, a noun and the genitive that completes it.
- Kazakh, by suffix: participles and locative adjectives (-ған, -атын, -дағы), a genitive
  before its possessed noun (-ның), adjectives in -лық (weaker), numerals and determiners, a
  converb in -п before its auxiliary verb (жүр, жат, тұр …), a bare noun before a possessive
  in -сы/-сі (weaker).
- English: determiners, numbers and modals before their word, a word between a determiner
  and its noun (weaker), "more than", "per", "Interstate 75".
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
LOOSE_SPLIT = 50  # a weaker bond (-лық adjectives, an English word after its determiner)
# A noun and the genitive that completes it ("системы | вентиляции", "оценке | ущерба"): a
# QC editor moves the break before the pair where a line allows it.
COMPLEMENT_SPLIT = 60
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
# -лік/-лық nouns with a possessive (министрлігі, басқармасы's kin): they end like -гі/-ғы
# adjectives (көктемгі, жазғы) but are nouns.
_KK_LIK_POSSESSIVE = ("лігі", "лығы", "дігі", "дығы", "тігі", "тығы")
# Light verbs that make one verb with the bare noun before them: жұмыс істеу, көмек көрсету.
_KK_LIGHT_VERBS = ("істе", "көрсет", "жаса", "атқар")
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
    [60, 200, 0.0]
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
        if language is Language.EN and a and _english_unit(a, b, left):
            out[i] = PHRASE_SPLIT  # "more | than", "miles | per hour", "Interstate | 75"
            continue
        if a and b and f"{a}_{b}" in lex.compounds:
            out[i] = PHRASE_SPLIT  # two words, one term: "сыбайлас | жемқорлық"
            continue
        if not a or not b or b in lex.no_line_end or b in lex.conjunctions:
            continue  # a preposition or conjunction heads no phrase of the word before it
        if _capitalized(left) and _capitalized(right) and not (russian and _common(a)):
            out[i] = NAME_SPLIT
        elif a in lex.binders:
            out[i] = PHRASE_SPLIT
        elif language is Language.EN and a in _EN_PERFECT and _EN_PARTICIPLE.search(b):
            out[i] = VERB_SPLIT
        elif language is Language.EN and _english_premodifier(core, i, lex):
            out[i] = LOOSE_SPLIT
        elif kazakh and (bond := _kazakh(a, b, right, lex)):
            out[i] = bond
        elif russian and _agrees(a, b):
            out[i] = PHRASE_SPLIT
        elif russian and _genitive_complement(a, b, right):
            out[i] = COMPLEMENT_SPLIT
    _routes(words, out)
    if russian:
        _coordinated(core, out)
        for i in range(len(out)):
            if core[i + 1] in _RU_AND and joins_nouns(words, i + 1, language):
                out[i] = max(out[i], LOOSE_SPLIT)  # "мира | и безопасности": one pair
    return out


_RU_AND = frozenset(("и", "или", "либо"))
_DASH_WORDS = frozenset("–—-")


def _routes(words: Sequence[str], out: list[float]) -> None:
    """Two names joined by a dash are one name: a route, a match ("трасса Астана – Щучинск",
    "Бақты – Аягөз темір жолы"); neither gap around the dash may break."""
    for i in range(1, len(words) - 1):
        if (
            words[i] in _DASH_WORDS
            and words[i - 1][-1:] not in _CLOSES
            and _capitalized(words[i - 1])
            and _capitalized(words[i + 1])
        ):
            out[i - 1] = max(out[i - 1], PHRASE_SPLIT)
            out[i] = max(out[i], PHRASE_SPLIT)


_RU_AGENTS = frozenset("им ей ею ими нами вами мной мною тобой".split())


def _coordinated(core: Sequence[str], out: list[float]) -> None:
    """Two modifiers joined by и/или before their noun ("политических | и правозащитных
    реформ"): the first is cut from its noun by a break before the conjunction; likewise a
    participle and its noun around the agent ("принятом | им | Указе")."""
    for i in range(len(core) - 2):
        if core[i + 1] in _RU_AND and _modifies(core[i], core[i + 2]):
            out[i] = max(out[i], PHRASE_SPLIT)
        elif core[i + 1] in _RU_AGENTS and _agrees(core[i], core[i + 2]):
            # "о принятом им Указе": a participle, its agent, its noun
            out[i] = max(out[i], PHRASE_SPLIT)
            out[i + 1] = max(out[i + 1], PHRASE_SPLIT)


def _modifies(a: str, c: str) -> bool:
    """Both are Russian modifiers in one case and number (a pair of coordinated adjectives)."""
    if not (_RU_MODIFIER_END.search(a) and _RU_MODIFIER_END.search(c)):
        return False
    if not _RU_WORD.fullmatch(a) or not _RU_WORD.fullmatch(c):
        return False
    right = [f for f in _forms(c) if f[0] in _MODIFIER_POS]
    return any(
        f[0] in _MODIFIER_POS and (f[1], f[2]) == (g[1], g[2]) for f in _forms(a) for g in right
    )


_EN_COMPARATIVE = frozenset("more less fewer rather".split())
_EN_HALF = frozenset("half quarter".split())
_EN_NUMBERS = frozenset("one two three four five six seven eight nine ten eleven twelve".split())


def _english_unit(a: str, b: str, left: str) -> bool:
    """English pairs read as one unit: "more | than", "miles | per hour", "Interstate | 75"."""
    if b == "than":
        return a in _EN_COMPARATIVE
    if b == "per" or (b == "of" and a in ("percent", "%")):
        return True  # "35 miles | per hour", "41 percent | of voters"
    if a in _EN_HALF and b in _EN_NUMBERS:
        return True  # "half | seven"
    return b.isdigit() and _capitalized(left) and left.isalpha()


_EN_DETERMINERS = frozenset(
    "the a an this that these those my your his her its our their every each some any no two "
    "three four five six seven eight nine ten several many few".split()
)
# Verbs and adverbs that follow a noun phrase ("the plan | will", "the city | says").
_EN_VERBS = frozenset(
    "is are was were be been being has have had do does did will would can could shall should "
    "may might must says said say told tells said see sees saw got gets went goes came comes "
    "made makes took takes also still now then".split()
)


def _english_premodifier(core: Sequence[str], i: int, lex: lexicon.Lexicon) -> bool:
    """An English word between a determiner and the noun it goes with ("the whole |
    intersection", "three neighboring | towns"): a break after it parts the phrase."""
    if i == 0 or core[i - 1] not in _EN_DETERMINERS or i + 1 >= len(core):
        return False
    b = core[i + 1]
    if not b.isalpha() or b in _EN_VERBS or b in lex.binders or b.endswith("ly"):
        return False
    return core[i] not in lex.binders


def _genitive_complement(a: str, b: str, right: str) -> bool:
    """A Russian noun before a word in the genitive that completes it ("системы |
    вентиляции", "мероприятие | Плана", "Управлении | городской мобильности")."""
    if not (_RU_WORD.fullmatch(a) and _RU_WORD.fullmatch(b)) or b in _RU_CLOSED:
        return False
    left = _forms(a)
    if not left or not all(f[0] == "NOUN" for f in left):
        return False
    right_forms = _forms(b)
    if not right_forms or (right[:1].isupper() and any(f[4] for f in right_forms)):
        return False  # "…суда | Эльвира": a name after a title is its own phrase
    return all(f[0] in ("NOUN", "ADJF", "PRTF") for f in right_forms) and any(
        f[1] == "gent" for f in right_forms
    )


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
        and not a.endswith(_KK_LIK_POSSESSIVE)
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
    if b.startswith(_KK_LIGHT_VERBS) and a.isalpha() and not _KK_NOT_BARE.search(a):
        return VERB_SPLIT  # "жұмыс | істеп жүрген": a noun and its light verb are one verb
    if _izafet(a, b, lex):
        return IZAFET_SPLIT
    if lower_right and a.endswith(lex.adjective_endings) and len(a) > 4:
        return LOOSE_SPLIT
    return 0.0


def _izafet(a: str, b: str, lex: lexicon.Lexicon) -> bool:
    """A bare noun before a third-person possessive noun: "жел | екпіні", "жылу | жүйесі",
    "облыс | әкімінің". By suffix: ``b`` ends in a possessive (and maybe a case), ``a`` in no
    case or verb ending, and neither is a function word."""
    if not (a.isalpha() and b.isalpha()) or len(a) < 2 or len(b) < 3:
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
    несколько нескольких много многих полтора полторы полутора всеми всех всем всего всей
    теми тех тем того той
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


_NOT_NOUN_POS = frozenset({"VERB", "INFN", "GRND", "PRTS", "ADVB", "PRED", "ADJS"})
_VERB_POS = frozenset({"VERB", "INFN", "GRND"})
_PREDICATE_POS = frozenset({"VERB", "PRTS", "ADJS", "PRED"})
_NOMINAL_POS = frozenset({"NOUN", "NPRO", "ADJF", "PRTF", "NUMR"})


def _russian_forms(word: str, language: Language | None) -> tuple[_Form, ...]:
    if language not in (Language.RU, None):
        return ()
    core = _core(word)
    return _forms(core) if _RU_WORD.fullmatch(core) else ()


def verb_before(words: Sequence[str], i: int, language: Language | None) -> bool:
    """Whether ``words[i]`` is a Russian verb, infinitive or gerund (and nothing else): what
    follows it is most often its argument ("воздержаться | от поездок", "представил |
    руководитель"), which an editor keeps with it."""
    forms = _russian_forms(words[i], language)
    return bool(forms) and all(f[0] in _VERB_POS for f in forms)


def predicate_after(words: Sequence[str], i: int, language: Language | None) -> bool:
    """Whether a Russian predicate (a finite verb, a short participle or adjective) starts at
    ``words[i]`` after a nominal word: the subject's phrase ends there ("Отдельной строкой в
    документе | предусмотрены средства", "владельцы объектов | обязаны убирать")."""
    if i == 0 or words[i - 1][-1:] in _CLOSES:
        return False
    right = _russian_forms(words[i], language)
    left = _russian_forms(words[i - 1], language)
    return (
        bool(right)
        and all(f[0] in _PREDICATE_POS for f in right)
        and bool(left)
        and any(f[0] in _NOMINAL_POS for f in left)
    )


def joins_nouns(words: Sequence[str], i: int, language: Language | None) -> bool:
    """Whether ``words[i]`` (и, или, and, or, және) joins two nouns or modifiers ("мира | и
    безопасности", "roads | and bridges") rather than opening a clause: the word after it is
    a Russian noun or adjective and nothing else (a verb, pronoun or adverb opens a clause)."""
    if i + 1 >= len(words) or words[i][-1:] in _CLOSES:
        return False
    conj, nxt = _core(words[i]), _core(words[i + 1])
    if conj not in _RU_AND or language not in (Language.RU, None):
        return False
    if not _RU_WORD.fullmatch(nxt) or words[i + 1][:1].isupper():
        return False
    forms = _forms(nxt)
    if not forms or not all(f[0] in ("NOUN", "ADJF", "PRTF") for f in forms):
        return False
    # a short pair ("мира и безопасности | в контексте"), not the start of a long phrase
    # ("Азимова | и первый заместитель министра"), which a cue may begin
    if words[i + 1][-1:] in _CLOSES or i + 2 >= len(words):
        return True
    after = _core(words[i + 2])
    return not (_RU_WORD.fullmatch(after) and any(f[0] in _NOUNISH for f in _forms(after)))


_NOUNISH = frozenset({"NOUN", "ADJF", "PRTF", "NPRO"})


def name_follows(words: Sequence[str], i: int, language: Language | None) -> bool:
    """Whether a first name and surname start at ``words[i]`` after a word that is not the
    sentence's first ("вице-министрі | Нұрлан Әбдіров", "Президента | Касым-Жомарта
    Токаева"): a title and its name, one unit on screen."""
    if i == 0 or i + 1 >= len(words) or words[i - 1][-1:] in _CLOSES:
        return False
    first, second = words[i], words[i + 1]
    if not (_capitalized(first) and _capitalized(second.rstrip(",.;:!?…»"))):
        return False
    return not (language in (Language.RU, None) and _common(_core(first)))


def clear_cache() -> None:
    """Forget the analyses of words seen so far (benchmarks call this between runs)."""
    _forms.cache_clear()
