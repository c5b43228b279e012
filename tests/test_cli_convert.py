"""`kztranscript convert` through the CLI: outputs, options and bad input."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pysrt
from click.testing import CliRunner

import kztranscript
from kztranscript.cli import cli

from .conftest import DATA, SAMPLE
from .test_cli import one_line_error


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(cli, list(args), input=input)


def sample_cues(duration_ms: int | None = None) -> int:
    """How many cues the sample makes (from the library, so the CLI is checked against it)."""
    timing = kztranscript.Options().timing
    options = kztranscript.Options(timing=replace(timing, duration_ms=duration_ms))
    return len(kztranscript.run(SAMPLE.read_text(encoding="utf-8"), options=options).cues)


def test_convert_writes_both_files_matching_goldens(tmp_path: Path) -> None:
    r = run("convert", str(SAMPLE), "--out-dir", str(tmp_path))
    assert r.exit_code == 0, r.stderr
    assert r.stdout == ""
    assert f"{sample_cues()} cues" in r.stderr and "slowest cue" in r.stderr
    srt = (tmp_path / "24kz_un_human_rights_ru.srt").read_bytes()
    assert srt == (DATA / "golden" / "24kz_un_human_rights_ru.srt").read_bytes()
    vtt = (tmp_path / "24kz_un_human_rights_ru.vtt").read_bytes()
    assert vtt.startswith(b"WEBVTT\n\nNOTE source: 24kz_un_human_rights_ru.txt; kztranscript ")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "24kz_un_human_rights_ru.lowerthirds.csv",
        "24kz_un_human_rights_ru.srt",
        "24kz_un_human_rights_ru.vtt",
    ]
    csv = (tmp_path / "24kz_un_human_rights_ru.lowerthirds.csv").read_bytes()
    assert csv == (DATA / "golden" / "24kz_un_human_rights_ru.lowerthirds.csv").read_bytes()


def test_convert_one_file_stdout_and_flags(tmp_path: Path) -> None:
    out = tmp_path / "x.vtt"
    assert run("convert", str(SAMPLE), "-o", str(out), "-q").exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("WEBVTT")
    r = run("convert", str(SAMPLE), "-o", "-", "--to", "srt", "-q")
    assert r.exit_code == 0 and r.stdout.startswith("1\n00:00:00,000 --> ")
    r = run("convert", str(SAMPLE), "-o", "-", "--to", "srt", "-q", "--bom", "--crlf")
    assert r.stdout_bytes.startswith(b"\xef\xbb\xbf1\r\n00:00:00,000")
    assert b"\n" not in r.stdout_bytes.replace(b"\r\n", b"")
    r = run(
        "convert",
        "-",
        "-o",
        "-",
        "--to",
        "vtt",
        "-q",
        "--duration",
        "4:30",
        "--start",
        "10:00:00:00",
        input=SAMPLE.read_bytes(),
    )
    assert r.exit_code == 0
    assert "10:00:00.000 --> " in r.stdout
    assert r.stdout.rstrip().splitlines()[-3].endswith("--> 10:04:30.000")


def test_convert_force_and_no_partial_files(tmp_path: Path) -> None:
    assert run("convert", str(SAMPLE), "--out-dir", str(tmp_path), "-q").exit_code == 0
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    one_line_error(
        run("convert", str(SAMPLE), "--out-dir", str(tmp_path), "--duration", "2:00"),
        1,
        "already exists",
        "--force",
    )
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
    r = run("convert", str(SAMPLE), "--out-dir", str(tmp_path), "--duration", "2:00", "--force")
    assert r.exit_code == 0
    assert (tmp_path / "24kz_un_human_rights_ru.srt").read_bytes() != before[
        "24kz_un_human_rights_ru.srt"
    ]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_convert_bad_options(tmp_path: Path) -> None:
    s = str(SAMPLE)
    one_line_error(run("convert", s, "--to", "docx"), 2, "--to")
    one_line_error(
        run("convert", s, "--start", "10:00:00:99", "-o", "-", "--to", "srt"), 2, "frame"
    )
    one_line_error(run("convert", s, "--duration", "abc"), 2, "--duration")
    one_line_error(run("convert", s, "--duration", "0:01", "--out-dir", str(tmp_path)), 2, "cues")
    one_line_error(run("convert", s, "-o", "-"), 2, "--to")
    one_line_error(run("convert", s, "-o", str(tmp_path / "x.txt")), 2, ".srt, .vtt")
    one_line_error(run("convert", s, "--fps", "23"), 2, "--fps")
    assert list(tmp_path.iterdir()) == []


def test_convert_unwritable_output(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    one_line_error(run("convert", str(SAMPLE), "--out-dir", str(blocker / "sub")), 1, "cannot")
    assert blocker.read_text() == "not a folder"


def test_convert_reads_legacy_encoding(tmp_path: Path) -> None:
    f = tmp_path / "old.txt"
    f.write_bytes(SAMPLE.read_text(encoding="utf-8").encode("cp1251"))
    r = run("convert", str(f), "-o", "-", "--to", "srt", "-q")
    assert r.exit_code == 0
    golden = (DATA / "golden" / "24kz_un_human_rights_ru.srt").read_text(encoding="utf-8")
    assert r.stdout == golden
    items = pysrt.from_string(r.stdout)
    assert len(items) == sample_cues()


def test_convert_summary_fits_one_screen_with_many_findings(tmp_path: Path) -> None:
    """A package squeezed into a short --duration has a finding on nearly every cue: the
    summary shows the worst few, says how many more, and ends with the counts line."""
    out = tmp_path / "x.srt"
    r = run("convert", str(SAMPLE), "-o", str(out), "--duration", "2:00")
    assert r.exit_code == 0
    lines = r.stderr.rstrip().splitlines()
    assert len(lines) <= 24, r.stderr
    assert "more (kztranscript check lists them all)" in r.stderr
    assert f"{sample_cues(120_000)} cues" in lines[-2] and "errors" in lines[-1]
    assert r.stderr.count("reading-speed") == 4  # errors first
