"""The archivist's command: ``kztranscript batch``."""

from __future__ import annotations

import re
from typing import Any

import click

from kztranscript.cli.group import cli
from kztranscript.cli.options import (
    BATCH_FORMATS,
    build_options,
    conventions_option,
    lower_third_options,
    speaker_labels_option,
    timing_options,
)
from kztranscript.errors import UsageError


def _size(text: str) -> int:
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([kmg]?)b?", text.strip().lower())
    if not m:
        raise UsageError(f"bad --max-size {text!r} (use e.g. 10MB, 500kB, 2000000)")
    scale = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[m.group(2)]
    return int(float(m.group(1)) * scale)


@cli.command(
    epilog="\b\nExamples:\n"
    "  kztranscript batch archive/ -o out/\n"
    "  kztranscript batch archive/ -o out/ --resume          # after an interruption\n"
    "  kztranscript batch a/ b/old.rtf -o out/ --to srt --to transcript --jobs 2\n"
    "  kztranscript batch samples/ -o /tmp/kz-out --force"
)
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "-o", "--out-dir", required=True, type=click.Path(file_okay=False), help="Output folder."
)
@click.option(
    "--glob",
    "globs",
    multiple=True,
    metavar="PATTERN",
    help="File names to take from folders (repeatable; default: *.txt *.docx *.rtf).",
)
@click.option(
    "--to",
    "formats",
    type=click.Choice(BATCH_FORMATS),
    multiple=True,
    help="Outputs per script (repeatable; default: srt, vtt, csv lower-thirds, transcript).",
)
@click.option("--jobs", type=click.IntRange(1, 256), help="Worker processes (default: CPUs).")
@click.option("--resume", is_flag=True, help="Skip inputs already done with the same options.")
@click.option("--force", is_flag=True, help="Overwrite outputs of an earlier run.")
@click.option("--max-size", default="10MB", show_default=True, help="Skip larger inputs.")
@click.option(
    "--encoding", metavar="NAME", help="Encoding of every text input (default: detected)."
)
@conventions_option
@timing_options
@lower_third_options
@speaker_labels_option
@click.option("--bom", is_flag=True, help="Start caption files with a UTF-8 BOM.")
@click.option("--no-bom", is_flag=True, help="No BOM in lower-third CSV/TSV.")
@click.option("--crlf", is_flag=True, help="Windows line ends (CRLF).")
@click.option(
    "--time-limit",
    type=click.FloatRange(0),
    default=120,
    show_default=True,
    metavar="SECONDS",
    help="A file that takes longer to convert fails (0: no limit).",
)
@click.option(
    "--fsync",
    is_flag=True,
    help="Flush every output to the disk before it counts as written (archives on storage "
    "that may lose power; slower).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary.")
def batch(
    inputs: tuple[str, ...],
    out_dir: str,
    globs: tuple[str, ...],
    formats: tuple[str, ...],
    jobs: int | None,
    resume: bool,
    force: bool,
    max_size: str,
    encoding: str | None,
    bom: bool,
    no_bom: bool,
    crlf: bool,
    time_limit: float,
    fsync: bool,
    quiet: bool,
    **options: Any,
) -> int:
    """Convert a whole archive of scripts: folders are walked, the tree is mirrored.

    Per script: captions, lower-thirds and a transcript (.transcript.json). For the archive:
    manifest.csv / manifest.jsonl (one row per input: hash, encoding, status, reason,
    counts), speakers.csv (every speaker across the archive, spelling variants merged) and
    segments.jsonl (one line per spoken segment, for full-text search). A bad file is
    reported and skipped; --resume finishes an interrupted run. Exit 1 if any input failed.
    """
    import os

    from kztranscript.batch import DEFAULT_FORMATS, DEFAULT_GLOBS, BatchOptions, run_batch
    from kztranscript.reading import check_encoding

    if encoding is not None:
        check_encoding(encoding)  # once, not "internal error" on every file

    patterns = tuple(p for g in globs for p in g.split()) or DEFAULT_GLOBS
    opts = BatchOptions(
        pipeline=build_options(**options),
        formats=formats or DEFAULT_FORMATS,
        encoding=encoding,
        bom=bom,
        csv_bom=not no_bom,
        crlf=crlf,
        max_size=_size(max_size),
        durable=fsync,
        time_limit_s=time_limit,
    )
    run: dict[str, Any] = {
        "globs": patterns,
        "jobs": jobs or os.cpu_count() or 1,
        "resume": resume,
        "force": force,
    }
    if quiet:
        summary = run_batch(inputs, out_dir, opts, **run)
    else:
        from kztranscript.batch import find_jobs
        from kztranscript.console import batch_progress, batch_summary

        total = sum(1 for _ in find_jobs(inputs, patterns))  # a cheap walk, for the ETA
        with batch_progress(total) as tick:
            summary = run_batch(inputs, out_dir, opts, progress=tick, **run)
        batch_summary(summary, out_dir)
    return 1 if summary.failed else 0
