"""Timing: syllables, sentences, speech time, options, and placing segments on the time axis."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kztranscript import timing
from kztranscript.errors import KzError
from kztranscript.model import Language, Script, Segment, SegmentKind, Timeline
from kztranscript.parsing import parse
from kztranscript.timecode import SUPPORTED_FPS, frame_ms
from kztranscript.timing import TimingOptions, estimate, number_syllables, sentences, syllables
from kztranscript.timing import speech_ms as speech

RU = Language.RU
KZ1048 = list("аеёиоуыэюяәөұүіАЕЁИОУЫЭЮЯӘӨҰҮІбвгкмлнРКТВМДқңһҚҒ") + list("abeyXYZ019 -.,«»—?!")
words = st.text(st.sampled_from(list("аоеибвкмнрстлдРКМВДқүә")), min_size=1, max_size=9)
sentence = st.lists(words, min_size=1, max_size=6).map(lambda ws: " ".join(ws).capitalize() + ".")
paragraph = st.lists(sentence, min_size=1, max_size=3).map(" ".join)
options = st.builds(
    TimingOptions,
    rate=st.floats(0.5, 20),  # above ~24 syllables/s a one-syllable segment is under a frame
    sentence_pause_ms=st.integers(0, 1000),
    segment_pause_ms=st.integers(0, 2000),
    start_ms=st.integers(0, 40_000_000),
    fps=st.sampled_from(SUPPORTED_FPS),
)
DOC = "Один. Два.\nИмя Фамилия, аким:\n- Три."
ANCHORED = "Первый абзац.\n[00:00:20] Второй абзац.\n00:00:30:12 Третий абзац."


def script(texts: list[str], anchors: list[int | None] | None = None) -> Script:
    anchors = anchors or [None] * len(texts)
    pairs = enumerate(zip(texts, anchors, strict=True))
    return Script(
        tuple(Segment(SegmentKind.VOICEOVER, (t,), i + 1, None, a) for i, (t, a) in pairs), RU
    )


def spans(tl: Timeline) -> list[tuple[int, int]]:
    return [(t.start_ms, t.end_ms) for t in tl.segments]


def starts(tl: Timeline) -> list[int]:
    return [t.start_ms for t in tl.segments]


def placed(s: Script, opts: TimingOptions) -> Timeline | None:
    """``estimate``, or None when it found a segment under a frame (and said so)."""
    try:
        return estimate(s, opts)
    except KzError as e:
        assert "less than one frame" in str(e)
        return None


def assert_ordered(tl: Timeline) -> None:
    assert [t.index for t in tl.segments] == list(range(len(tl.script.segments)))
    assert all(t.start_ms < t.end_ms for t in tl.segments)
    assert all(a.end_ms <= b.start_ms for a, b in itertools.pairwise(tl.segments))


# --- syllables -------------------------------------------------------------------------------


def test_syllables() -> None:
    assert syllables("мама") == 2 and syllables("Документ состоит из 9 разделов") == 12
    kk = ["Қазақстан", "Өскемен", "Әлеуметтік", "Ұлттық"]
    assert [syllables(w) for w in kk] == [3, 3, 5, 2]
    # English: vowel groups, a final silent e aside (not in -le), y a vowel
    en = ["government", "make", "table", "free", "rhythm", "Hello world"]
    assert [syllables(w) for w in en] == [3, 1, 2, 1, 1, 3]
    # no vowel letter: one a letter (РК: эр-ка, млн: миллионов)
    assert [syllables(w) for w in ["РК", "ҚР", "млн", "МВД", "РК-ның"]] == [2, 2, 3, 3, 3]
    assert syllables("15 млн тенге") == 4 + 3 + 2 and syllables("2024") == 8
    assert syllables("") == syllables("   ") == syllables("…!?") == 1  # at least one


@given(st.from_regex(r"[0-9]{1,20}", fullmatch=True))
def test_number_syllables(digits: str) -> None:
    assert syllables(digits) == number_syllables(digits) >= 1  # a number alone is just that
    examples = "0 000 7 007 10 41 100 1000 2024 1000000".split()
    assert [number_syllables(d) for d in examples] == [1, 1, 2, 2, 2, 4, 2, 4, 8, 6]
    assert number_syllables("1234567890123") == 26  # 13 digits: read digit by digit


@given(st.text(st.sampled_from([*KZ1048, "😀"]), max_size=40))
def test_text_outside_kz1048_counts_as_the_fast_path_does(text: str) -> None:
    clean = text.replace("😀", " ")  # an emoji is no letter: it separates words as a space does
    assert syllables(clean) == timing._syllables_by_regex(clean)
    assert syllables(text) == syllables(clean)
    assert syllables(clean + " Ελλάδα") == syllables(clean)  # a Greek word counts nothing


def test_text_outside_kz1048_goes_the_regex_path(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    regex = timing._syllables_by_regex

    def spy(text: str) -> int:
        seen.append(text)
        return regex(text)

    monkeypatch.setattr(timing, "_syllables_by_regex", spy)
    assert syllables("Астана РК 2024") == 3 + 2 + 8 and seen == []
    assert syllables("Астана РК 2024 😀") == 3 + 2 + 8
    assert syllables("Ελλάδα: мама, make") == 2 + 1
    assert seen == ["Астана РК 2024 😀", "Ελλάδα: мама, make"]


# --- sentences and speech time ---------------------------------------------------------------


@given(st.lists(sentence, min_size=1, max_size=6))
def test_sentences(sents: list[str]) -> None:
    got = sentences(" ".join(sents))  # nothing lost but the spaces between them
    assert all(s and s == s.strip() for s in got)
    assert "".join(got).replace(" ", "") == "".join(sents).replace(" ", "")
    ru = "Первое предложение. Второе! А третье? Да."
    assert sentences(ru) == ("Первое предложение.", "Второе!", "А третье?", "Да.")
    abbreviated = "Т.е. г. Астана, ул. Абая 1. Конец."  # abbreviations do not end a sentence
    assert sentences(abbreviated) == ("Т.е. г. Астана, ул. Абая 1.", "Конец.")
    kk = "Бүгін Астанада жиын өтті. Оған министр қатысты."
    assert sentences(kk) == ("Бүгін Астанада жиын өтті.", "Оған министр қатысты.")


@given(st.lists(sentence, max_size=5), options)
def test_speech_ms(sents: list[str], opts: TimingOptions) -> None:
    spoken = sum(syllables(s) for s in sents) * 1000 / opts.rate
    pauses = opts.sentence_pause_ms * max(0, len(sents) - 1)
    assert speech(sents, RU, opts) == round(spoken) + pauses
    two = TimingOptions(rate=2, sentence_pause_ms=250)
    assert speech([], RU, two) == 0 and speech(["мама"], RU, two) == 1000
    assert speech(["мама", "папа"], RU, two) == 2000 + 250
    assert speech(["мама"], RU, TimingOptions(rate=3)) == 667  # rounded


# --- options ---------------------------------------------------------------------------------


def test_options() -> None:
    assert TimingOptions() == TimingOptions(None, 250, 600, 0, None, 25)
    for fps in SUPPORTED_FPS:
        TimingOptions(rate=0.5, sentence_pause_ms=0, segment_pause_ms=0, duration_ms=1, fps=fps)
    TimingOptions(rate=30)
    bad = [
        *(({"rate": r}, "speech rate") for r in (0, 0.49, 30.5, -5.5, float("nan"), float("inf"))),
        *(({k: -1}, "negative") for k in ("sentence_pause_ms", "segment_pause_ms", "start_ms")),
        *(({"duration_ms": d}, "must be positive") for d in (0, -1000)),
        *(({"fps": f}, f"unsupported frame rate {f} ") for f in (0, 29, 120)),
    ]
    for kwargs, says in bad:
        with pytest.raises(KzError, match=says) as info:
            TimingOptions(**kwargs)  # type: ignore[arg-type]
        assert info.value.exit_code == 2


# --- estimate --------------------------------------------------------------------------------


def test_estimate_docstring_and_empty_script() -> None:
    tl = estimate(parse(DOC))
    assert spans(tl) == [(0, 795), (1395, 1577)] and tl.findings == ()
    tl = estimate(Script((), RU), TimingOptions(start_ms=5000, fps=30))
    assert tl.segments == () and tl.start_ms == 5000 and tl.fps == 30


@given(st.lists(paragraph, min_size=1, max_size=5), options)
def test_natural_layout(texts: list[str], opts: TimingOptions) -> None:
    tl = estimate(script(texts), opts)
    assert_ordered(tl)
    assert tl.segments[0].start_ms == opts.start_ms == tl.start_ms and tl.findings == ()
    for ts, text in zip(tl.segments, texts, strict=True):
        assert ts.sentences == sentences(text)
        assert ts.end_ms - ts.start_ms == speech(ts.sentences, RU, opts)
    for a, b in itertools.pairwise(tl.segments):
        assert b.start_ms - a.end_ms == opts.segment_pause_ms


def test_a_fast_rate_without_duration_or_anchors_does_not_fail() -> None:
    estimate(script(["Да."]), TimingOptions(rate=30))


@given(st.lists(paragraph, min_size=1, max_size=5), options, st.integers(1, 600_000))
def test_duration_stretches_to_the_end(texts: list[str], opts: TimingOptions, dur: int) -> None:
    natural = estimate(script(texts), replace(opts, start_ms=0))
    tl = placed(script(texts), replace(opts, duration_ms=dur))
    if tl is None:
        return
    assert_ordered(tl)
    assert tl.segments[0].start_ms == opts.start_ms and tl.end_ms == opts.start_ms + dur
    for a, b in zip(natural.segments, tl.segments, strict=True):
        assert abs((b.start_ms - opts.start_ms) - a.start_ms * dur / natural.end_ms) <= 1
        assert b.end_ms - b.start_ms >= frame_ms(1, opts.fps)


anchor = st.none() | st.integers(0, 6_000).map(lambda s: s * 100)


@given(st.lists(st.tuples(paragraph, anchor), min_size=1, max_size=6), st.sampled_from([0, 5_000]))
def test_anchors_pin_starts_or_are_reported(segs: list[tuple[str, int | None]], start: int) -> None:
    texts, anchors = [t for t, _ in segs], [a for _, a in segs]
    tl = placed(script(texts, anchors), TimingOptions(start_ms=start))
    if tl is None:
        return
    assert_ordered(tl)
    last, ignored = 0, []
    for i, (ts, a) in enumerate(zip(tl.segments, anchors, strict=True)):
        if a is not None and a <= last and i > 0:
            ignored.append(i + 1)
        elif a is not None:
            assert ts.start_ms == start + a
            last = a
    assert [f.line for f in tl.findings] == ignored
    assert all(f.code == "anchor-out-of-order" for f in tl.findings)


def test_inline_anchors_pin_a_segment_start() -> None:
    assert [s.anchor_ms for s in parse(ANCHORED).segments] == [None, 20_000, 30_480]
    for start in (0, 5_000, 36_000_000):
        tl = estimate(parse(ANCHORED), TimingOptions(start_ms=start))
        assert [s - start for s in starts(tl)] == [0, 20_000, 30_480] and tl.findings == ()


def test_programme_time_anchors_count_from_the_start() -> None:
    text = "[10:00:05:00] Первый абзац.\n[10:00:20:00] Второй абзац."
    tl = estimate(parse(text), TimingOptions(start_ms=36_000_000))
    assert starts(tl) == [36_005_000, 36_020_000] and tl.findings == ()
    tl = estimate(parse("Текст.\n[01:00:20:00] Ещё текст."), TimingOptions(start_ms=3_600_000))
    assert starts(tl) == [3_600_000, 3_620_000]
    with pytest.raises(KzError, match="before the last inline timecode"):
        estimate(parse(text), TimingOptions(start_ms=36_000_000, duration_ms=20_000))
    # without --start they count from zero, with a finding on the first anchored line
    tl = estimate(parse("Текст.\n" + text))
    assert starts(tl) == [0, 36_005_000, 36_020_000]
    assert [(f.code, f.line) for f in tl.findings] == [("anchor-programme-time", 2)]
    assert "10:00:05:00" in tl.findings[0].message and "--start" in tl.findings[0].message


def test_programme_time_finding_quotes_its_own_line() -> None:
    tl = estimate(parse("[10:00:20:00] Первый абзац.\n[10:00:05:00] Второй абзац."))
    found = [f for f in tl.findings if f.code == "anchor-programme-time"]
    assert len(found) == 1 and found[0].line == 1 and "10:00:20:00" in found[0].message


def test_anchor_out_of_order() -> None:
    cases = [
        ("Первый.\n[00:00:20] Второй абзац.\n[00:00:10] Третий абзац.", 3),
        ("Первый.\n[00:00:20] Второй абзац.\n[00:00:20] Третий абзац.", 3),  # not after
        ("[00:00:20] Первый.\n[00:00:10] Второй абзац.", 2),
        ("Первый.\n[00:00:00] Второй абзац.", 2),  # not after the start
    ]
    for text, line in cases:
        tl = estimate(parse(text))
        assert [f.line for f in tl.findings if f.code == "anchor-out-of-order"] == [line]
        assert len(tl.findings) == 1
        assert_ordered(tl)
        ignored, before = tl.segments[line - 1], tl.segments[line - 2]
        assert ignored.start_ms - before.end_ms == TimingOptions().segment_pause_ms


def test_duration() -> None:
    for dur in (25_000, 30_000):
        with pytest.raises(KzError, match="before the last inline timecode"):
            estimate(parse(ANCHORED), TimingOptions(duration_ms=dur))
    tl = estimate(parse(ANCHORED), TimingOptions(start_ms=1_000, duration_ms=31_000))
    assert starts(tl) == [1_000, 21_000, 31_480] and tl.end_ms == 32_000
    tl = estimate(parse(DOC), TimingOptions(start_ms=1_000, duration_ms=5_000))
    assert spans(tl) == [(1_000, 3_521), (5_423, 6_000)]
    one = script(["Один. Два. Три."])  # a duration must leave each segment a frame
    assert spans(estimate(one, TimingOptions(duration_ms=40))) == [(0, 40)]
    assert spans(estimate(one, TimingOptions(duration_ms=42, fps=24))) == [(0, 42)]
    for dur, fps in ((39, 25), (41, 24)):
        with pytest.raises(KzError, match="less than one frame"):
            estimate(one, TimingOptions(duration_ms=dur, fps=fps))
