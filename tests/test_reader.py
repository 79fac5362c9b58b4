import unicodedata
from pathlib import Path

import pytest

from kg.errors import ArticleError
from kg.reader import iter_article_paths, parse_article, read_article

SEED = Path(__file__).parents[1] / "data" / "articles" / "bbk-2024-06-13-pac-nam.txt"


def test_seed_article_metadata_and_text() -> None:
    article = read_article(SEED)
    assert (article.id, article.source, article.published, article.year) == (
        "bbk-2024-06-13-pac-nam", "Báo Bắc Kạn", "2024-06", 2024,
    )
    assert article.text.startswith("Sáng 13/6, Ban Thường vụ Tỉnh ủy Bắc Kạn")
    assert "BBK" not in article.text[:40] and "date" not in article.text[:10]


def test_crawl_prefix_gives_the_date_when_front_matter_has_none() -> None:
    article = parse_article(" date 2023-11 LCI - Chiều 2/11, Tỉnh ủy Lào Cai họp.", id="x", source="Báo Lào Cai")
    assert article.published == "2023-11"
    assert article.text == "Chiều 2/11, Tỉnh ủy Lào Cai họp."


def test_front_matter_date_wins_over_crawl_prefix() -> None:
    content = '+++\nid = "a"\nsource = "Báo Nghệ An"\npublished = "2023-09-12"\n+++\n date 2023-09 BNA - Sáng nay.'
    assert parse_article(content).published == "2023-09-12"


def test_nfd_input_is_normalized_to_nfc() -> None:
    text = unicodedata.normalize("NFD", "Bí thư Tỉnh ủy Hoàng Văn Nam")
    article = parse_article(text, id="nfd", source="Báo Cao Bằng", published="2024-01-02")
    assert unicodedata.is_normalized("NFC", article.text)
    assert article.text == "Bí thư Tỉnh ủy Hoàng Văn Nam"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('+++\nid = "a"\npublished = "2024-01-01"\n+++\nText.', "needs 'source'"),
        ('+++\nid = "a"\nsource = "B"\npublished = "2024-02-31"\n+++\nText.', "not a real date"),
        ('+++\nid = "a"\nsource = "B"\npublished = "13/6/2024"\n+++\nText.', "must be an ISO date"),
        ('+++\nid = "A B"\nsource = "B"\npublished = "2024"\n+++\nText.', "article id"),
        ('+++\nid = "a"\nsource = "B"\npublished = "2024"\n+++\n   \n', "no text"),
        ('+++\nid = "a"\nsource = = "B"\n+++\nText.', "invalid front matter"),
    ],
)
def test_bad_metadata_is_reported_with_the_file(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ArticleError, match=message) as raised:
        read_article(path)
    assert str(path) in str(raised.value)


def test_latin1_bytes_are_reported_not_guessed(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes('+++\nid = "a"\nsource = "B"\npublished = "2024"\n+++\nCông tác'.encode("cp1258"))
    with pytest.raises(ArticleError, match="not UTF-8"):
        read_article(path)


def test_directories_expand_to_sorted_txt_files(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "notes.md"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in iter_article_paths([tmp_path])] == ["a.txt", "b.txt"]
