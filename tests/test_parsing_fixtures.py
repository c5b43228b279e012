"""Each fixture in tests/data/parser/ is a script written for one marker shape, position,
quote style or trap; its .expected file lists the segments, credits, directions and findings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from kztranscript.parsing import parse

from .conftest import DATA

FIXTURES = sorted((DATA / "parser").glob("*.txt"))
# A sync whose speech the script leaves out (its caption line only) has no text.
UNTRANSCRIBED = "(untranscribed)"


@dataclass
class Expected:
    language: str
    segments: list[tuple[str, str | None, str | None, str | None, str, int | None]]
    credits: list[str]
    directions: list[str]
    findings: list[tuple[str, int]]


def _opt(value: str) -> str | None:
    value = value.strip()
    return None if value == "-" else value


def load_expected(path: Path) -> Expected:
    exp = Expected("", [], [], [], [])
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            continue
        key, _, value = raw.partition(": ")
        if key == "language":
            exp.language = value.strip()
        elif key == "segment":
            kind, name, title, note, start = (p.strip() for p in value.split(" | "))
            anchor = None
            if " @ " in start:
                start, _, at = start.partition(" @ ")
                anchor = int(at)
            exp.segments.append((kind, _opt(name), _opt(title), _opt(note), start, anchor))
        elif key == "credit":
            exp.credits.append(value)
        elif key == "direction":
            exp.directions.append(value)
        elif key == "finding":
            code, _, line = value.partition(" @ ")
            exp.findings.append((code.strip(), int(line)))
        else:
            raise AssertionError(f"{path}: unknown key {key!r}")
    return exp


def test_every_fixture_has_expectations() -> None:
    assert len(FIXTURES) >= 15
    for f in FIXTURES:
        assert f.with_suffix(".expected").exists(), f


@pytest.mark.parametrize("path", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_fixture(path: Path) -> None:
    script = parse(path.read_text(encoding="utf-8"), source=path.name)
    exp = load_expected(path.with_suffix(".expected"))
    got = [
        (
            seg.kind.value,
            seg.speaker.name if seg.speaker else None,
            seg.speaker.title if seg.speaker else None,
            seg.speaker.note if seg.speaker else None,
            seg.text if seg.transcribed else UNTRANSCRIBED,
            seg.anchor_ms,
        )
        for seg in script.segments
    ]
    assert len(got) == len(exp.segments), got
    for g, e in zip(got, exp.segments, strict=True):
        assert g[:4] == e[:4], (g, e)
        assert g[4].startswith(e[4]) and (g[4] == UNTRANSCRIBED) is (e[4] == UNTRANSCRIBED), (
            g[4],
            e[4],
        )
        assert g[5] == e[5], (g, e)
    assert [c.text for c in script.credits] == exp.credits
    assert [d.text for d in script.directions] == exp.directions
    assert [(f.code, f.line) for f in script.findings] == exp.findings
    assert script.language.value == exp.language
