"""Any audio or video → 16 kHz mono samples, with ffmpeg (the imageio-ffmpeg binary, or a
system ffmpeg when that package is missing)."""

from __future__ import annotations

import shutil
import subprocess

import numpy as np
import numpy.typing as npt

from kztranscript.errors import InputError, OptionsError

RATE = 16000


def ffmpeg_exe() -> str:
    try:
        import imageio_ffmpeg

        return str(imageio_ffmpeg.get_ffmpeg_exe())
    except (ImportError, RuntimeError):
        exe = shutil.which("ffmpeg")
        if exe is None:
            raise OptionsError(
                "timing from audio needs ffmpeg: pip install 'kztranscript[audio]'",
                option="audio",
            ) from None
        return exe


def decode_audio(path: str) -> npt.NDArray[np.int16]:
    """16-bit samples at 16 kHz mono (int16: half the memory of floats for long programmes).

    ffmpeg writes raw PCM to a temporary file that is read once, so a long programme is held
    in memory once, not twice as a pipe's joined buffer would be. Raises ``InputError`` for
    files with no audio.
    """
    import os
    import tempfile

    fd, raw = tempfile.mkstemp(prefix="kztranscript-", suffix=".s16")
    os.close(fd)
    cmd = [ffmpeg_exe(), "-nostdin", "-v", "error", "-y", "-i", path, "-vn", "-ac", "1"]
    cmd += ["-ar", str(RATE), "-f", "s16le", "-acodec", "pcm_s16le", raw]
    try:
        proc = subprocess.run(cmd, capture_output=True, check=False, timeout=3600)
        if proc.returncode != 0 or os.path.getsize(raw) == 0:
            detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            reason = detail[-1] if detail else "no audio stream"
            raise InputError(f"not a readable audio or video file ({reason})", path)
        return np.fromfile(raw, dtype=np.int16)
    except OSError as exc:
        raise InputError(f"cannot run ffmpeg ({exc.strerror})", path) from None
    finally:
        os.unlink(raw)


def resample(x: npt.NDArray[np.int16], rate: int, to: int = RATE) -> npt.NDArray[np.int16]:
    """Linear-interpolation resampling (enough for MFCC features at 10 ms)."""
    if rate == to or len(x) == 0:
        return x
    n = round(len(x) * to / rate)
    t = np.arange(n, dtype=np.float64) * (rate / to)
    return np.interp(t, np.arange(len(x)), x).astype(np.int16)
