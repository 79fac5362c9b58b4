"""Organizations: heads in full or abbreviated, implicit places made explicit, parents."""

from collections.abc import Callable

from kg import gazetteers
from kg.model import ArticleFacts, Organization

FactsAfter = Callable[..., ArticleFacts]


def organizations_of(facts_after: FactsAfter, text: str, province: str | None = None) -> dict[str, Organization]:
    facts = facts_after(text, "organizations", province=province)
    return {organization.canonical_name: organization for organization in facts.organizations}


def test_bare_provincial_committee_takes_the_article_province(facts_after: FactsAfter, quoted) -> None:
    facts = facts_after("Sáng 2/3, Tỉnh uỷ Nghệ An họp. Tỉnh uỷ yêu cầu các huyện báo cáo.", "organizations")
    committee = next(organization for organization in facts.organizations)
    assert committee.canonical_name == "Tỉnh ủy Nghệ An"
    assert committee.kind == "party_committee"
    assert committee.place == "province:Nghệ An"
    assert quoted(facts, committee.spans) == ["Tỉnh uỷ Nghệ An", "Tỉnh uỷ"]


def test_abbreviated_councils_are_expanded(facts_after: FactsAfter) -> None:
    organizations = organizations_of(
        facts_after, "HĐND tỉnh và UBND tỉnh An Giang thống nhất; Ủy ban MTTQ tỉnh giám sát.", "An Giang"
    )
    council = organizations["Hội đồng nhân dân tỉnh An Giang"]
    assert (council.name, council.kind, council.place) == (
        "HĐND tỉnh",
        "peoples_council",
        "province:An Giang",
    )
    assert organizations["Ủy ban nhân dân tỉnh An Giang"].kind == "peoples_committee"
    assert organizations["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh An Giang"].kind == "fatherland_front"


def test_district_bodies_named_or_implicit(facts_after: FactsAfter) -> None:
    text = "UBND huyện Hòa An báo cáo. Đảng bộ huyện kết nạp 120 đảng viên. Huyện ủy Hòa An chỉ đạo."
    organizations = organizations_of(facts_after, text, "Cao Bằng")
    assert organizations["Ủy ban nhân dân huyện Hòa An"].place == "district:Hòa An"
    assert organizations["Đảng bộ huyện Hòa An"].kind == "party_organization"
    assert organizations["Huyện ủy Hòa An"].place == "district:Hòa An"


def test_standing_committee_has_its_party_committee_as_parent(facts_after: FactsAfter) -> None:
    organizations = organizations_of(facts_after, "Ban Thường vụ Thành ủy Hạ Long họp.", "Quảng Ninh")
    standing = organizations["Ban Thường vụ Thành ủy Hạ Long"]
    assert (standing.kind, standing.parent, standing.place) == (
        "standing_committee",
        "Thành ủy Hạ Long",
        "city:Hạ Long",
    )
    assert organizations["Thành ủy Hạ Long"].kind == "party_committee"


def test_inspection_commission_of_the_provincial_committee(facts_after: FactsAfter) -> None:
    organizations = organizations_of(facts_after, "UBKT Tỉnh ủy kiểm tra dấu hiệu vi phạm.", "Quảng Ninh")
    commission = organizations["Ủy ban Kiểm tra Tỉnh ủy Quảng Ninh"]
    assert (commission.kind, commission.parent) == ("inspection_commission", "Tỉnh ủy Quảng Ninh")
    assert "Tỉnh ủy Quảng Ninh" in organizations


def test_central_bodies(facts_after: FactsAfter) -> None:
    text = (
        "Thực hiện kết luận của BCH TW Đảng (khóa XIII), Bộ Chính trị, Quốc hội và Chính phủ, "
        "Đoàn ĐBQH tỉnh tiếp xúc cử tri."
    )
    organizations = organizations_of(facts_after, text, "Nghệ An")
    assert organizations["Ban Chấp hành Trung ương Đảng"].kind == "central_committee"
    assert organizations["Bộ Chính trị"].kind == "politburo"
    assert organizations["Quốc hội"].kind == "national_assembly"
    assert organizations["Chính phủ"].kind == "government"
    assert organizations["Đoàn đại biểu Quốc hội tỉnh Nghệ An"].kind == "na_delegation"


def test_departments_belong_to_the_province(facts_after: FactsAfter) -> None:
    organizations = organizations_of(facts_after, "Sở Tài chính và Bộ Xây dựng thẩm định dự án.", "Cao Bằng")
    department = organizations["Sở Tài chính tỉnh Cao Bằng"]
    assert (department.kind, department.place) == ("government_agency", "province:Cao Bằng")
    assert organizations["Bộ Xây dựng"].place is None


def test_common_words_are_not_organizations(facts_after: FactsAfter) -> None:
    assert organizations_of(facts_after, "Cán bộ cơ sở và toàn bộ đảng viên ủng hộ.", "Cao Bằng") == {}


def test_without_a_province_the_name_stays_implicit(facts_after: FactsAfter) -> None:
    organizations = organizations_of(facts_after, "HĐND tỉnh họp phiên bất thường.")
    council = organizations["Hội đồng nhân dân tỉnh"]
    assert council.place is None


def test_kinds_are_the_allowed_ones(seed_facts: ArticleFacts) -> None:
    allowed = set(gazetteers.organization_kinds())
    assert {organization.kind for organization in seed_facts.organizations} <= allowed
    assert {row["kind"] for row in gazetteers.organization_patterns()} <= allowed


def test_seed_article_organizations(seed_facts: ArticleFacts, quoted) -> None:
    organizations = {organization.canonical_name: organization for organization in seed_facts.organizations}
    assert organizations["Ban Thường vụ Tỉnh ủy Bắc Kạn"].parent == "Tỉnh ủy Bắc Kạn"
    assert organizations["Ban Thường vụ Huyện ủy Pác Nặm"].parent == "Huyện ủy Pác Nặm"
    assert organizations["Tỉnh ủy Bắc Kạn"].place == "province:Bắc Kạn"
    assert organizations["Huyện ủy Pác Nặm"].place == "district:Pác Nặm"
    assert organizations["Ban Chấp hành Trung ương Đảng"].kind == "central_committee"
    assert organizations["Hội đồng nhân dân tỉnh Bắc Kạn"].name == "HĐND tỉnh"
    assert organizations["Ủy ban nhân dân tỉnh Bắc Kạn"].name == "UBND tỉnh"
    assert organizations["Đoàn đại biểu Quốc hội tỉnh Bắc Kạn"].kind == "na_delegation"
    assert organizations["Đảng bộ huyện Pác Nặm"].kind == "party_organization"
    place_keys = {place.key for place in seed_facts.places}
    for organization in seed_facts.organizations:
        assert organization.place is None or organization.place in place_keys
        assert organization.parent is None or organization.parent in organizations
        assert quoted(seed_facts, organization.spans)[0] == organization.name


def test_executive_committee_of_a_party_organization_is_the_party_committee(facts_after: FactsAfter) -> None:
    text = "Hội nghị BCH Đảng bộ tỉnh lần thứ 9 và Ban Chấp hành Đảng bộ xã Minh Khai đã họp."
    organizations = organizations_of(facts_after, text, "Hà Giang")
    assert organizations["Tỉnh ủy Hà Giang"].name == "BCH Đảng bộ tỉnh"
    assert organizations["Đảng ủy xã Minh Khai"].kind == "party_committee"


def test_short_forms_of_central_bodies(facts_after: FactsAfter) -> None:
    text = "Ủy viên Trung ương Đảng, Ban Bí thư và các đại biểu Quốc hội tỉnh dự."
    organizations = organizations_of(facts_after, text, "Hà Giang")
    assert organizations["Ban Chấp hành Trung ương Đảng"].name == "Trung ương Đảng"
    assert organizations["Ban Bí thư Trung ương Đảng"].kind == "secretariat"
    assert organizations["Đoàn đại biểu Quốc hội tỉnh Hà Giang"].kind == "na_delegation"


def test_state_agencies_and_council_boards(facts_after: FactsAfter) -> None:
    text = (
        "Kho bạc Nhà nước tỉnh, Bộ Chỉ huy Quân sự tỉnh, Ủy ban MTTQ Việt Nam tỉnh và "
        "Ban Pháp chế HĐND tỉnh cùng giám sát; Ban Tổ chức Trung ương hướng dẫn."
    )
    organizations = organizations_of(facts_after, text, "Lạng Sơn")
    assert organizations["Kho bạc Nhà nước tỉnh Lạng Sơn"].kind == "government_agency"
    assert organizations["Bộ Chỉ huy Quân sự tỉnh Lạng Sơn"].kind == "government_agency"
    assert organizations["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lạng Sơn"].kind == "fatherland_front"
    board = organizations["Ban Pháp chế Hội đồng nhân dân tỉnh Lạng Sơn"]
    assert board.parent == "Hội đồng nhân dân tỉnh Lạng Sơn"
    assert "Ban Tổ chức Trung ương" in organizations


def test_executive_committee_names_its_party_organization_too(facts_after: FactsAfter) -> None:
    text = "Ban Chấp hành Đảng bộ huyện Na Rì họp phiên thường kỳ."
    organizations = organizations_of(facts_after, text, "Bắc Kạn")
    assert organizations["Huyện ủy Na Rì"].parent == "Đảng bộ huyện Na Rì"
    assert organizations["Đảng bộ huyện Na Rì"].kind == "party_organization"


def test_working_delegation_of_a_ministry_or_a_central_board(facts_after: FactsAfter, quoted) -> None:
    text = "Đoàn công tác của Bộ NN&PTNT và Đoàn công tác Ban Tuyên giáo Trung ương đến tỉnh."
    facts = facts_after(text, "organizations", province="Sơn La")
    organizations = {organization.canonical_name: organization for organization in facts.organizations}
    ministry = "Bộ Nông nghiệp và Phát triển nông thôn"
    delegation = organizations[f"Đoàn công tác {ministry}"]
    assert delegation.parent == ministry
    assert quoted(facts, delegation.spans) == ["Đoàn công tác của Bộ NN&PTNT"]
    assert "Đoàn công tác Ban Tuyên giáo Trung ương" in organizations


def test_standing_board_of_a_committee_but_not_a_standing_deputy(facts_after: FactsAfter) -> None:
    text = "Thường trực Huyện ủy Mường La và Phó Bí thư Thường trực Tỉnh ủy, PBT Thường trực Huyện ủy dự."
    organizations = organizations_of(facts_after, text, "Sơn La")
    board = organizations["Thường trực Huyện ủy Mường La"]
    assert board.parent == "Huyện ủy Mường La"
    assert [name for name in organizations if name.startswith("Thường trực")] == ["Thường trực Huyện ủy Mường La"]


def test_mass_organization_military_region_and_compound_title(facts_after: FactsAfter) -> None:
    text = "Hội Liên hiệp Phụ nữ tỉnh, Quân khu 3 và một UVTƯ cùng dự."
    organizations = organizations_of(facts_after, text, "Thái Bình")
    assert organizations["Hội Liên hiệp Phụ nữ tỉnh Thái Bình"].place == "province:Thái Bình"
    assert "Quân khu 3" in organizations
    assert organizations["Ban Chấp hành Trung ương Đảng"].name == "UVTƯ"


def test_bare_town_committee_is_the_town_the_article_is_about(facts_after: FactsAfter) -> None:
    text = "Cử tri TX. Sông Cầu gặp đại biểu. Lãnh đạo Thị ủy, UBND TX. Sông Cầu trả lời cử tri thị xã Sông Cầu."
    organizations = organizations_of(facts_after, text, "Phú Yên")
    assert organizations["Thị ủy Sông Cầu"].place == "town:Sông Cầu"
    assert "Ủy ban nhân dân thị xã Sông Cầu" in organizations


def test_bare_city_in_a_centrally_governed_city_is_not_a_district_city(facts_after: FactsAfter) -> None:
    text = "UBND thành phố và TP. Thủ Đức họp; TP. Thủ Đức báo cáo."
    assert "Ủy ban nhân dân thành phố Thủ Đức" not in organizations_of(facts_after, text, "Hồ Chí Minh")
    in_a_province = "UBND thành phố và TP. Tuy Hòa họp; TP. Tuy Hòa báo cáo."
    assert "Ủy ban nhân dân thành phố Tuy Hòa" in organizations_of(facts_after, in_a_province, "Phú Yên")
