"""Vietnamese numbers, amounts of money, ratios and dates as written in the news.

Vietnamese writes ``3.295`` for three thousand two hundred ninety-five and ``71,4`` for
seventy-one point four. Each written form has a compiled pattern (``*_PATTERN``) that
extractors search with, and a ``parse_*`` function for the matched text.

>>> parse_number("1.234,5")
Decimal('1234.5')
>>> parse_money("trên 25 tỷ đồng")
(Decimal('25000000000'), 'more_than')
>>> parse_date("ngày 13 tháng 6 năm 2024")
'2024-06-13'
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_BOUNDARY_BEFORE = r"(?<![\w.,/^-])"  # "^": the 30 of "10^30" is an exponent, not a number
_BOUNDARY_AFTER = r"(?![\w/]|[.,]\d)"

NUMBER_PATTERN = re.compile(f"{_BOUNDARY_BEFORE}(?:{_NUMBER}){_BOUNDARY_AFTER}")
"""A number: ``3.295``, ``71,4``, ``1.234,5``, ``09``."""

QUALIFIERS = {
    "trên": "more_than",
    "hơn": "more_than",
    "gần": "less_than",
    "dưới": "less_than",
    "khoảng": "about",
    "xấp xỉ": "about",
}
"""Words before an amount that make it inexact, with their :data:`kg.model.AMOUNT_QUALIFIERS`."""

MAX_AMOUNT_VND = Decimal(10) ** 16
"""The largest amount of money believed, in đồng: ten million billion (10 triệu tỷ), about Vietnam's
yearly GDP. A larger amount is a misprint or a notation kg does not read (``10^30 tỷ``); it is skipped."""
MAX_PERCENT = Decimal(100_000)
"""The largest percentage believed (a thousandfold growth); a larger one is skipped."""

SCALES = {"nghìn": 10**3, "ngàn": 10**3, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9}
_QUALIFIER = "|".join(sorted(QUALIFIERS, key=len, reverse=True))
_CURRENCY = r"đồng|VNĐ|VND|đ"

MONEY_PATTERN = re.compile(
    rf"(?:(?<!\w)(?P<qualifier>{_QUALIFIER})\s+)?"
    rf"{_BOUNDARY_BEFORE}(?P<number>{_NUMBER})\s*"
    rf"(?:(?P<scale>(?:nghìn|ngàn)\s+t[ỷỉ]|t[ỷỉ])(?:\s+(?:{_CURRENCY}))?"
    rf"|(?P<small_scale>nghìn|ngàn|triệu)\s+(?:{_CURRENCY})"
    rf"|(?:{_CURRENCY}))(?!\w)"
)
"""An amount of money: ``trên 720 tỷ đồng``, ``22,4 triệu đồng``, ``1,8 nghìn tỷ``, ``500.000 đồng``.

A scale below ``tỷ`` needs the currency word (``500 nghìn`` alone may count people)."""

PERCENT_PATTERN = re.compile(f"{_BOUNDARY_BEFORE}(?P<number>{_NUMBER})\\s*%")
"""A percentage: ``71,4%``, ``98,18 %``."""

RATIO_PATTERN = re.compile(rf"{_BOUNDARY_BEFORE}(?P<part>\d+)/(?P<whole>\d+){_BOUNDARY_AFTER}")
"""A ratio ``35/49``. It looks like a short date (``13/6``): extractors tell them apart by context."""

DATE_NUMERIC_PATTERN = re.compile(
    rf"{_BOUNDARY_BEFORE}(?P<day>\d{{1,2}})(?P<separator>[/.-])(?P<month>\d{{1,2}})"
    rf"(?:(?P=separator)(?P<year>\d{{4}}))?{_BOUNDARY_AFTER}"
)
"""A date in figures: ``13/6``, ``13/6/2024``, ``13-6-2024``, ``28.10.2020``, ``9.9``."""

DATE_WORDS_PATTERN = re.compile(
    r"(?i:ngày)\s+(?P<day>\d{1,2})\s+tháng\s+(?P<month>\d{1,2})(?:\s+năm\s+(?P<year>\d{4}))?(?!\w)"
)
"""A date in words: ``ngày 13 tháng 6 năm 2024``."""


def _unnamed(pattern: str) -> str:
    # Two forms joined in one pattern cannot both name their groups "day", "month", "year".
    return re.sub(r"\(\?P=\w+\)", "[/.-]", re.sub(r"\(\?P<\w+>", "(?:", pattern))


DATE_PATTERN = re.compile(
    "|".join(_unnamed(pattern.pattern) for pattern in (DATE_WORDS_PATTERN, DATE_NUMERIC_PATTERN))
)
"""Either written form of a date; parse the match with :func:`parse_date`."""


def parse_number(text: str) -> Decimal:
    """The value of a Vietnamese number: ``"71,4"`` → 71.4, ``"3.295"`` → 3295, ``"09"`` → 9."""
    written = text.strip()
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", written):
        return Decimal(written.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d+(?:,\d+)?", written):
        return Decimal(written.replace(",", "."))
    raise ValueError(f"not a Vietnamese number: {text!r}")


def parse_money(text: str) -> tuple[Decimal, str]:
    """The amount in đồng and its qualifier: ``"trên 25 tỷ đồng"`` → (25000000000, "more_than")."""
    match = MONEY_PATTERN.fullmatch(text.strip())
    if not match:
        raise ValueError(f"not an amount of money: {text!r}")
    amount = parse_number(match.group("number"))
    for word in (match.group("scale") or match.group("small_scale") or "").split():
        amount *= SCALES[word]
    if amount > MAX_AMOUNT_VND:
        raise ValueError(f"implausible amount {text.strip()!r}: more than {MAX_AMOUNT_VND:,} đồng")
    qualifier = QUALIFIERS[match.group("qualifier")] if match.group("qualifier") else "exact"
    return (amount.quantize(Decimal(1)) if amount == amount.to_integral() else amount), qualifier


def parse_percent(text: str) -> Decimal:
    """The value of a percentage: ``"71,4%"`` → 71.4; ValueError beyond :data:`MAX_PERCENT`."""
    match = PERCENT_PATTERN.fullmatch(text.strip())
    if not match:
        raise ValueError(f"not a percentage: {text!r}")
    value = parse_number(match.group("number"))
    if value > MAX_PERCENT:
        raise ValueError(f"implausible percentage {text.strip()!r}: more than {MAX_PERCENT:,}%")
    return value


def implausible_values(text: str) -> list[str]:
    """Why each amount or percentage of ``text`` beyond :data:`MAX_AMOUNT_VND` or :data:`MAX_PERCENT` is skipped."""
    reasons = []
    for pattern, parse in ((MONEY_PATTERN, parse_money), (PERCENT_PATTERN, parse_percent)):
        for match in pattern.finditer(text):
            try:
                parse(match.group())
            except ValueError as error:
                reasons.append(f"{error}: skipped")
    return reasons


def parse_ratio(text: str) -> tuple[Decimal, Decimal]:
    """The part and the whole of a ratio: ``"35/49"`` → (35, 49)."""
    match = RATIO_PATTERN.fullmatch(text.strip())
    if not match:
        raise ValueError(f"not a ratio: {text!r}")
    return Decimal(match.group("part")), Decimal(match.group("whole"))


def parse_date(text: str, default_year: int | None = None) -> str:
    """The ISO date of a written date; ``default_year`` completes ``13/6``. ValueError if impossible."""
    written = re.sub(r"^(?i:ngày)\s+(?=\d+[/.-])", "", text.strip())
    match = DATE_WORDS_PATTERN.fullmatch(written) or DATE_NUMERIC_PATTERN.fullmatch(written)
    if not match:
        raise ValueError(f"not a date: {text!r}")
    year = int(match.group("year")) if match.group("year") else default_year
    if year is None:
        raise ValueError(f"date without a year and no default year: {text!r}")
    try:
        return date(year, int(match.group("month")), int(match.group("day"))).isoformat()
    except ValueError as error:
        raise ValueError(f"impossible date {text!r}: {error}") from error
