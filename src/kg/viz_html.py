"""The networkx projection as cytoscape.js elements, and as one self-contained interactive HTML file.

The browser library cytoscape.js comes from npm (``npm ci`` at the top of the checkout puts it in
``node_modules/``); it is never fetched at run time. :func:`write_html` inlines it, the drawing code
shared with the web explorer (``kg/serve/static/graph_view.js``) and the graph as JSON, so the file
opens offline from disk.

>>> write_html(subgraph(to_networkx(store.data_graph()), around=person_iri, hops=2), "out/graph.html")  # doctest: +SKIP
"""

from __future__ import annotations

import html
import json
import os
from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import KgError
from kg.visualize import KIND_COLOURS

NODE_MODULES_ENV = "KG_NODE_MODULES"
CYTOSCAPE_DIST = Path("cytoscape") / "dist"
GRAPH_VIEW_JS = Path(__file__).parent / "serve" / "static" / "graph_view.js"
OTHER_KIND_COLOUR = "#b0b0b0"
INSTALL_HINT = "run npm install (or npm ci) at the top of the kg checkout"


class CytoscapeMissing(KgError):
    """cytoscape.js is not installed in ``node_modules/``."""


def node_modules_dir() -> Path:
    """Where npm installed the browser libraries: ``$KG_NODE_MODULES``, else the checkout's, else ``./``'s."""
    override = os.environ.get(NODE_MODULES_ENV)
    if override:
        return Path(override)
    checkout = Path(__file__).resolve().parents[2] / "node_modules"
    return checkout if checkout.is_dir() else Path.cwd() / "node_modules"


def cytoscape_dist() -> Path:
    """The directory of cytoscape.js's built files (it may not exist)."""
    return node_modules_dir() / CYTOSCAPE_DIST


def cytoscape_script() -> str:
    """The text of ``cytoscape.min.js``; raises :class:`CytoscapeMissing` when npm has not installed it."""
    path = cytoscape_dist() / "cytoscape.min.js"
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CytoscapeMissing(f"{path}: cytoscape.js is not installed; {INSTALL_HINT}") from None


def kind_colours(nx_graph: nx.MultiDiGraph | None = None) -> dict[str, str]:
    """Each kind's colour (those of :data:`~kg.visualize.KIND_COLOURS`, plus grey for the graph's others)."""
    colours = dict(KIND_COLOURS)
    if nx_graph is not None:
        for _, kind in nx_graph.nodes(data="kind"):
            colours.setdefault(kind, OTHER_KIND_COLOUR)
    return colours


def cytoscape_elements(nx_graph: nx.MultiDiGraph) -> dict[str, list[dict[str, Any]]]:
    """``{"nodes": [...], "edges": [...]}`` in cytoscape.js's format, every node and edge attribute kept.

    A node's ``id`` is its IRI; an edge's ``id`` joins its ends and key, so adding the same edge twice
    (when the explorer expands two neighbours) is recognised.
    """
    nodes = [
        {"data": {**data, "id": node, "colour": KIND_COLOURS.get(data.get("kind", ""), OTHER_KIND_COLOUR)}}
        for node, data in nx_graph.nodes(data=True)
    ]
    edges = [
        {"data": {**data, "id": f"{u} {key} {v}", "source": u, "target": v, "key": key}}
        for u, v, key, data in nx_graph.edges(keys=True, data=True)
    ]
    return {"nodes": nodes, "edges": edges}


def write_html(nx_graph: nx.MultiDiGraph, path: str | Path, *, title: str = "kg graph") -> None:
    """Write ``nx_graph`` as one HTML file that draws it interactively, offline (everything inlined).

    Raises :class:`CytoscapeMissing` (before writing anything) when cytoscape.js is not installed.
    """
    library = cytoscape_script()
    graph = {"elements": cytoscape_elements(nx_graph), "colours": kind_colours(nx_graph)}
    page = _PAGE.format(
        title=html.escape(title),
        library=_inline(library),
        graph_view=_inline(GRAPH_VIEW_JS.read_text(encoding="utf-8")),
        graph=_inline(json.dumps(graph, ensure_ascii=False, sort_keys=True)),
        count=f"{nx_graph.number_of_nodes()} nodes, {nx_graph.number_of_edges()} edges",
    )
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")


def _inline(script: str) -> str:
    """Script text that cannot end its ``<script>`` element early."""
    return script.replace("</", "<\\/")


_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
  html, body {{ margin: 0; height: 100%; font: 14px/1.4 system-ui, sans-serif; color: #1d1f21; }}
  #graph {{ position: absolute; inset: 0 22rem 0 0; }}
  aside {{ position: absolute; top: 0; right: 0; bottom: 0; width: 22rem; overflow: auto; padding: .8rem 1rem;
          border-left: 1px solid #dadce0; background: #fafafa; box-sizing: border-box; }}
  aside h1 {{ font-size: 1.1rem; margin: 0 0 .3rem; }}
  .legend span {{ display: inline-block; margin: 0 .6rem .2rem 0; }}
  .legend i {{ display: inline-block; width: .8rem; height: .8rem; border-radius: 50%; margin-right: .25rem;
              vertical-align: -1px; }}
  dl {{ margin: 0; }} dt {{ font-weight: 600; color: #5f6368; font-size: .8rem; margin-top: .4rem; }}
  dd {{ margin: 0; word-break: break-word; }}
</style>
</head>
<body>
<div id="graph"></div>
<aside>
  <h1>{title}</h1>
  <p>{count}. Drag to move, scroll to zoom; click a node or an edge to see its properties.</p>
  <div class="legend" id="legend"></div>
  <div id="details"></div>
</aside>
<script>{library}</script>
<script>{graph_view}</script>
<script type="application/json" id="graph-data">{graph}</script>
<script>
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const cy = kgGraphView.draw(document.getElementById("graph"), data.elements);
  kgGraphView.legend(document.getElementById("legend"), data.colours, cy);
  cy.on("tap", "node, edge", (event) => kgGraphView.details(document.getElementById("details"), event.target));
  window.kgGraph = cy;
</script>
</body>
</html>
"""
