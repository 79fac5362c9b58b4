"""Indicators: values with unit, qualifier, targets, changes and time."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from handmade import make_article, make_facts, place

from kg.extract import extract_facts
from kg.extract.indicators import extract_indicators
from kg.model import Article, ArticleFacts, Indicator, Place


def indicators_of(text: str, places: Callable[[str], tuple[Place, ...]] = lambda text: (),
                  published: str = "2024-06") -> tuple[Indicator, ...]:
    article = make_article(text, published)
    indicators = extract_indicators(article, make_facts(article, places=places(text))).indicators
    for indicator in indicators:
        assert [text[start:end] for start, end in indicator.spans] == [indicator.text]
    return indicators


def test_money_with_change_and_share_of_target() -> None:
    text = ("Năm 2023, tổng thu ngân sách trên địa bàn tỉnh Sóc Trăng đạt 3.295 tỷ đồng, tăng 12,5% so với "
            "năm 2022, đạt 105% dự toán.")
    (revenue,) = indicators_of(text, lambda text: (place(text, "province", "Sóc Trăng"),))
    assert revenue.value == Decimal(3_295_000_000_000)
    assert (revenue.unit, revenue.qualifier) == ("VND", "exact")
    assert (revenue.change_percent, revenue.compared_to_year) == (Decimal("12.5"), 2022)
    assert revenue.percent_of_target == Decimal(105)
    assert revenue.period_year == 2023
    assert revenue.subject == "province:Sóc Trăng"
    assert revenue.topic.startswith("tổng thu ngân sách")
    assert revenue.text == ("tổng thu ngân sách trên địa bàn tỉnh Sóc Trăng đạt 3.295 tỷ đồng, tăng 12,5% so "
                            "với năm 2022, đạt 105% dự toán")


def test_ratio_with_share_of_target_and_target_year() -> None:
    text = ("Đến nay, tỉnh Thanh Hóa có 78/98 xã đạt chuẩn nông thôn mới, đạt 79,6% mục tiêu đề ra "
            "đến năm 2025.")
    (communes,) = indicators_of(text, lambda text: (place(text, "province", "Thanh Hóa"),))
    assert (communes.value, communes.target, communes.unit) == (Decimal(78), Decimal(98), "count")
    assert (communes.percent_of_target, communes.target_year) == (Decimal("79.6"), 2025)
    assert communes.topic == "xã đạt chuẩn nông thôn mới"
    assert communes.text == "78/98 xã đạt chuẩn nông thôn mới, đạt 79,6% mục tiêu đề ra đến năm 2025"


def test_percentages_of_their_own() -> None:
    text = ("Tỷ lệ hộ nghèo của huyện Vĩnh Thạnh giảm 3% so với năm 2022; tỷ lệ hộ dân sử dụng nước hợp vệ "
            "sinh đạt 98,18%.")
    poverty, water = indicators_of(text, lambda text: (place(text, "district", "Vĩnh Thạnh"),))
    assert (poverty.value, poverty.unit, poverty.change_percent) == (Decimal(3), "percent", Decimal(-3))
    assert poverty.compared_to_year == 2022
    assert poverty.topic == "Tỷ lệ hộ nghèo của huyện Vĩnh Thạnh"
    assert poverty.subject == "district:Vĩnh Thạnh"
    assert (water.value, water.unit, water.change_percent) == (Decimal("98.18"), "percent", None)
    assert water.topic == "tỷ lệ hộ dân sử dụng nước hợp vệ sinh"


def test_estimates_and_goals_per_person_year() -> None:
    text = ("Thu nhập bình quân đầu người năm 2023 của tỉnh Lào Cai ước đạt 68,5 triệu đồng/người/năm, "
            "phấn đấu đến năm 2025 đạt 80 triệu đồng/người/năm.")
    estimate, goal = indicators_of(text, lambda text: (place(text, "province", "Lào Cai"),))
    assert (estimate.value, estimate.unit) == (Decimal(68_500_000), "VND_per_person_year")
    assert (estimate.period_year, estimate.estimated) == (2023, True)
    assert estimate.topic == "Thu nhập bình quân đầu người của tỉnh Lào Cai"
    assert (goal.value, goal.unit, goal.period_year, goal.estimated) == (
        Decimal(80_000_000), "VND_per_person_year", 2025, True
    )
    assert goal.topic == estimate.topic
    assert goal.text == "phấn đấu đến năm 2025 đạt 80 triệu đồng/người/năm"


def test_counts_with_qualifier_and_context_carried_in_the_sentence() -> None:
    text = ("Năm 2023, huyện Trần Đề đã hỗ trợ hơn 1.200 hộ thoát nghèo, xây dựng 09 căn nhà đại đoàn kết. "
            "Ủy ban Kiểm tra Huyện ủy đã thi hành kỷ luật 03 đảng viên.")
    households, houses, members = indicators_of(text, lambda text: (place(text, "district", "Trần Đề"),))
    assert (households.value, households.qualifier, households.unit) == (Decimal(1200), "more_than", "count")
    assert households.topic == "hộ thoát nghèo"
    assert (households.subject, households.period_year) == ("district:Trần Đề", 2023)
    assert (houses.value, houses.topic, houses.period_year) == (Decimal(9), "căn nhà đại đoàn kết", 2023)
    assert (members.value, members.topic, members.period_year) == (Decimal(3), "đảng viên", None)


def test_as_of_date_without_year_takes_the_publication_year() -> None:
    text = ("Tính đến ngày 30/9, tỉnh Bình Định giải ngân vốn đầu tư công đạt 1,8 nghìn tỷ đồng, "
            "đạt 62% kế hoạch.")
    (disbursed,) = indicators_of(
        text, lambda text: (place(text, "province", "Bình Định"),), published="2024-10"
    )
    assert disbursed.value == Decimal(1_800_000_000_000)
    assert (disbursed.as_of, disbursed.percent_of_target) == ("2024-09-30", Decimal(62))
    assert disbursed.topic == "giải ngân vốn đầu tư công"


def test_dates_document_numbers_and_requested_amounts_are_not_indicators() -> None:
    text = ("Sáng 5/8, theo Kết luận số 21-KL/TW, huyện Mường Khương làm việc với tỉnh. "
            "Ngày 1/6 tỉnh tổ chức hội nghị lần thứ 12. "
            "Huyện Mường Khương đề nghị tỉnh hỗ trợ 15 tỷ đồng để nâng cấp đường.")
    assert indicators_of(text, lambda text: (place(text, "district", "Mường Khương"),)) == ()


SEED_EXPECTED = [
    # value, unit, qualifier, target, percent_of_target, change_percent, compared_to, period, as_of,
    # target_year, estimated
    ("35", "count", "exact", "49", "71.4", None, None, None, None, None, False),
    ("720000000000", "VND", "more_than", None, None, "24", 2020, 2023, None, None, False),
    ("772000000000", "VND", "exact", None, "96.5", None, None, 2024, None, 2025, True),
    ("22400000", "VND_per_person_year", "exact", None, None, "6.6", 2020, 2023, None, None, False),
    ("30000000", "VND_per_person_year", "exact", None, "72.5", None, None, 2024, None, None, True),
    ("5900000000", "VND", "exact", None, "40", None, None, None, "2024-06-10", None, False),
    ("370", "count", "exact", "400", "92.5", None, None, None, None, None, False),
]


def check_seed(indicators: tuple[Indicator, ...]) -> None:
    def decimal(value: str | None) -> Decimal | None:
        return Decimal(value) if value is not None else None

    assert [
        (i.value, i.unit, i.qualifier, i.target, i.percent_of_target, i.change_percent, i.compared_to_year,
         i.period_year, i.as_of, i.target_year, i.estimated)
        for i in indicators
    ] == [
        (Decimal(v), u, q, decimal(t), decimal(p), decimal(c), cy, py, a, ty, e)
        for v, u, q, t, p, c, cy, py, a, ty, e in SEED_EXPECTED
    ]
    assert {i.subject for i in indicators} == {"district:Pác Nặm"}
    assert [i.topic for i in indicators] == [
        "chỉ tiêu, nhiệm vụ đạt và vượt", "tổng giá trị sản xuất", "tổng giá trị sản xuất",
        "Thu nhập bình quân đầu người", "thu nhập bình quân", "Thu ngân sách nhà nước", "kết nạp đảng viên",
    ]
    assert indicators[0].text == (
        "35/49 chỉ tiêu, nhiệm vụ đạt và vượt so với Nghị quyết Đại hội đề ra, đạt 71,4% kế hoạch"
    )
    assert indicators[2].text == (
        "ước thực hiện năm 2024 đạt 772 tỷ đồng, đạt 96,5% mục tiêu nghị quyết phấn đấu đến năm 2025"
    )


def test_seed_after_meetings(seed_facts: ArticleFacts) -> None:
    check_seed(extract_indicators(seed_facts.article, seed_facts).indicators)


def test_seed_end_to_end(
    seed_article: Article, quoted: Callable[[ArticleFacts, tuple[tuple[int, int], ...]], list[str]]
) -> None:
    facts = extract_facts(seed_article)
    check_seed(facts.indicators)
    assert [quoted(facts, i.spans) for i in facts.indicators] == [[i.text] for i in facts.indicators]


def test_share_stated_after_a_ratio_is_its_percent_of_target() -> None:
    text = ("Toàn huyện Bá Thước có 45/52 thôn có nhà văn hóa đạt chuẩn, đạt 86,5%; tỷ lệ che phủ rừng "
            "đạt 86,5%.")
    villages, forest = indicators_of(text, lambda text: (place(text, "district", "Bá Thước"),))
    assert (villages.value, villages.target, villages.percent_of_target) == (
        Decimal(45), Decimal(52), Decimal("86.5")
    )
    assert villages.text == "45/52 thôn có nhà văn hóa đạt chuẩn, đạt 86,5%"
    assert (forest.value, forest.unit, forest.topic) == (Decimal("86.5"), "percent", "tỷ lệ che phủ rừng")


def test_share_of_target_after_the_words_naming_the_money() -> None:
    text = "Quý I, tỉnh giải ngân 842,5 tỷ đồng vốn đầu tư công, đạt 18,2% kế hoạch."
    (disbursed,) = indicators_of(text)
    assert (disbursed.value, disbursed.unit) == (Decimal(842_500_000_000), "VND")
    assert disbursed.percent_of_target == Decimal("18.2")


def test_points_are_counted() -> None:
    text = "Mùa mưa năm 2023, tuyến đường xuất hiện 12 điểm sạt lở."
    (landslides,) = indicators_of(text)
    assert (landslides.value, landslides.unit, landslides.period_year) == (Decimal(12), "count", 2023)
