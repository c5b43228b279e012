"""Caption typography as broadcast captions write it (Netflix Russian guide, GOST practice):
straight quotes become «…» (nested „…“; “…” in English), a spaced hyphen used as a dash
becomes a dash (— in Russian and Kazakh, – in English; – between numbers), ``...`` becomes
``…``, runs of spaces one. Only those characters change: never a letter or a digit, and a
second pass changes nothing. Names and titles on lower-thirds are not touched (this runs on
caption text only); ``--keep-typography`` keeps the script's characters.
"""

from __future__ import annotations

import re

from kztranscript.model import Language

_ELLIPSIS = re.compile(r"\.{3,}")
_SPACES = re.compile(r" {2,}")
# a hyphen (or two) standing alone between words: used as a dash
_SPACED_HYPHEN = re.compile(r"(?<=\S) (?:-|--) (?=\S)")
_NUMBER_RANGE = re.compile(r"(?<=\d) (?:-|--) (?=\d)")
_OPENS_AFTER = frozenset(" ([{«„“‘—–-/\n")


def tidy(text: str, language: Language) -> str:
    """``text`` with broadcast typography.

    >>> tidy('Он сказал: "Это - "Нұр Отан"..."', Language.RU)
    'Он сказал: «Это — „Нұр Отан“…»'
    >>> tidy("в АО «НК «ҚазАвтоЖол»»", Language.RU)
    'в АО «НК „ҚазАвтоЖол“»'
    >>> tidy('He said "wait" - and left...', Language.EN)
    'He said “wait” – and left…'
    """
    nested = text.count("«") > 1 and language is not Language.EN
    plain = '"' not in text and "-" not in text and "..." not in text and "  " not in text
    if plain and not nested:
        return text
    text = _ELLIPSIS.sub("…", text)
    text = _SPACES.sub(" ", text)
    text = _NUMBER_RANGE.sub(" – ", text)
    dash = "–" if language is Language.EN else "—"
    text = _SPACED_HYPHEN.sub(f" {dash} ", text)
    return _quotes(text, language) if '"' in text or nested else text


def _quotes(text: str, language: Language) -> str:
    """Straight double quotes paired into «» and „“ (or “” in English); an unpaired one stays."""
    outer, inner = ("“”", "“”") if language is Language.EN else ("«»", "„“")
    out: list[str] = []
    stack: list[str] = []  # the closing mark of each open quote
    for i, c in enumerate(text):
        if c == "«" and stack and language is not Language.EN:
            stack.append(inner[1])  # «НК «ҚазАвтоЖол»» → «НК „ҚазАвтоЖол“»
            out.append(inner[0])
            continue
        if c in "«„“" and c != '"':
            if c == "«":
                stack.append("»")
            out.append(c)
            continue
        if c == "»" and stack and stack[-1] in "»“":
            out.append(stack.pop())
            continue
        if c != '"':
            out.append(c)
            continue
        opening = i == 0 or text[i - 1] in _OPENS_AFTER
        if opening:
            marks = outer if not stack else inner
            stack.append(marks[1])
            out.append(marks[0])
        elif stack:
            out.append(stack.pop())
        else:
            out.append(c)
    return "".join(out)  # a quote left open stays open: no closing mark is invented
