"""Quote syntax around direct speech: leading dashes, «guillemets» (nested, over several
paragraphs), straight and typographic double quotes, and reported speech inside narration."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kztranscript.text import DASHES, OPEN_QUOTES, PLAIN_QUOTES, SENTENCE_END

_DASH_WORD = re.compile(r"[-–—]\s*[^\W\d_]")
_QUOTE_END = re.compile(r"»([.!?…]*)$")
_PLAIN_QUOTE_END = re.compile(r"\"([.!?…]*)$")


def starts_quote(text: str) -> str | None:
    """'dash' or 'quote' when a paragraph opens with a quote mark, else None."""
    if text[0] in DASHES:
        return "dash"
    if text[0] in OPEN_QUOTES:
        return "quote"
    return None


def matching_close(text: str, opening: str = "«", closing: str = "»") -> int | None:
    """Index of the mark that closes the first ``opening`` of ``text`` (nesting counted).

    >>> matching_close("«Он сказал: «да»». Потом")
    16
    """
    depth = 0
    for i, c in enumerate(text):
        if c == opening:
            depth += 1
        elif c == closing:
            depth -= 1
            if depth == 0:
                return i
    return None


def reported_speech(text: str) -> bool:
    """``«…», — сказал Габит.``: a quote inside narration, not a speaker's turn."""
    close = matching_close(text)
    if close is None:
        return False
    after = text[close + 1 :].lstrip(" ,.!?…")
    return bool(after) and after[0] in DASHES and bool(_DASH_WORD.match(after))


def strip_speech(text: str) -> str:
    """Take the quote syntax off a speech paragraph: a leading dash, wrapping « » or " ".

    >>> strip_speech("- «Речь».")
    'Речь.'
    """
    t = text
    if t and t[0] in DASHES:
        t = t[1:].lstrip()
    close_mark = PLAIN_QUOTES.get(t[:1])
    if close_mark is not None:
        end = t.rfind(close_mark)
        inner = t[1:end] if end > 0 else ""
        # "Речь". — only when the marks wrap the whole paragraph, with nothing quoted inside
        if inner.strip() and close_mark not in inner and not t[end + 1 :].strip(".!?…,; "):
            inner = inner.strip()
            tail = t[end + 1 :].strip(" ,;")
            return inner + (tail if inner[-1] not in SENTENCE_END else "")
    if t.startswith("«"):
        close = matching_close(t)
        # «Речь». — the full stop may stand outside the closing quote.
        if close is not None and not t[close + 1 :].strip(".!?…,; "):
            inner = t[1:close].strip()
            tail = t[close + 1 :].strip(" ,;")
            t = inner + (tail if inner and inner[-1] not in SENTENCE_END else "")
    return t or text


def speech_and_after(rest: str) -> tuple[str, str]:
    """``«Речь». Дальше закадр.`` → the quoted speech, and the narration after it ("" if none)."""
    if not rest.startswith("«"):
        return rest, ""
    close = matching_close(rest)
    if close is None:
        return rest, ""
    end = close + 1
    while end < len(rest) and rest[end] in ".!?…,;":
        end += 1
    after = rest[end:].strip()
    if not after:
        return rest, ""
    return rest[:end].strip(), after


@dataclass
class QuoteState:
    """A «quote» or a "quote" left open across the paragraphs of one speech."""

    depth: int = 0  # «» nesting still open
    plain_open: bool = False  # a straight-quoted ("…) speech runs over several paragraphs

    @property
    def open(self) -> bool:
        return self.depth > 0 or self.plain_open

    def reset(self) -> None:
        self.depth = 0
        self.plain_open = False

    def speech_body(self, text: str) -> str:
        """Strip quote syntax from one paragraph of speech, tracking quotes left open."""
        before = self.depth
        depth = max(0, before + text.count("«") - text.count("»"))
        self.depth = depth
        body = strip_speech(text)
        if before == 0 and depth > 0 and body.startswith("«"):
            body = body[1:].lstrip()  # opens a quote that runs over several paragraphs
        if before > 0 and depth == 0:
            m = _QUOTE_END.search(body)
            if m:
                body = body[: m.start()].rstrip() + m.group(1)
        if text.count('"') % 2:  # an odd count opens or closes a straight-quoted speech
            if not self.plain_open and body.startswith('"'):
                self.plain_open = True
                body = body[1:].lstrip()
            elif self.plain_open:
                self.plain_open = False
                m = _PLAIN_QUOTE_END.search(body)
                if m:
                    body = body[: m.start()].rstrip() + m.group(1)
        return body or text
