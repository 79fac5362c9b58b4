"""Incremental builds: unchanged articles cost nothing, changed ones replace only their graph, removed
files take their facts with them, ``--force`` rebuilds everything; the manifest lives in the store."""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

import kg.build
from kg.build import BuildReport, build_graph
from kg.cli import main
from kg.config import BUILD_GRAPH
from kg.manifest import entry_graph_iri, file_sha256, pipeline_hash, read_manifest
from kg.rdf.iris import article_graph_iri, article_iri
from kg.resolve import RESOLUTION_GRAPH
from kg.store import GraphStore, OxigraphStore
from kg.synth import write_corpus


class RecordingStore(OxigraphStore):
    """The embedded store, recording every write."""

    def __init__(self, location: Path) -> None:
        super().__init__(location)
        self.writes: list[str] = []

    def replace_graph(self, graph_iri: str, graph: Graph) -> None:
        self.writes.append(graph_iri)
        super().replace_graph(graph_iri, graph)

    def replace_graphs(self, graphs: Mapping[str, str]) -> None:
        self.writes.extend(graphs)
        super().replace_graphs(graphs)

    def remove_graph(self, graph_iri: str) -> None:
        self.writes.append("-" + graph_iri)
        super().remove_graph(graph_iri)


@pytest.fixture
def corpus(tmp_path: Path) -> list[Path]:
    return write_corpus(8, tmp_path / "articles", seed=11)


@pytest.fixture
def store(tmp_path: Path) -> RecordingStore:
    return RecordingStore(tmp_path / "store")


@pytest.fixture
def extractions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the articles extracted (in this process: builds here run with jobs=1)."""
    extracted: list[str] = []
    real = kg.build.extract_facts

    def counting(article):  # type: ignore[no-untyped-def]
        extracted.append(article.id)
        return real(article)

    monkeypatch.setattr(kg.build, "extract_facts", counting)
    return extracted


def build(corpus: list[Path], store: GraphStore, **options: bool) -> BuildReport:
    return build_graph([corpus[0].parent], store, validate=False, **options)


def article_graphs(store: GraphStore) -> dict[str, set[object]]:
    prefix = str(article_graph_iri(""))
    return {name: set(store.named_graph(name)) for name in store.graph_names() if name.startswith(prefix)}


def test_an_unchanged_rebuild_reads_extracts_and_writes_nothing(
    corpus: list[Path], store: RecordingStore, extractions: list[str]
) -> None:
    first = build(corpus, store)
    assert len(first.built) == 8 and len(extractions) == 8
    export = {fmt: store.export(fmt) for fmt in ("nquads", "trig", "turtle")}
    store.writes.clear()
    extractions.clear()
    again = build(corpus, store)
    assert (again.built, again.failed, again.removed) == ((), (), ())
    assert again.unchanged == tuple(corpus)
    assert extractions == [] and store.writes == []
    assert {fmt: store.export(fmt) for fmt in export} == export


def test_the_manifest_is_in_the_store_and_not_in_the_export(corpus: list[Path], store: RecordingStore) -> None:
    report = build(corpus, store)
    manifest = read_manifest(store)
    assert sorted(manifest) == sorted(article.article_id for article in report.built)
    for article in report.built:
        entry = manifest[article.article_id]
        assert entry.file == str(article.path.resolve())
        assert entry.sha256 == file_sha256(article.path, 10**6) and entry.pipeline == pipeline_hash()
        assert not entry.validated
    assert BUILD_GRAPH in store.graph_names()
    assert b"kgvn/build" not in store.export("nquads") and b"kgvn/id/build" not in store.export("trig")


def test_a_changed_article_replaces_only_its_graph(
    corpus: list[Path], store: RecordingStore, extractions: list[str]
) -> None:
    build(corpus, store)
    before = article_graphs(store)
    changed = corpus[3]
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace("Sáng", "Chiều", 1) if "Sáng" in text else text + "\nThêm một câu.\n",
                       encoding="utf-8")
    store.writes.clear()
    extractions.clear()
    report = build(corpus, store)
    [rebuilt] = report.built
    assert rebuilt.path == changed and extractions == [rebuilt.article_id]
    assert len(report.unchanged) == 7
    graph = str(article_graph_iri(rebuilt.article_id))
    assert set(store.writes) <= {graph, entry_graph_iri(rebuilt.article_id), RESOLUTION_GRAPH, BUILD_GRAPH}
    after = article_graphs(store)
    assert after.keys() == before.keys()
    assert {name for name in after if after[name] != before[name]} == {graph}


def test_a_removed_file_takes_its_facts_with_it(corpus: list[Path], store: RecordingStore, tmp_path: Path) -> None:
    first = build(corpus, store)
    gone = first.built[2]
    gone.path.unlink()
    report = build(corpus, store)
    assert report.removed == (gone.article_id,) and len(report.unchanged) == 7
    assert str(article_graph_iri(gone.article_id)) not in store.graph_names()
    assert entry_graph_iri(gone.article_id) not in store.graph_names()
    assert str(article_iri(gone.article_id)).encode() not in store.export("nquads")  # nor in the merge records
    # a file given by name removes nothing: only directories say which articles should exist
    single = build_graph([corpus[0]], store, validate=False)
    assert single.removed == () and len(article_graphs(store)) == 7


def test_a_file_that_breaks_keeps_its_previous_graph(corpus: list[Path], store: RecordingStore) -> None:
    first = build(corpus, store)
    broken = first.built[1]
    before = article_graphs(store)[str(article_graph_iri(broken.article_id))]
    broken.path.write_bytes(b"\x00\x01 binary")
    report = build(corpus, store)
    assert [failure.path for failure in report.failed] == [broken.path] and report.removed == ()
    assert article_graphs(store)[str(article_graph_iri(broken.article_id))] == before


def test_force_and_a_new_pipeline_rebuild_everything(
    corpus: list[Path], store: RecordingStore, extractions: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    build(corpus, store)
    export = store.export("nquads")
    extractions.clear()
    forced = build(corpus, store, force=True)
    assert len(forced.built) == 8 and len(extractions) == 8 and store.export("nquads") == export
    monkeypatch.setattr(kg.build, "pipeline_hash", lambda: "another kg")
    assert len(build(corpus, store).built) == 8
    # articles stored without validation are built again when a build validates
    monkeypatch.undo()
    build(corpus[:1], store)
    assert len(build_graph(corpus[:2], store).built) == 2


def test_a_renamed_file_moves_its_article(corpus: list[Path], store: RecordingStore) -> None:
    first = build(corpus, store)
    moved = corpus[0].with_name("renamed.txt")
    shutil.move(corpus[0], moved)
    report = build([moved], store)
    assert [article.path for article in report.built] == [moved] and report.removed == ()
    assert read_manifest(store)[first.built[0].article_id].file == str(moved.resolve())
    assert len(article_graphs(store)) == 8


def test_the_cli_summary_counts_built_unchanged_removed_failed(corpus: list[Path], tmp_path: Path) -> None:
    arguments = ["build", str(corpus[0].parent), "--store", str(tmp_path / "cli-store"), "--no-validate", "--jobs", "1"]
    assert "8 articles: 8 built, 0 unchanged, 0 removed, 0 failed" in CliRunner().invoke(main, arguments).output
    corpus[0].unlink()
    corpus[1].write_text("+++\nid = \"x\"\n+++\nno source", encoding="utf-8")
    corpus[2].write_text(corpus[2].read_text(encoding="utf-8") + "\nThêm một câu.\n", encoding="utf-8")
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 1
    assert "7 articles: 1 built, 5 unchanged, 1 removed, 1 failed" in result.output
    forced = CliRunner().invoke(main, [*arguments, "--force"])
    assert "7 articles: 6 built, 0 unchanged, 0 removed, 1 failed" in forced.output
