"""Bad input: every broken file is named with its problem, every other article is still built.

The corpus (the ``bad_input`` fixture) is written into tmp_path, not committed: one of its files is
50 MB.
"""

from __future__ import annotations

import tracemalloc
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build import BuildReport, build_graph
from kg.cli import main
from kg.config import MAX_ARTICLE_BYTES, load_settings
from kg.errors import ArticleError
from kg.numbers import MAX_AMOUNT_VND, MAX_PERCENT
from kg.rdf.iris import article_graph_iri
from kg.reader import read_article
from kg.store import GraphStore, SelectResult, open_store

FRONT_MATTER = '+++\nid = "{id}"\nsource = "Báo Thái Nguyên"\npublished = "2024-03-02"\n+++\n'
MEETING = (
    "Sáng 1/3, Ban Thường vụ Tỉnh ủy Thái Nguyên làm việc với Ban Thường vụ Huyện ủy Đại Từ.\n"
    "Đồng chí Ma Văn Phúc, Bí thư Tỉnh ủy chủ trì buổi làm việc.\n"
    "Huyện Đại Từ đã có 20/25 chỉ tiêu đạt và vượt kế hoạch, đạt 80%.\n"
)
FAILING = {
    "empty.txt": "empty file",
    "binary.txt": "binary data",
    "latin1.txt": "not UTF-8 text (byte 29, line 3)",
    "windows-1258.txt": "not UTF-8 text",
    "page.txt": "an HTML page, not an article text",
    "page-with-front-matter.txt": "an HTML page, not an article text",
    "huge.txt": "more than the 5,242,880 an article may have",
}
BUILDING = {"impossible-date", "absurd-numbers", "title-without-name", "unbalanced", "good"}


def article(article_id: str, text: str) -> str:
    return FRONT_MATTER.format(id=article_id) + text


@pytest.fixture(scope="module")
def bad_input(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``tests/bad_input/``: broken files beside articles that must still build."""
    directory = tmp_path_factory.mktemp("bad_input")
    (directory / "empty.txt").write_bytes(b"")
    (directory / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (directory / "latin1.txt").write_bytes(article("latin1", "Café, résumé, naïve.").encode("latin-1"))
    (directory / "windows-1258.txt").write_bytes(article("cp1258", MEETING).encode("cp1258", errors="replace"))
    (directory / "page.txt").write_text(
        "<!DOCTYPE html>\n<html><head><title>Báo Thái Nguyên</title></head><body><p>Sáng 1/3 …</p></body></html>\n",
        encoding="utf-8",
    )
    (directory / "page-with-front-matter.txt").write_text(
        article("page", "<div class='content'><p>Sáng 1/3, Ban Thường vụ Tỉnh ủy</p></div>\n"), encoding="utf-8"
    )
    with (directory / "huge.txt").open("wb") as huge:
        huge.write(article("huge", MEETING).encode("utf-8"))
        huge.truncate(50 * 1024 * 1024)  # 50 MB, sparse: the reader must refuse it before reading
    (directory / "impossible-date.txt").write_text(article("impossible-date", (
        "Sáng 31/2, Ban Thường vụ Tỉnh ủy Thái Nguyên làm việc với Ban Thường vụ Huyện ủy Đại Từ.\n"
        "Đồng chí Ma Văn Phúc, Bí thư Tỉnh ủy chủ trì buổi làm việc. Theo Nghị quyết số 12-NQ/TU ngày 31/2/2024.\n"
        "Đến ngày 30/2, huyện đã có 20/25 chỉ tiêu đạt và vượt kế hoạch.\n"
    )), encoding="utf-8")
    (directory / "absurd-numbers.txt").write_text(article("absurd-numbers", MEETING + (
        "Tại buổi làm việc, huyện Đại Từ đề nghị tỉnh hỗ trợ 10^30 tỷ đồng xây dựng đường liên xã.\n"
        "Tỷ lệ hộ nghèo giảm 999999999999999999%. Tổng vốn đầu tư đạt 999999999999999999999 tỷ đồng.\n"
    )), encoding="utf-8")
    (directory / "title-without-name.txt").write_text(article("title-without-name", (
        "Sáng 1/3, Ban Thường vụ Tỉnh ủy Thái Nguyên làm việc với Huyện ủy Đại Từ. Đồng chí Bí thư Tỉnh ủy "
        "chủ trì buổi làm việc. Đồng chí , Chủ tịch UBND huyện phát biểu. Phó Chủ tịch UBND tỉnh.\n"
    )), encoding="utf-8")
    (directory / "unbalanced.txt").write_text(article("unbalanced", (
        'Sáng 1/3, Ban Thường vụ Tỉnh ủy Thái Nguyên (làm việc với "Ban Thường vụ Huyện ủy Đại Từ.\n'
        "Đồng chí Ma Văn Phúc, Bí thư Tỉnh ủy) chủ trì buổi « làm việc [về Nghị quyết số 12-NQ/TU (ngày 2/3/2024.\n"
        "“Huyện Đại Từ đã có 20/25 chỉ tiêu đạt)) và vượt kế hoạch, đạt 80%.”]]\n"
    )), encoding="utf-8")
    (directory / "good.txt").write_text(article("good", MEETING), encoding="utf-8")
    return directory


@pytest.fixture(scope="module")
def bad_build(bad_input: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[GraphStore, BuildReport]:
    store = open_store(tmp_path_factory.mktemp("bad_store") / "store")
    return store, build_graph([bad_input], store, jobs=2, chunk_size=3)


@pytest.mark.parametrize("name", sorted(FAILING))
def test_each_broken_file_is_named_with_its_problem(bad_input: Path, name: str) -> None:
    with pytest.raises(ArticleError) as raised:
        read_article(bad_input / name)
    assert str(raised.value).startswith(f"{bad_input / name}: ")
    assert FAILING[name] in str(raised.value)


def test_a_huge_file_is_refused_without_being_read(bad_input: Path) -> None:
    tracemalloc.start()
    try:
        with pytest.raises(ArticleError, match="bytes, more than the"):
            read_article(bad_input / "huge.txt")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1024 * 1024


def test_the_size_limit_is_a_setting(bad_input: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_settings().max_article_bytes == MAX_ARTICLE_BYTES == 5 * 1024 * 1024
    monkeypatch.setenv("KG_MAX_ARTICLE_BYTES", "100")
    assert load_settings().max_article_bytes == 100
    with pytest.raises(ArticleError, match="more than the 100 an article may have"):
        read_article(bad_input / "good.txt", max_bytes=100)


def test_the_other_articles_are_built_and_the_broken_ones_reported(bad_build: tuple[GraphStore, BuildReport]) -> None:
    _, report = bad_build
    assert {article.article_id for article in report.built} == BUILDING
    assert {failure.path.name: failure.message for failure in report.failed}.keys() == FAILING.keys()
    for failure in report.failed:
        assert failure.message.startswith(f"{failure.path}: ") and FAILING[failure.path.name] in failure.message


def test_nothing_of_a_failed_article_is_in_the_store(bad_build: tuple[GraphStore, BuildReport]) -> None:
    store, _ = bad_build
    article_graphs = {name for name in store.graph_names() if name.startswith(str(article_graph_iri("")))}
    assert article_graphs == {str(article_graph_iri(article_id)) for article_id in BUILDING}


def test_an_impossible_date_is_skipped_with_a_warning(bad_build: tuple[GraphStore, BuildReport]) -> None:
    store, report = bad_build
    [built] = [article for article in report.built if article.article_id == "impossible-date"]
    assert any("impossible date '31/2'" in warning for warning in built.warnings)
    dates = _select(store, "SELECT ?date WHERE { ?s ?p ?date FILTER(DATATYPE(?date) = xsd:date) }")
    assert all("-02-3" not in str(date) for (date,) in dates)


def test_absurd_numbers_are_skipped_with_a_warning_and_never_stored(bad_build: tuple[GraphStore, BuildReport]) -> None:
    store, report = bad_build
    [built] = [article for article in report.built if article.article_id == "absurd-numbers"]
    assert any("implausible amount '999999999999999999999 tỷ đồng'" in warning for warning in built.warnings)
    assert any("implausible percentage '999999999999999999%'" in warning for warning in built.warnings)
    numbers = _select(store, "SELECT ?value WHERE { GRAPH <https://w3id.org/kgvn/id/graph/absurd-numbers> "
                             "{ ?s ?p ?value FILTER(isNumeric(?value)) } }")
    values = {Decimal(str(value)) for (value,) in numbers}
    assert values and max(values) <= max(MAX_AMOUNT_VND, MAX_PERCENT)
    assert Decimal(30 * 10**9) not in values  # the exponent of 10^30 tỷ is not read as 30 tỷ


def test_the_cli_reports_errors_and_warnings_and_exits_1(bad_input: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(bad_input), "--store", str(tmp_path / "store"), "--jobs", "1"])
    assert result.exit_code == 1
    assert f"{len(FAILING) + len(BUILDING)} articles: {len(BUILDING)} built, 0 unchanged, 0 removed, " \
           f"{len(FAILING)} failed" in result.output
    for name, problem in FAILING.items():
        assert f"error: {bad_input / name}: " in result.output and problem in result.output
    assert f"warning: {bad_input / 'impossible-date.txt'}: impossible date '31/2'" in result.output
    assert "Traceback" not in result.output


def _select(store: GraphStore, sparql: str) -> tuple[tuple[object, ...], ...]:
    result = store.query(sparql)
    assert isinstance(result, SelectResult)
    return result.rows
