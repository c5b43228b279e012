"""SubRip in and out, through pysrt (the only module that imports it).

Writing: our cues become ``pysrt.SubRipItem`` objects, which format each block (number,
``HH:MM:SS,mmm --> HH:MM:SS,mmm``, text); blocks are joined by one blank line and the file
ends with one newline (``SubRipFile.write_into`` would add a second). No markup: players
delete angle brackets, so speaker labels are plain text and ``<`` ``>`` in a script become
``‹`` ``›``, and a ``{\\`` in a script is written ``{ \\`` so no player takes it for a
position tag.

Reading: pysrt skips a block it cannot read without a word (its default) or stops the whole
file at the first (``ERROR_RAISE``), and takes ``00:99:00,000`` or ``1:2:3`` for times. So the
file is cut into blocks here, each block is read by ``pysrt.SubRipItem.from_lines``, its
timestamps are checked against the SubRip form, and every block that cannot be used becomes a
finding with its line: nothing is dropped silently, and one bad block does not lose the rest.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pysrt

from kztranscript.model import (
    CaptionFile,
    Cue,
    Finding,
    FindingCode,
    Severity,
    SourceCue,
)
from kztranscript.writers import Output

_TIMESTAMP = re.compile(r"(\d{1,3}):([0-5]\d):([0-5]\d)[,.](\d{3})")
_TIMING = re.compile(r"^\s*(\S+)\s*-->\s*(\S+)(.*)$")
# SubRip's de facto markup: <i> <b> <u> <font …>, and ASS overrides such as {\an8} {\i1}
_TAG = re.compile(r"</?(?:i|b|u|s|font)(?:\s[^>]*)?>|\{\\[^}]*\}", re.IGNORECASE)
_TOP = re.compile(r"\{\\an[789]\}")


def write_srt(cues: Sequence[Cue], position_tags: bool = False) -> str:
    """SRT text: numbered cues, ``HH:MM:SS,mmm`` times, ``\\n`` line ends, one final newline.

    With ``position_tags``, raised cues (under a lower-third) start with ``{\\an8}`` (top
    centre), which most players and editors honour; off by default, as some show it as text.
    Cue lines are never empty (``break_lines`` makes them from words), so no blank line ends
    a cue early.
    """
    items = []
    for i, cue in enumerate(cues, start=1):
        # players take <…> for markup and {\…} for a position or style override
        text = "\n".join(cue.lines).replace("<", "‹").replace(">", "›").replace("{\\", "{ \\")
        if position_tags and cue.raised:
            text = "{\\an8}" + text
        start = pysrt.SubRipTime.from_ordinal(cue.start_ms)
        end = pysrt.SubRipTime.from_ordinal(cue.end_ms)
        items.append(pysrt.SubRipItem(i, start, end, text))
    return "\n".join(str(item) for item in items)


def write(output: Output) -> str:
    """The SRT file of a pipeline result (its SRT cues, with the chosen speaker labels)."""
    return write_srt(output.srt_cues, output.options.srt_position_tags)


def _ms(stamp: str) -> int | None:
    m = _TIMESTAMP.fullmatch(stamp)
    if m is None:
        return None
    h, mi, s, ms = (int(x) for x in m.groups())
    return ((h * 60 + mi) * 60 + s) * 1000 + ms


def _blocks(text: str) -> list[tuple[int, list[str]]]:
    """The blank-line separated blocks of a file: (1-based first line, lines)."""
    out: list[tuple[int, list[str]]] = []
    current: list[str] = []
    first = 0
    for n, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            if not current:
                first = n
            current.append(line.rstrip())
        elif current:
            out.append((first, current))
            current = []
    if current:
        out.append((first, current))
    return out


def _bad(code: FindingCode, line: int, message: str, text: str | None = None) -> Finding:
    return Finding(code, Severity.ERROR, line, message, text)


def read_srt(text: str, source: str = "-") -> CaptionFile:
    """The cues of SubRip text (normalized: ``\\n`` line ends, no BOM), and a finding for
    each block that is not a readable cue (no timing line, a bad timestamp, an end before its
    start) with its line. Cue numbers are kept as written; ``check`` reports a bad sequence.

    >>> f = read_srt("1\\n00:00:01,000 --> 00:00:02,500\\n<i>Привет</i>\\n")
    >>> f.cues[0].start_ms, f.cues[0].end_ms, f.cues[0].lines, f.cues[0].markup
    (1000, 2500, ('Привет',), ('<i>',))
    """
    cues: list[SourceCue] = []
    findings: list[Finding] = []
    for first, lines in _blocks(text):
        timing_at = next((i for i, ln in enumerate(lines) if "-->" in ln), None)
        if timing_at is None or timing_at > 1:
            what = " ".join(lines)[:60]
            findings.append(
                _bad(FindingCode.CAPTION_MALFORMED, first, "not a cue (no timing line)", what)
            )
            continue
        line = first + timing_at
        try:
            item = pysrt.SubRipItem.from_lines(lines)
        except pysrt.Error:
            findings.append(
                _bad(FindingCode.CAPTION_MALFORMED, line, "cannot read this cue", lines[timing_at])
            )
            continue
        m = _TIMING.match(lines[timing_at])
        start = _ms(m.group(1)) if m else None
        end = _ms(m.group(2)) if m else None
        if start is None or end is None:
            findings.append(
                _bad(
                    FindingCode.CAPTION_TIMESTAMP,
                    line,
                    f"bad timestamp in {lines[timing_at].strip()!r} (use HH:MM:SS,mmm)",
                    "\n".join(lines),
                )
            )
            continue
        body = item.text.split("\n") if item.text else []
        tags = (t.group(0) for ln in body for t in _TAG.finditer(ln))
        markup = tuple(dict.fromkeys(t for t in tags if not t.startswith("</")))
        top = any(_TOP.search(ln) for ln in body)
        clean = tuple(c for c in (_TAG.sub("", ln).strip() for ln in body) if c)
        number = lines[0].strip() if timing_at == 1 else ""
        cues.append(
            SourceCue(number, start, end, clean, line, item.position, top=top, markup=markup)
        )
    return CaptionFile(tuple(cues), "srt", tuple(findings), source=source)
