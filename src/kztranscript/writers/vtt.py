"""WebVTT in and out, through webvtt-py (the only module that imports it).

Writing: our cues become ``webvtt.Caption`` objects (times, cue settings such as
``line:10%``, text lines) and the file a ``webvtt.WebVTT`` with the ``NOTE`` naming the
source as its header comment; webvtt-py formats the file and refuses a cue or note that
would not read back. It does not escape cue text, so ``&`` ``<`` ``>`` become entities here,
and a payload never holds ``-->`` or a tag we did not mean; the ``<v Name>`` voice spans are
written here into the text, since webvtt-py has no voice field to write them from.

Reading: the file is cut into blocks (a blank line ends one, as WebVTT says); the header,
``NOTE``, ``STYLE`` and ``REGION`` blocks are kept as written; each cue block is read by
webvtt-py in strict mode, so a bad timestamp or setting becomes a finding with its line
instead of a cue skipped without a word (webvtt-py's default).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError

from kztranscript import __version__
from kztranscript.model import (
    CaptionFile,
    Cue,
    Finding,
    FindingCode,
    Severity,
    SourceCue,
)
from kztranscript.timecode import vtt
from kztranscript.writers import Output

_VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]+)>")
_TAG = re.compile(r"</?[^>]*>")
_TOP_LINE = re.compile(r"(?:^|\s)line:(-?\d+(?:\.\d+)?)(%?)")


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _note(text: str) -> str:
    # A NOTE block ends at a blank line and must not contain "-->".
    return " ".join(text.replace("-->", "→").split())


def _payload(cue: Cue) -> list[str]:
    """The cue's lines, escaped, each marked with its speaker's ``<v Name>`` span."""
    lines = [escape(line) for line in cue.lines]
    sp = cue.speaker
    if cue.voices:  # a dialogue cue: each line in its speaker's voice
        for i, voice in enumerate(cue.voices[: len(lines)]):
            if voice is not None and voice.name:
                lines[i] = f"<v {escape(_note(voice.name))}>{lines[i]}</v>"
    elif sp is not None and sp.name:
        lines[0] = f"<v {escape(_note(sp.name))}>{lines[0]}"
        lines[-1] = f"{lines[-1]}</v>"
    return lines


def write_vtt(
    cues: Sequence[Cue],
    source: str = "-",
    raised_line: str = "10%",
    blocks: Sequence[str] = (),
) -> str:
    """WebVTT text with a ``NOTE`` naming the source and the tool, ``\\n`` line ends.

    Cues marked ``raised`` (a lower-third is on screen) get the setting ``line:<raised_line>``
    so players draw them near the top. ``blocks`` are a WebVTT file's ``NOTE``, ``STYLE``
    and ``REGION`` blocks as read (``CaptionFile.blocks``), written back before the cues.
    """
    captions = [
        webvtt.Caption(
            vtt(cue.start_ms),
            vtt(cue.end_ms),
            _payload(cue),
            settings=f"line:{raised_line}" if cue.raised else None,
        )
        for cue in cues
    ]
    notes = [_note(f"source: {source}; kztranscript {__version__}")]
    styles, regions = [], []
    for block in blocks:
        head, _, body = block.partition("\n")
        if head.startswith("NOTE"):
            notes.append(block[4:].strip())
        elif head.startswith("STYLE"):
            styles.append(webvtt.Style(body))
        elif head.startswith("REGION"):
            regions.append(webvtt.models.Region.from_string(" ".join(body.split())))
    return webvtt.WebVTT(
        captions=captions, header_comments=notes, styles=styles, regions=regions
    ).content


def write(output: Output) -> str:
    """The WebVTT file of a pipeline result."""
    return write_vtt(output.cues, output.script.source, output.options.raised_line)


def _blocks(text: str) -> list[tuple[int, list[str]]]:
    """WebVTT blocks: (1-based first line, lines); a line of only spaces is no blank line."""
    out: list[tuple[int, list[str]]] = []
    current: list[str] = []
    first = 0
    for n, line in enumerate(text.split("\n"), start=1):
        if line:
            if not current:
                first = n
            current.append(line)
        elif current:
            out.append((first, current))
            current = []
    if current:
        out.append((first, current))
    return out


def _top(settings: str) -> bool:
    """Whether cue settings put the cue near the top (``line:0``, ``line:10%``)."""
    m = _TOP_LINE.search(settings)
    if m is None:
        return False
    value = float(m.group(1))
    return value <= 20 if m.group(2) else 0 <= value <= 2


def _cue(lines: list[str], first: int) -> SourceCue | Finding:
    timing_at = 0 if "-->" in lines[0] else 1
    line = first + timing_at
    try:
        parsed = webvtt.from_string("WEBVTT\n\n" + "\n".join(lines) + "\n", strict=True)
    except (MalformedCaptionError, MalformedFileError) as exc:
        reason = str(exc).split(" [")[0][:80]
        code = (
            FindingCode.CAPTION_MALFORMED if "setting" in reason else FindingCode.CAPTION_TIMESTAMP
        )
        return Finding(
            code, Severity.ERROR, line, f"cannot read this cue ({reason})", "\n".join(lines)
        )
    if len(parsed.captions) != 1:
        return Finding(
            FindingCode.CAPTION_MALFORMED,
            Severity.ERROR,
            line,
            "cannot read this cue",
            "\n".join(lines),
        )
    cap = parsed.captions[0]
    voices: list[str | None] = []
    clean: list[str] = []
    markup: dict[str, None] = {}
    voice: str | None = None
    for raw in cap.lines:
        m = _VOICE.search(raw)
        if m is not None:
            voice = html.unescape(m.group(1).strip())
        line_voice = voice
        for tag in _TAG.findall(raw):
            if not tag.startswith(("<v", "</")):
                markup[tag] = None
        if "</v>" in raw:
            voice = None
        text = html.unescape(_TAG.sub("", raw)).replace("\xa0", " ").strip()
        if text:
            clean.append(text)
            voices.append(line_voice)
    settings = str(cap.settings)
    return SourceCue(
        cap.identifier or "",
        cap.start_time.in_milliseconds(),
        cap.end_time.in_milliseconds(),
        tuple(clean),
        line,
        settings,
        tuple(voices) if any(voices) else (),
        _top(settings),
        tuple(markup),
    )


def read_vtt(text: str, source: str = "-") -> CaptionFile:
    """The cues of WebVTT text (normalized: ``\\n`` line ends, no BOM), the ``NOTE``,
    ``STYLE`` and ``REGION`` blocks as written, and a finding for each block that is not a
    readable cue, with its line. Raises ``ValueError`` when the text does not start with
    ``WEBVTT``.

    >>> cue = "00:01.000 --> 00:02.000 line:10%\\n<v Ерлан>Сәлем &amp; бәрі</v>\\n"
    >>> c = read_vtt("WEBVTT\\n\\n" + cue).cues[0]
    >>> c.start_ms, c.lines, c.voices, c.top
    (1000, ('Сәлем & бәрі',), ('Ерлан',), True)
    """
    blocks = _blocks(text)
    if not blocks or not blocks[0][1][0].startswith("WEBVTT"):
        raise ValueError("not a WebVTT file (no WEBVTT header)")
    cues: list[SourceCue] = []
    findings: list[Finding] = []
    kept: list[str] = []
    for first, lines in blocks[1:]:
        head = lines[0].split(" ", 1)[0].split("\t", 1)[0]
        if head in ("NOTE", "STYLE", "REGION") and "-->" not in "".join(lines[1:]):
            kept.append("\n".join(lines))
            continue
        if not any("-->" in ln for ln in lines[:2]):
            findings.append(
                Finding(
                    FindingCode.CAPTION_MALFORMED,
                    Severity.ERROR,
                    first,
                    "not a cue (no timing line)",
                    " ".join(lines)[:60],
                )
            )
            continue
        read = _cue(lines, first)
        if isinstance(read, Finding):
            findings.append(read)
        else:
            cues.append(read)
    return CaptionFile(tuple(cues), "vtt", tuple(findings), tuple(kept), source)
