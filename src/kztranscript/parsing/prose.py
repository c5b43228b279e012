"""What a line of prose is, beyond markers: one sentence broken over two lines, a date or a
headline that is not speech, the end of a script cut off when it was copied."""

from __future__ import annotations

import re

from kztranscript.lexicon import ANY
from kztranscript.text import CYRILLIC, DASHES, KAZAKH_LOWER, OPEN_QUOTES, fold

_CYRILLIC = re.compile(f"[{CYRILLIC}]")
_KAZAKH = re.compile(f"[{KAZAKH_LOWER}{KAZAKH_LOWER.upper()}]")

# A line that is only a date (14.03.2021, 2021-03-14, 14 марта 2021 года): never read aloud.
_DATE = re.compile(
    r"(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}\s+[^\W\d_]{3,9}\s+\d{4}"
    r"(?:\s*(?:года|год|г\.|жыл|ж\.|жылы))?)(?:[,\s]+\d{1,2}[:.]\d{2})?\.?",
    re.IGNORECASE,
)
_MONTHS = frozenset(
    """
    января февраля марта апреля мая июня июля августа сентября октября ноября декабря
    январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь
    қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан
    january february march april may june july august september october november december
    """.split()
)
_END = ".!?…:;»\"”')"


def date_line(text: str) -> bool:
    """A line that is only a date (and maybe a time): ``14.03.2021``, ``14 марта 2021 года``."""
    if not _DATE.fullmatch(text.strip()):
        return False
    words = [w for w in text.split() if w.isalpha()]
    return all(fold(w) in _MONTHS or fold(w) in ("года", "год", "жыл", "жылы") for w in words)


def hard_wrapped(previous: str, text: str) -> bool:
    """Whether ``text`` goes on the sentence ``previous`` left unfinished (transcripts copied
    from web pages break lines anywhere): no final punctuation before, and a lower-case word
    or a preposition, conjunction or particle on either side of the break."""
    if not previous or not text or previous[-1] in _END or text[0] in DASHES + OPEN_QUOTES:
        return False
    last = fold(previous.split()[-1].strip(",;"))
    return text[0].islower() or previous[-1] == "," or last in ANY.no_line_end


_SENTENCE_INSIDE = re.compile(r"[.!?…]\s")


def headline(text: str, following: str) -> bool:
    """A line at the top that reads as a web headline, rubric or programme name: a few words
    with no sentence punctuation, not continued by the line after it (``following``)."""
    return (
        text[-1] not in _END
        and len(text.split()) <= 12
        and text[0] not in DASHES
        and not _SENTENCE_INSIDE.search(text)
        and not hard_wrapped(text, following)
    )


# Short words that may end a sentence whole (not fragments of a longer one).
_SHORT_WORDS = frozenset(
    """
    я ты он мы вы их им ей её ее да нет ол біз сіз сен мен иә жоқ ал is it me us go no so up
    on
    """.split()
)
_VOWELS = frozenset("аеёиоуыэюяәөұүіaeiouy")


def truncated(paragraph: str) -> bool:
    """Whether the last paragraph of a script stops mid-word or mid-phrase (a copy cut off):
    no final punctuation, and a last word that is a fragment (``д``, ``дорг``, ``пере-``) or
    a preposition, conjunction or particle (``на``, ``и``, ``the``); in Russian prose also a
    word pymorphy3's dictionary does not know (``доро``).

    >>> truncated("Жители жалуются на плохую д"), truncated("В Астане прошёл форум")
    (True, False)
    """
    text = paragraph.rstrip()
    if not text or text[-1] in _END or text[-1] in "»”":
        return False
    last = text.split()[-1]
    word = fold(last.strip('«"„“('))
    if last.endswith(("-", "‐")) or word in ANY.no_line_end:
        return True
    if not word.isalpha() or not word.islower() or word in _SHORT_WORDS:
        return False
    if len(word) <= 2 or not (_VOWELS & set(word)):
        return True
    return _russian(text) and not _known_russian(word)


def _russian(text: str) -> bool:
    """Russian prose: Cyrillic with no Kazakh-only letter."""
    return bool(_CYRILLIC.search(text)) and not _KAZAKH.search(text)


def _known_russian(word: str) -> bool:
    """Whether pymorphy3's dictionary knows the word ("доро" is half of one)."""
    from kztranscript.morphology import dictionary_analyzer

    return bool(dictionary_analyzer().word_is_known(word))
