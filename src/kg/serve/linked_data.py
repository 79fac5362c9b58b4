"""Linked Data: every IRI the graph mints dereferences on this server, and so does the ontology.

``/id/{path}`` answers for ``https://w3id.org/kgvn/id/{path}``, ``/resource?iri=IRI`` for any IRI.
A browser gets an HTML page: label, types, facts in both directions, links to the neighbours and,
for every fact with evidence, the passage of the article with the quoted span marked. A client
asking for RDF gets the entity's description: its own triples and those of its memberships.
``/ontology`` is pyLODE's documentation of ``ontology/kg.ttl``, or the Turtle itself.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pyoxigraph as ox
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from kg.config import ONTOLOGY_IRI, RESOURCE_NS
from kg.errors import QueryError
from kg.rdf.namespaces import PREFIXES
from kg.serve.sparql import GRAPH_MEDIA_TYPES, answer_response, negotiate, run_query
from kg.serve.workers import QueryJob

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
HTML = "text/html"
DESCRIPTION_MEDIA_TYPES = [HTML, "application/xhtml+xml", *GRAPH_MEDIA_TYPES]
"""What a resource can be had as: first the HTML page, then the RDF formats of the SPARQL endpoint."""

LABEL_PROPERTIES = "rdfs:label|skos:prefLabel|schema:name"
NOT_PARTICIPATION = "prov:wasDerivedFrom, oa:hasSource, schema:publisher"
"""Links that do not make the linking node a fact about the entity (so its evidence is not shown)."""
CONTEXT_CHARACTERS = 280
LONG_LITERAL = 300


@dataclass
class Passage:
    """A paragraph of an article with the quoted spans marked: ``segments`` are (text, marked) pairs."""

    article: dict[str, Any]
    segments: list[tuple[str, bool]]
    facts: list[dict[str, Any]] = field(default_factory=list)


async def resource_by_path(request: Request) -> Response:
    """``/id/{path}``: the entity minted as ``https://w3id.org/kgvn/id/{path}``."""
    return await describe(request, RESOURCE_NS + request.path_params["path"])


async def resource_by_iri(request: Request) -> Response:
    """``/resource?iri=IRI``: any IRI of the graph."""
    iri = request.query_params.get("iri")
    if not iri:
        raise QueryError("name the resource: /resource?iri=IRI")
    return await describe(request, iri)


def resource_href(iri: str) -> str:
    """Where on this server an IRI dereferences: minted IRIs at their own path, others by ``/resource``."""
    if iri.startswith(RESOURCE_NS):
        return "/id/" + quote(iri[len(RESOURCE_NS) :], safe="/-._~")
    if iri == ONTOLOGY_IRI:
        return "/ontology"
    return "/resource?iri=" + quote(iri, safe="")


async def describe(request: Request, iri: str) -> Response:
    """An entity as HTML or RDF, by the ``format`` parameter or ``Accept``; 404 if the graph does not know it."""
    try:
        node = ox.NamedNode(iri)
    except ValueError as error:
        raise QueryError(f"not an absolute IRI: {iri!r}") from error
    media_type = _description_media_type(request)
    if media_type in GRAPH_MEDIA_TYPES:
        settings = request.app.state.settings
        job = QueryJob(
            _description_query(node), graph_format=GRAPH_MEDIA_TYPES[media_type], max_results=settings.max_results
        )
        answer = await run_query(request, job)
        if answer.count == 0:
            return Response(f"no resource <{iri}> in this graph\n", status_code=404, media_type="text/plain")
        return answer_response(answer, settings.max_results)
    page = await _entity_page(request, node)
    templates = request.app.state.templates
    if page is None:
        return templates.TemplateResponse(request, "not_found.html", {"iri": iri}, status_code=404)
    return templates.TemplateResponse(request, "resource.html", page, headers={"Vary": "Accept"})


def _description_media_type(request: Request) -> str | None:
    format_name = request.query_params.get("format")
    if format_name:
        names = {"html": HTML, **{name: media for media, name in reversed(GRAPH_MEDIA_TYPES.items())}}
        if format_name not in names:
            raise QueryError(f"unknown format {format_name!r}; choose one of {', '.join(names)}")
        return names[format_name]
    chosen = negotiate(request.headers.get("accept"), DESCRIPTION_MEDIA_TYPES)
    return HTML if chosen in (None, "application/xhtml+xml") else chosen


def _description_query(node: ox.NamedNode) -> str:
    """A CBD-like description: the entity's triples and those of the memberships it is part of."""
    return f"""CONSTRUCT {{ {node} ?p ?o . ?membership ?mp ?mo }} WHERE {{
  {{ {node} ?p ?o }}
  UNION
  {{ ?membership org:member|org:organization {node} ; a org:Membership ; ?mp ?mo }}
}}"""


async def _entity_page(request: Request, node: ox.NamedNode) -> dict[str, Any] | None:
    """What resource.html shows of ``node``, or None when the graph has no triple about it."""
    facts = await _select(
        request,
        f"""SELECT ?direction ?p ?other WHERE {{
  {{ {node} ?p ?other BIND("out" AS ?direction) }} UNION {{ ?other ?p {node} BIND("in" AS ?direction) }}
}} LIMIT 2000""",
    )
    if not facts:
        return None
    label_rows = await _select(
            request,
            f"""SELECT ?term ?label WHERE {{
  {{ BIND({node} AS ?term) }} UNION {{ {node} ?term ?x }} UNION {{ {node} ?x ?term }}
  UNION {{ ?x ?term {node} }} UNION {{ ?term ?x {node} }}
  ?term {LABEL_PROPERTIES} ?label
}}""",
    )
    labels = _labels(label_rows, prefer=("vi", "en"))
    vocabulary_labels = _labels(label_rows, prefer=("en", "vi"))  # the page's own words are English
    outgoing, incoming, types = [], [], []
    for row in facts:
        predicate, other = row["p"], row["other"]
        if row["direction"].value == "out":
            if predicate.value == RDF_TYPE:
                types.append(_term_view(other, vocabulary_labels))
            outgoing.append({"predicate": _term_view(predicate, vocabulary_labels), "value": _term_view(other, labels)})
        else:
            incoming.append(
                {"subject": _term_view(other, labels), "predicate": _term_view(predicate, vocabulary_labels)}
            )
    outgoing.sort(key=lambda fact: (fact["predicate"]["label"], fact["value"]["label"]))
    incoming.sort(key=lambda fact: (fact["predicate"]["label"], fact["subject"]["label"]))
    subject = _term_view(node, labels)
    return {
        "entity": subject,
        "types": types,
        "outgoing": outgoing,
        "incoming": incoming,
        "passages": await _passages(request, node, labels),
        "formats": {name: f"{subject['href']}{'&' if '?' in subject['href'] else '?'}format={name}"
                    for name in ("turtle", "jsonld", "ntriples")},
    }


async def _passages(request: Request, node: ox.NamedNode, labels: dict[str, str]) -> list[Passage]:
    """The evidence of the entity and of the facts it takes part in, as marked passages of their articles."""
    rows = await _select(
        request,
        f"""SELECT DISTINCT ?fact ?article ?start ?end ?exact WHERE {{
  {{ BIND({node} AS ?fact) }} UNION {{ ?fact ?link {node} FILTER(?link NOT IN ({NOT_PARTICIPATION})) }}
  ?fact kgo:evidence ?evidence .
  ?evidence oa:hasSource ?article ; oa:hasSelector ?quote, ?position .
  ?quote oa:exact ?exact .
  ?position oa:start ?start ; oa:end ?end .
}} ORDER BY ?article ?start ?end""",
    )
    if not rows:
        return []
    articles = {row["article"].value for row in rows}
    values = " ".join(str(ox.NamedNode(iri)) for iri in sorted(articles))
    bodies = {
        row["article"].value: row
        for row in await _select(
            request,
            f"""SELECT ?article ?body ?headline WHERE {{
  VALUES ?article {{ {values} }}
  ?article schema:articleBody ?body .
  OPTIONAL {{ ?article schema:headline ?headline }}
}}""",
        )
    }
    spans: dict[tuple[str, int, int], list[tuple[int, int]]] = defaultdict(list)
    facts: dict[tuple[str, int, int], dict[str, dict[str, Any]]] = defaultdict(dict)
    for row in rows:
        article = row["article"].value
        text = bodies.get(article)
        body = text["body"].value if text else ""
        start, end = quote_span(body, int(row["start"].value), int(row["end"].value), row["exact"].value)
        paragraph = (article, *paragraph_bounds(body, start, end))
        spans[paragraph].append((start, end))
        facts[paragraph].setdefault(row["fact"].value, _term_view(row["fact"], labels))
    passages = []
    for (article, paragraph_start, paragraph_end), marks in spans.items():
        text = bodies.get(article)
        body = text["body"].value if text else ""
        headline = text["headline"].value if text and text["headline"] is not None else None
        passages.append(
            Passage(
                {"href": resource_href(article), "label": headline or labels.get(article, article)},
                marked_segments(
                    body[paragraph_start:paragraph_end],
                    [(start - paragraph_start, end - paragraph_start) for start, end in marks],
                ),
                list(facts[(article, paragraph_start, paragraph_end)].values()),
            )
        )
    return passages


def quote_span(body: str, start: int, end: int, exact: str) -> tuple[int, int]:
    """Where the quote is in ``body``: its offsets if they point at it, else where it is found (an article changed)."""
    if body[start:end] == exact:
        return start, end
    found = body.find(exact)
    return (found, found + len(exact)) if found >= 0 else (0, 0)


def paragraph_bounds(body: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph (a line of the text) holding ``body[start:end]``."""
    paragraph_end = body.find("\n", end)
    return body.rfind("\n", 0, start) + 1, len(body) if paragraph_end < 0 else paragraph_end


def marked_segments(text: str, marks: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, marked) pairs, overlapping marks merged, long unmarked stretches shortened."""
    merged: list[list[int]] = []
    for start, end in sorted(marks):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    segments: list[tuple[str, bool]] = []
    position = 0
    for number, (start, end) in enumerate(merged):
        before = text[position:start]
        if number == 0 and len(before) > CONTEXT_CHARACTERS:
            before = "…" + before[-CONTEXT_CHARACTERS:]
        segments += [(before, False), (text[start:end], True)]
        position = end
    after = text[position:]
    if len(after) > CONTEXT_CHARACTERS:
        after = after[:CONTEXT_CHARACTERS] + "…"
    segments.append((after, False))
    return [segment for segment in segments if segment[0]]


async def _select(request: Request, query: str) -> list[ox.QuerySolution]:
    settings = request.app.state.settings
    answer = await run_query(request, QueryJob(query, results_format="json", max_results=settings.max_results))
    solutions = ox.parse_query_results(answer.body, format=ox.QueryResultsFormat.JSON)
    assert isinstance(solutions, ox.QuerySolutions)
    return list(solutions)


def _labels(rows: list[ox.QuerySolution], prefer: tuple[str, ...]) -> dict[str, str]:
    """The best label of each term: in the languages of ``prefer`` in turn, then any."""
    rank = {language: number for number, language in enumerate(prefer)}
    best: dict[str, tuple[int, str]] = {}
    for row in rows:
        term, label = row["term"], row["label"]
        if not isinstance(term, ox.NamedNode) or not isinstance(label, ox.Literal):
            continue
        candidate = (rank.get(label.language or "", len(prefer)), label.value)
        if term.value not in best or candidate < best[term.value]:
            best[term.value] = candidate
    return {iri: label for iri, (_, label) in best.items()}


def _term_view(term: Any, labels: dict[str, str]) -> dict[str, Any]:
    """What a template needs to show a term: a link with a label, or a literal's value."""
    if isinstance(term, ox.NamedNode):
        label = labels.get(term.value) or curie(term.value)
        return {"iri": term.value, "href": resource_href(term.value), "label": label}
    if isinstance(term, ox.Literal):
        datatype = None if term.language or term.datatype.value.endswith("#string") else curie(term.datatype.value)
        return {"literal": term.value, "label": term.value, "language": term.language, "datatype": datatype,
                "long": len(term.value) > LONG_LITERAL}
    return {"literal": str(term), "label": str(term), "language": None, "datatype": None, "long": False}


def curie(iri: str) -> str:
    """``prefix:local`` for an IRI in a known namespace, else the IRI."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


class OntologyDocs:
    """The ontology's HTML documentation, made by pyLODE once and kept."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._html: str | None = None
        self._lock = threading.Lock()

    def html(self) -> str:
        """The documentation page; the first call makes it (about a second)."""
        with self._lock:
            if self._html is None:
                self._html = _import_ontpub()(ontology=str(self.path)).make_html()
            return self._html


def _import_ontpub() -> Any:
    """pyLODE's OntPub; its import sets the root logger to DEBUG, which we undo to keep the server's logs."""
    import logging

    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    from pylode import OntPub

    root.setLevel(level)
    root.handlers[:] = handlers
    return OntPub


async def ontology_page(request: Request) -> Response:
    """``/ontology``: pyLODE's documentation for browsers, the Turtle for ``Accept: text/turtle``."""
    docs: OntologyDocs = request.app.state.ontology_docs
    chosen = negotiate(request.headers.get("accept"), [HTML, "text/turtle", "application/x-turtle"])
    if chosen in ("text/turtle", "application/x-turtle") or request.query_params.get("format") == "turtle":
        return Response(docs.path.read_bytes(), media_type="text/turtle", headers={"Vary": "Accept"})
    return HTMLResponse(await run_in_threadpool(docs.html), headers={"Vary": "Accept"})
