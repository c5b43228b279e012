"""The README's quick start holds exactly two commands, and CI runs the test one."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).parent.parent


def quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return [line.strip() for line in section.splitlines() if line.startswith("    ")]


def test_two_commands() -> None:
    commands = quick_start_commands()
    assert len(commands) == 2
    assert "samples/" in commands[0] and " convert " in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert quick_start_commands()[1] in ci.splitlines()


def test_licence_agrees() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'license = "GPL-3.0-or-later"' in pyproject
    assert "GNU GENERAL PUBLIC LICENSE" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "GPL-3.0-or-later" in (ROOT / "README.md").read_text(encoding="utf-8")
