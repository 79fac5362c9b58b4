"""The SPARQL 1.1 Protocol at /sparql and the Graph Store Protocol at /store, through the app in-process."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import httpx
import pyoxigraph as ox
import pytest
import rdflib
from starlette.applications import Starlette

from kg.config import BUILD_GRAPH
from kg.manifest import entry_graph_iri
from kg.serve.app import ServeSettings, close_app, create_app

pytestmark = pytest.mark.anyio

PERSONS = ["Hoàng Duy Chinh", "Nguyễn Đăng Bình", "Phương Thị Thanh"]
PERSONS_QUERY = "SELECT ?name WHERE { ?person a schema:Person ; schema:name ?name } ORDER BY ?name"
PERSONS_GRAPH = "CONSTRUCT { ?person schema:name ?name } WHERE { ?person a schema:Person ; schema:name ?name }"
ARTICLE_GRAPH = "https://w3id.org/kgvn/id/graph/bbk-2024-06-13-pac-nam"
ONTOLOGY_GRAPH = "https://w3id.org/kgvn/ontology"
SCHEMA_NAME = rdflib.URIRef("https://schema.org/name")
SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")


def names_from_json(body: bytes) -> list[str]:
    return [row["name"]["value"] for row in json.loads(body)["results"]["bindings"]]


async def test_get_answers_sparql_json(client: httpx.AsyncClient) -> None:
    response = await client.get("/sparql", params={"query": PERSONS_QUERY})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    assert names_from_json(response.content) == PERSONS
    assert response.headers["kg-results-truncated"] == "false"


async def test_post_form_and_post_query_body_give_the_same_answer(client: httpx.AsyncClient) -> None:
    form = await client.post("/sparql", data={"query": PERSONS_QUERY})
    body = await client.post(
        "/sparql", content=PERSONS_QUERY.encode(), headers={"Content-Type": "application/sparql-query"}
    )
    assert form.status_code == body.status_code == 200
    assert names_from_json(form.content) == names_from_json(body.content) == PERSONS


@pytest.mark.parametrize("how", ["accept", "format"])
@pytest.mark.parametrize(
    ("name", "media_type"),
    [
        ("json", "application/sparql-results+json"),
        ("xml", "application/sparql-results+xml"),
        ("csv", "text/csv"),
        ("tsv", "text/tab-separated-values"),
    ],
)
async def test_select_in_every_results_format(
    client: httpx.AsyncClient, how: str, name: str, media_type: str
) -> None:
    params = {"query": PERSONS_QUERY, **({"format": name} if how == "format" else {})}
    headers = {"Accept": media_type} if how == "accept" else {}
    response = await client.get("/sparql", params=params, headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    if name == "csv":  # lossy, so pyoxigraph does not read it back: the standard library does
        assert [row["name"] for row in csv.DictReader(io.StringIO(response.text))] == PERSONS
        return
    parsed = ox.parse_query_results(response.content, format=ox.QueryResultsFormat.from_media_type(media_type))
    assert isinstance(parsed, ox.QuerySolutions)
    assert [solution["name"].value for solution in parsed] == PERSONS


async def test_csv_and_xml_read_by_the_standard_library(client: httpx.AsyncClient) -> None:
    as_csv = await client.get("/sparql", params={"query": PERSONS_QUERY, "format": "csv"})
    assert [row["name"] for row in csv.DictReader(io.StringIO(as_csv.text))] == PERSONS
    as_xml = await client.get("/sparql", params={"query": PERSONS_QUERY, "format": "xml"})
    namespace = "{http://www.w3.org/2005/sparql-results#}"
    literals = ElementTree.fromstring(as_xml.content).iter(f"{namespace}literal")
    assert [literal.text for literal in literals] == PERSONS


@pytest.mark.parametrize(
    ("name", "media_type", "rdflib_format"),
    [
        ("turtle", "text/turtle", "turtle"),
        ("ntriples", "application/n-triples", "nt"),
        ("jsonld", "application/ld+json", "json-ld"),
        ("rdfxml", "application/rdf+xml", "xml"),
    ],
)
async def test_construct_in_every_rdf_format(
    client: httpx.AsyncClient, name: str, media_type: str, rdflib_format: str
) -> None:
    by_accept = await client.get("/sparql", params={"query": PERSONS_GRAPH}, headers={"Accept": media_type})
    by_format = await client.get("/sparql", params={"query": PERSONS_GRAPH, "format": name})
    for response in (by_accept, by_format):
        assert response.status_code == 200
        assert response.headers["content-type"].split(";")[0] == media_type
        graph = rdflib.Graph().parse(data=response.content, format=rdflib_format)
        assert sorted(str(name) for name in graph.objects(None, SCHEMA_NAME)) == PERSONS


async def test_ask_and_describe(client: httpx.AsyncClient) -> None:
    ask = await client.get("/sparql", params={"query": 'ASK { ?p schema:name "Hoàng Duy Chinh"@vi }'})
    assert json.loads(ask.content)["boolean"] is True
    describe = await client.get(
        "/sparql",
        params={"query": "DESCRIBE <https://w3id.org/kgvn/id/person/bac-kan/hoàng-duy-chinh>"},
        headers={"Accept": "text/turtle"},
    )
    graph = rdflib.Graph().parse(data=describe.content, format="turtle")
    assert rdflib.Literal("Hoàng Duy Chinh", lang="vi") in set(graph.objects(None, SCHEMA_NAME))


async def test_default_accept_is_json_for_select_and_turtle_for_construct(client: httpx.AsyncClient) -> None:
    select = await client.get("/sparql", params={"query": PERSONS_QUERY}, headers={"Accept": "*/*"})
    construct = await client.get("/sparql", params={"query": PERSONS_GRAPH}, headers={"Accept": "*/*"})
    assert select.headers["content-type"].startswith("application/sparql-results+json")
    assert construct.headers["content-type"].startswith("text/turtle")


async def test_malformed_query_is_400_with_the_parsers_message(client: httpx.AsyncClient) -> None:
    response = await client.get("/sparql", params={"query": "SELECT ?x WHERE { ?x"})
    assert response.status_code == 400
    assert "malformed SPARQL" in response.text and "error at" in response.text


async def test_unknown_or_unfit_format_is_406(client: httpx.AsyncClient) -> None:
    unknown = await client.get("/sparql", params={"query": PERSONS_QUERY, "format": "yaml"})
    assert unknown.status_code == 406
    assert "unknown format 'yaml'" in unknown.text
    turtle_for_select = await client.get("/sparql", params={"query": PERSONS_QUERY}, headers={"Accept": "text/turtle"})
    assert turtle_for_select.status_code == 406
    csv_for_construct = await client.get("/sparql", params={"query": PERSONS_GRAPH, "format": "csv"})
    assert csv_for_construct.status_code == 406


async def test_default_and_named_graph_uri_choose_the_dataset(client: httpx.AsyncClient) -> None:
    only_ontology = await client.get(
        "/sparql", params={"query": PERSONS_QUERY, "default-graph-uri": ONTOLOGY_GRAPH}
    )
    assert names_from_json(only_ontology.content) == []
    only_article = await client.get("/sparql", params={"query": PERSONS_QUERY, "default-graph-uri": ARTICLE_GRAPH})
    assert names_from_json(only_article.content) == PERSONS
    graphs = await client.get(
        "/sparql",
        params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": ONTOLOGY_GRAPH},
    )
    assert [row["g"]["value"] for row in json.loads(graphs.content)["results"]["bindings"]] == [ONTOLOGY_GRAPH]


async def test_service_description_without_a_query(client: httpx.AsyncClient) -> None:
    response = await client.get("/sparql")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=response.content, format="turtle")
    endpoint = rdflib.URIRef("http://kg.test/sparql")
    assert (endpoint, rdflib.RDF.type, SD.Service) in graph
    assert (endpoint, SD.endpoint, endpoint) in graph
    results_json = rdflib.URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON")
    assert results_json in set(graph.objects(endpoint, SD.resultFormat))
    dataset = graph.value(endpoint, SD.defaultDataset)
    assert dataset is not None
    names = {graph.value(named, SD.name) for named in graph.objects(dataset, SD.namedGraph)}
    manifest = {BUILD_GRAPH, entry_graph_iri("bbk-2024-06-13-pac-nam")}  # the build's bookkeeping (kg.manifest)
    assert names == {rdflib.URIRef(iri) for iri in (ARTICLE_GRAPH, ONTOLOGY_GRAPH, *manifest)}


async def test_graph_store_reads_a_named_graph_and_the_default_graph(client: httpx.AsyncClient) -> None:
    article = await client.get("/store", params={"graph": ARTICLE_GRAPH}, headers={"Accept": "application/n-triples"})
    assert article.status_code == 200
    article_graph = rdflib.Graph().parse(data=article.content, format="nt")
    assert len(article_graph) > 1000
    union = await client.get("/store?default", headers={"Accept": "text/turtle"})
    union_graph = rdflib.Graph().parse(data=union.content, format="turtle")
    assert len(union_graph) > len(article_graph)
    as_jsonld = await client.get("/store", params={"graph": ONTOLOGY_GRAPH}, headers={"Accept": "application/ld+json"})
    assert len(rdflib.Graph().parse(data=as_jsonld.content, format="json-ld")) > 100


async def test_graph_store_unknown_graph_is_404(client: httpx.AsyncClient) -> None:
    response = await client.get("/store", params={"graph": "https://w3id.org/kgvn/id/graph/nothing"})
    assert response.status_code == 404
    assert (await client.get("/store")).status_code == 400


async def test_updates_are_refused_when_disabled(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/sparql",
        content=b"INSERT DATA { <urn:x> <urn:p> 1 }",
        headers={"Content-Type": "application/sparql-update", "Authorization": "Bearer anything"},
    )
    assert response.status_code == 403
    assert "--allow-update" in response.text


async def test_updates_need_the_bearer_token(
    store_copy: Path, make_client: Callable[[Starlette], httpx.AsyncClient]
) -> None:
    app = create_app(store_copy, ServeSettings(allow_update=True, token="s3cret", timeout=10.0))
    update = 'INSERT DATA { GRAPH <urn:test> { <urn:p> a schema:Person ; schema:name "Người Mới"@vi } }'
    try:
        async with make_client(app) as client:
            anonymous = await client.post("/sparql", data={"update": update})
            assert anonymous.status_code == 401
            assert anonymous.headers["www-authenticate"].startswith("Bearer")
            wrong = await client.post("/sparql", data={"update": update}, headers={"Authorization": "Bearer nope"})
            assert wrong.status_code == 401
            done = await client.post(
                "/sparql",
                content=update.encode(),
                headers={"Content-Type": "application/sparql-update", "Authorization": "Bearer s3cret"},
            )
            assert done.status_code == 204
            after = await client.get("/sparql", params={"query": PERSONS_QUERY})
            assert names_from_json(after.content) == sorted([*PERSONS, "Người Mới"])
    finally:
        close_app(app)


async def test_results_beyond_the_limit_are_cut_and_flagged(
    seed_store_dir: Path, make_client: Callable[[Starlette], httpx.AsyncClient]
) -> None:
    app = create_app(seed_store_dir, ServeSettings(max_results=2, timeout=10.0))
    try:
        async with make_client(app) as client:
            rows = await client.get("/sparql", params={"query": PERSONS_QUERY, "format": "tsv"})
            triples = await client.get("/sparql", params={"query": PERSONS_GRAPH, "format": "ntriples"})
    finally:
        close_app(app)
    assert rows.headers["kg-results-truncated"] == "true"
    assert rows.headers["kg-results-limit"] == "2"
    assert rows.text.splitlines()[1:] == ['"Hoàng Duy Chinh"@vi', '"Nguyễn Đăng Bình"@vi']
    assert triples.headers["kg-results-truncated"] == "true"
    assert len(rdflib.Graph().parse(data=triples.content, format="nt")) == 2


async def test_cors_lets_browser_clients_in(client: httpx.AsyncClient) -> None:
    preflight = await client.options(
        "/sparql",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "content-type"},
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] in ("*", "https://example.org")
    simple = await client.get("/sparql", params={"query": PERSONS_QUERY}, headers={"Origin": "https://example.org"})
    assert simple.headers["access-control-allow-origin"] in ("*", "https://example.org")
    assert "kg-results-truncated" in simple.headers["access-control-expose-headers"].lower()
