"""Every conversion between integer milliseconds and text.

SRT (``00:01:02,500``), WebVTT (``00:01:02.500``), SMPTE timecode at a frame rate
(``10:00:00:12``), and the durations users type (``2:41``, ``161``, ``00:02:41:00``).
"""

from __future__ import annotations

import re

from kztranscript.errors import OptionsError

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
        raise OptionsError(
            f"unsupported frame rate {fps} (use one of {SUPPORTED_FPS})", option="fps"
        )
    return fps


def _hmsms(ms: int) -> tuple[int, int, int, int]:
    if ms < 0:
        raise ValueError(f"negative time {ms} ms")
    s, milli = divmod(ms, 1000)
    m, sec = divmod(s, 60)
    h, mins = divmod(m, 60)
    return h, mins, sec, milli


def srt(ms: int) -> str:
    """``3723004`` → ``01:02:03,004`` (hours have no upper bound)."""
    h, m, s, milli = _hmsms(ms)
    return f"{h:02d}:{m:02d}:{s:02d},{milli:03d}"


def vtt(ms: int) -> str:
    """``3723004`` → ``01:02:03.004``."""
    h, m, s, milli = _hmsms(ms)
    return f"{h:02d}:{m:02d}:{s:02d}.{milli:03d}"


def to_frame(ms: int, fps: int) -> int:
    """The frame whose start is nearest to ``ms``."""
    return (ms * fps + 500) // 1000


def floor_frame(ms: int, fps: int) -> int:
    """The last frame that starts at or before ``ms`` (by ``frame_ms``, which rounds: frame 1
    at 30 fps starts at 33 ms, so ``floor_frame(33, 30)`` is 1).

    >>> floor_frame(33, 30), floor_frame(32, 30), floor_frame(79, 25)
    (1, 0, 1)
    """
    frame = (ms * fps) // 1000
    return frame + 1 if frame_ms(frame + 1, fps) <= ms else frame


def smpte(ms: int, fps: int) -> str:
    """``ms`` → non-drop-frame SMPTE ``HH:MM:SS:FF`` at ``fps`` (ms rounded to a frame).

    >>> smpte(36_000_480, 25)
    '10:00:00:12'
    """
    if ms < 0:
        raise ValueError(f"negative time {ms} ms")
    frames = to_frame(ms, fps)
    secs, ff = divmod(frames, fps)
    h, rest = divmod(secs, 3600)
    m, s = divmod(rest, 60)
    return f"{h:02d}:{m:02d}:{s:02d}:{ff:02d}"


_SMPTE = re.compile(r"^(\d{1,3}):([0-5]\d):([0-5]\d)[:;](\d{1,2})$")
_CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{1,2}(?:[.,]\d{1,3})?)$")
_SECONDS = re.compile(r"^\d+(?:[.,]\d{1,3})?$")


def parse_user_time(text: str, fps: int, option: str = "") -> int:
    """A time a user types → ms: ``10:00:00:00`` (SMPTE at ``fps``), ``4:30``, ``1:02:03.5``,
    ``270`` or ``270.5`` (seconds). Raises ``OptionsError`` with a one-line reason, naming
    ``option`` (the setting the time is for, such as ``start``).

    >>> parse_user_time("4:30", 25)
    270000
    >>> parse_user_time("00:04:30:00", 25)
    270000
    """
    t = text.strip()
    m = _SMPTE.match(t)
    if m:
        h, mi, s, f = (int(x) for x in m.groups())
        if f >= fps:
            raise OptionsError(
                f"bad time {text!r}: frame {f} does not exist at {fps} fps", option=option
            )
        return (h * 3600 + mi * 60 + s) * 1000 + frame_ms(f, fps)
    m = _CLOCK.match(t)
    if m:
        h = int(m.group(1) or 0)
        mi = int(m.group(2))
        sec = float(m.group(3).replace(",", "."))
        if (m.group(1) is not None and mi >= 60) or sec >= 60:
            raise OptionsError(f"bad time {text!r}: minutes and seconds run 0-59", option=option)
        return round((h * 3600 + mi * 60 + sec) * 1000)
    if _SECONDS.match(t):
        return round(float(t.replace(",", ".")) * 1000)
    raise OptionsError(
        f"bad time {text!r} (use HH:MM:SS:FF such as 10:00:00:00, M:SS such as 4:30, "
        "or seconds such as 270)",
        option=option,
    )
