"""The SPARQL 1.1 Protocol at ``/sparql`` and the Graph Store Protocol (reading) at ``/store``.

Queries come by GET, by POST form or by POST ``application/sparql-query``; updates by POST
``application/sparql-update`` or form ``update=``, only when the server allows them and the client
shows the bearer token. The answer's format is chosen by the ``format`` parameter, else by ``Accept``.
Queries run in the worker pool (:mod:`kg.serve.workers`), which serializes their answers.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterable, Sequence
from urllib.parse import parse_qsl

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from kg.errors import KgError, QueryError, QueryTimeout, ServerBusy, StoreError, UnacceptableFormat
from kg.serve.workers import GRAPH_FORMATS, RESULTS_FORMATS, QueryAnswer, QueryJob, QueryPool
from kg.sparql_text import check_query

RESULTS_MEDIA_TYPES: dict[str, str] = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
"""Media types a client may accept for SELECT and ASK answers, first the default."""

GRAPH_MEDIA_TYPES: dict[str, str] = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "ntriples",
    "text/plain": "ntriples",
    "application/ld+json": "jsonld",
    "application/json": "jsonld",
    "application/rdf+xml": "rdfxml",
    "application/xml": "rdfxml",
    "text/xml": "rdfxml",
}
"""Media types a client may accept for CONSTRUCT and DESCRIBE answers, first the default."""

FORMAT_NAMES: dict[str, tuple[str | None, str | None]] = {
    "json": ("json", "jsonld"),
    "xml": ("xml", "rdfxml"),
    "csv": ("csv", None),
    "tsv": ("tsv", None),
    "turtle": (None, "turtle"),
    "ttl": (None, "turtle"),
    "ntriples": (None, "ntriples"),
    "nt": (None, "ntriples"),
    "n-triples": (None, "ntriples"),
    "jsonld": (None, "jsonld"),
    "json-ld": (None, "jsonld"),
    "rdfxml": (None, "rdfxml"),
    "rdf+xml": (None, "rdfxml"),
}
"""Values of the ``format`` parameter: the (results, graph) formats each stands for."""

SD = "http://www.w3.org/ns/sparql-service-description#"
UPDATE_DISABLED = "updates are disabled; start the server with --allow-update --token TOKEN"

_STATUS: list[tuple[type[KgError], int]] = [
    (QueryTimeout, 503),
    (ServerBusy, 503),
    (UnacceptableFormat, 406),
    (QueryError, 400),
    (StoreError, 500),
]


def status_of(error: KgError) -> int:
    """The HTTP status that answers a library error."""
    return next((status for kind, status in _STATUS if isinstance(error, kind)), 500)


def error_response(error: KgError) -> Response:
    """A library error as a plain-text HTTP answer with the matching status."""
    status = status_of(error)
    headers = {"Retry-After": "1"} if status == 503 else None
    return PlainTextResponse(f"{error}\n", status_code=status, headers=headers)


def negotiate(accept: str | None, offers: Sequence[str]) -> str | None:
    """The offered media type the ``Accept`` header prefers: the first offer when it is absent; None if none fits."""
    if not accept or not accept.strip():
        return offers[0] if offers else None
    ranges = []
    for position, part in enumerate(accept.split(",")):
        media_range, *parameters = (piece.strip() for piece in part.split(";"))
        quality = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranges.append((media_range.lower(), quality, position))
    best: tuple[float, int, int] | None = None
    chosen = None
    for order, offer in enumerate(offers):
        match = _best_range(offer, ranges)
        if match is None or match[0] <= 0:
            continue
        key = (match[0], -match[1], -order)
        if best is None or key > best:
            best, chosen = key, offer
    return chosen


def _best_range(offer: str, ranges: Iterable[tuple[str, float, int]]) -> tuple[float, int] | None:
    """The (quality, position) of the most specific media range that matches ``offer``."""
    kind = offer.split("/")[0]
    best: tuple[int, float, int] | None = None
    for media_range, quality, position in ranges:
        if media_range == offer:
            specificity = 3
        elif media_range == f"{kind}/*":
            specificity = 2
        elif media_range == "*/*":
            specificity = 1
        else:
            continue
        if best is None or specificity > best[0]:
            best = (specificity, quality, position)
    return None if best is None else (best[1], best[2])


def answer_formats(format_name: str | None, accept: str | None) -> tuple[str | None, str | None]:
    """The (results, graph) formats to answer in, from the ``format`` parameter, else from ``Accept``."""
    if format_name:
        name = format_name.strip().lower()
        if name in FORMAT_NAMES:
            return FORMAT_NAMES[name]
        if name in RESULTS_MEDIA_TYPES or name in GRAPH_MEDIA_TYPES:
            return RESULTS_MEDIA_TYPES.get(name), GRAPH_MEDIA_TYPES.get(name)
        raise UnacceptableFormat(f"unknown format {format_name!r}; choose one of {', '.join(FORMAT_NAMES)}")
    results = negotiate(accept, list(RESULTS_MEDIA_TYPES))
    graph = negotiate(accept, list(GRAPH_MEDIA_TYPES))
    return (
        RESULTS_MEDIA_TYPES[results] if results else None,
        GRAPH_MEDIA_TYPES[graph] if graph else None,
    )


def answer_response(answer: QueryAnswer, max_results: int) -> Response:
    """A query's answer as an HTTP response, flagging a cut-off answer in ``Kg-Results-Truncated``."""
    headers = {
        "Vary": "Accept",
        "Kg-Results-Limit": str(max_results),
        "Kg-Results-Truncated": "true" if answer.truncated else "false",
    }
    media_type = answer.media_type
    headers["Content-Type"] = media_type if "charset" in media_type else media_type + "; charset=utf-8"
    return Response(answer.body, headers=headers)


async def sparql_endpoint(request: Request) -> Response:
    """``/sparql``: a query, an update, or (with neither) the service description."""
    params, body_query, body_update = await _protocol_parameters(request)
    query = body_query if body_query is not None else _single(params, "query")
    update = body_update if body_update is not None else _single(params, "update")
    if query is not None and update is not None:
        raise QueryError("give either a query or an update, not both")
    if update is not None:
        if request.method != "POST":
            raise QueryError("an update must be sent by POST")
        return await _run_update(request, update)
    if query is None:
        if request.method == "POST":
            raise QueryError("no query: send query=..., update=..., or a body of type application/sparql-query")
        return await service_description(request)
    check_query(query)
    results_format, graph_format = answer_formats(_single(params, "format"), request.headers.get("accept"))
    settings = request.app.state.settings
    job = QueryJob(
        query,
        results_format=results_format,
        graph_format=graph_format,
        default_graph=_graph_list(params, "default-graph-uri"),
        named_graphs=_graph_list(params, "named-graph-uri"),
        max_results=settings.max_results,
    )
    answer = await run_query(request, job)
    return answer_response(answer, settings.max_results)


async def run_query(request: Request, job: QueryJob) -> QueryAnswer:
    """Run ``job`` in the app's worker pool."""
    pool: QueryPool = request.app.state.pool
    return await pool.run(job)


async def _run_update(request: Request, update: str) -> Response:
    settings = request.app.state.settings
    if not settings.allow_update:
        return PlainTextResponse(UPDATE_DISABLED + "\n", status_code=403)
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), settings.token.encode()):
        return PlainTextResponse(
            "an update needs the header 'Authorization: Bearer TOKEN'\n",
            status_code=401,
            headers={"WWW-Authenticate": 'Bearer realm="kg"'},
        )
    pool: QueryPool = request.app.state.pool
    await pool.update(update)
    return Response(status_code=204)


async def _protocol_parameters(request: Request) -> tuple[list[tuple[str, str]], str | None, str | None]:
    """The request's parameters (URL and form), and a query or update sent as the whole body."""
    params = list(request.query_params.multi_items())
    if request.method != "POST":
        return params, None, None
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    try:
        body = (await request.body()).decode("utf-8")
    except UnicodeDecodeError as error:
        raise QueryError(f"the request body is not UTF-8 (byte {error.start})") from error
    if content_type == "application/sparql-query":
        return params, body, None
    if content_type == "application/sparql-update":
        return params, None, body
    if content_type == "application/x-www-form-urlencoded":
        return params + parse_qsl(body, keep_blank_values=True), None, None
    raise QueryError(
        f"unsupported content type {content_type or '(none)'!r}; send application/sparql-query, "
        "application/sparql-update or application/x-www-form-urlencoded"
    )


def _single(params: list[tuple[str, str]], name: str) -> str | None:
    values = [value for key, value in params if key == name]
    if len(values) > 1:
        raise QueryError(f"give the parameter {name!r} once")
    return values[0] if values else None


def _graph_list(params: list[tuple[str, str]], name: str) -> tuple[str, ...] | None:
    values = tuple(value for key, value in params if key == name)
    for iri in values:
        _named_node(iri)
    return values or None


def _named_node(iri: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(iri)
    except ValueError as error:
        raise QueryError(f"not an absolute IRI: {iri!r}") from error


async def service_description(request: Request) -> Response:
    """The SPARQL service description of this endpoint (Turtle)."""
    settings = request.app.state.settings
    endpoint = ox.NamedNode(str(request.url.replace(query="", fragment="")))
    names = await run_query(
        request, QueryJob("SELECT DISTINCT ?g WHERE { GRAPH ?g {} } ORDER BY ?g", results_format="tsv")
    )
    graph_iris = [line.strip()[1:-1] for line in names.body.decode("utf-8").splitlines()[1:] if line.strip()]
    triples = _service_triples(endpoint, graph_iris, allow_update=settings.allow_update)
    body = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes={"sd": SD}) or b""
    return Response(body, media_type="text/turtle")


def _service_triples(endpoint: ox.NamedNode, graph_iris: list[str], *, allow_update: bool) -> list[ox.Triple]:
    def sd(name: str) -> ox.NamedNode:
        return ox.NamedNode(SD + name)

    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    dataset, default_graph = ox.BlankNode("dataset"), ox.BlankNode("default")
    triples = [
        ox.Triple(endpoint, rdf_type, sd("Service")),
        ox.Triple(endpoint, sd("endpoint"), endpoint),
        ox.Triple(endpoint, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(endpoint, sd("feature"), sd("UnionDefaultGraph")),
        ox.Triple(endpoint, sd("defaultDataset"), dataset),
        ox.Triple(dataset, rdf_type, sd("Dataset")),
        ox.Triple(dataset, sd("defaultGraph"), default_graph),
        ox.Triple(default_graph, rdf_type, sd("Graph")),
    ]
    if allow_update:
        triples.append(ox.Triple(endpoint, sd("supportedLanguage"), sd("SPARQL11Update")))
    formats: list[ox.QueryResultsFormat | ox.RdfFormat] = [*RESULTS_FORMATS.values(), *GRAPH_FORMATS.values()]
    triples += [ox.Triple(endpoint, sd("resultFormat"), ox.NamedNode(fmt.iri)) for fmt in formats]
    for number, iri in enumerate(graph_iris):
        named = ox.BlankNode(f"graph{number}")
        triples += [
            ox.Triple(dataset, sd("namedGraph"), named),
            ox.Triple(named, rdf_type, sd("NamedGraph")),
            ox.Triple(named, sd("name"), ox.NamedNode(iri)),
        ]
    return triples


async def graph_store(request: Request) -> Response:
    """``/store``: one named graph (``?graph=IRI``) or the default graph (``?default``, the union), as RDF."""
    graph_iri = request.query_params.get("graph")
    if graph_iri is None and "default" not in request.query_params:
        raise QueryError("name a graph: /store?graph=IRI, or /store?default for the default graph")
    graph_name = negotiate(request.headers.get("accept"), list(GRAPH_MEDIA_TYPES))
    if graph_name is None:
        raise UnacceptableFormat("a graph is written as turtle, ntriples, jsonld or rdfxml")
    if graph_iri is None:
        query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    else:
        graph = _named_node(graph_iri)
        exists = await run_query(request, QueryJob(f"ASK {{ GRAPH {graph} {{}} }}", results_format="json"))
        if b"true" not in exists.body:
            return PlainTextResponse(f"no graph named <{graph_iri}> in this store\n", status_code=404)
        query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}"
    settings = request.app.state.settings
    job = QueryJob(query, graph_format=GRAPH_MEDIA_TYPES[graph_name], max_results=settings.max_results)
    return answer_response(await run_query(request, job), settings.max_results)
