"""A remote SPARQL 1.1 store behind the :class:`kg.store.GraphStore` interface.

kg speaks only the standard protocols: SPARQL 1.1 Query, SPARQL 1.1 Update and, where
the server has it, the Graph Store HTTP Protocol (GSP). A store URL names the server
kind, which fixes where its endpoints are::

    oxigraph+http://127.0.0.1:7878        query /query, update /update, graphs /store
    virtuoso+http://127.0.0.1:8890        query and update /sparql, graphs /sparql-graph-crud
    virtuoso+http://dba:pw@host:8890      the same behind HTTP Digest: /sparql-auth, /sparql-graph-crud-auth
    http://host/sparql                    any other server: one endpoint for query and update, no GSP

(``https`` works in place of ``http``.) A user and password come from the URL or from
``KG_STORE_USER`` and ``KG_STORE_PASSWORD``; the server's challenge chooses Basic or Digest.

kg owns only the graphs whose IRI starts with :data:`KG_GRAPHS` (the article graphs and the
ontology): those are the ones it lists, queries and exports, so a server can hold other data
beside kg's. Each query names them as its dataset through the protocol (``default-graph-uri``
for their union, ``named-graph-uri`` for ``GRAPH``), which is what the embedded store's
union default graph means.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Generator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

import httpx
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier

from kg.config import ONTOLOGY_IRI
from kg.errors import QueryError, StoreError
from kg.rdf.namespaces import PREFIXES
from kg.rdf.ntriples import Triple, ntriples
from kg.store import XSD_STRING, AskResult, GraphResult, OxigraphStore, QueryResult, SelectResult, is_data_graph

KG_GRAPHS = "https://w3id.org/kgvn/"
"""The IRI prefix of every graph kg writes (``kgr:graph/...`` and the ontology's graph)."""

TIMEOUT_SECONDS = 120.0
SPARQL_JSON = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"


@dataclass(frozen=True)
class Endpoints:
    """Where a server answers each protocol; ``graph_store`` is None when it has no GSP."""

    query: str
    update: str
    graph_store: str | None
    put_graphs: bool = False
    """Write each graph with a GSP PUT rather than a batch in one SPARQL Update."""
    names_dataset: bool = True
    """Name kg's graphs as each query's dataset; else the server's default graph must be the union of all."""


def server_endpoints(kind: str, base: str, *, authenticated: bool) -> Endpoints:
    """The endpoints of a server of ``kind`` (``oxigraph``, ``virtuoso``, or ``""`` for any) at ``base``."""
    base = base.rstrip("/")
    if kind == "oxigraph":
        return Endpoints(f"{base}/query", f"{base}/update", f"{base}/store")
    if kind == "virtuoso":
        suffix = "-auth" if authenticated else ""  # Virtuoso guards its update-capable endpoints with Digest
        # PUT, because Virtuoso's INSERT DATA turns "25000000000"^^xsd:decimal into an xsd:integer. No dataset:
        # Virtuoso's default graph is the union of all its graphs, and with a dataset named (by protocol, FROM or
        # DEFINE) its property paths such as a/rdfs:subClassOf* lose rows or fail to compile (SP031).
        return Endpoints(f"{base}/sparql{suffix}", f"{base}/sparql{suffix}", f"{base}/sparql-graph-crud{suffix}",
                         put_graphs=True, names_dataset=False)
    if kind == "":
        return Endpoints(base, base, None)
    raise StoreError(f"unknown store kind {kind!r} in the store URL; use oxigraph+http://, virtuoso+http:// or http://")


class ChallengeAuth(httpx.Auth):
    """Answer the server's challenge with Basic or Digest, whichever it asks for.

    The password is never sent before the server says how it wants it, so a Digest
    server never sees it in clear; after the first challenge the scheme is remembered.
    """

    def __init__(self, user: str, password: str) -> None:
        self._schemes: dict[str, httpx.Auth] = {
            "basic": httpx.BasicAuth(user, password), "digest": httpx.DigestAuth(user, password),
        }
        self._chosen: httpx.Auth | None = None

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        """Send ``request``; on a 401 retry it with the scheme of the challenge."""
        if self._chosen is not None:
            yield from self._chosen.auth_flow(request)
            return
        response = yield request
        if response.status_code != 401:
            return
        scheme = response.headers.get("www-authenticate", "").split(" ", 1)[0].lower()
        if scheme not in self._schemes:
            return
        self._chosen = self._schemes[scheme]
        flow = self._chosen.auth_flow(request)
        request = next(flow)
        if "authorization" not in request.headers:  # Digest's flow starts unauthenticated: give it the challenge
            request = flow.send(response)
        while True:
            response = yield request
            try:
                request = flow.send(response)
            except StopIteration:
                return


class SparqlStore:
    """A SPARQL 1.1 server over HTTP, one named graph per article."""

    write_batch = 64
    """Articles per request: each request costs a round trip and a commit on the server."""

    def __init__(self, url: str, *, read_only: bool = False, timeout: float = TIMEOUT_SECONDS) -> None:
        parts = urlsplit(url)
        kind, _, scheme = parts.scheme.rpartition("+")
        user = unquote(parts.username) if parts.username else os.environ.get("KG_STORE_USER")
        password = unquote(parts.password) if parts.password else os.environ.get("KG_STORE_PASSWORD")
        netloc = parts.hostname or ""
        if parts.port:
            netloc += f":{parts.port}"
        base = urlunsplit((scheme, netloc, parts.path, parts.query, ""))
        self.url = urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))
        """The store URL without its password, fit for messages."""
        self.read_only = read_only
        self.endpoints = server_endpoints(kind, base, authenticated=user is not None)
        auth = ChallengeAuth(user, password or "") if user is not None else None
        self._client = httpx.Client(auth=auth, timeout=timeout, headers={"User-Agent": "kg"})

    def replace_graph(self, graph_iri: str, graph: Graph) -> None:
        """Replace the named graph ``graph_iri`` by ``graph``, atomically."""
        self.replace_graphs({graph_iri: ntriples(graph)})

    def replace_graphs(self, graphs: Mapping[str, str]) -> None:
        """Replace several named graphs, each given as N-Triples text.

        One SPARQL Update request drops them all and inserts the new ones, so on a server that
        runs an update as one transaction (Oxigraph) the whole batch is atomic. On Virtuoso each
        graph is one GSP PUT, atomic per graph, in the order given. An empty text removes the graph.
        """
        self._check_writable()
        if self.endpoints.put_graphs and self.endpoints.graph_store:
            for graph_iri, triples in graphs.items():
                if not triples.strip():
                    self._update(f"DROP SILENT GRAPH <{graph_iri}>")
                    continue
                self._request("PUT", self.endpoints.graph_store, params={"graph": graph_iri},
                              content=triples.encode("utf-8"), headers={"Content-Type": N_TRIPLES})
            return
        drops = "".join(f"DROP SILENT GRAPH <{graph_iri}> ;\n" for graph_iri in graphs)
        inserts = "".join(f"GRAPH <{graph_iri}> {{\n{triples}}}\n" for graph_iri, triples in graphs.items())
        self._update(f"{drops}INSERT DATA {{\n{inserts}}}")

    def remove_graph(self, graph_iri: str) -> None:
        """Remove the named graph ``graph_iri``; nothing happens if it is absent."""
        self._check_writable()
        self._update(f"DROP SILENT GRAPH <{graph_iri}>")

    def graph_names(self) -> list[str]:
        """The IRIs of kg's named graphs on the server, sorted."""
        result = self._select(
            f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{KG_GRAPHS}")) }}', {}
        )
        if not isinstance(result, SelectResult):
            raise StoreError(f"{self.url}: the store answered a SELECT with a boolean")
        return sorted(str(row[0]) for row in result.rows)

    def query(self, sparql: str) -> QueryResult:
        """Run a SPARQL query over the union of kg's graphs."""
        dataset = {}
        if self.endpoints.names_dataset:
            graphs = self.graph_names() or [ONTOLOGY_IRI]  # an empty dataset, not the server's default graph
            dataset = {"default-graph-uri": graphs, "named-graph-uri": graphs}
        text = _with_prefixes(sparql)
        if query_form(text) in {"CONSTRUCT", "DESCRIBE"}:
            return GraphResult(self._construct(text, dataset))
        return self._select(text, dataset)

    def named_graph(self, graph_iri: str) -> Graph:
        """One named graph as an rdflib graph (empty if the server has no such graph)."""
        if self.endpoints.graph_store:
            response = self._request("GET", self.endpoints.graph_store, params={"graph": graph_iri},
                                     headers={"Accept": N_TRIPLES}, missing_ok=True)
            # N-Triples, not Turtle: Virtuoso's Turtle writes whole decimals as bare integers
            return _parse_graph(response.content if response.status_code != 404 else b"")
        return self._construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}", {})

    def data_graph(self) -> Graph:
        """The union of the data graphs (:func:`kg.store.is_data_graph`), as one rdflib graph."""
        union = _parse_graph(b"")
        for graph_iri in self.graph_names():
            if is_data_graph(graph_iri):
                union += self.named_graph(graph_iri)
        return union

    def data_triples(self) -> set[Triple]:
        """The triples of :meth:`data_graph`."""
        return set(self.data_graph())

    def export(self, fmt: str, *, include_ontology: bool = False) -> bytes:
        """kg's graphs serialized as ``fmt``, byte for byte as the embedded store would write them."""
        with tempfile.TemporaryDirectory(prefix="kg-export-") as directory:
            mirror = OxigraphStore(directory)
            try:
                for graph_iri in self.graph_names():
                    if is_data_graph(graph_iri) or graph_iri == ONTOLOGY_IRI:
                        mirror.replace_graph(graph_iri, self.named_graph(graph_iri))
                return mirror.export(fmt, include_ontology=include_ontology)
            finally:
                mirror.close()

    def close(self) -> None:
        """Close the HTTP connections; the server keeps every write already answered."""
        self._client.close()

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.url}: the store was opened read-only")

    def _update(self, sparql: str) -> None:
        self._request("POST", self.endpoints.update, data={"update": sparql})

    def _select(self, sparql: str, dataset: dict[str, list[str]]) -> SelectResult | AskResult:
        response = self._request("POST", self.endpoints.query, data={"query": sparql, **dataset},
                                 headers={"Accept": SPARQL_JSON}, is_query=True)
        return parse_results_json(response.content)

    def _construct(self, sparql: str, dataset: dict[str, list[str]]) -> Graph:
        response = self._request("POST", self.endpoints.query, data={"query": sparql, **dataset},
                                 headers={"Accept": N_TRIPLES}, is_query=True)
        content_type = response.headers.get("content-type", "")
        return _parse_graph(response.content, "turtle" if "turtle" in content_type else "nt")

    def _request(
        self, method: str, url: str, *, is_query: bool = False, missing_ok: bool = False, **arguments: Any
    ) -> httpx.Response:
        try:
            response = self._client.request(method, url, **arguments)
        except httpx.HTTPError as error:
            raise StoreError(f"{self.url}: cannot reach the store: {error}") from error
        if response.is_success or (missing_ok and response.status_code == 404):
            return response
        reason = response.text.strip()[:500]
        if response.status_code in (401, 403):
            raise StoreError(
                f"{self.url}: access denied (HTTP {response.status_code}); give a user and password in the URL "
                "or in KG_STORE_USER and KG_STORE_PASSWORD"
            )
        if is_query and response.status_code == 400:
            raise QueryError(f"malformed SPARQL: {reason}")
        raise StoreError(f"{self.url}: {method} {url} failed with HTTP {response.status_code}: {reason}")


_PROLOGUE = re.compile(r"(\s+|#[^\n]*|BASE\s*<[^>]*>|PREFIX\s+[^\s:]*:\s*<[^>]*>)", re.IGNORECASE)
_DECLARED = re.compile(r"PREFIX\s+([^\s:]*):", re.IGNORECASE)


def query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the keyword after the query's prologue."""
    position = 0
    while match := _PROLOGUE.match(sparql, position):
        position = match.end()
    keyword = re.match(r"[A-Za-z]+", sparql[position:])
    return keyword.group(0).upper() if keyword else ""


def _with_prefixes(sparql: str) -> str:
    """``sparql`` with kg's common prefixes declared, as the embedded store predeclares them."""
    declared = set(_DECLARED.findall(sparql))
    missing = [f"PREFIX {name}: <{iri}>" for name, iri in PREFIXES.items() if name not in declared]
    return "\n".join([*missing, sparql])


def parse_results_json(content: bytes) -> SelectResult | AskResult:
    """SPARQL 1.1 JSON results as kg's result types, terms as the embedded store gives them."""
    try:
        document = json.loads(content)
        if "boolean" in document:
            return AskResult(bool(document["boolean"]))
        variables = tuple(document["head"]["vars"])
        rows = tuple(
            tuple(_term(binding[name]) if name in binding else None for name in variables)
            for binding in document["results"]["bindings"]
        )
    except (ValueError, KeyError, TypeError) as error:
        raise StoreError(f"the store's answer is not SPARQL JSON results: {error}") from error
    return SelectResult(variables, rows)


def _term(value: dict[str, str]) -> Identifier:
    kind = value["type"]
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    if kind == "triple":
        raise StoreError("RDF-star triple terms are not supported")
    datatype = value.get("datatype")  # "typed-literal" is the SPARQL 1.0 JSON form Virtuoso still writes
    if "xml:lang" in value:
        return Literal(value["value"], lang=value["xml:lang"])
    if datatype is None or datatype == XSD_STRING:
        return Literal(value["value"])
    return Literal(value["value"], datatype=URIRef(datatype))


def _parse_graph(content: bytes, rdf_format: str = "nt") -> Graph:
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    if content.strip():
        graph.parse(data=content, format=rdf_format)
    # "x"^^xsd:string becomes plain "x", as the embedded store gives it
    typed_strings = [(s, p, o) for s, p, o in graph if isinstance(o, Literal) and str(o.datatype) == XSD_STRING]
    for s, p, o in typed_strings:
        graph.remove((s, p, o))
        graph.add((s, p, Literal(str(o))))
    return graph
