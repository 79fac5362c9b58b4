"""Places with their type word, their hierarchy, roads and road segments."""

from collections.abc import Callable

from kg.model import ArticleFacts, Place

FactsAfter = Callable[..., ArticleFacts]


def places_of(facts_after: FactsAfter, text: str, province: str | None = "Cao Bằng") -> dict[str, Place]:
    return {place.key: place for place in facts_after(text, "places", province=province).places}


def test_commune_followed_by_its_district(facts_after: FactsAfter, quoted) -> None:
    facts = facts_after("Đoàn đã kiểm tra tại xã Hưng Đạo, huyện Hòa An.", "places", province="Cao Bằng")
    places = {place.key: place for place in facts.places}
    assert places["commune:Hưng Đạo"].within == "district:Hòa An"
    assert places["district:Hòa An"].within == "province:Cao Bằng"
    assert quoted(facts, places["commune:Hưng Đạo"].spans) == ["Hưng Đạo"]


def test_area_within_the_commune_that_follows(facts_after: FactsAfter) -> None:
    places = places_of(facts_after, "Quy hoạch khu Cốc Pàng, xã Quang Trung được duyệt.")
    assert places["area:Cốc Pàng"].within == "commune:Quang Trung"


def test_village_within_commune(facts_after: FactsAfter) -> None:
    places = places_of(facts_after, "Người dân thôn Nà Lẹng, xã Lê Lợi góp đất làm đường.")
    assert places["village:Nà Lẹng"].within == "commune:Lê Lợi"


def test_commune_in_an_article_about_one_district(facts_after: FactsAfter) -> None:
    text = (
        "Huyện Bảo Lạc có nhiều tiến bộ. Huyện ủy Bảo Lạc chỉ đạo xã Cốc Pàng làm đường. "
        "Một đoàn của huyện Hà Quảng đến học tập."
    )
    places = places_of(facts_after, text)
    assert places["commune:Cốc Pàng"].within == "district:Bảo Lạc"


def test_bare_type_words_are_not_places(facts_after: FactsAfter) -> None:
    places = places_of(facts_after, "Đề nghị tỉnh hỗ trợ huyện làm khu tái định cư và hồ sơ đất.")
    assert list(places) == ["province:Cao Bằng"]


def test_document_and_programme_names_are_not_places(facts_after: FactsAfter) -> None:
    places = places_of(facts_after, "Thực hiện Nghị quyết Đại hội và Chương trình MTQG giảm nghèo.")
    assert list(places) == ["province:Cao Bằng"]


def test_city_with_abbreviated_type_word(facts_after: FactsAfter, quoted) -> None:
    facts = facts_after("Đường vào TP. Cao Bằng được mở rộng.", "places", province="Cao Bằng")
    city = next(place for place in facts.places if place.type == "city")
    assert (city.name, city.within) == ("Cao Bằng", "province:Cao Bằng")
    assert quoted(facts, city.spans) == ["Cao Bằng"]


def test_centrally_run_city_is_a_province(facts_after: FactsAfter) -> None:
    places = places_of(facts_after, "Đoàn công tác ra thành phố Hải Phòng.", province=None)
    assert "province:Hải Phòng" in places


def test_province_must_be_in_the_gazetteer(facts_after: FactsAfter) -> None:
    places = places_of(facts_after, "Cán bộ tỉnh Đoàn Kết dự họp.", province=None)
    assert places == {}


def test_old_spelling_gives_new_style_names(facts_after: FactsAfter, quoted) -> None:
    facts = facts_after("Đoàn về xã Quảng Hoà kiểm tra.", "places", province="Cao Bằng")
    commune = next(place for place in facts.places if place.type == "commune")
    assert commune.name == "Quảng Hòa"
    assert quoted(facts, commune.spans) == ["Quảng Hoà"]


def test_person_name_after_a_district_is_cut_off(facts_after: FactsAfter) -> None:
    places = places_of(facts_after, "Chủ tịch UBND huyện Quỳnh Lưu Nguyễn Văn Tâm báo cáo.", province="Nghệ An")
    assert "district:Quỳnh Lưu" in places


def test_lake_but_not_dossier(facts_after: FactsAfter) -> None:
    places = places_of(facts_after, "Bảo vệ hồ Thang Hen, hoàn thiện hồ sơ di tích.")
    assert places["lake:Thang Hen"].type == "lake"
    assert len(places) == 2


def test_route_numbers(facts_after: FactsAfter, quoted) -> None:
    text = "Nâng cấp Quốc lộ 4A, QL.3 và đường 208; tuyến đường 208 nhiều đoạn hư hỏng."
    facts = facts_after(text, "places", province="Cao Bằng")
    roads = {place.name: place for place in facts.places if place.type == "road"}
    assert set(roads) == {"Quốc lộ 4A", "Quốc lộ 3", "208"}
    assert quoted(facts, roads["208"].spans) == ["208", "208"]
    assert quoted(facts, roads["Quốc lộ 3"].spans) == ["QL.3"]


def test_road_segment_with_its_waypoints(facts_after: FactsAfter) -> None:
    text = "Sửa chữa Quốc lộ 34 đoạn từ Bảo Lâm - Lý Bôn - Nam Quang, do sạt lở."
    places = places_of(facts_after, text)
    segment = next(place for place in places.values() if place.type == "road_segment")
    assert segment.within == "road:Quốc lộ 34"
    assert segment.waypoints == ("Bảo Lâm", "Lý Bôn", "Nam Quang")
    assert segment.name == "Quốc lộ 34 đoạn từ Bảo Lâm - Lý Bôn - Nam Quang"


def test_road_segment_written_from_to(facts_after: FactsAfter) -> None:
    places = places_of(facts_after, "Làm mới đường 212 đoạn từ Cốc Pàng đến Đức Hạnh.")
    segment = next(place for place in places.values() if place.type == "road_segment")
    assert segment.waypoints == ("Cốc Pàng", "Đức Hạnh")


def test_road_segment_through_a_place(facts_after: FactsAfter, quoted) -> None:
    facts = facts_after("Cử tri phản ánh QL.4A đoạn qua phường Sông Bằng xuống cấp.", "places", province="Cao Bằng")
    segment = next(place for place in facts.places if place.type == "road_segment")
    assert (segment.name, segment.within) == ("Quốc lộ 4A đoạn qua phường Sông Bằng", "road:Quốc lộ 4A")
    assert segment.waypoints == ("phường Sông Bằng",)
    assert quoted(facts, segment.spans) == ["QL.4A đoạn qua phường Sông Bằng"]


def test_road_written_as_its_ends_with_a_district_in_brackets(facts_after: FactsAfter) -> None:
    text = "Đầu tư tuyến đường Thông Nông – Cần Yên (Hà Quảng), nối với tuyến đường TP. Cao Bằng - hồ Thang Hen."
    places = places_of(facts_after, text)
    assert places["road:Thông Nông – Cần Yên"].waypoints == ("Thông Nông", "Cần Yên")
    assert places["commune:Cần Yên"].within == "district:Hà Quảng"
    assert places["road:TP. Cao Bằng - hồ Thang Hen"].waypoints == ("TP. Cao Bằng", "hồ Thang Hen")
    assert "city:Cao Bằng" in places
    assert "lake:Thang Hen" in places


def test_spans_quote_the_names(facts_after: FactsAfter) -> None:
    facts = facts_after("Xã Bình Dương và xã Đề Thám, huyện Hòa An ra quân.", "places", province="Cao Bằng")
    for place in facts.places:
        for start, end in place.spans:
            assert facts.article.text[start:end] == place.name


def test_seed_article_places(seed_facts: ArticleFacts, quoted) -> None:
    places = {place.key: place for place in seed_facts.places}
    assert places["province:Bắc Kạn"].within is None
    assert places["district:Pác Nặm"].within == "province:Bắc Kạn"
    assert places["commune:Bộc Bố"].within == "district:Pác Nặm"
    assert places["area:Nà Phẩn"].within == "commune:Bộc Bố"
    assert places["district:Ba Bể"].within == "province:Bắc Kạn"
    assert places["commune:Quảng Khê"].within == "district:Ba Bể"
    assert places["city:Bắc Kạn"].within == "province:Bắc Kạn"
    assert "lake:Ba Bể" in places
    assert "road:258B" in places
    segment = places["road_segment:258B đoạn từ Giáo Hiệu - Công Bằng - Cổ Linh - Cao Tân"]
    assert (segment.within, segment.waypoints) == (
        "road:258B",
        ("Giáo Hiệu", "Công Bằng", "Cổ Linh", "Cao Tân"),
    )
    assert places["road:Pác Nặm – Quảng Khê"].waypoints == ("Pác Nặm", "Quảng Khê")
    assert places["road:TP. Bắc Kạn - hồ Ba Bể"].waypoints == ("TP. Bắc Kạn", "hồ Ba Bể")
    assert not any("Nghị quyết" in place.name or "MTQG" in place.name for place in seed_facts.places)
    for place in seed_facts.places:
        assert all(text in place.name for text in quoted(seed_facts, place.spans)), place


def test_segment_word_before_the_road(facts_after: FactsAfter, quoted) -> None:
    facts = facts_after("Đề nghị sửa đoạn Quốc lộ 3 qua xã Hưng Đạo.", "places", province="Cao Bằng")
    segment = next(place for place in facts.places if place.type == "road_segment")
    assert (segment.name, segment.within) == ("Quốc lộ 3 đoạn qua xã Hưng Đạo", "road:Quốc lộ 3")
    assert quoted(facts, segment.spans) == ["đoạn Quốc lộ 3 qua xã Hưng Đạo"]


def test_plural_type_word_names_a_list(facts_after: FactsAfter) -> None:
    places = places_of(facts_after, "Các huyện Bảo Lạc, Hà Quảng và Thạch An giải ngân chậm.")
    assert {"district:Bảo Lạc", "district:Hà Quảng", "district:Thạch An"} <= set(places)
    assert places["district:Thạch An"].within == "province:Cao Bằng"


def test_lake_within_the_commune_that_follows(facts_after: FactsAfter) -> None:
    places = places_of(facts_after, "Kè bờ hồ Khuổi Lái thuộc xã Minh Tâm đã xong.")
    assert places["lake:Khuổi Lái"].within == "commune:Minh Tâm"


def test_commune_in_an_article_about_one_town(facts_after: FactsAfter) -> None:
    text = "Thị xã Đông Triều có nhiều đổi mới; cử tri thị xã Đông Triều và phường Mạo Khê kiến nghị."
    places = places_of(facts_after, text, province="Quảng Ninh")
    assert places["commune:Mạo Khê"].within == "town:Đông Triều"


def test_a_province_the_text_never_names_quotes_what_implies_it(facts_after: FactsAfter) -> None:
    facts = facts_after("Chiều 5/3, Tỉnh ủy làm việc với huyện Hà Quảng.", "implied places", province="Cao Bằng")
    province = next(place for place in facts.places if place.type == "province")
    assert [facts.article.text[start:end] for start, end in province.spans] == ["Tỉnh ủy"]


def test_a_province_only_its_places_imply_quotes_them(facts_after: FactsAfter) -> None:
    facts = facts_after("Huyện Hà Quảng đạt 17/22 chỉ tiêu.", "implied places", province="Cao Bằng")
    province = next(place for place in facts.places if place.type == "province")
    assert [facts.article.text[start:end] for start, end in province.spans] == ["Hà Quảng"]


def test_commune_within_the_town_named_before_it_in_its_sentence(facts_after: FactsAfter) -> None:
    text = (
        "Các huyện Nghi Xuân, Can Lộc giải ngân đạt tiến độ. "
        "Tại buổi làm việc, UBND thị xã Kỳ Anh đề nghị tỉnh hỗ trợ kinh phí nạo vét kênh qua xã Kỳ Hà."
    )
    places = places_of(facts_after, text, province="Hà Tĩnh")
    assert places["commune:Kỳ Hà"].within == "town:Kỳ Anh"


def test_commune_after_two_districts_in_its_sentence_is_not_placed(facts_after: FactsAfter) -> None:
    text = "Các huyện Hương Khê, Vũ Quang đề nghị làm cầu qua xã Hương Đô."
    places = places_of(facts_after, text, province="Hà Tĩnh")
    assert places["commune:Hương Đô"].within is None


def test_the_district_of_its_sentence_comes_before_the_article_district(facts_after: FactsAfter) -> None:
    text = (
        "Huyện Can Lộc hoàn thành 12/15 chỉ tiêu. Huyện Can Lộc xếp thứ hai toàn tỉnh. "
        "Huyện Thạch Hà kiến nghị nâng cấp đê qua xã Thạch Kênh."
    )
    places = places_of(facts_after, text, province="Hà Tĩnh")
    assert places["commune:Thạch Kênh"].within == "district:Thạch Hà"


def test_a_written_district_comes_before_the_district_of_a_sentence(facts_after: FactsAfter) -> None:
    text = "Huyện Thạch Hà đề nghị nâng cấp đê qua xã Thạch Kim. Xã Thạch Kim, huyện Lộc Hà bị sạt lở."
    places = places_of(facts_after, text, province="Hà Tĩnh")
    assert places["commune:Thạch Kim"].within == "district:Lộc Hà"
