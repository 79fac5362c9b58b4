"""Proposals: one per request of a kiến nghị / đề nghị / đề xuất passage."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from decimal import Decimal

from handmade import make_article, make_facts, mentions, organization, place

from kg.extract import extract_facts
from kg.extract.proposals import extract_proposals
from kg.model import Article, ArticleFacts, Office, Person, Proposal

LIST_TEXT = (
    "Tại buổi làm việc, huyện Trần Đề kiến nghị với Ban Thường vụ Tỉnh ủy Sóc Trăng một số nội dung như: "
    "hỗ trợ kinh phí khoảng 40 tỷ đồng đầu tư Dự án kè chống sạt lở bờ biển xã Trung Bình; đưa tuyến đường "
    "Đại Ân 2 - Lịch Hội Thượng vào quy hoạch giao thông của tỉnh; nâng cấp đường 934 đoạn qua thị trấn "
    "Trần Đề…\n\nKết luận buổi làm việc, đồng chí Lâm Văn Hòa ghi nhận các kiến nghị."
)


def list_proposals() -> tuple[Proposal, ...]:
    article = make_article(LIST_TEXT)
    facts = make_facts(
        article,
        places=(
            place(LIST_TEXT, "district", "Trần Đề"),
            place(LIST_TEXT, "commune", "Trung Bình"),
            place(LIST_TEXT, "road", "Đại Ân 2 - Lịch Hội Thượng"),
            place(LIST_TEXT, "road", "934"),
        ),
        organizations=(
            organization(LIST_TEXT, "Ban Thường vụ Tỉnh ủy Sóc Trăng", "Ban Thường vụ Tỉnh ủy Sóc Trăng",
                         "standing_committee", "province:Sóc Trăng"),
        ),
    )
    return extract_proposals(article, facts).proposals


def test_one_proposal_per_item_of_a_list() -> None:
    proposals = list_proposals()
    assert [proposal.summary for proposal in proposals] == [
        "hỗ trợ kinh phí khoảng 40 tỷ đồng đầu tư Dự án kè chống sạt lở bờ biển xã Trung Bình",
        "đưa tuyến đường Đại Ân 2 - Lịch Hội Thượng vào quy hoạch giao thông của tỉnh",
        "nâng cấp đường 934 đoạn qua thị trấn Trần Đề",
    ]
    assert [LIST_TEXT[start:end] for proposal in proposals for start, end in proposal.spans] == [
        proposal.summary for proposal in proposals
    ]


def test_proposer_addressee_and_kind() -> None:
    proposals = list_proposals()
    assert {proposal.proposer for proposal in proposals} == {"district:Trần Đề"}
    assert {proposal.addressee for proposal in proposals} == {"Ban Thường vụ Tỉnh ủy Sóc Trăng"}
    assert [proposal.request_kind for proposal in proposals] == ["funding", "planning_inclusion", "upgrade"]


def test_places_project_and_amount() -> None:
    funding, planning, upgrade = list_proposals()
    assert funding.places == ("commune:Trung Bình",)
    assert funding.project == "Dự án kè chống sạt lở bờ biển xã Trung Bình"
    assert (funding.amount_vnd, funding.amount_qualifier) == (Decimal(40_000_000_000), "about")
    assert planning.places == ("road:Đại Ân 2 - Lịch Hội Thượng",)
    assert (planning.project, planning.amount_vnd, planning.amount_qualifier) == (None, None, None)
    assert upgrade.places == ("road:934", "district:Trần Đề")


def test_bullet_list_to_an_organization_ends_with_the_list() -> None:
    text = (
        "UBND xã Nhơn Hậu đề xuất với UBND thị xã An Nhơn:\n"
        "- Bố trí vốn xây dựng nhà văn hóa thôn Thiết Định;\n"
        "- Nghiên cứu mở rộng chợ xã.\n"
        "Các ý kiến đã được tiếp thu."
    )
    article = make_article(text)
    facts = make_facts(article, organizations=(
        organization(text, "UBND xã Nhơn Hậu", "Ủy ban nhân dân xã Nhơn Hậu", "peoples_committee"),
        organization(text, "UBND thị xã An Nhơn", "Ủy ban nhân dân thị xã An Nhơn", "peoples_committee"),
    ))
    proposals = extract_proposals(article, facts).proposals
    assert [(proposal.summary, proposal.request_kind) for proposal in proposals] == [
        ("Bố trí vốn xây dựng nhà văn hóa thôn Thiết Định", "funding"),
        ("Nghiên cứu mở rộng chợ xã", "study"),
    ]
    assert {(proposal.proposer, proposal.addressee) for proposal in proposals} == {
        ("Ủy ban nhân dân xã Nhơn Hậu", "Ủy ban nhân dân thị xã An Nhơn")
    }


def test_numbered_requests_and_a_single_request() -> None:
    text = (
        "Huyện Bát Xát đề nghị: Thứ nhất, hỗ trợ kinh phí 5 tỷ đồng sửa chữa trụ sở xã Y Tý. Thứ hai, "
        "xem xét bổ sung biên chế giáo viên.\n"
        "Huyện Mường Khương đề nghị tỉnh sớm đầu tư xây dựng cầu qua suối Pha Long. "
        "Cử tri kiến nghị làm đường."
    )
    article = make_article(text)
    facts = make_facts(article, places=(
        place(text, "district", "Bát Xát"),
        place(text, "commune", "Y Tý"),
        place(text, "district", "Mường Khương"),
    ))
    proposals = extract_proposals(article, facts).proposals
    assert [(p.proposer, p.summary, p.request_kind) for p in proposals] == [
        ("district:Bát Xát", "hỗ trợ kinh phí 5 tỷ đồng sửa chữa trụ sở xã Y Tý", "funding"),
        ("district:Bát Xát", "xem xét bổ sung biên chế giáo viên", "study"),
        ("district:Mường Khương", "tỉnh sớm đầu tư xây dựng cầu qua suối Pha Long", "investment"),
    ]
    assert proposals[0].amount_vnd == Decimal(5_000_000_000)
    assert proposals[0].places == ("commune:Y Tý",)
    assert proposals[2].addressee is None


def test_money_asked_for_a_purpose_and_requests_naming_no_place() -> None:
    text = (
        "Cử tri xã Quảng Nham kiến nghị tỉnh bố trí 2,5 tỷ đồng để sửa chữa trạm y tế xã; "
        "đưa chợ cá của xã vào danh mục đầu tư giai đoạn 2026 - 2030."
    )
    article = make_article(text)
    facts = make_facts(article, places=(place(text, "commune", "Quảng Nham"),))
    funding, planning = extract_proposals(article, facts).proposals
    assert (funding.request_kind, funding.amount_vnd) == ("funding", Decimal(2_500_000_000))
    assert planning.request_kind == "planning_inclusion"
    assert funding.places == planning.places == ("commune:Quảng Nham",)


def test_a_person_speaking_by_title_is_not_a_proposer() -> None:
    text = "Đồng chí Bí thư Tỉnh ủy Thanh Hóa đề nghị các huyện tập trung chỉ đạo. Huyện Như Xuân đề nghị."
    article = make_article(text)
    party_committee = organization(text, "Tỉnh ủy Thanh Hóa", "Tỉnh ủy Thanh Hóa", "party_committee")
    title = Office(title="Bí thư Tỉnh ủy Thanh Hóa", role="Bí thư", organization="Tỉnh ủy Thanh Hóa",
                   spans=mentions(text, "Bí thư Tỉnh ủy Thanh Hóa"))
    facts = dataclasses.replace(
        make_facts(article, places=(place(text, "district", "Như Xuân"),), organizations=(party_committee,)),
        persons=(Person(name="Lê Văn Tâm", offices=(title,)),),
    )
    assert extract_proposals(article, facts).proposals == ()


def check_seed(proposals: tuple[Proposal, ...]) -> None:
    assert len(proposals) == 3
    site, road, upgrade = proposals
    assert {p.proposer for p in proposals} == {"district:Pác Nặm"}
    assert {p.addressee for p in proposals} == {"Ban Thường vụ Tỉnh ủy Bắc Kạn"}
    assert [p.request_kind for p in proposals] == ["funding", "planning_inclusion", "funding"]

    assert site.summary.startswith("Đề nghị tỉnh hỗ trợ kinh phí đầu tư giải phóng mặt bằng")
    assert site.summary.endswith("mở rộng không gian đô thị)")
    assert site.places == ("area:Nà Phẩn", "commune:Bộc Bố")
    assert site.project == "Dự án Đầu tư xây dựng hạ tầng theo quy hoạch khu Nà Phẩn, xã Bộc Bố"
    assert (site.amount_vnd, site.amount_qualifier) == (Decimal(25_000_000_000), "more_than")

    assert road.summary.startswith("Quan tâm nghiên cứu đưa vào quy hoạch")
    assert "road:Pác Nặm – Quảng Khê" in road.places
    assert road.amount_vnd is None

    assert upgrade.summary == (
        "Bố trí kinh phí đầu tư nâng cấp đường 258B đoạn từ Giáo Hiệu - Công Bằng - Cổ Linh - Cao Tân, "
        "do nhiều đoạn đã xuống cấp"
    )
    assert upgrade.places[0] == "road:258B"
    assert [key.split(":")[0] for key in upgrade.places] == ["road", "road_segment"]


def test_seed_after_meetings(seed_facts: ArticleFacts) -> None:
    check_seed(extract_proposals(seed_facts.article, seed_facts).proposals)


def test_seed_end_to_end(
    seed_article: Article, quoted: Callable[[ArticleFacts, tuple[tuple[int, int], ...]], list[str]]
) -> None:
    facts = extract_facts(seed_article)
    check_seed(facts.proposals)
    assert [quoted(facts, p.spans) for p in facts.proposals] == [[p.summary] for p in facts.proposals]
    keys = {p.key for p in facts.places} | {o.canonical_name for o in facts.organizations}
    assert all({p.proposer, p.addressee, *p.places} <= keys for p in facts.proposals)


def test_a_later_part_that_asks_nothing_is_the_reason_not_a_request() -> None:
    text = (
        "Cử tri xã Tà Xùa đề nghị sớm sửa chữa cầu treo của xã; năm ngoái cầu đã hư hỏng hai nhịp. "
        "Cử tri xã Bắc Yên đề nghị tỉnh quan tâm đời sống người cao tuổi."
    )
    article = make_article(text)
    facts = make_facts(article, places=(place(text, "commune", "Tà Xùa"), place(text, "commune", "Bắc Yên")))
    upgrade, first_of_its_sentence = extract_proposals(article, facts).proposals
    assert (upgrade.request_kind, upgrade.summary) == ("upgrade", "sớm sửa chữa cầu treo của xã")
    assert (first_of_its_sentence.request_kind, first_of_its_sentence.places) == ("other", ("commune:Bắc Yên",))
