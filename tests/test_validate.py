"""kg.validate: running the shapes, reading pyshacl's results graph, formatting the report."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from rdflib import URIRef

from kg.validate import (
    ValidationReport,
    ValidationResult,
    format_report_table,
    load_ontology,
    load_shapes,
    ontology_dir,
    validate_graph,
)

FIXTURE = Path(__file__).parent / "fixtures" / "valid_graph.trig"
REPO_ONTOLOGY = Path(__file__).parents[1] / "ontology"
KGR = "https://w3id.org/kgvn/id/"
SCHEMA = rdflib.Namespace("https://schema.org/")
HUNG = URIRef(KGR + "person/bac-kan/phạm-duy-hùng")


def fixture_dataset() -> rdflib.Dataset:
    dataset = rdflib.Dataset()
    dataset.parse(FIXTURE, format="trig")
    return dataset


def fixture_graph() -> rdflib.Graph:
    graph = rdflib.Graph()
    for s, p, o, _ in fixture_dataset().quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def nameless_hung(shapes: rdflib.Graph, ontology: rdflib.Graph) -> ValidationReport:
    graph = fixture_graph()
    graph.remove((HUNG, SCHEMA.name, None))
    return validate_graph(graph, shapes=shapes, ontology=ontology)


def test_fixture_dataset_conforms_with_the_default_files() -> None:
    report = validate_graph(fixture_dataset())
    assert report == ValidationReport(conforms=True, results=())


def test_rdfs_inference_gives_the_same_answer(shapes: rdflib.Graph, ontology: rdflib.Graph) -> None:
    report = validate_graph(fixture_graph(), shapes=shapes, ontology=ontology, inference="rdfs")
    assert report.conforms, report.results


def test_named_graphs_are_validated_together(shapes: rdflib.Graph, ontology: rdflib.Graph) -> None:
    """A fact in one article's graph may point to an entity typed in another graph."""
    dataset = fixture_dataset()
    article_graph = dataset.graph(URIRef(KGR + "graph/bbk-2024-06-13-pac-nam"))
    other_graph = dataset.graph(URIRef(KGR + "graph/other"))
    for triple in list(article_graph.triples((HUNG, None, None))):
        article_graph.remove(triple)
        other_graph.add(triple)
    assert validate_graph(dataset, shapes=shapes, ontology=ontology).conforms


def test_result_fields_are_curies_and_turtle(shapes: rdflib.Graph, ontology: rdflib.Graph) -> None:
    graph = fixture_graph()
    graph.set((HUNG, SCHEMA.name, rdflib.Literal("Phạm Duy Hưng")))
    report = validate_graph(graph, shapes=shapes, ontology=ontology)
    assert not report.conforms
    assert report.results == (
        ValidationResult(
            focus_node="kgr:person/bac-kan/phạm-duy-hùng",
            path="schema:name",
            message="A person needs exactly one schema:name in Vietnamese (@vi).",
            severity="Violation",
            source_shape="kgsh:PersonShape/schema:name",
            value='"Phạm Duy Hưng"',
        ),
    )


def test_results_are_sorted_and_deterministic(shapes: rdflib.Graph, ontology: rdflib.Graph) -> None:
    graph = fixture_graph()
    graph.update("""
        PREFIX schema: <https://schema.org/>
        DELETE WHERE { ?thing schema:name ?name }
    """)
    first = validate_graph(graph, shapes=shapes, ontology=ontology)
    second = validate_graph(graph, shapes=shapes, ontology=ontology)
    assert first == second
    assert len(first.results) > 5
    keys = [(r.focus_node, r.path) for r in first.results]
    assert keys == sorted(keys)


def test_table_lists_focus_path_message_severity(shapes: rdflib.Graph, ontology: rdflib.Graph) -> None:
    table = format_report_table(nameless_hung(shapes, ontology))
    lines = table.splitlines()
    assert lines[0] == "Conforms: no — 1 violation, 0 warnings"
    assert lines[1].split() == ["FOCUS", "NODE", "PATH", "SEVERITY", "MESSAGE"]
    row = lines[3]
    for cell in ("kgr:person/bac-kan/phạm-duy-hùng", "schema:name", "Violation",
                 "A person needs exactly one schema:name in Vietnamese (@vi)."):
        assert cell in row
    assert row.index("schema:name") == lines[1].index("PATH")


def test_table_of_a_conforming_graph_is_one_line() -> None:
    assert format_report_table(ValidationReport(conforms=True, results=())) == "Conforms: yes"


def test_table_counts_warnings_and_cuts_long_cells() -> None:
    warning = ValidationResult("kgr:" + "x" * 200, "rdfs:label", "Needs a label.", "Warning", "kgsh:S", "")
    table = format_report_table(ValidationReport(conforms=True, results=(warning,)), width=20)
    assert table.splitlines()[0] == "Conforms: yes (0 violations, 1 warning)"
    assert "kgr:" + "x" * 15 + "…" in table
    assert "Needs a label." in table


def test_ontology_dir_defaults_to_the_checkout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KG_ONTOLOGY_DIR", raising=False)
    assert ontology_dir() == REPO_ONTOLOGY.resolve()


def test_ontology_dir_can_be_overridden(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    shutil.copy(REPO_ONTOLOGY / "kg.ttl", tmp_path / "kg.ttl")
    (tmp_path / "shapes.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "<urn:x:only> a sh:NodeShape .\n", encoding="utf-8")
    monkeypatch.setenv("KG_ONTOLOGY_DIR", str(tmp_path))
    assert ontology_dir() == tmp_path
    assert len(load_shapes()) == 1
    assert len(load_ontology()) == len(rdflib.Graph().parse(REPO_ONTOLOGY / "kg.ttl"))


def test_importing_kg_validate_does_not_import_pyshacl() -> None:
    code = "import sys, kg.validate; print('pyshacl' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_rdflib_query_is_restored_after_validation() -> None:
    from rdflib.plugins.sparql.processor import SPARQLProcessor

    before = SPARQLProcessor.query
    validate_graph(rdflib.Graph())
    assert SPARQLProcessor.query is before
