"""Throughput: scripts/s for the whole caption pipeline on the sample, beside a floor.

pipeline = read + parse + time + caption + write SRT and WebVTT files
floor    = read + razdel sentence split + write the same bytes to the same files
The line-break caches (word traits, boundary costs) are cleared before every
pipeline run, so repeating the same script does not flatter the figure.
The two are measured in alternating short rounds (the disk and a shared CPU
vary from second to second), and the medians are printed.
Target (issue 3): pipeline / floor >= 0.5.  Run: python bench/throughput.py [--seconds 10]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from razdel import sentenize

from kztranscript.files import encode
from kztranscript.linebreak import clear_caches
from kztranscript.pipeline import render, run
from kztranscript.reading import decode

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "24kz_un_human_rights_ru.txt"


def rate(fn: Callable[[], object], seconds: float) -> float:
    fn()  # warm up (imports, caches)
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        fn()
        n += 1
    return n / (time.perf_counter() - t0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seconds", type=float, default=10.0, help="total time for each side")
    ap.add_argument("--rounds", type=int, default=10)
    args = ap.parse_args()
    out_dir = Path(tempfile.mkdtemp(prefix="kzt-bench-"))
    srt_path, vtt_path = out_dir / "sample.srt", out_dir / "sample.vtt"
    result = run(decode(SAMPLE.read_bytes()).text, SAMPLE.name)
    outputs = [encode(render(result, "srt")), encode(render(result, "vtt"))]

    def pipeline() -> list[bytes]:
        clear_caches()
        data = SAMPLE.read_bytes()
        res = run(decode(data, SAMPLE.name).text, SAMPLE.name, normalized=True)
        out = [encode(render(res, "srt")), encode(render(res, "vtt"))]
        srt_path.write_bytes(out[0])
        vtt_path.write_bytes(out[1])
        return out

    def floor() -> list[bytes]:
        data = SAMPLE.read_bytes()
        text = decode(data, SAMPLE.name).text
        _ = [s.text for s in sentenize(text)]
        srt_path.write_bytes(outputs[0])
        vtt_path.write_bytes(outputs[1])
        return outputs

    assert pipeline() == outputs
    slot = args.seconds / args.rounds
    ps, fs = [], []
    for _ in range(args.rounds):
        ps.append(rate(pipeline, slot))
        fs.append(rate(floor, slot))
    ratios = [p / f for p, f in zip(ps, fs, strict=True)]
    p, f, r = statistics.median(ps), statistics.median(fs), statistics.median(ratios)
    print(f"pipeline  {p:8.1f} scripts/s  (parse + time + caption + SRT + WebVTT)")
    print(f"floor     {f:8.1f} scripts/s  (read + razdel sentences + write same bytes)")
    print(
        f"ratio     {r:8.2f}            (median of {args.rounds} rounds, "
        f"{min(ratios):.2f}-{max(ratios):.2f}; target >= 0.50)"
    )
    print(f"per script: pipeline {1000 / p:.2f} ms, floor {1000 / f:.2f} ms")


if __name__ == "__main__":
    main()
