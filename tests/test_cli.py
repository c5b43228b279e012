"""The command line, in process with CliRunner and once as a real subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kztranscript import __version__
from kztranscript.cli import cli

from .conftest import SAMPLE

TEXT = SAMPLE.read_text(encoding="utf-8")


def run(*args: str, input: bytes | str | None = None):
    return CliRunner().invoke(cli, list(args), input=input)


def test_version() -> None:
    r = run("--version")
    assert r.exit_code == 0
    assert r.stdout == f"kztranscript {__version__}\n"


@pytest.mark.parametrize("command", [[], ["show"], ["convert"], ["lowerthirds"], ["check"]])
def test_every_command_has_help_with_example(command: list[str]) -> None:
    r = run(*command, "--help")
    assert r.exit_code == 0
    assert "samples/24kz_un_human_rights_ru.txt" in r.stdout
    assert "Example" in r.stdout


def test_show_table() -> None:
    r = run("show", str(SAMPLE))
    assert r.exit_code == 0, r.stderr
    assert "Жанат Эрнст" in r.stdout
    assert "standup" in r.stdout
    assert "Авторы: Жанат Эрнст, Жомарт Ахметов." in r.stdout
    # the header wraps at the console width wherever the sample's path puts the break
    assert "10 segments" in " ".join(r.stdout.split())
    assert r.stderr == ""


def test_show_json_schema() -> None:
    r = run("show", "--json", str(SAMPLE))
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert data["schema"] == "kztranscript/script"
    assert data["schema_version"] == 1
    assert [s["kind"] for s in data["segments"]].count("voiceover") == 4
    assert data["language"] == "ru"


def test_show_stdin_and_encoding(tmp_path: Path) -> None:
    r = run("show", "--json", "-", input=TEXT.encode("cp1251"))
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["source"] == "<stdin>"
    f = tmp_path / "koi.txt"
    f.write_bytes(TEXT.replace("«", '"').replace("»", '"').encode("koi8_r"))
    r = run("show", "--json", str(f))
    assert json.loads(r.stdout)["segments"][1]["speaker"]["name"] == "Жанат Эрнст"
    r = run("show", "--json", "--encoding", "koi8-r", str(f))
    assert r.exit_code == 0


def one_line_error(r, code: int, *needles: str) -> None:
    assert r.exit_code == code, (r.exit_code, r.stdout, r.stderr)
    assert r.stdout == ""
    lines = r.stderr.splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("kztranscript: error: ")
    assert "Traceback" not in r.stderr
    for n in needles:
        assert n in lines[0]


def test_bad_inputs(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    one_line_error(run("show", str(empty)), 1, "empty.txt", "empty")
    blank = tmp_path / "blank.txt"
    blank.write_bytes(b" \n\n\t ")
    one_line_error(run("show", str(blank)), 1, "blank.txt")
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    one_line_error(run("show", str(binary)), 1, "image.png:", "binary")
    garbage = tmp_path / "garbage.txt"
    garbage.write_bytes(bytes(range(128, 256)) * 4)
    one_line_error(run("show", str(garbage)), 1, "garbage.txt:1:", "--encoding")
    wrong = tmp_path / "wrong.txt"
    wrong.write_bytes("строка\nещё".encode("cp1251"))
    one_line_error(run("show", "--encoding", "utf-8", str(wrong)), 1, "wrong.txt:1:")
    one_line_error(run("show", str(tmp_path / "missing.txt")), 1, "missing.txt")
    one_line_error(run("show", str(tmp_path)), 1, str(tmp_path))
    one_line_error(run("show"), 2, "SCRIPT")
    one_line_error(run("shwo", "x"), 2, "show")
    one_line_error(run("show", "--bogus", str(SAMPLE)), 2, "--bogus")


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("cp1251", TEXT),
        ("koi8_r", TEXT.replace("«", '"').replace("»", '"')),
        ("cp866", TEXT.replace("«", '"').replace("»", '"')),
        ("utf-16", TEXT),
        ("utf-8-sig", TEXT),
    ],
)
def test_legacy_encodings_through_cli(tmp_path: Path, encoding: str, text: str) -> None:
    f = tmp_path / f"{encoding}.txt"
    f.write_bytes(text.encode(encoding))
    r = run("show", "--json", str(f))
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert len(data["segments"]) == 10
    assert data["segments"][0]["paragraphs"][0] == text.splitlines()[0]


def test_five_megabyte_single_line(tmp_path: Path) -> None:
    f = tmp_path / "long.txt"
    f.write_text(("Очень длинная строка. " * 240_000)[:5_000_000], encoding="utf-8")
    r = run("show", "--json", str(f))
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert len(data["segments"]) == 1
    assert len(data["segments"][0]["paragraphs"][0]) > 4_900_000


def installed_script() -> str:
    """The console script pip installed beside this Python (the README's install puts it there)."""
    beside = Path(sys.executable).parent / "kztranscript"
    exe = str(beside) if beside.exists() else shutil.which("kztranscript")
    assert exe is not None, "kztranscript is not installed; run the README's test command"
    return exe


def test_installed_console_script() -> None:
    exe = installed_script()
    r = subprocess.run(
        [exe, "show", "--json", str(SAMPLE)], capture_output=True, check=False, timeout=60
    )
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout.decode("utf-8"))["language"] == "ru"
    r = subprocess.run([exe, "show", "/nonexistent.txt"], capture_output=True, timeout=60)
    assert r.returncode == 1  # bad input, not bad usage
    assert r.stderr.decode().count("\n") == 1


def test_python_dash_m() -> None:
    r = subprocess.run(
        [sys.executable, "-m", "kztranscript", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert r.returncode == 0
    assert r.stdout.strip() == f"kztranscript {__version__}"


def test_bare_command_prints_help() -> None:
    r = run()
    assert r.exit_code == 0
    assert "Commands:" in r.stdout and "convert" in r.stdout


def test_script_without_speech(tmp_path: Path) -> None:
    f = tmp_path / "credits.txt"
    f.write_text("Авторы: Жанат Эрнст, Жомарт Ахметов\n", encoding="utf-8")
    one_line_error(run("convert", str(f), "-o", "-", "--to", "srt"), 1, "no spoken text")


def test_show_fps_reads_timecode_frames() -> None:
    script = "Первый текст.\n00:00:10:29 Второй текст.\n"
    at_25 = CliRunner().invoke(cli, ["show", "-"], input=script.encode())
    at_30 = CliRunner().invoke(cli, ["show", "-", "--fps", "30"], input=script.encode())
    assert at_25.exit_code == 0 and at_30.exit_code == 0
    assert "anchor-invalid" in at_25.output  # frame 29 does not exist at 25 fps
    assert "anchor-invalid" not in at_30.output and "No findings." in at_30.output
