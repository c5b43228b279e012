"""Writing output files safely: all-or-nothing, atomically, never over a file without force."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from kztranscript.errors import OutputError, OutputExistsError


def escaped(name: str) -> str:
    """A file name as UTF-8 text: undecodable bytes (surrogate escapes) as ``\\xNN``.

    >>> escaped("сценарий.txt"), escaped(b"\\xd1\\xf6.txt".decode("utf-8", "surrogateescape"))
    ('сценарий.txt', '\\\\xd1\\\\xf6.txt')
    """
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def encode(text: str, bom: bool = False, crlf: bool = False) -> bytes:
    """UTF-8 bytes; a BOM and CRLF line ends only when asked."""
    if crlf:
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8")
    return (b"\xef\xbb\xbf" + data) if bom else data


def write_all(
    files: Sequence[tuple[Path, bytes]], force: bool = False, durable: bool = True
) -> None:
    """Write every file or none: refuse existing targets first, write every file's bytes to
    a temporary file beside it, and only when all are written rename them into place (a
    full disk leaves no partial set).

    Raises ``OutputExistsError`` (an ``OutputError``) for an existing target unless ``force``,
    and ``OutputError`` naming the path when a file cannot be written.
    """
    if not force:
        for path, _ in files:
            if path.exists():
                raise OutputExistsError("already exists", str(path))
    for path, _ in files:
        if path.is_dir():
            raise OutputError("is a directory", str(path))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(
                f"cannot create the folder ({exc.strerror})", str(path.parent)
            ) from None
    temps: list[tuple[str, Path]] = []
    try:  # every file's bytes on disk first (a full disk fails here, before any rename)…
        for path, data in files:
            temps.append((_write_temp(path, data, durable), path))
    except BaseException:
        for tmp, _ in temps:
            Path(tmp).unlink(missing_ok=True)
        raise
    for tmp, path in temps:  # …then each one renamed into place
        try:
            os.replace(tmp, path)
        except OSError as exc:
            for rest, _ in temps:
                Path(rest).unlink(missing_ok=True)
            raise OutputError(f"cannot write ({exc.strerror})", str(path)) from None


# O_BINARY: on Windows os.open would otherwise write \n as \r\n.
_NEW_FILE = (
    os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
)


def _temp_file(path: Path) -> tuple[int, str]:
    """A new hidden file beside ``path``: ``.name.XXXXXXXX.part``, created exclusively.

    Created with mode 0o666 less the umask, as a plain ``open(..., "w")`` would; a few
    system calls, not tempfile's dozen (it counts in a batch of thousands of files).
    """
    for _ in range(100):
        tmp = os.path.join(path.parent, f".{path.name}.{os.urandom(4).hex()}.part")
        try:
            return os.open(tmp, _NEW_FILE, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {path}")


def _write_temp(path: Path, data: bytes, durable: bool) -> str:
    """``data`` in a new temporary file beside ``path`` (its name returned); on any failure
    the temporary file is gone and ``OutputError`` names ``path``."""
    try:
        fd, tmp = _temp_file(path)
    except OSError as exc:
        raise OutputError(f"cannot write ({exc.strerror or exc})", str(path)) from None
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write ({exc.strerror})", str(path)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def atomic_write(path: Path, data: bytes, durable: bool = True) -> None:
    """Write to a temporary file beside ``path``, then rename it over ``path``.

    Readers never see a half-written file, even if the process is killed. ``durable`` also
    fsyncs before the rename, so the file survives a power cut; batch runs skip that per
    file (it serializes on the disk) and rely on ``--resume`` instead.
    """
    tmp = _write_temp(path, data, durable)
    try:
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write ({exc.strerror})", str(path)) from None
