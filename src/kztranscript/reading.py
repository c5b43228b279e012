"""Bytes → normalized text.

Archives hold scripts in UTF-8 (with or without BOM), UTF-16 and the Cyrillic code pages of
the last thirty years (cp1251, KOI8-R, cp866, and KZ-1048 for Kazakh). We decode
deliberately: a BOM wins; then strict UTF-8; then charset-normalizer's guesses and the legacy
code pages, each scored by how much the result looks like Cyrillic text rather than mojibake.
"""

from __future__ import annotations

import codecs
import re
import sys
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

from kztranscript.errors import (
    BinaryInputError,
    DecodingError,
    EmptyInputError,
    InputError,
    OptionsError,
    UnknownEncodingError,
)
from kztranscript.model import Finding, FindingCode, Severity

#: Code pages tried when the bytes are not UTF-8, in order of preference on a tie.
LEGACY_ENCODINGS = ("cp1251", "kz1048", "koi8_r", "cp866", "mac_cyrillic")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Letters frequent in Russian and Kazakh prose. Real text scores ~0.8 on this set; text
# decoded in the wrong code page scores far lower (case swaps, box drawing, Serbian letters).
_COMMON = set("оеаинтсрвлкмдпуяызьгчбйжхшюцщэфъёәғқңөұүһі")
_TYPOGRAPHY = set("«»„“”‘’—–…№°•·")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+")

_SPACES: dict[str, str] = {
    "\u00a0": " ",  # no-break space
    "\u202f": " ",  # narrow no-break space (French-style typography in some templates)
    "\u2007": " ",  # figure space
    "\u2009": " ",  # thin space
    "\u200a": " ",  # hair space
    "\u3000": " ",
    "\t": " ",
    "\u00ad": "",  # soft hyphen
    "\u200b": "",  # zero-width space
    "\u200c": "",
    "\u200d": "",
    "\u2060": "",  # word joiner
    "\ufeff": "",  # stray BOM / zero-width no-break space
    "\u2028": "\n",
    "\u2029": "\n",
    "\v": "\n",
    "\f": "\n",
}
# One regex pass finds them (str.translate with a table looks up every character: 60 % of
# decoding a script).
_ODD_SPACE = re.compile("[" + re.escape("".join(_SPACES)) + "]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# Not characters at all (U+FFFE, U+FFFF, lone surrogates): no output format may carry them.
_NONCHARACTER = re.compile("[\ud800-\udfff\ufffe\uffff]")
_MULTISPACE = re.compile(r" {2,}")
# List bullets a word processor puts before a line: layout, not text ("- " is a quote dash).
_BULLET = re.compile(r"^[•●▪◦‣⁃∙■□►▸➢✓]+\s*")


@dataclass(frozen=True, slots=True)
class Decoded:
    """Normalized text, the encoding it was decoded from, and what could not be decoded
    exactly (a finding a line: bytes replaced, a paragraph in another code page)."""

    text: str
    encoding: str
    findings: tuple[Finding, ...] = ()


def normalize(text: str) -> str:
    """Line ends to ``\\n``, invisible and odd spaces normalized, NFC, lines stripped (list
    bullets too).

    >>> normalize("Имя\\u00a0Фамилия,\\tтитр:\\r\\n- Текст\\u00ad")
    'Имя Фамилия, титр:\\n- Текст'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ODD_SPACE.sub(lambda m: _SPACES[m.group()], text)
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub("", text)
    text = _NONCHARACTER.sub("\ufffd", text)
    lines = [_BULLET.sub("", _MULTISPACE.sub(" ", line).strip()) for line in text.split("\n")]
    return "\n".join(lines).rstrip("\n")


def cyrillic_score(text: str) -> float:
    """How much ``text`` looks like real Cyrillic (or plain Latin) prose, 0..1.

    The share of visible characters that are frequent Cyrillic letters, ASCII, or the
    typography news scripts use (« » — – … №). Wrong code pages give case-swapped letters,
    box drawing and Serbian or Macedonian letters instead.
    """
    sample = text[:20000]
    visible = [c for c in sample if not c.isspace()]
    if not visible:
        return 0.0
    letters = _LETTER.findall(sample)
    cyr = sum(1 for c in letters if _CYRILLIC.match(c))
    common = sum(1 for c in visible if c.lower() in _COMMON)
    plain = sum(1 for c in visible if c.isascii() or c in _TYPOGRAPHY)
    plausible = (common + plain) / len(visible)
    # A wrong code page swaps case inside words ("пРИВЕТ"); real words are lower, Title or UPPER.
    words = _WORD.findall(sample)
    if not words:
        return 0.0
    well_cased = sum(1 for w in words if w.islower() or w.isupper() or w[1:].islower())
    score = plausible * well_cased / len(words)
    if sum(map(len, words)) / len(words) > 25:  # no word breaks: not prose
        score /= 2
    first = _LETTER.search(sample)
    if first is not None and first.group().islower() and cyr:
        score -= 0.05  # scripts start with a capital; KOI8-R capitals read as cp1251 do not
    return score


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode(data: bytes, path: str = "-", encoding: str | None = None) -> Decoded:
    """Decode script bytes and normalize the text.

    Raises ``EmptyInputError``, ``BinaryInputError`` or ``DecodingError`` (all ``InputError``)
    with the path and, where known, the line.

    >>> decode("Привет".encode("cp1251")).encoding
    'cp1251'
    """
    if encoding is not None:
        check_encoding(encoding)
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise DecodingError(
                f"not valid {encoding} (byte 0x{data[exc.start]:02x})",
                path,
                _line_of(data, exc.start),
            ) from None
        return _finish(text, encoding, path)

    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return _finish(data.decode(name), name.replace("-sig", "-bom"), path)
            except UnicodeDecodeError as exc:
                raise DecodingError(
                    f"starts with a {name} byte order mark but is not valid {name}", path
                ) from exc

    if b"\x00" in data:
        utf16 = _bomless_utf16(data)
        if utf16 is not None:
            return _finish(utf16[0], utf16[1], path)
        raise BinaryInputError(
            "binary file (NUL bytes), not a text script", path, _line_of(data, data.index(0))
        )

    try:
        return _finish(data.decode("utf-8"), "utf-8", path)
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if _mostly_utf8(data):
        return _repaired_utf8(data, path)

    best: tuple[float, int, str, str] | None = None
    for rank, name in enumerate(_candidates(data)):
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        key = (cyrillic_score(text), -rank)
        if best is None or key > best[:2]:
            best = (key[0], key[1], name, text)
    if best is None or best[0] < 0.6:
        raise UnknownEncodingError(
            "cannot tell the text encoding (not UTF-8, and no Cyrillic code page gives "
            "readable text); name the encoding",
            path,
            _line_of(data, utf8_error.start),
        )
    return _finish(best[3], best[2], path)


def check_encoding(encoding: str) -> None:
    """Raises ``OptionsError`` (option ``encoding``) for an unknown codec or one that is not a
    text encoding (``base64``, ``zlib``: they decode bytes to bytes)."""
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise OptionsError(f"unknown encoding {encoding!r}", option="encoding") from None
    if not getattr(info, "_is_text_encoding", True):
        raise OptionsError(
            f"{encoding!r} is not a text encoding (use utf-8, cp1251, koi8-r …)",
            option="encoding",
        )


# A valid UTF-8 sequence of two to four bytes, and a byte over 0x7f.
_UTF8_MULTI = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_HIGH = re.compile(rb"[\x80-\xff]")


def _mostly_utf8(data: bytes) -> bool:
    """Whether bytes that are not valid UTF-8 are still UTF-8 text at heart: most of their
    non-ASCII bytes form valid UTF-8 sequences (a few bad bytes, or a paragraph pasted from
    a cp1251 file), as a legacy code page's text almost never does."""
    sample = data[:200_000]
    multi = sum(len(m) for m in _UTF8_MULTI.findall(sample))
    return multi >= 2 and multi * 2 >= len(_HIGH.findall(sample))


def _repaired_utf8(data: bytes, path: str) -> Decoded:
    """UTF-8 text with some lines that are not: each such line is read in the legacy code
    page that makes it readable Cyrillic, or else as UTF-8 with its bad bytes replaced by
    U+FFFD; a finding names each line, so no mojibake passes silently."""
    out: list[str] = []
    findings: list[Finding] = []
    other = None
    for n, raw in enumerate(data.split(b"\n"), start=1):
        try:
            out.append(raw.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        legacy = _legacy_line(raw)
        if legacy is not None:
            out.append(legacy[0])
            other = legacy[1]
            findings.append(
                Finding(
                    FindingCode.TEXT_MIXED,
                    Severity.WARNING,
                    n,
                    f"line {n} is not UTF-8 like the rest of the file; read as {other}",
                )
            )
            continue
        out.append(raw.decode("utf-8", "replace"))
        findings.append(
            Finding(
                FindingCode.TEXT_REPLACED,
                Severity.WARNING,
                n,
                f"line {n}: {out[-1].count(chr(0xFFFD))} byte(s) not valid UTF-8, replaced "
                "with �; check the line",
            )
        )
    name = f"utf-8+{other}" if other else "utf-8 (repaired)"
    return replace(_finish("\n".join(out), name, path), findings=tuple(findings))


def _legacy_line(raw: bytes) -> tuple[str, str] | None:
    """A line in a legacy Cyrillic code page, when one reads it as plausible text (two words
    at least: a stray byte or two is a broken UTF-8 character, not a pasted paragraph)."""
    if len(_WORD.findall(raw.decode("latin-1"))) < 2:
        return None
    best: tuple[float, str, str] | None = None
    for name in LEGACY_ENCODINGS:
        try:
            text = raw.decode(name)
        except UnicodeDecodeError:
            continue
        score = cyrillic_score(text)
        if best is None or score > best[0]:
            best = (score, text, codecs.lookup(name).name)
    if best is None or best[0] < 0.75:
        return None
    return best[1], best[2]


def _candidates(data: bytes) -> list[str]:
    """The legacy code pages in order of preference, then charset-normalizer's other guesses."""
    names = [codecs.lookup(name).name for name in LEGACY_ENCODINGS]
    try:
        from charset_normalizer import from_bytes

        for match in from_bytes(data[:200_000]):
            name = codecs.lookup(match.encoding).name
            if name not in names:
                names.append(name)
    except Exception:  # pragma: no cover - detector trouble must not hide the code pages
        pass
    return names


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a byte order mark, when it decodes to plausible text."""
    if len(data) % 2:
        return None
    # ASCII in UTF-16-LE has its NULs at odd offsets; try the likelier byte order first.
    odd_first = data[1::2].count(0) >= data[0::2].count(0)
    for name in ("utf-16-le", "utf-16-be") if odd_first else ("utf-16-be", "utf-16-le"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text and cyrillic_score(text) >= 0.6:
            return text, name
    return None


def _finish(text: str, encoding: str, path: str) -> Decoded:
    if "\x00" in text:
        raise BinaryInputError("binary file (NUL characters), not a text script", path)
    normalized = normalize(text)
    if not normalized.strip():
        raise EmptyInputError("empty script (no text)", path)
    findings: tuple[Finding, ...] = ()
    if _NONCHARACTER.search(text):
        findings = tuple(
            Finding(
                FindingCode.TEXT_REPLACED,
                Severity.WARNING,
                n,
                f"line {n}: a code that is no character (U+FFFE, U+FFFF) replaced with �",
            )
            for n, line in enumerate(text.splitlines(), start=1)
            if _NONCHARACTER.search(line)
        )
    return Decoded(normalized, encoding, findings)


def decode_document(data: bytes, path: str, encoding: str | None = None) -> Decoded:
    """Bytes of a script file → text, by what the file is: a ``.docx`` (python-docx,
    paragraphs and table cells in order), an ``.rtf`` (striprtf, with the code page the file
    declares) — also under another name, as old archives keep them — else plain text."""
    suffix = Path(path).suffix.lower()
    if data.startswith(_OLE_MAGIC):
        raise InputError(
            "a Word 97-2003 (.doc) or other OLE file: not supported; save it as .docx or .rtf",
            path,
        )
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    plain = suffix not in (".docx", ".rtf") and not data.startswith(b"PK\x03\x04")
    if plain and not head.startswith(b"{\\rtf"):
        return decode(data, path, encoding)  # plain text: no document reader to load
    from kztranscript import documents  # zipfile and striprtf: only for documents

    if head.startswith(b"{\\rtf"):
        suffix = ".rtf"
    elif suffix != ".docx" and data.startswith(b"PK\x03\x04") and documents.is_docx(data):
        suffix = ".docx"
    if suffix == ".docx":
        return _finish(documents.docx_text(data, path), "docx", path)
    if suffix == ".rtf":
        if not head.startswith(b"{\\rtf"):
            raise InputError("not an RTF file (no {\\rtf header)", path)
        text, codepage, findings = documents.rtf_text(head, path, encoding)
        return replace(_finish(text, f"rtf-{codepage}", path), findings=findings)
    return decode(data, path, encoding)


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 .doc, .xls, .msg…

#: A script is never larger than this; a bigger input (or an endless one: a device, a pipe
#: that never ends) is refused while it is read, not after.
MAX_SCRIPT_BYTES = 64 * 1024 * 1024


def read_bytes(path: str, limit: int = MAX_SCRIPT_BYTES) -> bytes:
    """The bytes of a file (``-``: standard input), at most ``limit``. Raises ``InputError``
    for a missing or unreadable file, a folder, a device, or input over the limit."""
    import os
    import stat

    if path == "-":
        data = sys.stdin.buffer.read(limit + 1)
    else:
        try:
            mode = os.stat(path).st_mode
            if stat.S_ISDIR(mode):
                raise InputError("is a directory, not a script file", path)
            if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) or stat.S_ISSOCK(mode):
                raise InputError("is a device, not a script file", path)
            with open(path, "rb") as f:
                data = f.read(limit + 1)
        except FileNotFoundError:
            raise InputError("no such file", path) from None
        except PermissionError:
            raise InputError("permission denied", path) from None
        except OSError as exc:
            raise InputError(f"cannot read ({exc.strerror or exc})", path) from None
    if len(data) > limit:
        raise InputError(f"larger than {limit // 2**20} MB: not a script", path)
    return data


def read_file(path: str, encoding: str | None = None) -> Decoded:
    """Read and decode a script file (text, .docx or .rtf); ``-`` reads standard input.

    Raises ``InputError`` subclasses with the path for missing, unreadable or undecodable
    input, and ``OptionsError`` for an encoding that is not a text encoding.
    """
    if encoding is not None:
        check_encoding(encoding)
    data = read_bytes(path)
    if path == "-":
        return decode(data, "<stdin>", encoding)
    return decode_document(data, path, encoding)
