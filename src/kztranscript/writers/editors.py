"""Editing-system interchange written by hand, from each format's description: DaVinci
Resolve marker EDLs and Avid Media Composer SubCap caption files.

- **Resolve markers** (``--to resolve-edl``; Timeline → Import → Timeline Markers from EDL):
  a CMX 3600 list of one-frame events, each followed by Resolve's marker line
  ``|C:ResolveColorBlue |M:name |D:frames``. One marker where each sync or stand-up starts
  (green, one frame, ``Name, title``) and one for each lower-third (blue, as long as it is on
  screen). Record times are the timeline's own: Resolve's timelines start at 01:00:00:00 by
  default, so give ``--start 01:00:00:00`` (OpenTimelineIO's EDL writer upper-cases names and
  writes Avid ``* LOC:`` lines, which Resolve reads as comments).
- **Avid SubCap** (``--to avid``; in Media Composer: Tools → SubCap, Import Caption Data):
  the "Avid DS" caption text file: a header line, ``<begin subtitles>``, blocks of
  ``HH:MM:SS:FF HH:MM:SS:FF`` and up to two lines, ``<end subtitles>``. The timecodes must
  match the sequence's (``--start``), and SubCap stops at the first overlap: our cues never
  overlap. UTF-8.

Non-drop-frame timecode at ``--fps`` (24, 25, 30, 50, 60); 29.97 drop-frame is not offered
(the tool's frame rates are whole numbers).
"""

from __future__ import annotations

from collections.abc import Sequence

from kztranscript.model import Cue, LowerThird, SegmentKind, Timeline
from kztranscript.timecode import smpte, to_frame
from kztranscript.writers import Output

SYNC_COLOUR = "ResolveColorGreen"
LOWER_THIRD_COLOUR = "ResolveColorBlue"
AVID_HEADER = "@ This file written with the Avid Caption plugin, version 1"


def _marker_name(name: str, title: str | None) -> str:
    text = f"{name}, {title}" if title else name
    return " ".join(text.replace("|", "/").split())  # "|" opens the next field


def markers(timeline: Timeline, items: Sequence[LowerThird]) -> list[tuple[int, int, str, str]]:
    """(start ms, length in frames, colour, name) of every marker, in time order."""
    fps = timeline.fps
    out = []
    for ts in timeline.segments:
        sp = ts.segment.speaker
        if sp is None or ts.segment.kind not in (SegmentKind.SYNC, SegmentKind.STANDUP):
            continue
        out.append(
            (ts.start_ms, 1, SYNC_COLOUR, _marker_name(sp.label, sp.title if sp.name else None))
        )
    for lt in items:
        frames = max(1, to_frame(lt.out_ms, fps) - to_frame(lt.in_ms, fps))
        out.append((lt.in_ms, frames, LOWER_THIRD_COLOUR, _marker_name(lt.name, lt.title)))
    return sorted(out, key=lambda m: (m[0], m[2] != SYNC_COLOUR))


def write_resolve_edl(timeline: Timeline, items: Sequence[LowerThird], title: str) -> str:
    """A Resolve marker EDL."""
    fps = timeline.fps
    lines = [f"TITLE: {title}", "FCM: NON-DROP FRAME", ""]
    for n, (start, frames, colour, name) in enumerate(markers(timeline, items), start=1):
        first = to_frame(start, fps)
        tc_in = smpte(start, fps)
        tc_out = smpte(round((first + 1) * 1000 / fps), fps)
        lines.append(f"{n:03d}  001      V     C        {tc_in} {tc_out} {tc_in} {tc_out}  ")
        lines.append(f" |C:{colour} |M:{name} |D:{frames}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def write_avid_ds(cues: Sequence[Cue], fps: int) -> str:
    """An Avid SubCap (Avid DS) caption file."""
    lines = [AVID_HEADER, "", "<begin subtitles>", ""]
    for cue in cues:
        lines.append(f"{smpte(cue.start_ms, fps)} {smpte(cue.end_ms, fps)}")
        lines += [line.replace("<", "‹").replace(">", "›") for line in cue.lines]
        lines.append("")
    lines.append("<end subtitles>")
    return "\n".join(lines) + "\n"


def write_resolve(output: Output) -> str:
    return write_resolve_edl(output.timeline, output.lower_thirds, output.script.source)


def write_avid(output: Output) -> str:
    """Avid SubCap of a pipeline result (its SRT cues: labels as chosen)."""
    return write_avid_ds(output.srt_cues, output.timeline.fps)
