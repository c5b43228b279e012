"""Throughput: the cost of quality — our pipeline beside a naive peer, in the same process.

pipeline = read + parse + time + caption + write SRT and WebVTT files (pysrt, webvtt-py)
peer     = read + razdel sentences + textwrap to 37 characters, two lines a cue, timed by
           characters (15 a second, at least 1 s), written with pysrt and webvtt-py: what a
           newsroom would script in thirty lines
floor    = read + razdel sentences + write the same bytes (information only: it leaves out
           everything captioning is, so no captioner reaches it)
The line-break caches (word traits, boundary costs, morphology) are cleared before every
pipeline run, so repeating the same script does not flatter the figure. The three are
measured in alternating short rounds (the disk and a shared CPU vary from second to second)
and the medians printed. Target (issue 17): pipeline time / peer time <= 1.5; exits 1 when it
is missed. Run: python bench/throughput.py [--seconds 10] [--rounds 10] [--profile]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pysrt
import webvtt
from razdel import sentenize

from kztranscript.files import encode
from kztranscript.linebreak import clear_caches
from kztranscript.pipeline import render, run
from kztranscript.reading import decode

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "24kz_un_human_rights_ru.txt"
TARGET = 1.5


def rate(fn: Callable[[], object], seconds: float) -> float:
    fn()  # warm up (imports, caches)
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        fn()
        n += 1
    return n / (time.perf_counter() - t0)


def naive_peer(path: Path, srt_path: Path, vtt_path: Path) -> None:
    """The thirty-line captioner a newsroom would write with the same libraries."""
    text = path.read_bytes().decode("utf-8")
    subs, vtt = pysrt.SubRipFile(), webvtt.WebVTT()
    t = 0
    for k, sentence in enumerate(sentenize(text), start=1):
        lines = textwrap.wrap(sentence.text, 37)
        for i in range(0, len(lines), 2):
            pair = lines[i : i + 2]
            length = max(1000, sum(map(len, pair)) * 1000 // 15)
            start, end = pysrt.SubRipTime(milliseconds=t), pysrt.SubRipTime(milliseconds=t + length)
            subs.append(pysrt.SubRipItem(len(subs) + 1, start, end, "\n".join(pair)))
            vtt.captions.append(
                webvtt.Caption(_vtt_time(t), _vtt_time(t + length), "\n".join(pair))
            )
            t += length + 80
        del k
    subs.save(str(srt_path), encoding="utf-8")
    vtt.save(str(vtt_path))


def _vtt_time(ms: int) -> str:
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seconds", type=float, default=10.0, help="total time for each side")
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--profile", action="store_true", help="print where the pipeline's time goes")
    args = ap.parse_args()
    out_dir = Path(tempfile.mkdtemp(prefix="kzt-bench-"))
    srt_path, vtt_path = out_dir / "sample.srt", out_dir / "sample.vtt"
    peer_srt, peer_vtt = out_dir / "peer.srt", out_dir / "peer.vtt"
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

    def peer() -> None:
        naive_peer(SAMPLE, peer_srt, peer_vtt)

    def floor() -> list[bytes]:
        data = SAMPLE.read_bytes()
        text = decode(data, SAMPLE.name).text
        _ = [s.text for s in sentenize(text)]
        srt_path.write_bytes(outputs[0])
        vtt_path.write_bytes(outputs[1])
        return outputs

    assert pipeline() == outputs
    if args.profile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        for _ in range(30):
            pipeline()
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(40)
    slot = args.seconds / args.rounds
    ps, qs, fs = [], [], []
    for _ in range(args.rounds):
        ps.append(rate(pipeline, slot))
        qs.append(rate(peer, slot))
        fs.append(rate(floor, slot))
    cost = [q / p for p, q in zip(ps, qs, strict=True)]  # our time / the peer's time
    floor_ratio = [p / f for p, f in zip(ps, fs, strict=True)]
    p, q, f = statistics.median(ps), statistics.median(qs), statistics.median(fs)
    c = statistics.median(cost)
    print(f"pipeline  {1000 / p:7.2f} ms/script  (parse + time + caption + SRT + WebVTT)")
    print(f"peer      {1000 / q:7.2f} ms/script  (razdel + textwrap + pysrt + webvtt-py)")
    print(f"floor     {1000 / f:7.2f} ms/script  (read + razdel sentences + write same bytes)")
    print(
        f"cost of quality {c:5.2f}x the peer (median of {args.rounds} rounds, "
        f"{min(cost):.2f}-{max(cost):.2f}; target <= {TARGET})"
    )
    print(f"floor ratio     {statistics.median(floor_ratio):5.2f}  (information only)")
    sys.exit(0 if c <= TARGET else 1)


if __name__ == "__main__":
    main()
