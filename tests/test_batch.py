"""Batch conversion of a generated archive: encodings, documents, bad files, kill + resume."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from kztranscript.cli import cli

from .conftest import DATA, SAMPLE

TEXT = SAMPLE.read_text(encoding="utf-8")
PLAIN = TEXT.replace("«", '"').replace("»", '"')  # KOI8-R and cp866 have no guillemets


def rtf_of(text: str) -> bytes:
    """An RTF file as Word writes Cyrillic: \\'xx escapes in cp1251, \\uN for the rest."""
    body = []
    for ch in text:
        if ch == "\n":
            body.append("\\par\n")
        elif ord(ch) < 128:
            body.append({"\\": "\\\\", "{": "\\{", "}": "\\}"}.get(ch, ch))
        else:
            try:
                body.append("".join(f"\\'{b:02x}" for b in ch.encode("cp1251")))
            except UnicodeEncodeError:
                body.append(f"\\u{ord(ch)}?")
    head = "{\\rtf1\\ansi\\ansicpg1251\\deff0{\\fonttbl{\\f0\\fcharset204 Times New Roman;}}\\f0 "
    return (head + "".join(body) + "}").encode("ascii")


def docx_of(text: str) -> bytes:
    d = docx.Document()
    for para in text.split("\n"):
        d.add_paragraph(para)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def make_archive(root: Path) -> dict[str, str | None]:
    """Files → expected failure word (None for good ones)."""
    files: dict[str, tuple[bytes, str | None]] = {
        "utf8.txt": (TEXT.encode(), None),
        "enc/cp1251.txt": (TEXT.encode("cp1251"), None),
        "enc/koi8r.txt": (PLAIN.encode("koi8_r"), None),
        "enc/cp866.txt": (PLAIN.encode("cp866"), None),
        "enc/utf16.txt": (TEXT.encode("utf-16"), None),
        "enc/utf8bom.txt": (TEXT.encode("utf-8-sig"), None),
        "docs/word.docx": (docx_of(TEXT), None),
        "docs/old.rtf": (rtf_of(TEXT), None),
        "clash/a.txt": (TEXT.encode(), None),
        "clash/a.rtf": (rtf_of(TEXT), None),
        "Сюжет о правах человека.txt": (TEXT.encode(), None),
        "bad/empty.txt": (b"", "empty"),
        "bad/binary.txt": (b"\x00\x01\x02PK" * 50, "binary"),
        "bad/huge.txt": (TEXT.encode() * 40, "max-size"),
        "bad/broken.docx": (b"PK\x03\x04 not a real zip", "docx"),
        "ignored.pdf": (b"%PDF-1.4", None),
    }
    for rel, (data, _) in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (root / "bad" / "gone.txt").symlink_to(root / "bad" / "no-such-target.txt")
    os.mkfifo(root / "bad" / "pipe.txt")  # unreadable as a script even for root
    (root / "bad" / "escape.txt").symlink_to("/etc/hostname")
    expected = {rel: why for rel, (_, why) in files.items() if rel != "ignored.pdf"}
    expected["bad/gone.txt"] = "no such file"
    expected["bad/pipe.txt"] = "not a regular file"
    expected["bad/escape.txt"] = "symlink"
    return expected


def manifest(out: Path) -> list[dict[str, str]]:
    return list(csv.DictReader((out / "manifest.csv").read_text(encoding="utf-8").splitlines()))


def run_cli(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_archive(tmp_path: Path) -> None:
    src, out = tmp_path / "archive", tmp_path / "out"
    expected = make_archive(src)
    r = run_cli("batch", str(src), "-o", str(out), "--jobs", "2", "--max-size", "100kB", "-q")
    assert r.exit_code == 1, r.stderr  # some inputs failed
    rows = {row["path"]: row for row in manifest(out)}
    assert set(rows) == set(expected)
    for rel, why in expected.items():
        row = rows[rel]
        if why is None:
            assert row["status"] == "ok", (rel, row["reason"])
            assert row["segments"] == "10" and row["lowerthirds"] == "5"
        else:
            assert row["status"] == "failed", rel
            assert why in row["reason"].lower(), (rel, row["reason"])
    assert rows["enc/koi8r.txt"]["encoding"] == "koi8-r"
    assert rows["enc/cp866.txt"]["encoding"] == "cp866"
    assert rows["docs/old.rtf"]["encoding"] == "rtf-cp1251"

    # every good output is byte-identical to what `convert` makes of the same file
    for rel, why in expected.items():
        if why is not None:
            continue
        ref = tmp_path / "ref" / rel
        ref.parent.mkdir(parents=True, exist_ok=True)
        r = run_cli("convert", str(src / rel), "--out-dir", str(ref.parent), "-q", "--force")
        assert r.exit_code == 0, r.stderr
        stem = Path(rel).stem
        # two inputs with one stem in a folder keep their suffix in output names
        out_stem = Path(rel).name if rel.startswith("clash/") else stem
        for suffix in (".srt", ".vtt", ".lowerthirds.csv"):
            got = (out / rel).parent / f"{out_stem}{suffix}"
            assert got.read_bytes() == (ref.parent / f"{stem}{suffix}").read_bytes(), got
        transcript = json.loads(((out / rel).parent / f"{out_stem}.transcript.json").read_text())
        assert (
            transcript["schema"] == "kztranscript/script"
            and "start_ms" in transcript["segments"][0]
        )
    assert not list(out.rglob("*.part")) and not list(out.rglob(".*"))

    segments = [json.loads(x) for x in (out / "segments.jsonl").read_text().splitlines()]
    assert len(segments) == 10 * sum(1 for w in expected.values() if w is None)
    assert {s["kind"] for s in segments} == {"lead", "voiceover", "standup", "sync"}

    # a second run refuses to overwrite; --force reruns byte-identically
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    r = run_cli("batch", str(src), "-o", str(out), "-q")
    assert r.exit_code == 2 and "--resume" in r.stderr
    r = run_cli("batch", str(src), "-o", str(out), "--force", "--max-size", "100kB", "-q")
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before


def test_speakers_merge_variants(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    speech = "- " + "Мы построили новый сквер и посадили деревья вдоль всей набережной. " * 2
    for i, name in enumerate(["Пётр Семёнов", "Петр Семенов", "ПЕТР СЕМЕНОВ", "Пeтр Семeнов"]):
        (src / f"{i}.txt").write_text(f"Сквер открыт.\n{name}, архитектор:\n{speech}\n")
    (src / "other.txt").write_text(f"Сквер открыт.\nПавел Семёнов, архитектор:\n{speech}\n")
    # the same title written before the name ("Архитектор Пётр Семёнов:") is not a second one
    (src / "5.txt").write_text(f"Сквер открыт.\nАрхитектор Пётр Семёнов:\n{speech}\n")
    out = tmp_path / "out"
    r = run_cli("batch", str(src), "-o", str(out), "--jobs", "1")
    assert r.exit_code == 0
    assert "2 speakers in speakers.csv; 1 written more than one way" in r.stderr
    rows = list(csv.DictReader((out / "speakers.csv").read_text().splitlines()))
    assert len(rows) == 2
    petr = next(r for r in rows if r["key"] == "петр семенов")
    assert petr["scripts"] == "5" and petr["appearances"] == "5"
    assert petr["titles"] == "архитектор"
    assert set(petr["variants"].split(" | ")) == {
        "Пётр Семёнов",
        "Петр Семенов",
        "ПЕТР СЕМЕНОВ",
        "Пeтр Семeнов",
    }
    assert petr["first_script"] == "0.txt"


def test_untranscribed_syncs_count_in_the_speaker_index(tmp_path: Path) -> None:
    import json

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(
        (DATA / "parser" / "caption_only_ru.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    out = tmp_path / "out"
    assert run_cli("batch", str(src), "-o", str(out), "--jobs", "1", "-q").exit_code == 0
    rows = list(csv.DictReader((out / "speakers.csv").read_text().splitlines()))
    bekov = next(r for r in rows if r["name"] == "МАРАТ БЕКОВ")
    assert bekov["appearances"] == "2" and bekov["scripts"] == "1"
    lines = [json.loads(x) for x in (out / "segments.jsonl").read_text().splitlines()]
    assert [x["speaker"] for x in lines if x.get("transcribed") is False] == [
        "МАРАТ БЕКОВ",
        "ИРИНА СОКОЛОВА",
        "МАРАТ БЕКОВ",
        "Нина Петрова",
    ]


def test_odd_file_names_and_inert_cells(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for name in ('=HYPERLINK("x").txt', 'кавычки "да".txt', "new\nline.txt", "space name.txt"):
        (src / name).write_text(TEXT)
    out = tmp_path / "out"
    assert run_cli("batch", str(src), "-o", str(out), "-q").exit_code == 0
    rows = manifest(out)
    assert len(rows) == 4 and all(r["status"] == "ok" for r in rows)
    assert any(r["path"].startswith("'=HYPERLINK") for r in rows)
    assert (out / "new\nline.srt").exists()


ARCHIVE_SIZE = 120


def _batch_cmd(src: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "kztranscript", "batch", str(src), "-o", str(out), "-q", *extra]


def test_kill_and_resume(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(ARCHIVE_SIZE):
        (src / f"s{i:03d}.txt").write_text(TEXT.replace("Женеве", f"Женеве {i}"))
    full, killed = tmp_path / "full", tmp_path / "killed"
    subprocess.run(_batch_cmd(src, full, "--jobs", "2"), check=True, timeout=600)

    proc = subprocess.Popen(_batch_cmd(src, killed, "--jobs", "2"), start_new_session=True)
    deadline = time.time() + 120
    while time.time() < deadline and len(list(killed.glob("*.srt"))) < ARCHIVE_SIZE // 4:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done = list(killed.glob("*.srt"))
    assert 0 < len(done) < ARCHIVE_SIZE, "the kill came too late to test anything"
    # no partial output: every visible file is whole; only hidden temp files (.*.part, which
    # atomic writes rename into place) and the resume journal may be left by the kill
    hidden = [p.name for p in killed.iterdir() if p.name.startswith(".")]
    # (and the run's lock, which a killed run cannot remove)
    assert all(n.endswith(".part") or n == ".kztranscript.lock" for n in hidden), hidden
    visible = [p for p in killed.iterdir() if not p.name.startswith(".")]
    for p in visible:
        assert p.read_bytes() == (full / p.name).read_bytes(), p.name
    assert not (killed / "manifest.csv").exists()

    r = subprocess.run(_batch_cmd(src, killed, "--jobs", "2", "--resume"), timeout=600)
    assert r.returncode == 0
    names = sorted(p.name for p in full.iterdir())
    assert sorted(p.name for p in killed.iterdir()) == names
    for name in names:
        assert (killed / name).read_bytes() == (full / name).read_bytes(), name


def test_batch_bad_usage(tmp_path: Path) -> None:
    r = run_cli("batch", str(SAMPLE), "-o", str(tmp_path / "o"), "--max-size", "lots")
    assert r.exit_code == 2 and "--max-size" in r.stderr
    blocker = tmp_path / "file"
    blocker.write_text("x")
    r = run_cli("batch", str(SAMPLE), "-o", str(blocker))
    assert r.exit_code == 2


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    locked = src / "locked.txt"
    locked.write_text(TEXT)
    locked.chmod(0)
    r = run_cli("batch", str(src), "-o", str(tmp_path / "out"), "-q")
    assert r.exit_code == 1
    assert "permission" in manifest(tmp_path / "out")[0]["reason"].lower()


def test_symlinks_in_the_output_tree_lead_nowhere(tmp_path: Path) -> None:
    """A symlinked folder or file planted in OUT_DIR never makes batch write outside it."""
    src, out, outside = tmp_path / "in", tmp_path / "out", tmp_path / "outside"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text("Ведущий текст. Второе предложение.\n", encoding="utf-8")
    (src / "sub" / "b.txt").write_text("Ещё один текст.\n", encoding="utf-8")
    outside.mkdir()
    (outside / "a.srt").write_text("keep", encoding="utf-8")
    out.mkdir()
    (out / "a.srt").symlink_to(outside / "a.srt")
    (out / "sub").symlink_to(outside, target_is_directory=True)
    r = run_cli("batch", str(src), "-o", str(out), "-q", "--force", "--jobs", "1")
    assert (outside / "a.srt").read_text(encoding="utf-8") == "keep"
    assert sorted(p.name for p in outside.iterdir()) == ["a.srt"]
    assert (out / "a.srt").is_file() and not (out / "a.srt").is_symlink()
    rows = {row["path"]: row for row in manifest(out)}
    assert rows["a.txt"]["status"] == "ok"
    assert rows["sub/b.txt"]["status"] == "failed"
    assert "outside" in rows["sub/b.txt"]["reason"]
    assert r.exit_code == 1


def test_inputs_with_the_same_name_get_their_own_output_folders(tmp_path: Path) -> None:
    """Two input folders both called "archive": neither script's outputs replace the other's."""
    one, two, out = tmp_path / "1" / "archive", tmp_path / "2" / "archive", tmp_path / "out"
    one.mkdir(parents=True)
    two.mkdir(parents=True)
    (one / "s.txt").write_text("Первый текст.\n", encoding="utf-8")
    (two / "s.txt").write_text("Второй текст.\n", encoding="utf-8")
    r = run_cli("batch", str(one), str(two), "-o", str(out), "-q", "--force", "--jobs", "1")
    assert r.exit_code == 0, r.output
    assert [row["path"] for row in manifest(out)] == ["archive/s.txt", "archive-2/s.txt"]
    assert "Первый" in (out / "archive" / "s.srt").read_text(encoding="utf-8")
    assert "Второй" in (out / "archive-2" / "s.srt").read_text(encoding="utf-8")


def test_a_symlink_planted_between_runs_is_seen_by_the_next_run(tmp_path: Path) -> None:
    """Output folders are checked once a run: a second run in the same process checks again."""
    src, out, outside = tmp_path / "in", tmp_path / "out", tmp_path / "outside"
    (src / "sub").mkdir(parents=True)
    (src / "sub" / "b.txt").write_text("Ещё один текст.\n", encoding="utf-8")
    outside.mkdir()
    assert run_cli("batch", str(src), "-o", str(out), "-q", "--jobs", "1").exit_code == 0
    for f in (out / "sub").iterdir():
        f.unlink()
    (out / "sub").rmdir()
    (out / "sub").symlink_to(outside, target_is_directory=True)
    r = run_cli("batch", str(src), "-o", str(out), "-q", "--force", "--jobs", "1")
    assert r.exit_code == 1
    assert list(outside.iterdir()) == []
    assert "outside" in manifest(out)[0]["reason"]
