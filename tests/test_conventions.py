"""Newsroom conventions as data: the defaults, a newsroom's own file, and bad files."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner

from kztranscript import conventions
from kztranscript.cli import cli
from kztranscript.errors import ConventionsError
from kztranscript.model import SegmentKind
from kztranscript.parsing import parse

from .test_cli import one_line_error

SCRIPT = (
    "Жители микрорайона жалуются на шум стройки.\n"
    "ГОЛОС ДИКТОРА:\n"
    "Стройку обещают закончить к весне.\n"
    "Ассистент режиссёра: Мария Ким\n"
    "ПОДПИСЬ: Айдос Серикбаев, прораб\n"
)
OURS = """
[sections]
voiceover = ["Голос диктора"]
[credits]
labels = ["ассистент режиссёра"]
[graphics]
labels = ["подпись"]
"""


def test_the_defaults_ship_with_the_package() -> None:
    c = conventions.default()
    assert {"зк", "снх", "интершум", "подводка"} <= c.section_labels
    assert c.section_kind("снх") is SegmentKind.SYNC and c.section_kind("интершум") is None
    assert {"автор", "хронометраж"} <= c.credit_labels and "титр" in c.graphics_labels


def test_a_newsroom_file_changes_the_parse(tmp_path: Path) -> None:
    plain = parse(SCRIPT)  # the labels read as speakers, the credit as speech
    spoken = " ".join(s.text for s in plain.segments)
    assert "Мария Ким" in spoken and "прораб" in spoken and not plain.credits
    f = tmp_path / "ours.toml"
    f.write_text(OURS, encoding="utf-8")
    ours = parse(SCRIPT, conventions=conventions.load(str(f)))
    assert [(s.kind, s.text) for s in ours.segments] == [
        (SegmentKind.LEAD, "Жители микрорайона жалуются на шум стройки."),
        (SegmentKind.VOICEOVER, "Стройку обещают закончить к весне."),
    ]
    assert [c.text for c in ours.credits] == ["Ассистент режиссёра: Мария Ким"]
    shown = [d.speaker for d in ours.directions if d.speaker is not None]
    assert [(sp.name, sp.title) for sp in shown] == [("Айдос Серикбаев", "прораб")]


def test_replace_takes_a_default_label_away() -> None:
    text = "Подводка к сюжету о погоде.\nИНТЕРШУМ\nСнег идёт третий день."
    assert [d.text for d in parse(text).directions] == ["ИНТЕРШУМ"]
    without = conventions.load_text("[sections]\nreplace = true\nother = []\n")
    assert "интершум" not in without.section_labels and "зк" in without.section_labels
    assert parse(text, conventions=without).directions == ()


def test_conventions_are_stable_values() -> None:
    a = conventions.load_text(OURS)
    assert a == conventions.load_text(OURS) and hash(a) == hash(conventions.load_text(OURS))
    assert repr(a) == repr(pickle.loads(pickle.dumps(a)))  # batch fingerprints use the repr


@pytest.mark.parametrize(
    ("text", "says", "line"),
    [
        ("[sections\nsync = []", "not valid TOML", 1),
        ('[sections]\nsync = ["a"]\nsync = ["b"]', "Cannot overwrite a value", None),
        ("[pages]\nlabels = []", "unknown table [pages]", None),
        ("[sections]\nsynk = []", "unknown key 'sections.synk'", None),
        ('[sections]\nsync = "СНХ"', "'sections.sync' must be a list of non-empty strings", None),
        ('[credits]\nlabels = [""]', "'credits.labels' must be a list of non-empty strings", None),
        ("sections = 3", "'sections' must be a table", None),
        (
            '[graphics]\nreplace = "yes"\nlabels = []',
            "'graphics.replace' must be true or false",
            None,
        ),
    ],
)
def test_a_bad_file_names_file_key_and_line(
    tmp_path: Path, text: str, says: str, line: int | None
) -> None:
    f = tmp_path / "bad.toml"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(ConventionsError) as info:
        conventions.load(str(f))
    assert says in info.value.reason and info.value.path == str(f) and info.value.line == line
    assert "\n" not in str(info.value)


def test_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(ConventionsError, match="cannot read"):
        conventions.load(str(tmp_path / "missing.toml"))
    f = tmp_path / "cp1251.toml"
    f.write_bytes('[sections]\nsync = ["СНХ"]\n'.encode("cp1251"))
    with pytest.raises(ConventionsError, match="not UTF-8") as info:
        conventions.load(str(f))
    assert info.value.line == 2


def test_every_parsing_command_takes_a_conventions_file(tmp_path: Path) -> None:
    script = tmp_path / "s.txt"
    script.write_text(SCRIPT, encoding="utf-8")
    ours = tmp_path / "ours.toml"
    ours.write_text(OURS, encoding="utf-8")
    runner = CliRunner()
    r = runner.invoke(cli, ["show", "--json", str(script), "--conventions", str(ours)])
    assert r.exit_code == 0 and '"kind": "voiceover"' in r.stdout
    convert = ["convert", str(script), "--conventions", str(ours), "-o", "-", "--to", "srt"]
    r = runner.invoke(cli, [*convert, "-q"])
    assert r.exit_code == 0 and "ГОЛОС" not in r.stdout and "Стройку" in r.stdout
    r = runner.invoke(cli, ["check", str(script), "--conventions", str(ours)])
    assert r.exit_code == 0
    r = runner.invoke(
        cli,
        ["lowerthirds", str(script), "--conventions", str(ours), "-o", "-", "--to", "csv", "-q"],
    )
    assert r.exit_code == 0
    out = tmp_path / "out"
    r = runner.invoke(cli, ["batch", str(script), "-o", str(out), "-q", "--conventions", str(ours)])
    assert r.exit_code == 0 and "ГОЛОС" not in (out / "s.srt").read_text(encoding="utf-8")


def test_a_bad_conventions_file_is_a_one_line_usage_error(tmp_path: Path) -> None:
    script = tmp_path / "s.txt"
    script.write_text(SCRIPT, encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text("[sections]\nsynk = []\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["convert", str(script), "--conventions", str(bad)])
    one_line_error(r, 2, str(bad), "unknown key 'sections.synk'")
    assert not list(tmp_path.glob("*.srt"))


def test_the_readme_example_file_loads() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    example = readme.split("```toml\n", 1)[1].split("```", 1)[0]
    c = conventions.load_text(example, "our-newsroom.toml")
    assert {"голос диктора", "интервью", "графика зк"} <= c.section_labels
    assert c.section_kind("интервью") is SegmentKind.SYNC
    assert {"ассистент режиссера", "код сюжета"} <= c.credit_labels
    assert "подпись" in c.graphics_labels
