"""Hostile and careless input, flaky machines: the reproductions of the reliability issue, and
fuzzing of the reader, the pipeline and every writer (arbitrary text and bytes, and byte
mutations of real encoded files)."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pysrt
import pytest
import webvtt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kztranscript.errors import InputError, KzError, OptionsError
from kztranscript.model import FindingCode
from kztranscript.pipeline import render, run
from kztranscript.reading import decode, decode_document, read_bytes
from kztranscript.writers import WRITERS

from .conftest import SAMPLE, cli_run

SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")


# --- 1. a few bad bytes in UTF-8; UTF-8 and cp1251 paragraphs in one file --------------------


def test_a_bad_byte_in_utf8_is_replaced_with_a_finding_not_mojibake() -> None:
    data = "Казахстанская делегация завершила участие.\n".encode() + b"\xd0"
    decoded = decode(data, "a.txt")
    assert decoded.text.startswith("Казахстанская делегация завершила участие.")
    assert [(f.code, f.line) for f in decoded.findings] == [(FindingCode.TEXT_REPLACED, 2)]
    r = cli_run("convert", "-", "-o", "-", "--to", "srt")  # stdin is empty here: an error
    assert r.exit_code == 1


def test_mixed_utf8_and_cp1251_paragraphs_are_read_per_line(tmp_path: Path) -> None:
    data = (
        "Делегация вернулась из Женевы вчера.\n".encode()
        + "Вторая строка в другой кодировке.\n".encode("cp1251")
    )
    decoded = decode(data, "m.txt")
    assert decoded.text.split("\n") == [
        "Делегация вернулась из Женевы вчера.",
        "Вторая строка в другой кодировке.",
    ]
    assert [(f.code, f.line) for f in decoded.findings] == [(FindingCode.TEXT_MIXED, 2)]
    path = tmp_path / "m.txt"
    path.write_bytes(data)
    r = cli_run("check", str(path))
    assert "text-mixed" in r.stdout


def test_a_cp1251_file_is_still_cp1251() -> None:
    data = SAMPLE_TEXT.encode("cp1251")
    decoded = decode(data, "s.txt")
    assert decoded.encoding == "cp1251" and not decoded.findings


# --- 3. RTF: astral characters, lone surrogates, \bin data, raw 8-bit bytes ------------------


def test_rtf_astral_characters_and_lone_surrogates() -> None:
    rtf = rb"{\rtf1\ansi\ansicpg1251 \'cf\'f0\'e8\'e2\'e5\'f2 \u-10179?\u-8704? \u-10179? end}"
    decoded = decode_document(rtf, "e.rtf")
    assert decoded.text.startswith("Привет 😀 ")
    assert [f.code for f in decoded.findings] == [FindingCode.TEXT_REPLACED]


def test_rtf_binary_data_with_braces_loses_nothing_after_it() -> None:
    rtf = (
        rb"{\rtf1\ansi\ansicpg1251 \'cf\'e5\'f0\'e2\'fb\'e9.\par"
        rb"{\*\blip\bin6 }{}}{ }Second line.\par}"
    )
    decoded = decode_document(rtf, "b.rtf")
    assert "Первый." in decoded.text and "Second line." in decoded.text


def test_rtf_raw_8bit_bytes_are_read_in_the_declared_code_page() -> None:
    rtf = b"{\\rtf1\\ansi\\ansicpg1251 " + "Сырые байты текста.".encode("cp1251") + b"\\par}"
    assert decode_document(rtf, "r.rtf").text == "Сырые байты текста."


# --- 5. devices, endless input; 6. a .docx zip bomb ------------------------------------------


def test_devices_and_oversized_input_are_refused_while_reading(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="device"):
        read_bytes("/dev/zero")
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 2000)
    with pytest.raises(InputError, match="larger than"):
        read_bytes(str(big), limit=1000)
    r = cli_run("convert", "/dev/zero", "-o", "-", "--to", "srt")
    assert r.exit_code == 1 and "device" in r.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_read_with_the_limit(tmp_path: Path) -> None:
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    def feed() -> None:
        try:
            with open(fifo, "wb") as f:
                for _ in range(2000):
                    f.write(b"x" * 1024)
        except BrokenPipeError:
            pass  # the reader stopped at its limit

    threading.Thread(target=feed, daemon=True).start()
    with pytest.raises(InputError, match="larger than"):
        read_bytes(str(fifo), limit=100_000)


def test_a_docx_zip_bomb_is_refused_before_parsing(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document>" + " " * (70 * 2**20) + "</w:document>")
    data = buf.getvalue()
    assert len(data) < 1_000_000
    with pytest.raises(InputError, match="unpacks to"):
        decode_document(data, "bomb.docx")


# --- 11. a codec that is not a text encoding -------------------------------------------------


def test_a_non_text_codec_is_a_usage_error() -> None:
    with pytest.raises(OptionsError):
        decode(b"abc", "x.txt", "base64")
    r = cli_run("convert", str(SAMPLE), "-o", "-", "--to", "srt", "--encoding", "base64")
    assert r.exit_code == 2 and "--encoding" in r.stderr and "text encoding" in r.stderr


# --- the fuzz harness: arbitrary text and bytes through the reader, pipeline and writers ------


def _outputs_parse(result) -> None:  # type: ignore[no-untyped-def]
    if result.cues:
        srt = render(result, "srt")
        assert len(pysrt.from_string(srt, error_handling=pysrt.ERROR_RAISE)) == len(result.cues)
        assert len(webvtt.from_string(render(result, "vtt")).captions) == len(result.cues)
    ElementTree.fromstring(render(result, "xml"))
    list(csv.reader(io.StringIO(render(result, "csv"))))
    json.loads(render(result, "json"))
    json.loads(render(result, "transcript"))
    assert set(WRITERS) >= {"srt", "vtt", "xml", "csv", "json", "transcript"}


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.binary(max_size=600))
def test_arbitrary_bytes_never_crash_the_reader_or_pipeline(data: bytes) -> None:
    try:
        decoded = decode_document(data, "x.txt")
    except KzError:
        return
    try:
        result = run(decoded.text, "x.txt", normalized=True, findings=decoded.findings)
    except OptionsError:
        return
    _outputs_parse(result)


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(max_size=500))
def test_arbitrary_text_never_crashes_and_every_output_parses(text: str) -> None:
    try:
        result = run(text, "x.txt")
    except OptionsError:
        return
    _outputs_parse(result)


def _encoded_samples() -> list[tuple[str, bytes]]:
    from docx import Document

    doc = Document()
    for line in SAMPLE_TEXT.split("\n")[:12]:
        doc.add_paragraph(line)
    buf = io.BytesIO()
    doc.save(buf)
    rtf = (
        b"{\\rtf1\\ansi\\ansicpg1251 "
        + SAMPLE_TEXT[:600].encode("cp1251").replace(b"\n", b"\\par ")
        + b"}"
    )
    return [
        ("s.txt", SAMPLE_TEXT[:1500].encode("cp1251")),
        ("s.txt", SAMPLE_TEXT[:1500].encode("koi8_r", "replace")),
        ("s.txt", SAMPLE_TEXT[:1500].encode("utf-16")),
        ("s.docx", buf.getvalue()),
        ("s.rtf", rtf),
    ]


@pytest.mark.parametrize("index", range(5), ids=["cp1251", "koi8-r", "utf-16", "docx", "rtf"])
def test_byte_mutations_of_real_files_fail_cleanly(index: int) -> None:
    name, data = _encoded_samples()[index]
    rng = random.Random(index)
    for _ in range(int(os.environ.get("KZ_MUTATIONS", "40"))):
        mutated = bytearray(data)
        for _ in range(rng.randint(1, 12)):
            at = rng.randrange(len(mutated))
            choice = rng.random()
            if choice < 0.5:
                mutated[at] = rng.randrange(256)
            elif choice < 0.75:
                del mutated[at]
            else:
                mutated.insert(at, rng.randrange(256))
        try:
            decoded = decode_document(bytes(mutated), name)
            result = run(decoded.text, name, normalized=True, findings=decoded.findings)
        except KzError:
            continue
        _outputs_parse(result)


# --- 2, 4, 7, 8, 13, 14: batch on odd trees, concurrent runs, killed parents, resume --------


def _manifest(out: Path) -> list[dict[str, str]]:
    return list(csv.DictReader((out / "manifest.csv").read_text(encoding="utf-8").splitlines()))


SHORT = "Форум открылся в Астане.\nИмя Фамилия, аким:\n- Мы готовы к работе.\n"


def test_batch_rows_for_every_path_met(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text(SHORT, encoding="utf-8")
    (src / "loop.txt").symlink_to(src / "loop2.txt")
    (src / "loop2.txt").symlink_to(src / "loop.txt")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "b.txt").write_text(SHORT, encoding="utf-8")
    (src / "linked").symlink_to(outside, target_is_directory=True)
    (src / "sub" / "self").symlink_to(src, target_is_directory=True)  # a folder loop
    bad_name = os.fsdecode(b"\xd1\xf6\xe5\xed\xe0\xf0\xe8\xe9.txt")  # cp1251 bytes in a name
    (src / bad_name).write_text(SHORT, encoding="utf-8")
    out = tmp_path / "out"
    r = cli_run("batch", str(src), "-o", str(out), "--jobs", "1", "-q")
    assert r.exit_code == 1, r.stderr  # the loop and the symlinked folders fail, the rest works
    rows = {row["path"]: row for row in _manifest(out)}
    assert rows["a.txt"]["status"] in ("ok", "warning")
    assert "loop" in rows["loop.txt"]["reason"]
    assert "symlinked folder" in rows["linked"]["reason"]
    assert "symlinked folder" in rows["sub/self"]["reason"]
    assert rows["\\xd1\\xf6\\xe5\\xed\\xe0\\xf0\\xe8\\xe9.txt"]["status"] in ("ok", "warning")
    r = cli_run("batch", str(src), "-o", str(out), "--jobs", "1", "-q", "--resume")
    assert r.exit_code == 1 and "Traceback" not in r.stderr
    assert len(_manifest(out)) == len(rows)


def test_batch_of_a_parent_folder_lands_inside_the_output(tmp_path: Path) -> None:
    (tmp_path / "x" / "y").mkdir(parents=True)
    (tmp_path / "x" / "a.txt").write_text(SHORT, encoding="utf-8")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "b.txt").write_text(SHORT, encoding="utf-8")
    out = tmp_path / "out"
    cwd = os.getcwd()
    os.chdir(tmp_path / "x" / "y")
    try:
        r = cli_run("batch", "..", str(tmp_path / "other"), "-o", str(out), "--jobs", "1", "-q")
    finally:
        os.chdir(cwd)
    assert r.exit_code == 0, [row["reason"] for row in _manifest(out)]
    assert (out / "x" / "a.srt").exists() and (out / "other" / "b.srt").exists()


def test_a_second_batch_run_into_one_folder_is_refused(tmp_path: Path) -> None:
    import fcntl

    out = tmp_path / "out"
    out.mkdir()
    fd = os.open(out / ".kztranscript.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        r = cli_run("batch", str(SAMPLE), "-o", str(out), "-q")
    finally:
        os.close(fd)
    assert r.exit_code == 1 and "another batch run" in r.stderr
    assert not (out / "manifest.csv").exists()


def test_resume_converts_again_an_output_truncated_after_the_run(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(SAMPLE_TEXT, encoding="utf-8")
    out = tmp_path / "out"
    assert cli_run("batch", str(src), "-o", str(out), "--jobs", "1", "-q").exit_code == 0
    srt = out / "a.srt"
    whole = srt.read_bytes()
    srt.write_bytes(whole[: len(whole) // 2])  # a crash of the disk, an editor
    assert (
        cli_run("batch", str(src), "-o", str(out), "--jobs", "1", "-q", "--resume").exit_code == 0
    )
    assert srt.read_bytes() == whole
    outputs = json.loads(_manifest(out)[0]["outputs"])
    assert {o["name"] for o in outputs} >= {"a.srt", "a.vtt", "a.transcript.json"}


def test_batch_rejects_a_non_text_codec_up_front(tmp_path: Path) -> None:
    r = cli_run("batch", str(SAMPLE), "-o", str(tmp_path / "o"), "--encoding", "base64")
    assert r.exit_code == 2 and "not a text encoding" in r.stderr


def test_workers_exit_when_the_batch_parent_is_killed(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    src = tmp_path / "in"
    src.mkdir()
    for i in range(400):
        (src / f"s{i:03d}.txt").write_text(SAMPLE_TEXT.replace("Женеве", f"Женеве {i}"))
    cmd = [sys.executable, "-m", "kztranscript", "batch", str(src), "-o", str(tmp_path / "o")]
    parent = subprocess.Popen([*cmd, "--jobs", "2", "-q"])
    children: set[int] = set()
    for _ in range(100):  # wait until the pool's workers are up
        time.sleep(0.1)
        task = Path(f"/proc/{parent.pid}/task")
        if task.exists():
            children = {
                int(c) for t in task.iterdir() for c in (t / "children").read_text().split()
            }
        if len(children) >= 2:
            break
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    deadline = time.time() + 10
    while time.time() < deadline and any(Path(f"/proc/{c}").exists() for c in children):
        time.sleep(0.2)
    alive = [
        c
        for c in children
        if Path(f"/proc/{c}/stat").exists()
        and Path(f"/proc/{c}/stat").read_text().split()[2] != "Z"
    ]
    assert children and not alive


# --- 9. a full disk ------------------------------------------------------------------------------


def test_a_full_disk_leaves_no_partial_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    import kztranscript.files as files

    real_write = os.write
    calls = {"n": 0}

    def full_after_one(fd: int, data: bytes) -> int:
        calls["n"] += 1
        if calls["n"] > 1:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(files.os, "write", full_after_one)
    r = cli_run("convert", str(SAMPLE), "--out-dir", str(tmp_path))
    assert r.exit_code == 1 and "No space left" in r.stderr and "\n" not in r.stderr.strip()
    assert list(tmp_path.iterdir()) == []  # neither the .srt nor a .part


def test_show_to_a_full_device_is_one_line() -> None:
    import subprocess
    import sys

    with open("/dev/full", "w") as full:
        r = subprocess.run(
            [sys.executable, "-m", "kztranscript", "show", str(SAMPLE)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
        )
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


# --- 10. characters XML forbids -------------------------------------------------------------------


def test_noncharacters_never_reach_the_xml(tmp_path: Path) -> None:
    text = "Форум открылся.\nИмя Фам\ufffeилия, аким\x01 района:\n- Мы готовы к работе, коллеги.\n"
    decoded = decode(text.encode("utf-8"), "x.txt")
    assert [f.code for f in decoded.findings] == [FindingCode.TEXT_REPLACED]
    result = run(decoded.text, "x\ufffe.txt", normalized=True, findings=decoded.findings)
    ElementTree.fromstring(render(result, "xml"))
    result = run("Вступление.\nИмя Фамилия, аким\ufffe:\n- Мы готовы к работе.", "y.txt")
    ElementTree.fromstring(render(result, "xml"))


# --- 12. one bad file among several; the error names the file and line ----------------------


def test_check_goes_on_past_a_file_it_cannot_time(tmp_path: Path) -> None:
    tight = tmp_path / "tight.txt"
    tight.write_text(
        "[00:00:01] Первое длинное предложение о работе форума в Астане.\n"
        "[00:00:01:05] Второе длинное предложение о делегации в Женеве.\n",
        encoding="utf-8",
    )
    missing = tmp_path / "missing.txt"
    r = cli_run("check", str(tight), str(missing), str(SAMPLE))
    assert r.exit_code == 1
    assert "tight.txt" in r.stdout and "missing.txt" in r.stdout
    assert "24kz_un_human_rights_ru.txt" in r.stdout and "3 file(s)" in r.stdout
    r = cli_run("convert", str(tight), "-o", "-", "--to", "srt")
    assert r.exit_code == 2 and "tight.txt:" in r.stderr and "\n" not in r.stderr.strip()


# --- 15. the small ones ---------------------------------------------------------------------------


def test_minor_promises(tmp_path: Path) -> None:
    import subprocess
    import sys

    r = cli_run("convert", str(SAMPLE), "-o", "-", "--to", "vtt", "--raise-line", "999%")
    assert r.exit_code == 2 and "--raise-line" in r.stderr
    odd = tmp_path / "two\nlines.txt"
    r = cli_run("show", str(odd))
    assert r.exit_code == 1 and r.stderr.count("\n") == 1 and "two\\nlines.txt" in r.stderr
    r = cli_run("convert", str(SAMPLE), "-o", "-", "--to", "srt", "--duration", "100:00:00")
    assert r.exit_code == 0 and "duration-mismatch" in r.stderr
    mid = tmp_path / "mid.txt"
    mid.write_text(
        "Форум открылся в Астане.\nПодготовила Динара Ахметова\nДелегаты обсудили повестку.\n",
        encoding="utf-8",
    )
    found = run(mid.read_text(encoding="utf-8")).findings
    assert [(f.code, f.line) for f in found] == [(FindingCode.CREDIT_MID_SCRIPT, 2)]
    show = subprocess.Popen(
        [sys.executable, "-m", "kztranscript", "show", str(SAMPLE)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert show.stdout is not None
    show.stdout.close()  # `| head -0`: the first write finds the pipe closed
    assert show.wait(timeout=60) == 0 and b"Traceback" not in (show.stderr or io.BytesIO()).read()


def test_a_word_longer_than_a_cue_is_cut_with_a_finding() -> None:
    result = run("Вступление к сюжету. " + "я" * 10_000 + " конец.")
    assert max(len(line) for c in result.cues for line in c.lines) <= 37
    assert "".join(c.text.replace("\n", "") for c in result.cues).count("я") == 10_000
    assert [f.code for f in result.findings] == [FindingCode.WORD_TOO_LONG]


def test_a_file_over_the_time_limit_fails_and_the_run_goes_on(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(SAMPLE_TEXT * 20, encoding="utf-8")
    out = tmp_path / "out"
    r = cli_run("batch", str(src), "-o", str(out), "--jobs", "1", "-q", "--time-limit", "0.01")
    assert r.exit_code == 1
    (row,) = _manifest(out)
    assert row["status"] == "failed" and "took over 0.01 s" in row["reason"]
    assert not list(out.glob("*.srt"))


def test_convert_of_a_file_named_in_another_code_page(tmp_path: Path) -> None:
    name = os.fsdecode(b"\xd1\xf6\xe5\xed\xe0\xf0\xe8\xe9.txt")
    (tmp_path / name).write_text(SAMPLE_TEXT, encoding="utf-8")
    r = cli_run("convert", str(tmp_path / name), "--out-dir", str(tmp_path / "o"))
    assert r.exit_code == 0, r.stderr
    assert "NOTE source: \\xd1\\xf6" in next((tmp_path / "o").glob("*.vtt")).read_text()
    r = cli_run("show", str(tmp_path / os.fsdecode(b"\xff.txt")))
    assert r.exit_code == 1 and "\\xff.txt: no such file" in r.stderr


def test_batch_of_a_device_is_a_failed_row(tmp_path: Path) -> None:
    r = cli_run("batch", "/dev/zero", "-o", str(tmp_path / "o"), "-q")
    assert r.exit_code == 1
    assert _manifest(tmp_path / "o")[0]["reason"] == "not a regular file"
