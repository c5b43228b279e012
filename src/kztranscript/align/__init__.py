"""Script + the package's audio → word times measured on the real speech (offline).

1. decode the audio to 16 kHz mono (ffmpeg); 2. synthesize every spoken sentence with eSpeak NG
in its language (``kk`` when it holds a Kazakh-only letter) as a reference, remembering where
each word starts; 3. MFCCs for both; 4. two-pass banded DTW; 5. map every word's reference
position through the path. ``captions.build_cues`` then times cues from these word times and
applies the broadcast rules unchanged. Needs the ``audio`` extra (numpy, espeakng-loader,
imageio-ffmpeg).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kztranscript.errors import OptionsError
from kztranscript.model import Finding, Timeline

__all__ = ["WordTimes", "align_timeline", "available"]


@dataclass(frozen=True, slots=True)
class WordTimes:
    """Measured times: for segment k, ``words[k][w]`` = (start_ms, end_ms) of its w-th word
    (words as ``sentence.split()`` over the segment's sentences), from the programme start."""

    words: tuple[tuple[tuple[int, int], ...], ...]
    findings: tuple[Finding, ...] = ()
    audio_ms: int = 0


def available() -> bool:
    try:
        import espeakng_loader  # noqa: F401
        import imageio_ffmpeg  # noqa: F401
        import numpy  # noqa: F401
    except ImportError:
        return False
    return True


def align_timeline(
    timeline: Timeline, audio: str, progress: Callable[[str, float], None] | None = None
) -> tuple[Timeline, WordTimes]:
    """Measure the timeline on ``audio``. Raises ``OptionsError`` without the audio extra, and
    ``InputError`` for audio that cannot be used (not audio, silent, far too short or long)."""
    if not available():
        raise OptionsError(
            "timing from audio needs the audio extra: pip install 'kztranscript[audio]' "
            "(numpy, espeakng-loader, imageio-ffmpeg)",
            option="audio",
        )
    from kztranscript.align.aligner import align

    return align(timeline, audio, progress)
