"""Any audio or video → 16 kHz mono samples, with ffmpeg (the imageio-ffmpeg binary, or a
system ffmpeg when that package is missing)."""

from __future__ import annotations

import shutil
import subprocess

import numpy as np
import numpy.typing as npt

from kztranscript.errors import InputError, UsageError

RATE = 16000


def ffmpeg_exe() -> str:
    try:
        import imageio_ffmpeg

        return str(imageio_ffmpeg.get_ffmpeg_exe())
    except (ImportError, RuntimeError):
        exe = shutil.which("ffmpeg")
        if exe is None:
            raise UsageError(
                "timing from audio needs ffmpeg: pip install 'kztranscript[audio]'"
            ) from None
        return exe


def decode_audio(path: str) -> npt.NDArray[np.float32]:
    """Samples in [-1, 1] at 16 kHz mono. Raises ``InputError`` for files with no audio."""
    cmd = [ffmpeg_exe(), "-nostdin", "-v", "error", "-i", path, "-vn", "-ac", "1"]
    cmd += ["-ar", str(RATE), "-f", "s16le", "-acodec", "pcm_s16le", "-"]
    try:
        proc = subprocess.run(cmd, capture_output=True, check=False, timeout=3600)
    except OSError as exc:
        raise InputError(f"cannot run ffmpeg ({exc.strerror})", path) from None
    if proc.returncode != 0 or not proc.stdout:
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = detail[-1] if detail else "no audio stream"
        raise InputError(f"not a readable audio or video file ({reason})", path)
    return np.frombuffer(proc.stdout, dtype=np.int16).astype(np.float32) / 32768.0


def resample(x: npt.NDArray[np.float32], rate: int, to: int = RATE) -> npt.NDArray[np.float32]:
    """Linear-interpolation resampling (enough for MFCC features at 10 ms)."""
    if rate == to or len(x) == 0:
        return x
    n = round(len(x) * to / rate)
    t = np.arange(n, dtype=np.float64) * (rate / to)
    return np.interp(t, np.arange(len(x)), x).astype(np.float32)
