"""Advanced SubStation Alpha (.ass) through pysubs2: for burn-in with ffmpeg (libass), players
and editors that take ASS.

One style, ``Default``: DejaVu Sans (it has every Kazakh letter; Arial lacks ә ғ қ ң ө ұ ү һ,
and libass would fall back to another font letter by letter), white with a black outline,
bottom centre, on a 1920x1080 canvas; a cue under a lower-third is drawn at the top (an
``{\\an8}`` override). A script's own ``{`` ``}`` ``\\`` are written as ``｛`` ``｝`` ``＼``
(in ASS they would hide text or start an escape). Each event's ``Name`` field holds the
speaker, so an editor can filter by voice; the text carries the SRT speaker labels chosen
(``--speaker-labels``). ASS keeps times in centiseconds: our cues are on frames of 40 ms at
25 fps (a whole number of centiseconds); at 24, 30 and 60 fps a time is rounded to the
nearest centisecond by pysubs2.
Needs the ``editors`` extra (pysubs2).
"""

from __future__ import annotations

from collections.abc import Sequence

from kztranscript.errors import OptionsError
from kztranscript.model import Cue
from kztranscript.writers import Output

FONT = "DejaVu Sans"
MAX_MS = 36_000_000  # ASS writes H:MM:SS.cc: one digit of hours
_ESCAPE = str.maketrans({"{": "｛", "}": "｝", "\\": "＼"})


def write_ass(cues: Sequence[Cue], title: str = "") -> str:
    """The ASS text of ``cues`` (``\\n`` line ends, a final newline)."""
    try:
        import pysubs2
    except ImportError:
        raise OptionsError(
            "ASS output needs the editors extra: pip install 'kztranscript[editors]'",
            option="to",
        ) from None
    if cues and cues[-1].end_ms >= MAX_MS:
        raise OptionsError(
            "ASS times end at 9:59:59.99: start the programme before 10:00:00:00 for ASS "
            "(or write SRT, WebVTT or TTML)",
            option="start",
        )
    subs = pysubs2.SSAFile()
    subs.info.update({"Title": title, "PlayResX": "1920", "PlayResY": "1080"})
    subs.info["WrapStyle"] = "2"  # no automatic wrapping: our lines are already broken
    subs.styles["Default"] = pysubs2.SSAStyle(
        fontname=FONT,
        fontsize=56,
        primarycolor=pysubs2.Color(255, 255, 255),
        outlinecolor=pysubs2.Color(0, 0, 0),
        backcolor=pysubs2.Color(0, 0, 0, 128),
        outline=3,
        shadow=1,
        alignment=pysubs2.Alignment.BOTTOM_CENTER,
        marginl=96,
        marginr=96,
        marginv=54,
    )
    for cue in cues:
        # "\N" is ASS's line break, "{…}" an override block, "\" an escape: a script's own
        # braces and backslashes are written as their full-width forms so none is hidden
        lines = [line.translate(_ESCAPE) for line in cue.lines]
        text = ("{\\an8}" if cue.raised else "") + "\\N".join(lines)
        name = cue.speaker.label if cue.speaker else ""
        subs.events.append(pysubs2.SSAEvent(cue.start_ms, cue.end_ms, text, name=name))
    written: str = subs.to_string("ass")
    return written.replace("\r\n", "\n").rstrip("\n") + "\n"


def write(output: Output) -> str:
    """The ASS file of a pipeline result (its SRT cues: labels as chosen)."""
    return write_ass(output.srt_cues, output.script.source)
