"""The meeting of the opening sentence: date, kind, sides, chairs, concluding speaker."""

from collections.abc import Callable

import pytest

from kg.model import ArticleFacts, Meeting

FactsAfter = Callable[..., ArticleFacts]


def meeting_of(facts_after: FactsAfter, text: str, province: str | None = "Cao Bằng", **kwargs: str) -> Meeting:
    [meeting] = facts_after(text, "meetings", province=province, **kwargs).meetings
    return meeting


def test_working_session_sides_date_and_purpose(facts_after: FactsAfter, quoted) -> None:
    text = (
        "Chiều 20-3-2023, Ban Thường vụ Tỉnh ủy Cao Bằng làm việc với Ban Thường vụ Huyện ủy Bảo Lạc "
        "để đánh giá tiến độ xây dựng nông thôn mới."
    )
    facts = facts_after(text, "meetings", province="Cao Bằng")
    [meeting] = facts.meetings
    assert (meeting.date, meeting.part_of_day, meeting.kind) == ("2023-03-20", "afternoon", "working_session")
    assert meeting.organizer == "Ban Thường vụ Tỉnh ủy Cao Bằng"
    assert meeting.participants == ("Ban Thường vụ Huyện ủy Bảo Lạc",)
    assert meeting.purpose == "đánh giá tiến độ xây dựng nông thôn mới"
    assert quoted(facts, meeting.spans) == [text]


def test_date_without_year_takes_the_article_year(facts_after: FactsAfter) -> None:
    meeting = meeting_of(facts_after, "Sáng 8/5, UBND tỉnh làm việc với Sở Xây dựng.", published="2022-05")
    assert (meeting.date, meeting.part_of_day) == ("2022-05-08", "morning")
    assert meeting.participants == ("Sở Xây dựng tỉnh Cao Bằng",)


@pytest.mark.parametrize(
    ("opening", "kind"),
    [
        ("Ngày 5 tháng 9 năm 2023, Tỉnh ủy Nghệ An tổ chức hội nghị sơ kết.", "conference"),
        ("Tối 14.7, HĐND tỉnh Nghệ An khai mạc kỳ họp thứ 18.", "council_session"),
        ("Ngày 2/8/2023, Đoàn ĐBQH tỉnh Nghệ An tiếp xúc cử tri huyện Con Cuông.", "voter_meeting"),
        ("Sáng 9/2/2023, lãnh đạo tỉnh Nghệ An thăm gia đình chính sách.", "visit"),
    ],
)
def test_kind_from_the_verb(facts_after: FactsAfter, opening: str, kind: str) -> None:
    assert meeting_of(facts_after, opening, province="Nghệ An").kind == kind


def test_organizer_of_a_conference_and_evening(facts_after: FactsAfter) -> None:
    meeting = meeting_of(facts_after, "Tối 14.7.2023, Thành ủy Hạ Long tổ chức hội nghị.", province="Quảng Ninh")
    assert (meeting.organizer, meeting.part_of_day, meeting.date) == (
        "Thành ủy Hạ Long",
        "evening",
        "2023-07-14",
    )


def test_chairs_named_before_co_chair(facts_after: FactsAfter) -> None:
    text = (
        "Sáng 3/4/2024, Tỉnh ủy An Giang làm việc với Huyện ủy Chợ Mới. "
        "Các đồng chí: Trần Văn Lộc, Bí thư Tỉnh ủy; Võ Thị Ngọc, Chủ tịch UBND tỉnh đồng chủ trì."
    )
    assert meeting_of(facts_after, text, province="An Giang").chairs == ("Trần Văn Lộc", "Võ Thị Ngọc")


def test_chair_named_after_under_the_chairing_of(facts_after: FactsAfter) -> None:
    text = (
        "Sáng 3/4/2024, UBND tỉnh An Giang tổ chức hội nghị. "
        "Dưới sự chủ trì của đồng chí Huỳnh Văn Tài, Phó Chủ tịch UBND tỉnh, hội nghị thảo luận."
    )
    assert meeting_of(facts_after, text, province="An Giang").chairs == ("Huỳnh Văn Tài",)


def test_concluding_speaker_by_title_only_reference(facts_after: FactsAfter) -> None:
    text = (
        "Sáng 3/4/2024, Tỉnh ủy An Giang làm việc với Huyện ủy Chợ Mới. "
        "Đồng chí Trần Văn Lộc, Bí thư Tỉnh ủy chủ trì. "
        "Đồng chí Bí thư Tỉnh ủy phát biểu kết luận buổi làm việc."
    )
    assert meeting_of(facts_after, text, province="An Giang").concluded_by == "Trần Văn Lộc"


def test_concluding_speaker_named_after_the_conclusion(facts_after: FactsAfter) -> None:
    text = (
        "Sáng 3/4/2024, Tỉnh ủy An Giang làm việc với Huyện ủy Chợ Mới. "
        "Thực hiện Kết luận số 14-KL/TW, đồng chí Võ Thị Ngọc, Chủ tịch UBND tỉnh báo cáo. "
        "Kết luận hội nghị, đồng chí Trần Văn Lộc, Bí thư Tỉnh ủy yêu cầu huyện khắc phục hạn chế."
    )
    assert meeting_of(facts_after, text, province="An Giang").concluded_by == "Trần Văn Lộc"


def test_no_meeting_without_a_meeting_verb(facts_after: FactsAfter) -> None:
    facts = facts_after("Năm 2023, kinh tế tỉnh Cao Bằng tăng trưởng 6%.", "meetings", province="Cao Bằng")
    assert facts.meetings == ()


def test_meeting_without_a_full_date_is_a_warning(facts_after: FactsAfter) -> None:
    facts = facts_after(
        "Tỉnh ủy Cao Bằng làm việc với Huyện ủy Hòa An.", "meetings", province="Cao Bằng", published="2023"
    )
    assert facts.meetings == ()
    assert facts.warnings


def test_clock_time_and_location(facts_after: FactsAfter) -> None:
    text = "Lúc 8 giờ 30 ngày 10/10/2023, UBND tỉnh tổ chức hội nghị tại TP. Cao Bằng."
    meeting = meeting_of(facts_after, text)
    assert (meeting.time, meeting.location) == ("08:30", "city:Cao Bằng")


def test_seed_article_meeting(seed_facts: ArticleFacts) -> None:
    [meeting] = seed_facts.meetings
    assert (meeting.date, meeting.part_of_day, meeting.kind) == ("2024-06-13", "morning", "working_session")
    assert meeting.organizer == "Ban Thường vụ Tỉnh ủy Bắc Kạn"
    assert meeting.participants == ("Ban Thường vụ Huyện ủy Pác Nặm",)
    assert meeting.chairs == ("Hoàng Duy Chinh", "Phương Thị Thanh", "Nguyễn Đăng Bình")
    assert meeting.concluded_by == "Hoàng Duy Chinh"
    assert meeting.purpose and meeting.purpose.startswith("nắm tình hình")


def test_organizer_named_after_the_meeting_noun(facts_after: FactsAfter) -> None:
    text = "Sáng 20/7/2023, kỳ họp thứ 12, HĐND tỉnh Lạng Sơn khóa XVII khai mạc."
    assert meeting_of(facts_after, text, province="Lạng Sơn").organizer == "Hội đồng nhân dân tỉnh Lạng Sơn"


def test_concluding_speaker_referred_to_by_role_alone(facts_after: FactsAfter) -> None:
    text = (
        "Ngày 6/5/2023, Đoàn ĐBQH tỉnh Lạng Sơn tiếp xúc cử tri huyện Cao Lộc. "
        "Đồng chí Vi Văn Thắng, Phó Trưởng đoàn ĐBQH tỉnh chủ trì. "
        "Cuối buổi, đồng chí Phó Trưởng đoàn phát biểu kết luận."
    )
    meeting = meeting_of(facts_after, text, province="Lạng Sơn")
    assert (meeting.kind, meeting.concluded_by) == ("voter_meeting", "Vi Văn Thắng")


def test_participants_listed_after_a_participation_phrase(facts_after: FactsAfter) -> None:
    text = (
        "Chiều 11.10, UBND tỉnh Hà Giang tổ chức hội nghị về giải ngân vốn, với sự tham dự của "
        "Sở Tài chính, Sở KH&ĐT và Kho bạc Nhà nước tỉnh."
    )
    meeting = meeting_of(facts_after, text, province="Hà Giang", published="2023-10-12")
    assert meeting.organizer == "Ủy ban nhân dân tỉnh Hà Giang"
    assert meeting.participants == (
        "Sở Tài chính tỉnh Hà Giang",
        "Sở Kế hoạch và Đầu tư tỉnh Hà Giang",
        "Kho bạc Nhà nước tỉnh Hà Giang",
    )


def test_organization_in_a_title_is_no_side(facts_after: FactsAfter) -> None:
    text = (
        "Tin liên quan: Đoàn công tác thăm tỉnh\n"
        "Ngày 2 tháng 6 năm 2023, Đoàn công tác Trung ương do đồng chí Hầu Văn Lâm, Ủy viên Bộ Chính trị "
        "làm trưởng đoàn đã thăm và làm việc với Ban Thường vụ Tỉnh ủy Hà Giang."
    )
    meeting = meeting_of(facts_after, text, province="Hà Giang")
    assert (meeting.date, meeting.kind) == ("2023-06-02", "visit")
    assert meeting.organizer == "Đoàn công tác Trung ương"


def test_council_session_is_held_by_the_council(facts_after: FactsAfter) -> None:
    text = (
        "Sáng 7/12/2023, tại Hội trường Tỉnh ủy Hà Giang, kỳ họp thứ 14, HĐND tỉnh khóa XVIII khai mạc. "
        "Bà Sùng Thị Dính, Chủ tịch HĐND tỉnh phát biểu bế mạc kỳ họp."
    )
    meeting = meeting_of(facts_after, text, province="Hà Giang")
    assert (meeting.organizer, meeting.concluded_by) == ("Hội đồng nhân dân tỉnh Hà Giang", "Sùng Thị Dính")


def test_subject_of_a_conclusion(facts_after: FactsAfter) -> None:
    text = (
        "Sáng 3/4/2024, Tỉnh ủy An Giang làm việc với Huyện ủy Chợ Mới. "
        "Trên cơ sở ý kiến thảo luận, đồng chí Trần Văn Lộc, Bí thư Tỉnh ủy kết luận hội nghị."
    )
    assert meeting_of(facts_after, text, province="An Giang").concluded_by == "Trần Văn Lộc"


@pytest.mark.parametrize("phrase", ["Dự kỳ họp có", "Tham dự kỳ họp có", "Cùng dự có", "Cùng dự kỳ họp có"])
def test_bodies_attending_a_council_session(facts_after: FactsAfter, phrase: str) -> None:
    text = (
        "Sáng 5/12/2023, kỳ họp thứ 20, HĐND tỉnh Hà Tĩnh khóa XVIII khai mạc. "
        "Bà Lê Thị Hồng, Chủ tịch HĐND tỉnh chủ trì kỳ họp. "
        f"{phrase} đại diện lãnh đạo UBND tỉnh, Ủy ban MTTQ Việt Nam tỉnh và các sở, ngành."
    )
    meeting = meeting_of(facts_after, text, province="Hà Tĩnh")
    assert meeting.organizer == "Hội đồng nhân dân tỉnh Hà Tĩnh"
    assert meeting.participants == (
        "Ủy ban nhân dân tỉnh Hà Tĩnh",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Hà Tĩnh",
    )


def test_voters_meeting_with_the_local_authority_and_the_delegates_answer(facts_after: FactsAfter) -> None:
    text = (
        "Ngày 3/7/2024, Tổ đại biểu số 2, Đoàn ĐBQH tỉnh Hà Tĩnh tiếp xúc cử tri huyện Hương Sơn. "
        "Cử tri đề nghị nâng cấp đường, như huyện Đức Thọ đã làm. "
        "Ông Trần Văn Tài, Chủ tịch UBND huyện Hương Sơn đã trả lời các ý kiến. "
        "Ông Võ Minh Đức, Chủ tịch UBND huyện Đức Thọ cũng dự. "
        "Phát biểu tiếp thu, giải trình, bà Nguyễn Thị Lan, Phó Trưởng đoàn ĐBQH tỉnh cảm ơn cử tri."
    )
    meeting = meeting_of(facts_after, text, province="Hà Tĩnh")
    assert meeting.organizer == "Đoàn đại biểu Quốc hội tỉnh Hà Tĩnh"
    assert meeting.participants == ("Ủy ban nhân dân huyện Hương Sơn",)
    assert meeting.concluded_by == "Nguyễn Thị Lan"


def test_speech_that_ends_a_voters_meeting(facts_after: FactsAfter) -> None:
    text = (
        "Ngày 3/7/2024, Đoàn ĐBQH tỉnh Hà Tĩnh tiếp xúc cử tri thị xã Hồng Lĩnh. "
        "Phát biểu kết thúc buổi tiếp xúc, Thượng tá Đặng Văn Hùng, ĐBQH tỉnh tiếp thu ý kiến cử tri."
    )
    assert meeting_of(facts_after, text, province="Hà Tĩnh").concluded_by == "Đặng Văn Hùng"


def test_directing_speech_concludes_only_without_a_concluding_one(facts_after: FactsAfter) -> None:
    directing = (
        "Sáng 3/4/2024, UBND tỉnh Hà Tĩnh tổ chức hội nghị. "
        "Phát biểu chỉ đạo, đồng chí Phan Văn Hải, Bí thư Tỉnh ủy yêu cầu đẩy nhanh tiến độ."
    )
    assert meeting_of(facts_after, directing, province="Hà Tĩnh").concluded_by == "Phan Văn Hải"
    both = directing + " Đồng chí Lê Văn Minh, Chủ tịch UBND tỉnh phát biểu kết luận hội nghị."
    assert meeting_of(facts_after, both, province="Hà Tĩnh").concluded_by == "Lê Văn Minh"


def test_central_delegation_visit(facts_after: FactsAfter) -> None:
    text = (
        "Ngày 20 tháng 5 năm 2024, Đoàn công tác Trung ương do đồng chí Lò Văn Phương, Ủy viên Trung ương "
        "Đảng làm trưởng đoàn đã đến thăm và làm việc với Ban Thường vụ Tỉnh ủy Hà Tĩnh. "
        "Phát biểu kết luận, đồng chí Trưởng đoàn đề nghị tỉnh quan tâm phát triển hạ tầng."
    )
    meeting = meeting_of(facts_after, text, province="Hà Tĩnh")
    assert (meeting.kind, meeting.organizer) == ("visit", "Đoàn công tác Trung ương")
    assert meeting.participants == ("Ban Thường vụ Tỉnh ủy Hà Tĩnh",)
    assert meeting.concluded_by == "Lò Văn Phương"


def test_participants_listed_among_persons_and_their_titles(facts_after: FactsAfter) -> None:
    text = (
        "Sáng 9/4/2024, Ban Thường vụ Tỉnh ủy Lai Châu làm việc với Ban Thường vụ Huyện ủy Sìn Hồ. "
        "Cùng dự có đồng chí Lò Văn Tiến – Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Tổ chức Tỉnh ủy; "
        "lãnh đạo Sở Tài chính, Sở Xây dựng."
    )
    meeting = meeting_of(facts_after, text, province="Lai Châu")
    assert meeting.participants == (
        "Ban Thường vụ Huyện ủy Sìn Hồ",
        "Sở Tài chính tỉnh Lai Châu",
        "Sở Xây dựng tỉnh Lai Châu",
    )


def test_delegation_visit_received_by_a_listed_body(facts_after: FactsAfter) -> None:
    text = (
        "Ngày 5/9/2023, Đoàn công tác của Ban Tuyên giáo TƯ do đồng chí Vi Thị Hằng, Phó Trưởng Ban Tuyên giáo "
        "Trung ương làm trưởng đoàn đã đến thăm và làm việc tại huyện Mường Tè. Làm việc với đoàn có các đồng "
        "chí: Hà Văn Lợi, Bí thư Huyện ủy Mường Tè; đại diện Ban Thường vụ Huyện ủy Mường Tè."
    )
    meeting = meeting_of(facts_after, text, province="Lai Châu")
    assert meeting.organizer == "Đoàn công tác Ban Tuyên giáo Trung ương"
    assert meeting.participants == ("Ban Thường vụ Huyện ủy Mường Tè",)


def test_standing_board_holds_the_session_its_secretary_chairs(facts_after: FactsAfter) -> None:
    text = (
        "Chiều 2/5/2024, Thường trực Tỉnh ủy Hậu Giang làm việc với Ban Thường vụ Huyện ủy Long Mỹ. "
        "Bí thư Tỉnh ủy Hậu Giang Phùng Minh Sang chủ trì buổi làm việc."
    )
    meeting = meeting_of(facts_after, text, province="Hậu Giang")
    assert meeting.organizer == "Thường trực Tỉnh ủy Hậu Giang"
    assert meeting.chairs == ("Phùng Minh Sang",)


def test_delegate_taking_in_voters_opinions_ends_the_meeting(facts_after: FactsAfter) -> None:
    text = (
        "Sáng 8/7/2024, Đoàn ĐBQH tỉnh Lai Châu tiếp xúc cử tri huyện Phong Thổ. Tham dự có lãnh đạo "
        "Huyện ủy, UBND huyện Phong Thổ. Thay mặt Đoàn, Đại tá Lò Văn Xuân tiếp thu các ý kiến, kiến nghị "
        "của cử tri."
    )
    meeting = meeting_of(facts_after, text, province="Lai Châu")
    assert meeting.participants == ("Huyện ủy Phong Thổ", "Ủy ban nhân dân huyện Phong Thổ")
    assert meeting.concluded_by == "Lò Văn Xuân"


def test_leaders_acting_with_the_chair_take_part(facts_after: FactsAfter) -> None:
    text = (
        "Sáng 6/6/2024, Ban Thường vụ Tỉnh ủy Yên Bái tổ chức hội nghị công bố quyết định về công tác cán bộ. "
        "Đồng chí Hà Quang Lợi, Phó Bí thư Thường trực Tỉnh ủy chủ trì hội nghị. "
        "Tại hội nghị, các quyết định đã được công bố. Các đồng chí được điều động phát biểu. "
        "Sau đó, đồng chí Hà Quang Lợi và lãnh đạo UBND tỉnh đã tặng hoa chúc mừng."
    )
    meeting = meeting_of(facts_after, text, province="Yên Bái")
    assert meeting.chairs == ("Hà Quang Lợi",)
    assert meeting.participants == ("Ủy ban nhân dân tỉnh Yên Bái",)
