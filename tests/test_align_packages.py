"""Timing from audio on what real packages hold beyond the script's words: syncs heard in
another language than their translation in the script, natural sound, music intros and beds.
The packages are made at test time (``speech.make_package``): eSpeak NG in other voices than
the aligner's, Kazakh speech for the translated syncs, street noise and synthesized chords."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from kztranscript.align.aligner import _syllabic, heard_otherwise
from kztranscript.align.decode import RATE
from kztranscript.align.features import frame_energy_db, frame_voicing, frame_zcr
from kztranscript.model import Cue, Language, Segment, SegmentKind, Speaker, TimedSegment
from kztranscript.parsing import parse
from kztranscript.pipeline import Options, Result, run
from kztranscript.timing import sentences

from .speech import Part, chords, make_package, pink_noise, street

LEAD = "В Павлодарской области открыли новую школу на шестьсот мест. Строительство шло два года."
SYNC_RU = "Мы строили эту школу два года. Теперь дети будут учиться в новых светлых классах."
SYNC_KK = "Біз бұл мектепті екі жыл бойы салдық. Енді балалар жаңа жарық сыныптарда оқиды."
SYNC2_RU = "Я очень рада, что мой сын пойдёт в эту школу. Здесь тепло и уютно."
SYNC2_KK = "Менің ұлым осы мектепке баратынына өте қуаныштымын. Мұнда жылы әрі жайлы."
VO = "В школе есть спортивный зал и библиотека. Занятия начнутся первого сентября."
VO2 = "Родители довольны, ведь раньше детям приходилось ездить в соседнее село."
KK_LEAD = "Павлодар облысында алты жүз орындық жаңа мектеп ашылды. Құрылыс екі жылға созылды."
KK_SYNC_TEXT = "Мектепті екі жыл салдық. Енді балалар жаңа сыныптарда оқиды."
RU_SPOKEN = "Мы строили школу два года. Теперь дети будут учиться в новых классах."
KK_VO = "Мектепте спорт залы мен кітапхана бар. Сабақтар қыркүйектің бірінде басталады."
EN_LEAD = "A new school opened in the Pavlodar region today. It took two years to build."
EN_VO = "The school has a sports hall and a library. Lessons begin on the first of September."
KAZAKH = {"language": Language.KK, "voice": "+f2", "pitch": 70}
KAZAKH_2 = {"language": Language.KK, "voice": "+m1", "pitch": 50}


def said(text: str, language: Language = Language.RU, **kw: object) -> list[Part]:
    return [Part("speech", s, language=language, **kw) for s in sentences(text)]  # type: ignore[arg-type]


@dataclass
class Case:
    script: str
    parts: list[Part]
    checked: list[int]  # parts (sentences of the script, aligned word by word) to time
    seed: int = 1
    pause_ms: tuple[int, int] = (250, 900)
    bed: tuple[int, int] | None = None


def first_cue(cues: tuple[Cue, ...], sentence: str) -> Cue:
    head = " ".join(sentence.split()[:3])
    return next(c for c in cues if " ".join(c.lines).replace("\n", " ").startswith(head))


def aligned(case: Case, tmp_path: Path, name: str):
    made = make_package(
        case.parts, tmp_path / f"{name}.wav", seed=case.seed, pause_ms=case.pause_ms, bed=case.bed
    )
    return made, run(case.script, name, Options(audio=str(made.path)))


def neighbour_errors(case: Case, made, result: Result) -> np.ndarray:
    """|cue start - voice onset| of each checked sentence that starts a cue (a short one may
    share a cue with the sentence before it)."""
    errors = []
    for k in case.checked:
        head = " ".join(case.parts[k].text.split()[:3])
        texts = [" ".join(c.lines) for c in result.cues]
        if not any(t.startswith(head) for t in texts):
            assert any(head in t for t in texts), (case.parts[k].text, texts)
            continue
        errors.append(
            abs(first_cue(result.cues, case.parts[k].text).start_ms - made.spans_ms[k][0])
        )
    assert len(errors) >= len(case.checked) - 2, errors
    return np.array(errors)


def audio_findings(result: Result) -> list:
    return [f for f in result.findings if f.code.startswith("audio-")]


def sync_cues(result: Result, line: int) -> list[Cue]:
    return [c for c in result.cues if c.source_line == line]


TRANSLATED = {
    "ru-note": Case(
        f"{LEAD}\nАзат Оральаев, аким района (перевод с казахского):\n- {SYNC_RU}\n{VO}\n",
        [*said(LEAD), Part("speech", SYNC_KK, **KAZAKH), *said(VO)],  # type: ignore[arg-type]
        [0, 1, 3, 4],
    ),
    "ru-note-line": Case(
        f"{LEAD}\nАзат Оральаев, аким района:\n(на казахском)\n- {SYNC_RU}\n{VO}\n",
        [*said(LEAD), Part("speech", SYNC_KK, **KAZAKH), *said(VO)],  # type: ignore[arg-type]
        [0, 1, 3, 4],
        seed=2,
    ),
    "kk-note": Case(
        f"{KK_LEAD}\nАрман Ахметов, облыстық білім басқармасының басшысы (аударма):\n"
        f"- {KK_SYNC_TEXT}\n{KK_VO}\n",
        [
            *said(KK_LEAD, Language.KK),
            Part("speech", RU_SPOKEN, voice="+f3", pitch=60),
            *said(KK_VO, Language.KK),
        ],
        [0, 1, 3, 4],
        seed=3,
    ),
    "en-note": Case(
        f"{EN_LEAD}\nAZAT ORALAYEV, DISTRICT AKIM (in Kazakh):\n"
        "We built this school for two years. Now the children will study in new bright "
        f"classrooms.\n{EN_VO}\n",
        [
            *said(EN_LEAD, Language.EN),
            Part("speech", SYNC_KK, **KAZAKH),  # type: ignore[arg-type]
            *said(EN_VO, Language.EN),
        ],
        [0, 1, 3, 4],
        seed=4,
    ),
    "no-note": Case(
        f"{LEAD}\nАзат Оральаев, аким района:\n- {SYNC_RU}\n{VO}\n",
        [*said(LEAD), Part("speech", SYNC_KK, **KAZAKH), *said(VO)],  # type: ignore[arg-type]
        [0, 1, 3, 4],
        seed=4,
    ),
}


@pytest.mark.parametrize("name", list(TRANSLATED))
def test_translated_sync_is_timed_by_the_voice(tmp_path: Path, name: str) -> None:
    case = TRANSLATED[name]
    made, result = aligned(case, tmp_path, name)
    voice_start, voice_end = made.spans_ms[2]
    line = next(s.line for s in result.script.segments if s.kind is SegmentKind.SYNC)
    cues = sync_cues(result, line)
    assert cues, result.cues
    assert abs(cues[0].start_ms - voice_start) <= 250, (cues[0], made.spans_ms)
    assert abs(cues[-1].end_ms - voice_end) <= 250, (cues[-1], made.spans_ms)
    errors = neighbour_errors(case, made, result)
    assert errors.max() <= 250 and np.median(errors) <= 60, errors
    (finding,) = audio_findings(result)
    assert finding.code == "audio-not-matched" and finding.line == line
    assert finding.severity.value == ("warning" if name == "no-note" else "info")


def test_translated_syncs_in_a_row_and_a_long_one(tmp_path: Path) -> None:
    two = Case(
        f"{LEAD}\nАзат Оральаев, аким района (перевод с казахского):\n- {SYNC_RU}\n"
        f"Айгуль Серикова, жительница села (перевод с казахского):\n- {SYNC2_RU}\n{VO}\n",
        [
            *said(LEAD),
            Part("speech", SYNC_KK, **KAZAKH),  # type: ignore[arg-type]
            Part("speech", SYNC2_KK, **KAZAKH_2),  # type: ignore[arg-type]
            *said(VO),
        ],
        [0, 1, 4, 5],
        seed=5,
        pause_ms=(150, 300),
    )
    made, result = aligned(two, tmp_path, "two")
    for part, seg in ((2, 1), (3, 2)):
        cues = [c for c in result.cues if c.segment == seg]
        assert abs(cues[0].start_ms - made.spans_ms[part][0]) <= 250, (cues, made.spans_ms)
        assert abs(cues[-1].end_ms - made.spans_ms[part][1]) <= 250, (cues, made.spans_ms)
    assert neighbour_errors(two, made, result).max() <= 250
    assert [f.code for f in audio_findings(result)] == ["audio-not-matched"] * 2

    spoken = " ".join([SYNC_KK, SYNC2_KK] * 3)  # about 30 s
    long = Case(
        f"{LEAD}\nАзат Оральаев, аким района (на казахском):\n- {' '.join([SYNC_RU, SYNC2_RU] * 3)}"
        f"\n{VO}\n",
        [*said(LEAD), Part("speech", spoken, **KAZAKH), *said(VO)],  # type: ignore[arg-type]
        [0, 1, 3, 4],
        seed=6,
        pause_ms=(100, 200),
    )
    made, result = aligned(long, tmp_path, "long")
    cues = [c for c in result.cues if c.segment == 1]
    assert abs(cues[0].start_ms - made.spans_ms[2][0]) <= 250
    assert abs(cues[-1].end_ms - made.spans_ms[2][1]) <= 250
    assert all(made.spans_ms[2][0] - 250 <= c.start_ms < made.spans_ms[2][1] for c in cues)
    assert neighbour_errors(long, made, result).max() <= 250


@pytest.mark.parametrize(
    ("note", "script_words", "voice"),
    [
        ("голос переводчика", SYNC_RU, {"voice": "+f3", "pitch": 60}),
        ("синхронный перевод", SYNC_RU, {"voice": "+m1", "pitch": 45}),
    ],
)
def test_a_translators_voice_is_aligned_word_by_word(
    tmp_path: Path, note: str, script_words: str, voice: dict
) -> None:
    case = Case(
        f"{LEAD}\nАзат Оральаев, аким района ({note}):\n- {script_words}\n{VO}\n",
        [*said(LEAD), *said(script_words, **voice), *said(VO)],
        [0, 1, 2, 3, 4, 5],
        seed=7,
    )
    made, result = aligned(case, tmp_path, "interpreted")
    errors = neighbour_errors(case, made, result)
    assert errors.max() <= 250 and np.median(errors) <= 60, errors
    assert not audio_findings(result)


NAT = {
    "ru-intershum": (
        f"{LEAD}\nИНТЕРШУМ (5 сек)\n{VO}\n",
        [*said(LEAD), Part("nat", ms=5000), *said(VO)],
        Language.RU,
    ),
    "en-nat-sound": (
        f"{EN_LEAD}\n(NAT SOUND)\n{EN_VO}\n",
        [*said(EN_LEAD, Language.EN), Part("nat", ms=4000), *said(EN_VO, Language.EN)],
        Language.EN,
    ),
    "kk-live": (
        f"{KK_LEAD}\nЛАЙФ\n{KK_VO}\n",
        [*said(KK_LEAD, Language.KK), Part("nat", ms=6000), *said(KK_VO, Language.KK)],
        Language.KK,
    ),
}


@pytest.mark.parametrize("name", list(NAT))
def test_no_cue_starts_in_natural_sound(tmp_path: Path, name: str) -> None:
    script, parts, _ = NAT[name]
    checked = [k for k, p in enumerate(parts) if p.kind == "speech"]
    case = Case(script, parts, checked, seed=8)
    made, result = aligned(case, tmp_path, name)
    (gap,) = [made.spans_ms[k] for k, p in enumerate(parts) if p.kind == "nat"]
    assert not [c for c in result.cues if gap[0] <= c.start_ms < gap[1]], (result.cues, gap)
    errors = neighbour_errors(case, made, result)
    assert errors.max() <= 250 and np.median(errors) <= 60, errors
    assert not audio_findings(result)


def test_a_label_whose_length_the_audio_does_not_bear_out(tmp_path: Path) -> None:
    parts = [*said(LEAD), Part("nat", ms=4000), *said(VO)]
    case = Case(f"{LEAD}\nИНТЕРШУМ (15 сек)\n{VO}\n", parts, [0, 1, 3, 4], seed=9)
    _, result = aligned(case, tmp_path, "label")
    (finding,) = audio_findings(result)
    assert finding.code == "audio-pause-length" and finding.line == 2
    assert "ИНТЕРШУМ (15 сек)" in finding.message and "15 s" in finding.message


def test_music_intro_sting_and_bed(tmp_path: Path) -> None:
    parts = [
        Part("music", ms=6000),  # the intro
        *said(LEAD),
        Part("music", ms=3000),  # a sting between two paragraphs
        *said(VO),
        *said(VO2),
    ]
    script = f"{LEAD}\n{VO}\n{VO2}\n"
    case = Case(script, parts, [1, 2, 4, 5, 6], seed=10, bed=(4, 6))  # a bed under the last three
    made, result = aligned(case, tmp_path, "music")
    for k in (0, 3):
        start, end = made.spans_ms[k]
        assert not [c for c in result.cues if start <= c.start_ms < end], (result.cues, start)
    errors = neighbour_errors(case, made, result)
    assert errors.max() <= 250 and np.median(errors) <= 60, errors
    assert not audio_findings(result)


def test_speech_is_told_from_music_and_street_noise(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    made = make_package(said(LEAD + " " + VO), tmp_path / "speech.wav", seed=11)
    with open(made.path, "rb") as f:
        speech = np.frombuffer(f.read()[44:], np.int16)
    for kind, signal, want in (
        ("chords", chords(RATE * 8, RATE, rng) * 3000, 0.0),
        ("street", street(RATE * 8, RATE, rng) * 3000, 0.0),
        ("pink noise", pink_noise(RATE * 8, rng) * 3000, 0.0),
        ("speech", speech[RATE : RATE * 9].astype(float), 1.0),
    ):
        x = np.clip(signal, -32767, 32767).astype(np.int16)
        energy, zcr, voicing = frame_energy_db(x), frame_zcr(x), frame_voicing(x)
        share = float(_syllabic(energy, zcr, voicing, len(energy)).mean())
        assert abs(share - want) <= 0.25, (kind, share)


@pytest.mark.parametrize(
    ("note", "text", "language", "heard"),
    [
        ("перевод с казахского", SYNC_RU, Language.RU, True),
        ("перевод с казахского", SYNC_KK, Language.RU, False),  # the original words
        ("на казахском", SYNC_RU, Language.RU, True),
        ("синхронный перевод", SYNC_RU, Language.RU, False),
        ("голос переводчика", SYNC_RU, Language.RU, False),
        ("перевод", SYNC_RU, Language.RU, True),
        ("перевод на русский", SYNC_RU, Language.RU, True),
        ("аударма", KK_SYNC_TEXT, Language.KK, True),
        ("орысша", KK_SYNC_TEXT, Language.KK, True),
        ("аудармашы", KK_SYNC_TEXT, Language.KK, False),
        ("in Kazakh", "We built this school for two years, it was hard.", Language.EN, True),
        ("through interpreter", "We built this school for two years.", Language.EN, False),
        ("by phone", SYNC_RU, Language.RU, False),
        ("15 сек", SYNC_RU, Language.RU, False),
    ],
)
def test_which_notes_mean_another_language_is_heard(
    note: str, text: str, language: Language, heard: bool
) -> None:
    seg = Segment(SegmentKind.SYNC, (text,), 2, Speaker("Азат Оральаев", "аким", note=note))
    assert heard_otherwise(TimedSegment(seg, 1, 0, 1000), language) is heard


def test_labels_give_their_lengths() -> None:
    script = parse(
        "Текст до.\nИНТЕРШУМ (5 сек)\nТекст.\n(NAT SOUND 0:05)\nЕщё.\n((nat sound 3 sec))\n"
        "И ещё.\nЛАЙФ\nКонец.\n"
    )
    assert [d.length_ms for d in script.directions] == [5000, 5000, 3000, None]
    assert script.segments[0].paragraphs == ("Текст до.", "Текст.", "Ещё.", "И ещё.", "Конец.")


def test_an_untranscribed_sync_is_placed_on_its_voice(tmp_path: Path) -> None:
    # the sync's words are not in the script: its caption line only
    script = f"{KK_LEAD}\nАРМАН ЖАНБОЛАТОВ АУДАН ӘКІМІНІҢ ОРЫНБАСАРЫ\n{KK_VO}\n"
    parts = [
        *said(KK_LEAD, Language.KK),
        Part("speech", SYNC_KK + " " + SYNC2_KK, **KAZAKH_2),  # type: ignore[arg-type]
        *said(KK_VO, Language.KK),
    ]
    case = Case(script, parts, [0, 1, 3, 4], seed=12)
    made, result = aligned(case, tmp_path, "untranscribed")
    sync = next(ts for ts in result.timeline.segments if not ts.segment.transcribed)
    assert abs(sync.start_ms - made.spans_ms[2][0]) <= 250, (sync, made.spans_ms)
    assert abs(sync.end_ms - made.spans_ms[2][1]) <= 250, (sync, made.spans_ms)
    (lt,) = result.lower_thirds
    assert sync.start_ms <= lt.in_ms < lt.out_ms <= sync.end_ms
    errors = neighbour_errors(case, made, result)
    assert errors.max() <= 250 and np.median(errors) <= 60, errors
    assert not audio_findings(result)
