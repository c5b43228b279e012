"""Timed Text Markup Language for OTT and DVB delivery: IMSC 1.1 Text (through ttconv's
data model and IMSC writer) and EBU-TT-D (EBU Tech 3380, the profile DVB carries; written
here with ElementTree: ttconv writes IMSC, not EBU-TT-D).

Both carry the script's language (``xml:lang`` ``ru``/``kk``/``en``: Kazakh letters are plain
Unicode here, unlike EBU STL, whose Cyrillic code table lacks 16 of the 18 Kazakh letters and
is not offered), two regions inside the 10 % safe area — bottom, and top for a cue under a
lower-third — and media times ``HH:MM:SS.mmm`` counted like the SRT's (``--start`` included).
Needs the ``editors`` extra (ttconv) for IMSC; EBU-TT-D needs nothing.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from fractions import Fraction

from kztranscript import __version__
from kztranscript.errors import OptionsError
from kztranscript.model import Cue
from kztranscript.timecode import vtt
from kztranscript.writers import Output

TT = "http://www.w3.org/ns/ttml"
TTP = "http://www.w3.org/ns/ttml#parameter"
TTS = "http://www.w3.org/ns/ttml#styling"
TTM = "http://www.w3.org/ns/ttml#metadata"
EBUTTM = "urn:ebu:tt:metadata"
EBUTTS = "urn:ebu:tt:style"
FONT = "Verdana, Arial, Tiresias, sansSerif"  # EBU-TT-D's usual list; IMSC: proportionalSansSerif


def _serialize(root: ET.Element) -> str:
    """Indented XML, but nothing between the spans and breaks of a paragraph: there
    whitespace would be text (a space at a line's start)."""
    ET.indent(root, space="  ")
    for p in root.iter(f"{{{TT}}}p"):
        p.text = None
        for child in p:
            child.tail = None
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def write_imsc(cues: Sequence[Cue], language: str) -> str:
    """IMSC 1.1 Text of ``cues`` in ``language``."""
    try:
        from ttconv import model
        from ttconv import style_properties as styles
        from ttconv.imsc import writer
    except ImportError:
        raise OptionsError(
            "TTML output needs the editors extra: pip install 'kztranscript[editors]'",
            option="to",
        ) from None
    doc = model.ContentDocument()
    doc.set_lang(language)
    doc.set_cell_resolution(model.CellResolutionType(columns=40, rows=15))
    regions = {}
    for name, align in (
        ("bottom", styles.DisplayAlignType.after),
        ("top", styles.DisplayAlignType.before),
    ):
        region = model.Region(name, doc)
        region.set_style(
            styles.StyleProperties.Origin,
            styles.CoordinateType(
                x=styles.LengthType(10, styles.LengthType.Units.pct),
                y=styles.LengthType(10, styles.LengthType.Units.pct),
            ),
        )
        region.set_style(
            styles.StyleProperties.Extent,
            styles.ExtentType(
                height=styles.LengthType(80, styles.LengthType.Units.pct),
                width=styles.LengthType(80, styles.LengthType.Units.pct),
            ),
        )
        region.set_style(styles.StyleProperties.DisplayAlign, align)
        region.set_style(styles.StyleProperties.TextAlign, styles.TextAlignType.center)
        region.set_style(styles.StyleProperties.Color, styles.NamedColors.white.value)
        region.set_style(
            styles.StyleProperties.FontFamily, (styles.GenericFontFamilyType.proportionalSansSerif,)
        )
        doc.put_region(region)
        regions[name] = region
    body = model.Body(doc)
    doc.set_body(body)
    div = model.Div(doc)
    body.push_child(div)
    for cue in cues:
        p = model.P(doc)
        p.set_begin(Fraction(cue.start_ms, 1000))
        p.set_end(Fraction(cue.end_ms, 1000))
        p.set_region(regions["top" if cue.raised else "bottom"])
        for k, line in enumerate(cue.lines):
            if k:
                p.push_child(model.Br(doc))
            span = model.Span(doc)
            span.set_style(styles.StyleProperties.BackgroundColor, styles.ColorType((0, 0, 0, 192)))
            span.push_child(model.Text(doc, line))
            p.push_child(span)
        div.push_child(p)
    return _serialize(writer.from_model(doc).getroot())


def write_ebu_tt_d(cues: Sequence[Cue], language: str, source: str = "-") -> str:
    """EBU-TT-D (Tech 3380) of ``cues`` in ``language``."""
    for prefix, uri in (
        ("", TT),
        ("ttp", TTP),
        ("tts", TTS),
        ("ttm", TTM),
        ("ebuttm", EBUTTM),
        ("ebutts", EBUTTS),
    ):
        ET.register_namespace(prefix, uri)
    tt = ET.Element(
        f"{{{TT}}}tt",
        {
            "{http://www.w3.org/XML/1998/namespace}lang": language,
            f"{{{TTP}}}timeBase": "media",
            f"{{{TTP}}}cellResolution": "50 30",
        },
    )
    head = ET.SubElement(tt, f"{{{TT}}}head")
    metadata = ET.SubElement(head, f"{{{TT}}}metadata")
    doc_meta = ET.SubElement(metadata, f"{{{EBUTTM}}}documentMetadata")
    ET.SubElement(
        doc_meta, f"{{{EBUTTM}}}conformsToStandard"
    ).text = "urn:ebu:tt:distribution:2018-04"
    ET.SubElement(
        doc_meta, f"{{{EBUTTM}}}documentOriginatingSystem"
    ).text = f"kztranscript {__version__} ({source})"
    styling = ET.SubElement(head, f"{{{TT}}}styling")
    ET.SubElement(
        styling,
        f"{{{TT}}}style",
        {
            "{http://www.w3.org/XML/1998/namespace}id": "caption",
            f"{{{TTS}}}fontFamily": FONT,
            f"{{{TTS}}}fontSize": "100%",
            f"{{{TTS}}}lineHeight": "normal",
            f"{{{TTS}}}textAlign": "center",
            f"{{{TTS}}}color": "#FFFFFF",
            f"{{{TTS}}}backgroundColor": "#000000C2",
            f"{{{EBUTTS}}}linePadding": "0.5c",
        },
    )
    layout = ET.SubElement(head, f"{{{TT}}}layout")
    for name, align in (("bottom", "after"), ("top", "before")):
        ET.SubElement(
            layout,
            f"{{{TT}}}region",
            {
                "{http://www.w3.org/XML/1998/namespace}id": name,
                f"{{{TTS}}}origin": "10% 10%",
                f"{{{TTS}}}extent": "80% 80%",
                f"{{{TTS}}}displayAlign": align,
            },
        )
    body = ET.SubElement(tt, f"{{{TT}}}body")
    div = ET.SubElement(body, f"{{{TT}}}div")
    for n, cue in enumerate(cues, start=1):
        p = ET.SubElement(
            div,
            f"{{{TT}}}p",
            {
                "{http://www.w3.org/XML/1998/namespace}id": f"sub{n}",
                "begin": vtt(cue.start_ms),
                "end": vtt(cue.end_ms),
                "region": "top" if cue.raised else "bottom",
            },
        )
        for k, line in enumerate(cue.lines):
            if k:
                ET.SubElement(p, f"{{{TT}}}br")
            span = ET.SubElement(p, f"{{{TT}}}span", {"style": "caption"})
            span.text = line
    return _serialize(tt)


def write(output: Output) -> str:
    """IMSC 1.1 Text of a pipeline result (its WebVTT cues: no label text in the lines)."""
    return write_imsc(output.cues, output.script.language.value)


def write_ebu(output: Output) -> str:
    """EBU-TT-D of a pipeline result."""
    return write_ebu_tt_d(output.cues, output.script.language.value, output.script.source)
