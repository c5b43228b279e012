"""The data model: frozen values passed from stage to stage.

Times are integer milliseconds. Lines are 1-based lines of the (normalized) source text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class SegmentKind(StrEnum):
    """What a stretch of the script is, by who reads it."""

    LEAD = "lead"  # подводка: read by the anchor in the studio
    VOICEOVER = "voiceover"  # закадровый текст: read by the correspondent off camera
    STANDUP = "standup"  # стендап: the correspondent on camera
    SYNC = "sync"  # синхрон / SOT: anyone else on camera


class Role(StrEnum):
    """A speaker's role, taken from the marker title."""

    CORRESPONDENT = "correspondent"
    ANCHOR = "anchor"
    INTERVIEWEE = "interviewee"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Language(StrEnum):
    RU = "ru"
    KK = "kk"
    EN = "en"


class FindingCode(StrEnum):
    """Every finding code, in one place (documented in ``docs/transcript-schema.md``).

    A ``StrEnum``: a code compares equal to its text and writes as it (``"reading-speed"``).
    """

    # the parser: text it could not place
    SPEECH_WITHOUT_MARKER = "speech-without-marker"
    MARKER_WITHOUT_SPEECH = "marker-without-speech"
    MARKER_CUT_OFF = "marker-cut-off"
    CONTINUATION_WITHOUT_SPEAKER = "continuation-without-speaker"
    ANCHOR_WITHOUT_TEXT = "anchor-without-text"
    ANCHOR_INVALID = "anchor-invalid"
    NOT_SPEECH = "not-speech"
    INPUT_FAILED = "input-failed"
    CREDIT_MID_SCRIPT = "credit-mid-script"
    TEXT_REPLACED = "text-replaced"
    TEXT_MIXED = "text-mixed"
    UNTRANSCRIBED_SYNC = "untranscribed-sync"
    NAME_TITLE_UNCERTAIN = "name-title-uncertain"
    TRUNCATED_SCRIPT = "truncated-script"
    # timing
    ANCHOR_PROGRAMME_TIME = "anchor-programme-time"
    ANCHOR_OUT_OF_ORDER = "anchor-out-of-order"
    DURATION_MISMATCH = "duration-mismatch"
    # captions and lower-thirds
    READING_SPEED = "reading-speed"
    WORD_TOO_LONG = "word-too-long"
    LOWER_THIRD_NO_ROOM = "lower-third-no-room"
    # producer checks
    NAME_TOO_LONG = "name-too-long"
    TITLE_TWO_LINES = "title-two-lines"
    TITLE_TOO_LONG = "title-too-long"
    LATIN_LOOKALIKE = "latin-lookalike"
    SPEAKER_SPELLING = "speaker-spelling"
    SPEAKER_TITLE = "speaker-title"
    GRAPHICS_SPELLING = "graphics-spelling"
    GRAPHICS_TITLE = "graphics-title"
    NAME_DECLINED = "name-declined"
    PATRONYMIC = "patronymic"
    SEPARATOR_LEFTOVER = "separator-leftover"
    MISSING_TITLE = "missing-title"
    EMPTY_QUOTE = "empty-quote"
    # timing from audio
    AUDIO_TEXT_NOT_FOUND = "audio-text-not-found"
    AUDIO_EXTRA_SPEECH = "audio-extra-speech"
    AUDIO_NOT_MATCHED = "audio-not-matched"
    AUDIO_PAUSE_LENGTH = "audio-pause-length"
    # an existing caption file (check, rebreak, convert of .srt/.vtt)
    CAPTION_MALFORMED = "caption-malformed"
    CAPTION_TIMESTAMP = "caption-timestamp"
    CAPTION_NUMBERING = "caption-numbering"
    CAPTION_ORDER = "caption-order"
    CAPTION_OVERLAP = "caption-overlap"
    CAPTION_GAP = "caption-gap"
    CAPTION_EMPTY = "caption-empty"
    CAPTION_DURATION = "caption-duration"
    CAPTION_OFF_FRAME = "caption-off-frame"
    LINE_TOO_LONG = "line-too-long"
    TOO_MANY_LINES = "too-many-lines"
    LINE_BREAK = "line-break"
    DASH_LINE_START = "dash-line-start"
    CAPTION_MARKUP = "caption-markup"


@dataclass(frozen=True, slots=True)
class Speaker:
    """A person introduced by a marker.

    ``name`` is None for anonymous speakers (``UNIDENTIFIED MALE:``), whose descriptor is then
    the ``title``. ``note`` holds a parenthetical such as ``перевод с казахского``.
    Name and title are kept exactly as written.
    """

    name: str | None
    title: str | None
    role: Role = Role.INTERVIEWEE
    note: str | None = None

    def __post_init__(self) -> None:
        if self.name is None and self.title is None:
            raise ValueError("a speaker needs a name or a descriptor")

    @property
    def label(self) -> str:
        """The name, or the descriptor of an anonymous speaker."""
        return self.name if self.name is not None else (self.title or "")

    @property
    def identity(self) -> tuple[str | None, str | None]:
        """Who this is as the script writes it: name and title, the note aside. Two markers
        with one identity are one speaker (``speakers.same_person`` also joins spellings)."""
        return (self.name, self.title)


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of the script read by one voice: text as paragraphs (no empty ones).

    An untranscribed sync (``transcribed`` False) is a speaker on camera whose words the
    script leaves out, only their caption line kept (``ИРИНА СОКОЛОВА ЖИТЕЛЬНИЦА СЕЛА``): it
    has a speaker and no paragraphs, gets a lower-third and no captions, and lasts
    ``length_ms`` (from a length note such as ``(15 сек)``; None: the timing's default).
    """

    kind: SegmentKind
    paragraphs: tuple[str, ...]
    line: int
    speaker: Speaker | None = None
    anchor_ms: int | None = None
    transcribed: bool = True
    length_ms: int | None = None

    def __post_init__(self) -> None:
        if not self.transcribed:
            if self.paragraphs or self.speaker is None:
                raise ValueError("an untranscribed sync has a speaker and no paragraphs")
            if self.length_ms is not None and self.length_ms <= 0:
                raise ValueError("a sync length is positive")
        elif not self.paragraphs or any(not p.strip() for p in self.paragraphs):
            raise ValueError("a segment holds at least one non-empty paragraph")
        if self.line < 1:
            raise ValueError("line numbers are 1-based")
        if self.anchor_ms is not None and self.anchor_ms < 0:
            raise ValueError("anchor times are not negative")

    @property
    def text(self) -> str:
        return " ".join(self.paragraphs)

    @property
    def words(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)


@dataclass(frozen=True, slots=True)
class Credit:
    """A credits line (``Авторы: …``, ``Оператор: …``, a final byline): never spoken."""

    text: str
    line: int


@dataclass(frozen=True, slots=True)
class Direction:
    """A stage direction (``(ЗК)``, ``(MUSIC PLAYING)``) or transcript boilerplate: not spoken.

    ``speaker`` is who a graphics line (``ТИТР: Имя Фамилия, должность``) puts on screen;
    ``length_ms`` the length a label gives (``ИНТЕРШУМ (5 сек)``: 5000).
    """

    text: str
    line: int
    speaker: Speaker | None = None
    length_ms: int | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """Something a person should look at. ``text`` holds source text that was not used."""

    code: FindingCode
    severity: Severity
    line: int
    message: str
    text: str | None = None


@dataclass(frozen=True, slots=True)
class Script:
    """A parsed news script."""

    segments: tuple[Segment, ...]
    language: Language
    source: str = "-"
    credits: tuple[Credit, ...] = ()
    directions: tuple[Direction, ...] = ()
    findings: tuple[Finding, ...] = field(default=())

    @property
    def speakers(self) -> tuple[Speaker, ...]:
        """Distinct speakers in order of first appearance (notes ignored)."""
        seen: dict[tuple[str | None, str | None], Speaker] = {}
        for seg in self.segments:
            sp = seg.speaker
            if sp is not None and sp.identity not in seen:
                seen[sp.identity] = sp
        return tuple(seen.values())


@dataclass(frozen=True, slots=True)
class TimedSegment:
    """A segment placed on the time axis: ``start_ms`` ≤ speech ≤ ``end_ms``."""

    segment: Segment
    index: int  # position in Script.segments, 0-based
    start_ms: int
    end_ms: int
    sentences: tuple[str, ...] = ()  # the segment's sentences (razdel), split once here

    def __post_init__(self) -> None:
        if not 0 <= self.start_ms < self.end_ms:
            raise ValueError(f"bad segment time {self.start_ms}..{self.end_ms} ms")


@dataclass(frozen=True, slots=True)
class Timeline:
    """Segment times for a script, in ms from the programme start (``--start`` included)."""

    script: Script
    segments: tuple[TimedSegment, ...]
    fps: int = 25
    findings: tuple[Finding, ...] = ()
    start_ms: int = 0  # the programme start (--start) the times count from

    @property
    def end_ms(self) -> int:
        return self.segments[-1].end_ms if self.segments else 0


@dataclass(frozen=True, slots=True)
class Cue:
    """One caption on screen: 1-2 lines (``\\n`` between them), start < end, in ms."""

    start_ms: int
    end_ms: int
    lines: tuple[str, ...]
    segment: int  # index into Script.segments
    source_line: int  # the script line the cue's segment starts on (``lines`` is its text)
    speaker: Speaker | None = None
    raised: bool = False  # a lower-third is on screen: show the cue at the top
    voices: tuple[Speaker | None, ...] = ()  # a dialogue cue: each line's speaker

    def __post_init__(self) -> None:
        if not 0 <= self.start_ms < self.end_ms:
            raise ValueError(f"bad cue time {self.start_ms}..{self.end_ms} ms")
        if not self.lines or any(not ln.strip() or "\n" in ln for ln in self.lines):
            raise ValueError("a cue holds non-empty single lines")

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def duration_ms(self) -> int:
        return self.end_ms - self.start_ms

    @property
    def cps(self) -> float:
        """Reading speed: characters (spaces included, line breaks not) per second."""
        chars = sum(len(ln) for ln in self.lines) + len(self.lines) - 1
        return chars * 1000 / self.duration_ms


@dataclass(frozen=True, slots=True)
class LowerThird:
    """A name + title graphic: on air from ``in_ms`` to ``out_ms`` (on frames)."""

    name: str
    title: str
    role: Role
    language: Language
    in_ms: int
    out_ms: int
    segment: int  # index into Script.segments
    line: int

    def __post_init__(self) -> None:
        if not 0 <= self.in_ms < self.out_ms:
            raise ValueError(f"bad lower-third time {self.in_ms}..{self.out_ms} ms")

    @property
    def duration_ms(self) -> int:
        return self.out_ms - self.in_ms


@dataclass(frozen=True, slots=True)
class SourceCue:
    """A cue read from someone else's caption file (SRT or WebVTT), as written: its number
    or identifier, times in ms, text lines with the markup taken out, the 1-based line of its
    timing line, its settings (WebVTT ``line:10%``, SRT coordinates), each line's voice
    (WebVTT ``<v Name>``; None where none), whether it asked to be shown at the top (SRT
    ``{\\an8}``, WebVTT ``line:0``…), and the markup it held (``<i>``, ``<b>``, ``<c>``)."""

    number: str
    start_ms: int
    end_ms: int
    lines: tuple[str, ...]
    line: int
    settings: str = ""
    voices: tuple[str | None, ...] = ()
    top: bool = False
    markup: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.start_ms < 0 or self.end_ms < 0:
            raise ValueError("cue times are not negative")
        if self.voices and len(self.voices) != len(self.lines):
            raise ValueError("one voice a line")

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass(frozen=True, slots=True)
class CaptionFile:
    """Someone else's caption file, read: its cues in file order, what could not be read
    (findings with the line), the format (``srt`` or ``vtt``), and the WebVTT blocks that are
    not cues (``NOTE``, ``STYLE``, ``REGION``) as written."""

    cues: tuple[SourceCue, ...]
    format: str
    findings: tuple[Finding, ...] = ()
    blocks: tuple[str, ...] = ()
    source: str = "-"
