"""Walking the inputs of a batch run: folders recursively, files by pattern, symlinks safely."""

from __future__ import annotations

import fnmatch
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

DEFAULT_GLOBS = ("*.txt", "*.docx", "*.rtf")


@dataclass(frozen=True, slots=True)
class Job:
    path: str  # where to read it
    rel: str  # POSIX path relative to the output folder, used in the manifest
    stem: str  # output base name (the input name without suffix, or with it on a clash)
    problem: str | None = None  # a reason not to read it (symlink out of the tree…)


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
