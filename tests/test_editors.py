"""Editor and delivery formats: ASS, IMSC / EBU-TT-D TTML, Avid SubCap, Resolve marker EDLs.

Each is read back by a reader that is not its writer: pysubs2 and ffmpeg's ASS demuxer for
ASS, ttconv's TTML reader for both TTML profiles, and for Avid SubCap and the Resolve EDL
parsers written here from the formats' descriptions (see ``writers/editors.py``); libass (the
system ffmpeg's ``subtitles`` filter) burns in a Kazakh cue.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from fractions import Fraction
from pathlib import Path

import pysubs2
import pytest
from click.testing import CliRunner

from kztranscript.cli import cli
from kztranscript.model import Cue
from kztranscript.pipeline import Options, Result, render, run
from kztranscript.timecode import frame_ms, smpte, to_frame
from kztranscript.timing import TimingOptions

from .conftest import SAMPLE

# Two speakers, about twenty cues: the round trip of the issue.
TWO_SPEAKERS = (
    "В Павлодарской области открыли новую школу на шестьсот мест. Строительство шло два "
    "года, и теперь дети из трёх сёл будут учиться рядом с домом.\n"
    "Азат Оральаев, аким района:\n"
    "- Мы строили эту школу два года. Теперь дети будут учиться в новых светлых классах, а "
    "учителя получат служебное жильё.\n"
    "В школе есть спортивный зал, библиотека и столовая на двести мест. Занятия начнутся "
    "первого сентября, а запись в первые классы уже идёт.\n"
    "Гүлнұр Әбдіқалық, мектеп директоры:\n"
    "- Біз бұл күнді көп күттік. Балалар жаңа мектепке қуана барады, ата-аналар да риза.\n"
    "Родители довольны: раньше детям приходилось каждый день ездить в соседнее село, "
    "за двадцать километров, по разбитой дороге. Теперь автобус не нужен. Осенью рядом "
    "откроют детский сад, а весной — стадион с беговыми дорожками и футбольным полем. "
    "Строители обещают закончить работы до первого снега. В районе говорят, что это первая "
    "новая школа за тридцать лет. Следующую построят в соседнем селе через два года. "
    "Аким пообещал, что к зиме в школе заработает и кружок робототехники для старшеклассников, "
    "а летом здесь откроют лагерь для детей со всего района.\n"
)


def result(text: str = TWO_SPEAKERS, start_ms: int = 0, fps: int = 25) -> Result:
    return run(text, "package.txt", Options(timing=TimingOptions(start_ms=start_ms, fps=fps)))


def cue_texts(cues: tuple[Cue, ...] | list[Cue]) -> list[str]:
    return ["\n".join(c.lines) for c in cues]


# --- ASS ------------------------------------------------------------------------------------


def test_ass_read_back_by_pysubs2() -> None:
    r = result()
    assert 20 <= len(r.cues) <= 30
    subs = pysubs2.SSAFile.from_string(render(r, "ass"))
    assert subs.styles["Default"].fontname == "DejaVu Sans"
    assert len(subs.events) == len(r.srt_cues)
    for event, cue in zip(subs.events, r.srt_cues, strict=True):
        assert (event.start, event.end) == (cue.start_ms, cue.end_ms)  # 25 fps: whole cs
        assert event.plaintext == "\n".join(cue.lines)
        assert event.text.startswith("{\\an8}") is cue.raised
        assert event.name == (cue.speaker.label if cue.speaker else "")
    assert any(e.name == "Гүлнұр Әбдіқалық" for e in subs.events)


def test_ass_keeps_braces_and_backslashes_visible() -> None:
    r = run("Индекс {A} вырос, путь C:\\data открыт, курс \\N не изменился.\n", "x")
    event = pysubs2.SSAFile.from_string(render(r, "ass")).events[0]
    assert "｛A｝" in event.plaintext and "C:＼data" in event.plaintext
    assert "\n" not in event.plaintext.replace("\n", "", len(r.cues[0].lines) - 1)


def _ffmpeg() -> str | None:
    try:
        import imageio_ffmpeg

        return str(imageio_ffmpeg.get_ffmpeg_exe())
    except (ImportError, RuntimeError):
        return shutil.which("ffmpeg")


def test_ass_read_back_by_ffmpeg(tmp_path: Path) -> None:
    exe = _ffmpeg()
    if exe is None:
        pytest.skip("no ffmpeg")
    r = result()
    src = tmp_path / "x.ass"
    src.write_text(render(r, "ass"), encoding="utf-8")
    out = subprocess.run(
        [exe, "-v", "error", "-i", str(src), "-f", "srt", "-"],
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    blocks = [b.splitlines() for b in out.strip().split("\n\n")]
    assert len(blocks) == len(r.srt_cues)
    for block, cue in zip(blocks, r.srt_cues, strict=True):
        assert block[1] == f"{_srt(cue.start_ms)} --> {_srt(cue.end_ms)}"
        text = re.sub(r"\{\\an8\}|</?font[^>]*>", "", "\n".join(block[2:]))  # ffmpeg's styling
        assert text == "\n".join(cue.lines)


def _srt(ms: int) -> str:
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d},{ms:03d}"


def test_ass_burn_in_draws_every_kazakh_letter_in_one_font(tmp_path: Path) -> None:
    exe = shutil.which("ffmpeg")
    if exe is None:
        pytest.skip("no system ffmpeg with libass")
    filters = subprocess.run([exe, "-hide_banner", "-filters"], capture_output=True, text=True)
    if " subtitles " not in filters.stdout:
        pytest.skip("this ffmpeg has no libass (subtitles filter)")
    fonts = subprocess.run(["fc-list"], capture_output=True, text=True).stdout
    if "DejaVu Sans" not in fonts:
        pytest.skip("DejaVu Sans is not installed (apt-get install fonts-dejavu-core)")
    r = run("Әә Ғғ Ққ Ңң Өө Ұұ Үү Һһ Іі — барлық әріптер.\n", "kk.txt")
    src = tmp_path / "kk.ass"
    src.write_text(render(r, "ass"), encoding="utf-8")
    proc = subprocess.run(
        [
            *(exe, "-hide_banner", "-loglevel", "verbose", "-f", "lavfi"),
            *("-i", "color=c=black:s=640x360:d=1", "-vf", f"subtitles={src}"),
            *("-frames:v", "1", "-y", str(tmp_path / "frame.png")),
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr[-500:]
    chosen = re.findall(r"fontselect: \((.+?), \d+, \d\) -> (\S+)", proc.stderr)
    assert chosen and all(name == "DejaVu Sans" for name, _ in chosen), chosen
    assert len({path for _, path in chosen}) == 1, chosen
    assert "not found" not in proc.stderr  # libass says "Glyph 0x4D8 not found" otherwise


# --- TTML -------------------------------------------------------------------------------------


def _ttconv_cues(text: str) -> list[tuple[int, int, str, str]]:
    from ttconv.imsc import reader

    doc = reader.to_model(ET.ElementTree(ET.fromstring(text)))
    assert doc is not None
    out = []
    for div in doc.get_body():
        for p in div:
            lines, line = [], []
            for child in p:
                if type(child).__name__ == "Br":
                    lines.append("".join(line))
                    line = []
                else:
                    line.append("".join(t.get_text() for t in child))
            lines.append("".join(line))
            begin, end = p.get_begin() or 0, p.get_end()  # ttconv reads 0 as no begin
            region = p.get_region()
            name = region.get_id() if region is not None else ""
            out.append((round(begin * 1000), round(end * 1000), "\n".join(lines), name))
    return out


@pytest.mark.parametrize("fmt", ["ttml", "ebu-tt-d"])
def test_ttml_read_back_by_ttconv(fmt: str) -> None:
    r = result(start_ms=36_000_000)
    text = render(r, fmt)
    root = ET.fromstring(text)
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "ru"
    got = _ttconv_cues(text)
    want = [
        (c.start_ms, c.end_ms, "\n".join(c.lines), "top" if c.raised else "bottom") for c in r.cues
    ]
    assert got == want
    assert "Гүлнұр" not in text or "Әбдіқалық" in text  # Kazakh letters as written
    if fmt == "ebu-tt-d":
        assert root.get("{http://www.w3.org/ns/ttml#parameter}timeBase") == "media"
        assert "urn:ebu:tt:distribution:2018-04" in text


def test_ttml_carries_kazakh_untouched() -> None:
    r = run("Бүгін Павлодар облысында жаңа мектеп ашылды. Мектеп алты жүз оқушыға арналған.\n")
    for fmt in ("ttml", "ebu-tt-d"):
        text = render(r, fmt)
        assert 'xml:lang="kk"' in text
        assert [c[2] for c in _ttconv_cues(text)] == cue_texts(r.cues)


# --- Avid SubCap and Resolve markers: parsers from the formats' descriptions ------------------

_TC = r"(\d{2}):(\d{2}):(\d{2}):(\d{2})"


def _frames(tc: tuple[str, ...], fps: int) -> int:
    h, m, s, f = (int(x) for x in tc)
    assert f < fps
    return ((h * 60 + m) * 60 + s) * fps + f


def parse_avid_ds(text: str, fps: int) -> list[tuple[int, int, str]]:
    """An Avid DS caption file: a header line starting with @, <begin subtitles>, blocks of
    "TC TC" and text lines separated by blank lines, <end subtitles>."""
    lines = text.split("\n")
    assert lines[0].startswith("@ ")
    start = lines.index("<begin subtitles>")
    end = lines.index("<end subtitles>")
    assert text.endswith("<end subtitles>\n")
    blocks = "\n".join(lines[start + 1 : end]).strip().split("\n\n")
    out = []
    last_end = -1
    for block in blocks:
        head, *body = block.split("\n")
        m = re.fullmatch(f"{_TC} {_TC}", head)
        assert m, head
        a, b = _frames(m.groups()[:4], fps), _frames(m.groups()[4:], fps)
        assert a < b and a >= last_end  # SubCap stops at the first overlap
        last_end = b
        assert 1 <= len(body) <= 2
        out.append((a, b, "\n".join(body)))
    return out


def parse_resolve_edl(text: str, fps: int) -> list[tuple[int, int, str, str]]:
    """A CMX 3600 EDL of one-frame events, each followed by a Resolve marker line
    " |C:colour |M:name |D:frames": (record frame, duration, colour, name)."""
    lines = text.split("\n")
    assert lines[0].startswith("TITLE: ") and lines[1] == "FCM: NON-DROP FRAME"
    out = []
    for i, line in enumerate(lines):
        m = re.fullmatch(rf"(\d{{3}})  001      V     C        {_TC} {_TC} {_TC} {_TC}  ", line)
        if not m:
            continue
        g = m.groups()
        src_in, src_out, rec_in, rec_out = (_frames(g[k : k + 4], fps) for k in (1, 5, 9, 13))
        assert src_out - src_in == 1 and rec_out - rec_in == 1 and rec_in == src_in
        marker = re.fullmatch(r" \|C:(ResolveColor\w+) \|M:([^|]+) \|D:(\d+)", lines[i + 1])
        assert marker, lines[i + 1]
        assert int(m.group(1)) == len(out) + 1
        out.append((rec_in, int(marker.group(3)), marker.group(1), marker.group(2)))
    return out


@pytest.mark.parametrize("fps", [24, 25, 30, 50, 60])
def test_avid_subcap_round_trip_to_the_frame(fps: int) -> None:
    r = result(start_ms=36_000_000, fps=fps)
    got = parse_avid_ds(render(r, "avid"), fps)
    want = [
        (to_frame(c.start_ms, fps), to_frame(c.end_ms, fps), "\n".join(c.lines)) for c in r.srt_cues
    ]
    assert got == want
    assert all(frame_ms(a, fps) == c.start_ms for (a, _, _), c in zip(got, r.srt_cues, strict=True))


@pytest.mark.parametrize("fps", [24, 25, 30])
def test_resolve_markers_for_syncs_and_lower_thirds(fps: int) -> None:
    r = result(start_ms=3_600_000, fps=fps)
    got = parse_resolve_edl(render(r, "resolve-edl"), fps)
    syncs = [m for m in got if m[2] == "ResolveColorGreen"]
    thirds = [m for m in got if m[2] == "ResolveColorBlue"]
    assert [m[3] for m in syncs] == [
        "Азат Оральаев, аким района",
        "Гүлнұр Әбдіқалық, мектеп директоры",
    ]
    timed = {ts.index: ts for ts in r.timeline.segments}
    sync_starts = [timed[i].start_ms for i, s in enumerate(r.script.segments) if s.speaker]
    assert [m[0] for m in syncs] == [to_frame(ms, fps) for ms in sync_starts]
    assert [(m[0], m[1], m[3]) for m in thirds] == [
        (
            to_frame(lt.in_ms, fps),
            to_frame(lt.out_ms, fps) - to_frame(lt.in_ms, fps),
            f"{lt.name}, {lt.title}",
        )
        for lt in r.lower_thirds
    ]
    assert got == sorted(got, key=lambda m: m[0])
    assert smpte(3_600_000, fps) == "01:00:00:00"
    assert all(m[0] >= 3600 * fps for m in got)  # on Resolve's timeline, from 01:00:00:00


def test_editor_formats_golden(golden) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    r = run(text, SAMPLE.name, Options(timing=TimingOptions(start_ms=3_600_000)))
    for fmt, suffix in (("avid", "avid.txt"), ("resolve-edl", "markers.edl"), ("ass", "ass")):
        golden(f"24kz_un_human_rights_ru.{suffix}", render(r, fmt).encode("utf-8"))


# --- the command line --------------------------------------------------------------------------


def test_cli_writes_every_editor_format(tmp_path: Path) -> None:
    script = tmp_path / "package.txt"
    script.write_text(TWO_SPEAKERS, encoding="utf-8")
    runner = CliRunner()
    args = ["convert", str(script), "--out-dir", str(tmp_path), "--start", "09:00:00:00"]
    for fmt in ("ass", "ttml", "ebu-tt-d", "avid", "resolve-edl"):
        args += ["--to", fmt]
    res = runner.invoke(cli, args)
    assert res.exit_code == 0, res.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(
        [
            "package.txt",
            "package.ass",
            "package.ttml",
            "package.ebu-tt-d.xml",
            "package.avid.txt",
            "package.markers.edl",
        ]
    )
    assert "09:00:0" in (tmp_path / "package.avid.txt").read_text(encoding="utf-8")
    for out, first in (("x.ttml", "<?xml"), ("x.edl", "TITLE: "), ("y.ass", "[Script Info]")):
        res = runner.invoke(cli, ["convert", str(script), "-o", str(tmp_path / out)])
        assert res.exit_code == 0, res.output  # the format from the extension
        assert (tmp_path / out).read_text(encoding="utf-8").startswith(first)
    res = runner.invoke(
        cli, ["convert", str(script), "-o", str(tmp_path / "z.ass"), "--start", "10:00:00:00"]
    )
    assert res.exit_code == 2 and "9:59:59" in res.output and not (tmp_path / "z.ass").exists()
    res = runner.invoke(cli, ["lowerthirds", str(script), "-o", "-", "--to", "resolve-edl"])
    assert res.exit_code == 0, res.output
    assert "|C:ResolveColorBlue |M:Азат Оральаев, аким района" in res.stdout


def test_batch_writes_an_editor_format(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(TWO_SPEAKERS, encoding="utf-8")
    res = CliRunner().invoke(cli, ["batch", str(src), "-o", str(tmp_path / "out"), "--to", "ass"])
    assert res.exit_code in (0, 1), res.output
    assert pysubs2.load(str(tmp_path / "out" / "a.ass")).events


# --- Premiere (FCP7 XML through OpenTimelineIO) and Final Cut (FCPXML) -------------------------


@pytest.mark.parametrize("fps", [25, 30])
def test_fcp7_markers_read_back_by_opentimelineio(fps: int) -> None:
    import opentimelineio as otio

    r = result(start_ms=36_000_000, fps=fps)
    seq = otio.adapters.read_from_string(render(r, "fcp7"), "fcp_xml")
    if isinstance(seq, otio.schema.SerializableCollection):
        (seq,) = list(seq)
    assert seq.global_start_time.to_frames() == 10 * 3600 * fps
    got = [
        (m.marked_range.start_time.to_frames(), m.marked_range.duration.to_frames(), m.name)
        for m in seq.tracks.markers
    ]
    start = to_frame(36_000_000, fps)
    want = [
        (
            to_frame(lt.in_ms, fps) - start,
            to_frame(lt.out_ms, fps) - to_frame(lt.in_ms, fps),
            f"{lt.name}, {lt.title}",
        )
        for lt in r.lower_thirds
    ]
    assert [m for m in got if m[1] > 1] == want
    assert [m[2] for m in got if m[1] == 1] == [
        "Азат Оральаев, аким района",
        "Гүлнұр Әбдіқалық, мектеп директоры",
    ]


def _seconds(value: str) -> Fraction:
    """An FCPXML time: "1234/25s", "5s" or "0s"."""
    assert value.endswith("s"), value
    return Fraction(value[:-1])


def test_fcpxml_captions_and_markers() -> None:
    import opentimelineio as otio

    fps = 25
    r = result(start_ms=3_600_000, fps=fps)
    text = render(r, "fcpxml")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE fcpxml>\n')
    root = ET.fromstring(text)
    assert root.get("version") == "1.9"
    captions = root.findall(".//gap/caption")
    got = [
        (
            round(_seconds(c.get("offset", "")) * 1000),
            round((_seconds(c.get("offset", "")) + _seconds(c.get("duration", ""))) * 1000),
            "".join(c.find("text").itertext()),  # type: ignore[union-attr]
            c.find("text").get("placement"),  # type: ignore[union-attr]
            c.get("role"),
        )
        for c in captions
    ]
    want = [
        (
            c.start_ms,
            c.end_ms,
            "\n".join(c.lines),
            "top" if c.raised else "bottom",
            "iTT?captionFormat=ITT.ru",
        )
        for c in r.cues
    ]
    assert got == want
    ids = [d.get("id") for d in root.iter("text-style-def")]
    assert len(ids) == len(set(ids)) == len(captions)  # unique across the document
    names = [m.get("value") for m in root.findall(".//gap/marker")]
    assert "Гүлнұр Әбдіқалық, мектеп директоры" in names
    # OpenTimelineIO's FCPXML adapter reads the project (it has no caption schema)
    doc = otio.adapters.read_from_string(text, "fcpx_xml")
    assert "package" in [t.name for t in doc]


@pytest.mark.parametrize("fmt", ["fcp7", "fcpxml"])
def test_fcp_formats_from_the_command_line(tmp_path: Path, fmt: str) -> None:
    script = tmp_path / "package.txt"
    script.write_text(TWO_SPEAKERS, encoding="utf-8")
    res = CliRunner().invoke(
        cli,
        ["convert", str(script), "--out-dir", str(tmp_path), "--to", fmt, "--start", "1:00:00:00"],
    )
    assert res.exit_code == 0, res.output
    suffix = {"fcp7": ".fcp7.xml", "fcpxml": ".fcpxml"}[fmt]
    ET.parse(tmp_path / f"package{suffix}")  # well-formed
