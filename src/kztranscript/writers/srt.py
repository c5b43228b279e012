"""Cues → SubRip text.

Written directly: SubRip is a handful of lines per cue, and formatting it ourselves costs a
tenth of building pysrt objects for every cue. pysrt stays the independent reader the tests
check this writer against. UTF-8 text is returned as ``str``; the caller encodes (BOM, CRLF
on request). No angle brackets: players delete them, so speaker labels are plain text.
"""

from __future__ import annotations

from collections.abc import Sequence

from kztranscript.model import Cue
from kztranscript.timecode import srt
from kztranscript.writers import Output


def write_srt(cues: Sequence[Cue], position_tags: bool = False) -> str:
    """SRT text: numbered cues, ``HH:MM:SS,mmm`` times, ``\\n`` line ends, one final newline.

    With ``position_tags``, raised cues (under a lower-third) start with ``{\\an8}`` (top
    centre), which most players and editors honour; off by default, as some show it as text.
    Cue lines are never empty (``break_lines`` makes them from words), so no blank line ends
    a cue early.
    """
    blocks = []
    for i, cue in enumerate(cues, start=1):
        text = "\n".join(cue.lines).replace("<", "‹").replace(">", "›")
        if position_tags and cue.raised:
            text = "{\\an8}" + text
        blocks.append(f"{i}\n{srt(cue.start_ms)} --> {srt(cue.end_ms)}\n{text}\n")
    return "\n".join(blocks)


def write(output: Output) -> str:
    """The SRT file of a pipeline result (its SRT cues, with the chosen speaker labels)."""
    return write_srt(output.srt_cues, output.options.srt_position_tags)
