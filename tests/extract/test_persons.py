"""Persons: names recognised by honorifics and titles, offices, merged mentions, references."""

from collections.abc import Callable

from kg.model import ArticleFacts, Person

FactsAfter = Callable[..., ArticleFacts]


def persons_of(facts_after: FactsAfter, text: str, province: str | None = "Cao Bằng") -> dict[str, Person]:
    return {person.name: person for person in facts_after(text, "persons", province=province).persons}


def offices(person: Person) -> list[tuple[str, str | None, str]]:
    return [(office.role, office.organization, office.status) for office in person.offices]


def test_comrade_name_and_titles(facts_after: FactsAfter, quoted) -> None:
    text = "Dự hội nghị có đồng chí Lương Văn Khải, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh."
    facts = facts_after(text, "persons", province="Cao Bằng")
    [person] = facts.persons
    assert person.name == "Lương Văn Khải"
    assert offices(person) == [
        ("Phó Bí thư", "Tỉnh ủy Cao Bằng", "current"),
        ("Chủ tịch", "Ủy ban nhân dân tỉnh Cao Bằng", "current"),
    ]
    assert quoted(facts, person.spans) == ["Lương Văn Khải"]
    assert [quoted(facts, office.spans) for office in person.offices] == [
        ["Phó Bí thư Tỉnh ủy"],
        ["Chủ tịch UBND tỉnh"],
    ]
    assert [office.title for office in person.offices] == ["Phó Bí thư Tỉnh ủy", "Chủ tịch UBND tỉnh"]


def test_list_of_comrades_each_with_titles(facts_after: FactsAfter) -> None:
    text = (
        "Các đồng chí: Đàm Văn Lực, Bí thư Tỉnh ủy; Bế Thị Hạnh, Chủ tịch HĐND tỉnh; "
        "Nông Quốc Tuấn, Giám đốc Sở Tài chính đồng chủ trì."
    )
    persons = persons_of(facts_after, text)
    assert list(persons) == ["Đàm Văn Lực", "Bế Thị Hạnh", "Nông Quốc Tuấn"]
    assert offices(persons["Nông Quốc Tuấn"]) == [("Giám đốc", "Sở Tài chính tỉnh Cao Bằng", "current")]


def test_title_before_the_name(facts_after: FactsAfter) -> None:
    text = "Chủ tịch UBND tỉnh Quảng Ninh Vương Đức Thắng và Bí thư Huyện ủy Tiên Yên Lục Văn Mạnh dự."
    persons = persons_of(facts_after, text, province=None)
    assert offices(persons["Vương Đức Thắng"]) == [("Chủ tịch", "Ủy ban nhân dân tỉnh Quảng Ninh", "current")]
    assert offices(persons["Lục Văn Mạnh"]) == [("Bí thư", "Huyện ủy Tiên Yên", "current")]


def test_lower_case_title_and_old_spelling(facts_after: FactsAfter) -> None:
    persons = persons_of(facts_after, "Ông Hà Minh Quân, bí thư Tỉnh uỷ, cho biết.", province="Nghệ An")
    assert offices(persons["Hà Minh Quân"]) == [("Bí thư", "Tỉnh ủy Nghệ An", "current")]
    assert persons["Hà Minh Quân"].offices[0].title == "bí thư Tỉnh uỷ"


def test_titles_joined_by_dashes(facts_after: FactsAfter) -> None:
    text = "Bà Triệu Thị Mai – Phó Chủ tịch UBND huyện Bảo Lạc - Trưởng ban Dân vận Huyện ủy phát biểu."
    persons = persons_of(facts_after, text)
    assert offices(persons["Triệu Thị Mai"])[0] == (
        "Phó Chủ tịch",
        "Ủy ban nhân dân huyện Bảo Lạc",
        "current",
    )
    assert offices(persons["Triệu Thị Mai"])[1][:2] == ("Trưởng ban", "Ban Dân vận Huyện ủy Bảo Lạc")


def test_acting_and_former_offices(facts_after: FactsAfter) -> None:
    text = "Đồng chí Lê Hồng Sơn, Quyền Chủ tịch UBND tỉnh và đồng chí Phạm Quang Vinh, nguyên Bí thư Tỉnh ủy dự."
    persons = persons_of(facts_after, text, province="An Giang")
    assert offices(persons["Lê Hồng Sơn"]) == [("Chủ tịch", "Ủy ban nhân dân tỉnh An Giang", "acting")]
    assert offices(persons["Phạm Quang Vinh"]) == [("Bí thư", "Tỉnh ủy An Giang", "former")]


def test_military_rank_is_not_an_office(facts_after: FactsAfter) -> None:
    persons = persons_of(facts_after, "Đại tá Tạ Văn Hòe, Ủy viên Ban Thường vụ Tỉnh ủy báo cáo.", "Nghệ An")
    assert offices(persons["Tạ Văn Hòe"]) == [("Ủy viên", "Ban Thường vụ Tỉnh ủy Nghệ An", "current")]


def test_title_only_reference_is_no_new_person(facts_after: FactsAfter, quoted) -> None:
    text = (
        "Đồng chí Ninh Văn Tú, Bí thư Tỉnh ủy, Trưởng đoàn ĐBQH tỉnh dự. "
        "Đồng chí Bí thư Tỉnh ủy, Trưởng đoàn ĐBQH tỉnh phát biểu."
    )
    facts = facts_after(text, "persons", province="Cao Bằng")
    [person] = facts.persons
    assert quoted(facts, person.spans) == ["Ninh Văn Tú", "Bí thư Tỉnh ủy, Trưởng đoàn ĐBQH tỉnh"]


def test_mentions_of_one_name_merge(facts_after: FactsAfter) -> None:
    text = "Đồng chí Mai Văn Đức, Bí thư Huyện ủy Hòa An phát biểu. Ông Mai Văn Đức, Chủ tịch HĐND huyện Hòa An nói."
    [person] = persons_of(facts_after, text).values()
    assert len(person.spans) == 2
    assert [office.role for office in person.offices] == ["Bí thư", "Chủ tịch"]


def test_capitalised_words_without_context_are_no_persons(facts_after: FactsAfter) -> None:
    assert persons_of(facts_after, "Hoàng Su Phì và Lê Lợi là địa danh; Bí thư Tỉnh ủy chỉ đạo.") == {}


def test_seed_article_persons(seed_facts: ArticleFacts, quoted) -> None:
    persons = {person.name: person for person in seed_facts.persons}
    assert set(persons) == {"Hoàng Duy Chinh", "Phương Thị Thanh", "Nguyễn Đăng Bình"}
    assert offices(persons["Hoàng Duy Chinh"]) == [
        ("Ủy viên", "Ban Chấp hành Trung ương Đảng", "current"),
        ("Bí thư", "Tỉnh ủy Bắc Kạn", "current"),
        ("Trưởng đoàn", "Đoàn đại biểu Quốc hội tỉnh Bắc Kạn", "current"),
    ]
    assert offices(persons["Phương Thị Thanh"]) == [
        ("Phó Bí thư Thường trực", "Tỉnh ủy Bắc Kạn", "current"),
        ("Chủ tịch", "Hội đồng nhân dân tỉnh Bắc Kạn", "current"),
    ]
    assert offices(persons["Nguyễn Đăng Bình"]) == [
        ("Phó Bí thư", "Tỉnh ủy Bắc Kạn", "current"),
        ("Chủ tịch", "Ủy ban nhân dân tỉnh Bắc Kạn", "current"),
    ]
    organizations = {organization.canonical_name for organization in seed_facts.organizations}
    for person in seed_facts.persons:
        assert quoted(seed_facts, person.spans)[0] == person.name
        for office in person.offices:
            assert office.organization in organizations
            assert all(text == office.title for text in quoted(seed_facts, office.spans))


def test_reference_by_role_alone_resolves_to_its_only_holder(facts_after: FactsAfter, quoted) -> None:
    text = "Đồng chí Chu Thị Lan, Trưởng đoàn ĐBQH tỉnh và ông Lý Văn Hải dự. Đồng chí Trưởng đoàn phát biểu."
    facts = facts_after(text, "persons", province="Lạng Sơn")
    persons = {person.name: person for person in facts.persons}
    assert quoted(facts, persons["Chu Thị Lan"].spans) == ["Chu Thị Lan", "Trưởng đoàn"]


def test_deputy_of_the_delegation_after_a_rank(facts_after: FactsAfter) -> None:
    text = "Thượng tá Lục Văn Tùng, ĐBQH tỉnh, trao đổi với cử tri."
    persons = persons_of(facts_after, text, province="Quảng Ninh")
    assert offices(persons["Lục Văn Tùng"]) == [("Đại biểu", "Đoàn đại biểu Quốc hội tỉnh Quảng Ninh", "current")]


def test_person_named_between_a_delegation_and_lam_truong_doan_heads_it(facts_after: FactsAfter, quoted) -> None:
    text = (
        "Đoàn công tác Trung ương do đồng chí Lò Văn Phương, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy "
        "làm trưởng đoàn đã làm việc tại tỉnh Hà Tĩnh."
    )
    facts = facts_after(text, "persons", province="Hà Tĩnh")
    [person] = facts.persons
    head = person.offices[-1]
    assert (head.role, head.organization, head.status) == ("Trưởng đoàn", "Đoàn công tác Trung ương", "current")
    assert quoted(facts, head.spans) == ["trưởng đoàn"]


def test_leader_of_a_delegation_is_no_head_of_the_body_it_belongs_to(facts_after: FactsAfter) -> None:
    text = "Đoàn kiểm tra của Ban Thường vụ Tỉnh ủy do ông Phan Văn Hải, Phó Bí thư Tỉnh ủy làm trưởng đoàn."
    persons = persons_of(facts_after, text, province="Hà Tĩnh")
    assert offices(persons["Phan Văn Hải"]) == [("Phó Bí thư", "Tỉnh ủy Hà Tĩnh", "current")]


def test_title_only_reference_to_the_head_of_a_delegation(facts_after: FactsAfter, quoted) -> None:
    text = (
        "Đoàn công tác Trung ương do đồng chí Lò Văn Phương, Ủy viên Trung ương Đảng làm trưởng đoàn. "
        "Đồng chí Trưởng đoàn đánh giá cao kết quả của tỉnh."
    )
    facts = facts_after(text, "persons", province="Hà Tĩnh")
    [person] = facts.persons
    assert quoted(facts, person.spans)[-1] == "Trưởng đoàn"


def test_rarer_family_name_and_abbreviated_titles(facts_after: FactsAfter) -> None:
    text = "Đồng chí Trà Minh Khoa, PBT Thường trực Tỉnh ủy, Giám đốc Sở NN&PTNT phát biểu."
    persons = persons_of(facts_after, text, province="Quảng Ngãi")
    assert offices(persons["Trà Minh Khoa"]) == [
        ("Phó Bí thư Thường trực", "Tỉnh ủy Quảng Ngãi", "current"),
        ("Giám đốc", "Sở Nông nghiệp và Phát triển nông thôn tỉnh Quảng Ngãi", "current"),
    ]


def test_compound_title_and_military_command(facts_after: FactsAfter) -> None:
    text = (
        "Các đồng chí: Lường Văn Sơn, UVTƯ, Bí thư Tỉnh ủy; Thiếu tướng Cầm Bá Hưng, "
        "Phó Tư lệnh Quân khu 2, ĐBQH tỉnh dự."
    )
    persons = persons_of(facts_after, text, province="Điện Biên")
    assert offices(persons["Lường Văn Sơn"]) == [
        ("Ủy viên", "Ban Chấp hành Trung ương Đảng", "current"),
        ("Bí thư", "Tỉnh ủy Điện Biên", "current"),
    ]
    assert offices(persons["Cầm Bá Hưng"]) == [
        ("Phó Tư lệnh", "Quân khu 2", "current"),
        ("Đại biểu", "Đoàn đại biểu Quốc hội tỉnh Điện Biên", "current"),
    ]


def test_bare_vice_minister_belongs_to_the_only_ministry_and_heads_its_delegation(facts_after: FactsAfter) -> None:
    text = (
        "Đoàn công tác của Bộ Y tế do Thứ trưởng Đoàn Minh Tâm làm trưởng đoàn làm việc với UBND tỉnh. "
        "Thứ trưởng Đoàn Minh Tâm phát biểu."
    )
    persons = persons_of(facts_after, text, province="Kon Tum")
    assert offices(persons["Đoàn Minh Tâm"]) == [
        ("Thứ trưởng", "Bộ Y tế", "current"),
        ("Trưởng đoàn", "Đoàn công tác Bộ Y tế", "current"),
    ]


def test_bare_role_without_a_single_ministry_names_no_person(facts_after: FactsAfter) -> None:
    text = "Bộ Tài chính và Bộ Xây dựng cử đại diện; Thứ trưởng Hà Quang Vinh dự."
    assert persons_of(facts_after, text, province="Kon Tum") == {}


def test_office_after_giu_chuc_goes_to_the_person_appointed(facts_after: FactsAfter) -> None:
    text = (
        "Ban Thường vụ Tỉnh ủy điều động đồng chí Mạc Văn Hải, nguyên Giám đốc Sở Xây dựng, "
        "giữ chức Bí thư Huyện ủy Lục Ngạn. Kỳ họp bầu ông Thân Văn Khởi, Quyền Chủ tịch UBND huyện "
        "giữ chức Chủ tịch UBND huyện Lục Ngạn."
    )
    persons = persons_of(facts_after, text, province="Bắc Giang")
    assert offices(persons["Mạc Văn Hải"]) == [
        ("Giám đốc", "Sở Xây dựng tỉnh Bắc Giang", "former"),
        ("Bí thư", "Huyện ủy Lục Ngạn", "current"),
    ]
    # Both are stated: acting until the vote, elected by it.
    assert offices(persons["Thân Văn Khởi"]) == [
        ("Chủ tịch", "Ủy ban nhân dân huyện Lục Ngạn", "acting"),
        ("Chủ tịch", "Ủy ban nhân dân huyện Lục Ngạn", "current"),
    ]
