import shutil
from pathlib import Path

from kg.build import BuildReport, build_graph, graph_counts
from kg.rdf.iris import article_graph_iri
from kg.store import GraphStore, open_store

SEED_ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"

SEED = SEED_ARTICLES / "bbk-2024-06-13-pac-nam.txt"
GOOD = """+++
id = "tn-2024-03-02-dai-tu"
source = "Báo Thái Nguyên"
published = "2024-03-02"
+++
Sáng 1/3, Ban Thường vụ Tỉnh ủy Thái Nguyên làm việc với Ban Thường vụ Huyện ủy Đại Từ.
Đồng chí Ma Văn Phúc, Bí thư Tỉnh ủy chủ trì buổi làm việc.
Huyện Đại Từ đã có 20/25 chỉ tiêu đạt và vượt kế hoạch, đạt 80%.
"""


def test_seed_builds_into_a_valid_graph_with_the_expected_counts(seed_build: tuple[GraphStore, BuildReport]) -> None:
    store, report = seed_build
    assert report.ok and [built.article_id for built in report.built] == ["bbk-2024-06-13-pac-nam"]
    counts = graph_counts(store)
    assert {kind: counts[kind] for kind in ("articles", "persons", "meetings", "proposals", "indicators",
                                            "documents", "memberships")} == {
        "articles": 1, "persons": 3, "meetings": 1, "proposals": 3, "indicators": 7, "documents": 1,
        "memberships": 7,
    }
    assert counts["triples"] == report.built[0].triples


def test_a_broken_article_is_reported_and_the_others_are_built(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    shutil.copy(SEED, articles)
    (articles / "good.txt").write_text(GOOD, encoding="utf-8")
    (articles / "broken.txt").write_bytes(b"+++\nid = \"x\"\n+++\n\xff\xfe binary")
    store = open_store(tmp_path / "store")
    report = build_graph([articles], store)
    assert sorted(built.article_id for built in report.built) == ["bbk-2024-06-13-pac-nam", "tn-2024-03-02-dai-tu"]
    [failure] = report.failed
    assert failure.path.name == "broken.txt" and "not UTF-8" in failure.message and "broken.txt" in failure.message


def test_a_failed_rebuild_leaves_the_previous_graph_of_the_article(tmp_path: Path) -> None:
    article = tmp_path / "tn.txt"
    article.write_text(GOOD, encoding="utf-8")
    store = open_store(tmp_path / "store")
    assert build_graph([article], store).ok
    graph_iri = str(article_graph_iri("tn-2024-03-02-dai-tu"))
    before = sorted(store.named_graph(graph_iri))
    article.write_text(GOOD.replace('published = "2024-03-02"', 'published = "2024-02-31"'), encoding="utf-8")
    report = build_graph([article], store)
    assert not report.ok and "not a real date" in report.failed[0].message
    assert sorted(store.named_graph(graph_iri)) == before


def test_an_article_that_does_not_conform_is_not_stored(tmp_path: Path) -> None:
    article = tmp_path / "tn.txt"
    # A chair whose office is in no organization of the meeting breaks a SHACL-SPARQL constraint.
    article.write_text(GOOD.replace("Bí thư Tỉnh ủy chủ trì", "Giám đốc Sở Tài chính chủ trì"), encoding="utf-8")
    store = open_store(tmp_path / "store")
    report = build_graph([article], store)
    assert not report.ok
    assert "SHACL violations" in report.failed[0].message
    assert report.failed[0].report is not None
    assert str(article_graph_iri("tn-2024-03-02-dai-tu")) not in store.graph_names()


def test_building_twice_gives_the_same_bytes(tmp_path: Path) -> None:
    exports = []
    for name in ("one", "two"):
        store = open_store(tmp_path / name)
        build_graph([SEED_ARTICLES], store)
        exports.append({fmt: store.export(fmt) for fmt in ("turtle", "trig", "nquads", "jsonld")})
    assert exports[0] == exports[1]


def test_rebuilding_an_unchanged_article_changes_nothing(tmp_path: Path) -> None:
    store = open_store(tmp_path / "store")
    build_graph([SEED_ARTICLES], store)
    first = store.export("nquads")
    build_graph([SEED_ARTICLES], store)
    assert store.export("nquads") == first


def test_a_parallel_build_gives_the_same_bytes_as_a_sequential_one(tmp_path: Path) -> None:
    from kg.synth import write_corpus

    articles = tmp_path / "articles"
    write_corpus(12, articles, seed=5)
    (articles / "broken.txt").write_bytes(b"+++\nid = \"x\"\n+++\n\xff\xfe binary")
    exports, reports = [], []
    for jobs in (1, 2):
        store = open_store(tmp_path / f"store-{jobs}")
        reports.append(build_graph([articles], store, jobs=jobs, chunk_size=3))
        exports.append(store.export("nquads"))
    assert exports[0] == exports[1]
    assert [b.article_id for b in reports[0].built] == [b.article_id for b in reports[1].built]
    assert [f.message for f in reports[0].failed] == [f.message for f in reports[1].failed]
    assert len(reports[1].built) == 12 and len(reports[1].failed) == 1
