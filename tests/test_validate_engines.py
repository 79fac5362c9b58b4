"""The fast validation engine (kg.validate_fast) reports exactly what pyshacl, the reference, reports.

On the valid fixture and every broken variant of it (tests/test_shapes.py), the dev and test corpus
articles, generated articles (kg.synth), and a union of several article graphs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib

from kg.extract import extract_facts
from kg.rdf import map_article
from kg.reader import read_article
from kg.synth import write_corpus
from kg.validate import ValidationReport, validate_graph, validate_triples
from test_shapes import BREAKS, HUNG, UPDATE_PROLOGUE, _delete, valid_graph

CORPUS = Path(__file__).parent / "corpus"


def assert_engines_agree(graph: rdflib.Graph, shapes: rdflib.Graph, ontology: rdflib.Graph) -> ValidationReport:
    reference = validate_graph(graph, shapes=shapes, ontology=ontology, engine="pyshacl")
    fast = validate_graph(graph, shapes=shapes, ontology=ontology, engine="fast")
    assert fast == reference, (set(fast.results) ^ set(reference.results))
    assert validate_triples(list(graph), shapes=shapes, ontology=ontology) == reference
    return reference


def article_graph(path: Path) -> rdflib.Graph:
    return map_article(extract_facts(read_article(path)))


def test_the_fast_engine_compiles_the_shapes(shapes: rdflib.Graph) -> None:
    """Else "fast" silently falls back to pyshacl: the shapes must stay within what it handles."""
    from kg.validate_fast import compile_shapes

    compile_shapes(shapes)


CASES = [("valid", ""), *[(case[0], case[1]) for case in BREAKS],
         ("without-display-label", _delete(HUNG, "rdfs:label"))]


@pytest.mark.parametrize("update", [case[1] for case in CASES], ids=[case[0] for case in CASES])
def test_fixture_and_every_break(update: str, shapes: rdflib.Graph, ontology: rdflib.Graph) -> None:
    graph = valid_graph()
    if update:
        graph.update(UPDATE_PROLOGUE + update)
    report = assert_engines_agree(graph, shapes, ontology)
    assert report.results or not update


@pytest.mark.parametrize("split", ["dev", "test"])
def test_corpus_articles(split: str, shapes: rdflib.Graph, ontology: rdflib.Graph) -> None:
    union = rdflib.Graph()
    for path in sorted((CORPUS / split).glob("*.txt")):
        graph = article_graph(path)
        assert_engines_agree(graph, shapes, ontology)
        union += graph
    assert_engines_agree(union, shapes, ontology)


def test_generated_articles(tmp_path: Path, shapes: rdflib.Graph, ontology: rdflib.Graph) -> None:
    write_corpus(30, tmp_path)
    union = rdflib.Graph()
    for path in sorted(tmp_path.rglob("*.txt")):
        graph = article_graph(path)
        assert_engines_agree(graph, shapes, ontology)
        union += graph
    assert_engines_agree(union, shapes, ontology)


def test_unusual_data_falls_back_to_pyshacl(shapes: rdflib.Graph, ontology: rdflib.Graph) -> None:
    """An offset the fast engine does not cast itself ("20"^^xsd:string): pyshacl decides."""
    graph = valid_graph()
    graph.update(UPDATE_PROLOGUE + "DELETE { ?p oa:start ?s } INSERT { ?p oa:start \"20\"^^xsd:string } "
                 "WHERE { ?p a oa:TextPositionSelector ; oa:start ?s } ")
    assert_engines_agree(graph, shapes, ontology)
