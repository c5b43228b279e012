"""Cues → WebVTT text, through webvtt-py (the only module that imports it).

webvtt-py does not escape cue text, so we do: ``&`` ``<`` ``>`` become entities, and a
payload never contains ``-->``. Every cue of a marked speaker carries a ``<v Name>`` span.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import webvtt
from webvtt.models import CueSettings

from kztranscript import __version__
from kztranscript.model import Cue
from kztranscript.timecode import vtt


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _note(text: str) -> str:
    # A NOTE block ends at a blank line and must not contain "-->".
    return " ".join(text.replace("-->", "→").split())


@lru_cache(maxsize=8)
def _settings(text: str) -> CueSettings:
    # One shared value per setting string: webvtt-py parses a string on every Caption.
    return CueSettings.from_string(text)


def write_vtt(cues: Sequence[Cue], source: str = "-", raised_line: str = "10%") -> str:
    """WebVTT text with a ``NOTE`` naming the source and the tool, ``\\n`` line ends.

    Cues marked ``raised`` (a lower-third is on screen) get the setting ``line:<raised_line>``
    so players draw them near the top.
    """
    plain, raised = _settings(""), _settings(f"line:{raised_line}")
    captions = []
    for cue in cues:
        lines = [escape(line) for line in cue.lines]
        sp = cue.speaker
        if sp is not None and sp.name:
            name = escape(sp.name)
            lines[0] = f"<v {name}>{lines[0]}"
            lines[-1] = f"{lines[-1]}</v>"
        captions.append(
            webvtt.Caption(
                vtt(cue.start_ms), vtt(cue.end_ms), lines, settings=raised if cue.raised else plain
            )
        )
    note = _note(f"source: {source}; kztranscript {__version__}")
    doc = webvtt.WebVTT(captions=captions, header_comments=[note])
    return doc.content.rstrip("\n") + "\n"
