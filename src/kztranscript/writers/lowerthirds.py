"""Lower-third items → CSV / TSV, JSON, CasparCG template XML.

Column order is a contract (vMix, CasparCG and OBS map by position):
``name,title,role,lang,tcin,tcout,inms,outms,durms,index,line``. Timecodes are SMPTE at the
timeline's frame rate, from the programme start. Cells a spreadsheet would run as a formula
(starting with ``= + - @``) are made inert with a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from typing import Any

from kztranscript.model import LowerThird
from kztranscript.timecode import smpte
from kztranscript.writers import Output

# Characters XML 1.0 does not allow in a document at all (controls, lone surrogates,
# U+FFFE/U+FFFF): each becomes U+FFFD, so the file stays well-formed.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ATTR = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "\n": "&#10;",
    "\t": "&#9;",
    "\r": "&#13;",
}
_ATTR_CHARS = re.compile('[&<>"\n\t\r]')


def quoteattr(value: str) -> str:
    """``value`` as a double-quoted XML attribute: escaped, and with the characters XML 1.0
    forbids replaced by U+FFFD (xml.sax.saxutils would cost 50 ms of imports for this)."""
    value = _NOT_XML.sub("\ufffd", value)
    return '"' + _ATTR_CHARS.sub(lambda m: _ATTR[m.group()], value) + '"'


COLUMNS = (
    "name",
    "title",
    "role",
    "lang",
    "tcin",
    "tcout",
    "inms",
    "outms",
    "durms",
    "index",
    "line",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def rows(items: Sequence[LowerThird], fps: int) -> list[dict[str, Any]]:
    """One flat record per item, keys in ``COLUMNS`` order."""
    return [
        {
            "name": it.name,
            "title": it.title,
            "role": it.role.value,
            "lang": it.language.value,
            "tcin": smpte(it.in_ms, fps),
            "tcout": smpte(it.out_ms, fps),
            "inms": it.in_ms,
            "outms": it.out_ms,
            "durms": it.duration_ms,
            "index": i,
            "line": it.line,
        }
        for i, it in enumerate(items, start=1)
    ]


def inert(value: Any) -> Any:
    """A text cell that cannot run as a spreadsheet formula (OWASP CSV injection)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_csv(items: Sequence[LowerThird], fps: int, delimiter: str = ",") -> str:
    """CSV (or TSV with ``delimiter="\\t"``) with a header row, ``\\n`` line ends."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows(items, fps):
        writer.writerow([inert(row[c]) for c in COLUMNS])
    return out.getvalue()


def write_json(items: Sequence[LowerThird], fps: int) -> str:
    """A top-level JSON array of flat objects."""
    return json.dumps(rows(items, fps), ensure_ascii=False, indent=2) + "\n"


def write_caspar_xml(items: Sequence[LowerThird], fps: int, source: str = "-") -> str:
    """CasparCG template data, one ``<item>`` per lower-third: f0 = name, f1 = title."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<lowerthirds source={quoteattr(source)} fps="{fps}">',
    ]
    for row in rows(items, fps):
        lines += [
            f'  <item index="{row["index"]}" tcin="{row["tcin"]}" tcout="{row["tcout"]}" '
            f'inms="{row["inms"]}" outms="{row["outms"]}" line="{row["line"]}" '
            f"role={quoteattr(row['role'])}>",
            "    <templateData>",
            f'      <componentData id="f0"><data id="text" value={quoteattr(row["name"])}/>'
            "</componentData>",
            f'      <componentData id="f1"><data id="text" value={quoteattr(row["title"])}/>'
            "</componentData>",
            "    </templateData>",
            "  </item>",
        ]
    lines.append("</lowerthirds>")
    return "\n".join(lines) + "\n"


def write_csv_output(output: Output) -> str:
    return write_csv(output.lower_thirds, output.timeline.fps)


def write_tsv_output(output: Output) -> str:
    return write_csv(output.lower_thirds, output.timeline.fps, delimiter="\t")


def write_json_output(output: Output) -> str:
    return write_json(output.lower_thirds, output.timeline.fps)


def write_xml_output(output: Output) -> str:
    return write_caspar_xml(output.lower_thirds, output.timeline.fps, output.script.source)
