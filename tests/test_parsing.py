"""The parser on the 24KZ sample, on arbitrary text (hypothesis), and its no-text-lost rule."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kztranscript.model import Role, SegmentKind
from kztranscript.parsing import detect_language, parse
from kztranscript.reading import normalize
from kztranscript.speakers import role_of
from kztranscript.writers.transcript import write_script

from .conftest import DATA, SAMPLE


def sample_script():
    return parse(SAMPLE.read_text(encoding="utf-8"), source=SAMPLE.name)


def test_sample_segments() -> None:
    s = sample_script()
    kinds = [seg.kind for seg in s.segments]
    assert kinds == [
        SegmentKind.LEAD,
        SegmentKind.STANDUP,
        SegmentKind.VOICEOVER,
        SegmentKind.SYNC,
        SegmentKind.VOICEOVER,
        SegmentKind.SYNC,
        SegmentKind.VOICEOVER,
        SegmentKind.SYNC,
        SegmentKind.SYNC,
        SegmentKind.VOICEOVER,
    ]
    assert len(s.segments[0].paragraphs) == 2
    speakers = [(seg.speaker.name, seg.speaker.title) for seg in s.segments if seg.speaker]
    assert speakers == [
        ("Жанат Эрнст", "корреспондент"),
        ("Эльвира Азимова", "председатель Конституционного суда РК"),
        ("Жемис Турмагамбетова", "исполнительный директор ОФ «Хартия за права человека»"),
        ("Артур Ластаев", "уполномоченный по правам человека в Казахстане"),
        ("Эймон Гилмор", "спецпредставитель ЕС по правам человека"),
    ]
    assert s.segments[1].speaker is not None
    assert s.segments[1].speaker.role is Role.CORRESPONDENT
    assert [c.text for c in s.credits] == ["Авторы: Жанат Эрнст, Жомарт Ахметов."]
    assert s.language.value == "ru"
    assert s.findings == ()
    # speech keeps its text letter for letter, without the quote dash
    assert s.segments[1].paragraphs[0].startswith("На Мероприятии высокого уровня")
    assert "«слышащего государства»" in s.segments[1].text


def test_sample_golden_json(golden) -> None:
    golden("24kz_un_human_rights_ru.script.json", write_script(sample_script()).encode())


WORD = re.compile(r"[^\W_]+")
TIMECODE = re.compile(r"^\d+$")
TC_LABEL = re.compile(r"(?m)^\s*(TCR?|ТС|ТК)\s*:?\s*[\[(]?\d")


def _words(text: str) -> Counter[str]:
    # case and Ё folded: a short marker ("CHEN:", "АЛЕШИНА:") resolves to the full name as
    # the guest list or the first marker wrote it ("Laura Chen", "Марина Алёшина")
    return Counter(w.casefold().replace("ё", "е") for w in WORD.findall(text))


def output_words(text: str) -> Counter[str]:
    s = parse(text)
    out: Counter[str] = Counter()
    for seg in s.segments:
        out += _words(" ".join(seg.paragraphs))
        if seg.speaker is not None:
            sp = seg.speaker
            out += _words(" ".join(x for x in (sp.name, sp.title, sp.note) if x))
    for group in (s.credits, s.directions):
        for item in group:
            out += _words(item.text)
    for f in s.findings:
        out += _words(f.text or "")
    return out


def assert_no_text_lost(text: str) -> None:
    """Every word of the input is in a segment, a speaker, a credit, a direction or a finding.

    Resolved markers ("Ластаев:" → "Артур Ластаев") may add words, never lose them; digits of
    inline timecodes become the segment's anchor time.
    """
    missing = _words(normalize(text)) - output_words(text)
    missing = Counter({w: n for w, n in missing.items() if not TIMECODE.match(w)})
    missing -= _words(" ".join(TC_LABEL.findall(normalize(text))))  # "TC 00:01:23": the anchor
    assert not missing, missing


def test_no_text_lost_on_sample_and_fixtures() -> None:
    for path in [SAMPLE, *sorted((DATA / "parser").glob("*.txt"))]:
        assert_no_text_lost(path.read_text(encoding="utf-8"))


LINES = st.sampled_from(
    [
        "Жанат Эрнст, корреспондент:",
        "- Мы в Женеве.",
        "«Цитата без конца",
        "конец цитаты».",
        "Ластаев:",
        "(on camera):",
        "UNIDENTIFIED MALE: Hello.",
        "(ЗК)",
        "[00:01:23]",
        "00:00:10:12 Текст.",
        "Авторы: Имя Фамилия",
        "Нұрбек БЕКБАУ",
        "Документ состоит из 9 разделов:",
        "Азат Оральаев, ауданның әкімі: «Сөз». Әрі қарай.",
        "",
        "   ",
        "Имя Фамилия, аким (перевод с казахского):",
        "ИМЯ ФАМИЛИЯ, ЖИТЕЛЬ",
        "Председатель суда РК Эльвира Азимова:",
        "Астана қаласының әкімі Жеңіс Қасымбек:",
        "Министр здравоохранения:",
        "Президент подписал указ:",
        "СНХ",
        "СНХ (Иван Петров, директор завода): Мы наняли 500 человек.",
        "СИНХРОН Айдос Серикбаев, участник",
        "ТИТР: Айдос Серикбаев, участник",
        "КОРР.: Завод построен.",
        '"Речь в прямых кавычках".',
        "“Речь”",
        "ТС 00:00:25 Текст.",
        '"Открытая прямая цитата',
        'закрытая прямая".',
        "TC 15 тысяч.",
        # other newsrooms' layouts
        "ИРИНА СОКОЛОВА ЖИТЕЛЬНИЦА СЕЛА",
        "АРМАН ЖАНБОЛАТОВ АУДАН ӘКІМІНІҢ ОРЫНБАСАРЫ (12 СЕК)",
        "Нина Петрова, учитель начальных классов",
        "ИВАН ПЕТРОВ – МАСТЕР УЧАСТКА - Мы собираем двигатели.",
        "Цех работает. ИВАН ПЕТРОВ, мастер участка — Здесь тепло.",
        'The plant opened. ((John Smith/Plant Manager: "We hired forty people.")) Good.',
        "((nat sound)) ((courtesy: KSN Viewer))",
        "((Mary Jones 41:29 We had no power for two days.))",
        "SUPER=01-Jake Miller/Parent;",
        "SUPER=03-Wichita, Kansas:",
        "RUNS=:45",
        "VO-NAT",
        "(/////SOT/////)",
        "Weekend Edition: A Town Rebuilds",
        "Guest, Male #1 (John Smith, Trade Minister): We will sign it.",
        "PETER HALL , Fisherman : The catch is down.",
    ]
)


@given(st.lists(st.one_of(LINES, st.text(max_size=80)), max_size=25))
def test_parser_never_crashes_and_loses_nothing(lines: list[str]) -> None:
    text = "\n".join(lines)
    parse(text)
    assert_no_text_lost(text)


@given(st.text(max_size=400))
def test_parser_on_arbitrary_text(text: str) -> None:
    s = parse(text)
    for seg in s.segments:
        assert all(p.strip() for p in seg.paragraphs)
        assert bool(seg.paragraphs) is seg.transcribed  # an untranscribed sync has no text
        assert seg.line >= 1
    assert_no_text_lost(text)


def test_language_detection() -> None:
    assert (
        detect_language("Бүгін Астанада жаңа мектеп ашылды және оқушылар қуанышты.").value == "kk"
    )
    assert (
        detect_language("Сегодня в Астане открыли новую школу, передаёт Қазақстан.").value == "ru"
    )
    assert detect_language("Today a new school opened in Astana.").value == "en"


def test_five_megabyte_single_line_parses() -> None:
    text = ("Это длинная строка без маркеров, но с точками. " * 110_000)[:5_000_000]
    s = parse(text)
    assert len(s.segments) == 1
    assert s.segments[0].kind is SegmentKind.LEAD


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("корреспондент", "correspondent"),
        ("КОРР.", "correspondent"),
        ("спецкорр", "correspondent"),
        ("тілші", "correspondent"),
        ("эксперт по борьбе с коррупцией", "interviewee"),  # "корр" starts "коррупция"
        ("корректор", "interviewee"),
        ("ведущая", "anchor"),
        ("жүргізуші", "anchor"),
        ("«Жаңалықтар» бағдарламасының жүргізушісі", "anchor"),
        ("такси жүргізушісі", "interviewee"),  # жүргізуші is also a driver
        ("автобус жүргізушісі", "interviewee"),
        ("ведущий специалист", "interviewee"),
        (None, "interviewee"),
    ],
)
def test_role_from_title(title: str | None, role: str) -> None:
    assert role_of(title).value == role


_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=30,
)


@given(st.dictionaries(st.text(), _JSON, max_size=5))
def test_transcript_json_is_json_dumps_indent_2_byte_for_byte(data: dict) -> None:
    import json

    from kztranscript.writers.transcript import dumps

    assert dumps(data) == json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# --- a sync whose speech the script leaves out (its caption line only) --------------------------


def test_an_untranscribed_sync_gets_a_lower_third_and_no_captions() -> None:
    from kztranscript.pipeline import render, run

    text = (DATA / "parser" / "caption_only_kk.txt").read_text(encoding="utf-8")
    result = run(text)
    syncs = [s for s in result.script.segments if not s.transcribed]
    assert [s.speaker.name for s in syncs if s.speaker] == [
        "АРМАН ЖАНБОЛАТОВ",
        "ДАНИЯР ЕСІМ",
        "ЕРЛАН АСҚАРҰЛЫ СЕРІКОВ",
    ]
    untranscribed = {i for i, s in enumerate(result.script.segments) if not s.transcribed}
    assert not any(c.segment in untranscribed for c in result.cues)
    assert [lt.segment for lt in result.lower_thirds] == sorted(untranscribed)
    timed = {ts.index: ts for ts in result.timeline.segments}
    lengths = [timed[i].end_ms - timed[i].start_ms for i in sorted(untranscribed)]
    assert lengths == [8000, 12000, 8000]  # the default, and "(12 СЕК)"
    data = render(result, "transcript")
    assert '"transcribed": false' in data and '"length_ms": 12000' in data


def test_sync_length_option_and_show_marks_untranscribed_syncs(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kztranscript.cli import cli

    script = DATA / "parser" / "caption_only_ru.txt"
    out = CliRunner().invoke(
        cli, ["lowerthirds", str(script), "--sync-length", "0:10", "-o", "-", "--to", "json"]
    )
    assert out.exit_code == 0, out.output
    shown = CliRunner().invoke(cli, ["show", str(script)], env={"COLUMNS": "200"})
    assert shown.output.count("(caption line only, no speech)") == 4
    bad = CliRunner().invoke(
        cli, ["convert", str(script), "--sync-length", "0", "-o", "-", "--to", "srt"]
    )
    assert bad.exit_code == 2 and "--sync-length" in bad.output


def test_an_untranscribed_segment_keeps_the_model_rules() -> None:
    from kztranscript.model import Segment, SegmentKind, Speaker

    sp = Speaker("Ирина Соколова", "жительница села")
    Segment(SegmentKind.SYNC, (), 3, sp, transcribed=False, length_ms=5000)
    with pytest.raises(ValueError):
        Segment(SegmentKind.SYNC, (), 3, None, transcribed=False)
    with pytest.raises(ValueError):
        Segment(SegmentKind.SYNC, ("Текст.",), 3, sp, transcribed=False)
    with pytest.raises(ValueError):
        Segment(SegmentKind.SYNC, (), 3, sp)
