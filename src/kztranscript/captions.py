"""``Timeline`` → cues: sentences, cue-sized chunks, lines, and broadcast timing rules.

Each segment's sentences (razdel) are cut into chunks that fit one cue, preferring clause
boundaries; each chunk is laid out by ``linebreak``. Cue times share out the segment's time by
syllables, then snap to frames (in-times to the nearest frame, out-times down) and meet the
rules: duration ≥ 1 s (never < 21 frames), ≤ 7 s; gaps ≥ 2 frames, gaps of 3–12 frames closed
to 2; no overlaps; inline anchors and ``--duration`` hit to the frame.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import accumulate, pairwise

from kztranscript.chunking import chunk_sentence
from kztranscript.cohesion import PHRASE_SPLIT, phrase_costs
from kztranscript.cuetiming import balance, close_gaps, fit
from kztranscript.errors import OptionsError
from kztranscript.layout import best_layout, break_lines
from kztranscript.lexicon import passage_language
from kztranscript.linebreak import cue_costs, fits, gap_costs, language_matters
from kztranscript.model import Cue, Finding, FindingCode, Language, Severity, Speaker, Timeline
from kztranscript.style import CaptionStyle
from kztranscript.timecode import floor_frame, frame_ms, to_frame, vtt
from kztranscript.timing import sentences, syllables
from kztranscript.typography import tidy

MEASURED_END_PAD_MS = 100  # word ends mapped from audio come out early
LABEL_GLUE = 10_000  # a speaker label is never a cue or a line of its own
FLASH_MS = 1500  # a sentence on screen alone for less than this flashes by: join it
GAP_MS = 80  # two frames at 25 fps: the least gap between cues
DIALOGUE_DASH = "–"  # opens each line of a dialogue cue (two speakers' short turns)


class SpeakerLabels(StrEnum):
    """How SRT marks speakers (WebVTT always uses ``<v Name>``)."""

    NONE = "none"
    NAME = "name"  # "Имя Фамилия: " before the first cue of each marked segment
    DASH = "dash"  # "- " before the first cue after each speaker change


@dataclass(frozen=True, slots=True)
class _Chunk:
    words: tuple[str, ...]
    costs: tuple[float, ...]  # linebreak.gap_costs between the words
    syllables: int
    sentence_end: bool
    first_word: int  # spoken-word indices in the segment (for measured word times)
    last_word: int


def hard_split(words: list[str], style: CaptionStyle) -> list[str]:
    """Words longer than a whole cue (a pasted URL, a run of characters with no space) cut
    into pieces of a line each, so no cue holds an unreadable line ("word-too-long" says so).

    >>> hard_split(["a" * 80], CaptionStyle(max_chars=37, max_lines=2))[1]
    'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'
    """
    limit = style.max_chars * style.max_lines
    if all(len(w) <= limit for w in words):
        return words
    out: list[str] = []
    for w in words:
        if len(w) <= limit:
            out.append(w)
        else:
            out += [w[i : i + style.max_chars] for i in range(0, len(w), style.max_chars)]
    return out


def long_words(timeline: Timeline, style: CaptionStyle) -> list[Finding]:
    """A finding for each segment with a word longer than a whole cue (``hard_split``)."""
    limit = style.max_chars * style.max_lines
    return [
        Finding(
            FindingCode.WORD_TOO_LONG,
            Severity.WARNING,
            ts.segment.line,
            f"a word of {max(len(w) for w in ts.segment.text.split())} characters is longer "
            f"than a cue; it is cut into lines of {style.max_chars}",
        )
        for ts in timeline.segments
        if any(len(w) > limit for w in ts.segment.text.split())
    ]


def _label(speaker: Speaker | None, mode: SpeakerLabels, changed: bool) -> list[str]:
    if mode is SpeakerLabels.NAME and speaker is not None and speaker.name:
        return f"{speaker.name}:".split()
    if mode is SpeakerLabels.DASH and changed:
        return ["-"]
    return []


def _segment_chunks(
    sents: Sequence[str], style: CaptionStyle, label: list[str], language: Language
) -> list[_Chunk]:
    chunks: list[_Chunk] = []
    first = True
    spoken = 0  # index of the chunk's first spoken word in the segment (labels are not spoken)
    for sent in sents:
        if style.typography:
            sent = tidy(sent, language)  # quotes, dashes, ellipses; never a letter or digit
        words = hard_split(sent.split(), style)
        if not words:
            continue
        labelled = bool(first and label)
        if labelled:
            words = [*label, *words]
        first = False
        phrase = phrase_costs(words, language)
        costs = gap_costs(words, language, phrase=phrase)
        if labelled:
            costs[len(label) - 1] += LABEL_GLUE
        between = cue_costs(words, costs, phrase, language)
        pieces = chunk_sentence(words, style, costs, cue_costs=between)
        at = 0
        for i, piece in enumerate(pieces):
            n_label = len(label) if labelled and i == 0 else 0
            n_spoken = len(piece) - n_label
            chunks.append(
                _Chunk(
                    piece,
                    tuple(costs[at : at + len(piece) - 1]),
                    syllables(sent)
                    if len(pieces) == 1 and not labelled
                    else syllables(" ".join(piece)),
                    i == len(pieces) - 1,
                    spoken,
                    spoken + max(n_spoken, 1) - 1,
                )
            )
            spoken += n_spoken
            at += len(piece)
    return chunks


@dataclass
class _Raw:
    """One cue before the timing rules: its chunk and unfitted times in ms."""

    start: float
    end: float
    chunk: _Chunk
    segment: int  # index into Script.segments (the first, for a dialogue cue)
    hard: bool  # starts at an inline timecode
    whole: bool = False  # the chunk is a whole sentence
    lines: tuple[str, ...] = ()  # a layout fixed by joining (sentences, dialogue turns)
    voices: tuple[Speaker | None, ...] = ()  # a dialogue cue: the speaker of each line
    last_segment: int = -1  # the segment the cue ends in (-1: ``segment``)

    @property
    def ends_in(self) -> int:
        return self.segment if self.last_segment < 0 else self.last_segment


def _raw_times(
    timeline: Timeline,
    style: CaptionStyle,
    labels: SpeakerLabels,
    word_times: Sequence[Sequence[tuple[int, int]]] | None,
) -> list[_Raw]:
    """Every chunk of every segment with its unfitted time."""
    raw: list[_Raw] = []
    last_speaker: object = object()
    for ts in timeline.segments:
        seg = ts.segment
        if not seg.transcribed:
            continue  # its words are not in the script: a lower-third, no captions
        identity = seg.speaker.identity if seg.speaker else None
        changed = identity != last_speaker and raw != []
        last_speaker = identity
        label = _label(seg.speaker, labels, changed)
        sents = ts.sentences or tuple(x for p in seg.paragraphs for x in sentences(p))
        language = timeline.script.language
        if language_matters(seg.text.split()):  # a Russian sync in a Kazakh package
            language = passage_language(seg.text, language)
        chunks = _segment_chunks(sents, style, label, language)
        whole = _whole_sentences(chunks)
        if word_times is not None:
            times = word_times[ts.index]
            for chunk, w in zip(chunks, whole, strict=True):
                first = times[min(chunk.first_word, len(times) - 1)]
                last = times[min(chunk.last_word, len(times) - 1)]
                end = last[1] + MEASURED_END_PAD_MS
                raw.append(_Raw(first[0], end, chunk, ts.index, False, w))
            continue
        weights = [c.syllables + (1.4 if c.sentence_end else 0.0) for c in chunks]
        # The pause after the segment's last sentence is outside the segment already.
        weights[-1] -= 1.4 if chunks[-1].sentence_end else 0.0
        total = sum(weights) or 1.0
        span = ts.end_ms - ts.start_ms
        t = float(ts.start_ms)
        for i, (chunk, weight) in enumerate(zip(chunks, weights, strict=True)):
            speak = chunk.syllables / total * span
            hard = i == 0 and seg.anchor_ms is not None
            raw.append(_Raw(t, t + speak, chunk, ts.index, hard, whole[i]))
            t += weight / total * span
    return raw


def _whole_sentences(chunks: Sequence[_Chunk]) -> list[bool]:
    """Which chunks hold a whole sentence (the one before ended one, and so does this)."""
    out = []
    for i, chunk in enumerate(chunks):
        out.append(chunk.sentence_end and (i == 0 or chunks[i - 1].sentence_end))
    return out


def _voice(timeline: Timeline, index: int) -> tuple[object, ...]:
    seg = timeline.script.segments[index]
    return (seg.kind, seg.speaker.identity if seg.speaker else None)


def _join(
    raw: list[_Raw], timeline: Timeline, style: CaptionStyle, labels: SpeakerLabels
) -> list[_Raw]:
    """Short sentences share a cue instead of flashing by one at a time: two sentences of one
    segment, one a line each (or one line together), and two short turns of different
    speakers as a dialogue cue, each line opening with a dash. Only when one of them is on
    screen under ``FLASH_MS`` alone, both fit and the pair reads at ``warn_cps`` or slower."""
    if style.max_lines < 2:
        return raw
    out: list[_Raw] = []
    for n, item in enumerate(raw):
        prev = out[-1] if out else None
        joined = None
        if prev is not None and not item.hard and prev.chunk.sentence_end:
            if prev.segment == item.segment and not prev.voices and (prev.whole or item.whole):
                joined = _sentences(prev, item, style)
                if (
                    joined is not None
                    and not _answered(joined, raw[n + 1 :], timeline, style, labels)
                    and _answered(item, raw[n + 1 :], timeline, style, labels)
                ):
                    joined = None  # it goes with the reply after it, as a dialogue cue
            elif prev.whole and item.whole and _dialogue_ok(prev, item, timeline, labels):
                joined = _dialogue(prev, item, timeline, style)
        # the joined cue may run on into the pause after it, up to the next cue
        until = raw[n + 1].start - GAP_MS if n + 1 < len(raw) else float("inf")
        if joined is not None and _readable(joined, style, until):
            out[-1] = joined
        else:
            out.append(item)
    return out


def _answered(
    item: _Raw,
    after: Sequence[_Raw],
    timeline: Timeline,
    style: CaptionStyle,
    labels: SpeakerLabels,
) -> bool:
    """Whether ``item`` and the turn after it make a dialogue cue."""
    if not after or after[0].hard or not (item.whole and after[0].whole):
        return False
    if not _dialogue_ok(item, after[0], timeline, labels):
        return False
    pair = _dialogue(item, after[0], timeline, style)
    until = after[1].start - GAP_MS if len(after) > 1 else float("inf")
    return pair is not None and _readable(pair, style, until)


def _text(item: _Raw) -> list[str]:
    return list(item.lines) if item.lines else [" ".join(item.chunk.words)]


def _sentences(a: _Raw, b: _Raw, style: CaptionStyle) -> _Raw | None:
    """``a`` ends a sentence and ``b`` starts the next, one of them a whole short one: one
    cue, if the words fit and lay out without cutting a phrase or breaking a rule."""
    if not (a.whole and a.end - a.start < FLASH_MS) and not (
        b.whole and b.end - b.start < FLASH_MS
    ):
        return None
    words = a.chunk.words + b.chunk.words
    if a.lines or not fits(words, style):
        return None
    between = gap_costs(words[len(a.chunk.words) - 1 : len(a.chunk.words) + 1])
    costs = (*a.chunk.costs, *between, *b.chunk.costs)
    prefix = [0, *accumulate(len(w) + 1 for w in words)]
    if prefix[-1] - 1 > style.max_chars:
        layout = best_layout(prefix, costs, 0, len(words), style)
        if layout is None or layout[0] >= PHRASE_SPLIT:
            return None
    return _merged(a, b, (), (), costs)


def _dialogue_ok(a: _Raw, b: _Raw, timeline: Timeline, labels: SpeakerLabels) -> bool:
    """The last sentence of one speaker's turn and the whole next turn of another speaker
    (both marked speakers: a lead or voice-over is no turn of a conversation)."""
    if labels is SpeakerLabels.NAME or a.voices or a.lines or b.segment == a.segment:
        return False
    segs = timeline.script.segments
    sa, sb = segs[a.segment], segs[b.segment]
    if sa.speaker is None or sb.speaker is None or sa.speaker.identity == sb.speaker.identity:
        return False
    last = a.chunk.last_word == len(sa.text.split()) - 1
    # the second turn is whole: a turn that runs on would be cut between two cues
    return last and b.chunk.first_word == 0 and b.chunk.last_word == len(sb.text.split()) - 1


def _dialogue(a: _Raw, b: _Raw, timeline: Timeline, style: CaptionStyle) -> _Raw | None:
    if b.end - b.start >= FLASH_MS and a.end - a.start >= FLASH_MS:
        return None
    lines = tuple(f"{DIALOGUE_DASH} {' '.join(x.chunk.words)}" for x in (a, b))
    if any(len(line) > style.max_chars for line in lines):
        return None
    segs = timeline.script.segments
    return _merged(a, b, lines, (segs[a.segment].speaker, segs[b.segment].speaker))


def _merged(
    a: _Raw,
    b: _Raw,
    lines: tuple[str, ...],
    voices: tuple[Speaker | None, ...],
    costs: tuple[float, ...] = (),
) -> _Raw:
    chunk = _Chunk(
        a.chunk.words + b.chunk.words,
        costs,
        a.chunk.syllables + b.chunk.syllables,
        b.chunk.sentence_end,
        a.chunk.first_word,
        b.chunk.last_word,
    )
    whole = a.whole and b.whole
    return _Raw(a.start, b.end, chunk, a.segment, a.hard, whole, lines, voices, b.ends_in)


def _readable(item: _Raw, style: CaptionStyle, until: float) -> bool:
    """The joined cue reads no faster than the warning speed over the time it spans (and may
    take, up to ``until``)."""
    chars = sum(map(len, item.lines)) + len(item.lines) - 1
    span = max(min(until, item.start + style.max_duration_ms) - item.start, item.end - item.start)
    return chars * 1000 <= style.warn_cps * max(span, style.min_duration_ms)


def _gaps(raw: list[_Raw], timeline: Timeline, style: CaptionStyle) -> list[int]:
    """The least gap in frames before each cue: the cue gap, and at a change of voice the
    pause between the two segments in the timeline (estimated, or measured from audio)."""
    fps = timeline.fps
    times = {ts.index: ts for ts in timeline.segments}
    gaps = [style.min_gap_frames]
    for prev, item in pairwise(raw):
        gap = style.min_gap_frames
        last = prev.ends_in
        if item.segment != last and _voice(timeline, item.segment) != _voice(timeline, last):
            pause = times[item.segment].start_ms - times[last].end_ms
            gap = max(gap, floor_frame(max(pause, 0), fps))
        gaps.append(gap)
    return gaps


def build_cues(
    timeline: Timeline,
    style: CaptionStyle | None = None,
    labels: SpeakerLabels = SpeakerLabels.NONE,
    end_ms: int | None = None,
    word_times: Sequence[Sequence[tuple[int, int]]] | None = None,
) -> tuple[Cue, ...]:
    """Cues for every spoken segment of the timeline.

    ``end_ms`` (the package's known end) makes the last cue end exactly there.
    ``word_times`` (from audio alignment: per segment, per word, start and end ms) times each
    cue from its first and last word instead of sharing out the segment. Raises
    ``OptionsError`` (option ``duration``) when the time available cannot hold the cues at
    21 frames each.
    """
    style = style or CaptionStyle()
    fps = timeline.fps
    raw = _join(_raw_times(timeline, style, labels, word_times), timeline, style, labels)
    hard = [r.hard for r in raw]
    gaps = _gaps(raw, timeline, style)
    starts = [to_frame(round(r.start), fps) for r in raw]
    ends = [max(floor_frame(round(r.end), fps), st + 1) for r, st in zip(raw, starts, strict=True)]
    hard_end = floor_frame(end_ms, fps) if end_ms is not None else None
    first_frame = to_frame(timeline.segments[0].start_ms, fps) if timeline.segments else 0
    for min_ms in (style.min_duration_ms, style.hard_min_duration_ms):
        fitted = fit(starts, ends, hard, gaps, hard_end, first_frame, fps, style, min_ms)
        if fitted is not None:
            break
    else:
        raise OptionsError(
            f"the time available cannot hold {len(raw)} cues of at least "
            f"{style.hard_min_duration_ms} ms each; give the package a longer duration or "
            "check the inline timecodes",
            option="duration",
        )
    s_f, e_f = fitted
    chars = [sum(map(len, _text(r))) + len(_text(r)) - 1 for r in raw]
    segs_of = [r.segment for r in raw]
    # Measured starts are where the speech starts: reading-speed relief may only lengthen.
    balance(s_f, e_f, chars, segs_of, hard, gaps, hard_end, fps, style, word_times is None)
    close_gaps(s_f, e_f, gaps, style, fps)  # growing into a gap can leave a short one
    segments = timeline.script.segments
    return tuple(
        Cue(
            frame_ms(s, fps),
            frame_ms(e, fps),
            r.lines or break_lines(r.chunk.words, style, costs=r.chunk.costs),
            r.segment,
            segments[r.segment].line,
            None if r.voices else segments[r.segment].speaker,
            voices=r.voices,
        )
        for r, s, e in zip(raw, s_f, e_f, strict=True)
    )


def cue_findings(cues: Sequence[Cue], style: CaptionStyle) -> list[Finding]:
    """Reading speed per cue: warning over ``warn_cps``, error over ``error_cps``."""
    out = []
    for cue in cues:
        cps = cue.cps
        if cps > style.warn_cps:
            severity = Severity.ERROR if cps > style.error_cps else Severity.WARNING
            out.append(
                Finding(
                    FindingCode.READING_SPEED,
                    severity,
                    cue.source_line,
                    f"cue at {vtt(cue.start_ms)} reads at {cps:.1f} characters/s "
                    f"(limit {style.warn_cps:g}); shorten the text or give it more time",
                )
            )
    return out
