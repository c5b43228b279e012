"""Layouts of other newsrooms' systems, read in pass 1 beside the marker grammar.

Caption lines standing for a sync the script leaves out (``ИРИНА СОКОЛОВА ЖИТЕЛЬНИЦА
СЕЛА``, as Kazakh and Russian sites publish scripts), rundown exports (iNEWS-style
``LABEL=value`` fields, ``SUPER=01-Name/Title;``), the double brackets of US station scripts
(``((Name/title: "speech"))``), one-line markers in capitals with dashes and no colon
(``ИВАН ПЕТРОВ – МАСТЕР УЧАСТКА - Текст``), and headlines that hold a colon (``Weekend
Edition: A Town Rebuilds``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from kztranscript.conventions import Conventions
from kztranscript.lexicon import ANY
from kztranscript.model import Credit, Speaker
from kztranscript.parsing.heads import (
    MAX_HEAD,
    MAX_NAME_WORDS,
    credit,
    is_note,
    looks_like_verb,
    name_tokens,
    opening_paren,
    split_head,
    title_ok,
)
from kztranscript.parsing.units import Direction, Guests, Head, Marker, Unit
from kztranscript.speakers import role_of
from kztranscript.text import UPPER, bare, fold

# A rundown system's field (iNEWS): "IN Q=Мы начинаем", "RUNS=:45", "ANCHOR=Ким", "SUPER=…".
_RUNDOWN_FIELD = re.compile(r"([^\W\d_][\w .\-/]{0,24}?)\s*=\s*(.*)$")
# "01-Имя Фамилия/Титр;": the number of the super, then name and title split by a slash.
_SUPER = re.compile(r"(?:\d{1,3}\s*[-–.]\s*)?(.+?)\s*;?$")


def rundown_field(text: str, line: int, conventions: Conventions) -> Unit | None:
    """``LABEL=value`` from a rundown export: metadata, or a super (a lower-third caption)."""
    m = _RUNDOWN_FIELD.match(text)
    if m is None or ":" in m.group(1):
        return None
    if fold(m.group(1)).strip() not in conventions.graphics_labels:
        return Credit(text, line)
    value = _SUPER.fullmatch(m.group(2).strip())
    shown = None
    if value is not None and not value.group(1).endswith(":"):  # "Town, State:" is a place
        name, _, title = value.group(1).partition("/")
        head = split_head(name)
        if head is not None and head.name is not None:
            shown = Speaker(head.name, title.strip() or head.title, role_of(title or head.title))
    return Direction(text, line, speaker=shown)


_SMALL_WORDS = frozenset("a an the of in on at to for and or but with from by vs".split())


def headline_with_colon(text: str, speech: int) -> bool:
    """``Weekend Edition: A Town Rebuilds`` — a headline, not a speaker and a speech: what
    follows the colon is a few words in Title Case with no final punctuation."""
    rest = text[speech:].split()
    if not rest or len(rest) > 8 or text.rstrip()[-1] in '.!?…»"”':
        return False
    return all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in rest if w[0].isalpha())


_CAPS_WORD = re.compile(rf"[{UPPER}][{UPPER}'’\-]+")
_SPEECH_DASH = re.compile(r" [-–—] ")


def dash_head_at(text: str, start: int) -> tuple[Head, int] | None:
    """A marker with no colon, its name in capitals and a dash before the speech:
    ``ИВАН ПЕТРОВ – МАСТЕР УЧАСТКА - Текст``, ``ИВАН ПЕТРОВ, мастер участка — Текст``.

    Returns the head and the index of the dash that opens the speech. The name must be two
    to four words in capitals; the speech must start with a capital and not be in capitals.

    >>> h, at = dash_head_at("ИВАН ПЕТРОВ – МАСТЕР УЧАСТКА - Мы собираем двигатели.", 0)
    >>> h.name, h.title
    ('ИВАН ПЕТРОВ', 'МАСТЕР УЧАСТКА')
    """
    words = text[start : start + MAX_HEAD].split(" ")
    caps = 0
    while (
        caps < len(words)
        and caps < MAX_NAME_WORDS
        and _CAPS_WORD.fullmatch(words[caps].rstrip(","))
    ):
        caps += 1
    if caps < 2:
        return None
    for m in _SPEECH_DASH.finditer(text, start, min(len(text), start + MAX_HEAD)):
        speech = text[m.end() :]
        first = speech.split()[:3]
        if not first or not (first[0][0].isupper() or first[0][0] in '«"„“'):
            continue
        if " ".join(first).isupper():
            continue  # the title goes on in capitals ("ИВАН ПЕТРОВ – МАСТЕР - УЧАСТОК …")
        head_text = text[start : m.start()].strip()
        if any(p in head_text for p in '.!?:;«»"'):
            return None
        head = split_head(head_text)
        if head is None or head.name is None or (name_tokens(head.name) or 0) < 2:
            return None
        if not head.name.isupper():
            return None
        return head, m.start() + 1  # the speech keeps its dash: a quote, as after a colon
    return None


_DOUBLE = re.compile(r"\(\((.+?)\)\)")
_SYNC_HEAD = re.compile(r"([^:;]{2,120}?)\s*(?:(\d{1,2}:\d{2}(?::\d{2})?)\s*|[:;]\s*)(.*)$", re.S)


def double_brackets(text: str) -> list[str | tuple[str, str]]:
    """A line cut at its ``((…))`` spans: the text between them, and each span as (inside,
    as written)."""
    parts: list[str | tuple[str, str]] = []
    at = 0
    for m in _DOUBLE.finditer(text):
        parts.append(text[at : m.start()])
        parts.append((m.group(1).strip(), m.group(0)))
        at = m.end()
    parts.append(text[at:])
    return parts


def bracket_unit(inner: str, raw: str, line: int, conventions: Conventions) -> Unit:
    """``((Name Surname/title: "speech…"))`` a sync; ``((Surname: …))`` a later one;
    ``((nat sound))`` a direction; ``((courtesy: Name))`` a credit."""
    m = _SYNC_HEAD.match(inner)
    if m is not None and m.group(3).strip():
        name, _, title = m.group(1).partition("/")
        head = split_head(f"{name}, {title}" if title.strip() else name)
        if head is not None and head.name is not None and not credit(f"{name}:", conventions):
            speech = m.group(3).strip().strip('"“”')
            return Marker(head, speech, line, m.group(1).strip())
        if credit(f"{m.group(1).strip()}: {m.group(3)}", conventions) or fold(
            m.group(1)
        ).strip() in ("courtesy", "credit", "source"):
            return Credit(raw, line)
    return Direction(raw, line)


# --- a sync's caption line standing for the sync ------------------------------------------------

_FINAL_MARKS = ".!?…:;,"  # a title may end with a «quoted name»
_CAPTION_WORDS = (3, 16)  # a name and a title: at least three words, at most a long title


def caption_only_head(text: str) -> tuple[Head, bool] | None:
    """A sync's caption line on its own between narration paragraphs, its speech left out:
    ``ИРИНА СОКОЛОВА ЖИТЕЛЬНИЦА СЕЛА``, ``АРМАН ЖАНБОЛАТОВ АУДАН ӘКІМІНІҢ ОРЫНБАСАРЫ`` (in
    capitals, no comma), or ``Ирина Соколова, жительница села`` (a comma or dash, no final
    punctuation). Returns the head and whether the name/title split is certain.

    The name is two words (three with a patronymic or -ұлы/-қызы); the title must hold a
    position word (жительница, орынбасары, директор …) and read as no sentence.

    >>> h, certain = caption_only_head("АРМАН ЖАНБОЛАТОВ АУДАН ӘКІМІНІҢ ОРЫНБАСАРЫ")
    >>> h.name, h.title, certain
    ('АРМАН ЖАНБОЛАТОВ', 'АУДАН ӘКІМІНІҢ ОРЫНБАСАРЫ', True)
    >>> caption_only_head("В АСТАНЕ ОТКРЫЛСЯ НОВЫЙ ФОРУМ") is None
    True
    """
    text = text.strip()
    if not text or len(text) > MAX_HEAD or text[-1] in _FINAL_MARKS or ":" in text:
        return None
    body, note = text, None
    if body.endswith(")"):  # "… (15 сек)": a length or a note
        start = opening_paren(body, len(body) - 1)
        if start is None or not is_note(body[start + 1 : -1]):
            return None
        body, note = body[:start].rstrip(), body[start + 1 : -1].strip()
    if not body.isupper():
        head = split_head(body)  # mixed case: only "Имя Фамилия, должность"
        if head is None or head.name is None or not head.separator or not head.title:
            return None
        if not _position(head.title.split()) or (name_tokens(head.name) or 0) < 2:
            return None
        return replace(head, note=note), True
    words = body.replace(",", " ").replace(" – ", " ").replace(" — ", " ").split()
    if not _CAPTION_WORDS[0] <= len(words) <= _CAPTION_WORDS[1]:
        return None
    for size in (3, 2):
        name, title = words[:size], words[size:]
        if not title or name_tokens(" ".join(name)) != size or bare(name[0]) in ANY.not_names:
            continue
        if size == 3 and not _name_end(name[2]):
            continue
        if bare(name[0]) in ANY.position_words or not _position(title):
            continue
        if looks_like_verb(title[0]) or not title_ok(" ".join(title)):
            return None  # "ИВАН ПЕТРОВ ВСТРЕТИЛСЯ С ДИРЕКТОРОМ": a headline
        certain = _name_end(name[-1]) or bare(title[0]) in _TITLE_OPENERS
        return Head(" ".join(name), " ".join(title), note), certain
    return None


_TITLE_OPENERS = ANY.position_words | ANY.position_modifiers


def _position(title: list[str]) -> bool:
    return any(bare(w) in ANY.position_words for w in title)


def _name_end(word: str) -> bool:
    """A surname or patronymic by its ending (Жанболатов, Соколова, Серікұлы, Петрович)."""
    w = bare(word)
    endings = (*ANY.surname_endings, *ANY.kazakh_patronymic, *ANY.patronymic_endings)
    return len(w) > 3 and w.endswith(endings)


# --- a guest list before a transcript -----------------------------------------------------------

_MAX_GUESTS = 12


def guest_list(lines: list[tuple[int, str]], k: int, conventions: Conventions) -> Guests | None:
    """``Гости студии:`` at ``lines[k]``, then each guest as ``Имя Фамилия`` over a title line,
    or ``Имя Фамилия, должность`` on one (also after the label: ``Гости: А, титр; Б, титр``).
    None when ``lines[k]`` opens no guest list or no guest follows."""
    text = lines[k][1]
    label, colon, rest = text.partition(":")
    if not colon or fold(label).strip() not in conventions.guest_labels:
        return None
    heads: list[Head] = []
    used = [lines[k]]
    for item in filter(None, (x.strip() for x in rest.split(";"))):
        head = split_head(item.rstrip("."))
        if head is None or head.name is None or (name_tokens(head.name) or 0) < 2:
            return None
        heads.append(head)
    i = k + 1
    while i < len(lines) and len(heads) < _MAX_GUESTS:
        head, taken = _guest_at(lines, i)
        if head is None:
            break
        heads.append(head)
        used += lines[i : i + taken]
        i += taken
    return Guests(tuple(heads), tuple(used)) if heads else None


def _guest_at(lines: list[tuple[int, str]], i: int) -> tuple[Head | None, int]:
    """The guest written at ``lines[i]``: a name line and the title line under it, or a
    ``Name, title`` line; and how many lines it took."""
    text = lines[i][1].strip().rstrip(".;")
    if not text or ":" in text or text[-1] in '!?…»"' or len(text) > 160:
        return None, 0
    head = split_head(text)
    if head is not None and head.name is not None and head.separator and head.title:
        return (head, 1) if (name_tokens(head.name) or 0) >= 2 else (None, 0)
    if name_tokens(text) not in (2, 3) or i + 1 >= len(lines):
        return None, 0
    title = lines[i + 1][1].strip().rstrip(".;")
    if not title or ":" in title or name_tokens(title) is not None or not title_ok(title):
        return None, 0
    return Head(text, title, None), 2
