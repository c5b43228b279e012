"""Newsroom conventions: the labels a channel writes in its scripts, as data.

Section labels (``ЗК``, ``СНХ``, ``ИНТЕРШУМ``), credit labels (``Автор:``), header fields
(``Хронометраж:``) and graphics-line labels (``ТИТР:``) differ from newsroom to newsroom, not
from language to language. The defaults ship in ``conventions.toml`` beside this module; a
newsroom adds its own with a file of the same shape (``--conventions FILE.toml`` on the
command line, ``load()`` in the library).

>>> c = load_text('[sections]\\nother = ["ГРАФИКА ЗК"]\\n', "ours.toml")
>>> "графика зк" in c.section_labels and "зк" in c.section_labels
True
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from kztranscript.errors import ConventionsError
from kztranscript.model import SegmentKind
from kztranscript.text import fold

#: The tables and lists a conventions file may hold: table → list → what it means.
SCHEMA: dict[str, dict[str, str]] = {
    "sections": {
        "voiceover": "labels after which unmarked text is voice-over (ЗК)",
        "sync": "labels after which unmarked text is a sync (СИНХРОН)",
        "standup": "labels after which unmarked text is a stand-up (СТЕНДАП)",
        "lead": "labels after which unmarked text is the lead (ПОДВОДКА)",
        "other": "section labels that say nothing of the text after them (ИНТЕРШУМ)",
        "shots": "shot directions: the whole line describes the picture (Общий план:, Крупно:)",
    },
    "credits": {"labels": "'Label: names' credit lines (Автор:, Оператор:)"},
    "header": {"fields": "newsroom-system header fields (Тема:, Хронометраж:)"},
    "graphics": {"labels": "on-screen graphics lines (ТИТР:)"},
    "guests": {"labels": "a list of the programme's guests, name and title (Гости студии:)"},
}
_KINDS = {
    "voiceover": SegmentKind.VOICEOVER,
    "sync": SegmentKind.SYNC,
    "standup": SegmentKind.STANDUP,
    "lead": SegmentKind.LEAD,
}


@dataclass(frozen=True, slots=True)
class Conventions:
    """Every list of ``SCHEMA``, folded and sorted (so ``repr`` is the same in every process:
    batch fingerprints its options with it)."""

    lists: tuple[tuple[str, tuple[str, ...]], ...]  # ("sections.sync", ("синх", …)), sorted
    section_kinds: dict[str, SegmentKind] = field(init=False, repr=False, compare=False)
    section_labels: frozenset[str] = field(init=False, repr=False, compare=False)
    credit_labels: frozenset[str] = field(init=False, repr=False, compare=False)
    graphics_labels: frozenset[str] = field(init=False, repr=False, compare=False)
    shot_labels: frozenset[str] = field(init=False, repr=False, compare=False)
    guest_labels: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        d = dict(self.lists)
        kinds = {w: kind for name, kind in _KINDS.items() for w in d[f"sections.{name}"]}
        shots = frozenset(d["sections.shots"])
        sections = frozenset(kinds) | frozenset(d["sections.other"]) | shots
        object.__setattr__(self, "shot_labels", shots)
        object.__setattr__(self, "section_kinds", kinds)
        object.__setattr__(self, "section_labels", sections)
        credits = frozenset(d["credits.labels"]) | frozenset(d["header.fields"])
        object.__setattr__(self, "credit_labels", credits)
        object.__setattr__(self, "graphics_labels", frozenset(d["graphics.labels"]))
        object.__setattr__(self, "guest_labels", frozenset(d["guests.labels"]))

    def section_kind(self, label: str | None) -> SegmentKind | None:
        """What unmarked text after a section label is (None: the label does not say)."""
        return self.section_kinds.get(label) if label is not None else None

    def extended(self, data: dict[str, Any], path: str) -> Conventions:
        """These conventions with a parsed conventions file's lists added (or replacing)."""
        lists = dict(self.lists)
        for table, content in data.items():
            if table not in SCHEMA:
                raise ConventionsError(f"unknown table [{table}] (use {_tables()})", path)
            if not isinstance(content, dict):
                raise ConventionsError(f"{table!r} must be a table: [{table}]", path)
            replace = content.get("replace", False)
            if not isinstance(replace, bool):
                raise ConventionsError(f"'{table}.replace' must be true or false", path)
            for name, words in content.items():
                if name == "replace":
                    continue
                key = f"{table}.{name}"
                if name not in SCHEMA[table]:
                    known = ", ".join(SCHEMA[table])
                    raise ConventionsError(f"unknown key {key!r} (in [{table}]: {known})", path)
                if not isinstance(words, list) or not all(
                    isinstance(w, str) and w.strip() for w in words
                ):
                    raise ConventionsError(f"{key!r} must be a list of non-empty strings", path)
                folded = {_label(w) for w in words}
                lists[key] = tuple(sorted(folded if replace else folded | set(lists[key])))
        return Conventions(tuple(sorted(lists.items())))


def _label(word: str) -> str:
    """A label as the parser compares it: folded, spaces single, no final colon."""
    return " ".join(fold(word).strip().rstrip(":").split())


def _tables() -> str:
    return ", ".join(f"[{t}]" for t in SCHEMA)


def _parse(text: str, path: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # tomllib says "Expected '=' after a key (at line 3, column 7)"
        message = str(exc)
        line = None
        if "(at line " in message:
            message, _, where = message.partition(" (at line ")
            line = int(where.split(",")[0].rstrip(")"))
        raise ConventionsError(f"not valid TOML: {message}", path, line) from None


@lru_cache(maxsize=1)
def default() -> Conventions:
    """The conventions that ship with kztranscript (``conventions.toml``)."""
    # beside this module (importlib.resources would cost more to import than the read)
    text = Path(__file__).with_name("conventions.toml").read_text(encoding="utf-8")
    empty = Conventions(tuple((f"{t}.{n}", ()) for t in SCHEMA for n in SCHEMA[t]))
    return empty.extended(_parse(text, "conventions.toml"), "conventions.toml")


def load_text(text: str, path: str = "-") -> Conventions:
    """The default conventions extended by the text of a conventions file.

    Raises ``ConventionsError`` (path, line when known, the key at fault).
    """
    return default().extended(_parse(text, path), path)


def load(path: str) -> Conventions:
    """The default conventions extended by the file at ``path``; ``ConventionsError`` for a
    missing, unreadable or malformed file."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        raise ConventionsError(f"cannot read ({exc.strerror or exc})", path) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ConventionsError("not UTF-8 text", path, line) from None
    return load_text(text, path)
