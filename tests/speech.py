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
