"""``Script`` → ``Timeline`` without audio: a speech-rate model, pauses, anchors and fitting.

Spoken time comes from syllables (vowel letters in Russian and Kazakh, vowel groups in
English, numbers expanded to an estimate) at a news-reading pace. Inline timecodes are hard
anchors; the estimate between them is stretched or compressed to fit. ``--duration`` fits the
whole package to a known length; ``--start`` offsets everything.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from kztranscript.errors import OptionsError
from kztranscript.model import (
    Finding,
    FindingCode,
    Language,
    Script,
    Segment,
    Severity,
    TimedSegment,
    Timeline,
)
from kztranscript.timecode import check_fps, frame_ms, smpte

_CYR_VOWEL = re.compile(r"[аеёиоуыэюяәөұүіАЕЁИОУЫЭЮЯӘӨҰҮІ]")
# A Cyrillic word with no vowel letter is said letter by letter (РК: эр-ка, МВД) or in full
# (млн: миллионов): one syllable a letter.
_NO_VOWEL_WORD = re.compile(
    r"(?<![^\W\d_])[бвгджзйклмнпрстфхцчшщъьғқңһБВГДЖЗЙКЛМНПРСТФХЦЧШЩЪЬҒҚҢҺ]+(?![^\W\d_])"
)
_LATIN = re.compile(r"[A-Za-z]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
_EN_GROUP = re.compile(r"[aeiouy]+", re.IGNORECASE)
_NUMBER = re.compile(r"\d+")
_DIGIT = re.compile(r"\d")
HOUR_MS = 3_600_000
# A duration more than this many times the reading time (or less than its inverse) is
# probably a typo (100 h for a 3-minute package): the cues fit it, with a warning.
DURATION_STRETCH = 3.0


def _shape_table() -> bytes:
    """KZ-1048 byte → its class for ``syllables``: v, c (the consonants of _NO_VOWEL_WORD),
    x (any other letter, which makes a word not a vowel-less one), or a space."""
    consonants = frozenset("бвгджзйклмнпрстфхцчшщъьғқңһБВГДЖЗЙКЛМНПРСТФХЦЧШЩЪЬҒҚҢҺ")
    out = bytearray()
    for b in range(256):
        ch = bytes([b]).decode("kz1048", errors="ignore")
        if ch and _CYR_VOWEL.fullmatch(ch):
            out += b"v"
        elif ch in consonants and ch:
            out += b"c"
        elif ch and re.fullmatch(r"[^\W\d_]", ch):
            out += b"x"
        else:
            out += b" "
    return bytes(out)


_SHAPE = _shape_table()
_C_WORD = re.compile(rb"(?<![cvx])c+(?![cvx])")  # a word of consonants only, in shape bytes


# News reading pace in syllables per second (vowel letters in Russian and Kazakh, vowel
# groups in English): 5.5 is DESIGN.md's figure for Russian and Kazakh newsreaders; English
# words hold fewer, longer syllables, and 4.0/s reads near 160 words a minute (at 5.5 an
# English transcript came out at 187-195 words a minute and most of its cues over 17 cps).
RATES = {Language.RU: 5.5, Language.KK: 5.5, Language.EN: 4.0}


def rate_for(language: Language, opts: TimingOptions) -> float:
    """The speech rate to estimate with: the one asked for, else the language's."""
    return opts.rate if opts.rate is not None else RATES[language]


@dataclass(frozen=True, slots=True)
class TimingOptions:
    """How to estimate speech time. All times in ms."""

    rate: float | None = None  # syllables per second; None: the language's (RATES)
    sentence_pause_ms: int = 250
    segment_pause_ms: int = 600
    start_ms: int = 0  # programme start, e.g. 10:00:00:00
    duration_ms: int | None = None  # the last cue ends at start + duration
    fps: int = 25
    # An untranscribed sync (its caption line only) with no length note lasts this long: a
    # short sync of a regional package, and room for a lower-third (1 s in, 5 s on screen,
    # 0.2 s before the end) with a second to spare.
    sync_length_ms: int = 8000

    def __post_init__(self) -> None:
        if self.rate is not None and not 0.5 <= self.rate <= 30:
            raise OptionsError(
                f"speech rate {self.rate} is out of range (0.5-30 syllables/s)", option="rate"
            )
        for option in ("sentence_pause", "segment_pause", "start"):
            if getattr(self, f"{option}_ms") < 0:
                raise OptionsError("pauses and the start time cannot be negative", option=option)
        if self.duration_ms is not None and self.duration_ms <= 0:
            raise OptionsError("the duration must be positive", option="duration")
        if self.sync_length_ms <= 0:
            raise OptionsError("the sync length must be positive", option="sync_length")
        check_fps(self.fps)


def number_syllables(digits: str) -> int:
    """Syllables to say a number in Russian/Kazakh, estimated: ``41`` → 4, ``2024`` → 9."""
    digits = digits.lstrip("0") or "0"
    if len(digits) > 12:
        return 2 * len(digits)  # a phone or account number, read digit by digit
    nonzero = sum(1 for c in digits if c != "0")
    groups = (len(digits) - 1) // 3  # тысяча, миллион…
    return max(1, 2 * nonzero + 2 * groups)


def syllables(text: str, language: Language = Language.RU) -> int:
    """Estimated syllables to say ``text`` (digits expanded), at least 1 for any text.

    Russian and Kazakh: one per vowel letter; English: one per vowel group (a final silent
    e aside); a word with no vowel letter (РК, МВД, млн) one per letter.

    >>> syllables("Документ состоит из 9 разделов")
    12
    """
    try:
        raw = text.encode("kz1048")  # Russian, Kazakh and ASCII: one byte a character
    except UnicodeEncodeError:
        return _syllables_by_regex(text)
    # Each byte becomes its class (v vowel, c consonant, x other letter, space otherwise):
    # the vowels are the v's, and a word with no vowel is a run of c's only.
    shape = raw.translate(_SHAPE)
    total = shape.count(b"v") + sum(map(len, _C_WORD.findall(shape)))
    if _DIGIT.search(text):
        total += sum(number_syllables(m) for m in _NUMBER.findall(text))
    if text.isascii() or _LATIN.search(text):
        total += _english_syllables(text)
    return max(total, 1)


def _english_syllables(text: str) -> int:
    total = 0
    for word in _LATIN_WORD.findall(text):
        groups = len(_EN_GROUP.findall(word))
        if groups > 1 and word[-1] in "eE" and word[-2:] not in ("le", "ee"):
            groups -= 1
        total += max(1, groups)
    return total


def _syllables_by_regex(text: str) -> int:
    """``syllables`` for text with characters outside Russian, Kazakh and ASCII."""
    total = sum(number_syllables(m) for m in _NUMBER.findall(text))
    total += len(_CYR_VOWEL.findall(text)) + sum(map(len, _NO_VOWEL_WORD.findall(text)))
    if text.isascii() or _LATIN.search(text):
        total += _english_syllables(text)
    return max(total, 1)


def sentences(text: str) -> tuple[str, ...]:
    """Sentences of a paragraph, by razdel (imported on first use: it is slow to import)."""
    from razdel import sentenize

    return tuple(s.text for s in sentenize(text))


def speech_ms(sents: Sequence[str], language: Language, opts: TimingOptions) -> int:
    """Estimated time to read ``sents``, with a pause between sentences."""
    spoken = sum(syllables(s, language) for s in sents) * 1000 / rate_for(language, opts)
    return round(spoken) + opts.sentence_pause_ms * max(0, len(sents) - 1)


def estimate(script: Script, opts: TimingOptions | None = None) -> Timeline:
    """Place every segment of ``script`` on the time axis.

    Raises ``OptionsError`` when ``opts.duration_ms`` leaves less than a frame per segment.

    >>> from kztranscript.parsing import parse
    >>> tl = estimate(parse("Один. Два.\\nИмя Фамилия, аким:\\n- Три."))
    >>> [(t.start_ms, t.end_ms) for t in tl.segments]
    [(0, 795), (1395, 1577)]
    """
    opts = opts or TimingOptions()
    segs = script.segments
    if not segs:
        return Timeline(script, (), opts.fps, start_ms=opts.start_ms)
    findings: list[Finding] = []
    split = [tuple(s for p in seg.paragraphs for s in sentences(p)) for seg in segs]
    first = segs[0].anchor_ms
    # A wall-clock timecode at the very top ([11:00:00] before a transcript) is where the
    # programme starts, not a point hours into the package: count from it.
    if (
        opts.start_ms == 0
        and first is not None
        and first >= HOUR_MS
        and all(s.anchor_ms is None or s.anchor_ms >= first for s in segs)
    ):
        opts = replace(opts, start_ms=first)
    starts, ends = _natural_layout(segs, split, script.language, opts)
    offset = _programme_offset(segs, opts, findings)
    fixed = _fixed_points(segs, starts, ends[-1], offset, opts, findings)
    if opts.duration_ms is not None and not 1 / DURATION_STRETCH <= opts.duration_ms / ends[-1] <= (
        DURATION_STRETCH
    ):
        findings.append(
            Finding(
                FindingCode.DURATION_MISMATCH,
                Severity.WARNING,
                segs[0].line,
                f"the duration ({smpte(opts.duration_ms, opts.fps)}) is far from the time the "
                f"script takes to read (about {smpte(round(ends[-1]), opts.fps)}): every cue "
                "is stretched or squeezed to fit; check the duration",
            )
        )

    def place(natural: float) -> float:
        for (n0, r0), (n1, r1) in itertools.pairwise(fixed):
            if natural <= n1:
                return r0 + (natural - n0) * (r1 - r0) / (n1 - n0) if n1 > n0 else r0
        n0, r0 = fixed[-1]
        return r0 + (natural - n0)

    frame = frame_ms(1, opts.fps)
    timed: list[TimedSegment] = []
    for i, seg in enumerate(segs):
        start = round(place(starts[i]))
        end = round(place(ends[i]))
        if end - start < frame:
            raise OptionsError(
                f"the timing leaves segment {i + 1} less than one frame; give the package a "
                "longer duration or check the inline timecodes",
                line=seg.line,
                option="duration",
            )
        timed.append(TimedSegment(seg, i, start + opts.start_ms, end + opts.start_ms, split[i]))
    return Timeline(script, tuple(timed), opts.fps, tuple(findings), opts.start_ms)


def _natural_layout(
    segs: Sequence[Segment],
    split: Sequence[Sequence[str]],
    language: Language,
    opts: TimingOptions,
) -> tuple[list[float], list[float]]:
    """Segment starts and ends from 0 at the natural pace: each one's speech (an
    untranscribed sync: its length), then a pause."""
    starts: list[float] = []
    ends: list[float] = []
    t = 0.0
    for seg, sents in zip(segs, split, strict=True):
        starts.append(t)
        if seg.transcribed:  # a frame at least, however fast the rate
            t += max(speech_ms(sents, language, opts), frame_ms(1, opts.fps))
        else:
            t += seg.length_ms or opts.sync_length_ms
        ends.append(t)
        t += opts.segment_pause_ms
    return starts, ends


def _programme_offset(segs: Sequence[Segment], opts: TimingOptions, findings: list[Finding]) -> int:
    """What inline timecodes count from: the package start (00:00:05) or, in scripts timed
    against the programme, the programme start (10:00:05:00 with a start of 10:00:00:00),
    when every one of them lies at or after it."""
    anchors = [seg.anchor_ms for seg in segs if seg.anchor_ms is not None]
    if opts.start_ms >= HOUR_MS and anchors and min(anchors) >= opts.start_ms:
        return opts.start_ms
    if opts.start_ms == 0 and anchors and min(anchors) >= HOUR_MS:
        first = next(seg for seg in segs if seg.anchor_ms is not None)
        assert first.anchor_ms is not None
        findings.append(
            Finding(
                FindingCode.ANCHOR_PROGRAMME_TIME,
                Severity.WARNING,
                first.line,
                f"timecode {smpte(first.anchor_ms, opts.fps)} looks like programme time; give "
                "the programme start with --start (e.g. --start 10:00:00:00) so it counts "
                "from there",
            )
        )
    return 0


def _fixed_points(
    segs: Sequence[Segment],
    starts: Sequence[float],
    natural_end: float,
    offset: int,
    opts: TimingOptions,
    findings: list[Finding],
) -> list[tuple[float, float]]:
    """(natural time, real time) pairs the layout is pinned to: the start, the anchors in
    increasing order, and the end when a duration is given. Between them it is scaled."""
    fixed: list[tuple[float, float]] = [(0.0, 0.0)]
    last_real = 0.0
    for seg, natural in zip(segs, starts, strict=True):
        if seg.anchor_ms is None:
            continue
        anchor = seg.anchor_ms - offset
        if anchor <= last_real and natural > 0:
            findings.append(
                Finding(
                    FindingCode.ANCHOR_OUT_OF_ORDER,
                    Severity.WARNING,
                    seg.line,
                    f"timecode {smpte(seg.anchor_ms, opts.fps)} is not after the one before "
                    "it; ignored",
                )
            )
            continue
        if natural == 0:
            fixed[0] = (0.0, float(anchor))
        else:
            fixed.append((natural, float(anchor)))
        last_real = float(anchor)
    if opts.duration_ms is not None:
        if opts.duration_ms <= last_real:
            raise OptionsError(
                f"the duration ends at {opts.duration_ms} ms, before the last inline timecode",
                option="duration",
            )
        fixed.append((natural_end, float(opts.duration_ms)))
    return fixed
