"""Cues → WebVTT text.

Written directly (webvtt-py, the independent reader in the tests, costs ten times as much per
cue to build and validate its objects). Cue text is escaped: ``&`` ``<`` ``>`` become
entities, so a payload never contains ``-->`` or a tag we did not mean; cue lines are never
empty (``break_lines`` makes them from words). Every cue of a marked speaker carries a
``<v Name>`` span.
"""

from __future__ import annotations

from collections.abc import Sequence

from kztranscript import __version__
from kztranscript.model import Cue
from kztranscript.timecode import vtt
from kztranscript.writers import Output


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _note(text: str) -> str:
    # A NOTE block ends at a blank line and must not contain "-->".
    return " ".join(text.replace("-->", "→").split())


def write_vtt(cues: Sequence[Cue], source: str = "-", raised_line: str = "10%") -> str:
    """WebVTT text with a ``NOTE`` naming the source and the tool, ``\\n`` line ends.

    Cues marked ``raised`` (a lower-third is on screen) get the setting ``line:<raised_line>``
    so players draw them near the top.
    """
    raised = f" line:{raised_line}"
    out = ["WEBVTT\n", f"NOTE {_note(f'source: {source}; kztranscript {__version__}')}\n"]
    for cue in cues:
        lines = [escape(line) for line in cue.lines]
        sp = cue.speaker
        if cue.voices:  # a dialogue cue: each line in its speaker's voice
            for i, voice in enumerate(cue.voices[: len(lines)]):
                if voice is not None and voice.name:
                    lines[i] = f"<v {escape(_note(voice.name))}>{lines[i]}</v>"
        elif sp is not None and sp.name:
            lines[0] = f"<v {escape(_note(sp.name))}>{lines[0]}"
            lines[-1] = f"{lines[-1]}</v>"
        timing = f"{vtt(cue.start_ms)} --> {vtt(cue.end_ms)}{raised if cue.raised else ''}"
        out.append(f"{timing}\n" + "\n".join(lines) + "\n")
    return "\n".join(out)


def write(output: Output) -> str:
    """The WebVTT file of a pipeline result."""
    return write_vtt(output.cues, output.script.source, output.options.raised_line)
