"""Test speech made at test time: eSpeak NG in a different voice from the aligner's (a variant,
another speed and pitch), random pauses, known sentence start times. No audio is committed."""

from __future__ import annotations

import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kztranscript.align.aligner import voice_for
from kztranscript.align.tts import engine
from kztranscript.model import Language


@dataclass
class Made:
    path: Path
    sentence_starts_ms: list[int]  # where each spoken sentence starts in the audio
    seconds: float


def _trim(x: np.ndarray) -> np.ndarray:
    loud = np.flatnonzero(np.abs(x) > 300)
    return x[loud[0] : loud[-1] + 1] if len(loud) else x


def pink_noise(n: int, rng: np.random.Generator) -> np.ndarray:
    white = np.fft.rfft(rng.standard_normal(n))
    f = np.arange(len(white))
    white[1:] /= np.sqrt(f[1:])
    white[0] = 0
    noise = np.fft.irfft(white, n)
    return noise / (np.std(noise) + 1e-12)


def make_speech(
    sentences: list[str],
    path: Path,
    language: Language = Language.RU,
    *,
    seed: int = 1,
    variant: str = "+m3",
    rate_wpm: int = 150,
    pitch: int = 35,
    lead_ms: int = 700,
    pause_ms: tuple[int, int] = (250, 1200),
    snr_db: float | None = None,
    insert_after: int | None = None,
    insert_text: str | None = None,
) -> Made:
    """Speak the sentences with pauses; optionally insert extra speech and add pink noise."""
    tts = engine()
    rng = np.random.default_rng(seed)
    rate = tts.rate
    parts = [np.zeros(rate * lead_ms // 1000, np.int16)]
    cursor = len(parts[0])
    starts = []
    for k, sentence in enumerate(sentences):
        voice = voice_for(sentence, language) + variant
        audio = _trim(tts.synth(sentence, voice, rate_wpm, pitch).samples)
        starts.append(cursor * 1000 // rate)
        pause = np.zeros(rate * int(rng.integers(*pause_ms)) // 1000, np.int16)
        parts += [audio, pause]
        cursor += len(audio) + len(pause)
        if insert_after == k and insert_text:
            extra = _trim(tts.synth(insert_text, voice, rate_wpm, pitch).samples)
            gap = np.zeros(rate * 400 // 1000, np.int16)
            parts += [extra, gap]
            cursor += len(extra) + len(gap)
    parts.append(np.zeros(rate * 800 // 1000, np.int16))
    signal = np.concatenate(parts).astype(np.float64)
    if snr_db is not None:
        speech_power = np.mean(signal[np.abs(signal) > 300] ** 2)
        noise = pink_noise(len(signal), rng) * np.sqrt(speech_power / 10 ** (snr_db / 10))
        signal = signal + noise
    pcm = np.clip(signal, -32767, 32767).astype(np.int16)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm.tobytes())
    return Made(path, starts, len(pcm) / rate)


# --- whole packages: several voices, natural sound, music ---------------------------------------


@dataclass
class Part:
    """One stretch of a made package: ``kind`` is ``speech`` (``text`` read by ``voice`` in
    ``language``), ``nat`` (natural sound: crowd and street noise, no words), ``music`` (a
    music-only stretch: chords) or ``pause`` (room tone)."""

    kind: str
    text: str = ""
    ms: int = 0
    language: Language = Language.RU
    voice: str = "+m3"
    pitch: int = 35
    rate_wpm: int = 150


@dataclass
class Package:
    path: Path
    spans_ms: list[tuple[int, int]]  # where each part starts and ends in the audio
    seconds: float


def chords(n: int, rate: int, rng: np.random.Generator, change_ms: int = 1500) -> np.ndarray:
    """A music bed: triads of harmonic tones (a few partials each), a new chord every
    ``change_ms`` with a soft attack and release, a little vibrato. Unit RMS."""
    roots = [220.0, 174.6, 196.0, 246.9, 164.8]
    t = np.arange(n) / rate
    out = np.zeros(n)
    step = rate * change_ms // 1000
    for k, start in enumerate(range(0, n, step)):
        stop = min(n, start + step)
        seg = t[start:stop] - t[start]
        env = np.minimum(1.0, seg / 0.08) * np.minimum(1.0, (seg[-1] - seg + 1e-3) / 0.15)
        root = roots[int(rng.integers(len(roots)))] if k else roots[0]
        for ratio in (1.0, 1.26, 1.5):
            f = root * ratio * (1 + 0.003 * np.sin(2 * np.pi * 5 * seg))
            for partial, amp in ((1, 1.0), (2, 0.5), (3, 0.25), (4, 0.12)):
                out[start:stop] += amp * env * np.sin(2 * np.pi * f * partial * seg)
    return out / (np.std(out) + 1e-12)


def street(n: int, rate: int, rng: np.random.Generator) -> np.ndarray:
    """Natural sound: pink noise with a slow swell (traffic, a crowd), and a few knocks.
    Unit RMS."""
    noise = pink_noise(n, rng)
    t = np.arange(n) / rate
    noise *= 0.6 + 0.4 * np.sin(2 * np.pi * 0.3 * t + rng.uniform(0, 6))
    for at in rng.integers(0, max(1, n - rate // 10), size=max(1, n // rate)):
        knock = rng.standard_normal(rate // 20) * np.exp(-np.arange(rate // 20) / (rate / 200))
        noise[at : at + len(knock)] += 3 * knock
    return noise / (np.std(noise) + 1e-12)


def make_package(
    parts: list[Part],
    path: Path,
    *,
    seed: int = 1,
    lead_ms: int = 700,
    pause_ms: tuple[int, int] = (250, 900),
    bed: tuple[int, int] | None = None,
    bed_db: float = -14,
    level_db: float = -3,
    snr_db: float | None = None,
) -> Package:
    """Speak and mix ``parts`` in order, with random pauses between speech parts. ``bed``
    (first part, last part) lays a music bed ``bed_db`` under the speech of those parts;
    ``level_db`` is the level of natural sound and music-only parts against speech."""
    tts = engine()
    rng = np.random.default_rng(seed)
    rate = tts.rate
    pieces: list[np.ndarray] = [np.zeros(rate * lead_ms // 1000)]
    cursor = len(pieces[0])
    spans: list[tuple[int, int]] = []
    for part in parts:
        if part.kind == "speech":
            voice = voice_for(part.text, part.language) + part.voice
            x = _trim(tts.synth(part.text, voice, part.rate_wpm, part.pitch).samples)
            x = x.astype(np.float64)
        else:
            x = np.zeros(rate * part.ms // 1000)
        spans.append((cursor * 1000 // rate, (cursor + len(x)) * 1000 // rate))
        pieces.append(x)
        cursor += len(x)
        gap = np.zeros(rate * int(rng.integers(*pause_ms)) // 1000)
        pieces.append(gap)
        cursor += len(gap)
    pieces.append(np.zeros(rate * 800 // 1000))
    signal = np.concatenate(pieces)
    speech = signal[np.abs(signal) > 300]
    speech_rms = float(np.sqrt(np.mean(speech**2))) if len(speech) else 3000.0
    level = speech_rms * 10 ** (level_db / 20)
    for part, (s, e) in zip(parts, spans, strict=True):
        a, b = s * rate // 1000, e * rate // 1000
        if part.kind == "nat":
            signal[a:b] += street(b - a, rate, rng) * level
        elif part.kind == "music":
            signal[a:b] += chords(b - a, rate, rng) * level
    if bed is not None:
        a = spans[bed[0]][0] * rate // 1000
        b = spans[bed[1]][1] * rate // 1000
        signal[a:b] += chords(b - a, rate, rng) * speech_rms * 10 ** (bed_db / 20)
    if snr_db is not None:
        noise = pink_noise(len(signal), rng) * speech_rms / 10 ** (snr_db / 20)
        signal = signal + noise
    pcm = np.clip(signal, -32767, 32767).astype(np.int16)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm.tobytes())
    return Package(path, spans, len(pcm) / rate)
