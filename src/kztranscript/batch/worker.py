"""One input of a batch run: read, hash, convert through ``pipeline.run``, write atomically.

Runs in worker processes. Never raises for a bad input: the manifest row says why it failed.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import stat
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from kztranscript import __version__
from kztranscript.batch.index import SpeakerSeen
from kztranscript.batch.jobs import Job
from kztranscript.errors import KzError
from kztranscript.files import encode, escaped, write_all
from kztranscript.model import Severity
from kztranscript.pipeline import Options, Result, render, run
from kztranscript.reading import Decoded, decode_document
from kztranscript.speakers import name_key
from kztranscript.writers import WRITERS, formats, names
from kztranscript.writers.transcript import dumps, script_dict

DEFAULT_FORMATS = ("srt", "vtt", "csv", "transcript")
FORMATS = names(formats("caption", "graphics", "transcript"))
MANIFEST_FIELDS = (
    "path",
    "size",
    "sha256",
    "encoding",
    "status",
    "reason",
    "segments",
    "speakers",
    "cues",
    "lowerthirds",
    "findings",
    "outputs",
    "options",
    "tool",
)


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """Everything that shapes the outputs (hashed for ``--resume``) and how to run."""

    pipeline: Options = field(default_factory=Options)
    formats: tuple[str, ...] = DEFAULT_FORMATS
    encoding: str | None = None
    bom: bool = False
    csv_bom: bool = True
    crlf: bool = False
    max_size: int = 10 * 1024 * 1024
    durable: bool = False  # fsync every output before its rename (--fsync)
    time_limit_s: float = 120.0  # one file converting longer than this fails (--time-limit)

    def fingerprint(self) -> str:
        """A short hash of the options that change outputs, and the tool version."""
        return _fingerprint(self)


@lru_cache(maxsize=8)
def _fingerprint(opts: BatchOptions) -> str:
    # cached: every file's worker asks for it, and the options are the same for the whole run
    data = json.dumps(
        [repr(opts.pipeline), opts.formats, opts.encoding, opts.bom, opts.csv_bom, opts.crlf],
        ensure_ascii=False,
    )
    return hashlib.sha256(f"{__version__}|{data}".encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class JobResult:
    row: dict[str, Any]
    segments: tuple[str, ...] = ()  # JSON lines for segments.jsonl
    speakers: tuple[SpeakerSeen, ...] = ()
    skipped: bool = False


# Output folders already resolved and checked, or made, in this run (cleared by run_batch;
# a worker process starts with the state of the run that forked it).
_RESOLVED: dict[tuple[str, str], Path] = {}
_MADE: set[Path] = set()


def forget_folders() -> None:
    """Start a run with no output folders known (a new run may use other folders)."""
    _RESOLVED.clear()
    _MADE.clear()


def _out_root(out_dir: str) -> Path:
    root = _RESOLVED.get((out_dir, ""))
    if root is None:
        root = _RESOLVED[(out_dir, "")] = Path(out_dir).resolve()
    return root


def _out_paths(job: Job, root: Path, fmts: tuple[str, ...]) -> dict[str, Path]:
    """Where the outputs of ``job`` go under ``root`` (the resolved output folder)."""
    rel_dir = Path(job.rel).parent
    # The folder is resolved (a symlink in the output tree could lead out of it), once a run;
    # the files themselves are replaced by rename, which never writes through a symlink.
    folder = _RESOLVED.get((str(root), str(rel_dir)))
    if folder is None:
        folder = (root / rel_dir).resolve()
        if not folder.is_relative_to(root):
            raise KzError("output would land outside the output folder", job.label)
        _RESOLVED[(str(root), str(rel_dir))] = folder
    return {fmt: folder / WRITERS[fmt].filename(job.stem) for fmt in fmts}


def _read(path: Path, size: int) -> bytes:
    """The whole file, in as few system calls as it takes (open, read, read, close)."""
    # O_BINARY: on Windows os.open would otherwise translate line ends and stop at Ctrl-Z
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
    try:
        chunks = [os.read(fd, size + 1)]
        while chunks[-1]:  # the file may have grown since it was measured
            chunks.append(os.read(fd, 1 << 20))
        return b"".join(chunks)
    finally:
        os.close(fd)


def _failed(job: Job, reason: str, size: int | None = None, sha: str = "") -> JobResult:
    row: dict[str, Any] = dict.fromkeys(MANIFEST_FIELDS, "")
    row.update(path=job.label, size=size if size is not None else "", sha256=sha, status="failed")
    row.update(reason=reason, tool=f"kztranscript {__version__}")
    return JobResult(row)


def _segment_lines(rel: str, transcript: dict[str, Any]) -> tuple[str, ...]:
    lines = []
    for seg in transcript["segments"]:
        sp = seg["speaker"] or {}
        lines.append(
            json.dumps(
                {
                    "file": rel,
                    "index": seg["index"],
                    "kind": seg["kind"],
                    "speaker": sp.get("name"),
                    "title": sp.get("title"),
                    "language": transcript["language"],
                    "start_ms": seg.get("start_ms"),
                    "end_ms": seg.get("end_ms"),
                    "line": seg["line"],
                    "text": " ".join(seg["paragraphs"]),
                    **({} if seg.get("transcribed", True) else {"transcribed": False}),
                },
                ensure_ascii=False,
            )
        )
    return tuple(lines)


def _speakers_seen(transcript: dict[str, Any]) -> tuple[SpeakerSeen, ...]:
    seen = []
    for seg in transcript["segments"]:
        sp = seg["speaker"]
        if sp and sp.get("name"):
            seen.append(
                SpeakerSeen(name_key(sp["name"]), sp["name"], sp["title"] or "", sp["role"])
            )
    return tuple(seen)


def _read_input(job: Job, opts: BatchOptions) -> tuple[bytes, int] | JobResult:
    """The input's bytes and size, or the failed result that says why not."""
    path = Path(job.path)
    try:
        try:
            st = path.stat()
        except FileNotFoundError:
            return _failed(job, "no such file")
        if not stat.S_ISREG(st.st_mode):  # a FIFO or a device would block or never end
            return _failed(job, "not a regular file")
        size = st.st_size
        if size > opts.max_size:
            return _failed(job, f"larger than --max-size ({size} > {opts.max_size} bytes)", size)
        return _read(path, size), size
    except OSError as exc:
        return _failed(job, f"cannot read ({exc.strerror or exc.__class__.__name__})")


def _outputs_cell(files: list[tuple[Path, bytes]], root: Path) -> str:
    """The manifest's ``outputs``: a JSON list of each file's name (from the output folder),
    size and sha256, which ``--resume`` checks before it trusts a file."""
    return json.dumps(
        [
            {
                "name": escaped(out.relative_to(root).as_posix()),
                "size": len(data),
                "sha256": hashlib.sha256(data).hexdigest(),
            }
            for out, data in files
        ],
        ensure_ascii=False,
    )


def _outputs_intact(previous: dict[str, Any], paths: dict[str, Path]) -> bool:
    """Whether every output an earlier run recorded is still there as it wrote it (a crash,
    a truncation or an edit since then means converting again)."""
    try:
        recorded = json.loads(previous.get("outputs") or "[]")
    except ValueError:
        return False
    if not isinstance(recorded, list) or len(recorded) != len(paths):
        return False
    for entry, path in zip(recorded, paths.values(), strict=True):
        try:
            if path.stat().st_size != entry["size"]:
                return False
            if hashlib.sha256(path.read_bytes()).hexdigest() != entry["sha256"]:
                return False
        except (OSError, KeyError, TypeError):
            return False
    return True


def _resumed(job: Job, previous: dict[str, Any], paths: dict[str, Path]) -> JobResult | None:
    """The earlier run's result, when its outputs are intact and its transcript can be read
    (else None: convert again)."""
    if not _outputs_intact(previous, paths):
        return None
    try:
        transcript = json.loads(paths["transcript"].read_text(encoding="utf-8"))
        return JobResult(
            previous, _segment_lines(job.label, transcript), _speakers_seen(transcript), True
        )
    except (OSError, ValueError, KeyError):
        return None  # a damaged transcript: convert again


def _convert(
    data: bytes, job: Job, opts: BatchOptions, paths: dict[str, Path]
) -> tuple[Decoded, Result, dict[str, Any], list[tuple[Path, bytes]]]:
    """Decode and run the pipeline; the files to write. Raises ``KzError``."""
    decoded = decode_document(data, job.label, opts.encoding)
    result = run(
        decoded.text,
        Path(job.label).name,
        opts.pipeline,
        normalized=True,
        findings=decoded.findings,
    )
    if not result.cues:
        raise KzError("no spoken text to caption")
    transcript = script_dict(result.script, result.timeline)  # written, and indexed
    files = []
    for fmt, out in paths.items():
        writer = WRITERS[fmt]
        bom = opts.bom if writer.kind == "caption" else opts.csv_bom and writer.bom
        text = dumps(transcript) if fmt == "transcript" else render(result, fmt)
        files.append((out, encode(text, bom, opts.crlf)))
    return decoded, result, transcript, files


def _write(files: list[tuple[Path, bytes]], durable: bool) -> None:
    for folder in {out.parent for out, _ in files} - _MADE:  # all in one folder, in fact
        folder.mkdir(parents=True, exist_ok=True)
        _MADE.add(folder)
    write_all(files, force=True, durable=durable)  # all of a script's outputs, or none


class _TimeUp(Exception):
    """One file took longer than the batch's per-file time limit."""


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise ``_TimeUp`` in the block after ``seconds`` (a real-time timer; only in a
    process's main thread, where signals arrive: elsewhere the block runs unlimited)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def up(signum: int, frame: Any) -> None:
        raise _TimeUp

    previous = signal.signal(signal.SIGALRM, up)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def limit_memory(megabytes: int) -> None:
    """Cap this (worker) process's data memory, so one hostile file fails with MemoryError
    instead of taking the machine (where the system has no such limit, nothing happens)."""
    try:
        import resource

        limit = megabytes * 2**20
        _, hard = resource.getrlimit(resource.RLIMIT_DATA)
        if hard == resource.RLIM_INFINITY or hard > limit:
            resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))
    except (ImportError, ValueError, OSError):  # pragma: no cover - not Linux/macOS
        pass


def process(
    job: Job, out_dir: str, opts: BatchOptions, overwrite: bool, previous: dict[str, Any] | None
) -> JobResult:
    """Convert one input; never raises for a bad input (the result row says why it failed)."""
    if job.problem:
        return _failed(job, job.problem)
    read = _read_input(job, opts)
    if isinstance(read, JobResult):
        return read
    data, size = read
    sha = hashlib.sha256(data).hexdigest()
    fingerprint = opts.fingerprint()
    root = _out_root(out_dir)
    try:
        paths = _out_paths(job, root, opts.formats)
    except KzError as exc:
        return _failed(job, exc.reason, size, sha)
    if (
        previous is not None
        and previous.get("sha256") == sha
        and previous.get("options") == fingerprint
        and previous.get("status") in ("ok", "warning")
        and "transcript" in paths
        and all(p.exists() for p in paths.values())
    ):
        resumed = _resumed(job, previous, paths)
        if resumed is not None:
            return resumed
    try:
        with _time_limit(opts.time_limit_s):
            decoded, result, transcript, files = _convert(data, job, opts, paths)
    except _TimeUp:
        return _failed(job, f"took over {opts.time_limit_s:g} s to convert; left out", size, sha)
    except MemoryError:
        return _failed(job, "needed more memory than a worker may use; left out", size, sha)
    except KzError as exc:
        reason = f"line {exc.line}: {exc.reason}" if exc.line is not None else exc.reason
        return _failed(job, reason, size, sha)
    except Exception as exc:  # a bug must not stop the archive: report it on the file
        return _failed(job, f"internal error ({exc.__class__.__name__}: {exc})", size, sha)
    if not overwrite and any(p.exists() for p, _ in files):
        return _failed(job, "outputs exist; use --force or --resume", size, sha)
    try:
        _write(files, opts.durable)
    except (KzError, OSError) as exc:
        return _failed(job, f"cannot write outputs ({exc})", size, sha)
    worst = {f.severity for f in result.findings}
    row = {
        "path": job.label,
        "size": size,
        "sha256": sha,
        "encoding": decoded.encoding,
        "status": "warning" if worst & {Severity.ERROR, Severity.WARNING} else "ok",
        "reason": "",
        "segments": len(result.script.segments),
        "speakers": len(result.script.speakers),
        "cues": len(result.cues),
        "lowerthirds": len(result.lower_thirds),
        "findings": len(result.findings),
        "outputs": _outputs_cell(files, root),
        "options": fingerprint,
        "tool": f"kztranscript {__version__}",
    }
    return JobResult(row, _segment_lines(job.label, transcript), _speakers_seen(transcript))
