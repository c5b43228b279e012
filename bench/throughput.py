"""Throughput: scripts/s for the whole caption pipeline on the sample, beside a floor.

pipeline = read + parse + time + caption + write SRT and WebVTT (bytes, to memory)
floor    = read + razdel sentence split + write the same bytes
Target (issue 3): pipeline / floor >= 0.5.  Run: python bench/throughput.py [--seconds 5]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from razdel import sentenize

from kztranscript.output import encode
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
    ap.add_argument("--seconds", type=float, default=5.0)
    args = ap.parse_args()
    data = SAMPLE.read_bytes()
    result = run(decode(data).text, SAMPLE.name)
    outputs = [encode(render(result, "srt")), encode(render(result, "vtt"))]

    def pipeline() -> list[bytes]:
        res = run(decode(data, SAMPLE.name).text, SAMPLE.name)
        return [encode(render(res, "srt")), encode(render(res, "vtt"))]

    def floor() -> list[bytes]:
        text = decode(data, SAMPLE.name).text
        _ = [s.text for s in sentenize(text)]
        return [bytes(o) for o in outputs]

    assert pipeline() == outputs
    p = rate(pipeline, args.seconds)
    f = rate(floor, args.seconds)
    print(f"pipeline  {p:8.1f} scripts/s  (parse + time + caption + SRT + WebVTT)")
    print(f"floor     {f:8.1f} scripts/s  (read + razdel sentences + write same bytes)")
    print(f"ratio     {p / f:8.2f}            (target >= 0.50)")


if __name__ == "__main__":
    main()
