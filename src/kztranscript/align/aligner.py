"""The alignment itself (imported only when ``--audio`` is used; needs numpy)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from kztranscript.align import WordTimes
from kztranscript.align.decode import RATE, decode_audio, resample
from kztranscript.align.dtw import align as dtw_align
from kztranscript.align.features import HOP, WIN, frame_energy_db, mfcc, normalize
from kztranscript.align.tts import engine
from kztranscript.errors import InputError
from kztranscript.model import Finding, FindingCode, Language, Severity, TimedSegment, Timeline
from kztranscript.text import KAZAKH_LETTERS
from kztranscript.timecode import vtt

Progress = Callable[[str, float], None]  # stage, fraction done
LEAD_SILENCE_MS = 200
GAP_MS = 150  # silence between reference sentences
END_PAD_MS = 100  # mapped ends come out early
FRAME_MS = 1000 * HOP // RATE  # 10 ms


@dataclass(frozen=True, slots=True)
class _RefWord:
    segment: int
    word: int  # index in the segment's words
    start: int  # reference frame
    end: int  # reference frame (exclusive)


def voice_for(sentence: str, language: Language) -> str:
    """``kk`` for a sentence with any Kazakh-only letter, else the script's language: the
    Russian voice spells those letters out and throws mixed packages off by seconds."""
    if any(c in KAZAKH_LETTERS for c in sentence):
        return "kk"
    return language.value


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


def _reference(
    timeline: Timeline, progress: Progress | None = None
) -> tuple[npt.NDArray[np.float32], list[_RefWord], int]:
    """MFCCs of the reference speech (sentences with short silences between them), the word
    spans in reference frames, and the reference length in ms.

    Features are computed sentence by sentence, so the reference audio is never held whole.
    """
    tts = engine()
    language = timeline.script.language
    silence = mfcc(np.zeros(RATE * LEAD_SILENCE_MS // 1000 + WIN, np.int16), cmvn=False)
    gap = mfcc(np.zeros(RATE * GAP_MS // 1000 + WIN, np.int16), cmvn=False)
    feats: list[npt.NDArray[np.float32]] = [silence]
    cursor = len(silence)  # in frames
    words: list[_RefWord] = []
    for n_done, ts in enumerate(timeline.segments):
        if progress is not None:
            progress("reference speech", n_done / len(timeline.segments))
        w_index = 0
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
            for k in range(len(split)):
                s0 = min(starts[k], len(piece) - 1)
                e0 = max(min(ends[k], len(piece)), s0 + 1)
                words.append(_RefWord(ts.index, w_index + k, cursor + s0, cursor + e0))
            w_index += len(split)
            feats += [piece, gap]
            cursor += len(piece) + len(gap)
    feats.append(silence)
    total = np.concatenate(feats)
    return normalize(total), words, len(total) * FRAME_MS


def align(
    timeline: Timeline, path: str, progress: Progress | None = None
) -> tuple[Timeline, WordTimes]:
    """Measure the timeline on the audio at ``path`` (see the package docstring)."""

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
    b, ref_words, ref_ms = _reference(timeline, progress)
    ref_seconds = ref_ms / 1000
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
    report("matching speech to script", 0.0)
    path_j, local = dtw_align(a, b)
    report("matching speech to script", 1.0)
    offset = _programme_start(timeline)

    def audio_frame(j: int) -> int:
        """The first audio frame the path maps to reference frame ``j`` or later."""
        return int(np.searchsorted(path_j, j, side="left"))

    per_segment: dict[int, list[tuple[int, int]]] = {ts.index: [] for ts in timeline.segments}
    for w in ref_words:
        s = audio_frame(w.start) * FRAME_MS
        e = audio_frame(w.end) * FRAME_MS
        per_segment[w.segment].append((offset + s, offset + max(e, s + FRAME_MS)))

    findings = _confidence(timeline, ref_words, path_j, local, energy, offset)
    total_ms = int(seconds * 1000)
    new_segments = []
    for ts in timeline.segments:
        times = per_segment[ts.index]
        if not times:  # an untranscribed sync: placed between its neighbours below
            new_segments.append(ts)
            continue
        start = times[0][0]
        end = min(times[-1][1] + END_PAD_MS, offset + total_ms)
        new_segments.append(replace(ts, start_ms=start, end_ms=max(end, start + 40)))
    new_segments = _untranscribed_between(new_segments, per_segment, offset + total_ms)
    aligned = replace(timeline, segments=tuple(_no_overlap(new_segments)))
    words = WordTimes(
        tuple(tuple(per_segment[ts.index]) for ts in timeline.segments),
        tuple(findings),
        total_ms,
    )
    return aligned, words


def _untranscribed_between(
    segments: list[TimedSegment], words: dict[int, list[tuple[int, int]]], end_ms: int
) -> list[TimedSegment]:
    """An untranscribed sync (no words to match) takes the time between the aligned
    segments around it: its speech is the audio there that the script does not hold. With
    no room between them it keeps its estimated length after the segment before."""
    out = list(segments)
    for i, ts in enumerate(out):
        if words[ts.index]:
            continue
        before = out[i - 1].end_ms if i else out[0].start_ms
        after = next((t.start_ms for t in out[i + 1 :] if words[t.index]), end_ms)
        length = ts.end_ms - ts.start_ms
        start, end = before + GAP_MS, after - GAP_MS
        if end - start < FRAME_MS * 4:
            start, end = before, before + length
        out[i] = replace(ts, start_ms=start, end_ms=min(end, max(end_ms, start + 40)))
    return out


def _programme_start(timeline: Timeline) -> int:
    """The ``--start`` offset the estimate counted from."""
    return timeline.start_ms


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


def _speech_frames(energy: npt.NDArray[np.float32], frames: int) -> npt.NDArray[np.bool_]:
    """Frames of speech: above the midpoint between the noise floor and the speech level (and
    within 30 dB of speech), so a noise or music bed is not taken for speech."""
    floor_db, speech_db = float(np.percentile(energy, 10)), float(np.percentile(energy, 95))
    loud = energy > max(floor_db + 0.5 * (speech_db - floor_db), speech_db - 30)
    if len(loud) < frames:
        loud = np.concatenate([loud, np.zeros(frames - len(loud), bool)])
    return loud


def _confidence(
    timeline: Timeline,
    ref_words: list[_RefWord],
    path_j: npt.NDArray[np.int64],
    local: npt.NDArray[np.float32],
    energy: npt.NDArray[np.float32],
    offset: int,
) -> list[Finding]:
    """Flag runs of about 8 script words whose match is poor, squeezed, or stretched over
    more speech than they hold, and stretches of speech in the audio that the path spends
    on a single reference frame (speech not in the script)."""
    loud = _speech_frames(energy, len(path_j))
    findings: list[Finding] = []
    segs = {ts.index: ts for ts in timeline.segments}
    median = float(np.median(local))
    mad = float(np.median(np.abs(local - median))) + 1e-6
    groups: dict[tuple[int, int], list[_RefWord]] = {}
    for w in ref_words:
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
        voiced = int(loud[i0:i1].sum())  # speech frames (pauses excluded) the words took
        line = segs[seg_index].segment.line
        at = offset + i0 * FRAME_MS
        if voiced > 2 * ref_len and voiced - ref_len > 150:
            findings.append(
                Finding(
                    FindingCode.AUDIO_EXTRA_SPEECH,
                    Severity.WARNING,
                    line,
                    f"around {vtt(at)}–{vtt(offset + i1 * FRAME_MS)} the audio holds "
                    f"{(voiced - ref_len) / 100:.1f} s more speech than the script: speech "
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
    return findings + _extra_speech(timeline, path_j, loud, offset)


def _extra_speech(
    timeline: Timeline, path_j: npt.NDArray[np.int64], loud: npt.NDArray[np.bool_], offset: int
) -> list[Finding]:
    """Long flat stretches of the path over loud audio: speech the script does not have."""
    findings: list[Finding] = []
    n = min(len(path_j), len(loud))
    run_start = 0
    for i in range(1, n + 1):
        if i == n or path_j[i] != path_j[i - 1]:
            if (i - run_start) * FRAME_MS >= 1500 and loud[run_start:i].mean() > 0.6:
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


def _line_near(timeline: Timeline, at_ms: int) -> int:
    best = timeline.segments[0]
    for ts in timeline.segments:
        if ts.start_ms <= at_ms:
            best = ts
    return best.segment.line
