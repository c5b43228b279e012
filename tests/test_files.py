"""Atomic writes: whole files or none, the mode a plain open() gives, no temp file left."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kztranscript.errors import OutputError
from kztranscript.files import atomic_write, write_all


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_atomic_write_mode_follows_the_umask(tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        atomic_write(tmp_path / "a.srt", b"1\n", durable=False)
        (tmp_path / "plain").write_bytes(b"1\n")
    finally:
        os.umask(old)
    assert (tmp_path / "a.srt").stat().st_mode & 0o777 == 0o666 & ~umask
    assert (tmp_path / "a.srt").stat().st_mode == (tmp_path / "plain").stat().st_mode


def test_atomic_write_replaces_whole_and_leaves_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "a.vtt"
    target.write_bytes(b"old")
    data = os.urandom(3 * 1024 * 1024)  # larger than one write() may take
    atomic_write(target, data)
    assert target.read_bytes() == data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.vtt"]


def test_atomic_write_failure_names_the_path_and_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "missing-folder" / "a.srt"
    with pytest.raises(OutputError) as info:
        atomic_write(target, b"x")
    assert "missing-folder" in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_write_all_refuses_existing_files_before_writing_any(tmp_path: Path) -> None:
    (tmp_path / "b.vtt").write_bytes(b"keep")
    with pytest.raises(OutputError):
        write_all([(tmp_path / "a.srt", b"new"), (tmp_path / "b.vtt", b"new")])
    assert not (tmp_path / "a.srt").exists()
    assert (tmp_path / "b.vtt").read_bytes() == b"keep"
