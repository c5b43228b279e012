"""Word-processor documents → text: ``.docx`` (python-docx) and ``.rtf`` (striprtf).

Both formats are read defensively, because archives hold damaged and hostile files: a
``.docx`` is a zip, and one that unpacks to hundreds of megabytes is refused before it is
parsed; an RTF's Unicode escapes may be negative (``\\u-10179?`` is how Word writes the two
halves of an emoji), its ``\\bin`` data may hold braces, and old editors wrote raw 8-bit bytes
in the document's code page instead of ``\\'xx`` escapes. What cannot be read exactly becomes
a replacement character and a finding with its line, never a traceback.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from kztranscript.errors import DecodingError, InputError
from kztranscript.model import Finding, FindingCode, Severity

# A .docx is refused when its parts unpack to more than this (a real script is a few
# hundred KB of XML; a zip bomb is hundreds of MB).
MAX_UNPACKED = 64 * 1024 * 1024

_ANSICPG = re.compile(rb"\\ansicpg(\d+)")
# The end of a table cell (striprtf writes "|"): each cell of a two-column script is a paragraph.
_RTF_CELL_END = re.compile(r"(?<!\\)\\(?:nest)?cell(?![a-z])")
_NEGATIVE_U = re.compile(r"\\u-(\d{1,5})")
_BIN = re.compile(rb"\\bin(\d{1,9}) ?")
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")


def is_docx(data: bytes) -> bool:
    """Whether a ZIP archive is a Word document (a .docx under another name)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "word/document.xml" in z.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


def docx_text(data: bytes, path: str) -> str:
    """The text of a .docx, paragraph by paragraph, table cells in order. Raises
    ``InputError`` for a broken file or one that unpacks to over ``MAX_UNPACKED`` bytes."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            unpacked = sum(info.file_size for info in z.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise InputError(f"not a valid .docx file ({exc.__class__.__name__})", path) from None
    if unpacked > MAX_UNPACKED:
        raise InputError(
            f"the .docx unpacks to {unpacked // 2**20} MB (over {MAX_UNPACKED // 2**20} MB): "
            "not read",
            path,
        )
    try:
        from docx import Document

        doc = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(f"not a valid .docx file ({exc.__class__.__name__})", path) from None
    except Exception as exc:  # python-docx raises its own errors for broken packages
        raise InputError(f"cannot read the .docx file ({exc.__class__.__name__})", path) from None
    return "\n".join(_docx_blocks(doc))


def _docx_blocks(container: Any) -> Iterator[str]:
    """The text of a document or table cell, paragraph by paragraph, in order — tables too
    (a two-column script keeps its text in one), row by row, a merged cell once."""
    from docx.table import Table

    for block in container.iter_inner_content():
        if isinstance(block, Table):
            seen: set[Any] = set()  # the cells' XML elements (kept alive, so same objects)
            for row in block.rows:
                for cell in row.cells:
                    if cell._tc not in seen:  # a merged cell comes once per grid column
                        seen.add(cell._tc)
                        yield from _docx_blocks(cell)
        else:
            yield block.text


def _without_binary(data: bytes) -> bytes:
    """RTF with its ``\\binN`` data taken out (N raw bytes that may hold braces)."""
    out, at = bytearray(), 0
    for m in _BIN.finditer(data):
        if m.start() < at:
            continue
        out += data[at : m.start()]
        at = m.end() + int(m.group(1))
    out += data[at:]
    return bytes(out)


def rtf_text(data: bytes, path: str, encoding: str | None) -> tuple[str, str, tuple[Finding, ...]]:
    """The text of an RTF document (``data`` starts with ``{\\rtf``), the code page it was
    read in, and findings for what could not be read exactly.

    >>> doc = rb"{\\rtf1\\ansi\\ansicpg1251 \\'cf\\'f0\\'e8 \\u-10179?\\u-8704?}"
    >>> rtf_text(doc, "x.rtf", None)[:2]
    ('При 😀', 'cp1251')
    """
    m = _ANSICPG.search(data[:4096])
    codepage = encoding or (f"cp{int(m.group(1))}" if m else "cp1252")
    if b"\\fcharset204" in data[:4096] and not m and encoding is None:
        codepage = "cp1251"  # Cyrillic font charset, no code page declared
    try:
        codecs.lookup(codepage)
    except LookupError:
        raise InputError(f"RTF declares an unknown code page {codepage!r}", path) from None
    from striprtf.striprtf import rtf_to_text

    data = _without_binary(data)
    # raw 8-bit bytes stand for themselves in the code page: give striprtf escapes for them
    data = _HIGH_BYTE.sub(lambda b: b"\\'%02x" % b.group()[0], data)
    source = _NEGATIVE_U.sub(lambda n: f"\\u{65536 - int(n.group(1))}", data.decode("ascii"))
    try:
        text = str(
            rtf_to_text(  # type: ignore[no-untyped-call]
                _RTF_CELL_END.sub(r"\\par", source), encoding=codepage, errors="replace"
            )
        )
    except (ValueError, IndexError, OverflowError) as exc:
        raise DecodingError(f"cannot read the RTF ({exc.__class__.__name__})", path) from None
    # \uN escapes of the two halves of a character outside the BMP arrive as two surrogates
    text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    findings = tuple(
        Finding(
            FindingCode.TEXT_REPLACED,
            Severity.WARNING,
            n,
            f"line {n}: {line.count(chr(0xFFFD))} character(s) of the RTF could not be read "
            "(shown as �); check the document",
        )
        for n, line in enumerate(text.split("\n"), start=1)
        if "\ufffd" in line
    )
    return text, codepage, findings
