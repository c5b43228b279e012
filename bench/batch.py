"""Batch throughput and memory on a generated archive.

Generates N scripts (default 5,000) varied from the sample and the parser fixtures, runs
`kztranscript batch` with --jobs 1 and --jobs 2, and prints files/s, the ratio to the floor
pipeline (read + razdel sentence split + write the same bytes, per file, in this run), the
speed-up of 2 jobs over 1, and the peak memory (largest process) for N and 2N at --jobs 1.
Targets (issue 5): ratio >= 0.5 at --jobs 1; 2 jobs >= 1.8x 1 job; peak(2N) <= 1.1 x peak(N)
and <= 150 MB. Speeds are the best of --repeat interleaved runs (this machine's speed varies
from run to run).  Run: python bench/batch.py [-n 5000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import shutil
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
    ap.add_argument("-n", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kzt-bench-batch-"))
    try:
        src, src2 = work / "archive", work / "archive2n"
        generate(src, args.n)
        generate(src2, 2 * args.n)
        ones, twos, floors, ceilings = [], [], [], []
        for _ in range(args.repeat):  # interleaved, so drifts in machine speed hit both
            ones.append(run_batch(src, work / "out1", 1))
            twos.append(run_batch(src, work / "out2", 2))
            floors.append(floor(src, work / "out1"))
            ceilings.append(machine_ceiling())
        one = min(ones, key=lambda r: r["wall"])
        two = min(twos, key=lambda r: r["wall"])
        fl = max(floors)
        big = run_batch(src2, work / "out2n", 1)
        rate1, rate2 = args.n / one["wall"], args.n / two["wall"]
        print(f"files                   {args.n}")
        print(f"--jobs 1                {rate1:8.1f} files/s   ({one['wall']:.1f} s)")
        print(f"--jobs 2                {rate2:8.1f} files/s   ({two['wall']:.1f} s)")
        print(f"floor                   {fl:8.1f} files/s   (read + razdel + write)")
        print(f"ratio to floor (1 job)  {rate1 / fl:8.2f}         (target >= 0.50)")
        print(f"speed-up 2 jobs / 1     {rate2 / rate1:8.2f}         (target >= 1.80)")
        print(
            f"machine ceiling         {min(ceilings):8.2f}-{max(ceilings):.2f}    "
            "(2 processes of pure CPU work over 1, same runs)"
        )
        print(f"peak memory N           {one['peak_mb']:8.1f} MB")
        print(
            f"peak memory 2N          {big['peak_mb']:8.1f} MB      (target <= 1.1 x N and <= 150)"
        )
        print(f"memory ratio 2N / N     {big['peak_mb'] / one['peak_mb']:8.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
