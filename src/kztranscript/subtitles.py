"""Other people's caption files: read (SRT, WebVTT), check, re-break and convert.

Speech-to-text in an editing program, Whisper or an outside vendor gives Russian and Kazakh
captions broken anywhere and timed without regard to reading speed. Here they meet the same
rules as our own captions: ``check_captions`` reports every defect at its cue;
``rebreak`` keeps every word and the timing of every word, and re-cuts cues and lines by our
rules; ``retimed`` shifts and frames them for another format.

The files are read by the format adapters (``writers.srt`` through pysrt, ``writers.vtt``
through webvtt-py); nothing here prints or touches a file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import accumulate, pairwise

from kztranscript.captions import DIALOGUE_DASH, SpeakerLabels, build_cues, cue_findings
from kztranscript.cohesion import PHRASE_SPLIT
from kztranscript.errors import InputError, OptionsError
from kztranscript.layout import break_lines
from kztranscript.lexicon import detect_language
from kztranscript.linebreak import ILLEGAL, fits, gap_costs
from kztranscript.model import (
    CaptionFile,
    Cue,
    Finding,
    FindingCode,
    Language,
    Script,
    Segment,
    SegmentKind,
    Severity,
    SourceCue,
    Speaker,
    TimedSegment,
    Timeline,
)
from kztranscript.style import CaptionStyle
from kztranscript.text import DASHES
from kztranscript.timecode import floor_frame, frame_ms, to_frame, vtt
from kztranscript.timing import sentences, syllables

CAPTION_FORMATS = ("srt", "vtt")


def caption_format(path: str, text: str) -> str | None:
    """``srt`` or ``vtt`` when a file is a caption file (by its name, or by its text: a
    ``WEBVTT`` header, or a first block with a SubRip timing line); None for a script."""
    suffix = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    if suffix in CAPTION_FORMATS:
        return suffix
    head = text.lstrip()[:400]
    if head.startswith("WEBVTT"):
        return "vtt"
    lines = head.split("\n")[:3]
    if len(lines) >= 2 and lines[0].strip().isdigit() and "-->" in lines[1]:
        return "srt"
    return None


def read_captions(text: str, source: str, fmt: str) -> CaptionFile:
    """A caption file's cues (``fmt`` ``srt`` or ``vtt``). Raises ``InputError`` when it
    holds no cue at all (not a caption file), naming the file."""
    if fmt == "vtt":
        from kztranscript.writers.vtt import read_vtt

        try:
            file = read_vtt(text, source)
        except ValueError as exc:
            raise InputError(str(exc), source) from None
    else:
        from kztranscript.writers.srt import read_srt

        file = read_srt(text, source)
    if not file.cues:
        raise InputError(f"no caption cue could be read (is it a {fmt} file?)", source)
    return file


def language_of(file: CaptionFile) -> Language:
    return detect_language(" ".join(c.text for c in file.cues))


# --- the QC of a caption file -----------------------------------------------------------------


def _f(code: FindingCode, severity: Severity, cue: SourceCue, n: int, message: str) -> Finding:
    """A finding at a cue: its line, and its number as written (else its position)."""
    number = cue.number if cue.number.isdigit() else str(n)
    return Finding(code, severity, cue.line, f"cue {number}: {message}")


def check_captions(file: CaptionFile, style: CaptionStyle, fps: int = 25) -> list[Finding]:
    """Every defect of a caption file, at its cue (the line of its timing line): what could
    not be read, numbering, order, overlaps and gaps, durations, the frame grid at ``fps``,
    line length and count, reading speed, the line-break rules of the file's language, and
    dashes at line starts outside a dialogue cue."""
    language = language_of(file)
    out = list(file.findings)
    out += _sequence(file, style, fps)
    off_grid = []
    expected = 1
    for n, cue in enumerate(file.cues, start=1):
        out += _cue_defects(cue, n, style, language)
        if file.format == "srt" and cue.number != str(expected):
            out.append(
                _f(
                    FindingCode.CAPTION_NUMBERING,
                    Severity.WARNING,
                    cue,
                    n,
                    f"numbered {cue.number!r} after {expected - 1} (expected {expected})",
                )
            )
        expected = int(cue.number) + 1 if cue.number.isdigit() else expected + 1
        if any(frame_ms(to_frame(t, fps), fps) != t for t in (cue.start_ms, cue.end_ms)):
            off_grid.append(n)
    marked = [(n, cue) for n, cue in enumerate(file.cues, start=1) if cue.markup]
    if marked:
        tags = " ".join(dict.fromkeys(t for _, cue in marked for t in cue.markup))
        out.append(
            _f(
                FindingCode.CAPTION_MARKUP,
                Severity.INFO,
                marked[0][1],
                marked[0][0],
                f"{len(marked)} cue(s) hold markup ({tags}); re-breaking or converting leaves "
                "it out",
            )
        )
    if off_grid:
        first = file.cues[off_grid[0] - 1]
        out.append(
            _f(
                FindingCode.CAPTION_OFF_FRAME,
                Severity.INFO,
                first,
                off_grid[0],
                f"{len(off_grid)} cue(s) have times off the {fps} fps frame grid; re-breaking "
                "or converting at that frame rate puts them on frames",
            )
        )
    return sorted(out, key=lambda f: f.line)


def _sequence(file: CaptionFile, style: CaptionStyle, fps: int) -> list[Finding]:
    """Order, overlaps and gaps between consecutive cues."""
    out = []
    gap_ms = frame_ms(style.min_gap_frames, fps)
    for n, (prev, cue) in enumerate(pairwise(file.cues), start=2):
        if cue.start_ms < prev.start_ms:
            out.append(
                _f(
                    FindingCode.CAPTION_ORDER,
                    Severity.ERROR,
                    cue,
                    n,
                    f"starts at {vtt(cue.start_ms)}, before the cue above it "
                    f"({vtt(prev.start_ms)})",
                )
            )
        elif cue.start_ms < prev.end_ms:
            out.append(
                _f(
                    FindingCode.CAPTION_OVERLAP,
                    Severity.ERROR,
                    cue,
                    n,
                    f"starts at {vtt(cue.start_ms)}, while the cue above is still on screen "
                    f"(until {vtt(prev.end_ms)})",
                )
            )
        elif cue.start_ms - prev.end_ms < gap_ms and cue.start_ms != prev.end_ms:
            out.append(
                _f(
                    FindingCode.CAPTION_GAP,
                    Severity.WARNING,
                    cue,
                    n,
                    f"only {cue.start_ms - prev.end_ms} ms after the cue above (at least "
                    f"{gap_ms} ms, {style.min_gap_frames} frames, or none)",
                )
            )
    return out


def _cue_defects(cue: SourceCue, n: int, style: CaptionStyle, language: Language) -> list[Finding]:
    out: list[Finding] = []
    if not cue.lines:
        return [_f(FindingCode.CAPTION_EMPTY, Severity.ERROR, cue, n, "has no text")]
    duration = cue.end_ms - cue.start_ms
    if duration <= 0:
        return [
            _f(
                FindingCode.CAPTION_TIMESTAMP,
                Severity.ERROR,
                cue,
                n,
                f"ends ({vtt(cue.end_ms)}) before it starts ({vtt(cue.start_ms)})",
            )
        ]
    if duration < style.hard_min_duration_ms or duration > style.max_duration_ms:
        severity = Severity.ERROR if duration < style.hard_min_duration_ms else Severity.WARNING
        out.append(
            _f(
                FindingCode.CAPTION_DURATION,
                severity,
                cue,
                n,
                f"on screen {duration} ms (at least {style.hard_min_duration_ms}, at most "
                f"{style.max_duration_ms})",
            )
        )
    elif duration < style.min_duration_ms:
        out.append(
            _f(
                FindingCode.CAPTION_DURATION,
                Severity.WARNING,
                cue,
                n,
                f"on screen {duration} ms (aim for {style.min_duration_ms} or more)",
            )
        )
    if len(cue.lines) > style.max_lines:
        out.append(
            _f(
                FindingCode.TOO_MANY_LINES,
                Severity.ERROR,
                cue,
                n,
                f"{len(cue.lines)} lines (at most {style.max_lines})",
            )
        )
    for k, line in enumerate(cue.lines, start=1):
        if len(line) > style.max_chars:
            out.append(
                _f(
                    FindingCode.LINE_TOO_LONG,
                    Severity.ERROR,
                    cue,
                    n,
                    f"line {k} has {len(line)} characters (at most {style.max_chars}): "
                    f"{line[:50]!r}",
                )
            )
    as_cue = Cue(cue.start_ms, cue.end_ms, cue.lines, 0, cue.line)
    for f in cue_findings([as_cue], style):
        number = cue.number if cue.number.isdigit() else str(n)
        out.append(replace(f, message=f"cue {number}: {f.message}"))
    out += _break_defects(cue, n, language)
    return out


def _dialogue(cue: SourceCue) -> bool:
    """Every line opens with a dash, or the lines have different voices: two speakers."""
    if len(cue.lines) > 1 and all(ln[:1] in DASHES for ln in cue.lines):
        return True
    return len(set(cue.voices)) > 1


def _break_defects(cue: SourceCue, n: int, language: Language) -> list[Finding]:
    """A line break that ends a line with a preposition, starts one with a postposition, or
    cuts a phrase; a dash starting a line inside one speaker's cue."""
    out: list[Finding] = []
    if _dialogue(cue):
        return out
    for k, line in enumerate(cue.lines[1:], start=2):
        if line[:1] in DASHES:
            out.append(
                _f(
                    FindingCode.DASH_LINE_START,
                    Severity.WARNING,
                    cue,
                    n,
                    f"line {k} starts with a dash inside one speaker's cue (it reads as a "
                    "change of speaker)",
                )
            )
    words = [w for ln in cue.lines for w in ln.split()]
    costs = gap_costs(words, language)
    at = 0
    for k, line in enumerate(cue.lines[:-1], start=1):
        at += len(line.split())
        if not 0 < at < len(words):
            continue
        cost = costs[at - 1]
        if cost >= PHRASE_SPLIT:
            what = "breaks a line-break rule" if cost >= ILLEGAL else "cuts a phrase"
            out.append(
                _f(
                    FindingCode.LINE_BREAK,
                    Severity.WARNING,
                    cue,
                    n,
                    f"the break after line {k} {what}: '{words[at - 1]} / {words[at]}'",
                )
            )
    return out


# --- re-breaking: every word kept, each word at the time it had -------------------------------


@dataclass(frozen=True, slots=True)
class _Turn:
    """One voice's run of words, each with its time (ms) in the source file."""

    speaker: Speaker | None
    words: tuple[str, ...]
    times: tuple[tuple[int, int], ...]
    line: int


def _word_times(cue: SourceCue, words: Sequence[str]) -> list[tuple[int, int]]:
    """The cue's time shared out over its words by syllables."""
    weights = [syllables(w) for w in words]
    total = sum(weights) or 1
    bounds = [cue.start_ms + (cue.end_ms - cue.start_ms) * c // total for c in accumulate(weights)]
    starts = [cue.start_ms, *bounds[:-1]]
    return [(s, max(e, s + 1)) for s, e in zip(starts, bounds, strict=True)]


def _turns(file: CaptionFile) -> list[_Turn]:
    """The cues as runs of one voice: a new run at each change of voice (WebVTT ``<v>``) and
    at each line that opens with a dash (a change of speaker in SubRip: an unnamed speaker
    of its own, so the dialogue rules see two voices)."""
    turns: list[_Turn] = []
    speakers: dict[str, Speaker] = {}
    current: Speaker | None = None
    dashes = 0
    for cue in file.cues:
        if cue.end_ms <= cue.start_ms:
            raise InputError("a cue ends before it starts", file.source, cue.line)
        for k, line in enumerate(cue.lines):
            words = line.split()
            times = _word_times(cue, words)
            voice = cue.voices[k] if cue.voices else None
            dash = words[0] in DASHES
            if dash:
                words, times = words[1:], times[1:]
            if voice is not None:
                speaker: Speaker | None = speakers.setdefault(voice, Speaker(voice, None))
            elif dash:
                dashes += 1
                speaker = Speaker(None, f"speaker {dashes}")
            else:
                speaker = current if not cue.voices else None
            if not words:
                continue
            if turns and speaker == current and not dash:
                last = turns[-1]
                turns[-1] = replace(
                    last, words=last.words + tuple(words), times=last.times + tuple(times)
                )
            else:
                turns.append(_Turn(speaker, tuple(words), tuple(times), cue.line))
            current = speaker
    return turns


def rebreak(
    file: CaptionFile, style: CaptionStyle, fps: int = 25, keep_cues: bool = False
) -> tuple[Cue, ...]:
    """The file's words as cues cut and broken by our rules, each word at the time it had
    (``keep_cues``: the same cues, only their lines re-broken). Every word is kept, letter
    for letter; typography is left as it is."""
    style = replace(style, typography=False)
    language = language_of(file)
    if keep_cues:
        return tuple(
            _rebroken(cue, i, style, language, file.source) for i, cue in enumerate(file.cues)
        )
    turns = _turns(file)
    segments = tuple(
        Segment(
            SegmentKind.SYNC if t.speaker else SegmentKind.VOICEOVER,
            (" ".join(t.words),),
            t.line,
            t.speaker,
        )
        for t in turns
    )
    script = Script(segments, language, file.source)
    timed, word_times = [], []
    for i, (seg, turn) in enumerate(zip(segments, turns, strict=True)):
        sents = sentences(seg.paragraphs[0])
        if [w for s in sents for w in s.split()] != list(turn.words):
            sents = (seg.paragraphs[0],)  # razdel moved a word boundary: one sentence
        start, end = turn.times[0][0], turn.times[-1][1]
        timed.append(TimedSegment(seg, i, start, max(end, start + 1), sents))
        word_times.append(turn.times)
    timeline = Timeline(script, tuple(timed), fps)
    labels = (
        SpeakerLabels.DASH
        if any(t.speaker and not t.speaker.name for t in turns)
        else (SpeakerLabels.NONE)
    )
    try:
        return build_cues(timeline, style, labels, word_times=word_times)
    except OptionsError:
        raise InputError(
            "the cues follow each other too closely to re-cut at "
            f"{style.hard_min_duration_ms} ms a cue; keep the cues and re-break only their "
            "lines",
            file.source,
        ) from None


def _rebroken(cue: SourceCue, i: int, style: CaptionStyle, language: Language, source: str) -> Cue:
    if _dialogue(cue) or not cue.lines:
        return Cue(
            cue.start_ms, max(cue.end_ms, cue.start_ms + 1), cue.lines or ("…",), i, cue.line
        )
    words = [w for ln in cue.lines for w in ln.split()]
    lines = break_lines(words, style, language=language)
    if not fits(words, style):
        lines = break_lines(words, replace(style, max_lines=3), language=language)
    return Cue(cue.start_ms, cue.end_ms, lines, i, cue.line)


# --- converting: the same cues in another format, shifted and on frames ------------------------


def as_cues(file: CaptionFile) -> tuple[Cue, ...]:
    """The file's cues as ours: a voice on every line (WebVTT) becomes the cue's speaker, two
    voices a dialogue cue (each line opened with a dash for SubRip). Raises ``InputError``
    for a cue with no text or one that ends before it starts."""
    out = []
    for i, cue in enumerate(file.cues):
        if not cue.lines or cue.end_ms <= cue.start_ms:
            what = "has no text" if not cue.lines else "ends before it starts"
            raise InputError(f"cue {i + 1} {what}", file.source, cue.line)
        speaker: Speaker | None = None
        voices: tuple[Speaker | None, ...] = ()
        lines = cue.lines
        # two voiced lines that each open with a dash are two turns, even of one name
        turns = len(cue.lines) > 1 and all(ln[:1] in DASHES for ln in cue.lines)
        if cue.voices and len(set(cue.voices)) == 1 and cue.voices[0] and not turns:
            speaker = Speaker(cue.voices[0], None)
        elif cue.voices and (len(set(cue.voices)) > 1 or turns):
            voices = tuple(Speaker(v, None) if v else None for v in cue.voices)
            lines = tuple(ln if ln[:1] in DASHES else f"{DIALOGUE_DASH} {ln}" for ln in cue.lines)
        out.append(Cue(cue.start_ms, cue.end_ms, lines, i, cue.line, speaker, cue.top, voices))
    return tuple(out)


def retimed(cues: Sequence[Cue], shift_ms: int = 0, fps: int | None = None) -> tuple[Cue, ...]:
    """Cues moved by ``shift_ms`` (negative: earlier) and, with ``fps``, put on its frame
    grid (in-times to the nearest frame, out-times down). Raises ``InputError``-free
    ``ValueError`` when a cue would start before zero."""
    out = []
    for cue in cues:
        start, end = cue.start_ms + shift_ms, cue.end_ms + shift_ms
        if start < 0:
            raise ValueError(f"the shift moves the cue at {vtt(cue.start_ms)} before zero")
        if fps is not None:
            start = frame_ms(to_frame(start, fps), fps)
            end = max(frame_ms(floor_frame(end, fps), fps), start + frame_ms(1, fps))
        out.append(replace(cue, start_ms=start, end_ms=end))
    return tuple(out)
