"""Caption quality: our cues beside a naive razdel + textwrap captioner, judged by one flagger.

Scripts: samples/*.txt, tests/data/parser/*.txt and tests/data/realistic/*.txt. Each is run
through ``kztranscript.pipeline.run`` (ours) and, in the same run, through a naive captioner
a newsroom intern would write: the same spoken segment texts, razdel sentences,
``textwrap.wrap(sentence, 37)``, two lines a cue (a cue never holds two sentences), timed by
characters at 15 characters/s with a 1 s minimum, back to back.

The flagger is independent of the captioner: its own word lists, and pymorphy3 for Russian
agreement; it imports nothing from kztranscript but the pipeline. It judges every line break
(line k | line k+1 of a cue) and every cue break inside a segment that is not at a sentence
end (last word of a cue | first word of the next cue), and flags:

  function-word   the left word is a preposition, conjunction or particle (ru: в на с … и а но
                  не ни что чтобы; en: a an the of to in on at by for with and or but;
                  kk: және бірақ немесе)
  ru-enclitic     the right word is бы / же / ли (they lean on the word before them; ending a
                  line with them is fine, starting one is not)
  kk-enclitic     the right word is a Kazakh postposition or enclitic (үшін туралы бойынша
                  арқылы дейін кейін сияқты мен бен пен да де та те ғой ма ме ба бе па пе);
                  a capitalized Мен is the pronoun "I" and does not count
  ru-agreement    adjective / participle / ordinal / pronoun-adjective on the left agreeing with
                  a noun on the right (case + number, gender in the singular; over a chain of
                  agreeing adjectives up to the noun), or a cardinal numeral before a noun or
                  adjective. Part of speech from the left word's FIRST pymorphy3 parse (the one
                  with the highest score; NPRO first with an ADJF parse counts as ADJF: этом,
                  том); agreement when ANY parse of the left word with that part of speech
                  agrees with ANY noun parse of the right word (pymorphy3 cannot tell
                  nominative from accusative, or genitive singular from nominative plural, so a
                  first-parse-only pair misses real splits). The chain stops at a function word
                  (политических | и правозащитных реформ is not flagged) and at punctuation.
  kk-participle   a Kazakh participle / locative adjective (-ған -ген -қан -кен -атын -етін
                  -йтын -йтін -дағы -дегі -тағы -тегі) on the left before any word (not an
                  accusative noun in -тын/-тін before its verb: университетін | бітірген)
  kk-genitive     a Kazakh genitive (-ның -нің -дың -дің -тың -тің) before a possessive
                  (-ы -і -сы -сі, possibly with a case ending after it)
  kk-izafet       a bare noun before a 3rd-person possessive noun (жел | екпіні, жылу | жүйесі,
                  Сарыкемер | ауылының): a heuristic from endings, see kk_izafet()
  kk-modifier     a Kazakh numeral or determiner (бір екі … бірнеше; әр барлық осы бұл келесі
                  соңғы жаңа ең …) before the word it modifies
  kk-analytic     a Kazakh converb (-п after a vowel) before an auxiliary verb form (жүр, жатыр,
                  тұр, отыр, кел, қал, шық, біт, қой, кет, бер, ал, көр, сал + a verbal ending)
  en-determiner   an English determiner, possessive or numeral word (this, every, their, two …)
                  before a content word
  en-verb-group   an English modal before its verb, or have/has/had before a participle
  name            two Capitalized words (not all caps), the left one not sentence-initial and
                  not a title or (ru) a dictionary common noun / adjective by pymorphy3
  initials        an initial (К., К.-Ж., J.D.) before a surname or another initial
  number          a number before its unit, month, year word, counted noun or thousands group
                  (15 | млн, 8 | декабря, 250 | 000, 12 | %, 2024 | года, 40 | сынып), a
                  number word after a number before its noun (70 мың | теңгеге), минус | 28
  abbreviation    г. ул. с. Dr. Mr. … before the name it belongs to
  quoted-name     a break inside a «quoted name» of at most 4 words

Besides breaks it counts per cue: lines starting with a dash (- – —) outside dialogue cues
(a line-initial dash reads as a change of speaker), dialogue cues (every line opens with a dash
and the lines come from two speakers), fragment cues (at most 2 words, not ending a sentence),
cues over 17 characters/s ((characters of the lines + line breaks) * 1000 / duration), and
short-cue flashes (a cue under 1.5 s holding exactly one sentence, next to a cue of the same
segment such that both fit in 2 lines of 37 characters and read at no more than 17 cps over
their joint time span).

Run:  python bench/caption_quality.py [--show] [--show-naive] [--json] [--lang ru]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import textwrap
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import pymorphy3
from razdel import sentenize

from kztranscript.pipeline import Options, run

ROOT = Path(__file__).resolve().parent.parent
SCRIPT_GLOBS = (
    ROOT / "samples",
    ROOT / "tests" / "data" / "parser",
    ROOT / "tests" / "data" / "realistic",
)
LANGS = ("ru", "kk", "en")
SIDES = ("ours", "naive", "whisper", "rebreak")
# Someone else's captions: speech-to-text SRT (one long line a cue), as read, and re-broken
# by `kztranscript rebreak` (subtitles.rebreak), judged by the same flagger.
SUBTITLE_GLOB = ROOT / "tests" / "data" / "subtitles"

MAX_CHARS = 37  # line length of the news preset, and of the naive peer
MAX_LINES = 2
NAIVE_CPS = 15.0  # the naive peer times cues at 15 characters/s
NAIVE_MIN_MS = 1000
CPS_LIMIT = 17.0
FLASH_MS = 1500

# --- word lists (the flagger's own) ---------------------------------------------------------

FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "ru": frozenset(
        "в во на с со к ко о об у из от до по за для без при про над под через перед между "
        "и а но да или либо не ни что чтобы".split()
    ),
    "en": frozenset("a an the of to in on at by for with and or but".split()),
    "kk": frozenset("және бірақ немесе".split()),
}
RU_ENCLITICS = frozenset("бы же ли".split())
KK_POSTPOSITIONS = frozenset(
    "үшін туралы бойынша арқылы дейін кейін сияқты "
    "мен бен пен да де та те ғой ма ме ба бе па пе".split()
)
KK_PARTICIPLE = ("ған", "ген", "қан", "кен", "атын", "етін", "йтын", "йтін")
KK_LOCATIVE_ADJ = ("дағы", "дегі", "тағы", "тегі")
KK_NOT_PARTICIPLE = frozenset("екен мерген зерген тегі".split())
KK_GENITIVE = ("ның", "нің", "дың", "дің", "тың", "тің")
KK_POSSESSIVE = re.compile(r"(?:ы|і)(?:ның|нің|на|не|н|нда|нде|нан|нен|мен|ндағы|ндегі)?$")
KK_CONVERB = re.compile(r"[аәеиоөуұүыіэюя]п$")
KK_NOT_CONVERB = frozenset("кітап мектеп себеп талап әдеп көп топ тап сап жап шап теп кеп".split())
# an auxiliary verb of an analytic form: root + a verbal ending (тұрғын, келесі, алаң do not match)
KK_AUXILIARY = re.compile(
    r"^(?:жүр|жат|тұр|отыр|кел|қал|шық|біт|қой|кет|бер|ал|көр|сал)"
    r"(?:ып|іп|ыр|ір|а|е|ды|ді|ты|ті|ған|ген|қан|кен|атын|етін|ады|еді|йды|йді|са|се"
    r"|ғанда|генде|қанда|кенде|ғаннан|геннен|қаннан|кеннен)?"
    r"(?:мын|мін|мыз|міз|сыз|сіз|ды|ді|ты|ті|м)?$"
)
KK_NOT_AUXILIARY = frozenset("қала сала ала алаң бере".split())
# nouns whose accusative ends like the participle -атын / -етін
KK_T_NOUNS = tuple(
    "университет қызмет мақсат саясат сағат табиғат әдебиет мәдениет жамағат қасиет".split()
)

EN_DETERMINERS = frozenset(
    "this these those my your his its our their every each another either neither no some any "
    "several one two three four five six seven eight nine ten eleven twelve twenty thirty forty "
    "fifty hundred".split()
)
EN_MODALS = frozenset(
    "will would can could should might must can't won't couldn't wouldn't shouldn't".split()
)
EN_PERFECT = frozenset("have has had haven't hasn't hadn't".split())
EN_PARTICIPLE = re.compile(
    r"(?:ed|en|wn|been|done|gone|made|seen|got|built|left|lost|found|told|said|brought|thought"
    r"|become|come|run|begun|kept|held|heard|met|paid|sent|spent|won|put|set|cut|hit|let)$"
)
EN_STOP_RIGHT = frozenset(
    "of who whom whose that which what and or but to in on at by for with from as than is was "
    "are were be been a an the not".split()
)
KK_NUMERALS = frozenset(
    "бір екі үш төрт бес алты жеті сегіз тоғыз он жиырма отыз қырық елу алпыс жетпіс сексен "
    "тоқсан жүз мың миллион миллиард бірнеше".split()
)
KK_DETERMINERS = frozenset(
    "әр барлық бүкіл осы сол бұл мына мұндай сондай осындай өз келесі алғашқы соңғы жаңа үлкен "
    "басты ең".split()
)
KK_NOT_NOUN_RIGHT = frozenset("деп еді емес екен болды болса болып болады бар жоқ".split())
MULTIPLIERS = frozenset(
    "млн млрд трлн тыс тысяч тысячи тысяча миллион миллиона миллионов миллиард миллиарда "
    "миллиардов мың million billion thousand".split()
)
SIGNS = frozenset("минус плюс minus plus".split())
TITLES = frozenset(
    "президент президента президентом президенту премьер-министр министр аким әкім тілші "
    "president mr mrs ms dr chief capt captain gov governor sen senator rep mayor judge "
    "officer sgt sergeant lt general gen prime minister board member".split()
)
ABBREVIATIONS = frozenset(
    "г. гг. ул. пр. просп. пр-т с. п. пос. мкр. обл. р-н им. д. "
    "dr. mr. mrs. ms. gov. sen. rep. capt. lt. gen. mt. sgt.".split()
)
UNITS = frozenset(
    # ru
    "млн млрд трлн тыс тысяч тысячи тысяча тысячу миллион миллиона миллионов миллиард "
    "миллиарда миллиардов тенге тг руб рублей рубля доллар доллара долларов евро процент "
    "процента процентов км кг га т м см мм градус градуса градусов мрп час часа часов минут "
    "минуты секунд суток сутки лет год года году годов годы раз раза "
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря "
    # kk
    "мың миллиард теңге пайыз шақырым километр метр сантиметр градус тонна гектар центнер "
    "жыл жылы жылдан жылға жылдың ай күн сағат минут адам аек "
    "қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан "
    # en
    "million billion thousand percent degrees degree inches inch feet foot miles mile acres "
    "years year minutes minute hours hour days day people a.m. p.m. kilograms kilometers "
    "meters january february march april may june july august september october november "
    "december".split()
)
KK_UNIT_STEMS = tuple(
    "мың млн млрд теңге пайыз шақырым километр метр сантиметр градус тонна гектар центнер жыл "
    "сағат минут адам қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша "
    "желтоқсан".split()
)
KK_VERB_END = re.compile(
    r"(?:ды|ді|ты|ті|ады|еді|йды|йді|мын|мін|мыз|міз|сыз|сіз|ған|ген|қан|кен|п|са|се)$"
)
EN_NOT_PLURAL = frozenset("is was has does this his its as us yes thus plus less".split())

DASHES = "-–—"
CLOSERS = '»"”’)]'
OPENERS = '«"“„([‘'
SENTENCE_END = ".!?…"
UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
INITIALS = re.compile(rf"^[{UPPER}]\.(?:-?[{UPPER}]\.){{0,2}}$")
NUMBER = re.compile(r"^[$€£₸]?\d[\d.,]*(?:[–-]\d[\d.,]*)?$")
THOUSANDS = re.compile(r"^\d{3}(?:[.,]\d+)?(?:-\w+)?$")
WORDISH = re.compile(r"[\w]", re.UNICODE)

# --- captions ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Cap:
    """One cue, ours or naive: lines, times and the spoken segment it belongs to."""

    lines: tuple[str, ...]
    start_ms: int
    end_ms: int
    segment: int

    @property
    def text(self) -> str:
        return " ".join(self.lines)


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    speaker: str  # a key for "same voice"; "" for the anchor / narration without a marker
    kind: str  # lead, voiceover, standup, sync


def naive_cues(segments: Sequence[Segment]) -> list[Cap]:
    """The intern's captioner: razdel sentences, textwrap at 37, two lines a cue, 15 cps."""
    cues: list[Cap] = []
    t = 0
    for index, seg in enumerate(segments):
        for sent in sentenize(seg.text):
            lines = textwrap.wrap(sent.text, MAX_CHARS)
            for k in range(0, len(lines), MAX_LINES):
                chunk = tuple(lines[k : k + MAX_LINES])
                chars = sum(len(x) for x in chunk) + len(chunk) - 1
                dur = max(NAIVE_MIN_MS, round(chars * 1000 / NAIVE_CPS))
                cues.append(Cap(chunk, t, t + dur, index))
                t += dur
    return cues


# --- token helpers -------------------------------------------------------------------------


def core(token: str) -> str:
    """The word without surrounding quotes, brackets and punctuation."""
    return token.strip(OPENERS + CLOSERS + ".,;:!?…" + DASHES)


def is_dash(token: str) -> bool:
    return bool(token) and all(c in DASHES for c in token)


def trailing_punct(token: str) -> bool:
    """The token ends with punctuation that separates it from the next word."""
    t = token.rstrip(CLOSERS)
    if t != token:
        return True  # a closing quote or bracket
    return bool(t) and t[-1] in ".,;:!?…" and not is_abbreviation(token)


def is_abbreviation(token: str) -> bool:
    t = token.lstrip(OPENERS).lower()
    return t in ABBREVIATIONS or bool(INITIALS.match(token.lstrip(OPENERS)))


def ends_sentence(token: str, next_token: str | None = None) -> bool:
    t = token.rstrip(CLOSERS)
    if not t or t[-1] not in SENTENCE_END:
        return False
    if t[-1] == "." and is_abbreviation(t):
        return False
    if t.lower().endswith(("a.m.", "p.m.")) and next_token is not None:
        return next_token[:1].isupper()
    return True


def is_capitalized(word: str) -> bool:
    """Capitalized like a name: upper first letter, lower-case rest (parts after - or ')."""
    if (
        len(word) < 2
        or not word[0].isupper()
        or not word.replace("-", "").replace("'", "").isalpha()
    ):
        return False
    for part in re.split(r"[-']", word):
        if part and not (part[0].isupper() and (len(part) == 1 or part[1:].islower())):
            return part.islower() and len(part) <= 2  # the 's of CNN's, the -ге of 600-ге
    return True


# --- Russian morphology --------------------------------------------------------------------

_MORPH: pymorphy3.MorphAnalyzer | None = None


def morph() -> pymorphy3.MorphAnalyzer:
    global _MORPH
    if _MORPH is None:
        _MORPH = pymorphy3.MorphAnalyzer(lang="ru")
    return _MORPH


_CASE = {"gen2": "gent", "loc2": "loct", "acc2": "accs", "gen1": "gent", "loc1": "loct"}


@dataclass(frozen=True, slots=True)
class Form:
    pos: str
    case: str | None
    number: str | None
    gender: str | None
    known: bool
    name: bool  # a first name, surname, patronymic, place or organisation


@cache
def forms(word: str) -> tuple[Form, ...]:
    out: list[Form] = []
    for p in morph().parse(word.lower()):
        tag = p.tag
        case = _CASE.get(str(tag.case), str(tag.case)) if tag.case else None
        gender = str(tag.gender) if tag.gender else None
        name = bool({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"} & set(tag.grammemes))
        number = str(tag.number) if tag.number else None
        out.append(Form(str(tag.POS), case, number, gender, p.is_known, name))
    return tuple(out)


def agree(a: Form, b: Form) -> bool:
    if a.case != b.case or a.number != b.number:
        return False
    if a.number == "sing" and a.gender and b.gender:
        return a.gender == b.gender
    return True


MODIFIERS = ("ADJF", "PRTF")
NOT_MODIFIERS = frozenset(
    "который которая которое которые которого которой которому которым котором которых "
    "которую какой какая какое какие каков чей чья чьё чьи".split()
)


def ru_agreement(left: str, right: Sequence[str]) -> str | None:
    """``left`` a modifier agreeing with the noun that starts ``right`` (through adjectives)."""
    lw = core(left).lower()
    if not lw.replace("-", "").isalpha() or lw in NOT_MODIFIERS or not right:
        return None
    lf = forms(lw)
    first = lf[0].pos
    if first == "NUMR":
        r0 = core(right[0]).lower()
        if r0 in FUNCTION_WORDS["ru"]:
            return None
        if r0.isalpha() and any(f.pos in ("NOUN", "ADJF", "PRTF") for f in forms(r0)):
            return "NUMR | noun"
        return None
    if first == "NPRO" and any(f.pos == "ADJF" for f in lf):
        first = "ADJF"  # этом, том, всём: pymorphy3 puts the pronoun first, the determiner second
    if first not in MODIFIERS:
        return None
    candidates = [f for f in lf if f.pos == first]
    for depth, tok in enumerate(right[:4]):
        w = core(tok).lower()
        if not w.replace("-", "").isalpha() or w in FUNCTION_WORDS["ru"] or tok[:1] in OPENERS:
            return None
        if depth and trailing_punct(right[depth - 1]):
            return None
        rf = forms(w)
        if any(r.pos == "NOUN" and agree(c, r) for c in candidates for r in rf):
            return f"{first} | NOUN" + (" (via adjectives)" if depth else "")
        adjectives = [r for r in rf if r.pos in MODIFIERS]
        if not adjectives:
            return None
        candidates = [c for c in candidates if any(agree(c, r) for r in adjectives)]
        if not candidates:
            return None
    return None


# --- the flagger ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Flag:
    script: str
    side: str
    where: str  # "line" or "cue"
    segment_kind: str  # lead, voiceover, standup, sync
    kind: str
    detail: str
    before: str  # the line before the break
    after: str  # the line after it


def quoted_spans(tokens: Sequence[str]) -> list[tuple[int, int]]:
    """Token index spans (first, last) of «…», “…” and "…" quotes, nested ones too."""
    spans: list[tuple[int, int]] = []
    stack: list[int] = []
    for i, tok in enumerate(tokens):
        body = tok.lstrip(DASHES)
        opens = body.count("«") + body.count("“") + body.count("„")
        closes = body.count("»") + body.count("”")
        straight = body.count('"')
        if straight:
            head = body[:1] == '"'
            tail = body.rstrip(".,;:!?…)»").endswith('"')
            if head and tail and straight >= 2:
                spans.append((i, i))  # "Алатау" on its own
            elif head:
                opens += 1
            elif tail:
                closes += 1
        for _ in range(opens):
            stack.append(i)
        for _ in range(closes):
            if stack:
                spans.append((stack.pop(), i))
    return spans


def judge(tokens: Sequence[str], i: int, lang: str) -> tuple[str, str] | None:
    """The kind of defect of a break between tokens[i] and tokens[i + 1], or None."""
    left, right = tokens[i], tokens[i + 1]
    if is_dash(left) or is_dash(right):
        return None
    lc, rc = core(left), core(right)
    ll, rl = lc.lower(), rc.lower()
    glued = not trailing_punct(left)
    right_open = right[:1] in OPENERS
    prev = tokens[i - 1] if i > 0 else None
    initial = prev is None or ends_sentence(prev, left) or is_dash(prev) or left[:1] in OPENERS
    if glued and ll in FUNCTION_WORDS[lang]:
        return "function-word", ll
    if glued and lang == "ru" and rl in RU_ENCLITICS and not right_open:
        return "ru-enclitic", rl
    pronoun = rc[:1].isupper() and rl == "мен"  # Мен: the pronoun "I"
    if glued and lang == "kk" and rl in KK_POSTPOSITIONS and not right_open and not pronoun:
        return "kk-enclitic", rl
    if (
        glued
        and INITIALS.match(left.lstrip(OPENERS))
        and (is_capitalized(rc) or INITIALS.match(right))
    ):
        return "initials", f"{left} | {rc}"
    abbreviation = is_abbreviation(left) and not INITIALS.match(left.lstrip(OPENERS))
    if glued and abbreviation and (rc[:1].isupper() or rc[:1].isdigit()):
        return "abbreviation", f"{left} | {rc}"
    if glued and NUMBER.match(left.lstrip(OPENERS)):
        unit = number_unit(lang, left, right)
        if unit:
            if prev is not None and re.fullmatch(r"\d{3}", lc) and NUMBER.match(core(prev)):
                unit = f"{core(prev)} {unit}"  # 250 000 | тенге
            return "number", unit
    counted = prev is not None and ll in MULTIPLIERS and NUMBER.match(core(prev))
    if glued and not right_open and counted and content_word(lang, right):
        return "number", f"{core(prev or '')} {ll} | {rl}"
    if glued and ll in SIGNS and NUMBER.match(rc):
        return "number", f"{ll} | {rc}"
    if glued and lang == "en" and not right_open:
        if ll in EN_DETERMINERS and content_word(lang, right):
            return "en-determiner", f"{ll} | {rl}"
        if ll in EN_MODALS and content_word(lang, right):
            return "en-verb-group", f"{ll} | {rl}"
        if ll in EN_PERFECT and rc.islower() and EN_PARTICIPLE.search(rl):
            return "en-verb-group", f"{ll} | {rl}"
    kk_modifier = ll in KK_NUMERALS or ll in KK_DETERMINERS
    if glued and lang == "kk" and not right_open and kk_modifier and content_word(lang, right):
        return "kk-modifier", f"{ll} | {rl}"
    if glued and lang == "ru":
        agreement = ru_agreement(left, tokens[i + 1 : i + 5])
        if agreement:
            return "ru-agreement", agreement
    if glued and lang == "kk" and ll.isalpha() and not right_open:
        accusative = ll.endswith(("атын", "етін")) and (
            ll[:-2].endswith(KK_T_NOUNS) or KK_VERB_END.search(rl)
        )  # университетін | бітірген: a noun in the accusative before its verb
        if ll not in KK_NOT_PARTICIPLE and len(ll) > 4 and not accusative:
            if ll.endswith(KK_PARTICIPLE):
                return "kk-participle", "-" + next(s for s in KK_PARTICIPLE if ll.endswith(s))
            if ll.endswith(KK_LOCATIVE_ADJ):
                return "kk-participle", "-" + next(s for s in KK_LOCATIVE_ADJ if ll.endswith(s))
        if len(ll) > 4 and ll.endswith(KK_GENITIVE) and KK_POSSESSIVE.search(rl):
            return "kk-genitive", "genitive | possessive"
        if kk_izafet(ll, rl):
            return "kk-izafet", f"{ll} | {rl}"
        if (
            KK_CONVERB.search(ll)
            and ll not in KK_NOT_CONVERB
            and KK_AUXILIARY.match(rl)
            and rl not in KK_NOT_AUXILIARY
        ):
            return "kk-analytic", f"{ll} | {rl}"
    if (
        glued
        and not initial
        and not right_open
        and is_capitalized(lc)
        and is_capitalized(rc)
        and ll not in TITLES
        and rl not in TITLES
        and not (lang == "ru" and ru_common(lc))
    ):
        return "name", f"{lc} | {rc}"
    for a, b in quoted_spans(tokens[max(0, i - 4) : i + 6]):
        a += max(0, i - 4)
        b += max(0, i - 4)
        if a <= i < b and b - a + 1 <= 4:
            return "quoted-name", " ".join(tokens[a : b + 1])
    return None


KK_CASE_END = re.compile(
    r"(?:да|де|та|те|ға|ге|қа|ке|на|не|дан|ден|тан|тен|нан|нен|ды|ді|ты|ті|ны|ні|мен|бен|пен"
    r"|ның|нің|дың|дің|тың|тің|п|ған|ген|қан|кен|ады|еді|йды|йді|мыз|міз|мын|мін|сыз|сіз"
    r"|ын|ін|ы|і|лар|лер|дар|дер|тар|тер|са|се|ша|ше|дай|дей|тай|тей|ғы|гі|қы|кі|лы|лі)$"
)
KK_POSSESSIVE_3 = re.compile(r"(?:ы|і|сы|сі)(?:ның|нің|на|не|н|нда|нде|нан|нен|мен)?$")
KK_NOT_IZAFET_RIGHT = re.compile(r"(?:ды|ді|ты|ті|ғы|гі|қы|кі|лы|лі|ли|шы|ші)$")
KK_NOT_IZAFET = frozenset(
    "биыл енді бұрын қазір әлі тағы тек өте ең кеше бүгін ертең жақында бірге қатар әрине яғни "
    "сондықтан алайда дегенмен сонымен көп аз біз сіз мен сен ол олар бұл сол осы мұнда онда "
    "жоғары бәрі бірі көбі әрі жоқ бар кейін бері орта астам жуық шамамен арнайы қайта".split()
)
KK_VERBAL_NOUN = re.compile(r"(?:атын|етін|йтын|йтін|ған|ген|қан|кен)(?:ы|і)?(?:н|на|не|нда|нде)?$")
SURNAME_END = ("ова", "ева", "ов", "ев", "ин", "ина", "ұлы", "қызы", "улы", "кызы")


def kk_izafet(left: str, right: str) -> bool:
    """A bare noun before a 3rd-person possessive noun (жел | екпіні, жылу | жүйесі).

    ``left`` and ``right`` are lower-case; a participle turned noun (көмек | төленетінін, the
    predicate of a clause) and a surname (Төлегенова | күніне) do not count.
    """
    if not left.isalpha() or not right.isalpha() or len(left) < 2:
        return False
    if KK_VERBAL_NOUN.search(right) or left.endswith(SURNAME_END):
        return False
    if left in KK_NOT_IZAFET or right in KK_NOT_IZAFET or left in KK_NUMERALS:
        return False
    if left in KK_DETERMINERS or left in KK_POSTPOSITIONS or left in FUNCTION_WORDS["kk"]:
        return False
    if KK_CASE_END.search(left) or KK_VERB_END.search(left):
        return False
    return bool(KK_POSSESSIVE_3.search(right)) and not KK_NOT_IZAFET_RIGHT.search(right)


def content_word(lang: str, token: str) -> bool:
    """A lower-case word that can head or continue a phrase (not a function word)."""
    word = core(token).lower()
    if not word or token[:1] in OPENERS or not core(token)[:1].islower():
        return False
    if not word.replace("-", "").replace("'", "").replace("’", "").isalpha():
        return False
    if word in FUNCTION_WORDS[lang]:
        return False
    if lang == "ru":
        return forms(word)[0].pos in ("NOUN", "ADJF", "PRTF", "NUMR")
    if lang == "kk":
        return word not in KK_POSTPOSITIONS and word not in KK_NOT_NOUN_RIGHT
    return word not in EN_STOP_RIGHT


def ru_common(word: str) -> bool:
    """A Russian dictionary word that is not a name (Президента, Республики, Центральной)."""
    f = forms(word.lower())
    return f[0].known and not f[0].name and f[0].pos in ("NOUN", "ADJF", "PRTF")


def number_unit(lang: str, left: str, right: str) -> str | None:
    rc = core(right)
    rl = rc.lower()
    lnum = core(left)
    if right.startswith("%"):
        return f"{lnum} | %"
    if THOUSANDS.match(right.rstrip(".,;:!?…»)")) and re.fullmatch(r"[$]?\d{1,3}", lnum):
        return f"{lnum} | {rc} (thousands)"
    if right[:1] in OPENERS or not rl:
        return None
    if rl in UNITS or right.lower().rstrip(",.;:") in UNITS:
        return f"{lnum} | {rl}"
    if lang == "kk" and rl.startswith(KK_UNIT_STEMS):
        return f"{lnum} | {rl}"
    if not rc.isalpha() or not rc.islower():
        return None
    if lang == "ru":
        if rl in FUNCTION_WORDS["ru"]:
            return None
        if forms(rl)[0].pos in ("NOUN", "ADJF", "PRTF"):
            return f"{lnum} | {rl}"
    elif lang == "kk":
        function = rl in FUNCTION_WORDS["kk"] or rl in KK_POSTPOSITIONS
        if not function and not KK_VERB_END.search(rl):
            return f"{lnum} | {rl}"
    elif rl.endswith("s") and rl not in EN_NOT_PLURAL and rl not in FUNCTION_WORDS["en"]:
        return f"{lnum} | {rl}"
    return None


# --- per-script measures -------------------------------------------------------------------


COUNTS = "scripts cues line_flags cue_flags dash_lines dialogue fragments fast flashes".split()


@dataclass
class Tally:
    scripts: int = 0
    cues: int = 0
    line_flags: int = 0
    cue_flags: int = 0
    dash_lines: int = 0
    dialogue: int = 0
    fragments: int = 0
    fast: int = 0
    flashes: int = 0
    flags: list[Flag] = field(default_factory=list)
    notes: list[tuple[str, str, str]] = field(default_factory=list)  # (script, kind, text)

    def add(self, other: Tally) -> None:
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.flags += other.flags
        self.notes += other.notes


def fold(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum())


def cps(cue: Cap) -> float:
    chars = sum(len(x) for x in cue.lines) + len(cue.lines) - 1
    return chars * 1000 / max(1, cue.end_ms - cue.start_ms)


def is_dialogue(cue: Cap, segments: Sequence[Segment]) -> bool:
    """Every line opens with a dash and the lines come from two different speakers."""
    if len(cue.lines) < 2 or not all(x[:1] in DASHES for x in cue.lines):
        return False
    voices: set[str] = set()
    # a dialogue cue holds the turns of the segment it starts in and the ones right after it
    near = segments[cue.segment : cue.segment + len(cue.lines)]
    if len(near) < len(cue.lines):
        return False
    for line, seg in zip(cue.lines, near, strict=True):  # line i is the turn of segment i
        body = fold(line.lstrip(DASHES).strip())
        if not body or body not in fold(seg.text):
            return False
        voices.add(seg.speaker)
    return len(voices) >= 2


def cue_ends_sentence(cue: Cap) -> bool:
    tokens = cue.text.split()
    return bool(tokens) and ends_sentence(tokens[-1])


def one_sentence(cue: Cap) -> bool:
    tokens = cue.text.split()
    return (
        bool(tokens)
        and ends_sentence(tokens[-1])
        and not any(ends_sentence(t, n) for t, n in pairwise(tokens))
    )


def could_join(a: Cap, b: Cap, lang: str) -> bool:
    """``a`` then ``b`` fit in one cue of 2 lines of 37 at no more than 17 cps, laid out with
    a line break this judge does not flag (a join that cuts a phrase is no better)."""
    tokens = f"{a.text} {b.text}".split()
    text = " ".join(tokens)
    span = b.end_ms - a.start_ms
    if len(text) <= MAX_CHARS:
        return len(text) * 1000 / max(1, span) <= CPS_LIMIT
    for i in range(len(tokens) - 1):
        top, bottom = " ".join(tokens[: i + 1]), " ".join(tokens[i + 1 :])
        if len(top) > MAX_CHARS or len(bottom) > MAX_CHARS:
            continue
        if judge(tokens, i, lang) is None:
            return (len(text) + 1 - 1) * 1000 / max(1, span) <= CPS_LIMIT
    return False


def shown(cue: Cap, segments: Sequence[Segment]) -> str:
    return f"[{segments[cue.segment].kind}] " + " / ".join(cue.lines)


def measure(
    name: str, side: str, lang: str, cues: Sequence[Cap], segments: Sequence[Segment]
) -> Tally:
    tally = Tally(scripts=1, cues=len(cues))
    by_segment: dict[int, list[Cap]] = {}
    for cue in cues:
        by_segment.setdefault(cue.segment, []).append(cue)
        dialogue = is_dialogue(cue, segments)
        tally.dialogue += dialogue
        if not dialogue:
            for line in cue.lines:
                if line[:1] in DASHES:
                    tally.dash_lines += 1
                    tally.notes.append((name, "dash-line-start", shown(cue, segments)))
        n_words = sum(1 for t in cue.text.split() if WORDISH.search(t))
        if n_words <= 2 and not cue_ends_sentence(cue):
            tally.fragments += 1
            tally.notes.append((name, "fragment", shown(cue, segments)))
        if cps(cue) > CPS_LIMIT:
            tally.fast += 1
    for seg_cues in by_segment.values():
        tokens: list[str] = []
        breaks: list[tuple[int, str, str, str]] = []  # (left index, where, before, after)
        for k, cue in enumerate(seg_cues):
            for j, line in enumerate(cue.lines):
                words = line.split()
                if not words:
                    continue
                if tokens:
                    where = "line" if j else "cue"
                    before = cue.lines[j - 1] if j else seg_cues[k - 1].lines[-1]
                    breaks.append((len(tokens) - 1, where, before, line))
                tokens += words
        for i, where, before, after in breaks:
            if where == "cue" and ends_sentence(tokens[i], tokens[i + 1]):
                continue
            verdict = judge(tokens, i, lang)
            if verdict is None:
                continue
            kind, detail = verdict
            seg_kind = segments[seg_cues[0].segment].kind
            tally.flags.append(Flag(name, side, where, seg_kind, kind, detail, before, after))
            if where == "line":
                tally.line_flags += 1
            else:
                tally.cue_flags += 1
        for k, cue in enumerate(seg_cues):
            if cue.end_ms - cue.start_ms >= FLASH_MS or not one_sentence(cue):
                continue
            if k and not cue_ends_sentence(seg_cues[k - 1]):
                continue  # the cue does not start a sentence
            prev = seg_cues[k - 1] if k else None
            nxt = seg_cues[k + 1] if k + 1 < len(seg_cues) else None
            if (prev and could_join(prev, cue, lang)) or (nxt and could_join(cue, nxt, lang)):
                tally.flashes += 1
                tally.notes.append((name, "flash", shown(cue, segments)))
    return tally


# --- running -------------------------------------------------------------------------------


def scripts() -> list[Path]:
    found: list[Path] = []
    for folder in SCRIPT_GLOBS:
        found += sorted(folder.glob("*.txt"))
    return found


def speaker_key(speaker: Any) -> str:
    if speaker is None:
        return ""
    return f"{getattr(speaker, 'name', None)}|{getattr(speaker, 'title', None)}"


def collect(langs: Iterable[str]) -> tuple[dict[str, dict[str, Tally]], list[str]]:
    wanted = set(langs)
    totals = {lang: {side: Tally() for side in SIDES} for lang in LANGS}
    skipped: list[str] = []
    for path in scripts():
        name = f"{path.parent.name}/{path.name}"
        try:
            text = path.read_bytes().decode("utf-8")
            result = run(text, path.name, Options())
        except Exception as exc:  # a script the pipeline cannot take is reported, not fatal
            skipped.append(f"{name}: {type(exc).__name__}: {exc}")
            continue
        if not result.cues:
            skipped.append(f"{name}: no cues")
            continue
        lang = str(result.script.language)
        if lang not in wanted:
            continue
        segments = [
            Segment(s.text, speaker_key(s.speaker), str(s.kind)) for s in result.script.segments
        ]
        ours = [Cap(tuple(c.lines), c.start_ms, c.end_ms, c.segment) for c in result.cues]
        totals[lang]["ours"].add(measure(name, "ours", lang, ours, segments))
        totals[lang]["naive"].add(measure(name, "naive", lang, naive_cues(segments), segments))
    _collect_rebreak(totals, wanted)
    return totals, skipped


def _collect_rebreak(totals: dict[str, dict[str, Tally]], wanted: set[str]) -> None:
    from kztranscript.style import CaptionStyle
    from kztranscript.subtitles import language_of, read_captions, rebreak

    for path in sorted(SUBTITLE_GLOB.glob("whisper_*.srt")):
        file = read_captions(path.read_text(encoding="utf-8"), path.name, "srt")
        lang = str(language_of(file))
        if lang not in wanted:
            continue
        name = f"subtitles/{path.name}"
        segments = [Segment(" ".join(c.text for c in file.cues), "", "voiceover")]
        theirs = [Cap(c.lines, c.start_ms, c.end_ms, 0) for c in file.cues]
        totals[lang]["whisper"].add(measure(name, "whisper", lang, theirs, segments))
        cues = rebreak(file, CaptionStyle())
        mine = [Cap(tuple(c.lines), c.start_ms, c.end_ms, 0) for c in cues]
        totals[lang]["rebreak"].add(measure(name, "rebreak", lang, mine, segments))


def per100(n: int, cues: int) -> float:
    return 100.0 * n / cues if cues else 0.0


def numbers(t: Tally) -> dict[str, float | int]:
    return {
        "scripts": t.scripts,
        "cues": t.cues,
        "line_flags": t.line_flags,
        "cue_flags": t.cue_flags,
        "line_flags_per_100": round(per100(t.line_flags, t.cues), 2),
        "cue_flags_per_100": round(per100(t.cue_flags, t.cues), 2),
        "dash_line_starts": t.dash_lines,
        "dialogue_cues": t.dialogue,
        "fragment_pct": round(per100(t.fragments, t.cues), 2),
        "over_17cps_pct": round(per100(t.fast, t.cues), 2),
        "short_cue_flashes": t.flashes,
    }


def ratio(naive: Tally, ours: Tally) -> float | None:
    a, b = naive.line_flags + naive.cue_flags, ours.line_flags + ours.cue_flags
    return round(a / b, 2) if b else None


def print_table(totals: dict[str, dict[str, Tally]]) -> None:
    head = (
        f"{'lang':4} {'side':7} {'scripts':>7} {'cues':>5} {'line/100':>8} {'cue/100':>7} "
        f"{'dash@start':>10} {'dialog':>6} {'frag%':>6} {'>17cps%':>7} {'flashes':>7} "
        f"{'naive/ours':>10}"
    )
    print(head)
    print("-" * len(head))
    for lang in LANGS:
        if not totals[lang]["ours"].scripts:
            continue
        for side in SIDES:
            t = totals[lang][side]
            if not t.scripts:
                continue
            n = numbers(t)
            r = ratio(totals[lang]["naive"], totals[lang]["ours"]) if side == "ours" else None
            rtext = "" if side != "ours" else ("inf" if r is None else f"{r:.1f}x")
            print(
                f"{lang:4} {side:7} {n['scripts']:>7} {n['cues']:>5} "
                f"{n['line_flags_per_100']:>8.1f} {n['cue_flags_per_100']:>7.1f} "
                f"{n['dash_line_starts']:>10} {n['dialogue_cues']:>6} {n['fragment_pct']:>6.1f} "
                f"{n['over_17cps_pct']:>7.1f} {n['short_cue_flashes']:>7} {rtext:>10}"
            )


def show(totals: dict[str, dict[str, Tally]], side: str) -> None:
    print(f"\n== flagged breaks, {side} ==")
    kinds: Counter[str] = Counter()
    details: Counter[tuple[str, str]] = Counter()
    for lang in LANGS:
        t = totals[lang][side]
        for f in t.flags:
            kinds[f"{lang} {f.kind}"] += 1
            details[(f"{lang} {f.kind}", f.detail)] += 1
            print(f"{f.script}  {f.where:4}  [{f.segment_kind}]  {f.kind:14} {f.detail}")
            print(f"    {f.before}")
            print(f"  | {f.after}")
        for script, kind, text in t.notes:
            print(f"{script}  {kind}: {text}")
    print(f"\n== kinds, {side} ==")
    for kind, n in kinds.most_common():
        top = [f"{d} ({c})" for (k, d), c in details.most_common() if k == kind][:6]
        print(f"{n:4}  {kind:18} {'; '.join(top)}")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--show", action="store_true", help="print every flag of our cues")
    ap.add_argument("--show-naive", action="store_true", help="print every flag of the naive cues")
    ap.add_argument("--json", action="store_true", help="print the numbers as JSON")
    ap.add_argument("--lang", action="append", choices=LANGS, help="only these languages")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    totals, skipped = collect(args.lang or LANGS)
    elapsed = time.perf_counter() - t0
    if args.json:
        out: dict[str, Any] = {}
        for lang in LANGS:
            if totals[lang]["ours"].scripts:
                out[lang] = {side: numbers(totals[lang][side]) for side in SIDES}
                out[lang]["naive_to_ours"] = ratio(totals[lang]["naive"], totals[lang]["ours"])
                out[lang]["kinds"] = {
                    side: dict(Counter(f.kind for f in totals[lang][side].flags).most_common())
                    for side in SIDES
                }
        out["skipped"] = skipped
        out["seconds"] = round(elapsed, 2)
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    print_table(totals)
    print(
        "\nline/100, cue/100: flagged line breaks and cue breaks per 100 cues; dash@start: lines "
        "opening with a dash outside dialogue cues; naive/ours: flagged breaks, naive over ours;\n"
        "whisper: speech-to-text SRT files as read (tests/data/subtitles), rebreak: the same "
        "re-broken by kztranscript rebreak."
    )
    if skipped:
        print(f"skipped {len(skipped)}: " + "; ".join(skipped))
    print(f"{elapsed:.1f} s")
    if args.show:
        show(totals, "ours")
    if args.show_naive:
        show(totals, "naive")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
