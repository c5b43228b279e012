"""Start-up time: median wall time of `kztranscript --version` beside `python -c "import click"`.

Target (issue 2): ratio <= 1.3. Run: python bench/startup.py [--runs 30]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

# Installed packages carry bytecode; an editable checkout gets it on first import, unless
# PYTHONDONTWRITEBYTECODE is set (some shells and IDEs set it). Measure the installed case.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env=ENV)
    return (time.perf_counter() - t0) * 1000


def medians(a: list[str], b: list[str], runs: int) -> tuple[float, float]:
    """Median wall times of two commands, run alternately so drift hits both alike."""
    timed(a)  # warm caches, write .pyc
    timed(b)
    ta, tb = [], []
    for _ in range(runs):
        ta.append(timed(a))
        tb.append(timed(b))
    return statistics.median(ta), statistics.median(tb)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=40)
    args = ap.parse_args()
    beside = Path(sys.executable).parent / "kztranscript"
    exe = str(beside) if beside.exists() else shutil.which("kztranscript")
    if exe is None:
        sys.exit("kztranscript is not installed in this environment")
    tool, click = medians([exe, "--version"], [sys.executable, "-c", "import click"], args.runs)
    print(f"kztranscript --version     median {tool:7.1f} ms")
    print(f'python -c "import click"   median {click:7.1f} ms')
    print(f"ratio                      {tool / click:7.2f}   (target <= 1.30)")


if __name__ == "__main__":
    main()
