"""Text → ``Script``: speaker markers, quotes, credits, directions and inline timecodes.

The parser works in two passes. The first turns each line into *units* (text, marker,
credit, direction, anchor); the second walks the units with a small state machine that knows
whether we are in narration, waiting for the speech after a marker, or inside a quote.
Nothing is dropped: text that fits nowhere becomes a finding that carries it.

>>> s = parse("Подводка.\\nИмя Фамилия, аким:\\n- Речь.\\nЗакадр.")
>>> [seg.kind.value for seg in s.segments]
['lead', 'sync', 'voiceover']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from kztranscript.lexicon import (
    ANONYMOUS_WORDS,
    CREDIT_LABELS,
    CREDIT_PREFIXES,
    DIRECTION_WORDS,
    GRAPHICS_LABELS,
    HONORIFICS,
    KAZAKH_PATRONYMIC,
    LEAD_LABELS,
    NAME_PARTICLES,
    NOT_NAMES,
    NOTE_WORDS,
    PATRONYMIC_ENDINGS,
    POSITION_MODIFIERS,
    POSITION_WORDS,
    REPORTING_STEMS,
    ROLE_LABELS,
    SECTION_LABELS,
    STANDUP_LABELS,
    SURNAME_ENDINGS,
    SYNC_LABELS,
    TRANSCRIPT_BOILERPLATE,
    VOICEOVER_LABELS,
    VOICEOVER_NOTES,
    fold,
    role_of,
)
from kztranscript.model import (
    Credit,
    Direction,
    Finding,
    Language,
    Role,
    Script,
    Segment,
    SegmentKind,
    Severity,
    Speaker,
)
from kztranscript.reading import normalize
from kztranscript.timecode import parse_inline

MAX_HEAD = 250  # a marker head (name, title, note) is never longer than this
MAX_NAME_WORDS = 4
MAX_TITLE_WORDS = 25
DASHES = "-–—‒―"
OPEN_QUOTES = '«„“"'
_UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІЎЄЇ"
_INITIALS = re.compile(rf"(?:[{_UPPER}][a-zа-яё]?\.-?)+")
_SEPARATOR = re.compile(r",|\s[-‒]\s|[–—―]")
_SENTENCE_BREAK = re.compile(rf"[^\W\d_]{{5,}}[.!?…]\s+[{_UPPER}]")
_BOUNDARY = re.compile(r"(?:[.!?…]+[»\"”)]?|»)\s+")
_TIMECODE_PREFIX = re.compile(
    r"^(?:(?:TCR?|ТС|ТК)\s*:?\s*(?=[\[(\d]))?"  # "TC 00:01:23", Russian "ТС"/"ТК"
    r"(?:\[(?P<b>[\d:;.,]+)\]|\((?P<p>[\d:;.,]+)\)|(?P<bare>\d{1,2}:\d{2}:\d{2}(?:[:;.,]\d{1,3})?)(?=\s|$))"
    r"\s*(?:[-–—]\s*)?"
)
_LABEL_NOTE = re.compile(r"\s*\(([^()]*)\)\s*$")  # "ИНТЕРШУМ (5 сек)"
_LABEL_NUMBER = re.compile(r"[\s\-–—]*(?:№\s*)?\d{1,3}$")  # "ЗК 2", "СИНХРОН-2", "СНХ №3"
_LABEL_NUMBER_START = re.compile(r"^(?:№\s*)?\d{1,3}\s*[:.]?\s+")
_SMPTE_SHAPE = re.compile(r"\d{1,2}:\d{2}:\d{2}[:;]\d{2}")
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]+")
_KAZAKH_LETTER = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
# A word holding a Kazakh-only letter, counted once: the match starts at the word's start.
_KAZAKH_WORD = re.compile(r"(?<![\u0400-\u04ff])[\u0400-\u04ff]*?[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
_INLINE_DIRECTION = re.compile(r"\s*[(\[]([^()\[\]]{1,60})[)\]]")


# --- units: what a line is -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Head:
    """A parsed marker head: ``Name, title (note)``."""

    name: str | None
    title: str | None
    note: str | None
    continuation: bool = False  # "(on camera):" — the previous speaker again
    anonymous: bool = False
    separator: bool = False  # a comma or dash stood between name and title
    # The title comes first and holds a verb-like word ("Житель села Айдос Серикбаев", or a
    # sentence "Президент наградил Айдоса Серикбаева"): a marker only before a quote.
    needs_quote: bool = False


@dataclass(frozen=True, slots=True)
class _Text:
    text: str
    line: int
    after_quote: bool = False  # narration that follows a closed «quote» on the same line


@dataclass(frozen=True, slots=True)
class _Marker:
    head: _Head
    rest: str  # speech on the same line after the colon, may be ""
    line: int
    raw: str  # the head as written, for findings


@dataclass(frozen=True, slots=True)
class _Credit:
    text: str
    line: int


@dataclass(frozen=True, slots=True)
class _Direction:
    text: str
    line: int
    kind: SegmentKind | None = None  # a section label: what the unmarked text after it is
    note: str | None = None  # a lone "(перевод с казахского)" line that may belong to a marker
    speaker: Speaker | None = None  # the name and title a ТИТР line puts on screen


@dataclass(frozen=True, slots=True)
class _Anchor:
    ms: int | None  # None: shaped like a timecode, but not one at this frame rate
    raw: str
    line: int


_Unit = _Text | _Marker | _Credit | _Direction | _Anchor


# --- small predicates ----------------------------------------------------------------------

# A length or a time in brackets after a marker or label: "(15 сек)", "(00:12)", "(1'20'')".
_LENGTH_NOTE = re.compile(
    r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?::\d{2})?|\d+\s*'\s*\d*\s*(?:''|\")?"
    r"|\d+(?:[.,]\d+)?\s*(?:сек\w*|с|мин\w*|м|s|sec\w*|min\w*)\.?"
)
_NOTE_WORD = re.compile("|".join(rf"(?<!\w){re.escape(w)}(?!\w)" for w in NOTE_WORDS))
_NAME_PARTS = re.compile(r"[-'’]")
_LABELLED = re.compile(r"([^:]{1,40}):\s*(.*)$")
_PLURAL_MARK = re.compile(r"\((ы|а|и|лар|s)\)$")
_BYLINE_SEP = re.compile(r",|\s[-–—]\s")
_LETTERS = re.compile(r"[^\W\d_]+")
_SPACES = re.compile(r" {2,}")
_BRACKETED = re.compile(r"\((.+)\)|\[(.+)\]")
_DASH_WORD = re.compile(r"[-–—]\s*[^\W\d_]")
_QUOTE_END = re.compile(r"»([.!?…]*)$")
_PLAIN_QUOTE_END = re.compile(r"\"([.!?…]*)$")
# Russian verb and short-participle endings ("убеждён", "высказался"): a line of a position
# and such a word is a sentence. Some nouns end so too ("села"); they stay narration.
_VERB_ENDING = re.compile(
    r"(?:л|ла|ло|ли|лся|лась|лось|лись|ет|ют|ит|ят|ется|ются|ится|ятся|ен|ён|ена|ены)$"
)
_CAPS_TOKEN = re.compile(rf"[{_UPPER}]{{2,6}}")  # РК, ҚР, ООН, UN


def _is_note(inner: str) -> bool:
    f = fold(inner)
    return _NOTE_WORD.search(f) is not None or _LENGTH_NOTE.fullmatch(f.strip()) is not None


def _name_word(token: str) -> bool:
    core = token.replace("-", "").replace("'", "").replace("’", "")
    if len(core) < 2 or not core.isalpha() or not token[0].isupper():
        return False
    return all(part for part in _NAME_PARTS.split(token))


def _name_tokens(name: str) -> int | None:
    """Number of real name words in ``name``, or None when it is not a name."""
    tokens = name.split()
    if not tokens or len(tokens) > MAX_NAME_WORDS + 1:
        return None
    if fold(tokens[0]) in NOT_NAMES:
        return None
    real = 0
    for i, tok in enumerate(tokens):
        f = fold(tok)
        if i == 0 and f in HONORIFICS and len(tokens) > 1:
            continue
        if i > 0 and f in NAME_PARTICLES:
            continue
        if _INITIALS.fullmatch(tok) or _name_word(tok):
            real += 1
            continue
        return None
    return real if 1 <= real <= MAX_NAME_WORDS else None


def _bare_words(tokens: list[str]) -> list[str]:
    return [fold(t).strip("«»\"'(),.;") for t in tokens]


def _position_title(tokens: list[str]) -> bool:
    """Whether the words form a position (``Аким Астаны``, ``Астана қаласының әкімі``).

    Russian and English put the position word first (after modifiers such as "первый" and
    abbreviations such as "ООН"); Kazakh puts it last.
    """
    words = _bare_words(tokens)
    if not words:
        return False
    if words[-1] in POSITION_WORDS:
        return True
    for tok, w in zip(tokens, words, strict=True):
        if w in POSITION_WORDS:
            return True
        if w not in POSITION_MODIFIERS and not _CAPS_TOKEN.fullmatch(tok):
            return False
    return False


def _verb_like(words: list[str]) -> bool:
    """Whether a word other than the position word looks like a verb."""
    return any(_VERB_ENDING.search(w) and w not in POSITION_WORDS for w in _bare_words(words[1:]))


def _title_first(head: str) -> tuple[str, str] | None:
    """``Аким Астаны Женис Касымбек`` → (title, name): a marker that puts the title first.

    The name is the last two words (three with a patronymic), or a surname alone; what comes
    before it must read as a position.
    """
    tokens = head.split()
    # "Имя Отчество Фамилия" or "Фамилия Имя Отчество"
    ends = [fold(t) for t in tokens[-2:]] if len(tokens) >= 4 else []
    patronymic = any(w.endswith((*PATRONYMIC_ENDINGS, *KAZAKH_PATRONYMIC)) for w in ends)
    for size in (3, 2, 1) if patronymic else (2, 1):  # "… Айгүл Серікқызы": a surname
        if len(tokens) <= size:
            continue
        name = " ".join(tokens[-size:])
        if _name_tokens(name) != size or (
            size == 1 and not fold(name).endswith((*SURNAME_ENDINGS, *KAZAKH_PATRONYMIC))
        ):
            continue
        if _position_title(tokens[:-size]):
            title = " ".join(tokens[:-size])
            return (title, name) if _title_ok(title) else None
    return None


def _title_ok(title: str) -> bool:
    if len(title) > 200 or len(title.split()) > MAX_TITLE_WORDS:
        return False
    if "!" in title or "?" in title or _SENTENCE_BREAK.search(title):
        return False
    words = [w.strip("«»\"'(),.;") for w in fold(title).split()]
    return not any(w.startswith(REPORTING_STEMS) for w in words)


def _closing_paren(text: str, end: int) -> int | None:
    """Index of the '(' matching the ')' at ``end``."""
    depth = 0
    for i in range(end, -1, -1):
        if text[i] == ")":
            depth += 1
        elif text[i] == "(":
            depth -= 1
            if depth == 0:
                return i
    return None


def _is_anonymous(name: str) -> bool:
    """A speaker without a name: ``UNIDENTIFIED MALE``, ``Неизвестный``, or a role word alone
    (``КОРРЕСПОНДЕНТ:``)."""
    tokens = name.split()
    if len(tokens) == 1 and fold(tokens[0]) in ROLE_LABELS:
        return True
    return bool(tokens) and len(tokens) <= 4 and fold(tokens[0]) in ANONYMOUS_WORDS


def _split_head(head: str) -> _Head | None:
    """``Name, title (note)`` → its parts, or None when it is not a marker head."""
    h = head.strip()
    if not h or h[0] in DASHES or h[0] in OPEN_QUOTES:
        return None
    notes: list[str] = []
    paren_title: str | None = None
    while h.endswith(")"):
        start = _closing_paren(h, len(h) - 1)
        if start is None:
            return None
        inner = h[start + 1 : -1].strip()
        h = h[:start].rstrip()
        if not inner:
            continue
        if _is_note(inner):
            notes.insert(0, inner)
        elif paren_title is None:
            paren_title = inner
        else:
            return None
    if not h:
        if paren_title is not None:
            notes.insert(0, paren_title)
        if not notes:
            return None
        return _Head(None, None, "; ".join(notes), continuation=True)
    note = "; ".join(notes) or None
    sep = _SEPARATOR.search(h)
    title: str | None
    if sep:
        name, title = h[: sep.start()].strip(), h[sep.end() :].strip()
        if paren_title is not None:
            title = f"{title} ({paren_title})"
    else:
        name, title = h, paren_title
        if paren_title is None and not _is_anonymous(h):
            first = _title_first(h)
            plain = _name_tokens(h) is None  # not all name-like words: maybe a sentence
            if first is not None:
                # a title with a verb-like word may be a sentence: a marker only before a quote
                needs_quote = plain and _verb_like(first[0].split())
                return _Head(first[1], first[0], note, needs_quote=needs_quote)
            words = h.split()
            if (
                len(words) <= 4
                and _position_title(words)
                and _title_ok(h)
                and not _verb_like(words)
            ):
                # "Жители Алматы:", "Аким Астаны:" (not "Президент убеждён:", a sentence)
                return _Head(None, h, note, anonymous=True, needs_quote=plain)
    if title is not None and not _title_ok(title):
        return None
    if _is_anonymous(name):
        descriptor = h if paren_title is None else f"{h} ({paren_title})"
        return _Head(None, descriptor, note, anonymous=True)
    if _name_tokens(name) is None:
        return None
    return _Head(name, title or None, note, separator=sep is not None)


def _find_colon(text: str, start: int) -> int | None:
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


def _head_at(
    text: str, start: int, line_start: bool, next_text: str | None = None
) -> tuple[_Head, int] | None:
    """A marker head at ``start``: the head and the index just past its colon.

    ``next_text`` is the next non-empty line: a head that puts the title first is a marker
    only when a quote (a dash or «) follows it, here or on that line.
    """
    colon = _find_colon(text, start)
    if colon is None:
        return None
    head = _split_head(text[start:colon])
    if head is None:
        return None
    rest = text[colon + 1 :].lstrip()
    if head.needs_quote:
        follows = rest or (next_text or "")
        if not follows or (follows[0] not in DASHES and follows[0] not in OPEN_QUOTES):
            return None
    if not line_start:
        # Inside a paragraph only a clear marker counts: a full name, then a quote or nothing.
        if head.name is None or (_name_tokens(head.name) or 0) < 2:
            return None
        if rest and rest[0] not in DASHES and rest[0] not in OPEN_QUOTES:
            return None
    return head, colon + 1


_CREDIT_STARTS = tuple(p + end for p in CREDIT_PREFIXES for end in " :")


def _credit(text: str) -> bool:
    m = _LABELLED.match(text)
    if m:
        label = fold(m.group(1)).strip()
        label = _PLURAL_MARK.sub("", label).strip()
        if label in CREDIT_LABELS and len(m.group(2).split()) <= 15:
            return True
        rest = m.group(2).strip().rstrip(".")
        if label in ROLE_LABELS and rest and all(_byline_item(i) for i in rest.split(",")):
            return True  # "Корреспондент: Мадина Ахмет"
    f = fold(text)
    return len(text.split()) <= 15 and (f in CREDIT_PREFIXES or f.startswith(_CREDIT_STARTS))


def _byline_item(item: str) -> bool:
    item = item.strip().rstrip(".")
    if not item:
        return False
    f = fold(item)
    if "«" in item or '"' in item or f.endswith(("телеарнасы", "арнасы", "телеканал", "tv")):
        return True
    tokens = item.split()
    return 2 <= len(tokens) <= 3 and all(_name_word(t) or _INITIALS.fullmatch(t) for t in tokens)


def _is_byline(text: str) -> bool:
    """A final line of names only: ``Нұрбек БЕКБАУ``, ``Имя Фамилия, «Канал» телеарнасы``."""
    if ":" in text or text[0] in DASHES or len(text) > 160:
        return False
    items = [i for i in _BYLINE_SEP.split(text)]
    if not 1 <= len(items) <= 6 or not all(_byline_item(i) for i in items):
        return False
    return any("«" not in i and '"' not in i for i in items)


def _cut_off_marker(text: str) -> bool:
    """``Name, title`` with no colon and no speech after it (the end of the text)."""
    if text[-1] in '.!?…»"' or ":" in text:
        return False
    head = _split_head(text)
    return head is not None and head.name is not None and head.separator and bool(head.title)


def _label_kind(label: str | None) -> SegmentKind | None:
    """What the unmarked text after a section label is (None: the label says nothing of it)."""
    if label in VOICEOVER_LABELS:
        return SegmentKind.VOICEOVER
    if label in SYNC_LABELS:
        return SegmentKind.SYNC
    if label in STANDUP_LABELS:
        return SegmentKind.STANDUP
    if label in LEAD_LABELS:
        return SegmentKind.LEAD
    return None


def _section_label(head: str) -> str | None:
    """The label a line starts with (``ЗК``, ``СНХ 1``, ``СИНХРОН-2``), without its number."""
    f = fold(head)
    m = _LABEL_NOTE.search(f)
    if m and (any(c.isdigit() for c in m.group(1)) or _is_note(m.group(1))):
        f = f[: m.start()]  # "ИНТЕРШУМ (5 сек)", "ЗК (продолжение)"; not "СНХ (Имя, титр)"
    f = _LABEL_NUMBER.sub("", f.strip(" ()"))
    return f if f in SECTION_LABELS else None


# --- pass 1: lines → units ----------------------------------------------------------------


def _inline_directions(text: str, line: int) -> tuple[str, list[_Direction]]:
    """Take ``(LAUGHTER)``-style directions out of a paragraph."""
    found: list[_Direction] = []

    def take(m: re.Match[str]) -> str:
        inner = m.group(1).strip()
        f = fold(inner)
        words = _LETTERS.findall(f)
        known = f in DIRECTION_WORDS or (
            inner.isupper() and any(w in DIRECTION_WORDS for w in words)
        )
        if not known:
            return m.group(0)
        found.append(_Direction(m.group(0).strip(), line))
        return ""

    if "(" not in text and "[" not in text:
        return text, found
    cleaned = _INLINE_DIRECTION.sub(take, text)
    return _SPACES.sub(" ", cleaned).strip(), found


def _speech_and_after(rest: str, line: int) -> tuple[str, _Text | None]:
    """``«Речь». Дальше закадр.`` → the quoted speech, and the narration after it."""
    if not rest.startswith("«"):
        return rest, None
    close = _matching_close(rest)
    if close is None:
        return rest, None
    end = close + 1
    while end < len(rest) and rest[end] in ".!?…,;":
        end += 1
    after = rest[end:].strip()
    if not after:
        return rest, None
    return rest[:end].strip(), _Text(after, line, after_quote=True)


def _marker_units(head: _Head, rest: str, line: int, raw: str) -> list[_Unit]:
    speech, after = _speech_and_after(rest, line)
    units: list[_Unit] = [_Marker(head, speech, line, raw)]
    if after is not None:
        units.append(after)
    return units


def _split_markers(text: str, line: int) -> list[_Unit]:
    """One paragraph → text and the markers written inside it (``… таныстырды. Имя, титр: «…»``)."""
    units: list[_Unit] = []
    piece_start = 0
    pending: tuple[_Head, int, int] | None = None  # head, head start, speech start
    depth = 0
    depth_pos = 0
    for m in _BOUNDARY.finditer(text):
        cand = m.end()
        if cand >= len(text) or not (text[cand].isupper() or text[cand] == "("):
            continue
        if pending is not None and cand <= pending[2]:
            continue
        depth += text.count("«", depth_pos, cand) - text.count("»", depth_pos, cand)
        depth = max(depth, 0)
        depth_pos = cand
        if depth > 0:
            continue
        found = _head_at(text, cand, line_start=False)
        if found is None:
            continue
        head, speech = found
        before = text[piece_start:cand].strip()
        if pending is None:
            if before:
                units.append(_Text(before, line))
        else:
            units.extend(_marker_units(pending[0], before, line, text[pending[1] : pending[2]]))
        pending = (head, cand, speech)
        piece_start = speech
        depth_pos = speech
    tail = text[piece_start:].strip()
    if pending is None:
        if tail:
            units.append(_Text(tail, line))
    else:
        units.extend(_marker_units(pending[0], tail, line, text[pending[1] : pending[2]]))
    return units


def _line_units(text: str, line: int, next_text: str | None, fps: int = 25) -> list[_Unit]:
    units: list[_Unit] = []
    range_end = False  # the previous timecode ended with a dash: this one closes a range
    while True:
        tc = _TIMECODE_PREFIX.match(text)
        if not tc:
            break
        raw = tc.group("b") or tc.group("p") or tc.group("bare") or ""
        ms = parse_inline(raw, fps)
        if ms is None and not _SMPTE_SHAPE.fullmatch(raw):
            break  # "[2024] …": not a timecode
        last = units[-1] if units else None
        if range_end and isinstance(last, _Anchor):
            # "00:00:15 - 00:00:30 …": the part starts at the first; the second is its end
            units[-1] = replace(last, raw=f"{last.raw} {tc.group(0).strip()}")
            range_end = False
        else:
            units.append(_Anchor(ms, tc.group(0).strip(), line))
            range_end = tc.group(0).rstrip()[-1] in DASHES
        text = text[tc.end() :].strip()
    if not text:
        return units

    f = fold(text)
    if any(b in f for b in TRANSCRIPT_BOILERPLATE) and (text.isupper() or len(text) < 120):
        return [*units, _Direction(text, line)]
    if text.upper() == text and f.strip(" .") in ("end", "конец", "соңы"):
        return [*units, _Direction(text, line)]

    whole = _BRACKETED.fullmatch(text)
    if whole and ":" not in text[-2:]:
        inner = (whole.group(1) or whole.group(2) or "").strip()
        if inner.count("(") == inner.count(")") and inner.count("[") == inner.count("]"):
            label = fold(inner).strip()
            return [
                *units,
                _Direction(
                    text,
                    line,
                    _label_kind(label),
                    note=inner if _is_note(inner) else None,
                ),
            ]

    if _credit(text):
        return [*units, _Credit(text, line)]

    if text[0] not in DASHES:
        section = _section_label(text.rstrip(".:"))
        if section is not None:  # "СИНХРОН", "ЗК" alone on a line
            return [*units, _Direction(text, line, _label_kind(section))]
        colon = _find_colon(text, 0)
        if colon is not None and fold(text[:colon]).strip() in GRAPHICS_LABELS:
            # "ТИТР: Имя Фамилия, должность": not spoken; the checks compare it with the marker
            head = _split_head(text[colon + 1 :])
            shown = None
            if head is not None and head.name is not None:
                shown = Speaker(head.name, head.title, role_of(head.title))
            return [*units, _Direction(text, line, speaker=shown)]
        if colon is not None:
            section = _section_label(text[:colon])
            if section is not None:
                after = text[colon + 1 :].strip()
                units.append(_Direction(text[: colon + 1], line, _label_kind(section)))
                if not after:
                    return units
                text = after
        first_word, _, after = text.partition(" ")
        section = _section_label(first_word.rstrip(".-–—"))
        if section is not None and after:
            # "СИНХРОН Айгуль Ахметова, жительница:" — a label without its colon; "СНХ 1: …"
            after = _LABEL_NUMBER_START.sub("", after).lstrip(" -–—")
            if after.startswith("("):  # "СНХ (Иван Петров, директор завода): …"
                close = _matching_close(after, "(", ")")
                if close is not None and after[close + 1 : close + 2] == ":":
                    after = after[1:close].strip() + after[close + 1 :]
            if _head_at(after, 0, True, next_text) is not None or (
                next_text and _marker_without_colon(after, next_text)
            ):
                units.append(_Direction(first_word, line, _label_kind(section)))
                text = after
        found = _head_at(text, 0, True, next_text)
        if found is not None:
            head, speech = found
            rest = text[speech:].strip()
            body, directions = _inline_directions(rest, line)
            more = _split_markers(body, line) if body else []
            first_rest = ""
            first = more[0] if more else None
            if isinstance(first, _Text) and not first.after_quote:
                first_rest = first.text
                more.pop(0)
            units.extend(directions)
            units.extend(_marker_units(head, first_rest, line, text[: speech - 1].strip()))
            return [*units, *more]
        if next_text and _marker_without_colon(text, next_text):
            bare = _split_head(text)
            assert bare is not None
            return [*units, _Marker(bare, "", line, text)]

    body, directions = _inline_directions(text, line)
    units.extend(directions)
    if body:
        units.extend(_split_markers(body, line) if text[0] not in DASHES else [_Text(body, line)])
    return units


def _marker_without_colon(text: str, next_text: str) -> bool:
    """``ИМЯ ФАМИЛИЯ, ДОЛЖНОСТЬ`` (no colon) followed by a quote is a marker."""
    if next_text[0] not in DASHES and next_text[0] not in OPEN_QUOTES:
        return False
    if text[-1] in '.!?…»",;' or len(text) > MAX_HEAD:
        return False
    head = _split_head(text)
    if head is None or head.name is None:
        return False
    return text.isupper() or (head.separator and bool(head.title))


def _units(text: str, fps: int = 25) -> list[_Unit]:
    lines = text.split("\n")
    units: list[_Unit] = []
    nonempty = [(i + 1, line) for i, line in enumerate(lines) if line.strip()]
    for k, (num, line) in enumerate(nonempty):
        nxt = nonempty[k + 1][1] if k + 1 < len(nonempty) else None
        if nxt is not None and nxt.startswith("(") and nxt.endswith(")") and _is_note(nxt):
            nxt = nonempty[k + 2][1] if k + 2 < len(nonempty) else None
        units.extend(_line_units(line, num, nxt, fps))
    return units


# --- pass 2: units → segments -------------------------------------------------------------


def _starts_quote(text: str) -> str | None:
    """'dash' or 'quote' when a paragraph opens with a quote mark, else None."""
    if text[0] in DASHES:
        return "dash"
    if text[0] in OPEN_QUOTES:
        return "quote"
    return None


def _reported_speech(text: str) -> bool:
    """``«…», — сказал Габит.``: a quote inside narration, not a speaker's turn."""
    close = _matching_close(text)
    if close is None:
        return False
    after = text[close + 1 :].lstrip(" ,.!?…")
    return bool(after) and after[0] in DASHES and bool(_DASH_WORD.match(after))


def _matching_close(text: str, opening: str = "«", closing: str = "»") -> int | None:
    """Index of the mark that closes the first ``opening`` of ``text`` (nesting counted)."""
    depth = 0
    for i, c in enumerate(text):
        if c == opening:
            depth += 1
        elif c == closing:
            depth -= 1
            if depth == 0:
                return i
    return None


_PLAIN_QUOTES = {'"': '"', "“": "”", "„": "“"}  # typed without «» (no nesting)


def _strip_speech(text: str) -> str:
    """Take the quote syntax off a speech paragraph: a leading dash, wrapping « » or " "."""
    t = text
    if t and t[0] in DASHES:
        t = t[1:].lstrip()
    close_mark = _PLAIN_QUOTES.get(t[:1])
    if close_mark is not None:
        end = t.rfind(close_mark)
        inner = t[1:end] if end > 0 else ""
        # "Речь". — only when the marks wrap the whole paragraph, with nothing quoted inside
        if inner.strip() and close_mark not in inner and not t[end + 1 :].strip(".!?…,; "):
            inner = inner.strip()
            tail = t[end + 1 :].strip(" ,;")
            return inner + (tail if inner[-1] not in ".!?…" else "")
    if t.startswith("«"):
        close = _matching_close(t)
        # «Речь». — the full stop may stand outside the closing quote.
        if close is not None and not t[close + 1 :].strip(".!?…,; "):
            inner = t[1:close].strip()
            tail = t[close + 1 :].strip(" ,;")
            t = inner + (tail if inner and inner[-1] not in ".!?…" else "")
    return t or text


@dataclass
class _Builder:
    """Mutable state of pass 2; produces immutable segments."""

    transcript: bool
    segments: list[Segment] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)
    directions: list[Direction] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    known: list[Speaker] = field(default_factory=list)
    kind: SegmentKind | None = None
    speaker: Speaker | None = None
    paragraphs: list[str] = field(default_factory=list)
    line: int = 0
    anchor: int | None = None
    mode: str = "narration"  # narration | await | speech
    quote_depth: int = 0
    plain_open: bool = False  # a straight-quoted ("…) speech runs over several paragraphs
    seen_marker: bool = False
    last_speaker: Speaker | None = None
    pending: _Marker | None = None
    pending_speaker: Speaker | None = None
    turn: tuple[SegmentKind, Speaker | None] | None = None  # the speech turn we are in
    voiceover_label: bool = False  # a "ЗК:" label said that voice-over starts here
    label_kind: SegmentKind | None = None  # "СИНХРОН" / "СТЕНДАП" / "ПОДВОДКА" said what follows
    last_line: int = 0  # the line of the last paragraph added

    def close(self) -> None:
        if self.kind is not None and self.paragraphs:
            self.segments.append(
                Segment(self.kind, tuple(self.paragraphs), self.line, self.speaker, self.anchor)
            )
            self.anchor = None
        self.kind = None
        self.speaker = None
        self.paragraphs = []

    def add(self, kind: SegmentKind, speaker: Speaker | None, text: str, line: int) -> None:
        if self.kind != kind or self.speaker != speaker or not self.paragraphs:
            self.close()
            self.kind, self.speaker, self.line = kind, speaker, line
        self.paragraphs.append(text)
        self.last_line = line

    def narration(self, text: str, line: int) -> None:
        voiceover = self.seen_marker or self.voiceover_label
        kind = SegmentKind.VOICEOVER if voiceover else SegmentKind.LEAD
        if self.label_kind is not None:
            kind = self.label_kind
        if self.kind is not None and self.kind not in (SegmentKind.LEAD, SegmentKind.VOICEOVER):
            self.close()
        if self.kind is not None and self.speaker is not None:
            self.close()
        self.add(kind, None, text, line)
        self.mode = "narration"
        self.quote_depth = 0
        self.plain_open = False

    def drop_pending(self) -> None:
        if self.pending is not None:
            self.findings.append(
                Finding(
                    "marker-without-speech",
                    Severity.WARNING,
                    self.pending.line,
                    f"marker {self.pending.raw!r} is not followed by speech; "
                    "add the quote or remove the marker",
                    self.pending.raw,
                )
            )
        self.pending = None
        self.pending_speaker = None

    def resolve(self, marker: _Marker) -> Speaker | None:
        head = marker.head
        if head.continuation:
            prev = self.last_speaker
            if prev is None:
                self.findings.append(
                    Finding(
                        "continuation-without-speaker",
                        Severity.WARNING,
                        marker.line,
                        f"{marker.raw!r} continues a speaker, but nobody spoke before it",
                        marker.raw,
                    )
                )
                return None
            return replace(prev, note=head.note)
        if head.anonymous:
            return Speaker(None, head.title, role_of(head.title), head.note)
        assert head.name is not None
        if head.title is None:
            match = self._known(head.name)
            if match is not None:
                return replace(match, note=head.note)
        return Speaker(head.name, head.title, role_of(head.title), head.note)

    def _known(self, name: str) -> Speaker | None:
        key = [fold(t) for t in name.split()]
        for sp in reversed(self.known):
            if sp.name is None:
                continue
            words = [fold(t) for t in sp.name.split()]
            if key == words:
                return sp
        if len(key) == 1:
            hits = [sp for sp in self.known if sp.name and fold(sp.name.split()[-1]) == key[0]]
            if not hits:
                hits = [sp for sp in self.known if sp.name and key[0] in map(fold, sp.name.split())]
            names = {sp.name for sp in hits}
            if len(names) == 1:
                return hits[-1]
        return None

    def speech_kind(self, speaker: Speaker | None) -> SegmentKind:
        if speaker is None:
            return SegmentKind.SYNC
        if speaker.note and any(v in fold(speaker.note) for v in VOICEOVER_NOTES):
            return SegmentKind.VOICEOVER
        if speaker.role is Role.CORRESPONDENT:
            return SegmentKind.STANDUP
        if speaker.role is Role.ANCHOR:
            return SegmentKind.LEAD
        return SegmentKind.SYNC

    def start_speech(self, speaker: Speaker | None, text: str, line: int) -> None:
        """Open a speech segment; ``line`` is the marker's line, where the segment begins."""
        self.close()
        self.quote_depth = 0
        self.plain_open = False
        self.turn = (self.speech_kind(speaker), speaker)
        self.add(*self.turn, self._speech_body(text), line)
        self.mode = "speech"
        if speaker is not None:
            self.last_speaker = speaker
            if speaker.name is not None and speaker not in self.known:
                self.known.append(replace(speaker, note=None))

    def _speech_body(self, text: str) -> str:
        """Strip quote syntax, tracking a «quote» (or a "quote") left open across paragraphs."""
        before = self.quote_depth
        depth = max(0, before + text.count("«") - text.count("»"))
        self.quote_depth = depth
        body = _strip_speech(text)
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

    def marker(self, unit: _Marker) -> None:
        self.drop_pending()
        self.close()
        self.seen_marker = True
        self.label_kind = None
        speaker = self.resolve(unit)
        if unit.rest:
            self.start_speech(speaker, unit.rest, unit.line)
        else:
            self.pending, self.pending_speaker = unit, speaker
            self.mode = "await"

    def text(self, unit: _Text) -> None:
        text, line = unit.text, unit.line
        style = _starts_quote(text)
        if style == "quote" and _reported_speech(text):
            style = None
        if self.mode == "await":
            speaker = self.pending_speaker
            marker_line = self.pending.line if self.pending is not None else line
            self.pending = self.pending_speaker = None
            self.start_speech(speaker, text, marker_line)
            return
        if unit.after_quote:
            self.narration(text, line)
            return
        if self.mode == "speech":
            if self.transcript or self.quote_depth > 0 or self.plain_open or style is not None:
                assert self.turn is not None
                # add() reopens the turn when an anchor or direction closed its segment
                self.add(*self.turn, self._speech_body(text), line)
                return
            self.narration(text, line)
            return
        if style == "dash":
            intro = self.paragraphs[-1] if self.paragraphs else ""
            hint = (
                f"line {self.last_line} ends with ':' but does not read as a speaker marker "
                "(it is captioned as narration); write it as 'Name Surname, title:'"
                if intro.endswith(":")
                else "add 'Name Surname, title:' above it"
            )
            self.findings.append(
                Finding(
                    "speech-without-marker",
                    Severity.WARNING,
                    line,
                    f"a quote (dash) with no speaker marker before it; {hint}",
                )
            )
            self.start_speech(None, text, line)
            return
        self.narration(text, line)

    def direction(self, unit: _Direction) -> None:
        if self.mode == "await" and unit.note is not None and self.pending_speaker is not None:
            sp = self.pending_speaker
            note = unit.note if sp.note is None else f"{sp.note}; {unit.note}"
            self.pending_speaker = replace(sp, note=note)
            return
        self.directions.append(Direction(unit.text, unit.line, unit.speaker))
        if unit.kind is SegmentKind.VOICEOVER or (unit.kind is not None and self.mode != "await"):
            # voice-over ends a pending marker (the speech is not on camera); a sync or
            # stand-up label between a marker and its speech leaves the marker alone
            self.drop_pending()
            self.close()
            if unit.kind is SegmentKind.VOICEOVER:
                self.voiceover_label = True
                self.label_kind = None
            else:
                self.label_kind = unit.kind
            self.mode = "narration"
            self.quote_depth = 0
            self.plain_open = False


def _transcript_style(units: list[_Unit]) -> bool:
    """Rush transcripts mark every turn (``BLITZER: Good evening.``) and use no quote marks."""
    markers = [u for u in units if isinstance(u, _Marker)]
    inline = [u for u in markers if u.rest and _starts_quote(u.rest) is None]
    dashes = sum(1 for u in units if isinstance(u, _Text) and u.text[0] in DASHES)
    return len(markers) >= 2 and len(inline) * 10 >= len(markers) * 6 and dashes == 0


def detect_language(text: str) -> Language:
    """``kk`` when many words hold Kazakh-only letters, ``en`` when Latin dominates, else ``ru``.

    Counted by words, not letters: a Russian script quoting a few Kazakh names (Қасым) stays
    ``ru``, while a third or more of the words of Kazakh prose hold ә ғ қ ң ө ұ ү һ і.
    """
    sample = text[:200_000]
    cyr_words = len(_CYRILLIC_WORD.findall(sample))
    kaz_words = len(_KAZAKH_WORD.findall(sample)) if _KAZAKH_LETTER.search(sample) else 0
    lat_words = len(_LATIN_WORD.findall(sample))
    if lat_words > cyr_words:
        return Language.EN
    if cyr_words and kaz_words * 100 >= cyr_words * 20:
        return Language.KK
    return Language.RU


def parse(text: str, source: str = "-", *, normalized: bool = False, fps: int = 25) -> Script:
    """Parse a news script into a ``Script``. Never raises for any ``str`` input.

    ``fps`` is the frame rate the frames of inline timecodes (``00:01:23:12``) count at.

    >>> parse("Жанат Эрнст, корреспондент: - Мы в Женеве.").segments[0].speaker.role.value
    'correspondent'
    """
    if not normalized:  # text from reading.decode() is normalized already
        text = normalize(text)
    units = _units(text, fps)
    b = _Builder(_transcript_style(units))

    # A final line of names (a byline) is credits; a final "Name, title" without a colon is a
    # marker cut off by the end of the text.
    last_text = max(
        (i for i, u in enumerate(units) if isinstance(u, _Text | _Marker)), default=None
    )
    for i, unit in enumerate(units):
        if isinstance(unit, _Anchor) and unit.ms is None:
            b.findings.append(
                Finding(
                    "anchor-invalid",
                    Severity.WARNING,
                    unit.line,
                    f"timecode {unit.raw!r} does not exist at {fps} fps (frames run 0-{fps - 1}); "
                    "ignored",
                    unit.raw,
                )
            )
        elif isinstance(unit, _Anchor):
            b.close()
            b.anchor = unit.ms
        elif isinstance(unit, _Credit):
            b.credits.append(Credit(unit.text, unit.line))
        elif isinstance(unit, _Direction):
            b.direction(unit)
        elif isinstance(unit, _Marker):
            b.marker(unit)
        elif i == last_text and b.mode != "await" and _is_byline(unit.text):
            if b.segments or b.paragraphs:
                b.credits.append(Credit(unit.text, unit.line))
            else:
                b.text(unit)
        elif i == last_text and b.mode != "await" and _cut_off_marker(unit.text):
            b.findings.append(
                Finding(
                    "marker-cut-off",
                    Severity.WARNING,
                    unit.line,
                    f"{unit.text!r} looks like a speaker marker, but the script ends "
                    "there (no colon, no speech)",
                    unit.text,
                )
            )
        else:
            b.text(unit)
    b.drop_pending()
    b.close()
    if b.anchor is not None:
        b.findings.append(
            Finding(
                "anchor-without-text",
                Severity.WARNING,
                next(
                    u.line for u in reversed(units) if isinstance(u, _Anchor) and u.ms is not None
                ),
                "a timecode at the end of the script has no text after it",
                next(u.raw for u in reversed(units) if isinstance(u, _Anchor) and u.ms is not None),
            )
        )
    spoken = " ".join(seg.text for seg in b.segments) or text
    return Script(
        segments=tuple(b.segments),
        language=detect_language(spoken),
        source=source,
        credits=tuple(b.credits),
        directions=tuple(b.directions),
        findings=tuple(sorted(b.findings, key=lambda f: f.line)),
    )
