"""Pass 1: each line of the script → units (text, markers, credits, directions, anchors).

A line is tried against small classifiers in order: inline timecodes at its start come off
first; a line holding ``((…))`` spans is cut at them (US station scripts); then whole-line
kinds (transcript boilerplate, an end mark, a bracketed direction, a credit, a rundown
``FIELD=value``); then, unless it opens with a dash, speaker lines (a section label alone, a
graphics line: ``labels``), label prefixes peeled off before a marker (``ЗК:``, ``СНХ 1
Имя…``), and markers with a colon, without one before a quote, or in capitals before a dash
(``layouts``); whatever is left is text, with ``(LAUGHTER)``-style directions taken out and
markers written inside a paragraph split off.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from kztranscript.lexicon import ANY
from kztranscript.model import Credit
from kztranscript.parsing.heads import (
    credit,
    head_at,
    is_note,
    marker_without_colon,
    opens_quote,
    split_head,
)
from kztranscript.parsing.labels import LABEL_PREFIXES, SPEAKER_LINES
from kztranscript.parsing.layouts import (
    bracket_unit,
    caption_only_head,
    dash_head_at,
    double_brackets,
    guest_list,
    headline_with_colon,
    rundown_field,
)
from kztranscript.parsing.quotes import speech_and_after
from kztranscript.parsing.units import (
    Anchor,
    CaptionOnly,
    Direction,
    Grammar,
    Head,
    Marker,
    Text,
    Unit,
)
from kztranscript.text import DASHES, fold
from kztranscript.timecode import parse_inline

_TIMECODE_PREFIX = re.compile(
    r"^(?:(?:TCR?|ТС|ТК)\s*:?\s*(?=[\[(\d]))?"  # "TC 00:01:23", Russian "ТС"/"ТК"
    r"(?:\[(?P<b>[\d:;.,]+)\]|\((?P<p>[\d:;.,]+)\)|(?P<bare>\d{1,2}:\d{2}:\d{2}(?:[:;.,]\d{1,3})?)(?=\s|$))"
    r"\s*(?:[-–—]\s*)?"
)
_SMPTE_SHAPE = re.compile(r"\d{1,2}:\d{2}:\d{2}[:;]\d{2}")
_LETTERS = re.compile(r"[^\W\d_]+")
_SPACES = re.compile(r" {2,}")
_BRACKETED = re.compile(r"\((.+)\)|\[(.+)\]")
_INLINE_DIRECTION = re.compile(r"\s*[(\[]([^()\[\]]{1,60})[)\]]")
_BOUNDARY = re.compile(r"(?:[.!?…]+[»\"”)]?|»)\s+")


def units(text: str, grammar: Grammar) -> list[Unit]:
    """Every non-empty line of ``text`` (normalized) → units, in order."""
    nonempty = [(i + 1, line) for i, line in enumerate(text.split("\n")) if line.strip()]
    out: list[Unit] = []
    skip = 0
    for k, (num, line) in enumerate(nonempty):
        if skip:
            skip -= 1
            continue
        guests = guest_list(nonempty, k, grammar.conventions)
        if guests is not None:  # "Гости студии:" and the lines that name them
            out.append(guests)
            skip = len(guests.lines) - 1
            continue
        nxt = nonempty[k + 1][1] if k + 1 < len(nonempty) else None
        if nxt is not None and nxt.startswith("(") and nxt.endswith(")") and is_note(nxt):
            nxt = nonempty[k + 2][1] if k + 2 < len(nonempty) else None
        out.extend(line_units(line, num, nxt, grammar))
    return out


def line_units(text: str, line: int, next_text: str | None, g: Grammar) -> list[Unit]:
    """One line → units. ``next_text`` is the next non-empty line (a note line skipped)."""
    units, text = _anchors(text, line, g.fps)
    if not text:
        return units
    if "((" in text and "))" in text:
        return [*units, *_double_brackets(text, line, next_text, g)]
    for whole in _WHOLE_LINE:
        unit = whole(text, line, g)
        if unit is not None:
            return [*units, unit]
    if text[0] not in DASHES:
        for speaker_line in SPEAKER_LINES:
            unit = speaker_line(text, line, g)
            if unit is not None:
                return [*units, unit]
        for peel in LABEL_PREFIXES:
            peeled = peel(text, line, next_text, g)
            if peeled is not None:
                label, text = peeled
                units.append(label)
                if not text:
                    return units
        for marker in _MARKER_LINES:
            found = marker(text, line, next_text)
            if found is not None:
                return [*units, *found]
    return [*units, *_text_units(text, line)]


# --- inline timecodes at the start of a line ---------------------------------------------------


def _anchors(text: str, line: int, fps: int) -> tuple[list[Unit], str]:
    """Timecodes at the line start → anchors, and the rest of the line."""
    units: list[Unit] = []
    range_end = False  # the previous timecode ended with a dash: this one closes a range
    while True:
        tc = _TIMECODE_PREFIX.match(text)
        if not tc:
            break
        raw = tc.group("b") or tc.group("p") or tc.group("bare") or ""
        ms = parse_inline(raw, fps)
        if ms is None and not _SMPTE_SHAPE.fullmatch(raw):
            break  # "[2024] …": not a timecode
        last = units[-1] if units else None
        if range_end and isinstance(last, Anchor):
            # "00:00:15 - 00:00:30 …": the part starts at the first; the second is its end
            units[-1] = replace(last, raw=f"{last.raw} {tc.group(0).strip()}")
            range_end = False
        else:
            units.append(Anchor(ms, tc.group(0).strip(), line))
            range_end = tc.group(0).rstrip()[-1] in DASHES
        text = text[tc.end() :].strip()
    return units, text


# --- whole lines that are not speech -----------------------------------------------------------


def _boilerplate(text: str, line: int, g: Grammar) -> Unit | None:
    """Transcript boilerplate: ``RUSH TRANSCRIPT``, ``Copyright …``."""
    f = fold(text)
    if any(b in f for b in ANY.transcript_boilerplate) and (text.isupper() or len(text) < 120):
        return Direction(text, line)
    return None


def _end_mark(text: str, line: int, g: Grammar) -> Unit | None:
    """``END``, ``КОНЕЦ``, ``СОҢЫ`` in capitals."""
    if text.upper() == text and fold(text).strip(" .") in ("end", "конец", "соңы"):
        return Direction(text, line)
    return None


def _bracketed(text: str, line: int, g: Grammar) -> Unit | None:
    """A whole line in brackets: ``(ЗК)``, ``(BEGIN VIDEOTAPE)``, ``(перевод с казахского)``."""
    whole = _BRACKETED.fullmatch(text)
    if not whole or ":" in text[-2:]:
        return None
    inner = (whole.group(1) or whole.group(2) or "").strip()
    if inner.count("(") != inner.count(")") or inner.count("[") != inner.count("]"):
        return None
    kind = g.conventions.section_kind(fold(inner).strip())
    return Direction(text, line, kind, note=inner if is_note(inner) else None)


def _credit_line(text: str, line: int, g: Grammar) -> Unit | None:
    return Credit(text, line) if credit(text, g.conventions) else None


def _rundown_field(text: str, line: int, g: Grammar) -> Unit | None:
    return rundown_field(text, line, g.conventions)


_WHOLE_LINE: tuple[Callable[[str, int, Grammar], Unit | None], ...] = (
    _boilerplate,
    _end_mark,
    _bracketed,
    _credit_line,
    _rundown_field,
)


# --- markers -----------------------------------------------------------------------------------


def _marker_units(head: Head, rest: str, line: int, raw: str) -> list[Unit]:
    speech, after = speech_and_after(rest)
    found: list[Unit] = [Marker(head, speech, line, raw)]
    if after:
        found.append(Text(after, line, after_quote=True))
    return found


def _marker_line(text: str, line: int, next_text: str | None) -> list[Unit] | None:
    """``Имя Фамилия, титр: речь`` (the speech may hold more markers after it)."""
    found = head_at(text, 0, True, next_text)
    if found is None:
        return None
    head, speech = found
    if headline_with_colon(text, speech):
        return [Direction(text, line)]
    body, directions = _inline_directions(text[speech:].strip(), line)
    more = _split_markers(body, line) if body else []
    first_rest = ""
    first = more[0] if more else None
    if isinstance(first, Text) and not first.after_quote:
        first_rest = first.text
        more.pop(0)
    return [*directions, *_marker_units(head, first_rest, line, text[: speech - 1].strip()), *more]


def _marker_no_colon(text: str, line: int, next_text: str | None) -> list[Unit] | None:
    """``ИМЯ ФАМИЛИЯ, ДОЛЖНОСТЬ`` with no colon, a quote on the next line."""
    if not next_text or not marker_without_colon(text, next_text):
        return None
    head = split_head(text)
    assert head is not None
    return [Marker(head, "", line, text)]


def _marker_dash(text: str, line: int, next_text: str | None) -> list[Unit] | None:
    """``ИВАН ПЕТРОВ – МАСТЕР УЧАСТКА - Текст синхрона`` on one line: no colon, dashes."""
    found = dash_head_at(text, 0)
    if found is None:
        return None
    head, speech = found
    return _marker_units(head, text[speech:].strip(), line, text[:speech].rstrip(" -–—"))


def _caption_only(text: str, line: int, next_text: str | None) -> list[Unit] | None:
    """``ИРИНА СОКОЛОВА ЖИТЕЛЬНИЦА СЕЛА`` between narration paragraphs: a sync whose speech
    the script leaves out (before a quote it is a marker, and at the end a cut-off one)."""
    if next_text is None or opens_quote(next_text):
        return None
    found = caption_only_head(text)
    if found is None:
        return None
    return [CaptionOnly(found[0], line, text, certain=found[1])]


_MARKER_LINES: tuple[Callable[[str, int, str | None], list[Unit] | None], ...] = (
    _marker_line,
    _marker_no_colon,
    _marker_dash,
    _caption_only,
)


# --- text --------------------------------------------------------------------------------------


def _text_units(text: str, line: int) -> list[Unit]:
    body, directions = _inline_directions(text, line)
    found: list[Unit] = [*directions]
    if body:
        found.extend(_split_markers(body, line) if text[0] not in DASHES else [Text(body, line)])
    return found


def _inline_directions(text: str, line: int) -> tuple[str, list[Unit]]:
    """Take ``(LAUGHTER)``-style directions out of a paragraph."""
    found: list[Unit] = []

    def take(m: re.Match[str]) -> str:
        inner = m.group(1).strip()
        f = fold(inner)
        words = _LETTERS.findall(f)
        known = f in ANY.direction_words or (
            inner.isupper() and any(w in ANY.direction_words for w in words)
        )
        if not known:
            return m.group(0)
        found.append(Direction(m.group(0).strip(), line))
        return ""

    if "(" not in text and "[" not in text:
        return text, found
    cleaned = _INLINE_DIRECTION.sub(take, text)
    return _SPACES.sub(" ", cleaned).strip(), found


def _split_markers(text: str, line: int) -> list[Unit]:
    """One paragraph → text and the markers written inside it (``… таныстырды. Имя, титр: «…»``)."""
    found: list[Unit] = []
    piece_start = 0
    pending: tuple[Head, int, int] | None = None  # head, head start, speech start
    depth = 0
    depth_pos = 0
    for m in _BOUNDARY.finditer(text):
        cand = m.end()
        if cand >= len(text) or not (text[cand].isupper() or text[cand] == "("):
            continue
        if pending is not None and cand <= pending[2]:
            continue
        depth = max(depth + text.count("«", depth_pos, cand) - text.count("»", depth_pos, cand), 0)
        depth_pos = cand
        if depth > 0:
            continue
        head_found = head_at(text, cand, line_start=False) or dash_head_at(text, cand)
        if head_found is None:
            continue
        head, speech = head_found
        before = text[piece_start:cand].strip()
        if pending is None:
            if before:
                found.append(Text(before, line))
        else:
            found.extend(_marker_units(pending[0], before, line, text[pending[1] : pending[2]]))
        pending = (head, cand, speech)
        piece_start = speech
        depth_pos = speech
    tail = text[piece_start:].strip()
    if pending is None:
        if tail:
            found.append(Text(tail, line))
    else:
        found.extend(_marker_units(pending[0], tail, line, text[pending[1] : pending[2]]))
    return found


# --- double brackets, as US station scripts write syncs and notes ------------------------------


def _double_brackets(text: str, line: int, next_text: str | None, g: Grammar) -> list[Unit]:
    """``((Name Surname/title: "speech…"))`` inside or as a line: a sync; ``((Surname: …))``
    a later one; ``((nat sound))``, ``((courtesy: Name))`` a direction or a credit."""
    found: list[Unit] = []
    parts = double_brackets(text)
    for i, part in enumerate(parts):
        if isinstance(part, tuple):
            found.append(bracket_unit(*part, line, g.conventions))
        else:
            last = i == len(parts) - 1
            found.extend(_narration(part, line, next_text if last else None, g, after=i > 0))
    return found


def _narration(text: str, line: int, next_text: str | None, g: Grammar, after: bool) -> list[Unit]:
    """The text between double brackets; after a bracketed sync it is narration again."""
    text = text.strip()
    if not text:
        return []
    units = line_units(text, line, next_text, g)
    if after:
        units = [replace(u, after_quote=True) if isinstance(u, Text) else u for u in units]
    return units
