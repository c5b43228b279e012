"""Option bundles shared by the commands, and the steps every converting command takes.

Stages are imported inside the functions so that ``kztranscript --version`` and ``--help``
start as fast as bare click.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from kztranscript.errors import UsageError

F = TypeVar("F", bound=Callable[..., Any])
FPS_CHOICES = ["24", "25", "30", "50", "60"]
# What --to offers (kept in step with writers.WRITERS by a test; importing the registry here
# would load the model for `--help`).
CONVERT_FORMATS: tuple[str, ...] = ("srt", "vtt", "ass", "ttml", "ebu-tt-d", "avid", "fcpxml")
CONVERT_FORMATS += ("csv", "tsv", "json", "xml", "resolve-edl", "fcp7")
# -o FILE's format by its extension (the others need --to: EBU-TT-D and Avid SubCap files
# are .xml and .txt)
BY_SUFFIX = {"srt": "srt", "vtt": "vtt", "ass": "ass", "ttml": "ttml", "edl": "resolve-edl"}
BY_SUFFIX |= {"fcpxml": "fcpxml"}
BY_SUFFIX |= {"csv": "csv", "tsv": "tsv", "json": "json", "xml": "xml"}
BATCH_FORMATS = (*CONVERT_FORMATS, "transcript")


def stack(f: F, *options: Callable[[F], F]) -> F:
    """Apply option decorators so that they show in ``--help`` in the order given."""
    for opt in reversed(options):
        f = opt(f)
    return f


def conventions_option(f: F) -> F:
    return click.option(
        "--conventions",
        type=click.Path(dir_okay=False),
        metavar="FILE.toml",
        help="Your newsroom's labels (section, credit, header, graphics), added to the "
        "defaults; see the README.",
    )(f)


def script_argument(f: F) -> F:
    return stack(
        f,
        click.argument(
            "script",
            type=click.Path(dir_okay=True, allow_dash=True),
            metavar="SCRIPT",
        ),
        click.option(
            "--encoding",
            metavar="NAME",
            help="Text encoding of the script (default: detected; e.g. cp1251, koi8-r, cp866).",
        ),
        conventions_option,
    )


def fps_option(help_text: str) -> Callable[[F], F]:
    return click.option(
        "--fps", type=click.Choice(FPS_CHOICES), default="25", show_default=True, help=help_text
    )


def _pause(name: str, most: int, default: int, help_text: str) -> Callable[[F], F]:
    return click.option(
        name,
        type=click.IntRange(0, most),
        default=default,
        show_default=True,
        metavar="MS",
        help=help_text,
    )


def timing_options(f: F) -> F:
    """Options shared by every command that times a script."""
    return stack(
        f,
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
        fps_option("Frame rate: every time lands on a frame."),
        click.option(
            "--rate",
            type=click.FloatRange(0.5, 30),
            help="Speech rate in syllables per second (default: 5.5 for Russian and Kazakh, "
            "4.0 for English).",
        ),
        _pause("--sentence-pause", 10000, 250, "Pause after each sentence."),
        _pause("--segment-pause", 20000, 600, "Pause between segments."),
        click.option(
            "--sync-length",
            metavar="TIME",
            default="8",
            show_default=True,
            help="How long a sync lasts whose speech the script leaves out (only its caption "
            "line, e.g. 'ИРИНА СОКОЛОВА ЖИТЕЛЬНИЦА СЕЛА'), unless a note gives it: seconds, "
            "0:12 or SMPTE.",
        ),
        click.option(
            "--preset",
            type=click.Choice(["news", "netflix-ru", "bbc"]),
            default="news",
            show_default=True,
            help="Caption rules: news (37 chars), netflix-ru (39), bbc.",
        ),
        click.option("--max-chars", type=click.IntRange(10, 100), help="Characters per line."),
        click.option(
            "--keep-typography",
            is_flag=True,
            help="Keep the script's quotes, dashes and dots (default: «», dashes, … in captions).",
        ),
        click.option("--max-lines", type=click.IntRange(1, 3), help="Lines per cue."),
    )


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


def lower_third_options(f: F) -> F:
    return stack(
        f,
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
    )


def output_options(default_formats: str) -> Callable[[F], F]:
    def decorate(f: F) -> F:
        return stack(
            f,
            click.option(
                "--to",
                "formats",
                type=click.Choice(CONVERT_FORMATS),
                multiple=True,
                help=f"Formats to write, repeatable (default: {default_formats}; or the -o "
                "file's extension). srt/vtt/ass/ttml/ebu-tt-d/avid/fcpxml are captions (ass, "
                "ttml need the editors extra); csv/tsv/json/xml are lower-thirds; resolve-edl "
                "and fcp7 (Premiere; editors extra) are timeline markers for each sync and "
                "lower-third.",
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
        )

    return decorate


def converting(default_formats: str) -> Callable[[F], F]:
    """Everything a command that reads one script and writes captions or lower-thirds takes."""

    def decorate(f: F) -> F:
        return stack(
            f,
            script_argument,
            timing_options,
            audio_option,
            lower_third_options,
            output_options(default_formats),
        )

    return decorate


def stack_preview(f: F) -> F:
    """The ``preview`` command's arguments: a script, timing, audio, lower-third options, a
    video to play in the page, one output file."""
    return stack(
        f,
        script_argument,
        timing_options,
        audio_option,
        lower_third_options,
        click.option(
            "--video",
            metavar="FILE|URL",
            help="A video the page plays with the captions and lower-thirds over it (a path "
            "relative to the page, or a URL; the page does not copy it).",
        ),
        click.option(
            "-o", "--output", metavar="FILE", help="The page (default: <stem>.preview.html)."
        ),
        click.option("--force", is_flag=True, help="Overwrite an existing page."),
        click.option("-q", "--quiet", is_flag=True, help="No summary on stderr."),
    )


def build_options(
    start: str,
    duration: str | None,
    fps: str,
    rate: float | None,
    sentence_pause: int,
    segment_pause: int,
    preset: str,
    max_chars: int | None,
    max_lines: int | None,
    keep_typography: bool = False,
    sync_length: str = "8",
    speaker_labels: str = "none",
    audio: str | None = None,
    conventions: str | None = None,
    every_appearance: bool = False,
    case: str = "as-written",
) -> Any:
    """The pipeline's ``Options`` from the shared command-line options."""
    from dataclasses import replace

    from kztranscript.captions import SpeakerLabels
    from kztranscript.lowerthirds import LowerThirdRules
    from kztranscript.pipeline import Options
    from kztranscript.style import PRESETS
    from kztranscript.timecode import parse_user_time
    from kztranscript.timing import TimingOptions

    frames = int(fps)
    style = PRESETS[preset]
    if max_chars is not None:
        style = replace(style, max_chars=max_chars)
    if max_lines is not None:
        style = replace(style, max_lines=max_lines)
    if keep_typography:
        style = replace(style, typography=False)
    timing = TimingOptions(
        rate=rate,
        sentence_pause_ms=sentence_pause,
        segment_pause_ms=segment_pause,
        start_ms=parse_user_time(start, frames, "start"),
        duration_ms=parse_user_time(duration, frames, "duration") if duration else None,
        fps=frames,
        sync_length_ms=parse_user_time(sync_length, frames, "sync_length"),
    )
    rules = LowerThirdRules(every_appearance=every_appearance, upper=case == "upper")
    return Options(
        timing,
        style,
        SpeakerLabels(speaker_labels),
        rules,
        audio=audio,
        conventions=load_conventions(conventions),
    )


def load_conventions(path: str | None) -> Any:
    """The newsroom conventions of ``--conventions`` (None: the defaults)."""
    if path is None:
        return None
    from kztranscript.conventions import load

    return load(path)


def targets(
    script: str,
    formats: tuple[str, ...],
    output: str | None,
    out_dir: str,
    default: tuple[str, ...],
) -> list[tuple[str, Any]]:
    """(format, path or None for stdout) for every output asked for."""
    from pathlib import Path

    from kztranscript.writers import WRITERS

    if output == "-":
        if len(formats) != 1:
            raise UsageError("-o - writes one format to stdout: add --to with one format")
        return [(formats[0], None)]
    if output is not None:
        suffix = Path(output).suffix.lower().lstrip(".")
        fmt = formats[0] if len(formats) == 1 else BY_SUFFIX.get(suffix, suffix)
        if len(formats) > 1 or fmt not in CONVERT_FORMATS:
            raise UsageError(
                f"cannot tell the format of {output!r}: name it .srt, .vtt, .ass, .ttml, .edl, "
                ".fcpxml, .csv, .tsv, .json or .xml, or give --to"
            )
        return [(fmt, Path(output))]
    stem = "stdin" if script == "-" else Path(script).stem
    return [(fmt, Path(out_dir) / WRITERS[fmt].filename(stem)) for fmt in formats or default]


def run_with_progress(decoded: Any, source: str, options: Any, quiet: bool) -> Any:
    """Run the pipeline on a read script (``reading.Decoded``); timing from audio shows its
    stages on stderr unless quiet."""
    from kztranscript.pipeline import run

    found = decoded.findings
    if options.audio is None or quiet or not sys.stderr.isatty():
        return run(decoded.text, source, options, normalized=True, findings=found)
    from kztranscript.console import stage_progress

    with stage_progress(f"timing from {options.audio}") as report:
        return run(decoded.text, source, options, normalized=True, progress=report, findings=found)


def run_and_write(
    script: str,
    encoding: str | None,
    targets: list[tuple[str, Any]],
    options: Any,
    files: dict[str, bool],
    summary: str,
) -> None:
    """Read, convert and write (``files``: bom, no_bom, crlf, force, quiet); then, unless
    quiet, the ``console`` function named ``summary`` reports on stderr."""
    from pathlib import Path

    from kztranscript.errors import InputError
    from kztranscript.files import encode, escaped, write_all
    from kztranscript.pipeline import render
    from kztranscript.reading import read_file
    from kztranscript.writers import WRITERS

    decoded = read_file(script, encoding)
    source = "<stdin>" if script == "-" else escaped(Path(script).name)
    result = run_with_progress(decoded, source, options, files["quiet"])
    if not result.cues:
        raise InputError("no spoken text to caption (only credits or directions?)", script)
    out = []
    for fmt, path in targets:
        writer = WRITERS[fmt]
        bom = files["bom"] if writer.kind == "caption" else writer.bom and not files["no_bom"]
        out.append((fmt, path, encode(render(result, fmt), bom, files["crlf"])))
    if targets[0][1] is None:
        sys.stdout.buffer.write(out[0][2])
        sys.stdout.flush()
    else:
        write_all([(path, data) for _, path, data in out], files["force"])
    if not files["quiet"]:
        from kztranscript import console

        getattr(console, summary)(result, [str(p) if p else "stdout" for _, p, _ in out])
