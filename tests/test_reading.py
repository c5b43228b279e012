"""Reading bytes in the encodings archives hold, and refusing what is not a script."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kztranscript.errors import BinaryInputError, DecodingError, EmptyInputError, KzError
from kztranscript.reading import decode, normalize

from .conftest import SAMPLE

TEXT = SAMPLE.read_text(encoding="utf-8")
# KOI8-R and cp866 have no «»: old archives used straight quotes.
PLAIN = TEXT.replace("«", '"').replace("»", '"')
ODD = "\u00a0\u202f\u2007\u2009\u200a\u3000\u00ad\u200b\u200c\u200d\u2060\ufeff\u2028\u2029"


@pytest.mark.parametrize(
    ("encoding", "source", "detected"),
    [
        ("utf-8", TEXT, "utf-8"),
        ("utf-8-sig", TEXT, "utf-8-bom"),
        ("utf-16", TEXT, "utf-16"),
        ("utf-16-le", TEXT, "utf-16-le"),
        ("cp1251", TEXT, "cp1251"),
        ("koi8_r", PLAIN, "koi8-r"),
        ("cp866", PLAIN, "cp866"),
    ],
)
def test_encodings_detected(encoding: str, source: str, detected: str) -> None:
    d = decode(source.encode(encoding), "x.txt")
    assert d.text == source.strip()
    assert d.encoding == detected


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r", "cp866"])
def test_short_legacy_texts(encoding: str) -> None:
    for text in ("Жанат Эрнст, корреспондент:\n- Привет всем.", "ЖАНАТ ЭРНСТ, КОРРЕСПОНДЕНТ"):
        assert decode(text.encode(encoding)).text == text


def test_kazakh_code_page() -> None:
    text = "Азат Оральаев, ауданның әкімі: «Біз бүгін жаңа мектеп ашамыз.»"
    assert decode(text.encode("kz1048")).text == text


def test_encoding_override() -> None:
    data = "Привет".encode("cp1251")
    assert decode(data, encoding="cp1251").text == "Привет"
    with pytest.raises(DecodingError) as err:
        decode("а\nб\nв".encode("cp1251"), "x.txt", encoding="utf-8")
    assert str(err.value).startswith("x.txt:1: not valid utf-8")
    with pytest.raises(KzError, match="unknown encoding"):
        decode(data, encoding="no-such")


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", EmptyInputError),
        (b"  \n\t\r\n ", EmptyInputError),
        ("\ufeff".encode(), EmptyInputError),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", BinaryInputError),
        (bytes(range(128, 256)) * 4, DecodingError),
    ],
)
def test_bad_input(data: bytes, error: type[Exception]) -> None:
    with pytest.raises(error) as err:
        decode(data, "bad.txt")
    message = str(err.value)
    assert message.startswith("bad.txt")
    assert "\n" not in message


def test_normalize() -> None:
    raw = "Имя\u00a0Фамилия,\tтитр:\r\n- Те\u00adкст\u200b\rдальше  \u2028 строка\r\n\r\n"
    assert normalize(raw) == "Имя Фамилия, титр:\n- Текст\nдальше\nстрока"
    # NFC: й written as и + combining breve becomes one letter
    assert normalize("и\u0306") == "й"
    # leading blank lines are kept so line numbers match the file
    assert normalize("\n\nТекст") == "\n\nТекст"
    # list bullets are layout; a dash is a quote and stays
    assert normalize("• защиту детей;\n●цифровизацию.\n- Речь.") == (
        "защиту детей;\nцифровизацию.\n- Речь."
    )


def test_errors_pickle() -> None:
    import pickle

    err = DecodingError("not valid utf-8", "a.txt", 3)
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is DecodingError
    assert (back.reason, back.path, back.line) == ("not valid utf-8", "a.txt", 3)
    assert str(back) == "a.txt:3: not valid utf-8"


def test_docx_tables_are_read_in_order_and_merged_cells_once() -> None:
    """A two-column script keeps its text in a table: every cell, row by row, nothing twice."""
    import io

    import docx

    from kztranscript.reading import decode_document

    d = docx.Document()
    d.add_paragraph("В Алматы открыли новый парк.")
    t = d.add_table(rows=3, cols=2)
    t.cell(0, 0).text = "ЗК"
    t.cell(0, 1).text = "Парк занимает 20 гектаров."
    t.cell(0, 1).add_table(rows=1, cols=1).cell(0, 0).text = "Вход бесплатный."
    t.cell(1, 0).text = "СНХ"
    t.cell(1, 1).text = "Айдос Серикбаев, директор парка:\n- Здесь будет 5 тысяч деревьев."
    t.cell(2, 0).merge(t.cell(2, 1)).text = "Открытие прошло в субботу."
    d.add_paragraph("Авторы: Мадина Ахмет")
    buf = io.BytesIO()
    d.save(buf)
    text = decode_document(buf.getvalue(), "av.docx").text
    assert [ln for ln in text.split("\n") if ln] == [
        "В Алматы открыли новый парк.",
        "ЗК",
        "Парк занимает 20 гектаров.",
        "Вход бесплатный.",
        "СНХ",
        "Айдос Серикбаев, директор парка:",
        "- Здесь будет 5 тысяч деревьев.",
        "Открытие прошло в субботу.",
        "Авторы: Мадина Ахмет",
    ]


def test_rtf_table_cells_are_paragraphs() -> None:
    """striprtf ends a cell with "|": in a two-column script that would be captioned."""
    from kztranscript.reading import decode_document

    def esc(s: str) -> str:
        return "".join(c if ord(c) < 128 else f"\\'{c.encode('cp1251')[0]:02x}" for c in s)

    rows = [("ЗК", "Парк занимает 20 гектаров."), ("СНХ", "Айдос Серикбаев, директор:")]
    body = "".join(
        f"\\trowd\\cellx4000\\cellx8000 \\pard\\intbl {esc(a)}\\cell \\pard\\intbl {esc(b)}"
        "\\cell\\row "
        for a, b in rows
    )
    rtf = (
        "{\\rtf1\\ansi\\ansicpg1251{\\fonttbl{\\f0\\fcharset204 Arial;}}\\f0 "
        f"{esc('Парк открыли. Цена | 0 тенге.')}\\par {body}\\pard {esc('- Добро пожаловать.')}}}"
    )
    text = decode_document(rtf.encode("ascii"), "av.rtf").text
    assert [ln for ln in text.split("\n") if ln] == [
        "Парк открыли. Цена | 0 тенге.",  # a "|" in the text itself stays
        "ЗК",
        "Парк занимает 20 гектаров.",
        "СНХ",
        "Айдос Серикбаев, директор:",
        "- Добро пожаловать.",
    ]


@given(st.text(alphabet=st.sampled_from(list("аБ ә\t\r\n\v\f-«»") + list(ODD)), max_size=60))
def test_normalize_replaces_odd_spaces_as_a_translation_table_would(text: str) -> None:
    from kztranscript.reading import _SPACES

    reference = text.replace("\r\n", "\n").replace("\r", "\n").translate(str.maketrans(_SPACES))
    reference = "\n".join(" ".join(ln.split(" ")).strip() for ln in reference.split("\n"))
    got = normalize(text)
    assert got == normalize(reference)  # same result
    assert not any(c in got for c in ODD)  # every odd space replaced or removed


def test_rtf_saved_as_txt_is_read_as_rtf() -> None:
    from kztranscript.reading import decode_document

    rtf = b"{\\rtf1\\ansi\\ansicpg1251 \\'cf\\'f0\\'e8\\'e2\\'e5\\'f2.\\par}"
    assert decode_document(rtf, "old.txt").text == "Привет."
    assert decode_document(b"\xef\xbb\xbf" + rtf, "old.rtf").text == "Привет."


def test_word_97_doc_gets_a_clear_error() -> None:
    from kztranscript.reading import decode_document

    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500)
    for name in ("old.doc", "old.txt", "old.docx"):
        with pytest.raises(KzError) as info:
            decode_document(ole, name)
        assert "Word 97-2003" in str(info.value) and name in str(info.value)


def test_docx_saved_as_txt_is_read_as_docx() -> None:
    import io

    import docx

    from kztranscript.reading import decode_document

    d = docx.Document()
    d.add_paragraph("Привет из Word.")
    buf = io.BytesIO()
    d.save(buf)
    assert decode_document(buf.getvalue(), "renamed.txt").text == "Привет из Word."
