"""Pass 2's state: the segment being filled, whose turn it is, and who has spoken.

``builder`` walks the units and moves these; each holds one concern, so a rule about quotes
or short names has one place to live.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import Enum

from kztranscript.lexicon import ANY
from kztranscript.model import Role, Segment, SegmentKind, Speaker
from kztranscript.parsing import units as u
from kztranscript.parsing.prose import hard_wrapped
from kztranscript.parsing.quotes import starts_quote
from kztranscript.speakers import resolve_short_name, role_of
from kztranscript.text import DASHES, fold


class Mode(Enum):
    NARRATION = "narration"  # lead or voice-over
    AWAIT = "await"  # a marker was read; its speech comes next
    SPEECH = "speech"  # inside a speaker's turn


@dataclass
class OpenSegment:
    """The segments closed so far and the one being filled."""

    done: list[Segment] = field(default_factory=list)
    kind: SegmentKind | None = None
    speaker: Speaker | None = None
    paragraphs: list[str] = field(default_factory=list)
    line: int = 0
    anchor: int | None = None  # an inline timecode the next segment starts at
    last_line: int = 0  # the line of the last paragraph added

    def close(self) -> None:
        if self.kind is not None and self.paragraphs:
            self.done.append(
                Segment(self.kind, tuple(self.paragraphs), self.line, self.speaker, self.anchor)
            )
            self.anchor = None
        self.kind = None
        self.speaker = None
        self.paragraphs = []

    def untranscribed(
        self, kind: SegmentKind, speaker: Speaker, line: int, length_ms: int | None
    ) -> None:
        """A sync on air whose words the script leaves out: a segment with no text."""
        self.close()
        self.done.append(
            Segment(kind, (), line, speaker, self.anchor, transcribed=False, length_ms=length_ms)
        )
        self.anchor = None

    def add(self, kind: SegmentKind, speaker: Speaker | None, text: str, line: int) -> None:
        if self.kind != kind or self.speaker != speaker or not self.paragraphs:
            self.close()
            self.kind, self.speaker, self.line = kind, speaker, line
        elif hard_wrapped(self.paragraphs[-1], text):
            self.paragraphs[-1] += " " + text  # one sentence broken over two lines
            self.last_line = line
            return
        self.paragraphs.append(text)
        self.last_line = line


@dataclass
class Turn:
    """Whose turn it is, and what the labels and markers so far said of what comes next."""

    mode: Mode = Mode.NARRATION
    current: tuple[SegmentKind, Speaker | None] | None = None  # the speech turn we are in
    pending: u.Marker | None = None  # a marker whose speech has not come yet
    pending_speaker: Speaker | None = None
    seen_marker: bool = False  # narration after the first marker is voice-over
    voiceover_label: bool = False  # a "ЗК:" label said that voice-over starts here
    label_kind: SegmentKind | None = None  # "СИНХРОН" / "СТЕНДАП" / "ПОДВОДКА": what follows


@dataclass
class SpeakerRegistry:
    """Who has spoken so far: for short names (``Ластаев:``) and continuations."""

    known: list[Speaker] = field(default_factory=list)
    last: Speaker | None = None

    def speaker_of(self, head: u.Head) -> Speaker:
        """The speaker a (non-continuation) head names."""
        if head.anonymous:
            return Speaker(None, head.title, role_of(head.title), head.note)
        assert head.name is not None
        if head.title is None:
            match = resolve_short_name(head.name, self.known)
            if match is not None:
                return replace(match, note=head.note)
        return Speaker(head.name, head.title, role_of(head.title), head.note)

    def spoke(self, speaker: Speaker) -> None:
        self.last = speaker
        self.introduce(speaker)

    def introduce(self, speaker: Speaker) -> None:
        """Know a speaker by name (a guest list names people before they speak)."""
        if speaker.name is not None and speaker not in self.known:
            self.known.append(replace(speaker, note=None))


def speech_kind(speaker: Speaker | None) -> SegmentKind:
    """A marked speaker's segment kind: by note (off camera), then by role."""
    if speaker is None:
        return SegmentKind.SYNC
    if speaker.note and any(v in fold(speaker.note) for v in ANY.voiceover_notes):
        return SegmentKind.VOICEOVER
    descriptor = fold(speaker.title or "").split() if speaker.name is None else []
    if descriptor and descriptor[0] in ANY.narrator_words:
        return SegmentKind.VOICEOVER  # NARRATOR: an archive voice, no lower-third
    if speaker.role is Role.CORRESPONDENT:
        return SegmentKind.STANDUP
    if speaker.role is Role.ANCHOR:
        return SegmentKind.LEAD
    return SegmentKind.SYNC


def transcript_style(units: Sequence[u.Unit]) -> bool:
    """Rush transcripts mark every turn (``BLITZER: Good evening.``) and use no quote marks."""
    markers = [x for x in units if isinstance(x, u.Marker)]
    inline = [x for x in markers if x.rest and starts_quote(x.rest) is None]
    dashes = sum(1 for x in units if isinstance(x, u.Text) and x.text[0] in DASHES)
    return len(markers) >= 2 and len(inline) * 10 >= len(markers) * 6 and dashes == 0
