"""Walking the inputs of a batch run: folders recursively, files by pattern, symlinks safely."""

from __future__ import annotations

import fnmatch
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kztranscript.files import escaped

DEFAULT_GLOBS = ("*.txt", "*.docx", "*.rtf")


@dataclass(frozen=True, slots=True)
class Job:
    path: str  # where to read it
    rel: str  # POSIX path relative to the output folder, used in the manifest
    stem: str  # output base name (the input name without suffix, or with it on a clash)
    problem: str | None = None  # a reason not to read it (symlink out of the tree…)

    @property
    def label(self) -> str:
        """``rel`` as text for the manifest and messages: a name that is not valid UTF-8
        (an archive unzipped on Linux from a Windows code page) keeps its bytes as ``\\xNN``
        escapes, so it can be written and found again on ``--resume``."""
        return escaped(self.rel)


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
        # "..", ".": the folder's own name (a name of ".." would put outputs outside)
        first = name = Path(r).resolve().name or "input"
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
        if not base.is_dir():  # /dev/zero, a FIFO: never read (it would block or never end)
            yield Job(str(base), prefix + base.name, base.stem, "not a regular file")
            continue
        yield from _walk(base, prefix, globs)


def _walk(base: Path, prefix: str, globs: tuple[str, ...]) -> Iterator[Job]:
    """Every matching file under ``base``, and a job with a problem for every folder that
    cannot be read or is a symlink (not followed), so each path met gets a manifest row."""
    real_root = base.resolve()
    unreadable: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(base, onerror=unreadable.append):
        rel_dir = Path(dirpath).relative_to(base).as_posix()

        def rel(fname: str, rel_dir: str = rel_dir) -> str:
            return prefix + (fname if rel_dir == "." else f"{rel_dir}/{fname}")

        while unreadable:
            exc = unreadable.pop()
            where = Path(exc.filename or dirpath)
            inner = where.relative_to(base).as_posix() if where.is_relative_to(base) else where
            yield Job(
                str(where),
                prefix + str(inner),
                where.name,
                f"cannot read the folder ({exc.strerror or exc})",
            )
        dirnames.sort()
        for d in [d for d in dirnames if (Path(dirpath) / d).is_symlink()]:
            dirnames.remove(d)  # os.walk would follow it: a loop, or a tree outside the input
            yield Job(str(Path(dirpath) / d), rel(d), d, "symlinked folder; not followed")
        chosen = sorted(f for f in filenames if _matches(f, globs))
        stems = [Path(f).stem for f in chosen]
        clashes = Counter(stems)  # a.txt and a.docx: both keep their suffix
        for fname, stem in zip(chosen, stems, strict=True):
            full = Path(dirpath) / fname
            out_stem = stem if clashes[stem] == 1 else fname
            yield Job(str(full), rel(fname), out_stem, _link_problem(full, real_root))
    while unreadable:
        exc = unreadable.pop()
        yield Job(
            str(exc.filename),
            prefix + str(exc.filename),
            "",
            f"cannot read the folder ({exc.strerror or exc})",
        )


def _link_problem(full: Path, real_root: Path) -> str | None:
    """Why a symlinked file is not read: it points out of the input tree, or in a loop."""
    if not full.is_symlink():
        return None
    try:
        target = full.resolve(strict=True)
    except FileNotFoundError:
        return None  # dangling: reading it says "no such file"
    except (OSError, RuntimeError):
        return "symlink loop; not followed"
    if not target.is_relative_to(real_root):
        return "symlink points outside the input folder; not followed"
    return None
