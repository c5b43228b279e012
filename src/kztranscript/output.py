"""Writing output files safely: all-or-nothing, atomically, never over a file without force."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from kztranscript.errors import OutputError


def encode(text: str, bom: bool = False, crlf: bool = False) -> bytes:
    """UTF-8 bytes; a BOM and CRLF line ends only when asked."""
    if crlf:
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8")
    return (b"\xef\xbb\xbf" + data) if bom else data


def write_all(files: Sequence[tuple[Path, bytes]], force: bool = False) -> None:
    """Write every file or none: refuse existing targets first, then temp file + rename each.

    Raises ``OutputError`` naming the path.
    """
    if not force:
        for path, _ in files:
            if path.exists():
                raise OutputError("already exists; use --force to overwrite", str(path))
    for path, _ in files:
        if path.is_dir():
            raise OutputError("is a directory", str(path))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(
                f"cannot create the folder ({exc.strerror})", str(path.parent)
            ) from None
    for path, data in files:
        atomic_write(path, data)


def _file_mode() -> int:
    """The mode a plain ``open(..., "w")`` would give (mkstemp makes files private)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def atomic_write(path: Path, data: bytes, durable: bool = True) -> None:
    """Write to a temporary file beside ``path``, then rename it over ``path``.

    Readers never see a half-written file, even if the process is killed. ``durable`` also
    fsyncs before the rename, so the file survives a power cut; batch runs skip that per
    file (it serializes on the disk) and rely on ``--resume`` instead.
    """
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as exc:
        raise OutputError(f"cannot write ({exc.strerror})", str(path)) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            if durable:
                f.flush()
                os.fsync(f.fileno())
        os.chmod(tmp, _file_mode())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write ({exc.strerror})", str(path)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
