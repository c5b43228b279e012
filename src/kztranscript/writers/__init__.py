"""The output formats, one module each, and the registry the CLI and batch take them from.

A writer turns a pipeline result into the text of one file (``\\n`` line ends, a final
newline); the callers encode it (BOM, CRLF on request) and write it atomically. Adding a
format is one module and one ``Writer`` line here: ``convert``/``lowerthirds``/``batch`` take
their ``--to`` choices, file names and BOM defaults from ``WRITERS``.

>>> [w.name for w in formats("caption")][:2], WRITERS["csv"].filename("news")
(['srt', 'vtt'], 'news.lowerthirds.csv')
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import import_module
from typing import Literal, Protocol

from kztranscript.model import Cue, LowerThird, Script, Timeline

Kind = Literal["caption", "graphics", "transcript"]


class WriterOptions(Protocol):
    """The output options a writer reads (``pipeline.Options`` has them)."""

    @property
    def raised_line(self) -> str: ...  # WebVTT line: setting for cues under a lower-third

    @property
    def srt_position_tags(self) -> bool: ...  # {\\an8} on those cues in SRT


class Output(Protocol):
    """What a writer is given (``pipeline.Result`` is one)."""

    @property
    def script(self) -> Script: ...

    @property
    def timeline(self) -> Timeline: ...

    @property
    def cues(self) -> tuple[Cue, ...]: ...  # WebVTT marks speakers itself

    @property
    def srt_cues(self) -> tuple[Cue, ...]: ...  # with the chosen SRT speaker labels

    @property
    def lower_thirds(self) -> tuple[LowerThird, ...]: ...

    @property
    def options(self) -> WriterOptions: ...


@dataclass(frozen=True, slots=True)
class Writer:
    """One output format: its name (``--to``), file suffix, kind and BOM default."""

    name: str
    suffix: str  # after the script's stem: ".srt", ".lowerthirds.csv"
    kind: Kind
    bom: bool  # a UTF-8 BOM by default (spreadsheets need one to show Cyrillic)
    module: str  # kztranscript.writers.<module> holds ...
    function: str  # ... the function(output) -> str

    def write(self, output: Output) -> str:
        """The file's text for ``output`` (the writer module is imported on first use)."""
        fn: Callable[[Output], str] = getattr(
            import_module(f"kztranscript.writers.{self.module}"), self.function
        )
        return fn(output)

    def filename(self, stem: str) -> str:
        return stem + self.suffix


WRITERS: dict[str, Writer] = {
    w.name: w
    for w in (
        Writer("srt", ".srt", "caption", False, "srt", "write"),
        Writer("vtt", ".vtt", "caption", False, "vtt", "write"),
        Writer("ass", ".ass", "caption", False, "ass", "write"),
        Writer("ttml", ".ttml", "caption", False, "ttml", "write"),
        Writer("ebu-tt-d", ".ebu-tt-d.xml", "caption", False, "ttml", "write_ebu"),
        Writer("avid", ".avid.txt", "caption", False, "editors", "write_avid"),
        Writer("fcpxml", ".fcpxml", "caption", False, "finalcut", "write_finalcut"),
        Writer("csv", ".lowerthirds.csv", "graphics", True, "lowerthirds", "write_csv_output"),
        Writer("tsv", ".lowerthirds.tsv", "graphics", True, "lowerthirds", "write_tsv_output"),
        Writer("json", ".lowerthirds.json", "graphics", False, "lowerthirds", "write_json_output"),
        Writer("xml", ".lowerthirds.xml", "graphics", False, "lowerthirds", "write_xml_output"),
        Writer("resolve-edl", ".markers.edl", "graphics", False, "editors", "write_resolve"),
        Writer("fcp7", ".fcp7.xml", "graphics", False, "finalcut", "write_premiere"),
        Writer("transcript", ".transcript.json", "transcript", False, "transcript", "write"),
    )
}


def formats(*kinds: Kind) -> tuple[Writer, ...]:
    """The writers of the given kinds, in registry order."""
    return tuple(w for w in WRITERS.values() if w.kind in kinds)


def names(writers: Sequence[Writer]) -> tuple[str, ...]:
    return tuple(w.name for w in writers)
