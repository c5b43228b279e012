"""Pass 2: units → segments, credits, directions and findings.

A small state machine walks the units: it knows whether it is in narration, waiting for the
speech after a marker, or inside a speaker's turn (``Mode``); which segment is open; which
quote is open across paragraphs; and who has spoken (for ``Ластаев:`` and ``(on camera):``).
Nothing is dropped: text that fits nowhere becomes a finding that carries it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from kztranscript.model import (
    Credit,
    Direction,
    Finding,
    FindingCode,
    SegmentKind,
    Severity,
    Speaker,
)
from kztranscript.parsing import units as u
from kztranscript.parsing.heads import cut_off_marker, is_byline, note_length_ms
from kztranscript.parsing.prose import date_line, hard_wrapped, headline, truncated
from kztranscript.parsing.quotes import QuoteState, reported_speech, starts_quote
from kztranscript.parsing.state import (
    Mode,
    OpenSegment,
    SpeakerRegistry,
    Turn,
    speech_kind,
)


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
        speech_ends = max(  # the last speech unit (a final byline is none)
            (
                i
                for i, x in enumerate(units)
                if isinstance(x, u.Marker) or (isinstance(x, u.Text) and not is_byline(x.text))
            ),
            default=-1,
        )
        for i, unit in enumerate(units):
            if i in top or (isinstance(unit, u.Text) and date_line(unit.text)):
                assert isinstance(unit, u.Text)
                self.not_speech(unit)
            elif isinstance(unit, u.Anchor):
                self.anchor(unit)
            elif isinstance(unit, Credit):
                self.credits.append(unit)
                if self.last_spoken and i < speech_ends and not unit.text.startswith("(("):
                    self.finding(  # credits end scripts: one among the speech may be speech
                        FindingCode.CREDIT_MID_SCRIPT,
                        unit.line,
                        f"{unit.text[:60]!r} reads as a credit or header line in the middle of "
                        "the script and is not captioned; check that it is not speech",
                        unit.text,
                        Severity.INFO,
                    )
            elif isinstance(unit, u.Direction):
                self.direction(unit)
            elif isinstance(unit, u.Marker):
                self.marker(unit)
            elif isinstance(unit, u.CaptionOnly):
                self.caption_only(unit)
            elif isinstance(unit, u.Guests):
                self.guests(unit)
            elif i == last_text and self.turn.mode is not Mode.AWAIT:
                self.last_text(unit)
            else:
                self.text(unit)
        self.drop_pending()
        self.seg.close()
        spoken = [seg for seg in self.seg.done if seg.transcribed]
        if spoken and truncated(spoken[-1].paragraphs[-1]):
            ending = " ".join(spoken[-1].paragraphs[-1].split()[-4:])
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
            if isinstance(unit, u.Marker | u.CaptionOnly):
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

    def resolve(self, marker: u.Marker) -> Speaker:
        head = marker.head
        if not head.continuation:
            return self.speakers.speaker_of(head)
        assert self.speakers.last is not None  # marker() takes the other case
        return replace(self.speakers.last, note=head.note)

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
        if unit.head.continuation and self.speakers.last is None:
            self.unattached_note(unit)
            return
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

    def guests(self, unit: u.Guests) -> None:
        """A guest list: never spoken; the guests' names and titles for the markers after."""
        self.credits.extend(Credit(text, line) for line, text in unit.lines)
        for head in unit.guests:
            self.speakers.introduce(self.speakers.speaker_of(head))

    def unattached_note(self, unit: u.Marker) -> None:
        """``(Archive clip):`` with nobody before it to continue: a label, not a speaker."""
        self.directions.append(Direction(f"{unit.raw}:", unit.line))
        self.finding(
            FindingCode.CONTINUATION_WITHOUT_SPEAKER,
            unit.line,
            f"{unit.raw!r} reads like a speaker's note, but nobody spoke before it: taken as a "
            "label (not spoken)",
            None,
            Severity.INFO,
        )
        if unit.rest:
            self.text(u.Text(unit.rest, unit.line))

    def caption_only(self, unit: u.CaptionOnly) -> None:
        """A sync's caption line with no speech after it: the sync is on air, its words are
        not in the script. A segment with no text, and what follows is voice-over again."""
        self.drop_pending()
        self.seg.close()
        self.quote.reset()
        self.turn.seen_marker = True
        self.turn.label_kind = None
        self.turn.mode = Mode.NARRATION
        speaker = self.speakers.speaker_of(unit.head)
        self.speakers.spoke(speaker)
        length = note_length_ms(unit.head.note)
        self.seg.untranscribed(speech_kind(speaker), speaker, unit.line, length)
        self.finding(
            FindingCode.UNTRANSCRIBED_SYNC,
            unit.line,
            f"{unit.raw!r} is a sync's caption line with no speech in the script: the sync "
            "gets a lower-third and no captions; add the speech to caption it",
            None,
            Severity.INFO,
        )
        if not unit.certain:
            self.finding(
                FindingCode.NAME_TITLE_UNCERTAIN,
                unit.line,
                f"where the name ends in {unit.raw!r} is a guess: name {speaker.name!r}, "
                f"title {speaker.title!r}; check the lower-third (a comma after the name "
                "settles it)",
                None,
            )

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
        self.directions.append(
            Direction(unit.text, unit.line, unit.speaker, _direction_length(unit.text))
        )
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


def _direction_length(text: str) -> int | None:
    """The length a direction gives in its last brackets or its last words:
    ``ИНТЕРШУМ (5 сек)``, ``(NAT SOUND 0:05)``, ``((nat sound 3 sec))``."""
    inner = text.strip()
    while inner.startswith("(") and inner.endswith(")"):
        inner = inner[1:-1].strip()
    if inner.endswith(")") and "(" in inner:
        return note_length_ms(inner[inner.rindex("(") + 1 : -1])
    words = inner.split()
    for tail in (words[-2:], words[-1:]):
        length = note_length_ms(" ".join(tail)) if len(words) > len(tail) else None
        if length is not None:
            return length
    return None
