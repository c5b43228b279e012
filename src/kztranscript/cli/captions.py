"""Commands on caption files someone else made: ``rebreak``, and the caption-file side of
``check`` and ``convert`` (which take an .srt or .vtt where they take a script)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import click

from kztranscript.cli.group import cli
from kztranscript.cli.options import FPS_CHOICES
from kztranscript.errors import UsageError

if TYPE_CHECKING:  # the model loads when a command runs, not for --version and --help
    from kztranscript.model import CaptionFile, Cue, Finding


class CaptionCheck(NamedTuple):
    """What ``check`` reports for one caption file (shaped like a pipeline result)."""

    source: str
    findings: tuple[Finding, ...]


_SCRIPT_SUFFIXES = (".txt", ".docx", ".rtf", ".doc", ".odt")


def read_caption_file(path: str, encoding: str | None) -> tuple[CaptionFile, str] | None:
    """The caption file at ``path`` and its format, or None when it is a script: an .srt or
    .vtt, or a file of another name whose text is one (standard input and the script
    suffixes are scripts, so they are read once)."""
    if path == "-" or Path(path).suffix.lower() in _SCRIPT_SUFFIXES:
        return None
    from kztranscript.reading import read_file
    from kztranscript.subtitles import caption_format, read_captions

    decoded = read_file(path, encoding)
    fmt = caption_format(path, decoded.text)
    if fmt is None:
        return None
    return read_captions(decoded.text, path, fmt), fmt


def read_caption_stdin(encoding: str | None) -> tuple[CaptionFile, str]:
    from kztranscript.reading import read_file
    from kztranscript.subtitles import caption_format, read_captions

    decoded = read_file("-", encoding)
    fmt = caption_format("-", decoded.text)
    if fmt is None:
        raise UsageError("standard input is not an SRT or WebVTT caption file")
    return read_captions(decoded.text, "<stdin>", fmt), fmt


def readable(file: CaptionFile) -> CaptionFile:
    """The file, if every block of it was read: rebreak and convert would lose a block they
    cannot read, so one is an error naming it (``check`` lists them all)."""
    from kztranscript.errors import InputError

    if file.findings:
        first = file.findings[0]
        more = (
            f" (and {len(file.findings) - 1} more; see kztranscript check)"
            if len(file.findings) > 1
            else ""
        )
        raise InputError(f"{first.message}{more}", file.source, first.line)
    return file


def check_caption_file(file: CaptionFile, style: Any, fps: int) -> CaptionCheck:
    from kztranscript.subtitles import check_captions

    return CaptionCheck(file.source, tuple(check_captions(file, style, fps)))


def _write_cues(
    cues: tuple[Cue, ...], fmt: str, output: str, file: CaptionFile, files: dict[str, bool]
) -> None:
    """Write the cues as ``fmt``; say on stderr what the target format cannot carry."""
    from kztranscript.files import encode, write_all
    from kztranscript.writers.srt import write_srt
    from kztranscript.writers.vtt import write_vtt

    if fmt == "srt":
        text = write_srt(cues, position_tags=any(c.raised for c in cues))
    else:
        text = write_vtt(cues, Path(file.source).name, blocks=file.blocks)
    data = encode(text, files["bom"], files["crlf"])
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_all([(Path(output), data)], files["force"])
    if files["quiet"]:
        return
    where = "stdout" if output == "-" else output
    click.echo(f"{file.source} → {where}: {len(cues)} cues", err=True)
    marked = [c for c in file.cues if c.markup]
    if marked:
        tags = " ".join(dict.fromkeys(t for c in marked for t in c.markup))
        click.echo(
            f"  note: markup left out of {len(marked)} cue(s) ({tags}), first at line "
            f"{marked[0].line}",
            err=True,
        )
    if fmt == "srt" and file.blocks:
        kinds = ", ".join(dict.fromkeys(b.split()[0] for b in file.blocks))
        click.echo(f"  note: SubRip has no place for the WebVTT {kinds} block(s)", err=True)


def _target(output: str, fmt: str | None, default: str) -> str:
    if fmt is not None:
        return fmt
    if output == "-":
        return default
    suffix = Path(output).suffix.lower().lstrip(".")
    if suffix not in ("srt", "vtt"):
        raise UsageError(f"cannot tell the caption format of {output!r}: name it .srt or .vtt")
    return suffix


def convert_caption_file(
    file: CaptionFile,
    fmt: str,
    output: str | None,
    shift: str | None,
    start: str,
    fps: int | None,
    to: str | None,
    files: dict[str, bool],
) -> None:
    """``convert IN.srt -o OUT.vtt``: the same cues in the other format, moved by ``--shift``
    and ``--start`` and, with ``--fps``, put on its frame grid."""
    from kztranscript.subtitles import as_cues, retimed
    from kztranscript.timecode import parse_user_time

    if output is None:
        raise UsageError("give the output file: -o OUT.srt or -o OUT.vtt (or -o - with --to)")
    frames = fps or 25
    offset = parse_user_time(start, frames, "start")
    if shift:
        sign = -1 if shift.startswith("-") else 1
        offset += sign * parse_user_time(shift.lstrip("+-"), frames, "shift")
    target = _target(output, to, "vtt" if fmt == "srt" else "srt")
    try:
        cues = retimed(as_cues(readable(file)), offset, fps)
    except ValueError as exc:
        raise UsageError(f"--shift: {exc}") from None
    _write_cues(cues, target, output, file, files)


@cli.command(
    epilog="\b\nExamples:\n"
    "  kztranscript rebreak whisper.srt -o fixed.srt\n"
    "  kztranscript rebreak vendor.vtt -o fixed.vtt --preset netflix-ru --fps 25\n"
    "  kztranscript rebreak captions.srt -o - --keep-cues | less"
)
@click.argument("captions", type=click.Path(dir_okay=True, allow_dash=True))
@click.option(
    "-o", "--output", required=True, metavar="FILE", help="The re-broken file (- for stdout)."
)
@click.option(
    "--to",
    "to",
    type=click.Choice(["srt", "vtt"]),
    help="Output format (default: -o's extension, else the input's).",
)
@click.option("--encoding", metavar="NAME", help="Text encoding of the file (default: detected).")
@click.option(
    "--keep-cues", is_flag=True, help="Keep every cue and its times; only re-break lines."
)
@click.option(
    "--preset",
    type=click.Choice(["news", "netflix-ru", "bbc"]),
    default="news",
    show_default=True,
    help="Caption rules.",
)
@click.option("--max-chars", type=click.IntRange(10, 100), help="Characters per line.")
@click.option("--max-lines", type=click.IntRange(1, 3), help="Lines per cue.")
@click.option(
    "--fps",
    type=click.Choice(FPS_CHOICES),
    default="25",
    show_default=True,
    help="Frame rate: every new time lands on a frame.",
)
@click.option("--bom", is_flag=True, help="Start the file with a UTF-8 BOM.")
@click.option("--crlf", is_flag=True, help="Windows line ends (CRLF).")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@click.option("-q", "--quiet", is_flag=True, help="No summary on stderr.")
def rebreak(
    captions: str,
    output: str,
    to: str | None,
    encoding: str | None,
    keep_cues: bool,
    preset: str,
    max_chars: int | None,
    max_lines: int | None,
    fps: str,
    **files: bool,
) -> int:
    """Re-cut and re-break someone else's SRT or WebVTT by broadcast rules.

    Every word is kept, letter for letter, and each word stays at the time it had: cues are
    cut anew at clause boundaries, lines broken by the rules of the file's language (Russian,
    Kazakh, English), reading speed and durations met, times put on frames. WebVTT voices and
    SubRip dash turns are kept. --keep-cues keeps the cues and only re-breaks their lines.
    """
    from dataclasses import replace

    from kztranscript.style import PRESETS
    from kztranscript.subtitles import rebreak as rebreak_cues

    found = (
        read_caption_stdin(encoding) if captions == "-" else read_caption_file(captions, encoding)
    )
    if found is None:
        raise UsageError(f"{captions}: not an .srt or .vtt caption file (for a script use convert)")
    file, fmt = found
    style = PRESETS[preset]
    if max_chars is not None:
        style = replace(style, max_chars=max_chars)
    if max_lines is not None:
        style = replace(style, max_lines=max_lines)
    cues = rebreak_cues(readable(file), style, int(fps), keep_cues)
    _write_cues(cues, _target(output, to, fmt), output, file, files)
    return 0
