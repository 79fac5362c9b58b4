"""Property-based tests of the SPARQL endpoint: whatever a client sends, no 500 and no hang.

Requests are random and mutated: the competency queries of ``queries/`` with spans deleted, doubled,
swapped or cut and SPARQL tokens inserted, random text, random ``Accept`` and ``Content-Type``
headers, random ``format``, ``default-graph-uri``, ``named-graph-uri`` and other parameters, sent by
GET, by POST form or as a POST body. The endpoint must answer each within its timeout plus a margin,
never with 500 (a 503 only for a query stopped at the timeout), and answer a normal query correctly
after each one.

Requests go to the app in-process (``httpx.ASGITransport``), so a 500 keeps its traceback in the test
output. Deterministic (derandomized, no example database); ``KG_FUZZ_EXAMPLES`` raises the count.
Bugs the fuzzing found stay pinned as explicit examples.
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from anyio.from_thread import BlockingPortal, start_blocking_portal
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kg.serve.app import ServeSettings, close_app, create_app
from kg.serve.sparql import GRAPH_MEDIA_TYPES, RESULTS_MEDIA_TYPES

REPO = Path(__file__).resolve().parents[2]
QUERIES = [path.read_text(encoding="utf-8") for path in sorted((REPO / "queries").glob("*.rq"))]
PERSONS_QUERY = "SELECT ?name WHERE { ?person a schema:Person ; schema:name ?name } ORDER BY ?name"
PERSONS = ["Hoàng Duy Chinh", "Nguyễn Đăng Bình", "Phương Thị Thanh"]
ARTICLE_GRAPH = "https://w3id.org/kgvn/id/graph/bbk-2024-06-13-pac-nam"

SERVER_TIMEOUT = 1.5
CLIENT_TIMEOUT = SERVER_TIMEOUT + 5.0
"""A request may wait for a worker (up to the timeout: the fuzz sends one at a time, so it does not)
and run (up to the timeout); the margin covers starting a worker after one is killed."""

FUZZ = settings(
    max_examples=int(os.environ.get("KG_FUZZ_EXAMPLES", "150")),
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)


@dataclass(frozen=True, repr=False)
class FuzzRequest:
    """One request to send to the app."""

    method: str
    path: str
    params: tuple[tuple[str, str], ...] = ()
    headers: tuple[tuple[str, str], ...] = ()
    content: bytes | None = None
    raw_query: str | None = field(default=None)
    """A query string sent as is (percent escapes of any bytes), instead of ``params``."""

    def __repr__(self) -> str:
        content = self.content if self.content is None or len(self.content) <= 300 else self.content[:300] + b"..."
        return (
            f"FuzzRequest({self.method!r}, {self.path!r}, params={self.params!r}, headers={self.headers!r}, "
            f"content={content!r}, raw_query={self.raw_query!r})"
        )


# -- strategies --------------------------------------------------------------------------------

SPARQL_TOKENS = (
    "{", "}", "(", ")", ".", ";", ",", "*", "+", "?", "/", "|", "^", "!", "=", "!=", "<", ">", "&&", "||",
    "?x", "?s ?p ?o", "?name", "a", "SELECT", "DISTINCT", "REDUCED", "WHERE", "ASK", "CONSTRUCT", "DESCRIBE",
    "OPTIONAL {", "FILTER(", "UNION", "MINUS {", "GRAPH ?g {", "VALUES ?x { 1 'a' UNDEF }", "BIND(1 AS ?z)",
    "ORDER BY", "DESC(?x)", "LIMIT", "OFFSET", "GROUP BY ?x", "HAVING(", "COUNT(*)", "SUM(?x)", "SAMPLE(?x)",
    "GROUP_CONCAT(?x; separator=',')", "AS", "rdfs:label", "rdfs:subClassOf*", "schema:name", "kgo:chair",
    "skos:prefLabel", "<https://w3id.org/kgvn/id/>", f"<{ARTICLE_GRAPH}>", "<>", "<x>", '"x"@vi', "'''y'''",
    '"1"^^xsd:integer', "1", "-1", "1.5", "1e309", "0", "true", "REGEX(?x, '(')", "STRLEN(?x)", "IRI(?x)",
    "BNODE()", "NOW()", "RAND()", "xsd:dateTime('2024-99-99')", "1/0", "PREFIX x: <http://x/>", "BASE <x:>",
    "#", "\n", "\\", "\\u0000", "_:b", "[]", "( 1 2 )", "FROM <http://x>", "FROM NAMED <http://x>",
    "INSERT DATA { <http://a> <http://b> <http://c> }", "CLEAR ALL", "LOAD <http://127.0.0.1:9/>",
)

MEDIA_TYPES = (*RESULTS_MEDIA_TYPES, *GRAPH_MEDIA_TYPES, "text/html", "application/sparql-query",
               "application/sparql-update", "application/x-www-form-urlencoded", "multipart/form-data",
               "*/*", "text/*", "application/*", "*", "/", "", "image/png")
PRINTABLE = st.characters(min_codepoint=0x20, max_codepoint=0x7E)


def _mutate(text: str, draw: st.DrawFn) -> str:
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    operation = draw(st.sampled_from(("delete", "duplicate", "insert", "swap", "cut", "case")))
    if operation == "delete":
        return text[:start] + text[end:]
    if operation == "duplicate":
        return text[:end] + text[start:end] + text[end:]
    if operation == "insert":
        tokens = draw(st.lists(st.sampled_from(SPARQL_TOKENS), min_size=1, max_size=4))
        return text[:start] + " ".join(tokens) + text[start:]
    if operation == "swap":
        middle = draw(st.integers(start, end))
        return text[:start] + text[middle:end] + text[start:middle] + text[end:]
    if operation == "case":
        return text[:start] + text[start:end].swapcase() + text[end:]
    return text[:start]


@st.composite
def queries(draw: st.DrawFn) -> str:
    """A competency query mutated a few times, random tokens of SPARQL, or random text."""
    kind = draw(st.sampled_from(("mutated", "mutated", "mutated", "tokens", "text")))
    if kind == "tokens":
        return " ".join(draw(st.lists(st.sampled_from(SPARQL_TOKENS), max_size=30)))
    if kind == "text":
        return draw(st.text(max_size=200))
    query = draw(st.sampled_from([*QUERIES, PERSONS_QUERY]))
    for _ in range(draw(st.integers(0, 4))):
        query = _mutate(query, draw)
    return query


MEDIA_RANGES = st.one_of(
    st.sampled_from(MEDIA_TYPES),
    st.tuples(st.sampled_from(MEDIA_TYPES), st.sampled_from(("0", "1", "0.5", "0.001", "-1", "2", "x", "", "nan")))
    .map(lambda pair: f"{pair[0]};q={pair[1]}"),
    st.text(PRINTABLE, max_size=20),
)
ACCEPT = st.lists(MEDIA_RANGES, max_size=4).map(lambda ranges: ", ".join(ranges))
CONTENT_TYPE = st.one_of(
    st.sampled_from(MEDIA_TYPES),
    st.sampled_from(MEDIA_TYPES).map(lambda media_type: media_type + "; charset=utf-8"),
    st.text(PRINTABLE, max_size=30),
)
FORMAT = st.one_of(
    st.sampled_from(("json", "xml", "csv", "tsv", "turtle", "ttl", "nt", "jsonld", "rdfxml", "JSON", " csv ")),
    st.sampled_from(MEDIA_TYPES),
    st.text(max_size=12),
)
GRAPH_IRI = st.one_of(
    st.sampled_from((ARTICLE_GRAPH, "https://w3id.org/kgvn/ontology", "http://example.org/none", "x", "", "urn:x")),
    st.text(max_size=30),
)
EXTRA_PARAMS = st.lists(
    st.one_of(
        st.tuples(st.sampled_from(("default-graph-uri", "named-graph-uri")), GRAPH_IRI),
        st.tuples(st.just("format"), FORMAT),
        st.tuples(st.sampled_from(("query", "update", "timeout", "limit", "graph", "default")), st.text(max_size=20)),
        st.tuples(st.text(max_size=8), st.text(max_size=8)),
    ),
    max_size=3,
)


@st.composite
def sparql_requests(draw: st.DrawFn) -> FuzzRequest:
    """A request to ``/sparql``: a query by GET, POST form or POST body, with random headers and parameters."""
    query = draw(queries())
    params = list(draw(EXTRA_PARAMS))
    headers = [("Accept", draw(ACCEPT))] if draw(st.booleans()) else []
    how = draw(st.sampled_from(("get", "get", "form", "body", "other body", "raw")))
    if how == "get":
        return FuzzRequest("GET", "/sparql", (("query", query), *params), tuple(headers))
    if how == "raw":
        escaped = "".join(f"%{byte:02X}" for byte in draw(st.binary(max_size=40)))
        return FuzzRequest("GET", "/sparql", headers=tuple(headers), raw_query=f"query={escaped}")
    if how == "form":
        body = httpx.QueryParams([("query", query), *params]).__str__().encode()
        content_type = "application/x-www-form-urlencoded"
    elif how == "body":
        body, content_type = query.encode(), "application/sparql-query"
    else:
        body, content_type = query.encode(), draw(CONTENT_TYPE)
    headers.append(("Content-Type", content_type))
    return FuzzRequest("POST", "/sparql", tuple(params), tuple(headers), body)


@st.composite
def store_requests(draw: st.DrawFn) -> FuzzRequest:
    """A request to the Graph Store Protocol (``/store``) with a random graph and ``Accept``."""
    params = draw(
        st.one_of(
            st.tuples(st.just("graph"), GRAPH_IRI).map(lambda pair: (pair,)),
            st.just((("default", ""),)),
            EXTRA_PARAMS.map(tuple),
        )
    )
    headers = (("Accept", draw(ACCEPT)),) if draw(st.booleans()) else ()
    return FuzzRequest("GET", "/store", params, headers)


# -- the app, on an event loop of its own ------------------------------------------------------


@dataclass
class Endpoint:
    """The app over the seed store, an httpx client to it, and the event loop both live on."""

    portal: BlockingPortal
    client: httpx.AsyncClient

    def send(self, request: FuzzRequest) -> httpx.Response:
        """Send ``request``; fail the test if no answer comes within :data:`CLIENT_TIMEOUT`."""

        async def send() -> httpx.Response:
            url = f"{request.path}?{request.raw_query}" if request.raw_query is not None else request.path
            return await asyncio.wait_for(
                self.client.request(
                    request.method,
                    url,
                    params=list(request.params) if request.raw_query is None else None,
                    headers=list(request.headers),
                    content=request.content,
                ),
                CLIENT_TIMEOUT,
            )

        try:
            return self.portal.call(send)
        except TimeoutError:
            pytest.fail(f"no answer within {CLIENT_TIMEOUT} s (server timeout {SERVER_TIMEOUT} s): {request}")


@pytest.fixture(scope="module")
def endpoint(seed_store_dir: Path) -> Iterator[Endpoint]:
    app = create_app(seed_store_dir, ServeSettings(timeout=SERVER_TIMEOUT, max_results=500))
    with start_blocking_portal("asyncio") as portal:

        async def make_client() -> httpx.AsyncClient:
            transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
            return httpx.AsyncClient(transport=transport, base_url="http://kg.test")

        client = portal.call(make_client)
        yield Endpoint(portal, client)
        portal.call(client.aclose)
    close_app(app)


# -- the properties ------------------------------------------------------------------------------


def check_answer(request: FuzzRequest, response: httpx.Response) -> None:
    """No server error but a query stopped at its timeout; a 200 answer that says JSON is JSON."""
    status = response.status_code
    assert status < 500 or (status == 503 and "stopped" in response.text), (
        f"{status} for {request}:\n{response.text[:2000]}"
    )
    content_type = response.headers.get("content-type", "")
    if status == 200 and "json" in content_type and response.content:
        json.loads(response.content)


def check_still_answers(endpoint: Endpoint) -> None:
    """The endpoint answers a normal query correctly."""
    response = endpoint.send(FuzzRequest("GET", "/sparql", (("query", PERSONS_QUERY),)))
    assert response.status_code == 200, response.text
    assert [row["name"]["value"] for row in response.json()["results"]["bindings"]] == PERSONS


BODY = (("Content-Type", "application/sparql-query"),)


@FUZZ
@given(request=sparql_requests())
# Regressions the fuzzing found: a body that is not UTF-8 (400), nesting deep enough to overflow the
# parser's stack (400), SERVICE calling out to any URL (400), a triple term JSON-LD cannot write (406).
@example(FuzzRequest("POST", "/sparql", headers=BODY, content=b"ASK {} # \xff"))
@example(
    FuzzRequest("POST", "/sparql", headers=(("Content-Type", "application/x-www-form-urlencoded"),), content=b"\xff")
)
@example(FuzzRequest("POST", "/sparql", headers=BODY, content=b"ASK { " + b"{" * 3_000 + b"}" * 3_000 + b" }"))
@example(FuzzRequest("GET", "/sparql", (("query", "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"),)))
@example(
    FuzzRequest(
        "GET",
        "/sparql",
        (("query", "CONSTRUCT { <http://s> <http://p> <<( <http://a> <http://b> <http://c> )>> } WHERE {}"),),
        (("Accept", "application/ld+json"),),
    )
)
def test_sparql_endpoint_never_fails_or_hangs(endpoint: Endpoint, request: FuzzRequest) -> None:
    check_answer(request, endpoint.send(request))
    check_still_answers(endpoint)


@FUZZ
@given(request=store_requests())
def test_graph_store_never_fails_or_hangs(endpoint: Endpoint, request: FuzzRequest) -> None:
    check_answer(request, endpoint.send(request))
    check_still_answers(endpoint)


def test_the_endpoint_answers_after_the_fuzz(endpoint: Endpoint) -> None:
    check_still_answers(endpoint)


def test_from_in_the_query_chooses_the_default_graph(endpoint: Endpoint) -> None:
    query = "ASK FROM <http://example.org/no-such-graph> { ?s ?p ?o }"
    response = endpoint.send(FuzzRequest("GET", "/sparql", (("query", query),)))
    assert response.status_code == 200
    assert response.json()["boolean"] is False
