"""The ``kztranscript`` command line.

Only this module and ``render`` talk to the terminal. Stages are imported inside the commands
so that ``kztranscript --version`` and ``--help`` start as fast as bare click.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

from kztranscript import __version__
from kztranscript.errors import KzError

F = TypeVar("F", bound=Callable[..., Any])
PROG = "kztranscript"


def fail(message: str, code: int) -> None:
    """Print a one-line error to stderr and exit."""
    click.echo(f"{PROG}: error: {message}", err=True)
    sys.exit(code)


class KzGroup(click.Group):
    """A group that turns every user error into one line on stderr and an exit code."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as exc:
            if exc.__class__.__name__ == "NoArgsIsHelpError" and exc.ctx is not None:
                click.echo(exc.ctx.get_help())  # bare `kztranscript`: help, not an error
                sys.exit(0)
            hint = f" (see '{PROG} {exc.ctx.command.name} --help')" if exc.ctx else ""
            if exc.ctx is not None and exc.ctx.command is self:
                hint = f" (see '{PROG} --help')"
            fail(exc.format_message() + hint, 2)
        except click.ClickException as exc:
            fail(exc.format_message(), exc.exit_code)
        except click.Abort:
            fail("aborted", 130)
        except KzError as exc:
            fail(str(exc), exc.exit_code)
        except BrokenPipeError:  # `kztranscript show x | head`
            sys.stderr.close()
            sys.exit(0)
        code = rv if isinstance(rv, int) else 0
        if standalone_mode:
            sys.exit(code)
        return code


CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(cls=KzGroup, context_settings=CONTEXT)
@click.version_option(
    __version__, "-V", "--version", prog_name=PROG, message="%(prog)s %(version)s"
)
def cli() -> None:
    """Turn TV news scripts into captions, lower-thirds and transcripts.

    A script is the text of a news package: a lead, voice-over, and direct speech introduced
    by 'Name Surname, title:' markers, in Russian, Kazakh or English.

    \b
    Example:
      kztranscript show samples/24kz_un_human_rights_ru.txt
    """


def script_argument(f: F) -> F:
    f = click.option(
        "--encoding",
        metavar="NAME",
        help="Text encoding of the script (default: detected; e.g. cp1251, koi8-r, cp866).",
    )(f)
    return click.argument(
        "script",
        type=click.Path(exists=True, dir_okay=False, allow_dash=True),
        metavar="SCRIPT",
    )(f)


@cli.command(
    epilog="\b\nExamples:\n  kztranscript show samples/24kz_un_human_rights_ru.txt\n"
    "  kztranscript show --json script.txt > script.json\n"
    "  cat script.txt | kztranscript show -"
)
@script_argument
@click.option("--json", "as_json", is_flag=True, help="Print the parsed script as JSON.")
@click.option(
    "--fps",
    type=click.Choice(["24", "25", "30", "50", "60"]),
    default="25",
    show_default=True,
    help="Frame rate the frames of inline timecodes count at.",
)
def show(script: str, encoding: str | None, as_json: bool, fps: str) -> int:
    """Show how SCRIPT parses: segments, speakers, credits and findings.

    SCRIPT is a text file in any common encoding, or - for standard input.
    """
    from kztranscript.parsing import parse
    from kztranscript.reading import read_file

    decoded = read_file(script, encoding)
    source = "<stdin>" if script == "-" else script
    parsed = parse(decoded.text, source, normalized=True, fps=int(fps))
    if as_json:
        from kztranscript.writers.transcript import write_script

        click.echo(write_script(parsed), nl=False)
        return 0
    from kztranscript.render import show_script

    lower_thirds: tuple[Any, ...] = ()
    if parsed.segments:
        from kztranscript.lowerthirds import build_lower_thirds
        from kztranscript.timing import TimingOptions, estimate

        lower_thirds = build_lower_thirds(estimate(parsed, TimingOptions(fps=int(fps))))[0]
    show_script(parsed, decoded.encoding, lower_thirds)
    return 0


def timing_options(f: F) -> F:
    """Options shared by every command that times a script."""
    opts = [
        click.option(
            "--start",
            metavar="TC",
            default="0",
            show_default=True,
            help="Programme start: SMPTE HH:MM:SS:FF (e.g. 10:00:00:00) or seconds.",
        ),
        click.option(
            "--duration",
            metavar="TIME",
            help="Package length (4:30, 270, 00:04:30:00): the last cue ends exactly there.",
        ),
        click.option(
            "--fps",
            type=click.Choice(["24", "25", "30", "50", "60"]),
            default="25",
            show_default=True,
            help="Frame rate: every time lands on a frame.",
        ),
        click.option(
            "--rate",
            type=click.FloatRange(0.5, 30),
            default=5.5,
            show_default=True,
            help="Speech rate in syllables per second.",
        ),
        click.option(
            "--sentence-pause",
            type=click.IntRange(0, 10000),
            default=250,
            show_default=True,
            metavar="MS",
            help="Pause after each sentence.",
        ),
        click.option(
            "--segment-pause",
            type=click.IntRange(0, 20000),
            default=600,
            show_default=True,
            metavar="MS",
            help="Pause between segments.",
        ),
        click.option(
            "--preset",
            type=click.Choice(["news", "netflix-ru", "bbc"]),
            default="news",
            show_default=True,
            help="Caption rules: news (37 chars), netflix-ru (39), bbc.",
        ),
        click.option("--max-chars", type=click.IntRange(10, 100), help="Characters per line."),
        click.option("--max-lines", type=click.IntRange(1, 3), help="Lines per cue."),
    ]
    for opt in reversed(opts):
        f = opt(f)
    return f


def speaker_labels_option(f: F) -> F:
    return click.option(
        "--speaker-labels",
        type=click.Choice(["none", "name", "dash"]),
        default="none",
        show_default=True,
        help="SRT speaker marks: none, 'Name Surname: ' or '- ' on a speaker change.",
    )(f)


def audio_option(f: F) -> F:
    return click.option(
        "--audio",
        type=click.Path(exists=True, dir_okay=False),
        metavar="FILE",
        help="Time the captions on the package's audio or video (needs the audio extra).",
    )(f)


def build_options(
    start: str,
    duration: str | None,
    fps: str,
    rate: float,
    sentence_pause: int,
    segment_pause: int,
    preset: str,
    max_chars: int | None,
    max_lines: int | None,
    speaker_labels: str = "none",
    audio: str | None = None,
) -> Any:
    from dataclasses import replace

    from kztranscript.captions import SpeakerLabels
    from kztranscript.linebreak import PRESETS
    from kztranscript.pipeline import Options
    from kztranscript.timecode import parse_user_time
    from kztranscript.timing import TimingOptions

    frames = int(fps)
    style = PRESETS[preset]
    if max_chars is not None:
        style = replace(style, max_chars=max_chars)
    if max_lines is not None:
        style = replace(style, max_lines=max_lines)
    timing = TimingOptions(
        rate=rate,
        sentence_pause_ms=sentence_pause,
        segment_pause_ms=segment_pause,
        start_ms=parse_user_time(start, frames, "--start"),
        duration_ms=parse_user_time(duration, frames, "--duration") if duration else None,
        fps=frames,
    )
    return Options(timing, style, SpeakerLabels(speaker_labels), audio=audio)


def lower_third_options(f: F) -> F:
    opts = [
        click.option(
            "--every-appearance",
            is_flag=True,
            help="A lower-third at every appearance of a speaker, not only the first.",
        ),
        click.option(
            "--case",
            "case",
            type=click.Choice(["as-written", "upper"]),
            default="as-written",
            show_default=True,
            help="Lower-third text case (upper for templates without caps styling).",
        ),
    ]
    for opt in reversed(opts):
        f = opt(f)
    return f


def output_options(f: F, default_formats: str) -> F:
    opts = [
        click.option(
            "--to",
            "formats",
            type=click.Choice(["srt", "vtt", "csv", "tsv", "json", "xml"]),
            multiple=True,
            help=f"Formats to write, repeatable (default: {default_formats}; or the -o file's "
            "extension). csv/tsv/json/xml are lower-thirds.",
        ),
        click.option(
            "-o",
            "--output",
            metavar="FILE",
            help="Write one file (format from its extension); - writes to stdout with --to.",
        ),
        click.option(
            "--out-dir",
            type=click.Path(file_okay=False),
            default=".",
            show_default=True,
            help="Folder for <stem>.srt, <stem>.vtt and <stem>.lowerthirds.<ext>.",
        ),
        click.option("--bom", is_flag=True, help="Start caption files with a UTF-8 BOM."),
        click.option(
            "--no-bom", is_flag=True, help="No BOM in lower-third CSV/TSV (default: BOM)."
        ),
        click.option("--crlf", is_flag=True, help="Windows line ends (CRLF)."),
        click.option("--force", is_flag=True, help="Overwrite existing files."),
        click.option("-q", "--quiet", is_flag=True, help="No summary on stderr."),
    ]
    for opt in reversed(opts):
        f = opt(f)
    return f


def caption_outputs(f: F) -> F:
    return output_options(f, "srt, vtt and csv")


def lower_third_outputs(f: F) -> F:
    return output_options(f, "csv")


def _targets(
    script: str,
    formats: tuple[str, ...],
    output: str | None,
    out_dir: str,
    default: tuple[str, ...],
) -> list[tuple[str, Any]]:
    """(format, path or None for stdout) for every output asked for."""
    from pathlib import Path

    from kztranscript.errors import UsageError

    if output == "-":
        if len(formats) != 1:
            raise UsageError("-o - writes one format to stdout: add --to with one format")
        return [(formats[0], None)]
    if output is not None:
        suffix = Path(output).suffix.lower().lstrip(".")
        fmt = formats[0] if len(formats) == 1 else suffix
        if len(formats) > 1 or fmt not in ("srt", "vtt", "csv", "tsv", "json", "xml"):
            raise UsageError(
                f"cannot tell the format of {output!r}: name it .srt, .vtt, .csv, .tsv, "
                ".json or .xml, or give --to"
            )
        return [(fmt, Path(output))]
    stem = "stdin" if script == "-" else Path(script).stem
    targets: list[tuple[str, Any]] = []
    for fmt in formats or default:
        name = f"{stem}.{fmt}" if fmt in ("srt", "vtt") else f"{stem}.lowerthirds.{fmt}"
        targets.append((fmt, Path(out_dir) / name))
    return targets


def _run_with_progress(text: str, source: str, options: Any, quiet: bool) -> Any:
    """Run the pipeline; timing from audio shows its stages on stderr unless quiet."""
    from kztranscript.pipeline import run

    if options.audio is None or quiet or not sys.stderr.isatty():
        return run(text, source, options, normalized=True)
    from kztranscript.render import stage_progress

    with stage_progress(f"timing from {options.audio}") as report:
        return run(text, source, options, normalized=True, progress=report)


def _run_and_write(
    script: str,
    encoding: str | None,
    targets: list[tuple[str, Any]],
    options: Any,
    bom: bool,
    no_bom: bool,
    crlf: bool,
    force: bool,
    quiet: bool = False,
) -> Any:
    from pathlib import Path

    from kztranscript.errors import InputError
    from kztranscript.output import encode, write_all
    from kztranscript.pipeline import render
    from kztranscript.reading import read_file

    decoded = read_file(script, encoding)
    source = "<stdin>" if script == "-" else Path(script).name
    result = _run_with_progress(decoded.text, source, options, quiet)
    if not result.cues:
        raise InputError("no spoken text to caption (only credits or directions?)", script)
    files = []
    for fmt, path in targets:
        with_bom = bom if fmt in ("srt", "vtt") else (fmt in ("csv", "tsv") and not no_bom)
        files.append((fmt, path, encode(render(result, fmt), with_bom, crlf)))
    if targets[0][1] is None:
        sys.stdout.buffer.write(files[0][2])
        sys.stdout.flush()
    else:
        write_all([(path, data) for _, path, data in files], force)
    return result, [str(p) if p else "stdout" for _, p, _ in files]


@cli.command(
    epilog="\b\nExamples:\n"
    "  kztranscript convert samples/24kz_un_human_rights_ru.txt\n"
    "  kztranscript convert script.txt --duration 2:41 --start 10:00:00:00 --out-dir captions/\n"
    "  kztranscript convert script.txt -o script.vtt --force\n"
    "  kztranscript convert script.txt -o - --to srt --speaker-labels dash | less\n"
    "  kztranscript convert script.txt --audio package.mp4 --start 10:00:00:00"
)
@script_argument
@timing_options
@audio_option
@lower_third_options
@caption_outputs
@speaker_labels_option
@click.option(
    "--raise-line",
    default="10%",
    show_default=True,
    metavar="POS",
    help="WebVTT line: setting for cues shown while a lower-third is on screen.",
)
@click.option(
    "--srt-position-tags",
    is_flag=True,
    help="Put {\\an8} (top) on SRT cues shown while a lower-third is on screen.",
)
def convert(
    script: str,
    encoding: str | None,
    formats: tuple[str, ...],
    output: str | None,
    out_dir: str,
    speaker_labels: str,
    raise_line: str,
    srt_position_tags: bool,
    every_appearance: bool,
    case: str,
    bom: bool,
    no_bom: bool,
    crlf: bool,
    force: bool,
    quiet: bool,
    **timing: Any,
) -> int:
    """Make SRT and WebVTT captions and the lower-third list from SCRIPT.

    Times are estimated from the text (syllables at --rate) and fitted to --duration and to
    any inline timecodes; lines are broken by broadcast rules. Writes <stem>.srt, <stem>.vtt
    and <stem>.lowerthirds.csv by default. SCRIPT may be - for stdin.
    """
    from dataclasses import replace

    from kztranscript.errors import UsageError

    if not re.fullmatch(r"\d{1,3}(?:\.\d+)?%|-?\d{1,2}", raise_line):
        raise UsageError(
            f"bad --raise-line {raise_line!r} (use a percentage such as 10% or a line number)"
        )
    targets = _targets(script, formats, output, out_dir, ("srt", "vtt", "csv"))
    options = build_options(speaker_labels=speaker_labels, **timing)
    options = replace(
        options,
        raised_line=raise_line,
        srt_position_tags=srt_position_tags,
        lower_thirds=_lt_rules(every_appearance, case),
    )
    result, written = _run_and_write(
        script, encoding, targets, options, bom, no_bom, crlf, force, quiet
    )
    if not quiet:
        from kztranscript.render import convert_summary

        convert_summary(result, written)
    return 0


def _lt_rules(every_appearance: bool, case: str) -> Any:
    from kztranscript.lowerthirds import LowerThirdRules

    return LowerThirdRules(every_appearance=every_appearance, upper=case == "upper")


@cli.command(
    epilog="\b\nExamples:\n"
    "  kztranscript lowerthirds samples/24kz_un_human_rights_ru.txt -o - --to csv\n"
    "  kztranscript lowerthirds script.txt -o titles.xml --start 10:00:00:00   # CasparCG\n"
    "  kztranscript lowerthirds script.txt -o titles.tsv --case upper          # Premiere"
)
@script_argument
@timing_options
@audio_option
@lower_third_options
@lower_third_outputs
def lowerthirds(
    script: str,
    encoding: str | None,
    formats: tuple[str, ...],
    output: str | None,
    out_dir: str,
    every_appearance: bool,
    case: str,
    bom: bool,
    no_bom: bool,
    crlf: bool,
    force: bool,
    quiet: bool,
    **timing: Any,
) -> int:
    """Make the lower-third list (name + title + timecodes) for the graphics system.

    One item per on-camera speaker at first appearance: in 1 s after the speech starts, 5 s
    on screen (at least 3 s), out 0.2 s before it ends. Writes <stem>.lowerthirds.csv by
    default; -o x.tsv, x.json or x.xml (CasparCG) for other formats.
    """
    from dataclasses import replace

    from kztranscript.errors import UsageError

    if any(f in ("srt", "vtt") for f in formats):
        raise UsageError("lowerthirds writes csv, tsv, json or xml; use convert for captions")
    targets = _targets(script, formats, output, out_dir, ("csv",))
    if any(fmt in ("srt", "vtt") for fmt, _ in targets):
        raise UsageError("lowerthirds writes .csv, .tsv, .json or .xml files")
    options = replace(build_options(**timing), lower_thirds=_lt_rules(every_appearance, case))
    result, written = _run_and_write(
        script, encoding, targets, options, bom, no_bom, crlf, force, quiet
    )
    if not quiet:
        from kztranscript.render import lower_thirds_summary

        lower_thirds_summary(result, written)
    return 0


@cli.command(
    epilog="\b\nExamples:\n"
    "  kztranscript check samples/24kz_un_human_rights_ru.txt\n"
    "  kztranscript check --strict scripts/*.txt\n"
    "  kztranscript check --json script.txt | jq '.[0].findings'"
)
@click.argument(
    "scripts",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, dir_okay=False, allow_dash=True),
    metavar="SCRIPT...",
)
@click.option(
    "--encoding", metavar="NAME", help="Text encoding of the scripts (default: detected)."
)
@timing_options
@audio_option
@lower_third_options
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too, not only on errors.")
def check(
    scripts: tuple[str, ...],
    encoding: str | None,
    as_json: bool,
    strict: bool,
    every_appearance: bool,
    case: str,
    **timing: Any,
) -> int:
    """Check names, titles and captions before air.

    Reports names and titles that are too long, Latin look-alike letters in Cyrillic names,
    one person spelled two ways, declined or patronymic names, missing titles, leftover
    separators, reading speed over the limit, lower-thirds with no room, and script text the
    parser could not place. Exit 1 when any error is found (--strict: any warning).
    """
    import json as json_module
    from dataclasses import replace

    from kztranscript.errors import UsageError
    from kztranscript.model import Severity
    from kztranscript.reading import read_file

    if timing.get("audio") and len(scripts) > 1:
        raise UsageError("--audio belongs to one script: check one script at a time with it")
    options = replace(
        build_options(**timing), checks=True, lower_thirds=_lt_rules(every_appearance, case)
    )
    results = []
    for path in scripts:
        decoded = read_file(path, encoding)
        source = "<stdin>" if path == "-" else path
        results.append(_run_with_progress(decoded.text, source, options, as_json))
    failing = {Severity.ERROR} | ({Severity.WARNING} if strict else set())
    bad = any(f.severity in failing for r in results for f in r.findings)
    if as_json:
        data = [
            {
                "source": r.source,
                "findings": [
                    {
                        "code": f.code,
                        "severity": f.severity.value,
                        "line": f.line,
                        "message": f.message,
                    }
                    for f in r.findings
                ],
            }
            for r in results
        ]
        click.echo(json_module.dumps(data, ensure_ascii=False, indent=2))
    else:
        from kztranscript.render import check_report

        check_report(results, strict)
    return 1 if bad else 0


def _size(text: str) -> int:
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([kmg]?)b?", text.strip().lower())
    if not m:
        from kztranscript.errors import UsageError

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
    type=click.Choice(["srt", "vtt", "csv", "tsv", "json", "xml", "transcript"]),
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
@timing_options
@lower_third_options
@speaker_labels_option
@click.option("--bom", is_flag=True, help="Start caption files with a UTF-8 BOM.")
@click.option("--no-bom", is_flag=True, help="No BOM in lower-third CSV/TSV.")
@click.option("--crlf", is_flag=True, help="Windows line ends (CRLF).")
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
    every_appearance: bool,
    case: str,
    speaker_labels: str,
    bom: bool,
    no_bom: bool,
    crlf: bool,
    quiet: bool,
    **timing: Any,
) -> int:
    """Convert a whole archive of scripts: folders are walked, the tree is mirrored.

    Per script: captions, lower-thirds and a transcript (.transcript.json). For the archive:
    manifest.csv / manifest.jsonl (one row per input: hash, encoding, status, reason,
    counts), speakers.csv (every speaker across the archive, spelling variants merged) and
    segments.jsonl (one line per spoken segment, for full-text search). A bad file is
    reported and skipped; --resume finishes an interrupted run. Exit 1 if any input failed.
    """
    import os
    from dataclasses import replace

    from kztranscript.batch import DEFAULT_FORMATS, DEFAULT_GLOBS, BatchOptions, run_batch

    patterns = tuple(p for g in globs for p in g.split()) or DEFAULT_GLOBS
    pipeline = replace(
        build_options(speaker_labels=speaker_labels, **timing),
        lower_thirds=_lt_rules(every_appearance, case),
    )
    opts = BatchOptions(
        pipeline=pipeline,
        formats=formats or DEFAULT_FORMATS,
        encoding=encoding,
        bom=bom,
        csv_bom=not no_bom,
        crlf=crlf,
        max_size=_size(max_size),
    )
    workers = jobs or os.cpu_count() or 1
    if quiet:
        summary = run_batch(
            inputs, out_dir, opts, globs=patterns, jobs=workers, resume=resume, force=force
        )
    else:
        from kztranscript.batch import find_jobs
        from kztranscript.render import batch_progress, batch_summary

        total = sum(1 for _ in find_jobs(inputs, patterns))  # a cheap walk, for the ETA
        with batch_progress(total) as tick:
            summary = run_batch(
                inputs,
                out_dir,
                opts,
                globs=patterns,
                jobs=workers,
                resume=resume,
                force=force,
                progress=tick,
            )
        batch_summary(summary, out_dir)
    return 1 if summary.failed else 0


def main() -> None:
    """Console-script entry point."""
    cli.main(prog_name=PROG)
