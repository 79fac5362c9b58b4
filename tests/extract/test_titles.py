"""Titles split into role and organization, with status words; ranks are no titles."""

import pytest

from kg.extract.context import Jurisdiction
from kg.extract.titles import find_titles, title_at
from kg.model import ArticleFacts
from kg.text import matching_view

NGHE_AN = Jurisdiction(province="Nghệ An", district="Quỳnh Lưu")


def office_of(text: str, where: Jurisdiction = NGHE_AN) -> tuple[str, str | None, str]:
    title = title_at(text, matching_view(text), 0, where)
    assert title is not None, text
    assert text[title.span[0] : title.span[1]] == title.office.title
    return title.office.role, title.office.organization, title.office.status


@pytest.mark.parametrize(
    ("written", "role", "organization"),
    [
        ("Ủy viên BCH Trung ương Đảng", "Ủy viên", "Ban Chấp hành Trung ương Đảng"),
        ("Bí thư Tỉnh ủy", "Bí thư", "Tỉnh ủy Nghệ An"),
        ("bí thư Tỉnh uỷ", "Bí thư", "Tỉnh ủy Nghệ An"),
        ("Phó Bí thư Thường trực Tỉnh ủy", "Phó Bí thư Thường trực", "Tỉnh ủy Nghệ An"),
        ("Chủ tịch HĐND tỉnh", "Chủ tịch", "Hội đồng nhân dân tỉnh Nghệ An"),
        ("Trưởng đoàn ĐBQH tỉnh", "Trưởng đoàn", "Đoàn đại biểu Quốc hội tỉnh Nghệ An"),
        ("Ủy viên Ban Thường vụ Tỉnh ủy", "Ủy viên", "Ban Thường vụ Tỉnh ủy Nghệ An"),
        ("Phó Chủ tịch Thường trực UBND tỉnh", "Phó Chủ tịch Thường trực", "Ủy ban nhân dân tỉnh Nghệ An"),
        ("Giám đốc Sở Giao thông vận tải", "Giám đốc", "Sở Giao thông vận tải tỉnh Nghệ An"),
        ("Chủ nhiệm UBKT Tỉnh ủy", "Chủ nhiệm", "Ủy ban Kiểm tra Tỉnh ủy Nghệ An"),
        ("Trưởng Ban Tuyên giáo Huyện ủy", "Trưởng ban", "Ban Tuyên giáo Huyện ủy Quỳnh Lưu"),
        ("Bí thư Huyện ủy Con Cuông", "Bí thư", "Huyện ủy Con Cuông"),
        ("Chủ tịch UBND tỉnh Quảng Ninh", "Chủ tịch", "Ủy ban nhân dân tỉnh Quảng Ninh"),
    ],
)
def test_title_splits_into_role_and_organization(written: str, role: str, organization: str) -> None:
    assert office_of(written) == (role, organization, "current")


def test_former_and_acting() -> None:
    assert office_of("nguyên Bí thư Tỉnh ủy Cao Bằng") == ("Bí thư", "Tỉnh ủy Cao Bằng", "former")
    assert office_of("Quyền Chủ tịch UBND tỉnh") == ("Chủ tịch", "Ủy ban nhân dân tỉnh Nghệ An", "acting")


def test_role_without_organization_is_no_title() -> None:
    text = "Chủ tịch phát biểu"
    assert title_at(text, text, 0, NGHE_AN) is None


def test_roles_that_stand_alone() -> None:
    assert office_of("Tổng Bí thư") == ("Tổng Bí thư", None, "current")


def test_military_rank_is_no_title() -> None:
    text = "Đại tá Tạ Văn Hòe"
    assert find_titles(text, text, NGHE_AN) == {}


def test_titles_are_found_without_overlaps() -> None:
    text = "Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh"
    titles = find_titles(text, matching_view(text), NGHE_AN)
    assert [title.office.title for title in titles.values()] == ["Phó Bí thư Tỉnh ủy", "Chủ tịch UBND tỉnh"]


def test_seed_article_titles(seed_facts: ArticleFacts) -> None:
    text = seed_facts.article.text
    titles = find_titles(text, matching_view(text), Jurisdiction("Bắc Kạn", "Pác Nặm"))
    offices = {(title.office.role, title.office.organization) for title in titles.values()}
    assert ("Ủy viên", "Ban Chấp hành Trung ương Đảng") in offices
    assert ("Trưởng đoàn", "Đoàn đại biểu Quốc hội tỉnh Bắc Kạn") in offices
    assert ("Ủy viên", "Ban Thường vụ Tỉnh ủy Bắc Kạn") in offices


def test_national_assembly_deputy_written_as_the_delegation() -> None:
    assert office_of("ĐBQH tỉnh") == ("Đại biểu", "Đoàn đại biểu Quốc hội tỉnh Nghệ An", "current")
    assert office_of("Phó Trưởng đoàn chuyên trách Đoàn ĐBQH tỉnh")[:2] == (
        "Phó Trưởng đoàn chuyên trách",
        "Đoàn đại biểu Quốc hội tỉnh Nghệ An",
    )


def test_member_of_the_central_committee_in_short() -> None:
    assert office_of("Ủy viên Trung ương Đảng") == ("Ủy viên", "Ban Chấp hành Trung ương Đảng", "current")
