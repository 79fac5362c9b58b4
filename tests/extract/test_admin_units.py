"""Official codes and successors of the administrative units an article names (kg.extract.admin_units)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract import extract_facts
from kg.model import AdminUnit, Article, ArticleFacts, Place
from kg.reader import read_article

SEED = Path(__file__).resolve().parents[2] / "data" / "articles" / "bbk-2024-06-13-pac-nam.txt"
THAI_NGUYEN = AdminUnit("Thái Nguyên", "province", "19", "Thái Nguyên")


def facts_of(text: str, province: str | None = "Bắc Kạn", published: str = "2024-06-13") -> ArticleFacts:
    return extract_facts(Article(id="t", text=text, source="Báo Nhân Dân", published=published, province=province))


def places(facts: ArticleFacts) -> dict[str, Place]:
    return {place.key: place for place in facts.places}


@pytest.fixture(scope="module")
def seed() -> dict[str, Place]:
    return places(extract_facts(read_article(SEED)))


@pytest.mark.parametrize(("key", "code"), [
    ("province:Bắc Kạn", "06"),
    ("district:Pác Nặm", "060"),
    ("district:Ba Bể", "061"),
    ("city:Bắc Kạn", "058"),
    ("commune:Bộc Bố", "01864"),
    ("commune:Quảng Khê", "01924"),  # Ba Bể's, not Thanh Hóa's 16489 nor Đắk Nông's 24631
])
def test_seed_units_get_their_codes(seed: dict[str, Place], key: str, code: str) -> None:
    assert seed[key].code == code


def test_places_that_are_no_unit_keep_no_code(seed: dict[str, Place]) -> None:
    assert seed["area:Nà Phẩn"].code is None
    assert seed["area:Nà Phẩn"].within == "commune:Bộc Bố"
    assert seed["lake:Ba Bể"].code is None
    assert seed["road:258B"].code is None


def test_boc_bo_became_bang_thanh_of_thai_nguyen(seed: dict[str, Place]) -> None:
    assert seed["commune:Bộc Bố"].successors == (
        AdminUnit("Bằng Thành", "commune", "01864", "Thái Nguyên", within=THAI_NGUYEN),
    )
    assert seed["province:Bắc Kạn"].successors == (THAI_NGUYEN,)


def test_districts_have_no_successor(seed: dict[str, Place]) -> None:
    assert seed["district:Pác Nặm"].successors == ()
    assert seed["city:Bắc Kạn"].successors == ()


def test_road_segment_passes_through_the_communes_of_its_waypoints(seed: dict[str, Place]) -> None:
    segment = seed["road_segment:258B đoạn từ Giáo Hiệu - Công Bằng - Cổ Linh - Cao Tân"]
    assert segment.passes_through == (
        "commune:Giáo Hiệu", "commune:Công Bằng", "commune:Cổ Linh", "commune:Cao Tân",
    )
    giao_hieu = seed["commune:Giáo Hiệu"]
    assert (giao_hieu.within, giao_hieu.code) == ("district:Pác Nặm", "01870")
    assert giao_hieu.successors[0].name == "Bằng Thành"


def test_waypoints_already_facts_are_linked_not_added(seed: dict[str, Place]) -> None:
    assert seed["road:Pác Nặm – Quảng Khê"].passes_through == ("district:Pác Nặm", "commune:Quảng Khê")
    assert seed["road:TP. Bắc Kạn - hồ Ba Bể"].passes_through == ("city:Bắc Kạn", "lake:Ba Bể")


def test_waypoint_evidence_is_where_the_road_writes_it() -> None:
    text = "Huyện Pác Nặm đề nghị nâng cấp đường 258B đoạn từ Giáo Hiệu - Cao Tân."
    facts = facts_of(text)
    [start, end] = places(facts)["commune:Giáo Hiệu"].spans[0]
    assert text[start:end] == "Giáo Hiệu"


def test_a_name_in_several_provinces_without_province_gets_no_code_and_a_warning() -> None:
    facts = facts_of("Đoàn công tác đến thăm xã Quảng Khê.", province=None)
    assert facts.province is None
    assert places(facts)["commune:Quảng Khê"].code is None
    [warning] = [w for w in facts.warnings if "Quảng Khê" in w]
    assert "3 units" in warning and "01924" in warning and "16489" in warning


def test_a_commune_of_another_province_named_with_it_gets_that_provinces_code() -> None:
    facts = facts_of("Đoàn đã học tập kinh nghiệm tại xã Quảng Khê, huyện Quảng Xương, tỉnh Thanh Hóa.")
    found = places(facts)
    assert found["commune:Quảng Khê"].code == "16489"
    assert found["district:Quảng Xương"].code == "406"
    assert found["province:Thanh Hóa"].code == "38"


def test_a_commune_not_in_the_article_province_gets_no_code_and_a_warning() -> None:
    facts = facts_of("Lãnh đạo tỉnh làm việc tại xã Quảng Chính.")
    assert places(facts)["commune:Quảng Chính"].code is None
    assert any("commune:Quảng Chính" in w and "no such administrative unit" in w for w in facts.warnings)


def test_a_commune_in_the_wrong_district_gets_no_code() -> None:
    facts = facts_of("Đoàn kiểm tra xã Bộc Bố, huyện Ba Bể.")
    assert places(facts)["commune:Bộc Bố"].code is None
    assert any("district Ba Bể" in w for w in facts.warnings)


def test_after_the_reorganization_codes_are_the_new_ones() -> None:
    facts = facts_of("Đảng ủy xã Bằng Thành họp phiên đầu tiên.", province="Thái Nguyên", published="2025-07-02")
    bang_thanh = places(facts)["commune:Bằng Thành"]
    assert (bang_thanh.code, bang_thanh.successors) == ("01864", ())


def test_a_unit_that_goes_on_is_not_its_own_successor() -> None:
    facts = facts_of("Tỉnh ủy Cao Bằng họp.", province="Cao Bằng")
    assert places(facts)["province:Cao Bằng"].successors == ()


def test_a_xa_that_became_a_thi_tran_still_gets_its_code() -> None:
    facts = facts_of("Huyện Lâm Bình kiến nghị sửa đường từ xã Lăng Can, huyện Lâm Bình.", province="Tuyên Quang")
    assert places(facts)["commune:Lăng Can"].code == "02266"


def test_dak_is_written_both_ways() -> None:
    facts = facts_of("Huyện ủy Đắk Glong họp.", province="Đắk Nông")
    assert places(facts)["district:Đắk Glong"].code == "661"
