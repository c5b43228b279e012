"""MFCCs per 10 ms frame, in numpy alone (25 ms Hamming window, 40 mel bands, 13 cepstra)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import numpy.typing as npt

from kztranscript.align.decode import RATE

HOP = RATE // 100  # 10 ms
WIN = RATE * 25 // 1000  # 25 ms
NFFT = 512
MELS = 40
CEPS = 13

F32 = npt.NDArray[np.float32]


@lru_cache(maxsize=1)
def _mel_matrix() -> F32:
    def mel(f: float) -> float:
        return float(2595 * np.log10(1 + f / 700))

    def hz(m: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        return np.asarray(700 * (10 ** (m / 2595) - 1), dtype=np.float64)

    points = hz(np.linspace(mel(60), mel(7600), MELS + 2))
    bins = np.floor((NFFT + 1) * points / RATE).astype(int)
    fb = np.zeros((MELS, NFFT // 2 + 1), dtype=np.float32)
    for m in range(1, MELS + 1):
        lo, mid, hi = bins[m - 1], bins[m], bins[m + 1]
        for k in range(lo, mid):
            fb[m - 1, k] = (k - lo) / max(mid - lo, 1)
        for k in range(mid, hi):
            fb[m - 1, k] = (hi - k) / max(hi - mid, 1)
    return fb


@lru_cache(maxsize=1)
def _dct_matrix() -> F32:
    n = np.arange(MELS)
    k = np.arange(CEPS)[:, None]
    return np.asarray(np.cos(np.pi * k * (2 * n + 1) / (2 * MELS)), dtype=np.float32)


I16 = npt.NDArray[np.int16]


def _frames(x: I16, start: int, stop: int) -> F32:
    """Frames start..stop of 25 ms every 10 ms, as floats in [-1, 1]."""
    idx = np.arange(WIN)[None, :] + HOP * np.arange(start, stop)[:, None]
    return np.asarray(x[idx], dtype=np.float32) / 32768.0


def frame_energy_db(x: I16, block: int = 4000) -> F32:
    """Log energy per 10 ms frame (dB), for pause and silence detection."""
    n = max(0, (len(x) - WIN) // HOP + 1)
    out = np.empty(n, dtype=np.float32)
    for start in range(0, n, block):
        stop = min(n, start + block)
        e = np.mean(_frames(x, start, stop) ** 2, axis=1)
        out[start:stop] = 10 * np.log10(e + 1e-10)
    return out


def frame_zcr(x: I16, block: int = 4000) -> F32:
    """Zero-crossing rate per 10 ms frame (crossings per sample): high in fricatives, low in
    vowels, steady in music; speech swings between the two."""
    n = max(0, (len(x) - WIN) // HOP + 1)
    out = np.empty(n, dtype=np.float32)
    for start in range(0, n, block):
        stop = min(n, start + block)
        signs = np.signbit(_frames(x, start, stop))
        out[start:stop] = np.mean(signs[:, 1:] != signs[:, :-1], axis=1)
    return out


def frame_voicing(x: I16, block: int = 1000) -> F32:
    """Per 10 ms frame, how periodic it is at a pitch of 70-400 Hz (0 to 1): the peak of the
    pre-emphasized frame's autocorrelation over its energy, corrected for the window
    (Boersma 1993). High in vowels and held notes; low in fricatives, pauses and noise."""
    n = max(0, (len(x) - WIN) // HOP + 1)
    out = np.empty(n, dtype=np.float32)
    lo, hi = RATE // 400, RATE // 70
    window = np.hanning(WIN).astype(np.float32)
    w_ac = np.fft.irfft(np.abs(np.fft.rfft(window, 1024)) ** 2, 1024)[: hi + 1]
    w_ac = np.maximum(w_ac / w_ac[0], 1e-3)
    for start in range(0, n, block):
        stop = min(n, start + block)
        frames = _frames(x, start, stop)
        frames = np.diff(frames, axis=1, prepend=frames[:, :1]) * window  # pre-emphasis
        spec = np.abs(np.fft.rfft(frames, 1024).astype(np.complex64)) ** 2
        ac = np.fft.irfft(spec, 1024)[:, : hi + 1]
        ac = ac / (ac[:, :1] + 1e-9) / w_ac
        out[start:stop] = np.clip(ac[:, lo : hi + 1].max(axis=1), 0, 1)
    return out


def normalize(feats: F32) -> F32:
    """Cepstral mean and variance normalization, in place."""
    if len(feats):
        feats -= feats.mean(axis=0)
        feats /= feats.std(axis=0) + 1e-6
    return feats


def mfcc(x: I16, block: int = 4000, cmvn: bool = True) -> F32:
    """(frames, 13) MFCCs at a 10 ms hop, normalized (CMVN) unless ``cmvn`` is false.

    Frames are processed in blocks so memory stays bounded for long recordings.
    """
    n = max(0, (len(x) - WIN) // HOP + 1)
    out = np.empty((n, CEPS), dtype=np.float32)
    window = np.hamming(WIN).astype(np.float32)
    fb, dct = _mel_matrix(), _dct_matrix()
    rng = np.random.default_rng(0)
    for start in range(0, n, block):
        stop = min(n, start + block)
        frames = _frames(x, start, stop) * window
        # a whisper of dither: digital silence (TTS pauses) must not give log(0)
        frames = frames + rng.standard_normal(frames.shape).astype(np.float32) * 1e-4
        spec = np.abs(np.fft.rfft(frames, NFFT).astype(np.complex64)) ** 2
        mel_energy = np.log(spec @ fb.T + 1e-8)
        out[start:stop] = mel_energy @ dct.T
    return normalize(out) if cmvn else out
