"""The proof: the same build gives the same answers and the same export on every store.

The seed and the team's dev corpus are built once into the embedded store and once into each
real server; then every competency query in queries/ is asked of each, and every export
format compared byte for byte.

Rows are compared as sets of rdflib terms, and on Oxigraph also with their multiplicity. No
numeric normalization is needed: both servers keep each literal's datatype, and both give a
whole xsd:decimal the canonical lexical form the embedded store gives it ("25000000000").
Virtuoso 7.2 (Debian's) returns a row once per path for ``schema:containedInPlace+`` where
SPARQL wants it once (hence sets), and loses rows when ``a/rdfs:subClassOf*`` meets ORDER BY:
those queries are expected failures there, kept strict so that a fixed Virtuoso shows up.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.build import build_graph
from kg.store import GraphStore, SelectResult, open_store

REPO = Path(__file__).resolve().parents[2]
SOURCES = [REPO / "data" / "articles", REPO / "tests" / "corpus" / "dev"]
QUERIES = sorted((REPO / "queries").glob("*.rq"))
VIRTUOSO_PATH_BUG = {"01-meeting-chairs.rq", "09-who-met-whom.rq"}
"""Queries whose ``rdfs:subClassOf*`` path with ORDER BY gives Virtuoso 7.2.5 too few rows."""


def built(store: GraphStore) -> tuple[GraphStore, tuple[str, ...], tuple[str, ...]]:
    report = build_graph(SOURCES, store)
    return store, tuple(a.article_id for a in report.built), tuple(f.message for f in report.failed)


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[GraphStore, tuple[str, ...], tuple[str, ...]]]:
    store = open_store(tmp_path_factory.mktemp("embedded") / "store")
    yield built(store)
    store.close()


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def remote(request: pytest.FixtureRequest) -> Iterator[tuple[GraphStore, tuple[str, ...], tuple[str, ...]]]:
    store = open_store(request.getfixturevalue(f"{request.param}_url"))
    for graph_iri in store.graph_names():  # the session's server may hold another test's graphs
        store.remove_graph(graph_iri)
    yield built(store)
    store.close()


def answers(store: GraphStore, query: Path) -> tuple[tuple[str, ...], Counter[tuple[object, ...]]]:
    result = store.query(query.read_text(encoding="utf-8"))
    assert isinstance(result, SelectResult)
    return result.variables, Counter(result.rows)


def on_virtuoso(request: pytest.FixtureRequest) -> bool:
    return "virtuoso" in request.node.callspec.id


def test_the_same_articles_are_built(embedded: tuple, remote: tuple) -> None:
    assert remote[1:] == embedded[1:]
    assert remote[0].graph_names() == embedded[0].graph_names()


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_every_query_gives_the_same_rows(
    embedded: tuple, remote: tuple, query: Path, request: pytest.FixtureRequest
) -> None:
    if on_virtuoso(request) and query.name in VIRTUOSO_PATH_BUG:
        request.applymarker(pytest.mark.xfail(reason="Virtuoso 7.2.5: property path with ORDER BY loses rows",
                                              strict=True))
    (remote_variables, remote_rows), (variables, rows) = answers(remote[0], query), answers(embedded[0], query)
    assert remote_variables == variables
    assert set(remote_rows) == set(rows)
    if not on_virtuoso(request):
        assert remote_rows == rows


@pytest.mark.parametrize("fmt", ["turtle", "trig", "nquads", "ntriples", "jsonld", "rdfxml"])
def test_export_gives_the_same_bytes(embedded: tuple, remote: tuple, fmt: str) -> None:
    assert remote[0].export(fmt, include_ontology=True) == embedded[0].export(fmt, include_ontology=True)


def test_data_graph_is_the_same(embedded: tuple, remote: tuple) -> None:
    assert set(remote[0].data_graph()) == set(embedded[0].data_graph())
