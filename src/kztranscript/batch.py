"""Batch conversion of script archives: walk, convert in worker processes, index the archive.

Each input is read, hashed and run through ``pipeline.run`` in a worker; its outputs are
written atomically under the output folder, mirroring the input tree. The parent streams the
results, in input order, into ``manifest.csv``, ``manifest.jsonl`` and ``segments.jsonl``
(hidden ``.part`` files renamed at the end) and folds the speakers into ``speakers.csv``.
A killed run leaves only whole files and the partial manifest, from which ``--resume``
carries on. No logic of parsing, timing or formatting lives here.
"""

from __future__ import annotations

import csv
import fnmatch
import hashlib
import io
import json
import os
import re
import stat
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from kztranscript import __version__
from kztranscript.checks import key as speaker_key
from kztranscript.checks import title_key
from kztranscript.errors import KzError, OutputError, UsageError
from kztranscript.model import Severity
from kztranscript.output import atomic_write, encode
from kztranscript.pipeline import Options, render, run
from kztranscript.reading import decode_document
from kztranscript.writers.lowerthirds import inert
from kztranscript.writers.transcript import dumps, script_dict

DEFAULT_GLOBS = ("*.txt", "*.docx", "*.rtf")
DEFAULT_FORMATS = ("srt", "vtt", "csv", "transcript")
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
SPEAKER_FIELDS = (
    "key",
    "name",
    "variants",
    "titles",
    "roles",
    "scripts",
    "appearances",
    "first_script",
)
JOURNAL = ".manifest.jsonl.part"


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
class Job:
    path: str  # where to read it
    rel: str  # POSIX path relative to the output folder, used in the manifest
    stem: str  # output base name (the input name without suffix, or with it on a clash)
    problem: str | None = None  # a reason not to read it (symlink out of the tree…)


@dataclass(frozen=True, slots=True)
class SpeakerSeen:
    key: str
    name: str
    title: str
    role: str


@dataclass(frozen=True, slots=True)
class JobResult:
    row: dict[str, Any]
    segments: tuple[str, ...] = ()  # JSON lines for segments.jsonl
    speakers: tuple[SpeakerSeen, ...] = ()
    skipped: bool = False


# --- walking the inputs ------------------------------------------------------------------


def _matches(name: str, globs: tuple[str, ...]) -> bool:
    low = name.lower()
    return any(fnmatch.fnmatch(low, g.lower()) for g in globs)


def find_jobs(inputs: Iterable[str], globs: tuple[str, ...] = DEFAULT_GLOBS) -> Iterator[Job]:
    """The scripts under ``inputs`` (files and folders, walked recursively, sorted).

    Symlinked folders are not followed; a symlinked file whose target lies outside its input
    folder becomes a job with a problem, so it is reported and never read.
    """
    roots = list(inputs)
    names: list[str] = []
    for r in roots:  # each input gets its own folder in the output, even with equal names
        first = name = Path(r).name or "input"
        n = 2
        while name in names:
            name, n = f"{first}-{n}", n + 1
        names.append(name)
    prefix_needed = len(roots) > 1
    for root, name in zip(roots, names, strict=True):
        base = Path(root)
        prefix = f"{name}/" if prefix_needed else ""
        if base.is_file() or not base.exists():
            yield Job(str(base), prefix + base.name if prefix else base.name, base.stem)
            continue
        real_root = base.resolve()
        for dirpath, dirnames, filenames in os.walk(base, followlinks=False):
            dirnames.sort()
            chosen = sorted(f for f in filenames if _matches(f, globs))
            stems = [Path(f).stem for f in chosen]
            clashes = Counter(stems)  # a.txt and a.docx: both keep their suffix
            rel_dir = Path(dirpath).relative_to(base).as_posix()
            for fname, stem in zip(chosen, stems, strict=True):
                full = Path(dirpath) / fname
                rel = fname if rel_dir == "." else f"{rel_dir}/{fname}"
                out_stem = stem if clashes[stem] == 1 else fname
                problem = None
                if full.is_symlink():
                    target = full.resolve()
                    if not target.is_relative_to(real_root):
                        problem = "symlink points outside the input folder; not followed"
                yield Job(str(full), prefix + rel, out_stem, problem)


# --- one file ------------------------------------------------------------------------------


# Output folders already resolved and checked, or made, in this run (cleared by run_batch;
# a worker process starts with the state of the run that forked it).
_RESOLVED: dict[tuple[str, str], Path] = {}
_MADE: set[Path] = set()


def _out_root(out_dir: str) -> Path:
    root = _RESOLVED.get((out_dir, ""))
    if root is None:
        root = _RESOLVED[(out_dir, "")] = Path(out_dir).resolve()
    return root


def _out_paths(job: Job, root: Path, formats: tuple[str, ...]) -> dict[str, Path]:
    """Where the outputs of ``job`` go under ``root`` (the resolved output folder)."""
    rel_dir = Path(job.rel).parent
    names = {
        "srt": f"{job.stem}.srt",
        "vtt": f"{job.stem}.vtt",
        "csv": f"{job.stem}.lowerthirds.csv",
        "tsv": f"{job.stem}.lowerthirds.tsv",
        "json": f"{job.stem}.lowerthirds.json",
        "xml": f"{job.stem}.lowerthirds.xml",
        "transcript": f"{job.stem}.transcript.json",
    }
    # The folder is resolved (a symlink in the output tree could lead out of it), once a run;
    # the files themselves are replaced by rename, which never writes through a symlink.
    folder = _RESOLVED.get((str(root), str(rel_dir)))
    if folder is None:
        folder = (root / rel_dir).resolve()
        if not folder.is_relative_to(root):
            raise KzError("output would land outside the output folder", job.rel)
        _RESOLVED[(str(root), str(rel_dir))] = folder
    return {fmt: folder / names[fmt] for fmt in formats}


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
    row.update(path=job.rel, size=size if size is not None else "", sha256=sha, status="failed")
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
                SpeakerSeen(speaker_key(sp["name"]), sp["name"], sp["title"] or "", sp["role"])
            )
    return tuple(seen)


def process(
    job: Job, out_dir: str, opts: BatchOptions, overwrite: bool, previous: dict[str, Any] | None
) -> JobResult:
    """Convert one input; never raises for a bad input (the result row says why it failed)."""
    if job.problem:
        return _failed(job, job.problem)
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
        data = _read(path, size)
    except OSError as exc:
        return _failed(job, f"cannot read ({exc.strerror or exc.__class__.__name__})")
    sha = hashlib.sha256(data).hexdigest()
    fingerprint = opts.fingerprint()
    root = _out_root(out_dir)
    try:
        paths = _out_paths(job, root, opts.formats)
    except KzError as exc:
        return _failed(job, exc.reason, size, sha)
    rel_outputs = [p.relative_to(root).as_posix() for p in paths.values()]

    if (
        previous is not None
        and previous.get("sha256") == sha
        and previous.get("options") == fingerprint
        and previous.get("status") in ("ok", "warning")
        and "transcript" in paths
        and all(p.exists() for p in paths.values())
    ):
        try:
            transcript = json.loads(paths["transcript"].read_text(encoding="utf-8"))
            return JobResult(
                previous, _segment_lines(job.rel, transcript), _speakers_seen(transcript), True
            )
        except (OSError, ValueError, KeyError):
            pass  # a damaged transcript: convert again

    try:
        decoded = decode_document(data, job.rel, opts.encoding)
        result = run(decoded.text, Path(job.rel).name, opts.pipeline, normalized=True)
        if not result.cues:
            return _failed(job, "no spoken text to caption", size, sha)
        transcript = script_dict(result.script, result.timeline)  # written, and indexed
        files = []
        for fmt, out in paths.items():
            bom = opts.bom if fmt in ("srt", "vtt") else opts.csv_bom and fmt in ("csv", "tsv")
            text = dumps(transcript) if fmt == "transcript" else render(result, fmt)
            files.append((out, encode(text, bom, opts.crlf)))
    except KzError as exc:
        reason = f"line {exc.line}: {exc.reason}" if exc.line is not None else exc.reason
        return _failed(job, reason, size, sha)
    except Exception as exc:  # a bug must not stop the archive: report it on the file
        return _failed(job, f"internal error ({exc.__class__.__name__}: {exc})", size, sha)

    if not overwrite:
        existing = [p for p, _ in files if p.exists()]
        if existing:
            return _failed(job, "outputs exist; use --force or --resume", size, sha)
    try:
        for folder in {out.parent for out, _ in files} - _MADE:  # all in one folder, in fact
            folder.mkdir(parents=True, exist_ok=True)
            _MADE.add(folder)
        for out, payload in files:
            atomic_write(out, payload, durable=False)
    except (KzError, OSError) as exc:
        return _failed(job, f"cannot write outputs ({exc})", size, sha)

    worst = {f.severity for f in result.findings}
    status = "warning" if worst & {Severity.ERROR, Severity.WARNING} else "ok"
    row = {
        "path": job.rel,
        "size": size,
        "sha256": sha,
        "encoding": decoded.encoding,
        "status": status,
        "reason": "",
        "segments": len(result.script.segments),
        "speakers": len(result.script.speakers),
        "cues": len(result.cues),
        "lowerthirds": len(result.lower_thirds),
        "findings": len(result.findings),
        "outputs": " ".join(rel_outputs),
        "options": fingerprint,
        "tool": f"kztranscript {__version__}",
    }
    return JobResult(row, _segment_lines(job.rel, transcript), _speakers_seen(transcript))


# --- the whole archive ---------------------------------------------------------------------


@dataclass
class _Speaker:
    name: str
    variants: dict[str, None] = field(default_factory=dict)
    titles: dict[str, None] = field(default_factory=dict)
    roles: dict[str, None] = field(default_factory=dict)
    scripts: set[str] = field(default_factory=set)
    appearances: int = 0
    first_script: str = ""


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


def _csv_line(values: Iterable[Any]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow([inert(v) for v in values])
    return buf.getvalue()


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
    """Convert every script under ``inputs`` into ``out_dir`` and write the archive indexes."""
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out_dir} is not a folder")
    if (out / "manifest.jsonl").exists() and not (force or resume):
        raise UsageError(
            f"{out_dir} holds an earlier run (manifest.jsonl); use --resume to finish or "
            "update it, or --force to convert everything again"
        )
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the output folder ({exc.strerror})", out_dir) from None
    _RESOLVED.clear()
    _MADE.clear()
    previous = _previous_rows(out) if resume else {}
    if resume or force:
        _remove_stale_temp_files(out)
    work = (
        (job, str(out), opts, force or resume, previous.get(job.rel))
        for job in find_jobs(inputs, globs)
    )
    manifest_csv = out / ".manifest.csv.part"
    journal = out / JOURNAL
    segments_part = out / ".segments.jsonl.part"
    speakers: dict[str, _Speaker] = {}
    counts = {"ok": 0, "warning": 0, "failed": 0}
    skipped = 0
    failures: list[tuple[str, str]] = []
    with (
        open(manifest_csv, "w", encoding="utf-8", newline="") as mcsv,
        open(journal, "w", encoding="utf-8") as mjson,
        open(segments_part, "w", encoding="utf-8") as segs,
    ):
        mcsv.write(_csv_line(MANIFEST_FIELDS))
        for res in _results(work, jobs):
            row = res.row
            mcsv.write(_csv_line(row.get(f, "") for f in MANIFEST_FIELDS))
            mjson.write(
                json.dumps({f: row.get(f, "") for f in MANIFEST_FIELDS}, ensure_ascii=False) + "\n"
            )
            mjson.flush()
            for line in res.segments:
                segs.write(line + "\n")
            for seen in res.speakers:
                _fold_speaker(speakers, seen, row["path"])
            counts[row["status"]] += 1
            skipped += res.skipped
            if row["status"] == "failed":
                failures.append((row["path"], row["reason"]))
            if progress is not None:
                progress(res)
    os.replace(manifest_csv, out / "manifest.csv")
    os.replace(segments_part, out / "segments.jsonl")
    atomic_write(out / "speakers.csv", _speakers_csv(speakers).encode("utf-8"))
    os.replace(journal, out / "manifest.jsonl")
    total = sum(counts.values())
    variants = sum(1 for sp in speakers.values() if len(sp.variants) > 1)
    return Summary(
        total,
        counts["ok"],
        counts["warning"],
        counts["failed"],
        skipped,
        tuple(failures),
        len(speakers),
        variants,
    )


_Args = tuple[Job, str, BatchOptions, bool, dict[str, Any] | None]


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

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pending: deque[Future[list[JobResult]]] = deque()
        while part := list(islice(work, chunk)):
            pending.append(pool.submit(_work_chunk, part))
            if len(pending) >= 4 * jobs:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _fold_speaker(speakers: dict[str, _Speaker], seen: SpeakerSeen, script: str) -> None:
    sp = speakers.get(seen.key)
    if sp is None:
        sp = speakers[seen.key] = _Speaker(seen.name, first_script=script)
    sp.variants[seen.name] = None
    # "Аким Астаны" (written before the name) and "аким Астаны" are one title
    if seen.title and title_key(seen.title) not in map(title_key, sp.titles):
        sp.titles[seen.title] = None
    sp.roles[seen.role] = None
    sp.scripts.add(script)
    sp.appearances += 1


def _speakers_csv(speakers: dict[str, _Speaker]) -> str:
    buf = io.StringIO()
    buf.write(_csv_line(SPEAKER_FIELDS))
    for k in sorted(speakers):
        sp = speakers[k]
        buf.write(
            _csv_line(
                [
                    k,
                    sp.name,
                    " | ".join(sorted(sp.variants)),
                    " | ".join(sorted(sp.titles)),
                    " ".join(sorted(sp.roles)),
                    len(sp.scripts),
                    sp.appearances,
                    sp.first_script,
                ]
            )
        )
    return buf.getvalue()
