"""Every competency query in queries/ gives its exact answer on the seed graph."""

from pathlib import Path

import pytest

from kg.results import display
from kg.store import GraphStore, SelectResult

QUERIES = Path(__file__).resolve().parents[1] / "queries"
ARTICLE = "kgr:article/bbk-2024-06-13-pac-nam"
MEETING = f"{ARTICLE}/meeting/1"
BODY = "Ban Thường vụ Tỉnh ủy Bắc Kạn"
SEGMENT_258B = "258B đoạn từ Giáo Hiệu - Công Bằng - Cổ Linh - Cao Tân"
NA_PHAN_PROJECT = "kgr:project/bac-kan/du-an-dau-tu-xay-dung-ha-tang-theo-quy-hoach-khu-na-phan-xa-boc-bo"
NA_PHAN_PROJECT_NAME = "Dự án Đầu tư xây dựng hạ tầng theo quy hoạch khu Nà Phẩn, xã Bộc Bố"
NA_PHAN_PROPOSAL = (
    "Đề nghị tỉnh hỗ trợ kinh phí đầu tư giải phóng mặt bằng Dự án Đầu tư xây dựng hạ tầng theo quy hoạch"
    " khu Nà Phẩn, xã Bộ…"
)
ROAD_258B_PROPOSAL = f"Bố trí kinh phí đầu tư nâng cấp đường {SEGMENT_258B}, do nhiều đoạn đã xuống cấp"

EXPECTED: dict[str, list[tuple[str, ...]]] = {
    "01-meeting-chairs.rq": [
        ("2024-06-13", MEETING, BODY, "Hoàng Duy Chinh"),
        ("2024-06-13", MEETING, BODY, "Nguyễn Đăng Bình"),
        ("2024-06-13", MEETING, BODY, "Phương Thị Thanh"),
    ],
    "02-person-offices.rq": [
        ("Ủy viên", "Ban Chấp hành Trung ương Đảng", "current", "2024-06-13", ARTICLE),
        ("Bí thư", "Tỉnh ủy Bắc Kạn", "current", "2024-06-13", ARTICLE),
        ("Trưởng đoàn", "Đoàn đại biểu Quốc hội tỉnh Bắc Kạn", "current", "2024-06-13", ARTICLE),
    ],
    "04-cost-by-proposer.rq": [("huyện Pác Nặm", "1", "25000000000", "more_than")],
    "07-documents-cited.rq": [("21-KL/TW", "Kết luận", "2021-10-25", "Ban Chấp hành Trung ương Đảng", "XIII", "1")],
    "08-place-hierarchy.rq": [
        ("xã Quảng Khê", "commune", "huyện Ba Bể"),
        ("xã Bộc Bố", "commune", "huyện Pác Nặm"),
        ("xã Cao Tân", "commune", "huyện Pác Nặm"),
        ("xã Công Bằng", "commune", "huyện Pác Nặm"),
        ("xã Cổ Linh", "commune", "huyện Pác Nặm"),
        ("xã Giáo Hiệu", "commune", "huyện Pác Nặm"),
        ("huyện Ba Bể", "district", "tỉnh Bắc Kạn"),
        ("huyện Pác Nặm", "district", "tỉnh Bắc Kạn"),
        ("thành phố Bắc Kạn", "city", "tỉnh Bắc Kạn"),
        ("khu Nà Phẩn", "area", "xã Bộc Bố"),
    ],
    "09-who-met-whom.rq": [
        ("2024-06-13", "morning", "working session", BODY, "Ban Thường vụ Huyện ủy Pác Nặm", "Hoàng Duy Chinh"),
    ],
    "10-post-holders.rq": [
        ("Bí thư Tỉnh ủy Bắc Kạn", "Hoàng Duy Chinh", "2024-06-13", "2024-06-13"),
        ("Phó Bí thư Thường trực Tỉnh ủy Bắc Kạn", "Phương Thị Thanh", "2024-06-13", "2024-06-13"),
        ("Phó Bí thư Tỉnh ủy Bắc Kạn", "Nguyễn Đăng Bình", "2024-06-13", "2024-06-13"),
    ],
    "11-indicator-growth.rq": [
        ("Thu nhập bình quân đầu người", "2023", "22400000", "dong per person per year", "6.6", "2020"),
        ("tổng giá trị sản xuất", "2023", "720000000000", "Vietnamese dong", "24", "2020"),
    ],
    "12-roads.rq": [
        ("258B đoạn từ Giáo Hiệu - Công Bằng - Cổ Linh - Cao Tân", "Giáo Hiệu – Công Bằng – Cổ Linh – Cao Tân",
         "funding", ""),
        ("đường 258B", "", "funding", ""),
        ("đường 258B", "", "inclusion in planning", ""),
        ("đường Pác Nặm – Quảng Khê", "Pác Nặm – Quảng Khê", "inclusion in planning", ""),
        ("đường TP. Bắc Kạn - hồ Ba Bể", "TP. Bắc Kạn – hồ Ba Bể", "inclusion in planning", ""),
    ],
    "13-today-units.rq": [
        ("xã Bộc Bố", "khu Nà Phẩn", "concernsPlace", f"{ARTICLE}/proposal/1", NA_PHAN_PROPOSAL, "2024-06"),
        ("xã Bộc Bố", "khu Nà Phẩn", "concernsPlace", NA_PHAN_PROJECT, NA_PHAN_PROJECT_NAME, "2024-06"),
        ("xã Bộc Bố", "xã Bộc Bố", "concernsPlace", f"{ARTICLE}/proposal/1", NA_PHAN_PROPOSAL, "2024-06"),
        ("xã Bộc Bố", "xã Bộc Bố", "concernsPlace", NA_PHAN_PROJECT, NA_PHAN_PROJECT_NAME, "2024-06"),
        ("xã Giáo Hiệu", SEGMENT_258B, "concernsPlace", f"{ARTICLE}/proposal/3", ROAD_258B_PROPOSAL, "2024-06"),
    ],
    "14-office-timeline.rq": [
        ("2024-06-13", "Bí thư Tỉnh ủy Bắc Kạn", "Bí thư Tỉnh ủy", "current", ARTICLE),
        ("2024-06-13", "Trưởng đoàn Đoàn đại biểu Quốc hội tỉnh Bắc Kạn", "Trưởng đoàn ĐBQH tỉnh", "current", ARTICLE),
        ("2024-06-13", "Ủy viên Ban Chấp hành Trung ương Đảng", "Ủy viên BCH Trung ương Đảng", "current", ARTICLE),
    ],
}


def answer(store: GraphStore, name: str) -> SelectResult:
    result = store.query((QUERIES / name).read_text(encoding="utf-8"))
    assert isinstance(result, SelectResult)
    return result


def rows(result: SelectResult, *columns: str) -> list[tuple[str, ...]]:
    indexes = [result.variables.index(column) for column in columns] if columns else range(len(result.variables))
    return [tuple(display(row[i]) for i in indexes) for row in result.rows]


def test_every_query_file_states_its_question() -> None:
    files = sorted(QUERIES.glob("*.rq"))
    assert len(files) >= 10
    for path in files:
        first_line = path.read_text(encoding="utf-8").splitlines()[0]
        assert first_line.startswith("# ") and first_line.endswith("?"), path.name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_query_answers_exactly(seed_store: GraphStore, name: str) -> None:
    assert rows(answer(seed_store, name)) == EXPECTED[name]


def test_proposals_for_a_district_include_those_for_places_inside_it(seed_store: GraphStore) -> None:
    """Places inside huyện Pác Nặm, and roads through it (kgo:passesThrough): the road to Quảng Khê
    starts in it, the segment of 258B passes through four of its communes."""
    result = answer(seed_store, "03-proposals-for-place.rq")
    assert rows(result, "proposal", "place") == [
        (f"{ARTICLE}/proposal/1", "khu Nà Phẩn"),
        (f"{ARTICLE}/proposal/1", "xã Bộc Bố"),
        (f"{ARTICLE}/proposal/2", "đường Pác Nặm – Quảng Khê"),
        (f"{ARTICLE}/proposal/3", SEGMENT_258B),
    ]
    summaries = dict(rows(result, "proposal", "summary"))
    assert "trên 25 tỷ đồng" in summaries[f"{ARTICLE}/proposal/1"]
    assert "258B" in summaries[f"{ARTICLE}/proposal/3"]


def test_indicators_below_80_percent_of_target(seed_store: GraphStore) -> None:
    result = answer(seed_store, "05-indicators-below-80.rq")
    assert rows(result, "value", "unit", "percent_of_target") == [
        ("5900000000", "Vietnamese dong", "40"),
        ("35", "count", "71.4"),
        ("30000000", "dong per person per year", "72.5"),
    ]


def test_evidence_quotes_are_the_article_text_at_their_offsets(seed_store: GraphStore) -> None:
    result = answer(seed_store, "06-evidence-for-office.rq")
    assert rows(result, "article", "publisher", "quote") == [(ARTICLE, "Báo Bắc Kạn", "Bí thư Tỉnh ủy")] * 2
    body = seed_store.query(
        "SELECT ?body WHERE { ?a a schema:NewsArticle ; schema:articleBody ?body }"
    )
    assert isinstance(body, SelectResult)
    text = str(body.rows[0][0])
    for _, _, quote, start, end in result.rows:
        assert text[int(start):int(end)] == str(quote)
