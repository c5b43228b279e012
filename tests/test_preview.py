"""The preview page: its parts counted against the script, then the page opened in headless
Chromium (served on 127.0.0.1, every request logged: nothing but the page, and the video when
given, may be asked for), the browser's own count of the caption cues, and a screenshot."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import subprocess
import threading
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from kztranscript.cli import cli
from kztranscript.pipeline import Options, run
from kztranscript.writers.preview import write_preview

from .conftest import SAMPLE
from .test_cli import one_line_error


class _Classes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.counts: dict[str, int] = {}
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        for cls in (a.get("class") or "").split():
            self.counts[cls] = self.counts.get(cls, 0) + 1
        for key in ("src", "href"):
            if a.get(key):
                self.links.append(str(a[key]))


def classes(page: str) -> _Classes:
    parser = _Classes()
    parser.feed(page)
    return parser


def sample_result():
    return run(SAMPLE.read_text(encoding="utf-8"), SAMPLE.name, Options(checks=True))


def test_the_page_holds_every_segment_cue_and_lower_third() -> None:
    r = sample_result()
    page = write_preview(r)
    c = classes(page)
    assert c.counts["seg"] == len(r.timeline.segments) == 10
    assert c.counts["cue-row"] == len(r.cues) == c.counts["tick"]
    assert c.counts["lt-item"] == len(r.lower_thirds) == c.counts["lt"] == 5
    assert c.counts.get("finding", 0) == max(1, len(r.findings))
    # every link stays in the page; nothing to fetch
    assert all(link.startswith("#cue-") for link in c.links), c.links
    assert "http://" not in page.replace("http://www.w3.org", "") and "https://" not in page
    assert "Жемис Турмагамбетова" in page and "«Хартия за права человека»" in page


def test_fast_cues_are_marked_and_findings_link_to_their_cues() -> None:
    text = (
        "Сегодня в Астане открылся форум.\n"
        "Эльвира Азимова:\n"  # no title: a finding on its line
        "- Мы обсудили права человека, образование, здравоохранение, цифровизацию, экологию "
        "и будущее нашей страны.\n"
    )
    r = run(text, "x.txt", Options(checks=True))
    page = write_preview(r, limit_cps=5.0)
    c = classes(page)
    assert c.counts.get("fast", 0) >= 2  # a row and a tick for each fast cue
    sync_cues = [n for n, cue in enumerate(r.cues, start=1) if cue.source_line == 2]
    assert sync_cues
    assert any(f.line == 2 for f in r.findings)
    assert f'<a href="#cue-{sync_cues[0]}">' in page


def test_no_script_can_break_out_of_the_page() -> None:
    text = 'Сегодня </script><script>alert(1)</script> и <b>"кавычки"</b> & прочее.\n'
    page = write_preview(run(text, "<x>.txt"))
    assert page.count("<script") == 2  # the data block and the page's own code
    assert "alert(1)</script>" not in page


# --- in the browser ----------------------------------------------------------------------------


def _serve(folder: Path):
    log: list[str] = []

    class Logged(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            log.append(self.path)
            super().do_GET()

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Logged, directory=str(folder))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, log


def _chromium(url: str, work: Path, *extra: str) -> str:
    base = [
        "chromium",
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={work / 'profile'}",
        "--virtual-time-budget=6000",
        "--autoplay-policy=no-user-gesture-required",
    ]
    proc = subprocess.run([*base, *extra, url], capture_output=True, text=True, timeout=120)
    return proc.stdout


needs_chromium = pytest.mark.skipif(
    shutil.which("chromium") is None,
    reason="headless Chromium not installed (apt-get install chromium)",
)


@needs_chromium
def test_the_browser_shows_the_page_and_asks_for_nothing(tmp_path: Path) -> None:
    r = sample_result()
    (tmp_path / "page.html").write_text(write_preview(r), encoding="utf-8")
    server, log = _serve(tmp_path)
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/page.html"
        dom = _chromium(url, tmp_path, "--dump-dom")
        shot = tmp_path / "page.png"
        _chromium(url, tmp_path, "--window-size=1280,1600", f"--screenshot={shot}")
    finally:
        server.shutdown()
    c = classes(dom)
    assert c.counts["seg"] == len(r.timeline.segments)
    assert c.counts["cue-row"] == len(r.cues)
    assert c.counts["lt-item"] == len(r.lower_thirds)
    assert shot.stat().st_size > 10_000
    assert {p for p in log if p != "/favicon.ico"} == {"/page.html"}, log


@needs_chromium
def test_the_video_plays_with_the_captions_as_a_track(tmp_path: Path) -> None:
    exe = shutil.which("ffmpeg")
    if exe is None:
        pytest.skip("no system ffmpeg to make a test video")
    r = run(SAMPLE.read_text(encoding="utf-8").split("Документ состоит")[0], "short.txt")
    seconds = r.timeline.end_ms // 1000 + 2
    made = subprocess.run(
        [
            *(exe, "-loglevel", "error", "-y", "-f", "lavfi"),
            *("-i", f"color=c=black:s=320x180:d={seconds}:r=5", "-c:v", "libvpx"),
            str(tmp_path / "package.webm"),
        ],
        capture_output=True,
    )
    if made.returncode != 0:
        pytest.skip("this ffmpeg cannot write WebM")
    (tmp_path / "page.html").write_text(write_preview(r, video="package.webm"), encoding="utf-8")
    server, log = _serve(tmp_path)
    try:
        dom = _chromium(
            f"http://127.0.0.1:{server.server_address[1]}/page.html", tmp_path, "--dump-dom"
        )
    finally:
        server.shutdown()
    cues = re.search(r'<body[^>]*data-cues="(-?\d+)"', dom)
    assert cues and int(cues.group(1)) == len(r.cues), dom[:300]
    assert {p for p in log if p != "/favicon.ico"} <= {"/page.html", "/package.webm"}, log


def test_preview_command(tmp_path: Path) -> None:
    out = tmp_path / "p.html"
    runner = CliRunner()
    res = runner.invoke(cli, ["preview", str(SAMPLE), "-o", str(out), "--start", "10:00:00:00"])
    assert res.exit_code == 0, res.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "10:00:00.000" in page
    one_line_error(runner.invoke(cli, ["preview", str(SAMPLE), "-o", str(out)]), 1, "exists")
    res = runner.invoke(
        cli, ["preview", str(SAMPLE), "-o", str(out), "--force", "--video", "a.mp4"]
    )
    assert res.exit_code == 0 and 'src="a.mp4"' in out.read_text(encoding="utf-8")
    one_line_error(runner.invoke(cli, ["preview", str(tmp_path / "none.txt")]), 1, "none.txt")
