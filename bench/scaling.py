"""Scaling: is the whole `convert` linear in the script, and `check` in its speakers?

- time exponent: CPU time of `kztranscript convert` on the sample repeated 10x and 100x
  (numbers varied so no two copies are alike), less a one-sentence run's (start-up),
  exponent = log(t100 / t10) / log 10; target <= 1.05. The copies share their words, so
  the word caches serve the 100x run more than a varied archive would: read it as "no
  super-linear stage", not as a cache-free figure;
- memory: peak RSS of the 100x run above the RSS of a one-sentence run (the import
  baseline), per word of input; target <= 1 KB per word;
- check: CPU time of `kztranscript check` on a made script with 2,000 distinct speakers
  (names of Kazakh and Russian shapes, a title each, a sync each) beside one with 200,
  per speaker of the difference; target <= 2 ms per speaker.
Each figure is the median of --runs runs. Exits 1 when a target is missed.
Run: python bench/scaling.py [--runs 3]
"""

from __future__ import annotations

import argparse
import math
import random
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = (ROOT / "samples" / "24kz_un_human_rights_ru.txt").read_text(encoding="utf-8")
EXE = Path(sys.executable).parent / "kztranscript"


def measured(cmd: list[str]) -> tuple[float, float]:
    """CPU seconds (user + system) and peak RSS in MB of one run of ``cmd``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, after.ru_maxrss / 1024  # ru_maxrss: the largest child so far


def median_run(cmd: list[str], runs: int) -> tuple[float, float]:
    results = [measured(cmd) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def repeated(times: int) -> str:
    body = SAMPLE.rsplit("\nАвторы:", 1)[0]
    return "\n".join(body.replace("41 пункт", f"{41 + k} пункт") for k in range(times)) + "\n"


def speakers(n: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    first = "Асқар Нұрлан Айгүл Данияр Ерлан Гүлнұр Марат Жанар Сергей Ольга Бекет Толқын".split()
    syllables = "ка ма ну ра бе ти са жа ле то ку ши ба де ги мо".split()
    titles = ["аким района", "директор школы", "врач", "фермер", "инженер", "мұғалім"]
    seen: set[str] = set()
    lines = ["Сегодня в области прошло совещание."]
    while len(seen) < n:
        surname = "".join(rng.choice(syllables) for _ in range(3)).capitalize()
        name = f"{rng.choice(first)} {surname}{rng.choice(['ев', 'ов', 'ин', 'бек'])}"
        if name in seen:
            continue
        seen.add(name)
        lines += [f"{name}, {rng.choice(titles)}:", "- Мы будем работать и дальше.", "Далее."]
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    if not EXE.exists():
        sys.exit("kztranscript is not installed beside this Python")
    work = Path(tempfile.mkdtemp(prefix="kzt-bench-scaling-"))
    files = {}
    for name, text in (
        ("tiny", "Сегодня в области прошло совещание.\n"),
        ("x10", repeated(10)),
        ("x100", repeated(100)),
        ("sp200", speakers(200)),
        ("sp2000", speakers(2000)),
    ):
        files[name] = work / f"{name}.txt"
        files[name].write_text(text, encoding="utf-8")

    def convert(name: str) -> list[str]:
        out = work / f"{name}.out"
        return [str(EXE), "convert", str(files[name]), "--out-dir", str(out), "-q", "--force"]

    ok = True
    t0, base_rss = median_run(convert("tiny"), args.runs)
    t10, _ = median_run(convert("x10"), args.runs)
    t100, rss100 = median_run(convert("x100"), args.runs)
    # the work beyond start-up (a one-sentence run), so start-up does not flatter it
    exponent = math.log((t100 - t0) / (t10 - t0)) / math.log(10)
    words = len(repeated(100).split())
    per_word_kb = (rss100 - base_rss) * 1024 / words
    print(f"convert one sentence     {t0 * 1000:8.0f} ms CPU  (start-up)")
    print(f"convert 10x the sample   {t10 * 1000:8.0f} ms CPU")
    print(f"convert 100x the sample  {t100 * 1000:8.0f} ms CPU  ({words} words)")
    print(f"time exponent            {exponent:8.3f}     (target <= 1.05)")
    print(
        f"peak RSS above baseline  {rss100 - base_rss:8.1f} MB = {per_word_kb:.2f} KB per word "
        f"(baseline {base_rss:.0f} MB; target <= 1 KB)"
    )
    ok &= exponent <= 1.05 and per_word_kb <= 1.0
    c200, _ = median_run([str(EXE), "check", str(files["sp200"])], args.runs)
    c2000, _ = median_run([str(EXE), "check", str(files["sp2000"])], args.runs)
    per_speaker = (c2000 - c200) / 1800 * 1000
    print(f"check 200 speakers       {c200 * 1000:8.0f} ms CPU")
    print(f"check 2,000 speakers     {c2000 * 1000:8.0f} ms CPU")
    print(f"check per speaker        {per_speaker:8.2f} ms   (target <= 2)")
    ok &= per_speaker <= 2.0
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
