"""The alignment itself (imported only when ``--audio`` is used; needs numpy).

What the audio holds beyond the script's words is met by filler columns in the reference (see
``dtw``): one before the first sentence, one between every two sentences and one after the
last, where natural sound (``ИНТЕРШУМ (5 сек)``), a music intro or a sting, and speech that is
not in the script stay instead of pulling the words around them in. A segment whose words are
not heard as written, a sync in another language than its translation in the script (a
``(перевод с казахского)`` note, or a whole segment that matches nothing), is one filler too:
it is timed by the voice between its aligned neighbours and its words spread by syllables.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np
import numpy.typing as npt

from kztranscript.align import WordTimes
from kztranscript.align.decode import RATE, decode_audio, resample
from kztranscript.align.dtw import align as dtw_align
from kztranscript.align.features import (
    HOP,
    WIN,
    frame_energy_db,
    frame_voicing,
    frame_zcr,
    mfcc,
    normalize,
)
from kztranscript.align.tts import engine
from kztranscript.errors import InputError
from kztranscript.lexicon import ANY, passage_language
from kztranscript.model import (
    Finding,
    FindingCode,
    Language,
    Severity,
    TimedSegment,
    Timeline,
)
from kztranscript.text import KAZAKH_LETTERS, fold
from kztranscript.timecode import vtt
from kztranscript.timing import syllables

Progress = Callable[[str, float], None]  # stage, fraction done
F32 = npt.NDArray[np.float32]
LEAD_SILENCE_MS = 200
GAP_MS = 150  # silence between reference sentences
END_PAD_MS = 100  # mapped ends come out early
FRAME_MS = 1000 * HOP // RATE  # 10 ms
# What one audio frame costs on a filler column. Matched speech costs less (median about
# 0.25 clean, 0.4 under a music bed or 15 dB of noise), speech, music or noise against the
# wrong words more (0.8-1.1): audio stays on a filler only where no word of the script fits it.
FILLER_COST = 0.7
# A segment whose words all match this much worse than the package's median, over speech,
# is not heard as written (another language, other words).
MISMATCH_COST = 0.45
MISMATCH_MADS = 4.0
MISMATCH_MIN_WORDS = 6
MISMATCH_ORDER = 0.88  # forwards cost over backwards cost above which the words are not said
# Added where loud sound that does not rise and fall like speech (music, natural sound) meets
# a word: MFCCs alone match a chord to a vowel at about 0.45.
NON_SPEECH_PENALTY = 0.5
# Added where a quiet frame meets a word: the pauses of the reference stand for any quiet
# audio (room tone, a music bed or noise under the pause), not only for digital silence.
# Inside a sentence it changes nothing (every word column pays it alike); between sentences it
# keeps a pause with a bed in it from being given to the next sentence's first word.
QUIET_PENALTY = 0.25
OPENING_WAIT = 15  # frames on a sentence's first frames that are a pause, not its start
OPENING_COLUMNS = 8
EDGE_WINDOW = 40  # frames at the edge of a hole's voice where a pause parts it from a neighbour


@dataclass(frozen=True, slots=True)
class _RefWord:
    segment: int
    word: int  # index in the segment's words
    start: int  # reference frame
    end: int  # reference frame (exclusive)
    opens: bool = False  # the first word of a sentence


@dataclass(slots=True)
class _SegmentSpeech:
    """The reference speech of one segment: MFCC pieces (a sentence each, not normalized)
    and each word's frames inside its piece."""

    pieces: list[F32] = field(default_factory=list)
    words: list[list[tuple[int, int]]] = field(default_factory=list)  # per piece


@dataclass(frozen=True, slots=True)
class _Reference:
    feats: F32  # normalized MFCCs
    base: F32  # per column: 1, or the filler cost
    speech: F32  # per column: 1 inside a sentence, 0 in pauses and on fillers
    words: list[_RefWord]
    holes: dict[int, int]  # segment index -> its filler column
    hole_frames: dict[int, int]  # segment index -> its estimated speech, in frames
    gaps: list[tuple[int, int]]  # (filler column, index of the segment it follows; -1: none)
    ms: int


def voice_for(sentence: str, language: Language) -> str:
    """``kk`` for a sentence with any Kazakh-only letter, else the script's language: the
    Russian voice spells those letters out and throws mixed packages off by seconds."""
    if any(c in KAZAKH_LETTERS for c in sentence):
        return "kk"
    return language.value


def heard_otherwise(ts: TimedSegment, language: Language) -> bool:
    """Whether a segment's speaker is heard in another language than its words in the script:
    a translation note (``перевод с казахского``, ``аударма``, ``in Kazakh``) and not a
    translator's voice (``голос переводчика``, ``through interpreter``). When the note names
    the language heard (``с казахского``, ``на казахском``, ``қазақша``) and the words are
    in it, they are the original: heard as written."""
    speaker = ts.segment.speaker
    if speaker is None or not speaker.note:
        return False
    note = fold(speaker.note)
    if any(w in note for w in ANY.interpreted_notes):
        return False
    if not any(w in note for w in ANY.translation_notes):
        return False
    text_language = passage_language(ts.segment.text, language).value
    return _heard_language(note) != text_language


def _heard_language(note: str) -> str | None:
    """The language a note says is heard (``перевод с казахского``: kk); not the one it was
    translated into (``перевод на русский``, ``translated into Russian``)."""
    for entry in ANY.language_notes:
        code, stem = entry.split(":", 1)
        at = note.find(stem)
        if at < 0:
            continue
        before = note[:at]
        if before.endswith(("перевод на ", "translated into ", "into ")):
            continue
        return code
    return None


def _trim(samples: npt.NDArray[np.int16], rate: int) -> tuple[int, int]:
    """First and last sample above the noise floor (eSpeak pads sentences with silence)."""
    if len(samples) == 0:
        return 0, 0
    loud = np.flatnonzero(np.abs(samples.astype(np.int32)) > 327)
    if len(loud) == 0:
        return 0, len(samples)
    return int(loud[0]), int(loud[-1]) + 1


def _word_offsets(sentence: str) -> list[int]:
    """1-based character index where each ``split()`` word starts."""
    offsets, pos = [], 0
    for word in sentence.split():
        pos = sentence.index(word, pos)
        offsets.append(pos + 1)
        pos += len(word)
    return offsets


def _synthesize(timeline: Timeline, progress: Progress | None = None) -> list[_SegmentSpeech]:
    """Every segment's sentences read by eSpeak NG, as MFCC pieces with word frames.

    Features are computed sentence by sentence, so the reference audio is never held whole.
    """
    tts = engine()
    language = timeline.script.language
    out: list[_SegmentSpeech] = []
    for n_done, ts in enumerate(timeline.segments):
        if progress is not None:
            progress("reference speech", n_done / len(timeline.segments))
        seg = _SegmentSpeech()
        out.append(seg)
        for sentence in ts.sentences:
            split = sentence.split()
            if not split:
                continue
            speech = tts.synth(sentence, voice_for(sentence, language))
            a, b = _trim(speech.samples, speech.rate)
            audio = resample(speech.samples[a:b], speech.rate)
            piece = mfcc(np.concatenate([audio, np.zeros(WIN, np.int16)]), cmvn=False)
            scale = RATE / speech.rate
            offsets = _word_offsets(sentence)
            starts: list[int] = []
            for k, offset in enumerate(offsets):
                nxt = offsets[k + 1] if k + 1 < len(split) else 10**9
                hits = [smp for pos, smp in speech.word_starts if offset <= pos < nxt]
                if hits:
                    starts.append(max(0, int((hits[0] - a) * scale)) // HOP)
                else:  # punctuation-only tokens: no event; they start where the last did
                    starts.append(starts[-1] if starts else 0)
            ends = [*starts[1:], len(piece)]
            spans = []
            for k in range(len(split)):
                s0 = min(starts[k], len(piece) - 1)
                spans.append((s0, max(min(ends[k], len(piece)), s0 + 1)))
            seg.pieces.append(piece)
            seg.words.append(spans)
    return out


def _silence(ms: int) -> F32:
    return mfcc(np.zeros(RATE * ms // 1000 + WIN, np.int16), cmvn=False)


def _assemble(timeline: Timeline, speech: list[_SegmentSpeech], holes: set[int]) -> _Reference:
    """The reference: a filler and lead silence, each sentence followed by a gap with a
    filler in its middle, and one filler for each segment in ``holes`` (and each
    untranscribed sync) in place of its words."""
    lead, half = _silence(LEAD_SILENCE_MS), _silence(GAP_MS // 2)
    filler = np.zeros((1, lead.shape[1]), np.float32)
    feats: list[F32] = [filler, lead]
    fillers: list[int] = [0]
    gaps: list[tuple[int, int]] = [(0, -1)]
    cursor = 1 + len(lead)
    words: list[_RefWord] = []
    hole_at: dict[int, int] = {}
    for ts, seg in zip(timeline.segments, speech, strict=True):
        if ts.index in holes or not seg.pieces:
            feats += [filler, half]
            hole_at[ts.index] = cursor
            fillers.append(cursor)
            cursor += 1 + len(half)
            continue
        w_index = 0
        for piece, spans in zip(seg.pieces, seg.words, strict=True):
            for k, (s0, e0) in enumerate(spans):
                words.append(_RefWord(ts.index, w_index + k, cursor + s0, cursor + e0, k == 0))
            w_index += len(spans)
            feats += [piece, half, filler, half]
            gaps.append((cursor + len(piece) + len(half), ts.index))
            fillers.append(gaps[-1][0])
            cursor += len(piece) + 2 * len(half) + 1
    feats += [lead, filler]
    fillers.append(cursor + len(lead))
    gaps.append((fillers[-1], timeline.segments[-1].index if timeline.segments else -1))
    total = normalize(np.concatenate(feats))
    base = np.ones(len(total), np.float32)
    base[fillers] = FILLER_COST
    in_speech = np.zeros(len(total), np.float32)
    for w in words:
        in_speech[w.start : w.end] = 1
    hole_frames = {
        ts.index: (ts.end_ms - ts.start_ms) // FRAME_MS
        for ts in timeline.segments
        if ts.index in hole_at
    }
    return _Reference(
        total, base, in_speech, words, hole_at, hole_frames, gaps, len(total) * FRAME_MS
    )


def align(
    timeline: Timeline, path: str, progress: Progress | None = None
) -> tuple[Timeline, WordTimes]:
    """Measure the timeline on the audio at ``path`` (see the module docstring)."""

    def report(stage: str, fraction: float) -> None:
        if progress is not None:
            progress(stage, fraction)

    report("decoding audio", 0.0)
    audio = decode_audio(path)
    seconds = len(audio) / RATE
    if seconds < 0.5:
        raise InputError("the audio is shorter than half a second", path)
    energy = frame_energy_db(audio)
    if float(np.percentile(energy, 99)) < -60:
        raise InputError("the audio is silent", path)
    speech = _synthesize(timeline, progress)
    language = timeline.script.language
    noted = {ts.index for ts in timeline.segments if heard_otherwise(ts, language)}
    ref = _assemble(timeline, speech, noted)
    # the script read aloud, with the estimated length of what is not matched word by word
    ref_seconds = (ref.ms + FRAME_MS * sum(ref.hole_frames.values())) / 1000
    ratio = seconds / ref_seconds
    if ratio < 0.3 or ratio > 5:
        which = "shorter" if ratio < 1 else "longer"
        raise InputError(
            f"the audio ({seconds:.0f} s) is much {which} than the script read aloud "
            f"(~{ref_seconds:.0f} s): is it the right file?",
            path,
        )
    report("audio features", 0.0)
    a = mfcc(audio)
    zcr, voicing = frame_zcr(audio), frame_voicing(audio)
    del audio
    loud, syllabic = _loud(energy, len(a)), _syllabic(energy, zcr, voicing, len(a))
    # speech to the frame: loud frames in or within half a second of speech-like sound
    # (the window of the speech test blurs where speech starts)
    near = _near(syllabic, 50)
    voiced = loud & near
    penalty = np.where(loud & ~near, NON_SPEECH_PENALTY, 0).astype(np.float32)
    penalty[~loud | _pauses(energy, len(a))] = QUIET_PENALTY
    report("matching speech to script", 0.0)
    path_j, local = dtw_align(a, ref.feats, ref.base, penalty, ref.speech, _guide(ref, voiced))
    mismatched = _mismatched(ref, path_j, local, voiced, a, speech)
    if mismatched:  # again, with those segments timed by the voice
        ref = _assemble(timeline, speech, noted | mismatched)
        guide = _guide(ref, voiced)
        path_j, local = dtw_align(a, ref.feats, ref.base, penalty, ref.speech, guide)
    report("matching speech to script", 1.0)
    del a
    return _place(timeline, ref, path_j, local, voiced, energy, noted, mismatched, seconds)


def _guide(ref: _Reference, voiced: npt.NDArray[np.bool_]) -> npt.NDArray[np.int64]:
    """The reference frame expected at each audio frame: as much of the script's speech
    said as the audio has had speech so far. A music intro, natural sound or a long pause
    moves it along the audio without moving it along the script, where the diagonal would
    put words in them (and put the band of the first pass beside the speech)."""
    weight = ref.speech.astype(np.float64)
    for index, column in ref.holes.items():
        weight[column] += ref.hole_frames.get(index, 0)
    ref_cum = np.cumsum(weight)
    audio_cum = np.cumsum(voiced, dtype=np.float64)
    if ref_cum[-1] <= 0 or audio_cum[-1] <= 0:
        return np.round(np.linspace(0, len(weight) - 1, len(voiced))).astype(np.int64)
    wanted = audio_cum / audio_cum[-1] * ref_cum[-1]
    guide: npt.NDArray[np.int64] = np.minimum(np.searchsorted(ref_cum, wanted), len(weight) - 1)
    return guide.astype(np.int64)


def _place(
    timeline: Timeline,
    ref: _Reference,
    path_j: npt.NDArray[np.int64],
    local: F32,
    voiced: npt.NDArray[np.bool_],
    energy: F32,
    noted: set[int],
    mismatched: set[int],
    seconds: float,
) -> tuple[Timeline, WordTimes]:
    """Word and segment times from the path, and the findings."""
    offset = timeline.start_ms
    total_ms = int(seconds * 1000)

    def audio_frame(j: int) -> int:
        """The first audio frame the path maps to reference frame ``j`` or later."""
        return int(np.searchsorted(path_j, j, side="left"))

    def opening(j: int) -> int:
        """Where a sentence starts: where the path leaves its first frame. A pause with a
        bed or noise in it can cost less on the first frame of the next word than on a
        filler; then the path waits there, and the sentence starts when it moves on."""
        first = audio_frame(j)
        for column in range(j, j + OPENING_COLUMNS):  # the wait may be a few frames in
            a, b = audio_frame(column), int(np.searchsorted(path_j, column, side="right"))
            if b - a > OPENING_WAIT:
                return b - 1 - (column - j)
        return first

    per_segment: dict[int, list[tuple[int, int]]] = {ts.index: [] for ts in timeline.segments}
    for w in ref.words:
        s = (opening(w.start) if w.opens else audio_frame(w.start)) * FRAME_MS
        e = audio_frame(w.end) * FRAME_MS
        per_segment[w.segment].append((offset + s, offset + max(e, s + FRAME_MS)))
    spans = _hole_spans(timeline, ref, path_j, voiced, offset, total_ms)
    findings = _confidence(timeline, ref, path_j, local, voiced, offset)
    for ts in timeline.segments:
        if ts.index not in spans:
            continue
        start, end = spans[ts.index]
        if ts.segment.transcribed:
            per_segment[ts.index] = _spread(ts, start, end, timeline.script.language)
            findings.append(_not_matched(ts, start, end, ts.index in mismatched))
    findings += _pause_lengths(timeline, ref, path_j)
    new_segments = []
    for ts in timeline.segments:
        if ts.index in spans:
            start, end = spans[ts.index]
            new_segments.append(replace(ts, start_ms=start, end_ms=max(end, start + 40)))
            continue
        times = per_segment[ts.index]
        start = times[0][0]
        end = min(times[-1][1] + END_PAD_MS, offset + total_ms)
        new_segments.append(replace(ts, start_ms=start, end_ms=max(end, start + 40)))
    aligned = replace(timeline, segments=tuple(_no_overlap(new_segments)))
    words = WordTimes(
        tuple(tuple(per_segment[ts.index]) for ts in timeline.segments),
        tuple(findings),
        total_ms,
    )
    return aligned, words


def _hole_spans(
    timeline: Timeline,
    ref: _Reference,
    path_j: npt.NDArray[np.int64],
    voiced: npt.NDArray[np.bool_],
    offset: int,
    total_ms: int,
) -> dict[int, tuple[int, int]]:
    """Where each hole (a segment timed by the voice, an untranscribed sync) is heard: from
    the first to the last frame of speech between the aligned words around it. Holes in a
    row share that speech, cut at the longest pause near where their estimated lengths
    would cut it. With no speech there, the stretch between the words; with no stretch at
    all, the estimated lengths after the words before."""
    spans: dict[int, tuple[int, int]] = {}
    starts = np.array([w.start for w in ref.words], np.int64)
    runs: list[list[TimedSegment]] = []
    last_column = -2
    for ts in timeline.segments:
        column = ref.holes.get(ts.index)
        if column is None:
            continue
        between = np.searchsorted(starts, column) == np.searchsorted(starts, last_column)
        if runs and between:
            runs[-1].append(ts)
        else:
            runs.append([ts])
        last_column = column
    for run in runs:
        k = int(np.searchsorted(starts, ref.holes[run[0].index]))
        prev_end = ref.words[k - 1].end if k else 0
        next_start = int(starts[k]) if k < len(starts) else len(ref.base)
        lo = int(np.searchsorted(path_j, prev_end, side="left"))
        hi = int(np.searchsorted(path_j, next_start, side="left"))
        lengths = [max(ts.end_ms - ts.start_ms, 40) for ts in run]
        if hi - lo < 4 * len(run):
            t = offset + lo * FRAME_MS
            for ts, length in zip(run, lengths, strict=True):
                spans[ts.index] = (t, min(t + length, offset + total_ms))
                t += length
            continue
        lo, hi = _edges(voiced, lo, hi)
        cuts = _cuts(voiced[lo:hi], lengths)
        bounds = [lo, *(lo + c for c in cuts), hi]
        for n, ts in enumerate(run):
            a, b = bounds[n], bounds[n + 1]
            inner = np.flatnonzero(voiced[a:b])
            if len(inner):  # the voice, not the pause around it
                a, b = a + int(inner[0]), a + int(inner[-1]) + 1
            spans[ts.index] = (offset + a * FRAME_MS, offset + max(b, a + 1) * FRAME_MS)
    return spans


def _edges(voiced: npt.NDArray[np.bool_], lo: int, hi: int) -> tuple[int, int]:
    """The voice between ``lo`` and ``hi``: from its first to its last frame of speech; and
    when the aligned words around it are placed a little late or early, the pause that
    separates it from them (100 ms or more, within 400 ms of the edge) cuts it."""
    speech = np.flatnonzero(voiced[lo:hi])
    if not len(speech):
        return lo, hi
    first, last = lo + int(speech[0]), lo + int(speech[-1]) + 1
    tail_at = max(first, last - EDGE_WINDOW)
    gaps = _quiet_runs(voiced[tail_at:last])
    if gaps:  # the next words' first syllables, after the pause before them
        last = max(first + 1, tail_at + gaps[-1][0])
    gaps = _quiet_runs(voiced[first : min(last, first + EDGE_WINDOW)])
    if gaps:  # the words before, up to the pause after them
        first = min(first + gaps[0][1], last - 1)
    return first, last


def _quiet_runs(voiced: npt.NDArray[np.bool_], least: int = 10) -> list[tuple[int, int]]:
    """Runs of ``least`` frames or more without speech: (start, stop)."""
    edges = np.flatnonzero(np.diff(np.concatenate([[1], voiced.astype(np.int8), [1]])))
    return [
        (int(a), int(b)) for a, b in zip(edges[::2], edges[1::2], strict=True) if b - a >= least
    ]


def _cuts(voiced: npt.NDArray[np.bool_], lengths: list[int]) -> list[int]:
    """Where to cut a stretch of speech between holes in a row: at each cut the estimated
    lengths give, the middle of the longest pause within a fifth of the stretch of it."""
    n = len(voiced)
    total = sum(lengths)
    cuts: list[int] = []
    acc = 0
    for length in lengths[:-1]:
        acc += length
        want = round(n * acc / total)
        lo, hi = max(0, want - n // 5), min(n, want + n // 5)
        best, best_len, run_start = want, 0, None
        for i in range(lo, hi + 1):
            quiet = i < hi and not voiced[i]
            if quiet and run_start is None:
                run_start = i
            elif not quiet and run_start is not None:
                if i - run_start > best_len:
                    best, best_len = (run_start + i) // 2, i - run_start
                run_start = None
        cuts.append(max(best, cuts[-1] + 1 if cuts else 1))
    return cuts


def _spread(ts: TimedSegment, start: int, end: int, language: Language) -> list[tuple[int, int]]:
    """Word times across ``start``-``end`` by syllables (a short pause after a sentence)."""
    weights: list[float] = []
    for sentence in ts.sentences:
        split = sentence.split()
        for k, word in enumerate(split):
            weights.append(syllables(word, language) + (1.4 if k == len(split) - 1 else 0.0))
    if not weights:
        return []
    weights[-1] -= 1.4
    total = sum(weights) or 1.0
    out, t = [], float(start)
    for w in weights:
        step = w / total * (end - start)
        out.append((round(t), max(round(t + step), round(t) + FRAME_MS)))
        t += step
    return out


def _not_matched(ts: TimedSegment, start: int, end: int, detected: bool) -> Finding:
    who = ts.segment.speaker.label if ts.segment.speaker else ts.segment.kind.value
    if detected:
        return Finding(
            FindingCode.AUDIO_NOT_MATCHED,
            Severity.WARNING,
            ts.segment.line,
            f"{who}: the speech at {vtt(start)}–{vtt(end)} does not match the script's words "
            "(another language? other words?); timed by the voice, its cues spread by "
            "syllables, not matched word by word: check them",
        )
    note = ts.segment.speaker.note if ts.segment.speaker else None
    return Finding(
        FindingCode.AUDIO_NOT_MATCHED,
        Severity.INFO,
        ts.segment.line,
        f"{who} ({note}) is heard in another language than the script's words: timed by the "
        f"voice, {vtt(start)}–{vtt(end)}, its cues spread by syllables, not matched word by word",
    )


def _mismatched(
    ref: _Reference,
    path_j: npt.NDArray[np.int64],
    local: F32,
    voiced: npt.NDArray[np.bool_],
    audio: F32,
    speech: list[_SegmentSpeech],
) -> set[int]:
    """Segments whose words do not match the speech under them: not heard as written, most
    often a sync in another language with no note.

    First the median cost over the segment's speech frames: above ``MISMATCH_COST`` and
    ``MISMATCH_MADS`` deviations over the package's median. A voice far from the
    reference's costs that much too (a high female voice: 0.39-0.47; Kazakh speech under
    Russian words 0.52), so a candidate is then matched again against its own reference
    played backwards: the same sounds in the wrong order. Words that are said match far
    better forwards (0.7-0.8 of the backwards cost for a far voice, 0.2 for a near one);
    words that are not match both alike (0.95)."""
    by_segment: dict[int, list[_RefWord]] = {}
    for w in ref.words:
        by_segment.setdefault(w.segment, []).append(w)
    costs: dict[int, tuple[float, int, int]] = {}
    for seg, ws in by_segment.items():
        i0 = int(np.searchsorted(path_j, ws[0].start, side="left"))
        i1 = int(np.searchsorted(path_j, ws[-1].end, side="left"))
        said = voiced[i0:i1]
        if len(ws) >= MISMATCH_MIN_WORDS and said.sum() >= 100 and said.mean() > 0.3:
            costs[seg] = (float(np.median(local[i0:i1][said])), i0, i1)
    if len(costs) < 2:
        return set()
    values = np.array([c for c, _, _ in costs.values()])
    median = float(np.median(values))
    mad = float(np.median(np.abs(values - median))) + 0.02
    limit = max(MISMATCH_COST, median + MISMATCH_MADS * mad)
    out = set()
    for seg, (cost, i0, i1) in costs.items():
        if cost <= limit:
            continue
        own = normalize(np.concatenate(speech[seg].pieces))
        said = voiced[i0:i1]
        _, forwards = dtw_align(audio[i0:i1], own)
        _, backwards = dtw_align(audio[i0:i1], np.ascontiguousarray(own[::-1]))
        ratio = float(np.median(forwards[said])) / max(float(np.median(backwards[said])), 1e-6)
        if ratio > MISMATCH_ORDER:
            out.add(seg)
    return out


def _no_overlap(segments: list[TimedSegment]) -> list[TimedSegment]:
    out: list[TimedSegment] = []
    for ts in segments:
        if out and ts.start_ms < out[-1].end_ms:
            prev = out[-1]
            cut = max(prev.start_ms + 40, ts.start_ms)
            out[-1] = replace(prev, end_ms=cut)
            ts = replace(ts, start_ms=max(ts.start_ms, cut))
            if ts.end_ms <= ts.start_ms:
                ts = replace(ts, end_ms=ts.start_ms + 40)
        out.append(ts)
    return out


def _loud(energy: F32, frames: int) -> npt.NDArray[np.bool_]:
    """Frames above the midpoint between the noise floor and the speech level (and within
    30 dB of speech), so a noise or music bed under speech is not taken for speech."""
    floor_db, speech_db = float(np.percentile(energy, 10)), float(np.percentile(energy, 95))
    loud = energy > max(floor_db + 0.5 * (speech_db - floor_db), speech_db - 30)
    return _fit(loud, frames)


def _pauses(energy: F32, frames: int, block: int = 50) -> npt.NDArray[np.bool_]:
    """Pauses by the speech around them: 200 ms or more at least 12 dB under the loudest
    speech within about 1.5 s, whatever fills them (room tone, a music bed, noise). The
    loudness threshold of ``_loud`` is one for the whole file; a bed under one package
    and digital silence elsewhere put it under the bed."""
    n = len(energy)
    if n == 0:
        return _fit(np.zeros(0, bool), frames)
    smooth = np.convolve(energy, np.ones(5) / 5, mode="same")
    blocks = -(-n // block)
    padded = np.full(blocks * block, -200.0)
    padded[:n] = smooth
    peaks = padded.reshape(blocks, block).max(axis=1)
    wide = np.pad(peaks, 3, mode="edge")
    level = np.lib.stride_tricks.sliding_window_view(wide, 7).max(axis=1)
    quiet = smooth < np.repeat(level, block)[:n] - 12
    # keep runs of 20 frames or more (a stop consonant's closure is not a pause)
    edges = np.flatnonzero(np.diff(np.concatenate([[0], quiet.astype(np.int8), [0]])))
    out = np.zeros(n, bool)
    for start, stop in zip(edges[::2], edges[1::2], strict=True):
        if stop - start >= 20:
            out[start:stop] = True
    return _fit(out, frames)


def _fit(x: npt.NDArray[np.bool_], frames: int) -> npt.NDArray[np.bool_]:
    if len(x) < frames:
        x = np.concatenate([x, np.zeros(frames - len(x), bool)])
    return x[:frames]


def _syllabic(
    energy: F32, zcr: F32, voicing: F32, frames: int, window: int = 100, hop: int = 25
) -> npt.NDArray[np.bool_]:
    """Frames where most of the seconds around them sound like speech: periodic (voiced)
    part of the time, not all of it (noise never is, held notes always are), and two of
    three classic cues of speech against music (Scheirer and Slaney 1997; Saunders 1996):
    four or more syllable-like loudness peaks (4 dB over the dips within 150 ms either
    side), most of the loudness modulation at 2.5-8 Hz (the syllable rate), and a
    zero-crossing rate that swings between vowels and fricatives."""
    n = min(len(energy), len(zcr), len(voicing))
    if n < window:
        return _fit(np.ones(n, bool), frames)
    db = np.asarray(energy[:n], np.float64)
    smooth = np.convolve(db, np.ones(3) / 3, mode="same")
    side = 15
    padded = np.pad(smooth, side, mode="edge")
    view = np.lib.stride_tricks.sliding_window_view(padded, side)
    left, right = view[:n].min(axis=1), view[side + 1 : side + 1 + n].min(axis=1)
    top = np.zeros(n, bool)
    top[1:-1] = (smooth[1:-1] >= smooth[:-2]) & (smooth[1:-1] > smooth[2:])
    peak = top & (smooth - np.maximum(left, right) >= 4.0)
    count = np.concatenate([[0], np.cumsum(peak)])
    starts = np.arange(0, n - window + 1, hop)
    peaks = count[starts + window] - count[starts]
    windows = np.lib.stride_tricks.sliding_window_view(db, window)[starts]
    env = 10 ** (windows / 20)
    env = env - env.mean(axis=1, keepdims=True)
    spec = np.abs(np.fft.rfft(env * np.hanning(window), axis=1)) ** 2
    freq = np.fft.rfftfreq(window, FRAME_MS / 1000)
    band = spec[:, (freq >= 2.5) & (freq <= 8)].sum(axis=1)
    whole = spec[:, (freq > 0.3) & (freq <= 20)].sum(axis=1) + 1e-12
    zc = np.lib.stride_tricks.sliding_window_view(zcr[:n], window)[starts].std(axis=1)
    votes = (peaks >= 4).astype(int) + (band / whole >= 0.35) + (zc >= 0.08)
    voiced = np.lib.stride_tricks.sliding_window_view(voicing[:n] > 0.5, window)[starts]
    share_voiced = voiced.mean(axis=1)
    speechy = starts[(votes >= 2) & (share_voiced >= 0.08) & (share_voiced <= 0.9)]
    # a frame is speech when most of the windows over it are
    said, heard = np.zeros(n + 1), np.zeros(n + 1)
    np.add.at(said, speechy, 1)
    np.add.at(said, speechy + window, -1)
    np.add.at(heard, starts, 1)
    np.add.at(heard, starts + window, -1)
    share = np.cumsum(said)[:n] / np.maximum(np.cumsum(heard)[:n], 1)
    return _fit(share >= 0.5, frames)


def _near(mask: npt.NDArray[np.bool_], frames: int) -> npt.NDArray[np.bool_]:
    """``mask`` grown by ``frames`` either side."""
    count = np.concatenate([[0], np.cumsum(mask)])
    n = len(mask)
    idx = np.arange(n)
    lo, hi = np.maximum(idx - frames, 0), np.minimum(idx + frames + 1, n)
    return np.asarray(count[hi] - count[lo] > 0)


def _confidence(
    timeline: Timeline,
    ref: _Reference,
    path_j: npt.NDArray[np.int64],
    local: F32,
    voiced: npt.NDArray[np.bool_],
    offset: int,
) -> list[Finding]:
    """Flag runs of about 8 script words whose match is poor, squeezed, or stretched over
    more speech than they hold, and stretches of speech in the audio that the path spends
    on a filler or a single reference frame (speech not in the script)."""
    findings: list[Finding] = []
    segs = {ts.index: ts for ts in timeline.segments}
    median = float(np.median(local))
    mad = float(np.median(np.abs(local - median))) + 1e-6
    groups: dict[tuple[int, int], list[_RefWord]] = {}
    for w in ref.words:
        groups.setdefault((w.segment, w.word // 8), []).append(w)
    for (seg_index, _), words in groups.items():
        j0, j1 = words[0].start, words[-1].end
        i0 = int(np.searchsorted(path_j, j0, side="left"))
        i1 = int(np.searchsorted(path_j, j1, side="left"))
        ref_len = max(j1 - j0, 1)
        aud_len = i1 - i0
        cost = float(np.mean(local[i0:i1])) if aud_len > 0 else 2.0
        squeezed = aud_len < 0.35 * ref_len
        poor = cost > median + 6 * mad and cost > 0.5
        speech = int(voiced[i0:i1].sum())  # speech frames (pauses excluded) the words took
        line = segs[seg_index].segment.line
        at = offset + i0 * FRAME_MS
        if speech > 2 * ref_len and speech - ref_len > 150:
            findings.append(
                Finding(
                    FindingCode.AUDIO_EXTRA_SPEECH,
                    Severity.WARNING,
                    line,
                    f"around {vtt(at)}–{vtt(offset + i1 * FRAME_MS)} the audio holds "
                    f"{(speech - ref_len) / 100:.1f} s more speech than the script: speech "
                    "that is not in the script? check the cues there",
                )
            )
        elif squeezed or poor:
            findings.append(
                Finding(
                    FindingCode.AUDIO_TEXT_NOT_FOUND,
                    Severity.WARNING,
                    line,
                    f"around {vtt(at)} the audio does not match the script "
                    f"({'text read far too fast' if squeezed else 'poor match'}): is this "
                    "text spoken? check the cues there",
                )
            )
    return findings + _extra_speech(timeline, ref, path_j, voiced, offset)


def _extra_speech(
    timeline: Timeline,
    ref: _Reference,
    path_j: npt.NDArray[np.int64],
    voiced: npt.NDArray[np.bool_],
    offset: int,
) -> list[Finding]:
    """Long flat stretches of the path over speech: speech the script does not have (not on
    a hole's filler, where speech is expected)."""
    findings: list[Finding] = []
    expected: set[int] = set()  # the columns between the words around a hole
    starts = np.array([w.start for w in ref.words], np.int64)
    for column in ref.holes.values():
        k = int(np.searchsorted(starts, column))
        prev_end = ref.words[k - 1].end if k else 0
        next_start = int(starts[k]) if k < len(starts) else len(ref.base)
        expected.update(range(prev_end, next_start))
    n = min(len(path_j), len(voiced))
    run_start = 0
    for i in range(1, n + 1):
        if i == n or path_j[i] != path_j[i - 1]:
            if (
                int(path_j[run_start]) not in expected
                and (i - run_start) * FRAME_MS >= 1500
                and voiced[run_start:i].mean() > 0.6
            ):
                at = offset + run_start * FRAME_MS
                findings.append(
                    Finding(
                        FindingCode.AUDIO_EXTRA_SPEECH,
                        Severity.WARNING,
                        _line_near(timeline, at),
                        f"{vtt(at)}–{vtt(offset + i * FRAME_MS)}: speech in the audio that is "
                        "not in the script; check the cues around it",
                    )
                )
            run_start = i
    return findings


def _pause_lengths(
    timeline: Timeline, ref: _Reference, path_j: npt.NDArray[np.int64]
) -> list[Finding]:
    """A labelled pause with a length (``ИНТЕРШУМ (5 сек)``, ``(NAT SOUND 0:05)``) against the
    longest stretch the audio spends on a filler after the segment it stands in or before
    the next: a finding when they differ by more than 2 s and a third."""
    findings: list[Finding] = []
    lines = [ts.segment.line for ts in timeline.segments]
    for direction in timeline.script.directions:
        expected = direction.length_ms
        if expected is None:
            continue
        k = max((i for i, line in enumerate(lines) if line <= direction.line), default=-1)
        near = {timeline.segments[k].index} if k >= 0 else {-1}
        if k > 0:
            near.add(timeline.segments[k - 1].index)
        runs = [
            _run_length(path_j, column) * FRAME_MS for column, after in ref.gaps if after in near
        ]
        found = max(runs, default=0)
        if abs(found - expected) > max(2000, expected / 3):
            findings.append(
                Finding(
                    FindingCode.AUDIO_PAUSE_LENGTH,
                    Severity.WARNING,
                    direction.line,
                    f"{direction.text}: the audio pauses the script's speech for "
                    f"{found / 1000:.1f} s around it, not {expected / 1000:.0f} s: check the "
                    "cues around it",
                )
            )
    return findings


def _run_length(path_j: npt.NDArray[np.int64], column: int) -> int:
    return int(np.searchsorted(path_j, column, side="right") - np.searchsorted(path_j, column))


def _line_near(timeline: Timeline, at_ms: int) -> int:
    best = timeline.segments[0]
    for ts in timeline.segments:
        if ts.start_ms <= at_ms:
            best = ts
    return best.segment.line
