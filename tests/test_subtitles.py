"""Caption files from anywhere: reading, the caption QC, re-breaking and converting, and our
writers read back by an independent reader (ffmpeg's subtitle demuxers)."""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kztranscript.model import FindingCode
from kztranscript.pipeline import Options, render, run
from kztranscript.style import CaptionStyle
from kztranscript.subtitles import as_cues, check_captions, read_captions, rebreak, retimed
from kztranscript.writers.srt import write_srt
from kztranscript.writers.vtt import write_vtt

from .conftest import DATA, GOLDEN, cli_run
from .test_writers import hostile_scripts

SUBS = DATA / "subtitles"
STYLE = CaptionStyle()


def _read(path: Path):  # type: ignore[no-untyped-def]
    return read_captions(path.read_text(encoding="utf-8"), str(path), path.suffix[1:])


def _words(cues) -> list[str]:  # type: ignore[no-untyped-def]
    return [w for c in cues for line in c.lines for w in line.split()]


# --- our files → read → write: byte for byte ----------------------------------------------------


@given(hostile_scripts(), st.booleans())
def test_our_captions_read_and_written_again_are_byte_identical(text: str, tags: bool) -> None:
    result = run(text, "x.txt", Options(srt_position_tags=tags))
    if not result.cues:
        return  # nothing spoken (a marker cut off): no caption file to read
    srt, vtt = render(result, "srt"), render(result, "vtt")
    again_srt = write_srt(as_cues(read_captions(srt, "x.srt", "srt")), position_tags=tags)
    again_vtt = write_vtt(as_cues(read_captions(vtt, "x.vtt", "vtt")), "x.txt")
    assert again_srt == srt
    assert again_vtt == vtt


def test_goldens_read_back_and_check_clean() -> None:
    for name in ("24kz_un_human_rights_ru.srt", "24kz_un_human_rights_ru.vtt"):
        file = _read(GOLDEN / name)
        assert not file.findings
        findings = check_captions(file, STYLE)
        assert not [f for f in findings if f.severity == "error"], findings


# --- an independent reader: ffmpeg's SubRip and WebVTT demuxers --------------------------------


def _ffmpeg() -> str | None:
    try:
        import imageio_ffmpeg

        return str(imageio_ffmpeg.get_ffmpeg_exe())
    except (ImportError, RuntimeError):
        return None


_FF_CUE = re.compile(
    r"(\d\d):(\d\d):(\d\d),(\d{3}) --> (\d\d):(\d\d):(\d\d),(\d{3})\n(.*?)(?:\n\n|\Z)", re.S
)


def _ffmpeg_cues(path: Path) -> list[tuple[int, int, str]]:
    exe = _ffmpeg()
    assert exe is not None
    out = subprocess.run(
        [exe, "-v", "error", "-i", str(path), "-f", "srt", "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    cues = []
    for m in _FF_CUE.finditer(out.replace("\r\n", "\n")):
        h, mi, s, ms, h2, mi2, s2, ms2 = (int(x) for x in m.groups()[:8])
        # ffmpeg drops <v> spans and decodes &lt; &gt; &amp;; its SubRip encoder writes a
        # literal "{\\" as "\\{{}\\<word joiner>"
        text = m.group(9).strip().replace("\\{{}\\\u2060", "{\\")
        cues.append(
            (((h * 60 + mi) * 60 + s) * 1000 + ms, ((h2 * 60 + mi2) * 60 + s2) * 1000 + ms2, text)
        )
    return cues


@pytest.mark.skipif(
    _ffmpeg() is None, reason="ffmpeg (imageio-ffmpeg, the audio extra) not installed"
)
@settings(max_examples=15, deadline=None)
@given(hostile_scripts())
def test_ffmpeg_reads_every_cue_we_write(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    result = run(text, "x.txt")
    if not result.cues:
        return  # nothing to caption (ffmpeg refuses an empty file)
    folder = tmp_path_factory.mktemp("ff")
    for fmt in ("srt", "vtt"):
        path = folder / f"x.{fmt}"
        path.write_text(render(result, fmt), encoding="utf-8")
        got = _ffmpeg_cues(path)
        want = [(c.start_ms, c.end_ms, _as_written(c.text, fmt)) for c in result.cues]
        assert got == want, fmt


def _as_written(text: str, fmt: str) -> str:
    """What the file holds for a cue's text: SubRip gets no markup characters."""
    if fmt == "srt":
        return text.replace("<", "‹").replace(">", "›").replace("{\\", "{ \\")
    return text


# --- the caption QC on a file with a defect of every class --------------------------------------

SRT_DEFECTS = [
    (FindingCode.CAPTION_MALFORMED, 9),  # a block with no timing line
    (FindingCode.CAPTION_TIMESTAMP, 12),  # 00:00:07,00
    (FindingCode.CAPTION_NUMBERING, 16),  # 5 after 2
    (FindingCode.CAPTION_OVERLAP, 16),
    (FindingCode.CAPTION_OFF_FRAME, 16),
    (FindingCode.CAPTION_GAP, 20),
    (FindingCode.CAPTION_ORDER, 24),
    (FindingCode.CAPTION_DURATION, 28),
    (FindingCode.CAPTION_EMPTY, 32),
    (FindingCode.LINE_TOO_LONG, 36),
    (FindingCode.TOO_MANY_LINES, 41),
    (FindingCode.READING_SPEED, 47),
    (FindingCode.LINE_BREAK, 51),  # "в / Женеву"
    (FindingCode.DASH_LINE_START, 56),
    (FindingCode.CAPTION_DURATION, 65),  # 9 s
]


@pytest.mark.parametrize(("code", "line"), SRT_DEFECTS, ids=[f"{c}@{n}" for c, n in SRT_DEFECTS])
def test_check_finds_each_defect_at_its_cue(code: FindingCode, line: int) -> None:
    findings = check_captions(_read(SUBS / "bad_blocks.srt"), STYLE)
    assert (code, line) in {(f.code, f.line) for f in findings}


def test_numbering_is_reported_once_after_a_gap_in_it() -> None:
    findings = check_captions(_read(SUBS / "bad_blocks.srt"), STYLE)
    assert [f.line for f in findings if f.code is FindingCode.CAPTION_NUMBERING] == [16]


def test_webvtt_blocks_kept_and_bad_cues_reported() -> None:
    file = _read(SUBS / "bad_blocks.vtt")
    assert file.blocks == ("NOTE a comment that is kept", "STYLE\n::cue { color: yellow }")
    assert [(f.code, f.line) for f in file.findings] == [
        (FindingCode.CAPTION_MALFORMED, 11),  # line:200%
        (FindingCode.CAPTION_TIMESTAMP, 14),
    ]
    assert file.cues[0].voices == ("Ерлан",) and file.cues[1].markup == ("<i>",)
    written = write_vtt(as_cues(file), "x", blocks=file.blocks)
    assert "NOTE a comment that is kept" in written and "::cue { color: yellow }" in written


# --- re-breaking a Whisper-style file: every word kept, no line too long ---------------------


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_rebreak_keeps_every_word_and_meets_the_rules(lang: str) -> None:
    file = _read(SUBS / f"whisper_{lang}.srt")
    before = Counter(f.code for f in check_captions(file, STYLE))
    assert before[FindingCode.LINE_TOO_LONG] == len(file.cues)  # one long line a cue
    cues = rebreak(file, STYLE)
    assert _words(cues) == _words(file.cues)
    again = read_captions(write_srt(cues), "x.srt", "srt")
    after = Counter(f.code for f in check_captions(again, STYLE))
    assert after[FindingCode.LINE_TOO_LONG] == after[FindingCode.TOO_MANY_LINES] == 0
    assert after[FindingCode.CAPTION_OVERLAP] == after[FindingCode.CAPTION_OFF_FRAME] == 0
    assert after[FindingCode.LINE_BREAK] <= len(cues) // 10
    # each word keeps its time: the re-cut file spans the original
    assert cues[0].start_ms >= file.cues[0].start_ms - 40
    assert cues[-1].end_ms <= file.cues[-1].end_ms + 200


def test_rebreak_keep_cues_keeps_times_and_count() -> None:
    file = _read(SUBS / "whisper_kk.srt")
    cues = rebreak(file, STYLE, keep_cues=True)
    assert [(c.start_ms, c.end_ms) for c in cues] == [(c.start_ms, c.end_ms) for c in file.cues]
    assert _words(cues) == _words(file.cues)
    assert all(len(line) <= STYLE.max_chars for c in cues for line in c.lines)


def test_rebreak_keeps_voices_and_dash_turns() -> None:
    vtt = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Айгерим>Добрый вечер, Ерлан, что у вас "
        "происходит сейчас на дорогах города?</v>\n\n00:00:04.500 --> 00:00:08.000\n"
        "<v Ерлан>Здравствуйте, на дорогах сложная обстановка из-за снегопада.</v>\n"
    )
    cues = rebreak(read_captions(vtt, "x.vtt", "vtt"), STYLE)
    assert {c.speaker.name for c in cues if c.speaker} == {"Айгерим", "Ерлан"}
    srt = "1\n00:00:01,000 --> 00:00:03,000\n- Привет.\n- Здравствуйте.\n"
    turns = rebreak(read_captions(srt, "x.srt", "srt"), STYLE)
    assert [w for w in _words(turns) if w not in "-–"] == ["Привет.", "Здравствуйте."]
    assert all(line.startswith(("-", "–")) for c in turns for line in c.lines)


# --- converting -----------------------------------------------------------------------------------


def test_convert_srt_to_vtt_and_back_with_a_shift() -> None:
    file = _read(GOLDEN / "24kz_un_human_rights_ru.vtt")
    moved = retimed(as_cues(file), 2000, 25)
    assert [c.start_ms for c in moved] == [c.start_ms + 2000 for c in file.cues]
    srt = write_srt(moved)
    back = read_captions(srt, "x.srt", "srt")
    assert len(back.cues) == len(file.cues)
    dialogue = [c for c in back.cues if any(ln.startswith("–") for ln in c.lines)]
    assert all(len(c.lines) == 2 for c in dialogue)
    with pytest.raises(ValueError):
        retimed(as_cues(file), -10_000_000)


def test_cli_check_rebreak_convert(tmp_path: Path) -> None:
    src = SUBS / "whisper_ru.srt"
    r = cli_run("check", str(src))
    assert r.exit_code == 1 and "line-too-long" in r.stdout
    out = tmp_path / "fixed.srt"
    r = cli_run("rebreak", str(src), "-o", str(out))
    assert r.exit_code == 0 and out.exists(), (r.stderr, r.output)
    assert cli_run("check", str(out)).exit_code == 0
    exists = cli_run("rebreak", str(src), "-o", str(out))
    assert exists.exit_code == 1 and "--force" in exists.stderr
    vtt = tmp_path / "fixed.vtt"
    r = cli_run("convert", str(out), "-o", str(vtt), "--shift", "-0.2", "--fps", "25")
    assert r.exit_code == 0, r.stderr
    assert vtt.read_text(encoding="utf-8").startswith("WEBVTT\n")
    r = cli_run("convert", str(SUBS / "bad_blocks.vtt"), "-o", "-", "--to", "srt")
    assert r.exit_code == 1 and "bad_blocks.vtt:11: cannot read this cue" in r.stderr
    styled = tmp_path / "styled.vtt"
    styled.write_text(
        "WEBVTT\n\nSTYLE\n::cue { color: yellow }\n\n00:00:01.000 --> 00:00:02.000\n<i>Сәлем</i>\n",
        encoding="utf-8",
    )
    r = cli_run("convert", str(styled), "-o", "-", "--to", "srt")
    assert r.exit_code == 0 and "markup left out" in r.stderr and "STYLE" in r.stderr


def test_cli_bad_caption_input_is_one_line(tmp_path: Path) -> None:
    junk = tmp_path / "junk.srt"
    junk.write_text("это не субтитры\nсовсем\n", encoding="utf-8")
    for args in (["check", str(junk)], ["rebreak", str(junk), "-o", "-"]):
        r = cli_run(*args)
        assert r.exit_code == 1 and "junk.srt" in r.stderr and "\n" not in r.stderr.strip()
        assert "Traceback" not in r.stderr
    empty = tmp_path / "empty_cue.srt"
    empty.write_text("1\n00:00:01,000 --> 00:00:02,000\n\n", encoding="utf-8")
    r = cli_run("convert", str(empty), "-o", "-", "--to", "vtt")
    assert r.exit_code == 1 and "empty_cue.srt:2: cue 1 has no text" in r.stderr


def test_rebreak_has_help_with_an_example() -> None:
    r = cli_run("rebreak", "--help")
    assert r.exit_code == 0 and "kztranscript rebreak whisper.srt" in r.stdout


def test_caption_files_in_any_encoding_bom_and_crlf(tmp_path: Path) -> None:
    text = "1\r\n00:00:01,000 --> 00:00:03,000\r\nҚазақстан делегациясы\r\n\r\n"
    for name, data in (
        ("bom.srt", b"\xef\xbb\xbf" + text.encode("utf-8")),
        ("kz1048.srt", text.encode("kz1048")),
        ("utf16.srt", text.encode("utf-16")),
    ):
        path = tmp_path / name
        path.write_bytes(data)
        r = cli_run("convert", str(path), "-o", "-", "--to", "vtt")
        assert r.exit_code == 0, (name, r.stderr)
        assert "00:00:01.000 --> 00:00:03.000\nҚазақстан делегациясы\n" in r.stdout, name
