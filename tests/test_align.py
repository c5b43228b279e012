"""Timing from audio: speech made at test time by eSpeak NG in another voice than the
aligner's, with random pauses and known sentence times (no audio files are committed)."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

import kztranscript.align as align_pkg
from kztranscript.cli import cli
from kztranscript.parsing import parse
from kztranscript.pipeline import Options, run
from kztranscript.timing import TimingOptions, sentences

from .conftest import DATA, SAMPLE
from .speech import make_speech
from .test_cli import one_line_error

KK = (
    "Бүгін Павлодар облысында жаңа мектеп ашылды. Мектеп алты жүз оқушыға арналған.\n"
    "Азат Оральаев, ауданның әкімі:\n"
    "- Біз бұл мектепті екі жыл бойы салдық. Енді балалар жаңа сыныптарда оқиды.\n"
    "Мектепте спорт залы мен кітапхана бар. Сабақтар қыркүйектің бірінде басталады.\n"
)
MIXED = (
    "В Павлодарской области открыли новую школу на шестьсот мест. Строительство шло два года.\n"
    "Азат Оральаев, аким района (перевод с казахского):\n"
    "- Біз бұл мектепті екі жыл бойы салдық. Енді балалар жаңа сыныптарда оқиды.\n"
    "В школе есть спортивный зал и библиотека. Занятия начнутся первого сентября.\n"
)
SHORT = SAMPLE.read_text(encoding="utf-8").split("Документ состоит")[0]
EXTRA = "Это совершенно другой текст, которого нет в сценарии, он звучит долго и подробно."


def spoken_sentences(text: str) -> list[str]:
    return [x for seg in parse(text).segments for p in seg.paragraphs for x in sentences(p)]


def start_errors(text: str, made, result, skip: int | None = None) -> np.ndarray:
    """|cue start - true start| for the first cue of every spoken sentence."""
    sents = [s for i, s in enumerate(spoken_sentences(text)) if i != skip]
    cues = list(result.cues)
    ci, errors = 0, []
    for k, sent in enumerate(sents):
        head = " ".join(sent.split()[:3])
        while ci < len(cues) and not " ".join(cues[ci].lines).startswith(head):
            ci += 1
        assert ci < len(cues), sent
        errors.append(abs(cues[ci].start_ms - made.sentence_starts_ms[k]))
    return np.array(errors)


def aligned(text: str, tmp_path: Path, name: str, skip: int | None = None, **kw):
    sents = [s for i, s in enumerate(spoken_sentences(text)) if i != skip]
    made = make_speech(sents, tmp_path / f"{name}.wav", parse(text).language, **kw)
    result = run(text, name, Options(audio=str(made.path)))
    return made, result


@pytest.mark.parametrize(
    ("name", "text", "kw"),
    [
        ("clean", SHORT, {}),
        ("noisy", SHORT, {"snr_db": 15, "seed": 3}),
        ("fast", SHORT, {"rate_wpm": 195, "seed": 5}),
        ("kazakh", KK, {"seed": 7}),
        ("mixed", MIXED, {"variant": "+f2", "pitch": 70, "seed": 9}),
        ("long-noisy-lead-in", SHORT, {"lead_ms": 15000, "snr_db": 20, "seed": 11}),
    ],
)
def test_cue_starts_within_250_ms(tmp_path: Path, name: str, text: str, kw: dict) -> None:
    made, result = aligned(text, tmp_path, name, **kw)
    errors = start_errors(text, made, result)
    assert errors.max() <= 250, errors
    assert np.median(errors) <= 60, errors
    assert not [f for f in result.findings if f.code.startswith("audio-")]
    # the caption rules still hold on measured times
    for a, b in zip(result.cues, result.cues[1:], strict=False):
        assert b.start_ms - a.end_ms >= 80
        assert 840 <= a.duration_ms <= 7000
        assert a.start_ms % 40 == 0 and a.end_ms % 40 == 0


def test_never_spoken_line_is_flagged(tmp_path: Path) -> None:
    _, result = aligned(MIXED, tmp_path, "dropped", skip=3)
    flagged = [f for f in result.findings if f.code == "audio-text-not-found"]
    assert flagged and flagged[0].line == 2  # the sync whose second sentence is missing


def test_extra_speech_is_flagged(tmp_path: Path) -> None:
    _, result = aligned(MIXED, tmp_path, "inserted", insert_after=0, insert_text=EXTRA)
    assert any(f.code == "audio-extra-speech" and f.line == 1 for f in result.findings)


def test_start_offset_and_lower_thirds_follow_speech(tmp_path: Path) -> None:
    made, _ = aligned(MIXED, tmp_path, "offset")
    opts = Options(timing=TimingOptions(start_ms=36_000_000), audio=str(made.path))
    result = run(MIXED, "x", opts)
    assert result.cues[0].start_ms >= 36_000_000
    assert abs(result.cues[0].start_ms - 36_000_000 - made.sentence_starts_ms[0]) <= 60
    sync = result.timeline.segments[1]
    assert abs(sync.start_ms - 36_000_000 - made.sentence_starts_ms[2]) <= 60
    (lt,) = result.lower_thirds
    assert lt.in_ms >= sync.start_ms + 1000 - 20


def write_wav(path: Path, samples: np.ndarray, rate: int = 16000) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(samples.astype(np.int16).tobytes())
    return path


def cli_run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_bad_audio(tmp_path: Path) -> None:
    s = str(SAMPLE)
    one_line_error(cli_run("convert", s, "--audio", str(tmp_path / "none.wav")), 2, "none.wav")
    notaudio = tmp_path / "notes.wav"
    notaudio.write_text("this is not audio")
    one_line_error(
        cli_run("convert", s, "--audio", str(notaudio), "-o", "-", "--to", "srt"),
        1,
        "notes.wav",
        "audio",
    )
    silent = write_wav(tmp_path / "silent.wav", np.zeros(16000 * 60))
    one_line_error(
        cli_run("convert", s, "--audio", str(silent), "-o", "-", "--to", "srt"), 1, "silent"
    )
    rng = np.random.default_rng(0)
    short = write_wav(tmp_path / "short.wav", rng.normal(0, 3000, 16000 * 5))
    one_line_error(
        cli_run("convert", s, "--audio", str(short), "-o", "-", "--to", "srt"), 1, "shorter"
    )
    long = write_wav(tmp_path / "long.wav", rng.normal(0, 3000, 16000 * 60 * 25))
    one_line_error(
        cli_run("convert", s, "--audio", str(long), "-o", "-", "--to", "srt"), 1, "longer"
    )
    one_line_error(
        cli_run("convert", s, "--audio", str(silent), "--duration", "2:00"), 2, "--duration"
    )


def test_without_the_audio_extra(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(align_pkg, "available", lambda: False)
    wav = write_wav(tmp_path / "x.wav", np.zeros(1600))
    r = cli_run("convert", str(SAMPLE), "--audio", str(wav), "-o", "-", "--to", "srt")
    one_line_error(r, 2, "pip install 'kztranscript[audio]'")


def test_convert_lowerthirds_check_accept_audio(tmp_path: Path) -> None:
    made, _ = aligned(KK, tmp_path, "cli")
    script = tmp_path / "kk.txt"
    script.write_text(KK, encoding="utf-8")
    r = cli_run("convert", str(script), "--audio", str(made.path), "--out-dir", str(tmp_path))
    assert r.exit_code == 0, r.stderr
    assert (tmp_path / "kk.srt").exists()
    r = cli_run("lowerthirds", str(script), "--audio", str(made.path), "-o", "-", "--to", "json")
    assert r.exit_code == 0, r.stderr
    r = cli_run("check", str(script), "--audio", str(made.path))
    assert r.exit_code == 0, r.stdout
    assert DATA.exists()
