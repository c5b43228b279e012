"""Timing from audio: accuracy, speed and memory.

Generates speech with eSpeak NG in a different voice from the aligner's (variant, speed and
pitch changed, random pauses; known sentence times), about 5 minutes each of clean, noisy
(pink noise at 15 dB SNR) and fast (x1.3) speech, and runs the whole command
`kztranscript convert SCRIPT --audio WAV` on each. Prints the cue-start error median / p90 /
max, the real-time factor of the command, and its peak memory for 10 and 30 minutes.
Targets (issue 6), clean: median <= 30 ms, p90 <= 100 ms, max <= 250 ms; real-time factor
<= 0.02; peak memory for 30 minutes <= 300 MB and linear in duration.
With --festival, the speech comes from a different engine: Festival's Russian voice
(msu_ru_nsh_clunits, built from recorded speech units; `apt-get install festival festvox-ru`;
numbers are spelled out with num2words from the dev extra), as a stand-in for the held-out
recordings the issue mentions.
Run: python bench/align.py [--minutes 5] [--skip-memory] [--festival]
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kztranscript.parsing import parse  # noqa: E402
from kztranscript.timing import sentences  # noqa: E402
from tests.speech import make_speech  # noqa: E402

SAMPLE = (ROOT / "samples" / "24kz_un_human_rights_ru.txt").read_text(encoding="utf-8")
MEASURE = """
import resource, subprocess, sys, time, json
t0 = time.perf_counter()
p = subprocess.run(sys.argv[1:], capture_output=True, text=True)
wall = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"rc": p.returncode, "wall": wall, "peak_mb": peak, "out": p.stdout,
                  "err": p.stderr[-500:]}))
"""


def script_of(minutes: float) -> str:
    """The sample's body repeated (numbers varied) until it reads for about ``minutes``."""
    body = SAMPLE.rsplit("\nАвторы:", 1)[0]
    copies = max(1, math.ceil(minutes * 60 / 235))  # the body reads for about 4 minutes
    parts = [body.replace("41 пункт", f"{41 + k} пункт") for k in range(copies)]
    return "\n".join(parts) + "\n"


def festival_speech(sentences: list[str], path: Path, snr_db: float | None, seed: int = 1):
    """Speech by Festival (another engine), with random pauses and known sentence starts."""
    import re
    import shutil
    import wave
    from types import SimpleNamespace

    from num2words import num2words

    if shutil.which("text2wave") is None:
        sys.exit("--festival needs Festival: apt-get install festival festvox-ru")
    rng = np.random.default_rng(seed)
    rate, cursor = 16000, 11200
    parts, starts = [np.zeros(cursor, np.int16)], []
    for sentence in sentences:
        text = re.sub(r"\d+", lambda m: num2words(int(m.group()), lang="ru"), sentence)
        text = text.replace("«", "").replace("»", "").replace("24KZ", "двадцать четыре кей зет")
        with tempfile.TemporaryDirectory() as d:
            src, out = Path(d, "s.txt"), Path(d, "s.wav")
            src.write_text(text, encoding="utf-8")
            cmd = ["text2wave", "-eval", "(voice_msu_ru_nsh_clunits)", str(src), "-o", str(out)]
            subprocess.run(cmd, capture_output=True, check=True)
            with wave.open(str(out)) as w:
                rate = w.getframerate()
                x = np.frombuffer(w.readframes(w.getnframes()), np.int16)
        loud = np.flatnonzero(np.abs(x.astype(np.int32)) > 300)
        x = x[loud[0] : loud[-1] + 1]
        starts.append(cursor * 1000 // rate)
        pause = np.zeros(rate * int(rng.integers(250, 1200)) // 1000, np.int16)
        parts += [x, pause]
        cursor += len(x) + len(pause)
    signal = np.concatenate(parts).astype(np.float64)
    if snr_db is not None:
        power = np.mean(signal[np.abs(signal) > 300] ** 2)
        signal += rng.standard_normal(len(signal)) * np.sqrt(power / 10 ** (snr_db / 10))
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(np.clip(signal, -32767, 32767).astype(np.int16).tobytes())
    return SimpleNamespace(path=path, sentence_starts_ms=starts, seconds=cursor / rate)


def run_command(script: Path, wav: Path) -> dict:
    cmd = [sys.executable, "-c", MEASURE, sys.executable, "-m", "kztranscript", "convert"]
    cmd += [str(script), "--audio", str(wav), "-o", "-", "--to", "srt", "-q"]
    res = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
    if res["rc"] != 0:
        sys.exit(f"convert failed: {res['err']}")
    return res


def srt_starts(srt: str) -> list[tuple[int, str]]:
    out = []
    for block in srt.strip().split("\n\n"):
        lines = block.splitlines()
        h, m, rest = lines[1].split(" --> ")[0].split(":")
        s, ms = rest.split(",")
        out.append(((int(h) * 3600 + int(m) * 60 + int(s)) * 1000 + int(ms), " ".join(lines[2:])))
    return out


def errors(text: str, made, srt: str) -> np.ndarray:
    sents = [x for seg in parse(text).segments for p in seg.paragraphs for x in sentences(p)]
    cues = srt_starts(srt)
    ci, errs = 0, []
    for k, sent in enumerate(sents):
        head = " ".join(sent.split()[:3])
        while ci < len(cues) and not cues[ci][1].startswith(head):
            ci += 1
        errs.append(abs(cues[ci][0] - made.sentence_starts_ms[k]))
    return np.array(errs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--minutes", type=float, default=5)
    ap.add_argument("--skip-memory", action="store_true")
    ap.add_argument("--festival", action="store_true", help="speech by Festival, not eSpeak")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kzt-bench-align-"))
    text = script_of(args.minutes)
    script = work / "script.txt"
    script.write_text(text, encoding="utf-8")
    sents = [x for seg in parse(text).segments for p in seg.paragraphs for x in sentences(p)]
    print(f"{'case':8} {'audio':>8} {'median':>8} {'p90':>8} {'max':>8} {'RTF':>8} {'peak':>8}")
    cases = (("clean", {}), ("noisy", {"snr_db": 15}), ("fast", {"rate_wpm": 195}))
    if args.festival:
        cases = (("clean", {}), ("noisy", {"snr_db": 15}))
    for name, kw in cases:
        if args.festival:
            made = festival_speech(sents, work / f"{name}.wav", kw.get("snr_db"))
        else:
            made = make_speech(sents, work / f"{name}.wav", **kw)
        t0 = time.perf_counter()
        res = run_command(script, made.path)
        wall = time.perf_counter() - t0
        e = errors(text, made, res["out"])
        print(
            f"{name:8} {made.seconds:7.0f}s {np.median(e):6.0f}ms {np.percentile(e, 90):6.0f}ms "
            f"{e.max():6.0f}ms {wall / made.seconds:8.4f} {res['peak_mb']:6.0f}MB"
        )
    if not args.skip_memory:
        for minutes in (10, 30):
            long_text = script_of(minutes)
            long_script = work / f"script{minutes}.txt"
            long_script.write_text(long_text, encoding="utf-8")
            long_sents = [
                x for seg in parse(long_text).segments for p in seg.paragraphs for x in sentences(p)
            ]
            made = make_speech(long_sents, work / f"long{minutes}.wav", pause_ms=(200, 600))
            res = run_command(long_script, made.path)
            print(
                f"memory: {made.seconds / 60:5.1f} min of audio -> peak {res['peak_mb']:6.0f} MB, "
                f"real-time factor {res['wall'] / made.seconds:.4f}"
            )


if __name__ == "__main__":
    main()
