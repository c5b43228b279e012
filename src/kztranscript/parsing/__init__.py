"""Text → ``Script``: speaker markers, quotes, credits, directions and inline timecodes.

The parser works in two passes. Pass 1 (``lines``) turns each line into *units* (text, a
marker, a credit, a direction, an anchor), reading marker heads with the grammar of
``heads``; pass 2 (``builder``) walks the units with a small state machine that knows whether
it is in narration, waiting for the speech after a marker, or inside a speaker's turn.
Nothing is dropped: text that fits nowhere becomes a finding that carries it.

>>> s = parse("Форум открылся в Астане.\\nИмя Фамилия, аким:\\n- Речь.\\nДелегаты уехали.")
>>> [seg.kind.value for seg in s.segments]
['lead', 'sync', 'voiceover']
>>> s.segments[1].speaker.name, s.segments[1].speaker.title
('Имя Фамилия', 'аким')
"""

from __future__ import annotations

from kztranscript import conventions as conv
from kztranscript.conventions import Conventions
from kztranscript.lexicon import detect_language
from kztranscript.model import Script
from kztranscript.parsing.builder import Builder
from kztranscript.parsing.lines import units
from kztranscript.parsing.state import transcript_style
from kztranscript.parsing.units import Grammar
from kztranscript.reading import normalize

__all__ = ["detect_language", "parse"]


def parse(
    text: str,
    source: str = "-",
    *,
    normalized: bool = False,
    fps: int = 25,
    conventions: Conventions | None = None,
) -> Script:
    """Parse a news script into a ``Script``. Never raises for any ``str`` input.

    ``fps`` is the frame rate the frames of inline timecodes (``00:01:23:12``) count at;
    ``conventions`` the newsroom's labels (default: those that ship, ``conventions.toml``).

    >>> parse("Жанат Эрнст, корреспондент: - Мы в Женеве.").segments[0].speaker.role.value
    'correspondent'
    """
    if not normalized:  # text from reading.decode() is normalized already
        text = normalize(text)
    found = units(text, Grammar(conventions or conv.default(), fps))
    b = Builder(transcript_style(found), fps)
    b.build(found)
    spoken = " ".join(seg.text for seg in b.seg.done) or text
    return Script(
        segments=tuple(b.seg.done),
        language=detect_language(spoken),
        source=source,
        credits=tuple(b.credits),
        directions=tuple(b.directions),
        findings=tuple(sorted(b.findings, key=lambda f: f.line)),
    )
