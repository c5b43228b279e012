"""Timecode: SRT/WebVTT/SMPTE text, frame arithmetic, inline and user-typed times."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kztranscript.errors import KzError
from kztranscript.timecode import (
    SUPPORTED_FPS,
    check_fps,
    floor_frame,
    frame_ms,
    parse_inline,
    parse_user_time,
    smpte,
    srt,
    to_frame,
    vtt,
)

HOUR = 3_600_000
fps_st = st.sampled_from(SUPPORTED_FPS)
ms_st = st.integers(min_value=0, max_value=999 * HOUR)


# --- formatting ------------------------------------------------------------------------------


def test_srt_and_vtt() -> None:
    assert (srt(0), vtt(0)) == ("00:00:00,000", "00:00:00.000")
    assert (srt(1), vtt(1)) == ("00:00:00,001", "00:00:00.001")
    assert (srt(3_723_004), vtt(3_723_004)) == ("01:02:03,004", "01:02:03.004")
    assert (srt(HOUR - 1), vtt(HOUR - 1)) == ("00:59:59,999", "00:59:59.999")
    assert (srt(100 * HOUR), vtt(100 * HOUR)) == ("100:00:00,000", "100:00:00.000")
    assert vtt(1234 * HOUR + 61_001) == "1234:01:01.001"  # hours have no upper bound
    for fmt in (srt, vtt):
        with pytest.raises(ValueError, match="negative"):
            fmt(-1)


def test_smpte() -> None:
    assert smpte(0, 25) == "00:00:00:00"
    assert smpte(36_000_480, 25) == "10:00:00:12"
    assert smpte(100 * HOUR, 25) == "100:00:00:00"
    assert smpte(999, 25) == "00:00:01:00"  # rounds up into the next second…
    assert smpte(59_990, 50) == "00:01:00:00"  # …minute
    assert smpte(HOUR - 1, 30) == "01:00:00:00"  # …and hour
    assert smpte(59_980, 50) == "00:00:59:49"
    assert [smpte(1_500, fps) for fps in SUPPORTED_FPS] == [
        "00:00:01:12",
        "00:00:01:13",  # 37.5 frames: half a frame rounds up
        "00:00:01:15",
        "00:00:01:25",
        "00:00:01:30",
    ]
    # the first ms that is nearer frame 1 than frame 0 (half a frame: 20.8, 20, 16.7, 10, 8.3)
    for fps, half in ((24, 21), (25, 20), (30, 17), (50, 10), (60, 9)):
        assert (smpte(half - 1, fps), smpte(half, fps)) == ("00:00:00:00", "00:00:00:01")


def test_smpte_refuses_negative_times() -> None:
    with pytest.raises(ValueError):
        smpte(-100, 25)


@given(ms_st, fps_st)
def test_smpte_shape(ms: int, fps: int) -> None:
    h, m, s, f = smpte(ms, fps).split(":")
    assert len(m) == len(s) == len(f) == 2 and len(h) >= 2
    assert int(m) < 60 and int(s) < 60 and int(f) < fps


# --- frames ----------------------------------------------------------------------------------


def test_frame_ms() -> None:
    assert [frame_ms(f, 25) for f in (0, 1, 12, 25)] == [0, 40, 480, 1000]
    assert [frame_ms(f, 30) for f in (1, 2, 29, 30)] == [33, 67, 967, 1000]
    assert [frame_ms(f, 24) for f in (1, 12, 23)] == [42, 500, 958]
    assert [frame_ms(f, 60) for f in (1, 59)] == [17, 983]


@given(ms_st, fps_st)
def test_to_frame_is_the_nearest_frame(ms: int, fps: int) -> None:
    f = to_frame(ms, fps)
    assert abs(frame_ms(f, fps) - ms) <= 500 / fps + 0.5  # half a frame, plus ms rounding
    assert abs(f * 1000 - ms * fps) <= 500  # exactly: no other frame start is nearer


@given(ms_st, fps_st)
def test_floor_frame_is_the_last_frame_started(ms: int, fps: int) -> None:
    f = floor_frame(ms, fps)
    assert frame_ms(f, fps) <= ms < frame_ms(f + 1, fps)  # by the frame starts as written
    assert to_frame(ms, fps) - f in (0, 1)


@given(st.integers(min_value=0, max_value=10**9), fps_st)
def test_frames_survive_ms(frame: int, fps: int) -> None:
    assert to_frame(frame_ms(frame, fps), fps) == frame
    assert floor_frame(frame_ms(frame, fps), fps) in (frame - 1, frame)


@pytest.mark.parametrize("fps", SUPPORTED_FPS)
def test_floor_frame_inverts_frame_ms(fps: int) -> None:
    # frame_ms(f + fps) == frame_ms(f) + 1000: a second of frames stands for every frame
    for base in (0, 36_000 * fps):
        frames = range(base, base + fps)
        assert [floor_frame(frame_ms(f, fps), fps) for f in frames] == list(frames)


# --- inline timecodes (in a script) ----------------------------------------------------------


def test_parse_inline() -> None:
    assert parse_inline("00:01:23") == parse_inline(" 00:01:23 ") == 83_000
    assert parse_inline("10:00:00") == 36_000_000
    assert [parse_inline("00:01:23:12", fps) for fps in SUPPORTED_FPS] == [
        83_500,
        83_480,
        83_400,
        83_240,
        83_200,
    ]
    assert parse_inline("00:01:23;12") == 83_480  # a drop-frame separator reads the same
    assert parse_inline("00:00:00:24") == 960  # 25 fps unless told
    assert parse_inline("") is None and parse_inline("00:01:23 text") is None
    assert parse_inline("00:00:00:29", 30) == 967 and parse_inline("00:00:00:59", 60) == 983
    ms_forms = ["00:01:23.5", "00:01:23,05", "00:01:23.005", "01:23", "1:23", "1:23.25", "120:00"]
    assert [parse_inline(t) for t in ms_forms] == [
        83_500,
        83_050,
        83_005,
        83_000,
        83_000,
        83_250,
        7_200_000,
    ]


@pytest.mark.parametrize(
    ("text", "fps"),
    [("00:00:00:25", 25), ("00:00:00:24", 24), ("00:00:00:30", 30), ("00:00:00:59", 50)],
)
def test_parse_inline_frame_out_of_range(text: str, fps: int) -> None:
    assert parse_inline(text, fps) is None


@pytest.mark.parametrize(
    "text", "00:60:00 00:00:60 100:00:00 00:01:23:123 00:01:23.1234 1:2 1:60 abc 00:01:23x".split()
)
def test_parse_inline_rejects(text: str) -> None:
    assert parse_inline(text) is None


@given(st.integers(min_value=0, max_value=99 * HOUR), fps_st)
def test_parse_inline_reads_vtt_and_smpte(ms: int, fps: int) -> None:
    assert parse_inline(vtt(ms), fps) == ms
    on_frame = frame_ms(to_frame(ms, fps), fps)
    if on_frame < 100 * HOUR:
        assert parse_inline(smpte(on_frame, fps), fps) == on_frame


# --- times a user types ----------------------------------------------------------------------


def test_parse_user_time_smpte() -> None:
    assert parse_user_time("10:00:00:00", 25) == 36_000_000
    assert parse_user_time("00:04:30:00", 25) == 270_000
    assert parse_user_time("00:00:01:12", 25) == 1_480
    assert parse_user_time("00:00:01:12", 30) == 1_400
    assert parse_user_time("10:00:00;12", 25) == 36_000_480
    assert parse_user_time("00:00:00:29", 30) == 967
    assert parse_user_time("100:00:00:00", 25) == 100 * HOUR


def test_parse_user_time_clock_and_seconds() -> None:
    assert parse_user_time("4:30", 25) == 270_000
    assert parse_user_time("0:05", 25) == 5_000
    assert parse_user_time("90:00", 25) == 5_400_000  # M:SS: minutes are not capped alone
    assert parse_user_time("1:02:03.5", 25) == 3_723_500
    assert parse_user_time("1:02:03,25", 25) == 3_723_250
    assert parse_user_time("01:02:03.004", 25) == 3_723_004
    assert parse_user_time("270", 25) == parse_user_time("  270  ", 25) == 270_000
    assert parse_user_time("270.5", 25) == parse_user_time("270,5", 25) == 270_500
    assert parse_user_time("0", 25) == 0


@pytest.mark.parametrize(
    ("text", "fps", "says"),
    [
        ("00:00:00:25", 25, "frame 25 does not exist at 25 fps"),
        ("00:00:00:30", 30, "frame 30 does not exist at 30 fps"),
        ("0:60", 25, "minutes and seconds run 0-59"),
        ("4:60.5", 25, "minutes and seconds run 0-59"),
        ("1:00:60", 25, "minutes and seconds run 0-59"),
        ("1:60:00", 25, "minutes and seconds run 0-59"),
        *((t, 25, "HH:MM:SS:FF") for t in ("", "abc", "-5", "1.2.3", "4:30.1234")),
        *((t, 25, "HH:MM:SS:FF") for t in ("00:00:60:00", "10:00:00:00:00", "1000:00:00:00")),
    ],
)
def test_parse_user_time_rejects(text: str, fps: int, says: str) -> None:
    with pytest.raises(KzError) as info:
        parse_user_time(text, fps)
    message = str(info.value)
    assert says in message
    assert message.startswith("bad ") and repr(text) in message  # quotes what was typed
    assert "\n" not in message
    assert info.value.exit_code == 2


@given(st.integers(min_value=0, max_value=999 * 3600 - 1), st.integers(0, 59), fps_st)
def test_smpte_round_trips_through_parse_user_time(secs: int, ff: int, fps: int) -> None:
    on_frame = frame_ms(secs * fps + ff % fps, fps)
    assert parse_user_time(smpte(on_frame, fps), fps) == on_frame


@given(ms_st)
def test_srt_and_vtt_round_trip_through_parse_user_time(ms: int) -> None:
    assert parse_user_time(srt(ms), 25) == ms
    assert parse_user_time(vtt(ms), 25) == ms


# --- frame rates -----------------------------------------------------------------------------


def test_check_fps() -> None:
    for fps in SUPPORTED_FPS:
        assert check_fps(fps) == fps
    for fps in (0, -25, 23, 29, 48, 120):
        with pytest.raises(KzError, match=f"unsupported frame rate {fps} ") as info:
            check_fps(fps)
        assert info.value.exit_code == 2
