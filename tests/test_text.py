"""The text helpers: NFC, the matching view with new-style tones, sentence bounds."""

import unicodedata

import pytest

from kg.text import matching_view, name_end, nfc, sentence_spans


@pytest.mark.parametrize(
    ("written", "view"),
    [
        ("Tỉnh uỷ Thanh Hoá", "Tỉnh ủy Thanh Hóa"),
        ("Uỷ ban nhân dân", "Ủy ban nhân dân"),
        ("khoá XIII", "khóa XIII"),
        ("tỉnh Khánh Hoà.", "tỉnh Khánh Hòa."),
        ("sức khoẻ", "sức khỏe"),
        ("UỶ BAN", "ỦY BAN"),
    ],
)
def test_matching_view_moves_old_style_tones(written: str, view: str) -> None:
    assert matching_view(written) == view
    assert len(matching_view(written)) == len(written)


@pytest.mark.parametrize("written", ["quý", "hoàn thành", "Hòa An", "khuya", "thuyền", "Quảng Hòa"])
def test_matching_view_leaves_new_style_and_closed_syllables(written: str) -> None:
    assert matching_view(written) == written


def test_spans_found_in_the_view_quote_the_original() -> None:
    text = "Đồng chí Bí thư Tỉnh uỷ Hoà Bình phát biểu."
    view = matching_view(text)
    start = view.index("Tỉnh ủy Hòa Bình")
    assert text[start : start + len("Tỉnh ủy Hòa Bình")] == "Tỉnh uỷ Hoà Bình"


def test_nfc_composes_decomposed_text() -> None:
    decomposed = unicodedata.normalize("NFD", "Nghệ An")
    assert nfc(decomposed) == "Nghệ An"
    assert len(nfc(decomposed)) == 7


def test_sentence_spans_do_not_split_after_abbreviations() -> None:
    text = "Chiều 2/4, đoàn khảo sát TP. Lạng Sơn. Sau đó họp.\nTin liên quan"
    spans = sentence_spans(text, frozenset({"TP."}))
    assert [text[start:end] for start, end in spans] == [
        "Chiều 2/4, đoàn khảo sát TP. Lạng Sơn.",
        "Sau đó họp.",
        "Tin liên quan",
    ]


@pytest.mark.parametrize("written", ["Hoàng Duy Chinh,", "Hoàng  Duy\u00a0Chinh,", "Hoàng Duy Chinh"])
def test_name_end_follows_the_name_across_any_spacing(written: str) -> None:
    text = "đồng chí " + written
    assert text[name_end(text, 9, "Hoàng Duy Chinh"):] in {",", ""}


@pytest.mark.parametrize("text", ["HoàngDuy Chinh", "Hoàng Duy Chính", "Hoàng Duy", "Hoàng\nDuy Chinh"])
def test_name_end_refuses_a_name_not_written_there(text: str) -> None:
    with pytest.raises(ValueError, match="is not written at offset 0"):
        name_end(text, 0, "Hoàng Duy Chinh")
