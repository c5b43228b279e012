"""Rich terminal output for the CLI (tables, summaries, progress). Nothing else imports rich."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from rich.console import Console as _RichConsole
from rich.table import Table
from rich.text import Text

from kztranscript.model import Finding, FindingCode, LowerThird, Script, Severity
from kztranscript.timecode import smpte, vtt


class Console(_RichConsole):
    """rich's console, except that a closed pipe (``show x | head``) is no error: rich
    would exit 1; the command line's funnel exits 0."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError


_KIND_STYLE = {"lead": "cyan", "voiceover": "white", "standup": "magenta", "sync": "green"}
_SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def _first_words(text: str, n: int = 6) -> str:
    words = text.split()
    return " ".join(words[:n]) + (" …" if len(words) > n else "")


SCREEN_FINDINGS = 4  # rows of findings in convert's one-screen summary
_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def findings_table(
    findings: tuple[Finding, ...], title: str = "Findings", limit: int | None = None
) -> Table:
    """A table of findings; with ``limit``, only the most severe rows (the caption says how
    many more there are)."""
    caption = None
    if limit is not None and len(findings) > limit:
        ranked = sorted(findings, key=lambda f: (_SEVERITY_ORDER[f.severity], f.line))
        findings = tuple(sorted(ranked[:limit], key=lambda f: f.line))
        caption = f"… and {len(ranked) - limit} more (kztranscript check lists them all)"
    table = Table(
        title=title, title_justify="left", expand=False, caption=caption, caption_justify="left"
    )
    table.add_column("severity")
    table.add_column("code")
    table.add_column("line", justify="right")
    table.add_column("message", overflow="fold")
    for f in findings:
        table.add_row(
            Text(f.severity.value, style=_SEVERITY_STYLE[f.severity]),
            f.code,
            str(f.line),
            f.message,
        )
    return table


def lower_thirds_table(items: Sequence[LowerThird], fps: int = 25) -> Table:
    table = Table(title="Lower-thirds", title_justify="left")
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("name")
    table.add_column("title")
    table.add_column("TC in", no_wrap=True)
    table.add_column("TC out", no_wrap=True)
    for i, it in enumerate(items, start=1):
        table.add_row(str(i), it.name, it.title, smpte(it.in_ms, fps), smpte(it.out_ms, fps))
    return table


def show_script(
    script: Script,
    encoding: str,
    lower_thirds: Sequence[LowerThird] = (),
    console: Console | None = None,
    read_findings: Sequence[Finding] = (),
) -> None:
    """The segments, speakers, credits and findings of a parsed script (and the reader's:
    bytes replaced, lines in another code page)."""
    out = console or Console(highlight=False)
    out.print(
        f"[bold]{script.source}[/]  language [bold]{script.language.value}[/], "
        f"encoding {encoding}, {len(script.segments)} segments, "
        f"{len(script.speakers)} speakers"
    )
    table = Table(title="Segments", title_justify="left")
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("speaker", min_width=8)
    table.add_column("title", min_width=8)
    table.add_column("line", justify="right", no_wrap=True)
    table.add_column("words", justify="right", no_wrap=True)
    table.add_column("first words", min_width=12)
    rows: list[tuple[int, tuple[str | Text, ...]]] = []
    for i, seg in enumerate(script.segments, start=1):
        sp = seg.speaker
        kind = Text(seg.kind.value, style=_KIND_STYLE[seg.kind.value])
        name = (sp.name or "(anonymous)") if sp else ""
        title = (sp.title or "") if sp and sp.name else ""
        if sp and sp.note:
            title = f"{title} ({sp.note})".strip()
        words: str | Text = _first_words(seg.text)
        if not seg.transcribed:
            words = Text("(caption line only, no speech)", style="italic dim")
        rows.append((seg.line, (str(i), kind, name, title, str(seg.line), str(seg.words), words)))
    for f in script.findings:  # headlines, dates: lines read and left out of the captions
        if f.code is FindingCode.NOT_SPEECH and f.text:
            not_speech = Text("not speech", style="dim")
            rows.append((f.line, ("", not_speech, "", "", str(f.line), "", _first_words(f.text))))
    for _, row in sorted(rows, key=lambda r: r[0]):
        table.add_row(*row)
    out.print(table)

    if script.speakers:
        speakers = Table(title="Speakers", title_justify="left")
        speakers.add_column("name")
        speakers.add_column("title", overflow="fold")
        speakers.add_column("role")
        for sp in script.speakers:
            speakers.add_row(sp.name or "(anonymous)", sp.title or "", sp.role.value)
        out.print(speakers)
    if lower_thirds:
        out.print(lower_thirds_table(lower_thirds))
    if script.credits:
        out.print("[bold]Credits[/] (not spoken)")
        for c in script.credits:
            out.print(f"  line {c.line}: {c.text}", markup=False)
    if script.directions:
        out.print("[bold]Directions[/] (not captioned)")
        for d in script.directions:
            out.print(f"  line {d.line}: {d.text}", markup=False)
    findings = tuple(sorted((*read_findings, *script.findings), key=lambda f: f.line))
    if findings:
        out.print(findings_table(findings))
    else:
        out.print("No findings.")


def convert_summary(result: object, outputs: list[str]) -> None:
    """One screen on stderr: what was written, cues, duration, slowest cue, findings."""
    from kztranscript.pipeline import Result

    assert isinstance(result, Result)
    err = Console(stderr=True, highlight=False)
    cues = result.cues
    slowest = max(cues, key=lambda c: c.cps)
    counts = {s: sum(1 for f in result.findings if f.severity is s) for s in Severity}
    if result.findings:  # the table first, so the summary is what stays on screen
        err.print(findings_table(result.findings, limit=SCREEN_FINDINGS))
    err.print(f"[bold]{result.source}[/] → {', '.join(outputs)}", markup=True)
    err.print(
        f"  {len(cues)} cues, {vtt(cues[0].start_ms)} → {vtt(cues[-1].end_ms)}, "
        f"slowest cue {slowest.cps:.1f} cps (line {slowest.source_line}), "
        f"findings: {counts[Severity.ERROR]} errors, {counts[Severity.WARNING]} warnings, "
        f"{counts[Severity.INFO]} info"
    )


def lower_thirds_summary(result: Any, outputs: list[str]) -> None:
    err = Console(stderr=True, highlight=False)
    err.print(f"[bold]{result.source}[/] → {', '.join(outputs)}")
    err.print(lower_thirds_table(result.lower_thirds, result.timeline.fps))
    problems = [f for f in result.findings if f.code == "lower-third-no-room"]
    if problems:
        err.print(findings_table(tuple(problems)))


def preview_summary(result: Any, output: str) -> None:
    err = Console(stderr=True, highlight=False)
    err.print(
        f"[bold]{result.source}[/] → {output}: {len(result.timeline.segments)} segments, "
        f"{len(result.cues)} cues, {len(result.lower_thirds)} lower-thirds, "
        f"{len(result.findings)} findings; open it in a browser"
    )


def check_report(results: Sequence[Any], strict: bool) -> None:
    """A findings table per script and a summary line, on stdout."""
    out = Console(highlight=False)
    totals = dict.fromkeys(Severity, 0)
    for r in results:
        counts = {s: sum(1 for f in r.findings if f.severity is s) for s in Severity}
        for s, n in counts.items():
            totals[s] += n
        if r.findings:
            out.print(findings_table(r.findings, title=r.source))
        else:
            out.print(f"[bold]{r.source}[/]: no findings")
    verdict = "FAIL" if totals[Severity.ERROR] or (strict and totals[Severity.WARNING]) else "ok"
    style = "bold red" if verdict == "FAIL" else "bold green"
    out.print(
        f"[{style}]{verdict}[/] {len(results)} file(s): {totals[Severity.ERROR]} errors, "
        f"{totals[Severity.WARNING]} warnings, {totals[Severity.INFO]} info"
    )


@contextmanager
def batch_progress(total: int | None = None) -> Iterator[Callable[[Any], None]]:
    """A progress bar on stderr: files done of the total, files/s, ETA, failures so far."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    err = Console(stderr=True)
    failed = 0
    with Progress(
        SpinnerColumn(),
        TextColumn("[bold]batch[/]"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} files/s"),
        TextColumn("[red]{task.fields[failed]} failed[/]"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task("batch", total=total, rate="0.0", failed=0)
        start = time.perf_counter()
        done = 0

        def tick(result: Any) -> None:
            nonlocal failed, done
            done += 1
            failed += result.row["status"] == "failed"
            rate = done / max(time.perf_counter() - start, 1e-6)
            progress.update(task, advance=1, rate=f"{rate:.1f}", failed=failed)

        yield tick


def batch_summary(summary: Any, out_dir: str) -> None:
    err = Console(stderr=True, highlight=False)
    table = Table(title=f"Batch → {out_dir}", title_justify="left")
    for col in ("inputs", "ok", "warning", "failed", "skipped (resume)"):
        table.add_column(col, justify="right")
    table.add_row(
        str(summary.total),
        str(summary.ok),
        str(summary.warning),
        Text(str(summary.failed), style="bold red" if summary.failed else ""),
        str(summary.skipped),
    )
    err.print(table)
    err.print(
        f"{summary.speakers} speakers in speakers.csv; "
        f"{summary.spelling_variants} written more than one way (see its variants column)"
    )
    if summary.failures:
        failures = Table(title="Failed inputs", title_justify="left")
        failures.add_column("path", overflow="fold")
        failures.add_column("reason", overflow="fold")
        for path, reason in summary.failures[:50]:
            failures.add_row(path, reason)
        err.print(failures)
        if len(summary.failures) > 50:
            err.print(f"… and {len(summary.failures) - 50} more in manifest.csv")


@contextmanager
def stage_progress(title: str) -> Iterator[Callable[[str, float], None]]:
    """A one-line progress display on stderr for long stages (timing from audio)."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    err = Console(stderr=True)
    with Progress(
        TextColumn(f"[bold]{title}[/]"),
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task("starting", total=1.0)

        def report(stage: str, fraction: float) -> None:
            progress.update(task, description=stage, completed=fraction)

        yield report
