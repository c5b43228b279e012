"""Two-pass banded DTW with bounded memory.

Rows are audio frames, columns reference frames. Each step moves one audio frame down and
0-3 reference frames right, so every row depends on the row above only and is computed with
a few numpy operations; the audio may be up to 3x faster than the reference and any amount
slower (pauses). Pass 1 runs on decimated frames in a wide band around the diagonal; pass 2
on full-rate frames in a narrow corridor around the path of pass 1. Only back-pointers
(one byte per cell of the band) are kept.

Filler columns (``base`` below 1) match any audio at one fixed cost: the reference puts one
between sentences and where the script has words that are not heard as written, so audio the
script does not hold (natural sound, music, speech in another language) stays on a filler
instead of pulling the neighbouring words into it.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

F32 = npt.NDArray[np.float32]
I64 = npt.NDArray[np.int64]
MAX_STEP = 3
MAX_FACTOR = 10  # frames in a coarse frame, at most
MAX_DRIFT_FRAMES = 6_000  # how far (a minute) the path may stray from its guide
INF = np.float32(1e30)


def _normalize(x: F32) -> F32:
    return np.asarray(x / (np.linalg.norm(x, axis=1, keepdims=True) + 1e-6), dtype=np.float32)


def banded_dtw(
    a: F32,
    b: F32,
    lo: I64,
    hi: I64,
    base: F32 | None = None,
    penalty: F32 | None = None,
    words: F32 | None = None,
) -> tuple[I64, F32]:
    """Path through the band [lo[i], hi[i]) of each row i: the reference frame per audio frame,
    and the local cost along it. ``lo`` and ``hi`` must be non-decreasing. ``base[j]`` below 1
    makes column j a filler whose cost is ``base[j]`` whatever the audio; ``penalty[i]`` is
    added where audio frame i meets a column of speech (``words[j]`` 1: not a pause, not a
    filler), so sound that is not speech is not matched to words."""
    a, b = _normalize(a), _normalize(b)
    n, m = len(a), len(b)
    if base is None:
        base = np.ones(m, dtype=np.float32)
    else:
        b[base < 1] = 0  # the local cost there is base[j] - 0
    base = base.astype(np.float32)
    if penalty is None or words is None:
        penalty, words = np.zeros(n, np.float32), np.zeros(m, np.float32)
    width = int((hi - lo).max())
    back = np.zeros((n, width), dtype=np.int8)
    prev = np.full(width + MAX_STEP, INF, dtype=np.float32)  # prev row, indexed from prev_lo
    prev_lo = int(lo[0])
    cost0 = base[lo[0] : hi[0]] - b[lo[0] : hi[0]] @ a[0] + penalty[0] * words[lo[0] : hi[0]]
    prev[: hi[0] - lo[0]] = np.where(np.arange(lo[0], hi[0]) == 0, cost0, INF)
    prev_width = int(hi[0] - lo[0])
    for i in range(1, n):
        left, h = int(lo[i]), int(hi[i])
        local = base[left:h] - b[left:h] @ a[i]
        if penalty[i]:
            local += penalty[i] * words[left:h]
        cand = np.full((MAX_STEP + 1, h - left), INF, dtype=np.float32)
        cols = np.arange(left, h)
        for step in range(MAX_STEP + 1):
            src = cols - step - prev_lo
            ok = (src >= 0) & (src < prev_width)
            cand[step, ok] = prev[src[ok]]
        best = np.argmin(cand, axis=0)
        row = cand[best, np.arange(h - left)] + local
        back[i, : h - left] = best
        prev = np.full(width + MAX_STEP, INF, dtype=np.float32)
        prev[: h - left] = row
        prev_lo, prev_width = left, h - left
    # back-track from the last reference frame in the last row
    path = np.zeros(n, dtype=np.int64)
    j = m - 1
    if not (lo[-1] <= j < hi[-1]):
        j = int(hi[-1] - 1)
    for i in range(n - 1, -1, -1):
        path[i] = j
        if i:
            j -= int(back[i, j - lo[i]])
            j = min(max(j, int(lo[i - 1])), int(hi[i - 1] - 1))
    # local cost along the path (recomputed: cheap, and keeps memory bounded)
    local_along = base[path] - np.einsum("ij,ij->i", a, b[path]) + penalty * words[path]
    return path, local_along.astype(np.float32)


def _decimate(x: F32, factor: int) -> F32:
    n = len(x) // factor
    return np.asarray(x[: n * factor].reshape(n, factor, -1).mean(axis=1), dtype=np.float32)


def align(
    a: F32,
    b: F32,
    base: F32 | None = None,
    penalty: F32 | None = None,
    words: F32 | None = None,
    guide: I64 | None = None,
    coarse_frames: int = 4000,
    radius: int = 40,
) -> tuple[I64, F32]:
    """Reference frame for every audio frame (``path[i]``) and the local cost there (see
    ``banded_dtw`` for ``base``, ``penalty`` and ``words``). ``guide[i]``, the reference
    frame expected at audio frame i, centres the first pass's band (by default the
    diagonal)."""
    n, m = len(a), len(b)
    # coarse frames of at most a tenth of a second: a long programme's first pass must still
    # see sentences, or its path strays further than the second pass's corridor reaches
    factor = min(max(1, int(np.ceil(max(n, m) / coarse_frames))), MAX_FACTOR)
    ca, cb = _decimate(a, factor), _decimate(b, factor)
    coarse_base = coarse_penalty = coarse_words = None
    if base is not None:  # a coarse column holding a filler is one
        coarse_base = np.asarray(base[: len(cb) * factor].reshape(len(cb), factor).min(axis=1))
    if penalty is not None and words is not None:
        coarse_penalty = np.asarray(penalty[: len(ca) * factor].reshape(-1, factor).mean(axis=1))
        coarse_words = np.asarray(words[: len(cb) * factor].reshape(-1, factor).mean(axis=1))
    cn, cm = len(ca), len(cb)
    # pass 1: a band of ±25 % around the guide (at least 40 coarse frames, at most a minute)
    half = max(40, min(int(0.25 * cm), MAX_DRIFT_FRAMES // factor))
    if guide is None:
        centre = np.arange(cn) * (cm / max(cn, 1))
    else:
        centre = np.asarray(guide[: cn * factor : factor][:cn], np.float64) / factor
    lo = np.clip(np.maximum.accumulate(np.floor(centre - half).astype(np.int64)), 0, cm - 1)
    hi = np.clip(np.maximum.accumulate(np.ceil(centre + half).astype(np.int64)), 1, cm)
    hi = np.maximum(hi, lo + 1)
    coarse, _ = banded_dtw(ca, cb, lo, hi, coarse_base, coarse_penalty, coarse_words)
    # pass 2: a corridor around the upsampled coarse path, wide enough for the coarse
    # path's uncertainty (two coarse frames) and no wider, so memory stays linear in n
    half = min(radius + 2 * factor, 400)
    fine_centre = np.repeat(coarse * factor + factor // 2, factor)[:n]
    if len(fine_centre) < n:
        fine_centre = np.concatenate([fine_centre, np.full(n - len(fine_centre), fine_centre[-1])])
    lo = np.clip(np.maximum.accumulate(fine_centre - half), 0, m - 1)
    hi = np.clip(np.maximum.accumulate(fine_centre + half), 1, m)
    hi = np.maximum(hi, lo + 1)
    return banded_dtw(a, b, lo.astype(np.int64), hi.astype(np.int64), base, penalty, words)
