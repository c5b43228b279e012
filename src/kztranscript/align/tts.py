"""Reference speech from eSpeak NG, loaded in process through ctypes (espeakng-loader).

eSpeak keeps one global state, so every call sets voice, rate and pitch again, under a lock.
Word events give the sample position of every word, so cue boundaries inside a sentence can
be found in the reference.
"""

from __future__ import annotations

import ctypes
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from kztranscript.errors import OptionsError

AUDIO_OUTPUT_SYNCHRONOUS = 0x02
ESPEAK_CHARS_UTF8 = 1
POS_CHARACTER = 1
EVENT_WORD = 1
EVENT_SENTENCE = 2
EVENT_END = 5
EVENT_MSG_TERMINATED = 6
PARAM_RATE = 1
PARAM_PITCH = 3


class _EventId(ctypes.Union):
    _fields_ = [("number", ctypes.c_int), ("name", ctypes.c_char_p), ("string", ctypes.c_char * 8)]


class _Event(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("unique_identifier", ctypes.c_uint),
        ("text_position", ctypes.c_int),
        ("length", ctypes.c_int),
        ("audio_position", ctypes.c_int),
        ("sample", ctypes.c_int),
        ("user_data", ctypes.c_void_p),
        ("id", _EventId),
    ]


_CALLBACK = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.POINTER(_Event)
)


@dataclass(frozen=True, slots=True)
class Speech:
    """Synthesized speech: samples at ``rate`` Hz, and the start sample of each word
    (``words[k]`` is the k-th word eSpeak read; its ``text_position`` is a 1-based char index)."""

    samples: npt.NDArray[np.int16]
    rate: int
    word_starts: tuple[tuple[int, int], ...]  # (text_position, sample)


class Espeak:
    """One loaded eSpeak NG library (synchronous output)."""

    _lock = threading.Lock()

    def __init__(self) -> None:
        try:
            import espeakng_loader
        except ImportError as exc:  # pragma: no cover - the extra is installed in CI
            raise OptionsError(
                "timing from audio needs the audio extra: pip install 'kztranscript[audio]'",
                option="audio",
            ) from exc
        self.lib: Any = ctypes.CDLL(espeakng_loader.get_library_path())
        data_dir = str(Path(espeakng_loader.get_data_path()).parent).encode()
        self.lib.espeak_Initialize.restype = ctypes.c_int
        rate = self.lib.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, data_dir, 0)
        if rate <= 0:
            raise OptionsError(
                "eSpeak NG could not start (its data folder is missing)", option="audio"
            )
        self.rate = int(rate)
        self._chunks: list[npt.NDArray[np.int16]] = []
        self._words: list[tuple[int, int]] = []
        self._count = 0
        self._callback = _CALLBACK(self._on_audio)  # keep a reference: C holds the pointer
        self.lib.espeak_SetSynthCallback(self._callback)
        self.lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        self.lib.espeak_Synth.argtypes = [
            ctypes.c_void_p,
            ctypes.c_size_t,
            ctypes.c_uint,
            ctypes.c_int,
            ctypes.c_uint,
            ctypes.c_uint,
            ctypes.c_void_p,
            ctypes.c_void_p,
        ]

    def _on_audio(self, wav: Any, count: int, events: Any) -> int:
        i = 0
        while events[i].type != 0:  # LIST_TERMINATED
            ev = events[i]
            if ev.type == EVENT_WORD:
                self._words.append((ev.text_position, ev.sample))
            i += 1
        if count > 0 and wav:
            self._chunks.append(np.ctypeslib.as_array(wav, shape=(count,)).copy())
            self._count += count
        return 0

    def synth(self, text: str, voice: str, rate_wpm: int = 175, pitch: int = 50) -> Speech:
        """Speak ``text`` with ``voice`` (``ru``, ``kk``, ``en``, or a variant ``ru+f3``)."""
        with self._lock:
            if self.lib.espeak_SetVoiceByName(voice.encode()) != 0:
                raise OptionsError(f"eSpeak NG has no voice {voice!r}", option="audio")
            self.lib.espeak_SetParameter(PARAM_RATE, rate_wpm, 0)
            self.lib.espeak_SetParameter(PARAM_PITCH, pitch, 0)
            self._chunks, self._words, self._count = [], [], 0
            data = text.encode("utf-8") + b"\0"
            buf = ctypes.create_string_buffer(data)
            err = self.lib.espeak_Synth(
                buf, len(data), 0, POS_CHARACTER, 0, ESPEAK_CHARS_UTF8, None, None
            )
            if err != 0:
                raise OptionsError(f"eSpeak NG failed to speak (error {err})", option="audio")
            samples = np.concatenate(self._chunks) if self._chunks else np.zeros(0, np.int16)
            return Speech(samples, self.rate, tuple(self._words))


@lru_cache(maxsize=1)
def engine() -> Espeak:
    return Espeak()
