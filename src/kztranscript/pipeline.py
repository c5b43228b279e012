"""The one function the CLI and the batch runner call: script text → everything we write.

No I/O here: text in, values and output text out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from kztranscript.captions import SpeakerLabels, build_cues, cue_findings
from kztranscript.errors import UsageError
from kztranscript.linebreak import CaptionStyle
from kztranscript.lowerthirds import LowerThirdRules, build_lower_thirds, raise_cues
from kztranscript.model import Cue, Finding, LowerThird, Script, Timeline
from kztranscript.parsing import parse
from kztranscript.timing import TimingOptions, estimate

CAPTION_FORMATS = ("srt", "vtt")
LOWER_THIRD_FORMATS = ("csv", "tsv", "json", "xml")
FORMATS = (*CAPTION_FORMATS, *LOWER_THIRD_FORMATS, "transcript")


@dataclass(frozen=True, slots=True)
class Options:
    timing: TimingOptions = field(default_factory=TimingOptions)
    style: CaptionStyle = field(default_factory=CaptionStyle)
    labels: SpeakerLabels = SpeakerLabels.NONE
    lower_thirds: LowerThirdRules = field(default_factory=LowerThirdRules)
    raised_line: str = "10%"  # WebVTT line: setting for cues under a lower-third
    srt_position_tags: bool = False  # {\an8} on those cues in SRT
    checks: bool = False  # run the producer checks (loads pymorphy3)
    audio: str | None = None  # measure the timing on this audio/video file (audio extra)


@dataclass(frozen=True, slots=True)
class Result:
    script: Script
    timeline: Timeline
    cues: tuple[Cue, ...]  # without speaker labels (WebVTT marks speakers with <v>)
    srt_cues: tuple[Cue, ...]  # with the chosen SRT speaker labels
    lower_thirds: tuple[LowerThird, ...]
    findings: tuple[Finding, ...]
    options: Options

    @property
    def source(self) -> str:
        return self.script.source


def run(
    text: str,
    source: str = "-",
    options: Options | None = None,
    *,
    normalized: bool = False,
    progress: Callable[[str, float], None] | None = None,
) -> Result:
    """Parse, time and caption a script.

    Raises ``UsageError`` when the timing options cannot be met (see ``build_cues``).
    """
    opts = options or Options()
    script = parse(text, source, normalized=normalized, fps=opts.timing.fps)
    timeline = estimate(script, opts.timing)
    end = None
    if opts.timing.duration_ms is not None:
        end = opts.timing.start_ms + opts.timing.duration_ms
    words = None
    measured: tuple[Finding, ...] = ()
    if opts.audio is not None and script.segments:
        from kztranscript.align import align_timeline

        if end is not None:
            raise UsageError("--duration and --audio do not go together: the audio sets the times")
        timeline, aligned = align_timeline(timeline, opts.audio, progress)
        words, measured = aligned.words, aligned.findings
    cues: tuple[Cue, ...] = ()
    if script.segments:
        cues = build_cues(timeline, opts.style, SpeakerLabels.NONE, end, words)
    srt_cues = cues
    if opts.labels is not SpeakerLabels.NONE and script.segments:
        srt_cues = build_cues(timeline, opts.style, opts.labels, end, words)
    items, lt_findings = build_lower_thirds(timeline, opts.lower_thirds)
    same = srt_cues is cues
    cues = raise_cues(cues, items)
    srt_cues = cues if same else raise_cues(srt_cues, items)
    findings: list[Finding] = [
        *script.findings,
        *timeline.findings,
        *cue_findings(cues, opts.style),
        *lt_findings,
        *measured,
    ]
    if opts.checks:
        from kztranscript.checks import check_script

        findings += check_script(script)
    return Result(
        script,
        timeline,
        cues,
        srt_cues,
        items,
        tuple(sorted(findings, key=lambda f: f.line)),
        opts,
    )


def render(result: Result, fmt: str) -> str:
    """One output format of a result as text (``\\n`` line ends, final newline).

    ``srt`` and ``vtt`` are captions; ``csv``, ``tsv``, ``json`` and ``xml`` are lower-thirds.
    """
    fps = result.timeline.fps
    if fmt == "srt":
        from kztranscript.writers.srt import write_srt

        return write_srt(result.srt_cues, result.options.srt_position_tags)
    if fmt == "vtt":
        from kztranscript.writers.vtt import write_vtt

        return write_vtt(result.cues, result.source, result.options.raised_line)
    from kztranscript.writers import lowerthirds as lt

    if fmt == "csv":
        return lt.write_csv(result.lower_thirds, fps)
    if fmt == "tsv":
        return lt.write_csv(result.lower_thirds, fps, delimiter="\t")
    if fmt == "json":
        return lt.write_json(result.lower_thirds, fps)
    if fmt == "xml":
        return lt.write_caspar_xml(result.lower_thirds, fps, result.source)
    if fmt == "transcript":
        from kztranscript.writers.transcript import write_script

        return write_script(result.script, result.timeline)
    raise ValueError(f"unknown format {fmt!r}")
