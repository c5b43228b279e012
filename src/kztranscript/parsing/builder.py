"""Pass 2: units → segments, credits, directions and findings.

A small state machine walks the units: it knows whether it is in narration, waiting for the
speech after a marker, or inside a speaker's turn (``Mode``); which segment is open; which
quote is open across paragraphs; and who has spoken (for ``Ластаев:`` and ``(on camera):``).
Nothing is dropped: text that fits nowhere becomes a finding that carries it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import Enum

from kztranscript.lexicon import ANY
from kztranscript.model import (
    Credit,
    Direction,
    Finding,
    FindingCode,
    Role,
    Segment,
    SegmentKind,
    Severity,
    Speaker,
)
from kztranscript.parsing import units as u
from kztranscript.parsing.heads import cut_off_marker, is_byline
from kztranscript.parsing.prose import date_line, hard_wrapped, headline, truncated
from kztranscript.parsing.quotes import QuoteState, reported_speech, starts_quote
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


@dataclass
class Builder:
    """Mutable state of pass 2; produces immutable segments."""

    transcript: bool
    fps: int = 25
    seg: OpenSegment = field(default_factory=OpenSegment)
    quote: QuoteState = field(default_factory=QuoteState)
    turn: Turn = field(default_factory=Turn)
    speakers: SpeakerRegistry = field(default_factory=SpeakerRegistry)
    credits: list[Credit] = field(default_factory=list)
    directions: list[Direction] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    last_spoken: int = 0  # the line of the last text read

    def build(self, units: Sequence[u.Unit]) -> None:
        """Walk every unit. A final line of names (a byline) is credits; a final ``Name,
        title`` without a colon is a marker cut off by the end of the text."""
        last_text = max(
            (i for i, x in enumerate(units) if isinstance(x, u.Text | u.Marker)), default=None
        )
        top = self.headlines(units)
        for i, unit in enumerate(units):
            if i in top or (isinstance(unit, u.Text) and date_line(unit.text)):
                assert isinstance(unit, u.Text)
                self.not_speech(unit)
            elif isinstance(unit, u.Anchor):
                self.anchor(unit)
            elif isinstance(unit, Credit):
                self.credits.append(unit)
            elif isinstance(unit, u.Direction):
                self.direction(unit)
            elif isinstance(unit, u.Marker):
                self.marker(unit)
            elif i == last_text and self.turn.mode is not Mode.AWAIT:
                self.last_text(unit)
            else:
                self.text(unit)
        self.drop_pending()
        self.seg.close()
        if self.seg.done and truncated(self.seg.done[-1].paragraphs[-1]):
            ending = " ".join(self.seg.done[-1].paragraphs[-1].split()[-4:])
            self.finding(
                FindingCode.TRUNCATED_SCRIPT,
                self.last_spoken,
                f"the script seems cut off: it ends mid-word or mid-phrase ('…{ending}'); "
                "check that the whole script was copied",
                None,
            )
        if self.seg.anchor is not None:
            last = next(x for x in reversed(units) if isinstance(x, u.Anchor) and x.ms is not None)
            self.finding(
                FindingCode.ANCHOR_WITHOUT_TEXT,
                last.line,
                "a timecode at the end of the script has no text after it",
                last.raw,
            )

    def finding(
        self,
        code: FindingCode,
        line: int,
        message: str,
        text: str | None,
        severity: Severity = Severity.WARNING,
    ) -> None:
        self.findings.append(Finding(code, severity, line, message, text))

    @staticmethod
    def headlines(units: Sequence[u.Unit]) -> set[int]:
        """The text units at the top that are headlines: before any speech, with more text
        after them."""
        found: set[int] = set()
        for i, unit in enumerate(units):
            if isinstance(unit, u.Marker):
                break
            if not isinstance(unit, u.Text):
                continue
            after = next((x for x in units[i + 1 :] if isinstance(x, u.Text | u.Marker)), None)
            if after is None or unit.after_quote:
                break
            if not headline(unit.text, after.text if isinstance(after, u.Text) else ""):
                break
            found.add(i)
        return found

    def not_speech(self, unit: u.Text) -> None:
        what = "a date" if date_line(unit.text) else "a headline, rubric or programme name"
        self.finding(
            FindingCode.NOT_SPEECH,
            unit.line,
            f"{unit.text!r} reads as {what}, not speech; it is not captioned",
            unit.text,
            Severity.INFO,
        )

    def anchor(self, unit: u.Anchor) -> None:
        if unit.ms is None:
            self.finding(
                FindingCode.ANCHOR_INVALID,
                unit.line,
                f"timecode {unit.raw!r} does not exist at {self.fps} fps (frames run "
                f"0-{self.fps - 1}); ignored",
                unit.raw,
            )
            return
        self.seg.close()
        self.seg.anchor = unit.ms

    def last_text(self, unit: u.Text) -> None:
        """The last text of the script: maybe a byline, or a marker cut off."""
        if is_byline(unit.text):
            if self.seg.done or self.seg.paragraphs:
                self.credits.append(Credit(unit.text, unit.line))
            else:
                self.text(unit)
        elif cut_off_marker(unit.text):
            self.finding(
                FindingCode.MARKER_CUT_OFF,
                unit.line,
                f"{unit.text!r} looks like a speaker marker, but the script ends there (no "
                "colon, no speech)",
                unit.text,
            )
        else:
            self.text(unit)

    def narration(self, text: str, line: int) -> None:
        voiceover = self.turn.seen_marker or self.turn.voiceover_label
        kind = SegmentKind.VOICEOVER if voiceover else SegmentKind.LEAD
        if self.turn.label_kind is not None:
            kind = self.turn.label_kind
        if self.seg.kind is not None and self.seg.kind not in (
            SegmentKind.LEAD,
            SegmentKind.VOICEOVER,
        ):
            self.seg.close()
        if self.seg.kind is not None and self.seg.speaker is not None:
            self.seg.close()
        self.seg.add(kind, None, text, line)
        self.turn.mode = Mode.NARRATION
        self.quote.reset()

    def drop_pending(self) -> None:
        pending = self.turn.pending
        if pending is not None:
            self.finding(
                FindingCode.MARKER_WITHOUT_SPEECH,
                pending.line,
                f"marker {pending.raw!r} is not followed by speech; add the quote or remove "
                "the marker",
                pending.raw,
            )
        self.turn.pending = None
        self.turn.pending_speaker = None

    def resolve(self, marker: u.Marker) -> Speaker | None:
        head = marker.head
        if not head.continuation:
            return self.speakers.speaker_of(head)
        prev = self.speakers.last
        if prev is None:
            self.finding(
                FindingCode.CONTINUATION_WITHOUT_SPEAKER,
                marker.line,
                f"{marker.raw!r} continues a speaker, but nobody spoke before it",
                marker.raw,
            )
            return None
        return replace(prev, note=head.note)

    def start_speech(self, speaker: Speaker | None, text: str, line: int) -> None:
        """Open a speech segment; ``line`` is the marker's line, where the segment begins."""
        self.seg.close()
        self.quote.reset()
        self.turn.current = (speech_kind(speaker), speaker)
        self.seg.add(*self.turn.current, self.quote.speech_body(text), line)
        self.turn.mode = Mode.SPEECH
        if speaker is not None:
            self.speakers.spoke(speaker)

    def marker(self, unit: u.Marker) -> None:
        self.drop_pending()
        self.seg.close()
        self.turn.seen_marker = True
        self.turn.label_kind = None
        speaker = self.resolve(unit)
        if unit.rest:
            self.last_spoken = unit.line
            self.start_speech(speaker, unit.rest, unit.line)
        else:
            self.turn.pending, self.turn.pending_speaker = unit, speaker
            self.turn.mode = Mode.AWAIT

    def text(self, unit: u.Text) -> None:
        text, line = unit.text, unit.line
        self.last_spoken = line
        style = starts_quote(text)
        if style == "quote" and reported_speech(text):
            style = None
        if self.turn.mode is Mode.AWAIT:
            speaker = self.turn.pending_speaker
            pending = self.turn.pending
            self.turn.pending = self.turn.pending_speaker = None
            self.start_speech(speaker, text, pending.line if pending is not None else line)
        elif unit.after_quote:
            self.narration(text, line)
        elif self.turn.mode is Mode.SPEECH:
            wrapped = bool(self.seg.paragraphs) and hard_wrapped(self.seg.paragraphs[-1], text)
            if self.transcript or self.quote.open or style is not None or wrapped:
                assert self.turn.current is not None
                # add() reopens the turn when an anchor or direction closed its segment
                self.seg.add(*self.turn.current, self.quote.speech_body(text), line)
            else:
                self.narration(text, line)
        elif style == "dash":
            self.unmarked_speech(text, line)
        else:
            self.narration(text, line)

    def unmarked_speech(self, text: str, line: int) -> None:
        """A dash quote with no marker before it: a sync of nobody, and a finding."""
        intro = self.seg.paragraphs[-1] if self.seg.paragraphs else ""
        hint = (
            f"line {self.seg.last_line} ends with ':' but does not read as a speaker marker "
            "(it is captioned as narration); write it as 'Name Surname, title:'"
            if intro.endswith(":")
            else "add 'Name Surname, title:' above it"
        )
        self.finding(
            FindingCode.SPEECH_WITHOUT_MARKER,
            line,
            f"a quote (dash) with no speaker marker before it; {hint}",
            None,
        )
        self.start_speech(None, text, line)

    def direction(self, unit: u.Direction) -> None:
        turn = self.turn
        if turn.mode is Mode.AWAIT and unit.note is not None and turn.pending_speaker is not None:
            sp = turn.pending_speaker
            note = unit.note if sp.note is None else f"{sp.note}; {unit.note}"
            turn.pending_speaker = replace(sp, note=note)
            return
        self.directions.append(Direction(unit.text, unit.line, unit.speaker))
        if unit.kind is SegmentKind.VOICEOVER or (
            unit.kind is not None and turn.mode is not Mode.AWAIT
        ):
            # voice-over ends a pending marker (the speech is not on camera); a sync or
            # stand-up label between a marker and its speech leaves the marker alone
            self.drop_pending()
            self.seg.close()
            if unit.kind is SegmentKind.VOICEOVER:
                turn.voiceover_label = True
                turn.label_kind = None
            else:
                turn.label_kind = unit.kind
            turn.mode = Mode.NARRATION
            self.quote.reset()
