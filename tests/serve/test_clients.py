"""Real SPARQL clients (SPARQLWrapper, rdflib's SPARQLStore, httpx) against a real ``kg serve`` on a socket."""

from __future__ import annotations

import json

import httpx
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper

from kg.cli import main

PERSONS = ["Hoàng Duy Chinh", "Nguyễn Đăng Bình", "Phương Thị Thanh"]
PREFIXED_PERSONS = (
    "PREFIX schema: <https://schema.org/>\n"
    "SELECT ?name WHERE { ?person a schema:Person ; schema:name ?name } ORDER BY ?name"
)
CHINH = "https://w3id.org/kgvn/id/person/bac-kan/hoàng-duy-chinh"


def wrapper(url: str, query: str, return_format: str, method: str = "GET") -> SPARQLWrapper:
    client = SPARQLWrapper(f"{url}/sparql")
    client.setQuery(query)
    client.setReturnFormat(return_format)
    client.setMethod(method)
    client.setTimeout(30)
    return client


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_select_json_and_xml(server_url: str, method: str) -> None:
    as_json = wrapper(server_url, PREFIXED_PERSONS, JSON, method).queryAndConvert()
    assert isinstance(as_json, dict)
    assert [row["name"]["value"] for row in as_json["results"]["bindings"]] == PERSONS
    as_xml = wrapper(server_url, PREFIXED_PERSONS, XML, method).queryAndConvert()
    literals = as_xml.getElementsByTagName("literal")  # type: ignore[union-attr]  # a minidom Document
    assert [literal.firstChild.data for literal in literals] == PERSONS


def test_sparqlwrapper_csv_ask_and_construct(server_url: str) -> None:
    as_csv = wrapper(server_url, PREFIXED_PERSONS, CSV).queryAndConvert()
    assert isinstance(as_csv, bytes)
    assert as_csv.decode("utf-8").splitlines()[1:] == PERSONS
    ask = wrapper(server_url, f"ASK {{ <{CHINH}> ?p ?o }}", JSON).queryAndConvert()
    assert isinstance(ask, dict) and ask["boolean"] is True
    construct = wrapper(
        server_url,
        f"CONSTRUCT {{ <{CHINH}> ?p ?o }} WHERE {{ <{CHINH}> ?p ?o }}",
        TURTLE,
    ).queryAndConvert()
    graph = rdflib.Graph().parse(data=construct, format="turtle")
    assert graph.value(rdflib.URIRef(CHINH), rdflib.URIRef("https://schema.org/name")) == rdflib.Literal(
        "Hoàng Duy Chinh", lang="vi"
    )


def test_rdflib_sparqlstore_select_ask_and_construct(server_url: str) -> None:
    store = SPARQLStore(f"{server_url}/sparql", timeout=30)
    graph = rdflib.Graph(store=store)
    names = [str(row[0]) for row in graph.query(PREFIXED_PERSONS)]  # type: ignore[index]
    assert names == PERSONS
    assert graph.query(f"ASK {{ <{CHINH}> ?p ?o }}").askAnswer is True
    constructed = graph.query(f"CONSTRUCT {{ <{CHINH}> ?p ?o }} WHERE {{ <{CHINH}> ?p ?o }}").graph
    assert constructed is not None and len(constructed) >= 4
    assert (rdflib.URIRef(CHINH), rdflib.RDF.type, rdflib.URIRef("https://schema.org/Person")) in graph
    post_store = SPARQLStore(f"{server_url}/sparql", method="POST_FORM", timeout=30)
    assert [str(row[0]) for row in rdflib.Graph(store=post_store).query(PREFIXED_PERSONS)] == PERSONS  # type: ignore[index]


def test_plain_http_pages_and_graph_store(server_url: str) -> None:
    with httpx.Client(base_url=server_url, timeout=30) as client:
        page = client.get("/id/person/bac-kan/hoàng-duy-chinh", headers={"Accept": "text/html"})
        assert page.status_code == 200 and "<mark>" in page.text
        described = client.get("/id/person/bac-kan/hoàng-duy-chinh", headers={"Accept": "application/ld+json"})
        assert len(rdflib.Graph().parse(data=described.content, format="json-ld")) > 10
        union = client.get("/store?default", headers={"Accept": "text/turtle"})
        assert len(rdflib.Graph().parse(data=union.content, format="turtle")) > 1000
        select = client.post("/sparql", data={"query": PREFIXED_PERSONS}, headers={"Accept": "application/json"})
        assert [row["name"]["value"] for row in json.loads(select.content)["results"]["bindings"]] == PERSONS
        disabled = client.post("/sparql", data={"update": "CLEAR ALL"})
        assert disabled.status_code == 403


def test_serve_help_documents_the_command() -> None:
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    assert "Example: kg serve" in result.output


def test_serve_refuses_a_missing_store(tmp_path: object) -> None:
    result = CliRunner().invoke(main, ["serve", "--store", f"{tmp_path}/none"])
    assert result.exit_code == 1
    assert "run 'kg build' first" in result.output
