"""The broadcast line-break rules of DESIGN.md, one example each."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kztranscript.layout import break_lines
from kztranscript.lexicon import ANY
from kztranscript.linebreak import fits
from kztranscript.model import Language
from kztranscript.style import CaptionStyle

NO_LINE_START = ANY.no_line_start

STYLE = CaptionStyle()


def lines(text: str, style: CaptionStyle = STYLE) -> tuple[str, ...]:
    return break_lines(text.split(), style)


@pytest.mark.parametrize(
    ("text", "not_split"),
    [
        ("Об этом заявил Президент страны К.-Ж. Токаев на встрече в Астане", "К.-Ж. Токаев"),
        ("В документе говорится о том, что утверждено ровно 41 пункт реформы", "41 пункт"),
        ("Глава государства подписал указ накануне 8 декабря в столице", "8 декабря"),
        ("На эти цели из бюджета выделено ещё 15 млн тенге в этом году", "15 млн тенге"),
        ("Новый парк появится в центре г. Астана уже этой весной", "г. Астана"),
        ("Мы тесно сотрудничаем в Совете ООН по правам человека", "Совете ООН"),
        ("Об этом сообщила председатель суда Эльвира Азимова на брифинге", "Эльвира Азимова"),
        ("Он представил проект фонда «Хартия» на встрече с общественностью", "«Хартия» на"),
        ("Всего на эти цели выделили 250 000 тенге из местного бюджета", "250 000 тенге"),
        ("Стоимость проекта составила ровно 45 500 000 тенге по смете", "45 500 000 тенге"),
        ("Доля сделок выросла на 12 % за год по всей стране", "12 %"),
    ],
)
def test_never_split(text: str, not_split: str) -> None:
    result = lines(text)
    assert len(result) == 2
    assert any(not_split in line for line in result), result


@pytest.mark.parametrize(
    "text",
    [
        "Сегодняшние глобальные вызовы требуют выработки решений в этой сфере",
        "Делегация вернулась из Женевы и рассказала о встречах с коллегами",
        "Об этом стало известно из сообщения пресс-службы, а также от жителей",
    ],
)
def test_no_line_ends_with_a_preposition_or_conjunction(text: str) -> None:
    for line in lines(text)[:-1]:
        assert line.split()[-1] not in {"в", "из", "и", "а", "с", "о", "от", "на"}, line


@pytest.mark.parametrize(
    "text",
    [
        "Бүгін облыс әкімі жаңа мектептің құрылысы туралы айтып берді",
        "Бұл жоба өңірдің экономикасы үшін өте маңызды.",  # balance alone puts "үшін" first
        "Жолдың арқасында туристер саны 2 есеге дейін артады деп күтеміз.",
        "Жиналыс жаңа бағдарлама бойынша жұмыс істеуді ұсынды",
    ],
)
def test_kazakh_postposition_never_starts_a_line(text: str) -> None:
    result = lines(text)
    assert len(result) == 2, result
    assert result[1].split()[0] not in NO_LINE_START, result


def test_break_after_punctuation_preferred() -> None:
    assert lines("Документ состоит из 9 разделов, содержащих 41 пункт реформ") == (
        "Документ состоит из 9 разделов,",
        "содержащих 41 пункт реформ",
    )


def test_auxiliary_stays_with_its_participle() -> None:
    result = lines("Впервые в этот перечень был включен опыт правозащитной организации")
    assert any("был включен" in line for line in result), result


def test_balanced_and_bottom_heavy() -> None:
    top, bottom = lines("Казахстан подтвердил свою приверженность реализации её целей.")
    assert len(top) <= len(bottom)
    assert abs(len(top) - len(bottom)) < 15


def test_fits_on_one_line_stays_one_line() -> None:
    assert lines("Есть конкретные результаты.") == ("Есть конкретные результаты.",)


def test_idempotent() -> None:
    text = "Очень многие так и говорят, что это реформы Президента Токаева."
    once = lines(text)
    assert break_lines(" ".join(once).split(), STYLE) == once


def test_netflix_preset_is_wider() -> None:
    style = CaptionStyle(max_chars=39)
    result = lines("Глава нашей делегации, председатель суда.", style)
    assert all(len(line) <= 39 for line in result)


_KK_WORDS = (
    "жоба өңірдің экономикасы маңызды ауданның мектептің құрылысы бағдарлама жұмыс "
    "істеуді тұрғындар жиналыс өте жаңа бүгін"
).split()


@given(
    st.lists(st.sampled_from(_KK_WORDS + sorted(NO_LINE_START)), min_size=2, max_size=9),
    st.sampled_from([STYLE, CaptionStyle(max_chars=20, max_lines=3)]),
)
def test_a_postposition_starts_a_line_only_when_nothing_else_fits(
    words: list[str], style: CaptionStyle
) -> None:
    if not fits(words, style):
        return
    result = break_lines(words, style, language=Language.KK)  # да, те: Kazakh enclitics here
    if any(ln.split()[0] in NO_LINE_START for ln in result[1:]):
        # every layout that fits breaks a rule
        n = len(words)
        for k in range(2, style.max_lines + 1):
            for cuts in itertools.combinations(range(1, n), k - 1):
                parts = [words[a:b] for a, b in itertools.pairwise((0, *cuts, n))]
                if all(len(" ".join(p)) <= style.max_chars for p in parts):
                    assert any(p[0] in NO_LINE_START for p in parts[1:]), (result, parts)


def test_break_after_a_dash_never_before_it() -> None:
    """A line that starts with a dash reads as a change of speaker (DESIGN.md, Captions)."""
    assert lines("Реформы продолжатся в новом году — заявил Президент") == (
        "Реформы продолжатся в новом году —",
        "заявил Президент",
    )
    assert lines("Одни водители спешат, — говорит инспектор, — другие ждут.") == (
        "Одни водители спешат, —",
        "говорит инспектор, — другие ждут.",
    )
    from kztranscript.linebreak import ILLEGAL, boundary_cost

    assert boundary_cost("—", "заявил") < 0 and boundary_cost("году", "—") >= ILLEGAL


def test_no_stubby_line_for_a_comma_bonus() -> None:
    assert lines("Итак, делегация провела встречи в Женеве") == (
        "Итак, делегация провела",
        "встречи в Женеве",
    )
