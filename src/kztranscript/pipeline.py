"""The one function the CLI and the batch runner call: script text → everything we write.

No I/O here: text in, values and output text out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kztranscript.captions import SpeakerLabels, build_cues, cue_findings
from kztranscript.linebreak import CaptionStyle
from kztranscript.model import Cue, Finding, Script, Timeline
from kztranscript.parsing import parse
from kztranscript.timing import TimingOptions, estimate

FORMATS = ("srt", "vtt")


@dataclass(frozen=True, slots=True)
class Options:
    timing: TimingOptions = field(default_factory=TimingOptions)
    style: CaptionStyle = field(default_factory=CaptionStyle)
    labels: SpeakerLabels = SpeakerLabels.NONE


@dataclass(frozen=True, slots=True)
class Result:
    script: Script
    timeline: Timeline
    cues: tuple[Cue, ...]  # without speaker labels (WebVTT marks speakers with <v>)
    srt_cues: tuple[Cue, ...]  # with the chosen SRT speaker labels
    findings: tuple[Finding, ...]

    @property
    def source(self) -> str:
        return self.script.source


def run(
    text: str, source: str = "-", options: Options | None = None, *, normalized: bool = False
) -> Result:
    """Parse, time and caption a script.

    Raises ``UsageError`` when the timing options cannot be met (see ``build_cues``).
    """
    opts = options or Options()
    script = parse(text, source, normalized=normalized)
    timeline = estimate(script, opts.timing)
    end = None
    if opts.timing.duration_ms is not None:
        end = opts.timing.start_ms + opts.timing.duration_ms
    cues = build_cues(timeline, opts.style, SpeakerLabels.NONE, end) if script.segments else ()
    srt_cues = cues
    if opts.labels is not SpeakerLabels.NONE and script.segments:
        srt_cues = build_cues(timeline, opts.style, opts.labels, end)
    findings = (*script.findings, *timeline.findings, *cue_findings(cues, opts.style))
    return Result(script, timeline, cues, srt_cues, tuple(sorted(findings, key=lambda f: f.line)))


def render(result: Result, fmt: str) -> str:
    """One output format of a result as text (``\\n`` line ends, final newline)."""
    if fmt == "srt":
        from kztranscript.writers.srt import write_srt

        return write_srt(result.srt_cues)
    if fmt == "vtt":
        from kztranscript.writers.vtt import write_vtt

        return write_vtt(result.cues, result.source)
    raise ValueError(f"unknown format {fmt!r}")
