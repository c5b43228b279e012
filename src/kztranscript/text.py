"""Character classes every stage agrees on: dashes, quote pairs, alphabets, look-alikes.

One definition each (a second copy drifts: ``―`` was once a dash to the parser and not to
the line breaker). Pure data and tiny functions; imports nothing of ours.
"""

from __future__ import annotations

import re

# --- dashes and quotes -------------------------------------------------------------------------
#: Every character that may open a dash quote or stand as a dash word: hyphen-minus, en dash,
#: em dash, figure dash, horizontal bar.
DASHES = "-–—‒―"
#: Marks that open a quotation: guillemets, low and high double quotes, the straight quote.
OPEN_QUOTES = '«„“"'
#: Quote marks typed without guillemets, opening mark → closing mark (they do not nest).
PLAIN_QUOTES = {'"': '"', "“": "”", "„": "“"}
#: Sentence-final punctuation.
SENTENCE_END = ".!?…"

# --- alphabets ---------------------------------------------------------------------------------
#: Capital letters of the scripts we read (Latin, Russian, Kazakh, and Ў Є Ї of neighbours'
#: names), as the body of a regex character class.
UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІЎЄЇ"
#: The letters only Kazakh has among the Cyrillic alphabets we meet.
KAZAKH_LOWER = "әғқңөұүһі"
KAZAKH_LETTERS = frozenset(KAZAKH_LOWER + KAZAKH_LOWER.upper())
#: The Cyrillic block, as the body of a regex character class.
CYRILLIC = "\u0400-\u04ff"
#: Initials before a surname: ``К.``, ``К.-Ж.``, ``Ж.-П.``, ``Th.``.
INITIALS = re.compile(rf"(?:[{UPPER}][a-zа-яё]?\.-?)+")

#: Latin letters that look like Cyrillic ones (а е о р с х у к м т н в and capitals), and like
#: Kazakh і һ (typed on keyboards without a Kazakh layout: "Серiкқызы").
LOOKALIKES = {
    "i": "і",
    "I": "І",
    "h": "һ",
    "a": "а",
    "e": "е",
    "o": "о",
    "p": "р",
    "c": "с",
    "x": "х",
    "y": "у",
    "k": "к",
    "m": "м",
    "A": "А",
    "B": "В",
    "E": "Е",
    "K": "К",
    "M": "М",
    "H": "Н",
    "O": "О",
    "P": "Р",
    "C": "С",
    "T": "Т",
    "X": "Х",
    "Y": "У",
}

# --- words -------------------------------------------------------------------------------------
#: What ``bare()`` strips from both ends of a word: quotes, brackets and punctuation.
WORD_TRIM = "«»\"'“”„()[],.;:!?…"


def fold(word: str) -> str:
    """Case- and Ё-insensitive key.

    >>> fold("Ёлка") == fold("елка")
    True
    """
    return word.casefold().replace("ё", "е")


def bare(word: str) -> str:
    """A word as the word lists spell it: folded, quotes and punctuation stripped.

    >>> bare("«Нұр,")
    'нұр'
    """
    return fold(word.strip(WORD_TRIM))


#: Other scripts' letters that pass for Cyrillic in a Cyrillic word: Greek (ο α ε ρ …) and
#: the Latin schwa of Azerbaijani and Latin-script Kazakh (Ə ə for Ә ә).
OTHER_LOOKALIKES = {
    "ο": "о", "α": "а", "ε": "е", "ρ": "р", "κ": "к", "τ": "т", "χ": "х", "υ": "у", "ν": "v",
    "Ο": "О", "Α": "А", "Ε": "Е", "Ρ": "Р", "Κ": "К", "Τ": "Т", "Χ": "Х", "Μ": "М", "Η": "Н",
    "Β": "В", "Ə": "Ә", "ə": "ә",
}  # fmt: skip
#: Cyrillic letters that pass for Latin ones in a Latin word (``Dаniyar`` with Cyrillic а).
CYRILLIC_LOOKALIKES = {v: k for k, v in LOOKALIKES.items()}


def unconfuse(text: str) -> str:
    """Latin look-alike letters replaced by the Cyrillic ones they imitate.

    >>> unconfuse("Сeрiк") == "Серік"
    True
    """
    return "".join(LOOKALIKES.get(c, OTHER_LOOKALIKES.get(c, c)) for c in text)
