"""The units pass 1 turns lines into, and pass 2 turns into segments.

A line of the script becomes one or more units: text, a marker (a speaker's head and any
speech after its colon), a credit, a direction (section label, stage direction, graphics
line, a lone note), a sync's caption line standing for a sync left out, or an inline
timecode anchor. Units are frozen values with the 1-based
source line they came from.
"""

from __future__ import annotations

from dataclasses import dataclass

from kztranscript.conventions import Conventions
from kztranscript.model import Credit, SegmentKind, Speaker


@dataclass(frozen=True, slots=True)
class Head:
    """A parsed marker head: ``Name, title (note)``."""

    name: str | None
    title: str | None
    note: str | None
    continuation: bool = False  # "(on camera):" — the previous speaker again
    anonymous: bool = False
    separator: bool = False  # a comma or dash stood between name and title
    # The title comes first and holds a verb-like word ("Житель села Айдос Серикбаев", or a
    # sentence "Президент наградил Айдоса Серикбаева"): a marker only before a quote.
    needs_quote: bool = False


@dataclass(frozen=True, slots=True)
class Text:
    text: str
    line: int
    after_quote: bool = False  # narration that follows a closed «quote» on the same line


@dataclass(frozen=True, slots=True)
class Marker:
    head: Head
    rest: str  # speech on the same line after the colon, may be ""
    line: int
    raw: str  # the head as written, for findings


@dataclass(frozen=True, slots=True)
class Direction:
    text: str
    line: int
    kind: SegmentKind | None = None  # a section label: what the unmarked text after it is
    note: str | None = None  # a lone "(перевод с казахского)" line that may belong to a marker
    speaker: Speaker | None = None  # the name and title a ТИТР line puts on screen


@dataclass(frozen=True, slots=True)
class CaptionOnly:
    """A sync's caption line standing for the sync (``ИРИНА СОКОЛОВА ЖИТЕЛЬНИЦА СЕЛА``): the
    speech is not in the script. ``certain`` is False when where the name ends is a guess."""

    head: Head
    line: int
    raw: str
    certain: bool = True


@dataclass(frozen=True, slots=True)
class Guests:
    """A guest list (``Гости студии:``, then a name line and a title line per guest): who the
    transcript's short markers (``АЛЕШИНА:``) name. ``lines`` are the list's lines as written
    (line number, text); ``guests`` the heads read from them."""

    guests: tuple[Head, ...]
    lines: tuple[tuple[int, str], ...]


@dataclass(frozen=True, slots=True)
class Anchor:
    ms: int | None  # None: shaped like a timecode, but not one at this frame rate
    raw: str
    line: int


@dataclass(frozen=True, slots=True)
class Grammar:
    """What pass 1 needs besides the line: the newsroom's labels and the frame rate."""

    conventions: Conventions
    fps: int = 25


# A credit line is the model's Credit as it is: nothing more to know of it in pass 2.
Unit = Text | Marker | Credit | Direction | Anchor | CaptionOnly | Guests
