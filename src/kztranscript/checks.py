"""Producer checks on the names and titles that go on screen (DESIGN.md, Producer checks).

Each check returns findings with a stable code, a severity, the source line and a message
that says what to change. The declined-form check loads pymorphy3's Russian dictionary, so
it is imported only when a check runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from kztranscript.lexicon import ANY, RU
from kztranscript.model import Finding, FindingCode, Script, Segment, Severity, Speaker
from kztranscript.speakers import (
    SpellingIndex,
    name_key,
    same_person,
    spelling_key,
    title_key,
)
from kztranscript.text import (
    CYRILLIC,
    CYRILLIC_LOOKALIKES,
    KAZAKH_LETTERS,
    LOOKALIKES,
    OTHER_LOOKALIKES,
    fold,
    unconfuse,
)

MAX_NAME_CHARS = 32
_FEMALE_PATRONYMIC = ("овна", "евна", "ёвна", "ична", "инична")
MAX_TITLE_LINE = 45

_CYRILLIC = re.compile(f"[{CYRILLIC}]")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
NOMINATIVE_SURNAME = re.compile(f"(?:{'|'.join(RU.surname_endings)})$")
# …of which these are also the genitive and accusative of a man's surname (Ластаева, Токаева).
MASCULINE_GENITIVE = re.compile(r"(ова|ева|ёва|ина|ына)$")


def _marked(script: Script) -> Iterator[tuple[Segment, Speaker]]:
    for seg in script.segments:
        if seg.speaker is not None and seg.speaker.name:
            yield seg, seg.speaker


def wrap_title(title: str, width: int = MAX_TITLE_LINE) -> list[str]:
    """Title lines of ≤ ``width`` at word boundaries, never breaking inside «…»."""
    units: list[str] = []
    depth = 0
    for word in title.split():
        if depth > 0 and units:
            units[-1] += " " + word
        else:
            units.append(word)
        depth += word.count("«") - word.count("»")
        depth = max(depth, 0)
    # a «quoted name» longer than a line is wrapped at its words after all, and counted so
    units = [p for unit in units for p in (_words_of(unit, width) if len(unit) > width else [unit])]
    lines: list[str] = []
    for unit in units:
        if lines and len(lines[-1]) + 1 + len(unit) <= width:
            lines[-1] += " " + unit
        else:
            if lines and " " in lines[-1] and fold(lines[-1].split()[-1]) in ANY.no_line_end:
                head, _, last = lines[-1].rpartition(" ")  # "… в" / "Казахстане": move "в"
                lines[-1] = head
                unit = f"{last} {unit}"
            lines.append(unit)
    return lines


def _words_of(unit: str, width: int) -> list[str]:
    """A unit longer than a line, in pieces of whole words up to ``width``."""
    pieces: list[str] = []
    for word in unit.split():
        if pieces and len(pieces[-1]) + 1 + len(word) <= width:
            pieces[-1] += " " + word
        else:
            pieces.append(word)
    return pieces


def check_lengths(script: Script) -> list[Finding]:
    out = []
    for seg, sp in _marked(script):
        assert sp.name is not None
        if len(sp.name) > MAX_NAME_CHARS:
            out.append(
                Finding(
                    FindingCode.NAME_TOO_LONG,
                    Severity.WARNING,
                    seg.line,
                    f"name {sp.name!r} has {len(sp.name)} characters (limit {MAX_NAME_CHARS}); "
                    "shorten it for the lower-third",
                )
            )
        if sp.title:
            lines = wrap_title(sp.title)
            if len(lines) > 2:
                out.append(
                    Finding(
                        FindingCode.TITLE_TOO_LONG,
                        Severity.ERROR,
                        seg.line,
                        f"title takes {len(lines)} lines of {MAX_TITLE_LINE} characters "
                        "(limit 2); shorten it",
                    )
                )
            elif len(lines) == 2:
                out.append(
                    Finding(
                        FindingCode.TITLE_TWO_LINES,
                        Severity.INFO,
                        seg.line,
                        f"title takes two lines: {lines[0]!r} / {lines[1]!r}",
                    )
                )
    return _once(out)


def check_lookalikes(script: Script) -> list[Finding]:
    """Letters of another script that look like the word's own, in names and titles of
    markers and graphics lines: Latin, Greek or a Latin schwa in a Cyrillic word
    (``Эльвирa``, ``Əлия``), Cyrillic in a Latin word (``Dаniyar``). Each part of a
    hyphenated word counts alone: ``IT-отдела``, ``Kaspi-дің`` are no look-alikes."""
    out = []
    people = [(seg.line, sp) for seg, sp in _marked(script)]
    people += [(d.line, d.speaker) for d in script.directions if d.speaker is not None]
    for line, sp in people:
        for field, text in (("name", sp.name), ("title", sp.title)):
            for word in _WORD.findall(text or ""):
                for part in word.split("-"):
                    out += _mixed_letters(part, word, field, line)
    return _once(out)


def _mixed_letters(part: str, word: str, field: str, line: int) -> list[Finding]:
    cyrillic = len(_CYRILLIC.findall(part))
    latin = sum(1 for c in part if "a" <= c.lower() <= "z")
    found = []
    for i, c in enumerate(part):
        if cyrillic and (c in LOOKALIKES or c in OTHER_LOOKALIKES) and cyrillic >= latin:
            script = "Greek" if "\u0370" <= c <= "\u03ff" else "Latin"
            fix = LOOKALIKES.get(c) or OTHER_LOOKALIKES[c]
            found.append((f"{script} {c!r} (U+{ord(c):04X}) inside the Cyrillic word", fix, i))
        elif latin > cyrillic and c in CYRILLIC_LOOKALIKES:
            fix = CYRILLIC_LOOKALIKES[c]
            found.append((f"Cyrillic {c!r} (U+{ord(c):04X}) inside the Latin word", fix, i))
    start = word.find(part)
    return [
        Finding(
            FindingCode.LATIN_LOOKALIKE,
            Severity.ERROR,
            line,
            f"{what} {word!r} of the {field}, letter {start + i + 1}; type {fix!r}",
        )
        for what, fix, i in found
    ]


def _how_spelled(a: str, b: str) -> str:
    """What tells two spellings of one name apart, for the producer."""
    if fold(a) == fold(b):
        return "Ё/Е or capitals"
    if name_key(a) == name_key(b):
        return "Latin look-alike letters"
    if sorted(name_key(a).split()) == sorted(name_key(b).split()):
        return "word order"
    if spelling_key(a) == spelling_key(b):
        return "Kazakh letters written as Russian ones"
    return "a letter or two"


def check_consistency(script: Script) -> list[Finding]:
    out = []
    firsts: list[tuple[Segment, Speaker]] = []
    index = SpellingIndex()
    for seg, sp in _marked(script):
        assert sp.name is not None
        for first in index.matches(sp.name):
            seg0, sp0 = firsts[first]
            assert sp0.name is not None
            if sp.name != sp0.name:
                certain = spelling_key(sp.name) == spelling_key(sp0.name)
                titled = sp.title and sp0.title and title_key(sp.title) != title_key(sp0.title)
                if not certain and titled:
                    continue  # two names a letter apart with two titles: two people (brothers)
                how = _how_spelled(sp.name, sp0.name)
                out.append(
                    Finding(
                        FindingCode.SPEAKER_SPELLING,
                        Severity.WARNING if certain else Severity.INFO,
                        seg.line,
                        f"{sp.name!r} (line {seg.line}) is spelled {sp0.name!r} on line "
                        f"{seg0.line} ({how} apart); "
                        + ("use one spelling" if certain else "one person, or two?"),
                    )
                )
            elif sp.title and title_key(sp.title) != title_key(sp0.title or ""):
                out.append(
                    Finding(
                        FindingCode.SPEAKER_TITLE,
                        Severity.WARNING,
                        seg.line,
                        f"{sp.name} has the title {sp.title!r} here and {sp0.title!r} on line "
                        f"{seg0.line}; use one title",
                    )
                )
            break
        else:
            index.add(sp.name)
            firsts.append((seg, sp))
    return out


@lru_cache(maxsize=1)
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def _declined(word: str) -> str | None:
    """The grammatical case of a name word that cannot be nominative (``ablt``…), or None.

    None too when the word is unknown, Kazakh, or shaped like a nominative surname: pymorphy's
    dictionary reads many surnames (Омаров, Азимова) as plural or genitive first names.
    """
    w = word.lower()
    if not _CYRILLIC.search(w) or any(c in KAZAKH_LETTERS for c in w) or len(w) < 3:
        return None
    if NOMINATIVE_SURNAME.search(w):
        return None
    parses = [p for p in _morph().parse(w) if {"Name", "Surn", "Patr"} & set(p.tag.grammemes)]
    if not parses or any(p.tag.case == "nomn" for p in parses):
        return None
    return str(parses[0].tag.case)


# Kazakh case endings after a name: genitive, ablative, dative in -ға/-қа/-ге (-ке, -на
# end nominative names too: Назерке, Ақерке, Сана), instrumental. A Kazakh name keeps its
# form in a marker; one with an ending is a sentence's word taken for a name.
_KAZAKH_CASES = re.compile(
    r"(?:ның|нің|дың|дің|тың|тің|нан|нен|дан|ден|тан|тен|ға|қа|ге|мен|бен|пен)$"
)
# The ablative: many nominative names end like it (Нұрсұлтан, Сұлтан, Ерлан, Айдан), so it
# counts only when the name without it is a word of the script (Асқардан beside Асқар).
_ABLATIVE = frozenset(("нан", "нен", "дан", "ден", "тан", "тен"))
# Nominative Kazakh and Russian names that end like a case.
_NOT_DECLINED = frozenset(
    "толқын ерлан нұрлан жанар шолпан айгерім ақерке назерке гүлден айдан шыңғыс сана "
    "ораз әмен бекмен әлімжан".split()
)


def _kazakh_case(word: str, words: frozenset[str] = frozenset()) -> str | None:
    """The Kazakh case ending a name word has (``Асқардың`` → ``дың``), or None. The word
    must hold a Kazakh letter (the ending's і ғ қ count): Russian names hold none. An
    ablative counts only when the stem is one of ``words`` (the script's, folded)."""
    w = fold(word.strip(".,"))
    m = _KAZAKH_CASES.search(w)
    if m is None or w in _NOT_DECLINED or len(w) < 5:
        return None
    if m.group() in _ABLATIVE and w[: m.start()] not in words:
        return None
    return m.group() if any(c in KAZAKH_LETTERS for c in w) else None


CASE_NAMES = {
    "gent": "genitive",
    "datv": "dative",
    "accs": "accusative",
    "ablt": "instrumental",
    "loct": "prepositional",
    "voct": "vocative",
}


def check_declined(script: Script) -> list[Finding]:
    """A marker name in a declined form (``Эльвирой Азимовой:``): every word it can analyse
    is in an oblique case."""
    out = []
    seen = frozenset(
        fold(w.strip('.,:;!?«»"()–—-')) for seg in script.segments for w in seg.text.split()
    ) | frozenset(
        fold(w.strip(".,"))
        for seg in script.segments
        if seg.speaker and seg.speaker.name
        for w in seg.speaker.name.split()
    )
    for seg, sp in _marked(script):
        assert sp.name is not None
        words = [w.strip(".,") for w in sp.name.split()]
        cases = [(w, _declined(w)) for w in words]
        if any(c in ("gent", "accs") and w.endswith(("а", "я")) for w, c in cases):
            # "Артура Ластаева": a surname in -ова/-ина reads as a woman's nominative, but
            # beside a genitive first name it is the genitive of Ластаев
            cases = [
                (w, "gent" if c is None and MASCULINE_GENITIVE.search(w.lower()) else c)
                for w, c in cases
            ]
        kazakh = next((w for w in words if _kazakh_case(w, seen)), None)
        if kazakh is not None:
            out.append(
                Finding(
                    FindingCode.NAME_DECLINED,
                    Severity.WARNING,
                    seg.line,
                    f"{kazakh!r} in the marker {sp.name!r} has a Kazakh case ending "
                    f"(-{_kazakh_case(kazakh, seen)}); a lower-third needs the name as it is "
                    "(Асқар, not Асқардың)",
                )
            )
            continue
        known = [(w, c) for w, c in cases if c is not None or NOMINATIVE_SURNAME.search(w.lower())]
        if known and all(c is not None for _, c in known):
            word, case = known[0]
            assert case is not None
            out.append(
                Finding(
                    FindingCode.NAME_DECLINED,
                    Severity.WARNING,
                    seg.line,
                    f"{word!r} in the marker {sp.name!r} looks {CASE_NAMES.get(case, case)}; "
                    "a lower-third needs the nominative (Эльвира Азимова, not Эльвирой "
                    "Азимовой)",
                )
            )
    return _once(out)


def check_patronymic(script: Script) -> list[Finding]:
    out = []
    for seg, sp in _marked(script):
        assert sp.name is not None
        words = [fold(w) for w in sp.name.split()]
        # A patronymic is the middle of three words (Имя Отчество Фамилия) or the last of
        # Фамилия Имя Отчество. A two-word name's -вич, -вна, -ұлы, -қызы is a surname:
        # "Алексей Галькевич", "Айгүл Серікқызы".
        # Only a female patronymic (-овна, -ична) is never a surname, so it counts in two
        # words; "Серік ұлы" written apart is a patronymic too.
        endings = (*ANY.patronymic_endings, *ANY.kazakh_patronymic)
        hit = (
            (len(words) == 3 and any(w.endswith(endings) for w in words[1:]))
            or (len(words) == 2 and words[1].endswith(_FEMALE_PATRONYMIC))
            or (len(words) >= 4 and words[-1] in (*ANY.kazakh_patronymic, "оглы"))
        )
        if hit:
            out.append(
                Finding(
                    FindingCode.PATRONYMIC,
                    Severity.INFO,
                    seg.line,
                    f"the on-air name {sp.name!r} has a patronymic; lower-thirds usually "
                    "show first name and surname",
                )
            )
    return _once(out)


def check_markers(script: Script) -> list[Finding]:
    """Leftover separators, missing titles, empty quotes."""
    out = []
    for seg in script.segments:
        sp = seg.speaker
        if sp is not None and sp.name:
            title = sp.title or ""
            if re.match(r"^[,–—-]", title) or re.search(r"[,–—-]$", sp.name):
                out.append(
                    Finding(
                        FindingCode.SEPARATOR_LEFTOVER,
                        Severity.WARNING,
                        seg.line,
                        f"a comma or dash is left between {sp.name!r} and {title!r}; "
                        "write 'Name Surname, title:'",
                    )
                )
            if not title.strip(" ,–—-"):
                out.append(
                    Finding(
                        FindingCode.MISSING_TITLE,
                        Severity.WARNING,
                        seg.line,
                        f"{sp.name} has no title; the lower-third needs one "
                        "(write 'Name Surname, title:')",
                    )
                )
        if seg.speaker is not None and seg.transcribed and not re.search(r"[^\W_]", seg.text):
            out.append(
                Finding(
                    FindingCode.EMPTY_QUOTE,
                    Severity.WARNING,
                    seg.line,
                    "the quote after this marker is empty; add the speech or remove the marker",
                )
            )
    return _once(out)


def _once(findings: list[Finding]) -> list[Finding]:
    """The same finding for a speaker who appears several times is reported once per line."""
    seen: set[tuple[str, int, str]] = set()
    out = []
    for f in findings:
        k = (f.code, f.line, f.message)
        if k not in seen:
            seen.add(k)
            out.append(f)
    return out


def _cased(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


def _plain(text: str | None) -> str:
    return " ".join(fold(text or "").split())


def check_graphics(script: Script) -> list[Finding]:
    """A graphics line (``ТИТР: Имя Фамилия, должность``) that spells a speaker's name or
    title otherwise than the speaker's marker: one of the two is wrong on air."""
    out = []
    marked = list(_marked(script))
    for d in script.directions:
        shown = d.speaker
        if shown is None or shown.name is None:
            continue
        label = d.text.split(":", 1)[0].strip()
        for seg, sp in marked:
            assert sp.name is not None
            if not same_person(shown.name, sp.name):
                continue
            # capitals aside, even Ё/Е counts; look-alike letters alone are the look-alike
            # check's to report, with where they are
            spelled = _cased(unconfuse(shown.name)) != _cased(sp.name)
            if spelled and _cased(shown.name) != _cased(sp.name):
                out.append(
                    Finding(
                        FindingCode.GRAPHICS_SPELLING,
                        Severity.WARNING,
                        d.line,
                        f"{label} spells the name {shown.name!r}; the marker on line "
                        f"{seg.line} has {sp.name!r} ({_how_spelled(shown.name, sp.name)} "
                        "apart); use one spelling",
                    )
                )
            elif shown.title and sp.title and _plain(shown.title) != _plain(sp.title):
                out.append(
                    Finding(
                        FindingCode.GRAPHICS_TITLE,
                        Severity.WARNING,
                        d.line,
                        f"{label} gives {sp.name} the title {shown.title!r}; the marker on "
                        f"line {seg.line} has {sp.title!r}; use one title",
                    )
                )
            break
    return out


def check_script(script: Script) -> list[Finding]:
    """All producer checks on a parsed script."""
    return [
        *check_lengths(script),
        *check_lookalikes(script),
        *check_consistency(script),
        *check_graphics(script),
        *check_declined(script),
        *check_patronymic(script),
        *check_markers(script),
    ]
