"""Apple and Adobe interchange: FCP7 XML for Premiere Pro's markers, FCPXML for Final Cut Pro.

- **FCP7 XML** (``--to fcp7``; Premiere: File → Import the .xml, a sequence with one marker
  where each sync starts and one for each lower-third, named ``Name, title``): written through
  OpenTimelineIO and its ``fcp_xml`` adapter (otio-fcp-adapter), which keeps Cyrillic and
  Kazakh names as written. Premiere cannot import FCPXML; it takes this older dialect.
- **FCPXML 1.9** (``--to fcpxml``; Final Cut: File → Import → XML): a project whose one gap
  holds every cue as a caption on lane 1 in the ``iTT`` caption role of the script's language
  (``iTT?captionFormat=ITT.ru``; ``kk``, ``en``), cues under a lower-third placed at the top,
  and the same markers; written here with ElementTree, times as frame fractions
  (``1234/25s``).

Both count from ``--start`` (the sequence's timecode) at ``--fps``, non-drop-frame. FCP7 XML
needs the ``editors`` extra (opentimelineio, otio-fcp-adapter).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from kztranscript.errors import OptionsError
from kztranscript.model import Cue, LowerThird, Timeline
from kztranscript.timecode import to_frame
from kztranscript.writers import Output
from kztranscript.writers.editors import LOWER_THIRD_COLOUR, markers

ITT_LANGUAGES = {"ru": "ru", "kk": "kk", "en": "en"}


def _span(timeline: Timeline, cues: Sequence[Cue], items: Sequence[LowerThird]) -> int:
    """The sequence's length in frames: to the last cue, lower-third or segment end."""
    end = max(
        [timeline.end_ms, *(c.end_ms for c in cues), *(lt.out_ms for lt in items)],
        default=0,
    )
    return max(1, to_frame(end - timeline.start_ms, timeline.fps))


def write_fcp7(
    timeline: Timeline, cues: Sequence[Cue], items: Sequence[LowerThird], title: str
) -> str:
    """An FCP7 XML (xmeml) sequence with markers, through OpenTimelineIO."""
    try:
        import opentimelineio as otio
    except ImportError:
        raise OptionsError(
            "FCP7 XML output needs the editors extra: pip install 'kztranscript[editors]'",
            option="to",
        ) from None
    fps = timeline.fps

    def at(frames: int) -> otio.opentime.RationalTime:
        return otio.opentime.RationalTime(frames, fps)

    seq = otio.schema.Timeline(name=title)
    seq.global_start_time = at(to_frame(timeline.start_ms, fps))
    track = otio.schema.Track(name="V1")
    track.append(
        otio.schema.Gap(
            source_range=otio.opentime.TimeRange(at(0), at(_span(timeline, cues, items)))
        )
    )
    seq.tracks.append(track)
    for start, frames, colour, name in markers(timeline, items):
        first = to_frame(start, fps) - to_frame(timeline.start_ms, fps)
        seq.tracks.markers.append(
            otio.schema.Marker(
                name=name,
                marked_range=otio.opentime.TimeRange(at(first), at(frames)),
                color=otio.schema.MarkerColor.BLUE
                if colour == LOWER_THIRD_COLOUR
                else otio.schema.MarkerColor.GREEN,
            )
        )
    text: str = otio.adapters.write_to_string(seq, "fcp_xml")
    return text.rstrip("\n") + "\n"


def _t(frames: int, fps: int) -> str:
    return f"{frames}/{fps}s" if frames else "0s"


def write_fcpxml(
    timeline: Timeline,
    cues: Sequence[Cue],
    items: Sequence[LowerThird],
    title: str,
    language: str,
) -> str:
    """FCPXML 1.9: captions on lane 1 and markers, in one gap of the project's spine."""
    fps = timeline.fps
    start = to_frame(timeline.start_ms, fps)
    length = _span(timeline, cues, items)
    root = ET.Element("fcpxml", {"version": "1.9"})
    resources = ET.SubElement(root, "resources")
    ET.SubElement(
        resources,
        "format",
        {
            "id": "r1",
            "name": f"FFVideoFormat1080p{fps}",
            "frameDuration": f"1/{fps}s",
            "width": "1920",
            "height": "1080",
        },
    )
    library = ET.SubElement(root, "library")
    event = ET.SubElement(library, "event", {"name": "kztranscript"})
    project = ET.SubElement(event, "project", {"name": title})
    sequence = ET.SubElement(
        project,
        "sequence",
        {
            "format": "r1",
            "duration": _t(length, fps),
            "tcStart": _t(start, fps),
            "tcFormat": "NDF",
        },
    )
    spine = ET.SubElement(sequence, "spine")
    gap = ET.SubElement(
        spine,
        "gap",
        {
            "name": "Gap",
            "offset": _t(start, fps),
            "duration": _t(length, fps),
            "start": _t(start, fps),
        },
    )
    role = f"iTT?captionFormat=ITT.{ITT_LANGUAGES.get(language, language)}"
    for n, cue in enumerate(cues, start=1):
        first, last = to_frame(cue.start_ms, fps), to_frame(cue.end_ms, fps)
        caption = ET.SubElement(
            gap,
            "caption",
            {
                "lane": "1",
                "offset": _t(first, fps),
                "duration": _t(last - first, fps),
                "name": " ".join(cue.lines)[:60],
                "role": role,
            },
        )
        text = ET.SubElement(caption, "text", {"placement": "top" if cue.raised else "bottom"})
        style = ET.SubElement(text, "text-style", {"ref": f"ts{n}"})
        style.text = "\n".join(cue.lines)
        definition = ET.SubElement(caption, "text-style-def", {"id": f"ts{n}"})
        ET.SubElement(
            definition,
            "text-style",
            {
                "font": ".SF NS Text",
                "fontSize": "13",
                "fontFace": "Regular",
                "fontColor": "1 1 1 1",
                "backgroundColor": "0 0 0 1",
            },
        )
    for at, frames, _, name in markers(timeline, items):
        ET.SubElement(
            gap,
            "marker",
            {"start": _t(to_frame(at, fps), fps), "duration": _t(frames, fps), "value": name},
        )
    ET.indent(root, space="  ")
    for text in root.iter("text"):  # no indenting inside a caption's text: it would show
        text.text = None
        for child in text:
            child.tail = None
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE fcpxml>\n' + body + "\n"


def _title(output: Output) -> str:
    name = output.script.source.replace("\\", "/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] if "." in name else name or "kztranscript"


def write_premiere(output: Output) -> str:
    """FCP7 XML markers of a pipeline result."""
    return write_fcp7(output.timeline, output.cues, output.lower_thirds, _title(output))


def write_finalcut(output: Output) -> str:
    """FCPXML of a pipeline result (its WebVTT cues: no label text)."""
    return write_fcpxml(
        output.timeline,
        output.cues,
        output.lower_thirds,
        _title(output),
        output.script.language.value,
    )
