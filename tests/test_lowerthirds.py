"""Lower-thirds: items on the sample, the three writers, raised captions, the CLI."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from kztranscript.cli import cli
from kztranscript.lowerthirds import LowerThirdRules
from kztranscript.pipeline import Options, render, run
from kztranscript.timing import TimingOptions
from kztranscript.writers.lowerthirds import COLUMNS

from .conftest import DATA, SAMPLE

TEXT = SAMPLE.read_text(encoding="utf-8")
GOLDEN = DATA / "golden"


def sample(options: Options | None = None):
    return run(TEXT, SAMPLE.name, options)


def test_sample_items() -> None:
    result = sample()
    items = result.lower_thirds
    assert [(i.name, i.title) for i in items] == [
        ("Жанат Эрнст", "корреспондент"),
        ("Эльвира Азимова", "председатель Конституционного суда РК"),
        ("Жемис Турмагамбетова", "исполнительный директор ОФ «Хартия за права человека»"),
        ("Артур Ластаев", "уполномоченный по правам человека в Казахстане"),
        ("Эймон Гилмор", "спецпредставитель ЕС по правам человека"),
    ]
    segments = {ts.index: ts for ts in result.timeline.segments}
    for it in items:
        ts = segments[it.segment]
        assert it.in_ms % 40 == 0 and it.out_ms % 40 == 0
        assert ts.start_ms + 1000 <= it.in_ms + 20
        assert it.out_ms <= ts.end_ms - 200
        assert 3000 <= it.duration_ms <= 5000
    assert [i.in_ms for i in items] == sorted(i.in_ms for i in items)


def test_goldens_byte_for_byte(golden) -> None:
    result = sample()
    for fmt in ("csv", "json", "xml"):
        text = render(result, fmt).encode("utf-8")
        if fmt == "csv":
            text = b"\xef\xbb\xbf" + text  # the CLI writes CSV with a BOM by default
        golden(f"24kz_un_human_rights_ru.lowerthirds.{fmt}", text)


def test_csv_reads_back_with_csv_module() -> None:
    result = sample()
    rows = list(csv.DictReader(io.StringIO(render(result, "csv"))))
    assert list(rows[0]) == list(COLUMNS)
    assert len(rows) == 5
    for row, it in zip(rows, result.lower_thirds, strict=True):
        assert row["name"] == it.name and row["title"] == it.title
        assert int(row["inms"]) == it.in_ms and int(row["outms"]) == it.out_ms
        assert int(row["durms"]) == it.duration_ms
    assert rows[0]["tcin"] == "00:00:29:17"
    tsv = list(csv.reader(io.StringIO(render(result, "tsv")), delimiter="\t"))
    assert tsv[0] == list(COLUMNS) and len(tsv) == 6


def test_json_and_xml_parse() -> None:
    result = sample()
    data = json.loads(render(result, "json"))
    assert isinstance(data, list) and list(data[0]) == list(COLUMNS)
    root = ET.fromstring(render(result, "xml"))
    items = root.findall("item")
    assert len(items) == 5
    f0 = items[2].find("templateData/componentData[@id='f0']/data")
    f1 = items[2].find("templateData/componentData[@id='f1']/data")
    assert f0 is not None and f0.get("value") == "Жемис Турмагамбетова"
    assert (
        f1 is not None
        and f1.get("value") == "исполнительный директор ОФ «Хартия за права человека»"
    )


def test_formula_cells_are_inert() -> None:
    script = 'Текст.\nАйдар Бекенов, =HYPERLINK("http://x"):\n- ' + "Длинная речь о важном. " * 6
    text = render(run(script), "csv")
    row = next(iter(csv.DictReader(io.StringIO(text))))
    assert row["title"].startswith("'=")
    script = "Текст.\nАйдар Бекенов, +7 аким & «A<B>»:\n- " + "Длинная речь о важном. " * 6
    result = run(script)
    assert next(iter(csv.DictReader(io.StringIO(render(result, "csv")))))["title"].startswith("'+")
    root = ET.fromstring(render(result, "xml"))
    value = root.find("item/templateData/componentData[@id='f1']/data")
    assert value is not None and value.get("value") == "+7 аким & «A<B>»"


def test_every_appearance_and_upper_case() -> None:
    script = (
        "Текст.\nАйдар Бекенов, аким:\n- " + "Длинная речь о важном. " * 6 + "\nЗакадр.\n"
        "Бекенов:\n- " + "Ещё одна длинная речь о важном. " * 5
    )
    assert len(run(script).lower_thirds) == 1
    items = run(script, options=Options(lower_thirds=LowerThirdRules(every_appearance=True)))
    assert len(items.lower_thirds) == 2
    upper = run(script, options=Options(lower_thirds=LowerThirdRules(upper=True))).lower_thirds
    assert (upper[0].name, upper[0].title) == ("АЙДАР БЕКЕНОВ", "АКИМ")


def test_cues_under_a_lower_third_move_up() -> None:
    result = sample()
    vtt = render(result, "vtt")
    raised = [c for c in result.cues if c.raised]
    assert raised
    for c in result.cues:
        overlaps = any(c.start_ms < i.out_ms and i.in_ms < c.end_ms for i in result.lower_thirds)
        assert c.raised == overlaps
    assert vtt.count(" line:10%\n") == len(raised)
    srt = render(result, "srt")
    assert "{\\an8}" not in srt
    tagged = render(run(TEXT, SAMPLE.name, Options(srt_position_tags=True)), "srt")
    assert tagged.count("{\\an8}") == len(raised)


def test_timecodes_from_start() -> None:
    result = sample(Options(timing=TimingOptions(start_ms=36_000_000)))
    rows = list(csv.DictReader(io.StringIO(render(result, "csv"))))
    assert rows[0]["tcin"] == "10:00:29:17"


def cli_run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_lowerthirds_cli(tmp_path: Path) -> None:
    r = cli_run("lowerthirds", str(SAMPLE), "--out-dir", str(tmp_path))
    assert r.exit_code == 0, r.stderr
    out = tmp_path / "24kz_un_human_rights_ru.lowerthirds.csv"
    assert out.read_bytes() == (GOLDEN / out.name).read_bytes()
    assert "Жанат Эрнст" in r.stderr
    for ext in ("tsv", "json", "xml"):
        target = tmp_path / f"titles.{ext}"
        assert cli_run("lowerthirds", str(SAMPLE), "-o", str(target), "-q").exit_code == 0
        assert target.stat().st_size > 100
    r = cli_run("lowerthirds", str(SAMPLE), "-o", "-", "--to", "json", "-q")
    assert len(json.loads(r.stdout)) == 5
    r = cli_run("lowerthirds", str(SAMPLE), "-o", "-", "--to", "csv", "-q", "--no-bom")
    assert r.stdout.startswith("name,title,role")
    r = cli_run("lowerthirds", str(SAMPLE), "-o", "-", "--to", "srt")
    assert r.exit_code == 2


def test_show_has_lower_thirds_table() -> None:
    r = cli_run("show", str(SAMPLE))
    assert "Lower-thirds" in r.stdout and "00:00:29:17" in r.stdout


def test_a_graphics_line_gives_the_lower_third_its_text() -> None:
    """ТИТР / SUPER= lines are what the graphics operator puts on air: the lower-third uses
    their name and title, and check still reports where they differ from the marker."""
    from kztranscript.model import FindingCode
    from kztranscript.pipeline import Options

    text = (DATA / "parser" / "graphics_lower_third_ru.txt").read_text(encoding="utf-8")
    result = run(text, options=Options(checks=True))
    assert [(lt.name, lt.title) for lt in result.lower_thirds] == [
        ("Нурлан Ахметов", "аким Байзакского района")
    ]
    assert any(f.code is FindingCode.GRAPHICS_TITLE for f in result.findings)
    rundown = (DATA / "parser" / "rundown_fields_en.txt").read_text(encoding="utf-8")
    assert [(lt.name, lt.title) for lt in run(rundown).lower_thirds] == [("Jake Miller", "Parent")]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 10_000), st.integers(1, 3_000)), max_size=30),
    st.lists(st.tuples(st.integers(0, 10_000), st.integers(1, 6_000)), max_size=8),
)
def test_raised_cues_are_those_overlapping_a_lower_third(cues_at: list, items_at: list) -> None:
    from kztranscript.lowerthirds import raise_cues
    from kztranscript.model import Cue, Language, LowerThird, Role

    cues = tuple(Cue(s, s + d, ("текст",), 0, 1) for s, d in cues_at)
    items = tuple(
        LowerThird("Имя", "титр", Role.INTERVIEWEE, Language.RU, s, s + d, 0, 1)
        for s, d in items_at
    )
    plain = [any(c.start_ms < lt.out_ms and lt.in_ms < c.end_ms for lt in items) for c in cues]
    assert [c.raised for c in raise_cues(cues, items)] == plain
