"""The article's province: from metadata, else from the text, else from the newspaper."""

from kg.extract.context import detect_province, focus_district, infer_province
from kg.model import Article, ArticleFacts, Place


def article(text: str, source: str = "Báo Thử nghiệm", province: str | None = None) -> Article:
    return Article(id="t", text=text, source=source, published="2023-09", province=province)


def test_metadata_province_is_kept() -> None:
    about = article("Chiều 4/9, Thường trực Tỉnh ủy Cao Bằng họp.", province="Nghệ An")
    facts = detect_province(about, ArticleFacts(article=about, province="Nghệ An"))
    assert facts.province == "Nghệ An"


def test_province_named_most_often_after_a_province_word() -> None:
    text = (
        "Sáng 12/9, Ban Thường vụ Tỉnh ủy Cao Bằng làm việc với UBND tỉnh Cao Bằng. "
        "Đoàn công tác của tỉnh Lạng Sơn cũng dự."
    )
    about = article(text)
    assert detect_province(about, ArticleFacts(article=about)).province == "Cao Bằng"


def test_old_spelling_of_the_province_is_recognised() -> None:
    assert infer_province(article("Tỉnh uỷ Khánh Hoà tổ chức hội nghị.")) == "Khánh Hòa"


def test_lower_case_province_word() -> None:
    assert infer_province(article("Cử tri tỉnh An Giang kiến nghị nhiều nội dung.")) == "An Giang"


def test_newspaper_speaks_when_the_text_names_no_province() -> None:
    assert infer_province(article("Huyện ủy Tiên Yên họp phiên thường kỳ.", source="Báo Quảng Ninh")) == "Quảng Ninh"


def test_newspaper_breaks_ties() -> None:
    text = "Lãnh đạo tỉnh Nghệ An thăm tỉnh Hà Tĩnh."
    assert infer_province(article(text, source="Báo Hà Tĩnh")) == "Hà Tĩnh"


def test_capitalised_words_that_are_no_province_are_ignored() -> None:
    assert infer_province(article("Đại biểu tỉnh Bạn Nhỏ phát biểu.")) is None


def test_focus_district_is_the_one_mentioned_strictly_most() -> None:
    bao_lac = Place(name="Bảo Lạc", type="district", spans=((0, 7), (20, 27)))
    ha_quang = Place(name="Hà Quảng", type="district", spans=((40, 48),))
    assert focus_district([bao_lac, ha_quang]) == "Bảo Lạc"
    assert focus_district([ha_quang, Place(name="Hòa An", type="district", spans=((60, 66),))]) is None


def test_seed_article_is_about_bac_kan(seed_article: Article) -> None:
    assert detect_province(seed_article, ArticleFacts(article=seed_article)).province == "Bắc Kạn"
