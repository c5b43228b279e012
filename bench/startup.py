"""Start-up time: median wall time of `kztranscript --version` beside `python -c "import click"`.

Target (issue 2): ratio <= 1.3. Run: python bench/startup.py [--runs 30]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def median_ms(cmd: list[str], runs: int) -> float:
    subprocess.run(cmd, check=True, capture_output=True)  # warm the file cache
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=30)
    args = ap.parse_args()
    beside = Path(sys.executable).parent / "kztranscript"
    exe = str(beside) if beside.exists() else shutil.which("kztranscript")
    if exe is None:
        sys.exit("kztranscript is not installed in this environment")
    tool = median_ms([exe, "--version"], args.runs)
    click = median_ms([sys.executable, "-c", "import click"], args.runs)
    print(f"kztranscript --version     median {tool:7.1f} ms")
    print(f'python -c "import click"   median {click:7.1f} ms')
    print(f"ratio                      {tool / click:7.2f}   (target <= 1.30)")


if __name__ == "__main__":
    main()
