"""``CaptionStyle``: the caption layout and timing rules as one value, and the presets.

DESIGN.md, Captions: 37 characters a line (``netflix-ru``: 39), 2 lines a cue, reading speed
aimed at 15 characters/s (warned over 17, an error over 20), 1-7 s a cue (never under 21
frames), gaps of 2 frames, gaps of 3-12 frames closed to 2.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CaptionStyle:
    """Caption layout and timing rules (one value; presets in ``PRESETS``)."""

    max_chars: int = 37
    max_lines: int = 2
    min_duration_ms: int = 1000
    hard_min_duration_ms: int = 840  # 21 frames at 25 fps: never shorter
    max_duration_ms: int = 7000
    min_gap_frames: int = 2
    close_gap_frames: int = 12
    aim_cps: float = 15.0
    warn_cps: float = 17.0
    error_cps: float = 20.0
    typography: bool = True  # «» quotes, dashes, … in caption text (typography.tidy)

    def __post_init__(self) -> None:
        if not 10 <= self.max_chars <= 100:
            raise ValueError("max_chars must be between 10 and 100")
        if not 1 <= self.max_lines <= 3:
            raise ValueError("max_lines must be 1, 2 or 3")


PRESETS = {
    "news": CaptionStyle(),
    "netflix-ru": CaptionStyle(max_chars=39, warn_cps=17.0, error_cps=20.0),
    "bbc": CaptionStyle(max_chars=37, min_duration_ms=1200, aim_cps=14.0, warn_cps=16.0),
}
