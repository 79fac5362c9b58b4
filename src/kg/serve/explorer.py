"""The graph explorer: ``/explore`` draws a part of the graph with cytoscape.js, and grows it by click.

``/explore?iri=IRI`` starts from an entity, ``/explore`` from the whole graph. The page asks
``/explore/neighbours?iri=IRI`` for an entity's neighbours, as cytoscape.js elements of
:func:`kg.visualize.subgraph` of the projection :func:`kg.visualize.to_networkx` makes of the
store's data graph. The projection is made once per server start (on first use) and kept.

cytoscape.js is an npm package (``npm ci`` at the top of the checkout); the app serves it from
``node_modules/cytoscape/dist`` at ``/vendor/cytoscape/``. Without it the page says how to install it.
"""

from __future__ import annotations

import threading
from typing import Any

import networkx as nx
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, Response

from kg.errors import KgError, QueryError
from kg.store import open_store
from kg.visualize import expand_iri, subgraph, to_networkx
from kg.viz_html import INSTALL_HINT, cytoscape_dist, cytoscape_elements, kind_colours

MAX_HOPS = 3
WHOLE_GRAPH_UP_TO = 400
"""``/explore`` without an entity draws the whole graph only up to this many nodes."""
DATE_PREDICATE = "schema:datePublished"
"""The date filter keeps what articles published in the range attest."""

_projection_lock = threading.Lock()


async def cytoscape_file(request: Request) -> Response:
    """``/vendor/cytoscape/{name}``: a built file of cytoscape.js as npm installed it; 404 when it is absent."""
    name = request.path_params["name"]
    path = cytoscape_dist() / name
    if name.startswith(".") or not path.is_file():
        return PlainTextResponse(f"{name}: cytoscape.js is not installed; {INSTALL_HINT}\n", status_code=404)
    return FileResponse(path)


async def explore_page(request: Request) -> Response:
    """``/explore[?iri=IRI]``: the explorer page, with the filters' choices (kinds, articles)."""
    projection = await _projection(request)
    iri = expand_iri(request.query_params.get("iri", ""))
    articles = [
        {"iri": node, "label": data["label"], "date": data.get(DATE_PREDICATE, "")}
        for node, data in projection.nodes(data=True)
        if data["kind"] == "article"
    ]
    context = {
        "iri": iri,
        "start_label": projection.nodes[iri]["label"] if iri in projection else "",
        "known": not iri or iri in projection,
        "whole_graph": not iri and projection.number_of_nodes() <= WHOLE_GRAPH_UP_TO,
        "colours": kind_colours(projection),
        "kinds": sorted({kind for _, kind in projection.nodes(data="kind")}),
        "articles": sorted(articles, key=lambda article: (article["date"], article["label"])),
        "cytoscape_installed": (cytoscape_dist() / "cytoscape.min.js").is_file(),
        "install_hint": INSTALL_HINT,
    }
    return request.app.state.templates.TemplateResponse(request, "explore.html", context)


async def neighbours(request: Request) -> Response:
    """``/explore/neighbours?iri=IRI[&hops=N][&kind=K...][&article=ID][&from=DATE][&to=DATE]``: JSON elements.

    Without ``iri``, the whole graph (filtered). 404 for an entity the graph does not have.
    """
    params = request.query_params
    hops = _hops(params.get("hops", "1"))
    projection = await _projection(request)
    around = expand_iri(params["iri"]) if params.get("iri") else None
    if around is not None and around not in projection:
        return JSONResponse({"error": f"{around}: no such entity in the graph"}, status_code=404)
    try:
        selected = _select(
            projection,
            around=around,
            hops=hops,
            kinds=set(params.getlist("kind")) or None,
            article=params.get("article") or None,
            published=(params.get("from", ""), params.get("to", "")),
        )
    except KgError as error:
        return JSONResponse({"error": str(error)}, status_code=400)
    return JSONResponse(cytoscape_elements(selected))


def _select(
    projection: nx.MultiDiGraph,
    *,
    around: str | None,
    hops: int,
    kinds: set[str] | None,
    article: str | None,
    published: tuple[str, str],
) -> nx.MultiDiGraph:
    """:func:`kg.visualize.subgraph`, then only what articles published in ``published`` (from, to) attest."""
    selected = subgraph(projection, around=around, hops=hops, kinds=kinds, article=article)
    if not any(published):
        return selected
    in_range = {
        node for node, date in projection.nodes(data=DATE_PREDICATE) if date and _date_within(date, *published)
    }
    keep = [node for node, sources in selected.nodes(data="articles") if in_range.intersection(sources)]
    if around is not None and around in selected:
        keep.append(around)  # the entity asked about stays, so that the view keeps its centre
    return selected.subgraph(keep).copy()


def _date_within(date: str, start: str, end: str) -> bool:
    """Whether an ISO date of any precision (``2024``, ``2024-06``, ``2024-06-13``) may fall in [start, end]."""
    after_start = not start or date[: len(start)] >= start[: len(date)]
    before_end = not end or date[: len(end)] <= end[: len(date)]
    return after_start and before_end


def _hops(text: str) -> int:
    try:
        hops = int(text)
    except ValueError:
        raise QueryError(f"hops must be a whole number from 1 to {MAX_HOPS}, not {text!r}") from None
    if not 1 <= hops <= MAX_HOPS:
        raise QueryError(f"hops must be a whole number from 1 to {MAX_HOPS}, not {hops}")
    return hops


async def _projection(request: Request) -> nx.MultiDiGraph:
    """The store's data graph projected by :func:`kg.visualize.to_networkx`, made once per app."""
    state = request.app.state
    projection: nx.MultiDiGraph | None = getattr(state, "explorer_projection", None)
    if projection is None:
        projection = await run_in_threadpool(_make_projection, state)
    return projection


def _make_projection(state: Any) -> nx.MultiDiGraph:
    with _projection_lock:
        projection: nx.MultiDiGraph | None = getattr(state, "explorer_projection", None)
        if projection is None:
            store = open_store(state.pool.location, read_only=True)
            try:
                projection = to_networkx(store.data_graph())
            finally:
                store.close()
            state.explorer_projection = projection
        return projection
