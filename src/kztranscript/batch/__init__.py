"""Batch conversion of script archives: walk, convert in worker processes, index the archive.

Each input is read, hashed and run through ``pipeline.run`` in a worker (``worker``); its
outputs are written atomically under the output folder, mirroring the input tree (``jobs``).
The parent streams the results, in input order, into ``manifest.csv``, ``manifest.jsonl`` and
``segments.jsonl`` (hidden ``.part`` files renamed at the end) and folds the speakers into
``speakers.csv`` (``index``). A killed run leaves only whole files and the partial manifest,
from which ``--resume`` carries on. No logic of parsing, timing or formatting lives here.
"""

from __future__ import annotations

import errno
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from kztranscript.batch.index import SpeakerIndex, csv_line, fold_speaker, speakers_csv
from kztranscript.batch.jobs import DEFAULT_GLOBS, Job, find_jobs
from kztranscript.batch.worker import (
    DEFAULT_FORMATS,
    FORMATS,
    MANIFEST_FIELDS,
    BatchOptions,
    JobResult,
    forget_folders,
    limit_memory,
    process,
)
from kztranscript.errors import OptionsError, OutputError
from kztranscript.files import atomic_write

__all__ = [
    "DEFAULT_FORMATS",
    "DEFAULT_GLOBS",
    "FORMATS",
    "BatchOptions",
    "Job",
    "JobResult",
    "Summary",
    "find_jobs",
    "process",
    "run_batch",
]

JOURNAL = ".manifest.jsonl.part"


@dataclass(frozen=True, slots=True)
class Summary:
    total: int
    ok: int
    warning: int
    failed: int
    skipped: int
    failures: tuple[tuple[str, str], ...]
    speakers: int = 0  # distinct people in the archive
    spelling_variants: int = 0  # people written more than one way (see speakers.csv)


def _previous_rows(out_dir: Path) -> dict[str, dict[str, Any]]:
    """Rows of an earlier run: the finished manifest, then a killed run's journal."""
    rows: dict[str, dict[str, Any]] = {}
    for name in ("manifest.jsonl", JOURNAL):
        path = out_dir / name
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                row = json.loads(line)
            except ValueError:
                continue  # a line cut off by a kill
            if isinstance(row, dict) and "path" in row:
                rows[row["path"]] = row
    return rows


_TEMP = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.part$")


def _remove_stale_temp_files(out: Path) -> None:
    """Temp files a killed run left behind (``.name.XXXXXXXX.part`` from ``atomic_write``)."""
    for dirpath, _, filenames in os.walk(out, followlinks=False):
        for name in filenames:
            if _TEMP.match(name):
                Path(dirpath, name).unlink(missing_ok=True)


def _prepare(out_dir: str, resume: bool, force: bool) -> Path:
    """The output folder, made; an earlier run there only with resume or force."""
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise OptionsError(f"{out_dir} is not a folder", option="out_dir")
    if (out / "manifest.jsonl").exists() and not (force or resume):
        raise OptionsError(
            f"{out_dir} holds an earlier run (manifest.jsonl); resume it to finish or update "
            "it, or force it to convert everything again",
            option="resume",
        )
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the output folder ({exc.strerror})", out_dir) from None
    forget_folders()
    if resume or force:
        _remove_stale_temp_files(out)
    return out


class _Tally:
    """The archive files a run streams into, and its counts."""

    def __init__(self, manifest: IO[str], journal: IO[str], segments: IO[str]) -> None:
        self.manifest, self.journal, self.segments = manifest, journal, segments
        self.manifest.write(csv_line(MANIFEST_FIELDS))
        self.speakers: dict[str, SpeakerIndex] = {}
        self.counts = {"ok": 0, "warning": 0, "failed": 0}
        self.skipped = 0
        self.failures: list[tuple[str, str]] = []

    def add(self, res: JobResult) -> None:
        row = res.row
        self.manifest.write(csv_line(row.get(f, "") for f in MANIFEST_FIELDS))
        record = {f: row.get(f, "") for f in MANIFEST_FIELDS}
        self.journal.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.journal.flush()
        for line in res.segments:
            self.segments.write(line + "\n")
        for seen in res.speakers:
            fold_speaker(self.speakers, seen, row["path"])
        self.counts[row["status"]] += 1
        self.skipped += res.skipped
        if row["status"] == "failed":
            self.failures.append((row["path"], row["reason"]))

    def summary(self) -> Summary:
        c = self.counts
        variants = sum(1 for sp in self.speakers.values() if len(sp.variants) > 1)
        return Summary(
            sum(c.values()),
            c["ok"],
            c["warning"],
            c["failed"],
            self.skipped,
            tuple(self.failures),
            len(self.speakers),
            variants,
        )


def run_batch(
    inputs: Iterable[str],
    out_dir: str,
    opts: BatchOptions,
    *,
    globs: tuple[str, ...] = DEFAULT_GLOBS,
    jobs: int = 1,
    resume: bool = False,
    force: bool = False,
    progress: Callable[[JobResult], None] | None = None,
) -> Summary:
    """Convert every script under ``inputs`` into ``out_dir`` and write the archive indexes.

    Raises ``OptionsError`` when ``out_dir`` is a file, or holds an earlier run and neither
    ``resume`` nor ``force`` is given.
    """
    with _locked(Path(out_dir)):
        out = _prepare(out_dir, resume, force)
        previous = _previous_rows(out) if resume else {}
        work = (
            (job, str(out), opts, force or resume, previous.get(job.label))
            for job in find_jobs(inputs, globs)
        )
        try:
            tally = _stream(out, work, jobs, progress)
            os.replace(out / ".manifest.csv.part", out / "manifest.csv")
            os.replace(out / ".segments.jsonl.part", out / "segments.jsonl")
            atomic_write(out / "speakers.csv", speakers_csv(tally.speakers).encode("utf-8"))
            os.replace(out / JOURNAL, out / "manifest.jsonl")
        except OSError as exc:  # the disk filled up, or the folder went away
            raise OutputError(
                f"cannot write the archive files ({exc.strerror or exc}); the manifest holds "
                "what was done: free space and resume the run",
                out_dir,
            ) from None
    return tally.summary()


def _stream(
    out: Path,
    work: Iterator[_Args],
    jobs: int,
    progress: Callable[[JobResult], None] | None,
) -> _Tally:
    """Every result into the manifest, journal and segment files (a ``.part`` each). Stops
    at the first input that could not be written for want of disk space: the journal then
    holds every row done, for ``--resume``."""
    with (
        open(out / ".manifest.csv.part", "w", encoding="utf-8", newline="") as manifest,
        open(out / JOURNAL, "w", encoding="utf-8") as journal,
        open(out / ".segments.jsonl.part", "w", encoding="utf-8") as segments,
    ):
        tally = _Tally(manifest, journal, segments)
        for res in _results(work, jobs):
            if res.row.get("status") == "failed" and _NO_SPACE in res.row.get("reason", ""):
                raise OSError(errno.ENOSPC, f"No space left on device (at {res.row['path']})")
            tally.add(res)
            if progress is not None:
                progress(res)
    return tally


_NO_SPACE = os.strerror(errno.ENOSPC)  # "No space left on device"


@contextmanager
def _locked(out: Path) -> Iterator[None]:
    """One batch run at a time in an output folder: a lock on ``.kztranscript.lock`` (two
    runs at once would tear the manifest). Raises ``OutputError`` when another run holds
    it. Where the system has no ``flock`` the run goes unlocked."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd = os.open(out / ".kztranscript.lock", os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        raise OutputError(f"cannot use the output folder ({exc.strerror})", str(out)) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise OutputError(
                "another batch run is writing to this folder; wait for it or use another",
                str(out),
            ) from None
        yield
        os.unlink(out / ".kztranscript.lock")  # a finished run leaves no trace of its lock
    finally:
        os.close(fd)


_Args = tuple[Job, str, BatchOptions, bool, dict[str, Any] | None]


WORKER_MEMORY_MB = 2048  # a worker's data memory (a hostile file fails, the run goes on)


def _watch_parent(parent: int) -> None:
    """In each worker: exit when the parent dies (kill -9 leaves no one to stop the pool),
    and cap the worker's memory."""
    import threading
    import time

    limit_memory(WORKER_MEMORY_MB)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()


def _work_chunk(chunk: list[_Args]) -> list[JobResult]:
    return [process(*args) for args in chunk]


def _results(work: Iterator[_Args], jobs: int, chunk: int = 32) -> Iterator[JobResult]:
    """Results in input order. Workers get chunks of files; at most ``4 × jobs`` chunks are
    in flight, so memory does not grow with the size of the archive."""
    if jobs <= 1:
        for args in work:
            yield process(*args)
        return
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor
    from itertools import islice

    with ProcessPoolExecutor(
        max_workers=jobs, initializer=_watch_parent, initargs=(os.getpid(),)
    ) as pool:
        pending: deque[Future[list[JobResult]]] = deque()
        while part := list(islice(work, chunk)):
            pending.append(pool.submit(_work_chunk, part))
            if len(pending) >= 4 * jobs:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
