"""The library's face: the package root, finding codes, and errors in the domain's words."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import kztranscript
from kztranscript.cli import cli
from kztranscript.errors import OptionsError
from kztranscript.model import FindingCode

from .test_cli import one_line_error

SRC = Path(kztranscript.__file__).parent
DOCS = Path(__file__).parent.parent / "docs" / "transcript-schema.md"


def test_parse_run_and_the_model_from_the_package_root() -> None:
    script = kztranscript.parse("Форум открылся.\nИмя Фамилия, аким:\n- Мы готовы.")
    assert isinstance(script, kztranscript.Script)
    assert script.segments[1].kind is kztranscript.SegmentKind.SYNC
    result = kztranscript.run("Форум открылся.", options=kztranscript.Options())
    assert isinstance(result.cues[0], kztranscript.Cue)
    assert set(kztranscript.__all__) <= set(dir(kztranscript))
    with pytest.raises(AttributeError):
        kztranscript.no_such_name  # noqa: B018


def test_the_package_root_loads_nothing_until_asked() -> None:
    code = (
        "import kztranscript, sys; "
        "print(sorted(m for m in sys.modules if m.startswith('kztranscript')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['kztranscript']"


def test_every_finding_code_is_documented() -> None:
    doc = DOCS.read_text(encoding="utf-8")
    missing = [c.value for c in FindingCode if f"`{c.value}`" not in doc]
    assert not missing


def test_the_library_names_no_command_line_flag() -> None:
    """Flags are the CLI's words: errors raised by the library name the setting instead."""
    offenders = []
    for path in SRC.rglob("*.py"):
        if "cli" in path.relative_to(SRC).parts:
            continue
        for m in re.finditer(r"raise \w+Error\((?:[^()]|\([^()]*\))*\)", path.read_text("utf-8")):
            if re.search(r"--[a-z]", m.group()):
                offenders.append(f"{path.name}: {m.group()[:80]}")
    assert not offenders


def test_options_errors_pickle_with_their_setting() -> None:
    import pickle

    err = pickle.loads(pickle.dumps(OptionsError("too short", option="duration")))
    assert (err.reason, err.option, err.exit_code) == ("too short", "duration", 2)


def test_the_cli_maps_a_setting_to_its_flag(tmp_path: Path) -> None:
    script = tmp_path / "s.txt"
    script.write_text("Первое предложение. Второе предложение. Третье.\n" * 5, encoding="utf-8")
    r = CliRunner().invoke(
        cli, ["convert", str(script), "--duration", "0:02", "-o", "-", "--to", "srt"]
    )
    one_line_error(r, 2, "s.txt: ", "cues of at least 840 ms")
    assert "(--duration)" in r.stderr  # the file, and the setting that does not fit it
    r = CliRunner().invoke(cli, ["convert", str(script), "--start", "ten"])
    one_line_error(r, 2, "--start: bad time 'ten'")
