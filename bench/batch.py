"""Batch throughput and memory on a generated archive.

Generates N scripts (default 1,000) varied from the sample and the parser fixtures, and 2N
and 5N more, runs `kztranscript batch` with --jobs 1 and --jobs 2, and prints files/s, the
speed-up of 2 jobs over 1 beside this machine's own ceiling for two processes of pure CPU
work measured in the same rounds, files/s for 5N beside N, and the peak memory (largest
process) for N and 2N at --jobs 1. Targets (issue 17): speed-up / ceiling >= 0.9 (the best
runs' speed-up over the median ceiling); files/s of 5N within 10 % of N (the start-up of a
batch, measured on one file, taken out); peak(2N) <= 1.1 x peak(N). The old floor (read +
razdel + write the same bytes) is printed as information.
Exits 1 when a target is missed.  Run: python bench/batch.py [-n 1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [
    ROOT / "samples" / "24kz_un_human_rights_ru.txt",
    *sorted((ROOT / "tests" / "data" / "parser").glob("*.txt")),
]

# Runs the batch in a child and reports the child's peak RSS (the largest process).
MEASURE = """
import resource, subprocess, sys, time, json
t0 = time.perf_counter()
rc = subprocess.run(sys.argv[1:]).returncode
wall = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"rc": rc, "wall": wall, "peak_mb": peak}))
"""


def generate(folder: Path, n: int) -> None:
    texts = [p.read_text(encoding="utf-8") for p in SOURCES]
    for i in range(n):
        base = texts[i % len(texts)]
        sub = folder / f"{i // 500:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        varied = base.replace("2024", str(1990 + i % 40)).replace("Женеве", f"Женеве ({i})")
        (sub / f"script_{i:05d}.txt").write_text(
            varied + f"\nВыпуск номер {i}.\n", encoding="utf-8"
        )


def run_batch(src: Path, out: Path, jobs: int) -> dict[str, float]:
    shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, "-c", MEASURE, sys.executable, "-m", "kztranscript", "batch"]
    cmd += [str(src), "-o", str(out), "-q", "--jobs", str(jobs)]
    res = subprocess.run(cmd, capture_output=True, text=True, check=True)
    data: dict[str, float] = json.loads(res.stdout.strip().splitlines()[-1])
    if data["rc"] not in (0, 1):
        sys.exit(f"batch failed with exit code {data['rc']}")
    return data


def floor(src: Path, out: Path) -> float:
    """Files/s for read + decode + razdel + write the batch's own output bytes."""
    from razdel import sentenize

    from kztranscript.reading import decode

    files = sorted(src.rglob("*.txt"))
    outputs = {}
    for f in files:
        rel = f.relative_to(src)
        stem = out / rel.parent / rel.stem
        outputs[f] = [
            Path(f"{stem}{s}").read_bytes()
            for s in (".srt", ".vtt", ".lowerthirds.csv", ".transcript.json")
        ]
    dest = Path(tempfile.mkdtemp(prefix="kzt-floor-"))
    t0 = time.perf_counter()
    for f in files:
        text = decode(f.read_bytes(), str(f)).text
        _ = [s.text for s in sentenize(text)]
        for k, data in enumerate(outputs[f]):
            (dest / f"{f.stem}.{k}").write_bytes(data)
    wall = time.perf_counter() - t0
    shutil.rmtree(dest)
    return len(files) / wall


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def machine_ceiling(n: int = 15_000_000) -> float:
    """Speed-up of 2 processes over 1 on pure CPU work: what this machine allows right now."""
    from concurrent.futures import ProcessPoolExecutor

    t0 = time.perf_counter()
    _burn(n)
    _burn(n)
    serial = time.perf_counter() - t0
    with ProcessPoolExecutor(2) as pool:
        t0 = time.perf_counter()
        list(pool.map(_burn, [n, n]))
        parallel = time.perf_counter() - t0
    return serial / parallel


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kzt-bench-batch-"))
    try:
        src, src2, src5 = work / "archive", work / "archive2n", work / "archive5n"
        generate(src, args.n)
        generate(src2, 2 * args.n)
        generate(src5, 5 * args.n)
        run_batch(src, work / "out1", 1)  # warm up: bytecode, the disk cache
        src1 = work / "archive1"
        generate(src1, 1)
        fixed = min(run_batch(src1, work / "out-one", 1)["wall"] for _ in range(3))
        ones, twos, fives, floors, ceilings = [], [], [], [], []
        for _ in range(args.repeat):  # interleaved, so drifts in machine speed hit all alike
            ones.append(run_batch(src, work / "out1", 1))
            twos.append(run_batch(src, work / "out2", 2))
            ceilings.append(machine_ceiling())
            floors.append(floor(src, work / "out1"))
            fives.append(run_batch(src5, work / "out5n", 1))
        one = min(ones, key=lambda r: r["wall"])
        two = min(twos, key=lambda r: r["wall"])
        share = one["wall"] / two["wall"] / statistics.median(ceilings)
        big = run_batch(src2, work / "out2n", 1)
        five = min(fives, key=lambda r: r["wall"])
        rate1, rate2 = args.n / one["wall"], args.n / two["wall"]
        rate5 = 5 * args.n / five["wall"]
        # per-file rates with the fixed start-up (a batch of one file) taken out
        net1, net5 = args.n / (one["wall"] - fixed), 5 * args.n / (five["wall"] - fixed)
        scale = net5 / net1
        memory = big["peak_mb"] / one["peak_mb"]
        fl = max(floors)
        print(f"files                   {args.n}")
        print(f"--jobs 1                {rate1:8.1f} files/s   ({one['wall']:.1f} s)")
        print(f"--jobs 2                {rate2:8.1f} files/s   ({two['wall']:.1f} s)")
        print(
            f"machine ceiling         {min(ceilings):8.2f}-{max(ceilings):.2f}    "
            "(2 processes of pure CPU work over 1, same rounds)"
        )
        print(
            f"speed-up / ceiling      {share:8.2f}         "
            "(target >= 0.90; best runs, median ceiling)"
        )
        print(f"--jobs 1, 5N files      {rate5:8.1f} files/s   ({five['wall']:.1f} s)")
        print(f"start-up of a batch     {fixed:8.2f} s         (one file)")
        print(
            f"files/s 5N / N          {scale:8.2f}         (target 0.90-1.10; start-up taken out;"
            f" {rate5 / rate1:.2f} with it)"
        )
        print(f"peak memory N           {one['peak_mb']:8.1f} MB")
        print(f"peak memory 2N          {big['peak_mb']:8.1f} MB")
        print(f"memory ratio 2N / N     {memory:8.2f}         (target <= 1.10)")
        print(f"floor                   {fl:8.1f} files/s   (information: read + razdel + write)")
        print(f"ratio to floor (1 job)  {rate1 / fl:8.2f}")
        ok = share >= 0.9 and 0.9 <= scale <= 1.1 and memory <= 1.1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
