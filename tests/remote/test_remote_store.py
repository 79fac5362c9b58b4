"""SparqlStore against real servers: the GraphStore contract, errors, auth, URLs."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from rdflib import XSD, Graph, Literal, URIRef

from kg.errors import QueryError, StoreError
from kg.remote_store import KG_GRAPHS, ChallengeAuth, SparqlStore, query_form, server_endpoints
from kg.store import AskResult, GraphResult, SelectResult, open_store

G1, G2 = KG_GRAPHS + "test/g1", KG_GRAPHS + "test/g2"
EX = "https://example.org/"
REPO = Path(__file__).resolve().parents[2]


def graph_of(*triples: tuple[str, str, Literal]) -> Graph:
    graph = Graph()
    for s, p, o in triples:
        graph.add((URIRef(EX + s), URIRef(EX + p), o))
    return graph


@pytest.fixture
def store(remote_url: str) -> Iterator[SparqlStore]:
    """A store on the server; the test graphs are removed afterwards."""
    opened = open_store(remote_url)
    assert isinstance(opened, SparqlStore)
    yield opened
    for graph_iri in (G1, G2):
        opened.remove_graph(graph_iri)
    opened.close()


def test_replace_graph_replaces_only_that_graph(store: SparqlStore) -> None:
    store.replace_graph(G1, graph_of(("a", "name", Literal("Bắc Kạn", lang="vi")), ("b", "name", Literal("x"))))
    store.replace_graph(G2, graph_of(("c", "name", Literal("Ba Bể", lang="vi"))))
    store.replace_graph(G1, graph_of(("a", "name", Literal("Bắc Kạn", lang="vi"))))
    assert {G1, G2} <= set(store.graph_names())
    assert set(store.named_graph(G1)) == set(graph_of(("a", "name", Literal("Bắc Kạn", lang="vi"))))
    store.remove_graph(G2)
    store.remove_graph(G2)  # absent: no error
    assert G2 not in store.graph_names()


def test_terms_come_back_as_the_embedded_store_gives_them(store: SparqlStore) -> None:
    sent = [
        ("a", "name", Literal("Pác Nặm", lang="vi")),
        ("a", "plain", Literal("khu Nà Phẩn")),
        ("a", "cost", Literal("25000000000.0", datatype=XSD.decimal)),
        ("a", "share", Literal("71.4", datatype=XSD.decimal)),
        ("a", "count", Literal("35", datatype=XSD.integer)),
        ("a", "date", Literal("2024-06-13", datatype=XSD.date)),
    ]
    store.replace_graph(G1, graph_of(*sent))
    stored = {o for _, _, o in store.named_graph(G1)}
    # both servers keep the decimal type; Oxigraph writes the canonical lexical form without ".0", as pyoxigraph does
    assert Literal("25000000000", datatype=XSD.decimal) in stored or sent[2][2] in stored
    assert {o for _, _, o in sent if o.datatype != XSD.decimal} <= stored
    result = store.query(f"SELECT ?o WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }}")
    assert isinstance(result, SelectResult)
    assert {row[0] for row in result.rows} == stored
    assert {o.toPython() for o in stored if isinstance(o, Literal) and o.datatype == XSD.decimal} == {
        Decimal("25000000000"), Decimal("71.4")
    }


def test_query_sees_only_kg_graphs_as_its_union_default_graph(oxigraph_url: str) -> None:
    """On Oxigraph (not Virtuoso, which gets no dataset: see kg.remote_store) other graphs stay invisible."""
    store = SparqlStore(oxigraph_url)
    store.replace_graph(G1, graph_of(("a", "name", Literal("Bắc Kạn", lang="vi"))))
    foreign = KG_GRAPHS.replace("kgvn", "not-kg") + "g"
    store._update(f'INSERT DATA {{ GRAPH <{foreign}> {{ <{EX}z> <{EX}name> "other" }} }}')
    try:
        names = store.query(f"SELECT ?n WHERE {{ ?s <{EX}name> ?n }}")
        assert isinstance(names, SelectResult)
        assert [row[0] for row in names.rows] == [Literal("Bắc Kạn", lang="vi")]
        graphs = store.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s <{EX}name> ?n }} }}")
        assert isinstance(graphs, SelectResult) and [row[0] for row in graphs.rows] == [URIRef(G1)]
        assert foreign not in store.graph_names()
    finally:
        store._update(f"DROP SILENT GRAPH <{foreign}>")
        store.remove_graph(G1)


def test_ask_construct_and_predeclared_prefixes(store: SparqlStore) -> None:
    store.replace_graph(G1, graph_of(("a", "name", Literal("Bắc Kạn", lang="vi"))))
    assert store.query(f"ASK {{ <{EX}a> ?p ?o }}") == AskResult(True)
    assert store.query(f"# a comment\nPREFIX ex: <{EX}>\nASK {{ ex:nobody ?p ?o }}") == AskResult(False)
    construct = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }}")
    assert isinstance(construct, GraphResult) and len(construct.graph) == 1
    counted = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?c a owl:Class }")  # owl: predeclared
    assert isinstance(counted, SelectResult) and int(counted.rows[0][0]) >= 0  # type: ignore[call-overload]


def test_malformed_query_is_a_query_error(store: SparqlStore) -> None:
    with pytest.raises(QueryError, match="malformed SPARQL"):
        store.query("SELEC ?x WHERE { ?x ?y }")


def test_read_only_store_refuses_writes(remote_url: str) -> None:
    store = open_store(remote_url, read_only=True)
    with pytest.raises(StoreError, match="read-only"):
        store.replace_graph(G1, Graph())
    with pytest.raises(StoreError, match="read-only"):
        store.remove_graph(G1)
    store.close()


def test_wrong_password_is_one_clear_error_without_the_password(virtuoso_url: str) -> None:
    wrong = virtuoso_url.replace("dba:dba@", "dba:not-the-secret@")
    store = open_store(wrong)
    with pytest.raises(StoreError, match="access denied") as denied:
        store.graph_names()
    assert "not-the-secret" not in str(denied.value)


def test_credentials_from_the_environment(virtuoso_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_STORE_USER", "dba")
    monkeypatch.setenv("KG_STORE_PASSWORD", "dba")
    store = open_store(virtuoso_url.replace("dba:dba@", ""))
    assert isinstance(store.graph_names(), list)


def test_unreachable_server_is_a_store_error() -> None:
    from servers import free_port

    store = open_store(f"oxigraph+http://127.0.0.1:{free_port()}")
    with pytest.raises(StoreError, match="cannot reach"):
        store.graph_names()


@pytest.mark.parametrize("scheme", ["Basic", "Digest"])
def test_challenge_auth_answers_the_scheme_the_server_asks_for(scheme: str) -> None:
    seen: list[str | None] = []

    def server(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("authorization"))
        if request.headers.get("authorization", "").startswith(scheme):
            return httpx.Response(200)
        return httpx.Response(401, headers={"WWW-Authenticate": f'{scheme} realm="kg", nonce="abc", qop="auth"'})

    client = httpx.Client(transport=httpx.MockTransport(server), auth=ChallengeAuth("user", "secret"))
    assert client.get("http://store/sparql").status_code == 200
    assert seen[0] is None  # nothing sent before the server asks
    assert client.get("http://store/sparql").status_code == 200
    assert len(seen) == 3  # the scheme is remembered: the second request answers at once


def test_store_urls_name_the_endpoints() -> None:
    assert server_endpoints("oxigraph", "http://h:7878", authenticated=False).update == "http://h:7878/update"
    virtuoso = server_endpoints("virtuoso", "https://h/db/", authenticated=True)
    assert (virtuoso.query, virtuoso.graph_store) == ("https://h/db/sparql-auth", "https://h/db/sparql-graph-crud-auth")
    generic = server_endpoints("", "http://h/ds/sparql", authenticated=False)
    assert (generic.query, generic.update, generic.graph_store) == ("http://h/ds/sparql",) * 2 + (None,)
    with pytest.raises(StoreError, match="unknown store kind"):
        SparqlStore("fuseki+http://h:3030/ds")
    assert SparqlStore("virtuoso+http://u:p%40ss@h:8890").url == "virtuoso+http://h:8890"


@pytest.mark.parametrize(("text", "form"), [
    ("SELECT * WHERE {}", "SELECT"),
    ("# CONSTRUCT?\nPREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\nBASE <http://x/>\nconstruct {} where {}",
     "CONSTRUCT"),
    ("PREFIX : <http://x/#>\nDESCRIBE <a>", "DESCRIBE"),
    ("ASK {}", "ASK"),
])
def test_query_form_looks_past_the_prologue(text: str, form: str) -> None:
    assert query_form(text) == form


def test_cli_builds_queries_validates_and_exports_a_remote_store(remote_url: str) -> None:
    from click.testing import CliRunner

    from kg.cli import main

    runner = CliRunner()
    seed = str(REPO / "data" / "articles")
    assert runner.invoke(main, ["build", seed, "--store", remote_url]).exit_code == 0
    answer = runner.invoke(main, ["query", "-e", "SELECT ?n WHERE { ?p a schema:Person ; schema:name ?n }",
                                  "--format", "csv", "--store", remote_url])
    assert answer.exit_code == 0 and "Hoàng Duy Chinh" in answer.output
    assert runner.invoke(main, ["validate", "--store", remote_url]).exit_code == 0
    exported = runner.invoke(main, ["export", "--format", "nquads", "--store", remote_url])
    assert exported.exit_code == 0 and "kgvn/id/graph/bbk-2024-06-13-pac-nam" in exported.output
