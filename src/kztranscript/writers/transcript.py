"""The structured transcript: a ``Script`` as JSON (schema ``kztranscript/script``, version 1).

The schema is documented in ``docs/transcript-schema.md``; field order is stable, text is
UTF-8 (not ``\\u`` escaped), output ends with a newline. Bump ``SCHEMA_VERSION`` on any
change that is not a pure addition.
"""

from __future__ import annotations

import json
from typing import Any

from kztranscript import __version__
from kztranscript.model import Script, Speaker, Timeline
from kztranscript.writers import Output

SCHEMA = "kztranscript/script"
SCHEMA_VERSION = 1


def speaker_dict(sp: Speaker | None) -> dict[str, Any] | None:
    if sp is None:
        return None
    return {"name": sp.name, "title": sp.title, "role": sp.role.value, "note": sp.note}


def script_dict(script: Script, timeline: Timeline | None = None) -> dict[str, Any]:
    """The ``Script`` as plain JSON-ready data; with a timeline, segment times and fps too."""
    times = {ts.index: (ts.start_ms, ts.end_ms) for ts in timeline.segments} if timeline else {}
    data = {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "tool": f"kztranscript {__version__}",
        "source": script.source,
        "language": script.language.value,
        "segments": [
            {
                "index": i,
                "kind": seg.kind.value,
                "line": seg.line,
                "anchor_ms": seg.anchor_ms,
                "speaker": speaker_dict(seg.speaker),
                "paragraphs": list(seg.paragraphs),
                **({} if seg.transcribed else {"transcribed": False, "length_ms": seg.length_ms}),
                **(
                    {"start_ms": times[i - 1][0], "end_ms": times[i - 1][1]}
                    if i - 1 in times
                    else {}
                ),
            }
            for i, seg in enumerate(script.segments, start=1)
        ],
        "speakers": [speaker_dict(sp) for sp in script.speakers],
        "credits": [{"text": c.text, "line": c.line} for c in script.credits],
        "directions": [{"text": d.text, "line": d.line} for d in script.directions],
        "findings": [
            {
                "code": f.code,
                "severity": f.severity.value,
                "line": f.line,
                "message": f.message,
                "text": f.text,
            }
            for f in script.findings
        ],
    }
    if timeline is not None:
        data["fps"] = timeline.fps
    return data


def dumps(data: dict[str, Any]) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=2)`` and a newline, byte for byte.

    json's indenting encoder is its pure-Python one (about a fifth of a small script's whole
    conversion in a batch); this walks the value once and leaves strings to json's C escaper.
    """
    return _pretty(data, "\n") + "\n"


_ESCAPE = json.encoder.encode_basestring  # the C function when available, as json uses


def _pretty(value: Any, newline: str) -> str:
    if isinstance(value, str):
        return _ESCAPE(value)
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if type(value) is int:
        return int.__repr__(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = newline + "  "
        items = [f"{_ESCAPE(k)}: {_pretty(v, inner)}" for k, v in value.items()]
        return "{" + inner + ("," + inner).join(items) + newline + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        inner = newline + "  "
        return "[" + inner + ("," + inner).join(_pretty(v, inner) for v in value) + newline + "]"
    return json.dumps(value)  # floats (and int or str subclasses) as json writes them


def write_script(script: Script, timeline: Timeline | None = None) -> str:
    """``Script`` (and its timeline, when given) → JSON text with a final newline."""
    return dumps(script_dict(script, timeline))


def write(output: Output) -> str:
    """The transcript of a pipeline result, with segment times."""
    return write_script(output.script, output.timeline)
