"""kztranscript: TV news scripts to captions, lower-thirds and transcripts.

The library in two calls::

    >>> import kztranscript
    >>> script = kztranscript.parse("Форум открылся.\\nИмя Фамилия, аким:\\n- Мы готовы.")
    >>> [seg.kind.value for seg in script.segments]
    ['lead', 'sync']
    >>> result = kztranscript.run("Форум открылся.")
    >>> result.cues[0].lines
    ('Форум открылся.',)

``parse`` (text → ``Script``), ``run`` (text → ``Result``: script, timeline, cues,
lower-thirds, findings; options in ``Options``) and the model types (``Script``, ``Segment``,
``Speaker``, ``Cue``, ``LowerThird``, ``Finding``, ``FindingCode`` …) are importable from here.
They load on first use: ``kztranscript --version`` imports only this module and the CLI, so
start-up stays close to bare click.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "parse": "kztranscript.parsing",
    "detect_language": "kztranscript.parsing",
    "run": "kztranscript.pipeline",
    "render": "kztranscript.pipeline",
    "Options": "kztranscript.pipeline",
    "Result": "kztranscript.pipeline",
    **dict.fromkeys(
        (
            "Script",
            "Segment",
            "SegmentKind",
            "Speaker",
            "Role",
            "Language",
            "Credit",
            "Direction",
            "Timeline",
            "TimedSegment",
            "Cue",
            "LowerThird",
            "Finding",
            "FindingCode",
            "Severity",
        ),
        "kztranscript.model",
    ),
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    """The public names, imported from their modules on first use."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'kztranscript' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
