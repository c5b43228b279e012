"""The broadcast timing rules for cues, in frames: no overlaps, 1-7 s on screen (never
under 21 frames), gaps of at least 2 frames (a change of voice keeps its pause), gaps of 3-12
frames closed to 2, and reading-speed relief from neighbours. Pure functions on lists of
frame numbers, changed in place where said."""

from __future__ import annotations

from dataclasses import dataclass

from kztranscript.style import CaptionStyle


def fit(
    starts: list[int],
    ends: list[int],
    hard_start: list[bool],
    gaps: list[int],
    hard_end: int | None,
    first_frame: int,
    fps: int,
    style: CaptionStyle,
    min_ms: int,
) -> tuple[list[int], list[int]] | None:
    """Apply the timing rules in frames; None when they cannot all hold. ``gaps[i]`` is the
    least gap in frames between cue i-1 and cue i (``gaps[0]`` is not used)."""
    n = len(starts)
    s, e = list(starts), list(ends)
    min_f = -(-min_ms * fps // 1000)  # ceil: 1000 ms → 25 frames, 840 ms → 21
    max_f = style.max_duration_ms * fps // 1000
    # Forward: no overlap, minimum and maximum duration.
    for i in range(n):
        if i and not hard_start[i]:
            s[i] = max(s[i], e[i - 1] + gaps[i])
        e[i] = min(max(e[i], s[i] + min_f), s[i] + max_f)
    # Backward: respect what comes next (a later cue, an anchor, the fixed end).
    for i in range(n - 1, -1, -1):
        limit = s[i + 1] - gaps[i + 1] if i + 1 < n else hard_end
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
        if s[i] < e[i - 1] + gaps[i]:
            if hard_start[i]:
                e[i - 1] = s[i] - gaps[i]
                if e[i - 1] - s[i - 1] < min_f:
                    return None
            else:
                return None
    close_gaps(s, e, gaps, style, fps)
    return s, e


def close_gaps(s: list[int], e: list[int], gaps: list[int], style: CaptionStyle, fps: int) -> None:
    """Close short gaps (3-12 frames) to the minimum where the cue before may grow, in place.
    A change of voice keeps its pause (``gaps[i]`` over the minimum)."""
    max_f = style.max_duration_ms * fps // 1000
    for i in range(1, len(s)):
        gap = gaps[i]
        if gap > style.min_gap_frames:
            continue
        g = s[i] - e[i - 1]
        if gap < g <= style.close_gap_frames and s[i] - gap - s[i - 1] <= max_f:
            e[i - 1] = s[i] - gap


def balance(
    s: list[int],
    e: list[int],
    chars: list[int],
    segs: list[int],
    hard_start: list[bool],
    gaps: list[int],
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
    if style.aim_cps <= 0:
        return
    b = _Balance(s, e, chars, segs, hard_start, gaps, hard_end, fps, style)
    for i in range(len(s)):
        short = b.frames_at(style.aim_cps, i) - (e[i] - s[i])
        if short <= 0:
            continue
        short = b.grow_into_gap(i, short)
        if move_starts:
            b.take_from_neighbours(i, short)


@dataclass(slots=True)
class _Balance:
    """The cue frames ``balance`` works on, and the three ways a cue gets more time."""

    s: list[int]
    e: list[int]
    chars: list[int]
    segs: list[int]
    hard_start: list[bool]
    gaps: list[int]
    hard_end: int | None
    fps: int
    style: CaptionStyle

    def frames_at(self, cps: float, i: int) -> int:
        """Frames cue i needs to read at ``cps`` characters a second (ceil)."""
        return -(-self.chars[i] * self.fps // int(cps)) if cps else 0

    def room(self, i: int) -> int:
        """How much longer cue i may get (the maximum duration)."""
        return self.style.max_duration_ms * self.fps // 1000 - (self.e[i] - self.s[i])

    def spare(self, i: int) -> int:
        """Frames cue i can give away and still read at the aim for its minimum duration."""
        min_f = -(-self.style.min_duration_ms * self.fps // 1000)
        return (self.e[i] - self.s[i]) - max(self.frames_at(self.style.aim_cps, i), min_f)

    def grow_into_gap(self, i: int, short: int) -> int:
        """Grow cue i into the gap after it (and, read too fast, into a change of voice's
        pause down to the cue gap); the frames still short."""
        s, e, n, gaps, style = self.s, self.e, len(self.s), self.gaps, self.style
        if i + 1 < n:
            take = min(short, s[i + 1] - gaps[i + 1] - e[i], self.room(i))
        else:
            take = min(short, self.room(i)) if self.hard_end is None else 0
        if take > 0:
            e[i] += take
            short -= take
        fast = self.frames_at(style.warn_cps, i) - (e[i] - s[i])
        if fast > 0 and i + 1 < n and gaps[i + 1] > style.min_gap_frames:
            take = min(fast, s[i + 1] - style.min_gap_frames - e[i], self.room(i))
            if take > 0:
                e[i] += take
                short -= take
        return short

    def take_from_neighbours(self, i: int, short: int) -> None:
        """Push the next cue of the same segment later, then start earlier by taking from
        the previous one."""
        s, e, segs = self.s, self.e, self.segs
        if short > 0 and i + 1 < len(s) and segs[i + 1] == segs[i] and not self.hard_start[i + 1]:
            take = min(short, self.spare(i + 1), self.room(i))
            if take > 0:
                s[i + 1] += take
                e[i] += take
                short -= take
        if short > 0 and i > 0 and segs[i - 1] == segs[i] and not self.hard_start[i]:
            take = min(short, self.spare(i - 1), self.room(i))
            if take > 0:
                e[i - 1] -= take
                s[i] -= take
