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


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of the script read by one voice: text as paragraphs (no empty ones)."""

    kind: SegmentKind
    paragraphs: tuple[str, ...]
    line: int
    speaker: Speaker | None = None
    anchor_ms: int | None = None

    def __post_init__(self) -> None:
        if not self.paragraphs or any(not p.strip() for p in self.paragraphs):
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

    ``speaker`` is who a graphics line (``ТИТР: Имя Фамилия, должность``) puts on screen.
    """

    text: str
    line: int
    speaker: Speaker | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """Something a person should look at. ``text`` holds source text that was not used."""

    code: str
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
            if sp is not None and (sp.name, sp.title) not in seen:
                seen[(sp.name, sp.title)] = sp
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
    line: int  # source line of the segment
    speaker: Speaker | None = None
    raised: bool = False  # a lower-third is on screen: show the cue at the top

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
