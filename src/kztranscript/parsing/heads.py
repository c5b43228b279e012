"""The marker grammar: ``Name Surname, title (note):`` and its variants.

A head is what stands before the colon of a marker: a name (initials, hyphens, particles,
honorifics), a title after a comma or dash or in brackets, notes in brackets
(``(перевод с казахского)``), or a title written first (``Аким Астаны Женис Касымбек``,
``Астана қаласының әкімі Жеңіс Қасымбек``). Also a final byline of names, and a marker cut
off by the end of the text.
"""

from __future__ import annotations

import re

from kztranscript.conventions import Conventions
from kztranscript.lexicon import ANY
from kztranscript.parsing.units import Head
from kztranscript.text import DASHES, INITIALS, OPEN_QUOTES, SENTENCE_END, UPPER, bare, fold

MAX_HEAD = 250  # a marker head (name, title, note) is never longer than this
MAX_NAME_WORDS = 4
MAX_TITLE_WORDS = 25

_SEPARATOR = re.compile(r",|\s[-‒]\s|[–—―]")
_SENTENCE_BREAK = re.compile(rf"[^\W\d_]{{5,}}[.!?…]\s+[{UPPER}]")
# A length or a time in brackets after a marker or label: "(15 сек)", "(00:12)", "(1'20'')".
_LENGTH_NOTE = re.compile(
    r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?::\d{2})?|\d+\s*'\s*\d*\s*(?:''|\")?"
    r"|\d+(?:[.,]\d+)?\s*(?:сек\w*|с|мин\w*|м|s|sec\w*|min\w*)\.?"
)
_NOTE_WORD = re.compile("|".join(rf"(?<!\w){re.escape(w)}(?!\w)" for w in ANY.note_words))
_NAME_PARTS = re.compile(r"[-'’]")
_BYLINE_SEP = re.compile(r",|\s[-–—]\s")
# Russian verb and short-participle endings ("убеждён", "высказался"): a line of a position
# and such a word is a sentence. Some nouns end so too ("села"); they stay narration.
_VERB_ENDING = re.compile(
    r"(?:л|ла|ло|ли|лся|лась|лось|лись|ет|ют|ит|ят|ется|ются|ится|ятся|ен|ён|ена|ены)$"
)
_CAPS_TOKEN = re.compile(rf"[{UPPER}]{{2,6}}")  # РК, ҚР, ООН, UN
_LABELLED = re.compile(r"([^:]{1,40}):\s*(.*)$")
_PLURAL_MARK = re.compile(r"\((ы|а|и|лар|s)\)$")
_CREDIT_STARTS = tuple(p + end for p in ANY.credit_prefixes for end in " :")


_LENGTH_PARTS = re.compile(
    r"(?:(?P<h>\d{1,2}):)?(?P<m>\d{1,2}):(?P<s>\d{2})"
    r"|(?P<m2>\d+)\s*'\s*(?P<s2>\d*)\s*(?:''|\"|″)?"
    r"|(?P<n>\d+(?:[.,]\d+)?)\s*(?P<unit>сек\w*|с|мин\w*|м|s|sec\w*|min\w*)"
)


def note_length_ms(note: str | None) -> int | None:
    """A length written in a note, in ms: ``15 сек`` → 15000, ``1'20''`` → 80000, ``00:12`` →
    12000, ``2 мин`` → 120000; None when the note gives none.

    >>> note_length_ms("15 сек"), note_length_ms("1'20''"), note_length_ms("перевод")
    (15000, 80000, None)
    """
    if not note:
        return None
    for part in note.split(";"):
        m = _LENGTH_PARTS.fullmatch(fold(part).strip().rstrip("."))
        if m is None:
            continue
        seconds: float
        if m["s"] is not None:
            seconds = int(m["h"] or 0) * 3600 + int(m["m"]) * 60 + int(m["s"])
        elif m["m2"] is not None:
            seconds = int(m["m2"]) * 60 + int(m["s2"] or 0)
        else:
            value = float(m["n"].replace(",", "."))
            seconds = value * 60 if m["unit"].startswith(("мин", "min", "м")) else value
        return round(seconds * 1000) or None
    return None


def is_note(inner: str) -> bool:
    """Whether a bracketed text is a note (``перевод``, ``on camera``, ``15 сек``), not a title."""
    f = fold(inner)
    return _NOTE_WORD.search(f) is not None or _LENGTH_NOTE.fullmatch(f.strip()) is not None


def name_word(token: str) -> bool:
    """A capitalized word of letters, with inner hyphens or apostrophes (Жан-Пьер, O'Brien),
    or an Arabic article before one (аль-Мактум, ибн-Сина, al-Thani).

    >>> name_word("Жан-Пьер"), name_word("аль-Мактум"), name_word("вице-министр")
    (True, True, False)
    """
    core = token.replace("-", "").replace("'", "").replace("’", "")
    if len(core) < 2 or not core.isalpha():
        return False
    head, dash, rest = token.partition("-")
    if not token[0].isupper():
        return bool(dash) and head.lower() in _NAME_ARTICLES and rest[:1].isupper()
    return all(part for part in _NAME_PARTS.split(token))


# Articles that open a name word written with a hyphen: "аль-Мактум", "эд-Дин", "al-Thani".
_NAME_ARTICLES = frozenset(
    "аль ал эль ад ас аш ат ар аз ан уль ибн эд al el ad as ash at ibn ed".split()
)


def name_tokens(name: str) -> int | None:
    """Number of real name words in ``name``, or None when it is not a name.

    >>> name_tokens("К.-Ж. Токаев"), name_tokens("Людвиг ван Бетховен"), name_tokens("В Астане")
    (2, 2, None)
    """
    tokens = name.split()
    if not tokens or len(tokens) > MAX_NAME_WORDS + 1:
        return None
    if fold(tokens[0]) in ANY.not_names:
        return None
    real = 0
    for i, tok in enumerate(tokens):
        f = fold(tok)
        if i == 0 and f in ANY.honorifics and len(tokens) > 1:
            continue
        if i > 0 and f in ANY.name_particles:
            continue
        if INITIALS.fullmatch(tok) or name_word(tok):
            real += 1
            continue
        return None
    return real if 1 <= real <= MAX_NAME_WORDS else None


def position_title(tokens: list[str]) -> bool:
    """Whether the words form a position (``Аким Астаны``, ``Астана қаласының әкімі``).

    Russian and English put the position word first (after modifiers such as "первый" and
    abbreviations such as "ООН"); Kazakh puts it last.
    """
    words = [bare(t) for t in tokens]
    if not words:
        return False
    if words[-1] in ANY.position_words:
        return True
    for tok, w in zip(tokens, words, strict=True):
        if w in ANY.position_words:
            return True
        if w not in ANY.position_modifiers and not _CAPS_TOKEN.fullmatch(tok):
            return False
    return False


def verb_like(words: list[str]) -> bool:
    """Whether a word other than the position word looks like a verb."""
    return any(looks_like_verb(w) for w in words[1:])


def looks_like_verb(word: str) -> bool:
    """A Russian verb or short participle by its ending (``высказался``, ``убеждён``), not a
    position word."""
    w = bare(word)
    return _VERB_ENDING.search(w) is not None and w not in ANY.position_words


def title_first(head: str) -> tuple[str, str] | None:
    """``Аким Астаны Женис Касымбек`` → (title, name): a marker that puts the title first.

    The name is the last two words (three with a patronymic), or a surname alone; what comes
    before it must read as a position.

    >>> title_first("Аким Астаны Женис Касымбек")
    ('Аким Астаны', 'Женис Касымбек')
    """
    tokens = head.split()
    # "Имя Отчество Фамилия" or "Фамилия Имя Отчество"
    ends = [fold(t) for t in tokens[-2:]] if len(tokens) >= 4 else []
    patronymic = any(w.endswith((*ANY.patronymic_endings, *ANY.kazakh_patronymic)) for w in ends)
    surname = (*ANY.surname_endings, *ANY.kazakh_patronymic)
    for size in (3, 2, 1) if patronymic else (2, 1):  # "… Айгүл Серікқызы": a surname
        if len(tokens) <= size:
            continue
        name = " ".join(tokens[-size:])
        if name_tokens(name) != size or (size == 1 and not fold(name).endswith(surname)):
            continue
        if position_title(tokens[:-size]):
            title = " ".join(tokens[:-size])
            return (title, name) if title_ok(title) else None
    return None


def title_ok(title: str) -> bool:
    """Whether a text can be a title: not too long, not a sentence, no reporting verb."""
    if len(title) > 200 or len(title.split()) > MAX_TITLE_WORDS:
        return False
    if "!" in title or "?" in title or _SENTENCE_BREAK.search(title):
        return False
    return not any(bare(w).startswith(ANY.reporting_stems) for w in title.split())


def opening_paren(text: str, end: int) -> int | None:
    """Index of the ``(`` that the ``)`` at ``end`` closes, or None.

    >>> opening_paren("a (b (c)) d", 8)
    2
    """
    depth = 0
    for i in range(end, -1, -1):
        if text[i] == ")":
            depth += 1
        elif text[i] == "(":
            depth -= 1
            if depth == 0:
                return i
    return None


def is_anonymous(name: str) -> bool:
    """A speaker without a name: ``UNIDENTIFIED MALE``, ``Неизвестный``, or a role word alone
    (``КОРРЕСПОНДЕНТ:``)."""
    tokens = name.split()
    if len(tokens) == 1 and fold(tokens[0]) in ANY.role_labels:
        return True
    return bool(tokens) and len(tokens) <= 4 and fold(tokens[0]) in ANY.anonymous_words


def _bracketed_tail(h: str) -> tuple[str, list[str], str | None] | None:
    """Take notes and a bracketed title off the end of a head: (rest, notes, title)."""
    notes: list[str] = []
    paren_title: str | None = None
    while h.endswith(")"):
        start = opening_paren(h, len(h) - 1)
        if start is None:
            return None
        inner = h[start + 1 : -1].strip()
        h = h[:start].rstrip()
        if not inner:
            continue
        if is_note(inner):
            notes.insert(0, inner)
        elif paren_title is None:
            paren_title = inner
        else:
            return None
    return h, notes, paren_title


def _unseparated(h: str, note: str | None) -> Head | None:
    """A head with no comma or dash: a title written first, or a position with no name."""
    first = title_first(h)
    plain = name_tokens(h) is None  # not all name-like words: maybe a sentence
    if first is not None:
        # a title with a verb-like word may be a sentence: a marker only before a quote
        needs_quote = plain and verb_like(first[0].split())
        return Head(first[1], first[0], note, needs_quote=needs_quote)
    words = h.split()
    if len(words) <= 4 and position_title(words) and title_ok(h) and not verb_like(words):
        # "Жители Алматы:", "Аким Астаны:" (not "Президент убеждён:", a sentence)
        return Head(None, h, note, anonymous=True, needs_quote=plain)
    return None


def split_head(head: str) -> Head | None:
    """``Name, title (note)`` → its parts, or None when it is not a marker head.

    >>> h = split_head("Ерлан Карин (госсоветник)")
    >>> h.name, h.title, h.note
    ('Ерлан Карин', 'госсоветник', None)
    """
    h = head.strip()
    if not h or h[0] in DASHES or h[0] in OPEN_QUOTES:
        return None
    tail = _bracketed_tail(h)
    if tail is None:
        return None
    h, notes, paren_title = tail
    if not h:
        if paren_title is not None:
            notes.insert(0, paren_title)
        if not notes:
            return None
        return Head(None, None, "; ".join(notes), continuation=True)
    note = "; ".join(notes) or None
    if paren_title is not None and is_anonymous(h.split(",")[0]):
        # "Guest, Male #1 (John Smith, Trade Minister)": a role, then who it is
        inner = split_head(paren_title)
        if inner is not None and inner.name is not None and (name_tokens(inner.name) or 0) >= 2:
            role = "; ".join(x for x in (h, note) if x)  # kept: who the role was
            return Head(inner.name, inner.title, role, separator=inner.separator)
    sep = _SEPARATOR.search(h)
    title: str | None
    if sep:
        name, title = h[: sep.start()].strip(), h[sep.end() :].strip()
        if paren_title is not None:
            title = f"{title} ({paren_title})"
    else:
        name, title = h, paren_title
        if paren_title is None and not is_anonymous(h):
            unseparated = _unseparated(h, note)
            if unseparated is not None:
                return unseparated
    if title is not None and not title_ok(title):
        return None
    if is_anonymous(name):
        descriptor = h if paren_title is None else f"{h} ({paren_title})"
        return Head(None, descriptor, note, anonymous=True)
    if name_tokens(name) is None:
        return None
    return Head(name, title or None, note, separator=sep is not None)


def find_colon(text: str, start: int) -> int | None:
    """The colon that ends a marker head starting at ``start``, outside quotes and brackets."""
    end = min(len(text), start + MAX_HEAD)
    first = i = text.find(":", start, end)
    while i >= 0:
        head = text[start:i]
        if (
            head.count("«") <= head.count("»")
            and head.count("(") <= head.count(")")
            and not (i > start and text[i - 1].isdigit() and text[i + 1 : i + 2].isdigit())
        ):
            return i
        i = text.find(":", i + 1, end)
    # Titles are published with unbalanced quotes (председатель КХ «Береке:): a colon that
    # ends the line, or comes before a dash or quote, still ends the head.
    i = first
    while i >= 0:
        after = text[i + 1 : i + 4].lstrip()
        if not after or after[0] in DASHES or after[0] in OPEN_QUOTES:
            return i
        i = text.find(":", i + 1, end)
    return None


def opens_quote(text: str) -> bool:
    """Whether text starts with a dash or an opening quote mark."""
    return bool(text) and (text[0] in DASHES or text[0] in OPEN_QUOTES)


def head_at(
    text: str, start: int, line_start: bool, next_text: str | None = None
) -> tuple[Head, int] | None:
    """A marker head at ``start``: the head and the index just past its colon.

    ``next_text`` is the next non-empty line: a head that puts the title first is a marker
    only when a quote (a dash or «) follows it, here or on that line.
    """
    colon = find_colon(text, start)
    if colon is None:
        return None
    head = split_head(text[start:colon])
    if head is None:
        return None
    rest = text[colon + 1 :].lstrip()
    if head.needs_quote and not opens_quote(rest or (next_text or "")):
        return None
    if _word_then_sentence(head, rest):
        return None  # "Гости: приехали из пяти стран": a sentence that holds a colon
    if not line_start:
        # Inside a paragraph only a clear marker counts: a full name, then a quote or nothing.
        if head.name is None or (name_tokens(head.name) or 0) < 2:
            return None
        if rest and not opens_quote(rest):
            return None
    return head, colon + 1


def _word_then_sentence(head: Head, rest: str) -> bool:
    """One capitalized word (not in capitals), a colon, and the sentence going on in lower
    case: no speaker writes their speech so (``Ластаев: Мы…``, ``SMITH: well…`` are)."""
    name = head.name
    if name is None or head.title is not None or head.note is not None or " " in name:
        return False
    return not name.isupper() and rest[:1].islower()


def marker_without_colon(text: str, next_text: str) -> bool:
    """``ИМЯ ФАМИЛИЯ, ДОЛЖНОСТЬ`` (no colon) followed by a quote is a marker."""
    if not opens_quote(next_text):
        return False
    if text[-1] in '.!?…»",;' or len(text) > MAX_HEAD:
        return False
    head = split_head(text)
    if head is None or head.name is None:
        return False
    return text.isupper() or (head.separator and bool(head.title))


def cut_off_marker(text: str) -> bool:
    """``Name, title`` with no colon and no speech after it (the end of the text)."""
    if text[-1] in SENTENCE_END + '»"' or ":" in text:
        return False
    head = split_head(text)
    return head is not None and head.name is not None and head.separator and bool(head.title)


def byline_item(item: str) -> bool:
    """One name of a byline: ``Имя Фамилия``, ``К. Фамилия``, or a channel (``«Канал»``)."""
    item = item.strip().rstrip(".")
    if not item:
        return False
    f = fold(item)
    if "«" in item or '"' in item or f.endswith(("телеарнасы", "арнасы", "телеканал", "tv")):
        return True
    tokens = item.split()
    return 2 <= len(tokens) <= 3 and all(name_word(t) or INITIALS.fullmatch(t) for t in tokens)


def is_byline(text: str) -> bool:
    """A final line of names only: ``Нұрбек БЕКБАУ``, ``Имя Фамилия, «Канал» телеарнасы``."""
    if ":" in text or text[0] in DASHES or len(text) > 160:
        return False
    items = _BYLINE_SEP.split(text)
    if not 1 <= len(items) <= 6 or not all(byline_item(i) for i in items):
        return False
    return any("«" not in i and '"' not in i for i in items)


def credit(text: str, conventions: Conventions) -> bool:
    """``Авторы: …``, ``Корреспондент: Имя Фамилия``, ``Подготовила Имя Фамилия``."""
    m = _LABELLED.match(text)
    if m:
        label = fold(m.group(1)).strip()
        label = _PLURAL_MARK.sub("", label).strip()
        if label in conventions.credit_labels and len(m.group(2).split()) <= 15:
            return True
        rest = m.group(2).strip().rstrip(".")
        if label in ANY.role_labels and rest and all(byline_item(i) for i in rest.split(",")):
            return True  # "Корреспондент: Мадина Ахмет"
    f = fold(text)
    return len(text.split()) <= 15 and (f in ANY.credit_prefixes or f.startswith(_CREDIT_STARTS))
