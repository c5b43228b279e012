"""Pass 1, section labels and graphics lines: ``ЗК``, ``СНХ 1: Имя…``, ``СИНХРОН Имя, титр:``,
``ТИТР: Имя Фамилия, должность``. The labels are the newsroom's conventions (data).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from kztranscript.conventions import Conventions
from kztranscript.model import Speaker
from kztranscript.parsing.heads import (
    find_colon,
    head_at,
    is_note,
    marker_without_colon,
    split_head,
)
from kztranscript.parsing.quotes import matching_close
from kztranscript.parsing.units import Direction, Grammar, Unit
from kztranscript.speakers import role_of
from kztranscript.text import fold

_LABEL_NOTE = re.compile(r"\s*\(([^()]*)\)\s*$")  # "ИНТЕРШУМ (5 сек)"
_LABEL_NUMBER = re.compile(r"[\s\-–—]*(?:№\s*)?\d{1,3}$")  # "ЗК 2", "СИНХРОН-2", "СНХ №3"
_LABEL_NUMBER_START = re.compile(r"^(?:№\s*)?\d{1,3}\s*[:.]?\s+")


def section_label(head: str, conventions: Conventions) -> str | None:
    """The label a line starts with (``ЗК``, ``СНХ 1``, ``СИНХРОН-2``), without its number."""
    f = fold(head)
    m = _LABEL_NOTE.search(f)
    if m and (any(c.isdigit() for c in m.group(1)) or is_note(m.group(1))):
        f = f[: m.start()]  # "ИНТЕРШУМ (5 сек)", "ЗК (продолжение)"; not "СНХ (Имя, титр)"
    f = _LABEL_NUMBER.sub("", f.strip(" ()/"))
    return f if f in conventions.section_labels else None


def _label_alone(text: str, line: int, g: Grammar) -> Unit | None:
    """``СИНХРОН``, ``ЗК:`` alone on a line."""
    section = section_label(text.rstrip(".:"), g.conventions)
    if section is None:
        return None
    return Direction(text, line, g.conventions.section_kind(section))


def _graphics_line(text: str, line: int, g: Grammar) -> Unit | None:
    """``ТИТР: Имя Фамилия, должность``: not spoken; the checks compare it with the marker."""
    colon = find_colon(text, 0)
    if colon is None or fold(text[:colon]).strip() not in g.conventions.graphics_labels:
        return None
    head = split_head(text[colon + 1 :])
    shown = None
    if head is not None and head.name is not None:
        shown = Speaker(head.name, head.title, role_of(head.title))
    return Direction(text, line, speaker=shown)


SPEAKER_LINES: tuple[Callable[[str, int, Grammar], Unit | None], ...] = (
    _label_alone,
    _graphics_line,
)


def _label_with_colon(
    text: str, line: int, next_text: str | None, g: Grammar
) -> tuple[Unit, str] | None:
    """``ЗК: текст``, ``СНХ 1: Имя…``: the label, and what follows its colon."""
    colon = find_colon(text, 0)
    if colon is None:
        return None
    section = section_label(text[:colon], g.conventions)
    if section is None:
        return None
    if section in g.conventions.shot_labels:  # "Крупно: колосья.": all of it for the editor
        return Direction(text, line), ""
    label = Direction(text[: colon + 1], line, g.conventions.section_kind(section))
    return label, text[colon + 1 :].strip()


def _label_before_marker(
    text: str, line: int, next_text: str | None, g: Grammar
) -> tuple[Unit, str] | None:
    """``СИНХРОН Айгуль Ахметова, жительница:`` — a label without its colon before a marker."""
    first_word, _, after = text.partition(" ")
    section = section_label(first_word.rstrip(".-–—"), g.conventions)
    if section is None or not after:
        return None
    after = _LABEL_NUMBER_START.sub("", after).lstrip(" -–—")  # "СНХ 1: …"
    if after.startswith("("):  # "СНХ (Иван Петров, директор завода): …"
        close = matching_close(after, "(", ")")
        if close is not None and after[close + 1 : close + 2] == ":":
            after = after[1:close].strip() + after[close + 1 :]
    if head_at(after, 0, True, next_text) is None and not (
        next_text and marker_without_colon(after, next_text)
    ):
        return None
    return Direction(first_word, line, g.conventions.section_kind(section)), after


LABEL_PREFIXES: tuple[Callable[[str, int, str | None, Grammar], tuple[Unit, str] | None], ...] = (
    _label_with_colon,
    _label_before_marker,
)
