"""Vietnamese numbers, money, ratios and dates."""

from decimal import Decimal

import pytest

from kg.numbers import (
    DATE_PATTERN,
    MONEY_PATTERN,
    NUMBER_PATTERN,
    PERCENT_PATTERN,
    RATIO_PATTERN,
    parse_date,
    parse_money,
    parse_number,
    parse_ratio,
)


@pytest.mark.parametrize(
    ("written", "value"),
    [("71,4", "71.4"), ("3.295", "3295"), ("1.234,5", "1234.5"), ("09", "9"), ("98,18", "98.18"),
     ("12.500.000", "12500000")],
)
def test_parse_number(written: str, value: str) -> None:
    assert parse_number(written) == Decimal(value)


@pytest.mark.parametrize("written", ["71.4", "1,234.5", "abc", ""])
def test_parse_number_rejects_other_forms(written: str) -> None:
    with pytest.raises(ValueError):
        parse_number(written)


@pytest.mark.parametrize(
    ("written", "amount", "qualifier"),
    [
        ("5,9 tỷ đồng", 5_900_000_000, "exact"),
        ("22,4 triệu đồng", 22_400_000, "exact"),
        ("1,8 nghìn tỷ", 1_800_000_000_000, "exact"),
        ("720 tỷ đồng", 720_000_000_000, "exact"),
        ("500 nghìn đồng", 500_000, "exact"),
        ("3.295 tỷ đồng", 3_295_000_000_000, "exact"),
        ("150.000 đồng", 150_000, "exact"),
        ("trên 25 tỷ đồng", 25_000_000_000, "more_than"),
        ("hơn 1,2 tỉ đồng", 1_200_000_000, "more_than"),
        ("gần 40 tỷ đồng", 40_000_000_000, "less_than"),
        ("dưới 500 triệu đồng", 500_000_000, "less_than"),
        ("khoảng 2 nghìn tỷ đồng", 2_000_000_000_000, "about"),
    ],
)
def test_parse_money(written: str, amount: int, qualifier: str) -> None:
    assert parse_money(written) == (Decimal(amount), qualifier)


def test_parse_money_gives_whole_dong() -> None:
    assert str(parse_money("5,9 tỷ đồng")[0]) == "5900000000"


@pytest.mark.parametrize("written", ["500 nghìn", "25 tỷ người", "12 hộ"])
def test_parse_money_rejects_non_money(written: str) -> None:
    with pytest.raises(ValueError):
        parse_money(written)


def test_parse_ratio() -> None:
    assert parse_ratio("35/49") == (Decimal(35), Decimal(49))
    with pytest.raises(ValueError):
        parse_ratio("35-49")


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("13/6", "2024-06-13"),
        ("13/6/2021", "2021-06-13"),
        ("5-8-2021", "2021-08-05"),
        ("28.10.2020", "2020-10-28"),
        ("9.9", "2024-09-09"),
        ("ngày 13 tháng 6 năm 2022", "2022-06-13"),
        ("ngày 2 tháng 9", "2024-09-02"),
    ],
)
def test_parse_date(written: str, iso: str) -> None:
    assert parse_date(written, 2024) == iso


@pytest.mark.parametrize("written", ["31/2/2024", "30/13/2024", "13/6", "hôm nay"])
def test_parse_date_rejects_impossible_or_yearless(written: str) -> None:
    with pytest.raises(ValueError):
        parse_date(written)


def test_patterns_find_written_forms_in_text() -> None:
    text = (
        "Sáng 5/8, tỉnh Thanh Hóa có 78/98 xã đạt chuẩn, đạt 79,59% kế hoạch; tổng vốn trên 3.295 tỷ đồng "
        "(ngày 28.10.2020), thu nhập 45,2 triệu đồng/người/năm, hỗ trợ 09 người."
    )
    assert [m.group() for m in DATE_PATTERN.finditer(text)] == ["5/8", "78/98", "28.10.2020"]
    assert [m.group() for m in RATIO_PATTERN.finditer(text)] == ["5/8", "78/98"]
    assert [m.group("number") for m in PERCENT_PATTERN.finditer(text)] == ["79,59"]
    assert [m.group() for m in MONEY_PATTERN.finditer(text)] == ["trên 3.295 tỷ đồng", "45,2 triệu đồng"]
    assert "09" in [m.group() for m in NUMBER_PATTERN.finditer(text)]
    assert "28" not in [m.group() for m in NUMBER_PATTERN.finditer(text)]
