"""Cited documents: type, number, date, issuer and term."""

from __future__ import annotations

from collections.abc import Callable

from handmade import make_article, make_facts, organization

from kg.extract import extract_facts
from kg.extract.documents import extract_documents
from kg.model import Article, ArticleFacts, DocumentRef, Meeting

TEXT = (
    "Thực hiện Nghị quyết số 12-NQ/TU ngày 5-8-2021 của Ban Thường vụ Tỉnh ủy Lào Cai về phát triển "
    "nông nghiệp hàng hóa và Chỉ thị số 05-CT/TW của Bộ Chính trị (khoá XII), huyện Bát Xát đã ban hành "
    "Kế hoạch số 35/KH-UBND. Theo Quyết định số 1234/QĐ-UBND ngày 13 tháng 6 năm 2022 của UBND tỉnh "
    "Lào Cai, các chỉ tiêu của Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVI và kế hoạch 2021-2025 được "
    "rà soát; việc sơ kết Nghị quyết số 12-NQ/TU hoàn thành trong quý III."
)


def documents_of(text: str) -> tuple[DocumentRef, ...]:
    article = make_article(text)
    facts = make_facts(article, organizations=(
        organization(text, "Ban Thường vụ Tỉnh ủy Lào Cai", "Ban Thường vụ Tỉnh ủy Lào Cai",
                     "standing_committee", "province:Lào Cai"),
        organization(text, "Bộ Chính trị", "Bộ Chính trị", "politburo"),
        organization(text, "UBND tỉnh Lào Cai", "Ủy ban nhân dân tỉnh Lào Cai", "peoples_committee",
                     "province:Lào Cai"),
    ))
    return extract_documents(article, facts).documents


def test_numbered_documents_only_once_each() -> None:
    documents = documents_of(TEXT)
    assert [document.number for document in documents] == [
        "12-NQ/TU", "05-CT/TW", "35/KH-UBND", "1234/QĐ-UBND"
    ]
    assert [document.type for document in documents] == ["Nghị quyết", "Chỉ thị", "Kế hoạch", "Quyết định"]


def test_date_issuer_and_term() -> None:
    resolution, directive, plan, decision = documents_of(TEXT)
    assert (resolution.date, resolution.issuer, resolution.term) == (
        "2021-08-05", "Ban Thường vụ Tỉnh ủy Lào Cai", None
    )
    assert (directive.date, directive.issuer, directive.term) == (None, "Bộ Chính trị", "XII")
    assert (plan.date, plan.issuer) == (None, None)
    assert (decision.date, decision.issuer) == ("2022-06-13", "Ủy ban nhân dân tỉnh Lào Cai")


def test_spans_quote_the_citation_and_repeated_mentions() -> None:
    resolution, directive, _, decision = documents_of(TEXT)
    assert [TEXT[start:end] for start, end in resolution.spans] == [
        "Nghị quyết số 12-NQ/TU ngày 5-8-2021 của Ban Thường vụ Tỉnh ủy Lào Cai",
        "Nghị quyết số 12-NQ/TU",
    ]
    assert resolution.text == "Nghị quyết số 12-NQ/TU ngày 5-8-2021 của Ban Thường vụ Tỉnh ủy Lào Cai"
    assert directive.text == "Chỉ thị số 05-CT/TW của Bộ Chính trị (khoá XII)"
    assert decision.text == "Quyết định số 1234/QĐ-UBND ngày 13 tháng 6 năm 2022 của UBND tỉnh Lào Cai"


def test_issuer_without_organization_fact_is_left_open() -> None:
    text = "Triển khai Nghị quyết 08-NQ/HU ngày 2/3/2023 của Huyện ủy Hoằng Hóa, huyện tổ chức hội nghị."
    (document,) = extract_documents(make_article(text), make_facts(make_article(text))).documents
    assert (document.number, document.date, document.issuer) == ("08-NQ/HU", "2023-03-02", None)


def test_resolution_of_the_reported_council_session_is_the_councils() -> None:
    text = "Kỳ họp thứ 18 HĐND tỉnh Bình Định thông qua Nghị quyết số 25/NQ-HĐND và Kế hoạch số 7/KH-UBND."
    article = make_article(text)
    council = organization(text, "HĐND tỉnh Bình Định", "Hội đồng nhân dân tỉnh Bình Định", "peoples_council")
    session = Meeting(date="2024-07-10", kind="council_session", organizer=council.canonical_name)
    resolution, plan = extract_documents(article, make_facts(article, organizations=(council,),
                                                             meetings=(session,))).documents
    assert (resolution.number, resolution.issuer) == ("25/NQ-HĐND", "Hội đồng nhân dân tỉnh Bình Định")
    assert (plan.number, plan.issuer) == ("7/KH-UBND", None)
    without_meeting = extract_documents(article, make_facts(article, organizations=(council,))).documents
    assert [document.issuer for document in without_meeting] == [None, None]


def test_documents_without_number_are_not_facts() -> None:
    text = ("Bám sát Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XX và Nghị quyết phát triển du lịch, "
            "kế hoạch 2021-2025.")
    assert extract_documents(make_article(text), make_facts(make_article(text))).documents == ()


def test_seed_after_meetings(seed_facts: ArticleFacts) -> None:
    (document,) = extract_documents(seed_facts.article, seed_facts).documents
    assert document.number == "21-KL/TW"
    assert document.type == "Kết luận"
    assert document.date == "2021-10-25"
    assert document.issuer == "Ban Chấp hành Trung ương Đảng"
    assert document.term == "XIII"
    assert document.text == (
        "Kết luận số 21-KL/TW ngày 25/10/2021 của Ban Chấp hành Trung ương Đảng (khóa XIII)"
    )


def test_seed_end_to_end(
    seed_article: Article, quoted: Callable[[ArticleFacts, tuple[tuple[int, int], ...]], list[str]]
) -> None:
    facts = extract_facts(seed_article)
    assert [document.number for document in facts.documents] == ["21-KL/TW"]
    assert quoted(facts, facts.documents[0].spans) == [facts.documents[0].text]
    assert facts.documents[0].issuer in {organization.canonical_name for organization in facts.organizations}
