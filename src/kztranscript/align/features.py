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


def frame_energy_db(x: F32) -> F32:
    """Log energy per 10 ms frame (dB), for pause detection."""
    n = max(0, (len(x) - WIN) // HOP + 1)
    if n == 0:
        return np.zeros(0, np.float32)
    idx = np.arange(WIN)[None, :] + HOP * np.arange(n)[:, None]
    e = np.mean(x[idx] ** 2, axis=1)
    return np.asarray(10 * np.log10(e + 1e-10), dtype=np.float32)


def mfcc(x: F32, block: int = 20000) -> F32:
    """(frames, 13) MFCCs with cepstral mean and variance normalization, 10 ms hop.

    Frames are processed in blocks so memory stays bounded for long recordings.
    """
    n = max(0, (len(x) - WIN) // HOP + 1)
    out = np.empty((n, CEPS), dtype=np.float32)
    window = np.hamming(WIN).astype(np.float32)
    fb, dct = _mel_matrix(), _dct_matrix()
    rng = np.random.default_rng(0)
    for start in range(0, n, block):
        stop = min(n, start + block)
        idx = np.arange(WIN)[None, :] + HOP * np.arange(start, stop)[:, None]
        frames = x[idx] * window
        # a whisper of dither: digital silence (TTS pauses) must not give log(0)
        frames = frames + rng.standard_normal(frames.shape).astype(np.float32) * 1e-4
        spec = np.abs(np.fft.rfft(frames, NFFT)) ** 2
        mel_energy = np.log(spec @ fb.T + 1e-8)
        out[start:stop] = mel_energy @ dct.T
    if n:
        out -= out.mean(axis=0)
        out /= out.std(axis=0) + 1e-6
    return out
