"""The commands for one script at a time: show, convert, lowerthirds, check."""

from __future__ import annotations

import re
from typing import Any

import click

from kztranscript.cli.group import cli
from kztranscript.cli.options import (
    audio_option,
    build_options,
    conventions_option,
    converting,
    fps_option,
    lower_third_options,
    run_and_write,
    run_with_progress,
    script_argument,
    speaker_labels_option,
    stack_preview,
    targets,
    timing_options,
)
from kztranscript.errors import InputError, KzError, OptionsError, UsageError


@cli.command(
    epilog="\b\nExamples:\n  kztranscript show samples/24kz_un_human_rights_ru.txt\n"
    "  kztranscript show --json script.txt > script.json\n"
    "  cat script.txt | kztranscript show -"
)
@script_argument
@click.option("--json", "as_json", is_flag=True, help="Print the parsed script as JSON.")
@fps_option("Frame rate the frames of inline timecodes count at.")
def show(
    script: str, encoding: str | None, conventions: str | None, as_json: bool, fps: str
) -> int:
    """Show how SCRIPT parses: segments, speakers, credits and findings.

    SCRIPT is a text file in any common encoding, or - for standard input.
    """
    from dataclasses import replace

    from kztranscript.pipeline import Options, run
    from kztranscript.reading import read_file
    from kztranscript.timing import TimingOptions

    decoded = read_file(script, encoding)
    source = "<stdin>" if script == "-" else script
    options = Options(TimingOptions(fps=int(fps)), captions=False)
    options = replace(options, conventions=_conventions(conventions))
    result = run(decoded.text, source, options, normalized=True, findings=decoded.findings)
    if as_json:
        from kztranscript.writers.transcript import write_script

        click.echo(write_script(result.script), nl=False)
        return 0
    from kztranscript.console import show_script

    show_script(
        result.script, decoded.encoding, result.lower_thirds, read_findings=decoded.findings
    )
    return 0


def _conventions(path: str | None) -> Any:
    from kztranscript.cli.options import load_conventions

    return load_conventions(path)


_FILES = ("bom", "no_bom", "crlf", "force", "quiet")


@cli.command(
    epilog="\b\nExamples:\n"
    "  kztranscript convert samples/24kz_un_human_rights_ru.txt\n"
    "  kztranscript convert script.txt --duration 2:41 --start 10:00:00:00 --out-dir captions/\n"
    "  kztranscript convert script.txt -o script.vtt --force\n"
    "  kztranscript convert script.txt -o - --to srt --speaker-labels dash | less\n"
    "  kztranscript convert script.txt --audio package.mp4 --start 10:00:00:00"
)
@converting("srt, vtt and csv")
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
@click.option(
    "--shift",
    metavar="TIME",
    help="For a caption file: move every cue by TIME (-1.5, +00:00:02:00, -0:03).",
)
def convert(
    script: str,
    encoding: str | None,
    formats: tuple[str, ...],
    output: str | None,
    out_dir: str,
    raise_line: str,
    srt_position_tags: bool,
    shift: str | None,
    **options: Any,
) -> int:
    """Make SRT and WebVTT captions and the lower-third list from SCRIPT.

    Times are estimated from the text (syllables at --rate) and fitted to --duration and to
    any inline timecodes; lines are broken by broadcast rules. Writes <stem>.srt, <stem>.vtt
    and <stem>.lowerthirds.csv by default. SCRIPT may be - for stdin.

    SCRIPT may also be a caption file (.srt or .vtt): -o OUT.vtt / OUT.srt writes its cues in
    the other format, moved by --shift and --start and, with --fps, put on frames; WebVTT
    voices become dash turns in SRT.
    """
    from dataclasses import replace

    from kztranscript.cli.captions import convert_caption_file, read_caption_file

    caption_file = read_caption_file(script, encoding)
    if caption_file is not None:  # an .srt or .vtt in: the same cues in the other format
        fps = click.get_current_context().get_parameter_source("fps")
        frames = None if fps is click.core.ParameterSource.DEFAULT else int(options["fps"])
        to = formats[0] if len(formats) == 1 else None
        files = {k: options.pop(k) for k in _FILES}
        convert_caption_file(
            caption_file[0], caption_file[1], output, shift, options["start"], frames, to, files
        )
        return 0
    if shift is not None:
        raise UsageError(
            "--shift moves the cues of a caption file (.srt, .vtt); for a script use --start"
        )
    percent = re.fullmatch(r"(\d{1,3}(?:\.\d+)?)%", raise_line)
    if (percent and float(percent.group(1)) > 100) or not (
        percent or re.fullmatch(r"-?\d{1,2}", raise_line)
    ):
        raise UsageError(
            f"bad --raise-line {raise_line!r} (use a percentage such as 10% or a line number)"
        )
    out = targets(script, formats, output, out_dir, ("srt", "vtt", "csv"))
    files = {k: options.pop(k) for k in _FILES}
    pipeline = build_options(**options)
    pipeline = replace(pipeline, raised_line=raise_line, srt_position_tags=srt_position_tags)
    run_and_write(script, encoding, out, pipeline, files, "convert_summary")
    return 0


@cli.command(
    epilog="\b\nExamples:\n"
    "  kztranscript lowerthirds samples/24kz_un_human_rights_ru.txt -o - --to csv\n"
    "  kztranscript lowerthirds script.txt -o titles.xml --start 10:00:00:00   # CasparCG\n"
    "  kztranscript lowerthirds script.txt -o titles.tsv --case upper          # Premiere"
)
@converting("csv")
def lowerthirds(
    script: str,
    encoding: str | None,
    formats: tuple[str, ...],
    output: str | None,
    out_dir: str,
    **options: Any,
) -> int:
    """Make the lower-third list (name + title + timecodes) for the graphics system.

    One item per on-camera speaker at first appearance: in 1 s after the speech starts, 5 s
    on screen (at least 3 s), out 0.2 s before it ends. Writes <stem>.lowerthirds.csv by
    default; -o x.tsv, x.json or x.xml (CasparCG) for other formats.
    """
    from kztranscript.writers import WRITERS

    if any(WRITERS[f].kind == "caption" for f in formats):
        raise UsageError(
            "lowerthirds writes csv, tsv, json, xml, resolve-edl or fcp7; use convert for captions"
        )
    out = targets(script, formats, output, out_dir, ("csv",))
    if any(WRITERS[fmt].kind == "caption" for fmt, _ in out):
        raise UsageError("lowerthirds writes .csv, .tsv, .json, .xml or .edl files")
    files = {k: options.pop(k) for k in _FILES}
    run_and_write(script, encoding, out, build_options(**options), files, "lower_thirds_summary")
    return 0


@cli.command(
    epilog="\b\nExamples:\n"
    "  kztranscript preview samples/24kz_un_human_rights_ru.txt -o preview.html\n"
    "  kztranscript preview script.txt --video package.mp4 --audio package.mp4 -o page.html"
)
@stack_preview
def preview(
    script: str,
    encoding: str | None,
    video: str | None,
    output: str | None,
    force: bool,
    quiet: bool,
    **options: Any,
) -> int:
    """Write a preview page: one self-contained HTML file to look at before air.

    A timeline of the segments (coloured by speaker), the lower-third spans and a tick per
    cue; the cue list with characters per second (fast cues marked) and the findings linked
    to their cues; the lower-thirds as they will look over 16:9 with the safe areas. With
    --video, the page plays the video (given as a path relative to the page, or a URL) with
    the captions and the lower-thirds over it. Nothing loads from the network; the page works
    from file://. Writes <stem>.preview.html by default.
    """
    from pathlib import Path

    from kztranscript.files import encode, escaped, write_all
    from kztranscript.reading import read_file
    from kztranscript.writers.preview import write_preview

    decoded = read_file(script, encoding)
    source = "<stdin>" if script == "-" else escaped(Path(script).name)
    from dataclasses import replace

    pipeline = replace(build_options(**options), checks=True)  # the producer checks too
    result = run_with_progress(decoded, source, pipeline, quiet)
    if not result.cues:
        raise InputError("no spoken text to caption (only credits or directions?)", script)
    stem = "stdin" if script == "-" else Path(script).stem
    path = Path(output) if output else Path(f"{stem}.preview.html")
    write_all([(path, encode(write_preview(result, video)))], force)
    if not quiet:
        from kztranscript import console

        console.preview_summary(result, str(path))
    return 0


def _failed_check(source: str, exc: KzError) -> Any:
    """A file ``check`` could not check, reported among the others (an error)."""
    from kztranscript.cli.captions import CaptionCheck
    from kztranscript.cli.group import message
    from kztranscript.model import Finding, FindingCode, Severity

    finding = Finding(FindingCode.INPUT_FAILED, Severity.ERROR, exc.line or 1, message(exc))
    return CaptionCheck(source, (finding,))


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
    type=click.Path(dir_okay=True, allow_dash=True),
    metavar="SCRIPT...",
)
@click.option(
    "--encoding", metavar="NAME", help="Text encoding of the scripts (default: detected)."
)
@conventions_option
@timing_options
@audio_option
@lower_third_options
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too, not only on errors.")
def check(
    scripts: tuple[str, ...], encoding: str | None, as_json: bool, strict: bool, **options: Any
) -> int:
    """Check names, titles and captions before air; or check a caption file.

    For a script, reports names and titles that are too long, Latin look-alike letters in
    Cyrillic names, one person spelled two ways, declined or patronymic names, missing titles,
    leftover separators, reading speed over the limit, lower-thirds with no room, and script
    text the parser could not place. For an .srt or .vtt (ours or anyone's), reports what could not
    be read, numbering, order, overlaps and gaps, durations, the frame grid at --fps, line
    length and count, reading speed, line breaks that break the rules of the file's language,
    and dashes at line starts. Exit 1 when any error is found (--strict: any warning).
    """
    import json as json_module
    from dataclasses import replace

    from kztranscript.model import Severity
    from kztranscript.reading import read_file

    if options.get("audio") and len(scripts) > 1:
        raise UsageError("--audio belongs to one script: check one script at a time with it")
    from kztranscript.cli.captions import check_caption_file, read_caption_file

    pipeline = replace(build_options(**options), checks=True)
    results: list[Any] = []
    for path in scripts:
        source = "<stdin>" if path == "-" else path
        try:
            caption_file = read_caption_file(path, encoding)
            if caption_file is not None:  # someone's .srt / .vtt: the caption QC
                style, fps = pipeline.style, pipeline.timing.fps
                results.append(check_caption_file(caption_file[0], style, fps))
                continue
            decoded = read_file(path, encoding)
            results.append(run_with_progress(decoded, source, pipeline, as_json))
        except (InputError, OptionsError) as exc:  # this file fails; the others are checked
            if len(scripts) == 1 or (isinstance(exc, OptionsError) and exc.path is None):
                raise  # one file: its one-line error; a setting no file can take: usage
            results.append(_failed_check(source, exc))
    failing = {Severity.ERROR} | ({Severity.WARNING} if strict else set())
    bad = any(f.severity in failing for r in results for f in r.findings)
    if as_json:
        data = [
            {
                "source": r.source,
                "findings": [
                    {"code": f.code, "severity": f.severity, "line": f.line, "message": f.message}
                    for f in r.findings
                ],
            }
            for r in results
        ]
        click.echo(json_module.dumps(data, ensure_ascii=False, indent=2))
    else:
        from kztranscript.console import check_report

        check_report(results, strict)
    return 1 if bad else 0
