from kg.rdf import iris


def test_slugify_drops_diacritics_and_keeps_d_readable() -> None:
    assert iris.slugify("Hoàng Duy Chinh") == "hoang-duy-chinh"
    assert iris.slugify("Đảng bộ huyện Pác Nặm") == "dang-bo-huyen-pac-nam"
    assert iris.slugify("21-KL/TW") == "21-kl-tw"
    assert iris.slugify("Tỉnh uỷ") == iris.slugify("Tỉnh ủy")


def test_places_are_scoped_by_province_and_type() -> None:
    assert str(iris.place_iri("province", "Bắc Kạn", "Bắc Kạn")).endswith("/place/bac-kan")
    commune = iris.place_iri("commune", "Quảng Khê", "Bắc Kạn")
    assert str(commune).endswith("/place/bac-kan/commune/quang-khe")
    assert commune != iris.place_iri("commune", "Quảng Khê", "Thanh Hóa")
    assert iris.place_iri("city", "Bắc Kạn", "Bắc Kạn") != iris.place_iri("province", "Bắc Kạn", "Bắc Kạn")


def test_persons_of_the_same_name_in_two_provinces_stay_apart() -> None:
    assert iris.person_iri("Nguyễn Văn An", "Cao Bằng") != iris.person_iri("Nguyễn Văn An", "Lào Cai")


def test_posts_belong_to_an_organization() -> None:
    assert str(iris.post_iri("Tỉnh ủy Bắc Kạn", "Bí thư")).endswith("/post/tinh-uy-bac-kan/bi-thu")
