"""Cues → SubRip text, through pysrt (the only module that imports it).

UTF-8 text is returned as ``str``; the caller encodes (BOM, CRLF on request). No angle
brackets: players delete them, so speaker labels are plain text.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import pysrt

from kztranscript.model import Cue


def write_srt(cues: Sequence[Cue], position_tags: bool = False) -> str:
    """SRT text: numbered cues, ``HH:MM:SS,mmm`` times, ``\\n`` line ends, one final newline.

    With ``position_tags``, raised cues (under a lower-third) start with ``{\\an8}`` (top
    centre), which most players and editors honour; off by default, as some show it as text.
    """
    items = pysrt.SubRipFile()
    for i, cue in enumerate(cues, start=1):
        text = "\n".join(line.replace("<", "‹").replace(">", "›") for line in cue.lines)
        if position_tags and cue.raised:
            text = "{\\an8}" + text
        items.append(
            pysrt.SubRipItem(
                i,
                start=pysrt.SubRipTime(milliseconds=cue.start_ms),
                end=pysrt.SubRipTime(milliseconds=cue.end_ms),
                text=text,
            )
        )
    out = io.StringIO()
    items.write_into(out, eol="\n")
    return out.getvalue().rstrip("\n") + "\n"
