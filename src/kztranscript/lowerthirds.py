"""``Timeline`` → lower-third items (DESIGN.md, Lower-thirds).

One item per named on-camera speaker (stand-up or sync) at first appearance, or at every
appearance on request: in = segment start + 1.0 s, 5.0 s on screen, at least 3.0 s, out no
later than segment end − 0.2 s; all on frames. Name and title exactly as written. A segment
too short for a 3-second graphic gets no item and a finding instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from kztranscript.model import (
    Cue,
    Direction,
    Finding,
    FindingCode,
    LowerThird,
    SegmentKind,
    Severity,
    Speaker,
    Timeline,
)
from kztranscript.speakers import same_person
from kztranscript.timecode import floor_frame, frame_ms, to_frame


@dataclass(frozen=True, slots=True)
class LowerThirdRules:
    delay_ms: int = 1000
    duration_ms: int = 5000
    min_duration_ms: int = 3000
    end_margin_ms: int = 200
    every_appearance: bool = False
    upper: bool = False  # --case upper, for templates without caps styling


ON_CAMERA = (SegmentKind.STANDUP, SegmentKind.SYNC)


def build_lower_thirds(
    timeline: Timeline, rules: LowerThirdRules | None = None
) -> tuple[tuple[LowerThird, ...], tuple[Finding, ...]]:
    """Lower-thirds for the timeline, and findings for speakers who get none."""
    rules = rules or LowerThirdRules()
    fps = timeline.fps
    items: list[LowerThird] = []
    findings: list[Finding] = []
    seen: set[tuple[str | None, str | None]] = set()
    for ts in timeline.segments:
        seg = ts.segment
        sp = seg.speaker
        if seg.kind not in ON_CAMERA or sp is None or not sp.name:
            continue
        key = sp.identity
        if key in seen and not rules.every_appearance:
            continue
        seen.add(key)
        start = frame_ms(to_frame(ts.start_ms + rules.delay_ms, fps), fps)
        latest = frame_ms(floor_frame(ts.end_ms - rules.end_margin_ms, fps), fps)
        end = min(frame_ms(to_frame(start + rules.duration_ms, fps), fps), latest)
        if end - start < rules.min_duration_ms:
            findings.append(
                Finding(
                    FindingCode.LOWER_THIRD_NO_ROOM,
                    Severity.WARNING,
                    seg.line,
                    f"the {seg.kind.value} of {sp.name} is too short for a "
                    f"{rules.min_duration_ms / 1000:g}-second lower-third; none was made",
                )
            )
            if not rules.every_appearance:
                seen.discard(key)  # try again at the speaker's next appearance
            continue
        name, title = _on_screen(sp, timeline.script.directions)
        if rules.upper:
            name, title = name.upper(), title.upper()
        items.append(
            LowerThird(
                name,
                title,
                sp.role,
                timeline.script.language,
                start,
                end,
                ts.index,
                seg.line,
            )
        )
    return tuple(items), tuple(findings)


def _on_screen(sp: Speaker, directions: Sequence[Direction]) -> tuple[str, str]:
    """The name and title the graphics show: a graphics line's (``ТИТР:``, ``SUPER=``) for the
    same person when the script has one, else the marker's, as written. ``check`` reports
    where the two differ."""
    assert sp.name is not None
    for d in directions:
        shown = d.speaker
        if shown is not None and shown.name and same_person(shown.name, sp.name):
            return shown.name, shown.title or sp.title or ""
    return sp.name, sp.title or ""


def raise_cues(cues: tuple[Cue, ...], items: tuple[LowerThird, ...]) -> tuple[Cue, ...]:
    """Mark the cues that overlap a lower-third, so writers place them at the top.

    One sweep over both in time order (cues and items each sorted by start): linear in
    their number, where comparing every cue with every item made long programmes
    super-linear."""
    if not items:
        return cues
    spans = sorted((lt.in_ms, lt.out_ms) for lt in items)
    order = sorted(range(len(cues)), key=lambda k: cues[k].start_ms)
    raised = [False] * len(cues)
    first = 0  # the first item that may still overlap a cue starting now or later
    for k in order:
        cue = cues[k]
        while first < len(spans) and spans[first][1] <= cue.start_ms:
            first += 1  # ended before this cue (and every later one) starts
        j = first
        while j < len(spans) and spans[j][0] < cue.end_ms:
            if spans[j][1] > cue.start_ms:
                raised[k] = True
                break
            j += 1
    return tuple(replace(c, raised=True) if r else c for c, r in zip(cues, raised, strict=True))
