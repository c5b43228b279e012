"""Every conversion between integer milliseconds and text.

SRT (``00:01:02,500``), WebVTT (``00:01:02.500``), SMPTE timecode at a frame rate
(``10:00:00:12``), and the durations users type (``2:41``, ``161``, ``00:02:41:00``).
"""

from __future__ import annotations

import re

from kztranscript.errors import UsageError

SUPPORTED_FPS = (24, 25, 30, 50, 60)

_INLINE = re.compile(
    r"^(?P<h>\d{1,2}):(?P<m>[0-5]\d):(?P<s>[0-5]\d)(?:(?P<sep>[:;])(?P<f>\d{1,2})|[.,](?P<ms>\d{1,3}))?$"
)
_INLINE_MS = re.compile(r"^(?P<m>\d{1,3}):(?P<s>[0-5]\d)(?:[.,](?P<ms>\d{1,3}))?$")


def frame_ms(frame: int, fps: int) -> int:
    """Start of frame ``frame`` in ms, rounded to the nearest ms."""
    return (frame * 1000 + fps // 2) // fps


def parse_inline(text: str, fps: int = 25) -> int | None:
    """A timecode written in a script (``00:01:23``, ``00:01:23:12``, ``01:23``) → ms, or None.

    Frames (``:12``) count at ``fps``.

    >>> parse_inline("00:01:23:12")
    83480
    >>> parse_inline("01:23")
    83000
    """
    t = text.strip()
    m = _INLINE.match(t)
    if m:
        ms = (int(m["h"]) * 3600 + int(m["m"]) * 60 + int(m["s"])) * 1000
        if m["f"] is not None:
            frames = int(m["f"])
            if frames >= fps:
                return None
            ms += frame_ms(frames, fps)
        elif m["ms"] is not None:
            ms += int(m["ms"].ljust(3, "0"))
        return ms
    m = _INLINE_MS.match(t)
    if m:
        ms = (int(m["m"]) * 60 + int(m["s"])) * 1000
        if m["ms"] is not None:
            ms += int(m["ms"].ljust(3, "0"))
        return ms
    return None


def check_fps(fps: int) -> int:
    if fps not in SUPPORTED_FPS:
        raise UsageError(f"unsupported frame rate {fps} (use one of {SUPPORTED_FPS})")
    return fps
