"""The one function the CLI and the batch runner call: script text → everything we write.

No I/O here: text in, values and output text out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from kztranscript.captions import SpeakerLabels, build_cues, cue_findings, long_words
from kztranscript.conventions import Conventions
from kztranscript.errors import OptionsError
from kztranscript.lowerthirds import LowerThirdRules, build_lower_thirds, raise_cues
from kztranscript.model import Cue, Finding, LowerThird, Script, Timeline
from kztranscript.parsing import parse
from kztranscript.style import CaptionStyle
from kztranscript.timing import TimingOptions, estimate
from kztranscript.writers import WRITERS


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
    conventions: Conventions | None = None  # the newsroom's labels (None: the defaults)
    captions: bool = True  # build cues (show needs only the timeline and lower-thirds)


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
    findings: Sequence[Finding] = (),
) -> Result:
    """Parse, time and caption a script. ``findings`` are the reader's (bytes it had to
    replace, lines in another code page), reported with the rest.

    Raises ``OptionsError`` when the timing options cannot be met (see ``build_cues``).

    >>> r = run("Форум открылся.\\nИмя Фамилия, аким:\\n- Мы готовы.")
    >>> [c.text for c in r.cues], [lt.name for lt in r.lower_thirds]
    (['Форум открылся.', 'Мы готовы.'], [])
    """
    opts = options or Options()
    try:
        return _run(text, source, opts, normalized, progress, findings)
    except OptionsError as exc:  # this script's timing: say which file it is
        if exc.path is not None:
            raise
        raise OptionsError(exc.reason, source, exc.line, exc.option) from None


def _run(
    text: str,
    source: str,
    opts: Options,
    normalized: bool,
    progress: Callable[[str, float], None] | None,
    findings: Sequence[Finding],
) -> Result:
    script = parse(
        text, source, normalized=normalized, fps=opts.timing.fps, conventions=opts.conventions
    )
    timeline = estimate(script, opts.timing)
    end = None
    if opts.timing.duration_ms is not None:
        end = opts.timing.start_ms + opts.timing.duration_ms
    words = None
    measured: tuple[Finding, ...] = ()
    if opts.audio is not None and script.segments:
        if end is not None:
            raise OptionsError(
                "a fixed duration and timing from audio do not go together: the audio sets "
                "the times",
                option="duration",
            )
        timeline, words, measured = _measured(timeline, opts.audio, progress)
    cues: tuple[Cue, ...] = ()
    captions = opts.captions and bool(script.segments)
    if captions:
        cues = build_cues(timeline, opts.style, SpeakerLabels.NONE, end, words)
    srt_cues = cues
    if opts.labels is not SpeakerLabels.NONE and captions:
        srt_cues = build_cues(timeline, opts.style, opts.labels, end, words)
    items, lt_findings = build_lower_thirds(timeline, opts.lower_thirds)
    same = srt_cues is cues
    cues = raise_cues(cues, items)
    srt_cues = cues if same else raise_cues(srt_cues, items)
    found: list[Finding] = [
        *findings,
        *script.findings,
        *timeline.findings,
        *cue_findings(cues, opts.style),
        *(long_words(timeline, opts.style) if captions else ()),
        *lt_findings,
        *measured,
    ]
    if opts.checks:
        from kztranscript.checks import check_script

        found += check_script(script)
    return Result(
        script,
        timeline,
        cues,
        srt_cues,
        items,
        tuple(sorted(found, key=lambda f: f.line)),
        opts,
    )


def _measured(
    timeline: Timeline, audio: str, progress: Callable[[str, float], None] | None
) -> tuple[Timeline, tuple[tuple[tuple[int, int], ...], ...], tuple[Finding, ...]]:
    """The timeline measured on the audio, each word's times, and what did not match."""
    from kztranscript.align import align_timeline

    timeline, aligned = align_timeline(timeline, audio, progress)
    return timeline, aligned.words, aligned.findings


def render(result: Result, fmt: str) -> str:
    """One output format of a result as text (``\\n`` line ends, final newline): the writer
    named ``fmt`` in ``writers.WRITERS`` (``srt``, ``vtt``, lower-third ``csv``, ``tsv``,
    ``json``, ``xml``, ``transcript``). ``KeyError`` for an unknown name."""
    return WRITERS[fmt].write(result)
