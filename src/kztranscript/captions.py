"""``Timeline`` → cues: sentences, cue-sized chunks, lines, and broadcast timing rules.

Each segment's sentences (razdel) are cut into chunks that fit one cue, preferring clause
boundaries; each chunk is laid out by ``linebreak``. Cue times share out the segment's time by
syllables, then snap to frames (in-times to the nearest frame, out-times down) and meet the
rules: duration ≥ 1 s (never < 21 frames), ≤ 7 s; gaps ≥ 2 frames, gaps of 3–12 frames closed
to 2; no overlaps; inline anchors and ``--duration`` hit to the frame.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from kztranscript.chunking import chunk_sentence
from kztranscript.cohesion import phrase_costs
from kztranscript.errors import OptionsError
from kztranscript.lexicon import passage_language
from kztranscript.linebreak import break_lines, gap_costs, language_matters
from kztranscript.model import Cue, Finding, FindingCode, Language, Severity, Speaker, Timeline
from kztranscript.style import CaptionStyle
from kztranscript.timecode import floor_frame, frame_ms, to_frame, vtt
from kztranscript.timing import sentences, syllables

MEASURED_END_PAD_MS = 100  # word ends mapped from audio come out early
LABEL_GLUE = 10_000  # a speaker label is never a cue or a line of its own
CUE_PHRASE_EXTRA = 0.5  # a phrase cut at a cue boundary costs half as much again


class SpeakerLabels(StrEnum):
    """How SRT marks speakers (WebVTT always uses ``<v Name>``)."""

    NONE = "none"
    NAME = "name"  # "Имя Фамилия: " before the first cue of each marked segment
    DASH = "dash"  # "- " before the first cue after each speaker change


@dataclass(frozen=True, slots=True)
class _Chunk:
    words: tuple[str, ...]
    costs: tuple[float, ...]  # linebreak.gap_costs between the words
    syllables: int
    sentence_end: bool
    first_word: int  # spoken-word indices in the segment (for measured word times)
    last_word: int


def _label(speaker: Speaker | None, mode: SpeakerLabels, changed: bool) -> list[str]:
    if mode is SpeakerLabels.NAME and speaker is not None and speaker.name:
        return f"{speaker.name}:".split()
    if mode is SpeakerLabels.DASH and changed:
        return ["-"]
    return []


def _segment_chunks(
    sents: Sequence[str], style: CaptionStyle, label: list[str], language: Language
) -> list[_Chunk]:
    chunks: list[_Chunk] = []
    first = True
    spoken = 0  # index of the chunk's first spoken word in the segment (labels are not spoken)
    for sent in sents:
        words = sent.split()
        if not words:
            continue
        labelled = bool(first and label)
        if labelled:
            words = [*label, *words]
        first = False
        phrase = phrase_costs(words, language)
        costs = gap_costs(words, language, phrase=phrase)
        if labelled:
            costs[len(label) - 1] += LABEL_GLUE
        # a phrase cut between two cues is worse than one cut between two lines of a cue: the
        # reader never sees its halves together
        cue_costs = [c + CUE_PHRASE_EXTRA * p for c, p in zip(costs, phrase, strict=True)]
        pieces = chunk_sentence(words, style, costs, cue_costs=cue_costs)
        at = 0
        for i, piece in enumerate(pieces):
            n_label = len(label) if labelled and i == 0 else 0
            n_spoken = len(piece) - n_label
            chunks.append(
                _Chunk(
                    piece,
                    tuple(costs[at : at + len(piece) - 1]),
                    syllables(sent)
                    if len(pieces) == 1 and not labelled
                    else syllables(" ".join(piece)),
                    i == len(pieces) - 1,
                    spoken,
                    spoken + max(n_spoken, 1) - 1,
                )
            )
            spoken += n_spoken
            at += len(piece)
    return chunks


_Raw = tuple[float, float, _Chunk, int]  # start ms, end ms, chunk, segment index


def _raw_times(
    timeline: Timeline,
    style: CaptionStyle,
    labels: SpeakerLabels,
    word_times: Sequence[Sequence[tuple[int, int]]] | None,
) -> tuple[list[_Raw], list[bool]]:
    """Every chunk of every segment with its unfitted time, and whether its start is hard
    (an inline timecode)."""
    raw: list[_Raw] = []
    hard_start: list[bool] = []
    last_speaker: object = object()
    for ts in timeline.segments:
        seg = ts.segment
        identity = seg.speaker.identity if seg.speaker else None
        changed = identity != last_speaker and raw != []
        last_speaker = identity
        label = _label(seg.speaker, labels, changed)
        sents = ts.sentences or tuple(x for p in seg.paragraphs for x in sentences(p))
        language = timeline.script.language
        if language_matters(seg.text.split()):  # a Russian sync in a Kazakh package
            language = passage_language(seg.text, language)
        chunks = _segment_chunks(sents, style, label, language)
        if word_times is not None:
            times = word_times[ts.index]
            for chunk in chunks:
                first = times[min(chunk.first_word, len(times) - 1)]
                last = times[min(chunk.last_word, len(times) - 1)]
                raw.append((first[0], last[1] + MEASURED_END_PAD_MS, chunk, ts.index))
                hard_start.append(False)
            continue
        weights = [c.syllables + (1.4 if c.sentence_end else 0.0) for c in chunks]
        # The pause after the segment's last sentence is outside the segment already.
        weights[-1] -= 1.4 if chunks[-1].sentence_end else 0.0
        total = sum(weights) or 1.0
        span = ts.end_ms - ts.start_ms
        t = float(ts.start_ms)
        for i, (chunk, weight) in enumerate(zip(chunks, weights, strict=True)):
            speak = chunk.syllables / total * span
            raw.append((t, t + speak, chunk, ts.index))
            hard_start.append(i == 0 and seg.anchor_ms is not None)
            t += weight / total * span
    return raw, hard_start


def build_cues(
    timeline: Timeline,
    style: CaptionStyle | None = None,
    labels: SpeakerLabels = SpeakerLabels.NONE,
    end_ms: int | None = None,
    word_times: Sequence[Sequence[tuple[int, int]]] | None = None,
) -> tuple[Cue, ...]:
    """Cues for every spoken segment of the timeline.

    ``end_ms`` (the package's known end) makes the last cue end exactly there.
    ``word_times`` (from audio alignment: per segment, per word, start and end ms) times each
    cue from its first and last word instead of sharing out the segment. Raises
    ``OptionsError`` (option ``duration``) when the time available cannot hold the cues at
    21 frames each.
    """
    style = style or CaptionStyle()
    fps = timeline.fps
    raw, hard_start = _raw_times(timeline, style, labels, word_times)
    starts = [to_frame(round(s), fps) for s, _, _, _ in raw]
    ends = [
        max(floor_frame(round(e), fps), st + 1)
        for (_, e, _, _), st in zip(raw, starts, strict=True)
    ]
    hard_end = floor_frame(end_ms, fps) if end_ms is not None else None
    first_frame = to_frame(timeline.segments[0].start_ms, fps) if timeline.segments else 0
    for min_ms in (style.min_duration_ms, style.hard_min_duration_ms):
        fitted = _fit(starts, ends, hard_start, hard_end, first_frame, fps, style, min_ms)
        if fitted is not None:
            break
    else:
        raise OptionsError(
            f"the time available cannot hold {len(raw)} cues of at least "
            f"{style.hard_min_duration_ms} ms each; give the package a longer duration or "
            "check the inline timecodes",
            option="duration",
        )
    s_f, e_f = fitted
    chars = [len(" ".join(chunk.words)) for _, _, chunk, _ in raw]
    segs_of = [seg for _, _, _, seg in raw]
    # Measured starts are where the speech starts: reading-speed relief may only lengthen.
    _balance(s_f, e_f, chars, segs_of, hard_start, hard_end, fps, style, word_times is None)
    _close_gaps(s_f, e_f, style, fps)  # growing into a gap can leave a short one
    segments = timeline.script.segments
    return tuple(
        Cue(
            frame_ms(s, fps),
            frame_ms(e, fps),
            break_lines(chunk.words, style, costs=chunk.costs),
            seg_index,
            segments[seg_index].line,
            segments[seg_index].speaker,
        )
        for (_, _, chunk, seg_index), s, e in zip(raw, s_f, e_f, strict=True)
    )


def _fit(
    starts: list[int],
    ends: list[int],
    hard_start: list[bool],
    hard_end: int | None,
    first_frame: int,
    fps: int,
    style: CaptionStyle,
    min_ms: int,
) -> tuple[list[int], list[int]] | None:
    """Apply the timing rules in frames; None when they cannot all hold."""
    n = len(starts)
    s, e = list(starts), list(ends)
    gap = style.min_gap_frames
    min_f = -(-min_ms * fps // 1000)  # ceil: 1000 ms → 25 frames, 840 ms → 21
    max_f = style.max_duration_ms * fps // 1000
    # Forward: no overlap, minimum and maximum duration.
    for i in range(n):
        if i and not hard_start[i]:
            s[i] = max(s[i], e[i - 1] + gap)
        e[i] = min(max(e[i], s[i] + min_f), s[i] + max_f)
    # Backward: respect what comes next (a later cue, an anchor, the fixed end).
    for i in range(n - 1, -1, -1):
        limit = s[i + 1] - gap if i + 1 < n else hard_end
        if i == n - 1 and hard_end is not None:
            e[i] = hard_end
            s[i] = max(s[i], e[i] - max_f)
        elif limit is not None and e[i] > limit:
            e[i] = limit
        if e[i] - s[i] < min_f and not hard_start[i]:
            s[i] = e[i] - min_f
        if e[i] - s[i] < min_f:
            return None
        if i == 0 and s[i] < first_frame:
            return None
    for i in range(1, n):
        if s[i] < e[i - 1] + gap:
            if hard_start[i]:
                e[i - 1] = s[i] - gap
                if e[i - 1] - s[i - 1] < min_f:
                    return None
            else:
                return None
    _close_gaps(s, e, style, fps)
    return s, e


def _close_gaps(s: list[int], e: list[int], style: CaptionStyle, fps: int) -> None:
    """Close short gaps (3-12 frames) to the minimum where the cue before may grow, in place."""
    gap = style.min_gap_frames
    max_f = style.max_duration_ms * fps // 1000
    for i in range(1, len(s)):
        g = s[i] - e[i - 1]
        if gap < g <= style.close_gap_frames and s[i] - gap - s[i - 1] <= max_f:
            e[i - 1] = s[i] - gap


def _balance(
    s: list[int],
    e: list[int],
    chars: list[int],
    segs: list[int],
    hard_start: list[bool],
    hard_end: int | None,
    fps: int,
    style: CaptionStyle,
    move_starts: bool = True,
) -> None:
    """Give cues that read faster than ``aim_cps`` time from their neighbours, in place.

    A fast cue first grows into the gap after it, then takes frames from the next and the
    previous cue of the same segment, as long as those stay at or under the aim themselves,
    at least the minimum duration, and every gap stays at least the minimum.
    """
    n = len(s)
    gap = style.min_gap_frames
    min_f = -(-style.min_duration_ms * fps // 1000)
    max_f = style.max_duration_ms * fps // 1000

    def need(i: int) -> int:
        """Frames cue i needs to read at the aim speed (ceil)."""
        return -(-chars[i] * fps // int(style.aim_cps)) if style.aim_cps else 0

    def spare(i: int) -> int:
        return (e[i] - s[i]) - max(need(i), min_f)

    for i in range(n):
        short = need(i) - (e[i] - s[i])
        if short <= 0 or style.aim_cps <= 0:
            continue
        room_max = max_f - (e[i] - s[i])
        # 1. grow into the gap after the cue
        if i + 1 < n:
            take = min(short, s[i + 1] - gap - e[i], room_max)
        elif hard_end is None:
            take = min(short, room_max)
        else:
            take = 0
        if take > 0:
            e[i] += take
            short -= take
            room_max -= take
        if not move_starts:
            continue
        # 2. push the next cue of the same segment later
        if short > 0 and i + 1 < n and segs[i + 1] == segs[i] and not hard_start[i + 1]:
            take = min(short, spare(i + 1), room_max)
            if take > 0:
                s[i + 1] += take
                e[i] += take
                short -= take
                room_max -= take
        # 3. start earlier, taking from the previous cue of the same segment
        if short > 0 and i > 0 and segs[i - 1] == segs[i] and not hard_start[i]:
            take = min(short, spare(i - 1), room_max)
            if take > 0:
                e[i - 1] -= take
                s[i] -= take


def cue_findings(cues: Sequence[Cue], style: CaptionStyle) -> list[Finding]:
    """Reading speed per cue: warning over ``warn_cps``, error over ``error_cps``."""
    out = []
    for cue in cues:
        cps = cue.cps
        if cps > style.warn_cps:
            severity = Severity.ERROR if cps > style.error_cps else Severity.WARNING
            out.append(
                Finding(
                    FindingCode.READING_SPEED,
                    severity,
                    cue.source_line,
                    f"cue at {vtt(cue.start_ms)} reads at {cps:.1f} characters/s "
                    f"(limit {style.warn_cps:g}); shorten the text or give it more time",
                )
            )
    return out
