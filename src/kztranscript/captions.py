"""``Timeline`` → cues: sentences, cue-sized chunks, lines, and broadcast timing rules.

Each segment's sentences (razdel) are cut into chunks that fit one cue, preferring clause
boundaries; each chunk is laid out by ``linebreak``. Cue times share out the segment's time by
syllables, then snap to frames (in-times to the nearest frame, out-times down) and meet the
rules: duration ≥ 1 s (never < 21 frames), ≤ 7 s; gaps ≥ 2 frames, gaps of 3–12 frames closed
to 2; no overlaps; inline anchors and ``--duration`` hit to the frame.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from kztranscript.errors import UsageError
from kztranscript.linebreak import CaptionStyle, boundary_cost, break_lines, fits
from kztranscript.model import Cue, Finding, Severity, Speaker, Timeline
from kztranscript.timecode import floor_frame, frame_ms, to_frame, vtt
from kztranscript.timing import sentences, syllables

CUE_COST = 100.0  # prefer fewer cues…
SLACK_WEIGHT = 0.05  # …of even length


class SpeakerLabels(StrEnum):
    """How SRT marks speakers (WebVTT always uses ``<v Name>``)."""

    NONE = "none"
    NAME = "name"  # "Имя Фамилия: " before the first cue of each marked segment
    DASH = "dash"  # "- " before the first cue after each speaker change


@dataclass(frozen=True, slots=True)
class _Chunk:
    words: tuple[str, ...]
    syllables: int
    sentence_end: bool


def chunk_sentence(words: Sequence[str], style: CaptionStyle) -> list[tuple[str, ...]]:
    """Cut one sentence into the fewest, most natural cue-sized pieces.

    Dynamic programming over cut points: each piece must fit a cue; a cut costs what the
    line-break rules say of that boundary, and uneven pieces cost a little.
    """
    n = len(words)
    if fits(words, style):
        return [tuple(words)]
    cap = style.max_chars * style.max_lines
    limit, max_lines = style.max_chars, style.max_lines
    inf = float("inf")
    best: list[float] = [inf] * (n + 1)
    prev = [0] * (n + 1)
    best[0] = 0.0
    lengths = [len(w) for w in words]
    prefix = [0]
    for size in lengths:
        prefix.append(prefix[-1] + size + 1)
    for j in range(n):
        if best[j] == inf:
            continue
        # Extend the piece words[j:k] one word at a time, filling lines greedily (as fits()).
        lines, line_width, width = 1, 0, -1
        for k in range(j + 1, n + 1):
            size = lengths[k - 1]
            width += size + 1
            if line_width == 0:
                line_width = size
            elif line_width + 1 + size <= limit:
                line_width += 1 + size
            else:
                lines += 1
                line_width = size
            if lines > max_lines:
                break
            cost = best[j] + CUE_COST + SLACK_WEIGHT * (cap - min(width, cap)) ** 2 / 10
            if lines > 1 and not _has_legal_break(words, prefix, j, k, limit):
                cost += 800  # every layout of this piece would break a line-break rule
            if k < n:
                cost += boundary_cost(words[k - 1], words[k], False)
            if cost < best[k]:
                best[k] = cost
                prev[k] = j
    cuts = [n]
    while cuts[-1] > 0:
        cuts.append(prev[cuts[-1]])
    cuts.reverse()
    return [tuple(words[a:b]) for a, b in itertools.pairwise(cuts)]


def _has_legal_break(words: Sequence[str], prefix: list[int], j: int, k: int, limit: int) -> bool:
    """Whether words[j:k] splits into two lines ≤ ``limit`` at a cut no rule forbids."""
    for c in range(k - 1, j, -1):
        top = prefix[c] - prefix[j] - 1
        bottom = prefix[k] - prefix[c] - 1
        if bottom > limit:
            break
        if top <= limit and boundary_cost(words[c - 1], words[c], False) < 500:
            return True
    return False


def _label(speaker: Speaker | None, mode: SpeakerLabels, changed: bool) -> list[str]:
    if mode is SpeakerLabels.NAME and speaker is not None and speaker.name:
        return f"{speaker.name}:".split()
    if mode is SpeakerLabels.DASH and changed:
        return ["-"]
    return []


def _segment_chunks(
    paragraphs: Sequence[str], style: CaptionStyle, label: list[str]
) -> list[_Chunk]:
    chunks: list[_Chunk] = []
    first = True
    for para in paragraphs:
        for sent in sentences(para):
            words = sent.split()
            if not words:
                continue
            if first and label:
                words = [*label, *words]
            first = False
            pieces = chunk_sentence(words, style)
            for i, piece in enumerate(pieces):
                chunks.append(_Chunk(piece, syllables(" ".join(piece)), i == len(pieces) - 1))
    return chunks


def build_cues(
    timeline: Timeline,
    style: CaptionStyle | None = None,
    labels: SpeakerLabels = SpeakerLabels.NONE,
    end_ms: int | None = None,
) -> tuple[Cue, ...]:
    """Cues for every spoken segment of the timeline.

    ``end_ms`` (from ``--duration``) makes the last cue end exactly there. Raises
    ``UsageError`` when the time available cannot hold the cues at 21 frames each.
    """
    style = style or CaptionStyle()
    fps = timeline.fps
    raw: list[tuple[float, float, tuple[str, ...], int]] = []  # start, end, words, segment
    hard_start: list[bool] = []
    last_speaker: object = object()
    for ts in timeline.segments:
        seg = ts.segment
        speaker_key = (seg.speaker.name, seg.speaker.title) if seg.speaker else None
        changed = speaker_key != last_speaker and raw != []
        last_speaker = speaker_key
        label = _label(seg.speaker, labels, changed)
        chunks = _segment_chunks(seg.paragraphs, style, label)
        weights = [c.syllables + (1.4 if c.sentence_end else 0.0) for c in chunks]
        # The pause after the segment's last sentence is outside the segment already.
        weights[-1] -= 1.4 if chunks[-1].sentence_end else 0.0
        total = sum(weights) or 1.0
        span = ts.end_ms - ts.start_ms
        t = float(ts.start_ms)
        for i, (chunk, weight) in enumerate(zip(chunks, weights, strict=True)):
            speak = chunk.syllables / total * span
            raw.append((t, t + speak, chunk.words, ts.index))
            hard_start.append(i == 0 and seg.anchor_ms is not None)
            t += weight / total * span

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
        raise UsageError(
            f"the time available cannot hold {len(raw)} cues of at least "
            f"{style.hard_min_duration_ms} ms each; give a longer --duration or check the "
            "inline timecodes"
        )
    s_f, e_f = fitted
    script = timeline.script
    cues = []
    for (_, _, words, seg_index), s, e in zip(raw, s_f, e_f, strict=True):
        seg = script.segments[seg_index]
        cues.append(
            Cue(
                frame_ms(s, fps),
                frame_ms(e, fps),
                break_lines(words, style),
                seg_index,
                seg.line,
                seg.speaker,
            )
        )
    return tuple(cues)


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
    # Close short gaps (3-12 frames) to the minimum, if the cue may grow.
    for i in range(1, n):
        g = s[i] - e[i - 1]
        if gap < g <= style.close_gap_frames and s[i] - gap - s[i - 1] <= max_f:
            e[i - 1] = s[i] - gap
    return s, e


def cue_findings(cues: Sequence[Cue], style: CaptionStyle) -> list[Finding]:
    """Reading speed per cue: warning over ``warn_cps``, error over ``error_cps``."""
    out = []
    for cue in cues:
        cps = cue.cps
        if cps > style.warn_cps:
            severity = Severity.ERROR if cps > style.error_cps else Severity.WARNING
            out.append(
                Finding(
                    "reading-speed",
                    severity,
                    cue.line,
                    f"cue at {vtt(cue.start_ms)} reads at {cps:.1f} characters/s "
                    f"(limit {style.warn_cps:g}); shorten the text or give it more time",
                )
            )
    return out
