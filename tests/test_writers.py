"""The writers registry, and every caption writer read back by its library's reader (the
independent reader, ffmpeg, is in test_subtitles)."""

from __future__ import annotations

import io
import re

import pysrt
import webvtt
from hypothesis import given
from hypothesis import strategies as st

from kztranscript.cli.options import BATCH_FORMATS, CONVERT_FORMATS
from kztranscript.pipeline import Options, render, run
from kztranscript.timecode import vtt
from kztranscript.writers import WRITERS, formats, names

from .test_captions import scripts_st

HOSTILE = ["5 < 7", "A & B", "x > y", "-->", "<b>жирный</b>", "&amp;", "{\\an8}", "«Нұр Отан»"]


def test_registry_names_suffixes_and_bom_defaults() -> None:
    captions = ("srt", "vtt", "ass", "ttml", "ebu-tt-d", "avid", "fcpxml")
    assert names(formats("caption")) == captions
    assert names(formats("graphics")) == ("csv", "tsv", "json", "xml", "resolve-edl", "fcp7")
    assert WRITERS["transcript"].filename("a") == "a.transcript.json"
    assert {w.name for w in WRITERS.values() if w.bom} == {"csv", "tsv"}


def test_the_command_line_offers_what_the_registry_has() -> None:
    assert names(formats("caption", "graphics")) == CONVERT_FORMATS
    assert tuple(WRITERS) == BATCH_FORMATS


def test_every_writer_ends_with_one_newline() -> None:
    result = run("Форум открылся.\nИмя Фамилия, аким:\n- Мы готовы к работе, коллеги.")
    for name in WRITERS:
        text = render(result, name)
        assert text.endswith("\n") and not text.endswith("\n\n"), name
        assert "\r" not in text, name


@st.composite
def hostile_scripts(draw: st.DrawFn) -> str:
    text = draw(scripts_st())
    lines = text.split("\n")
    for _ in range(draw(st.integers(0, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        words = lines[i].split(" ")
        words.insert(draw(st.integers(1, len(words))), draw(st.sampled_from(HOSTILE)))
        lines[i] = " ".join(words)
    return "\n".join(lines)


def _vtt_text(payload: str) -> str:
    payload = re.sub(r"</?v[^>]*>", "", payload)
    return payload.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


@given(hostile_scripts(), st.booleans())
def test_writers_read_back_by_pysrt_and_webvtt(text: str, raised_tags: bool) -> None:
    """SRT → pysrt and WebVTT → webvtt-py give back every cue: count, times and text (the
    libraries read in their own lenient way what they helped write)."""
    result = run(text, "x.txt", Options(srt_position_tags=raised_tags))
    srt = pysrt.from_string(render(result, "srt"), error_handling=pysrt.ERROR_RAISE)
    read = webvtt.from_buffer(io.StringIO(render(result, "vtt")))
    assert len(srt) == len(read.captions) == len(result.srt_cues)
    for cue, s, v in zip(result.srt_cues, srt, read.captions, strict=True):
        assert (s.start.ordinal, s.end.ordinal) == (cue.start_ms, cue.end_ms)
        assert (v.start, v.end) == (vtt(cue.start_ms), vtt(cue.end_ms))
        shown = s.text.removeprefix("{\\an8}") if raised_tags and cue.raised else s.text
        assert shown == cue.text.replace("<", "‹").replace(">", "›").replace("{\\", "{ \\")
        assert _vtt_text(v.raw_text) == cue.text
