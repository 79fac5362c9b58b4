"""Project the RDF graph onto a networkx graph of entities and relations, and draw it.

One projection, :func:`to_networkx`, feeds every view (GraphML for Gephi or Cytoscape, a static
picture, the web explorer). Entities become nodes, relations between them edges, literals node
attributes. What would swamp a picture is left out: evidence and its selectors, intervals and dates
as nodes, ``prov:wasDerivedFrom`` edges (kept as each node's ``articles``) and article bodies. Each
reified ``org:Membership`` becomes one edge person → organization labelled ``holds: <role>``.

matplotlib is imported only inside :func:`write_picture`, so ``import kg`` stays light.

>>> nx_graph = to_networkx(store.data_graph())  # doctest: +SKIP
>>> write_picture(subgraph(nx_graph, around=person_iri, hops=2), "out/person.svg")  # doctest: +SKIP
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import ORG, PROV, RDF, RDFS, SKOS, TIME
from rdflib.term import Node

from kg.errors import KgError
from kg.rdf.iris import article_iri
from kg.rdf.namespaces import KGO, OA, PREFIXES, SCHEMA

KIND_OF_CLASS: dict[URIRef, str] = {
    SCHEMA.Person: "person",
    ORG.Organization: "organization",
    SCHEMA.Organization: "organization",
    SCHEMA.Place: "place",
    KGO.Meeting: "meeting",
    SCHEMA.Event: "event",
    KGO.Proposal: "proposal",
    KGO.Project: "project",
    KGO.Indicator: "indicator",
    KGO.Document: "document",
    SCHEMA.Legislation: "document",
    SCHEMA.NewsArticle: "article",
    ORG.Post: "post",
    ORG.Role: "role",
    SCHEMA.MonetaryAmount: "amount",
    SKOS.Concept: "concept",
}
"""The kind of each root class; subclasses inherit it through ``rdfs:subClassOf`` in the ontology."""

KIND_COLOURS: dict[str, str] = {
    "person": "#e15759",
    "organization": "#4e79a7",
    "place": "#59a14f",
    "meeting": "#f28e2b",
    "event": "#f28e2b",
    "proposal": "#b07aa1",
    "project": "#9c755f",
    "indicator": "#edc948",
    "document": "#76b7b2",
    "article": "#bab0ac",
    "post": "#86bcb6",
    "role": "#d4a6c8",
    "amount": "#fabfd2",
    "concept": "#d7d7d7",
}
"""Fixed colours, so a kind looks the same in every picture; other kinds are grey."""

HIDDEN_CLASSES = frozenset({
    OA.SpecificResource, OA.TextQuoteSelector, OA.TextPositionSelector,
    TIME.Interval, TIME.ProperInterval, TIME.Instant,
})
"""Typed subjects that are not drawn: evidence, its selectors, and the dates offices are attested on."""

SKIPPED_PREDICATES = frozenset({RDF.type, RDFS.label, PROV.wasDerivedFrom, KGO.evidence, SCHEMA.articleBody})
"""Predicates that become neither edges nor attributes (type, label and derivation have their own)."""

LABEL_PREDICATES = (RDFS.label, SKOS.prefLabel, SCHEMA.name, SCHEMA.headline)
"""Where a node's ``label`` comes from, first found first; else the IRI's local name."""

PICTURE_SUFFIXES = frozenset({".svg", ".png", ".pdf"})
SPRING_LAYOUT_BELOW = 500
"""Graphs this big or bigger are laid out with ForceAtlas2 (dense numpy; about 3 s for 800 nodes)."""
EDGE_LABELS_UP_TO = 60
"""Pictures with at most this many edges show edge labels."""

_NAMESPACES_LONGEST_FIRST = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """The entities of ``graph`` as nodes, their relations as edges; deterministic (sorted insertion).

    Node attributes: ``label``, ``kind`` (``person``, ``organization``, ``place`` ...), ``type`` (the
    most specific class, as a CURIE), ``articles`` (sorted IRIs of the articles the entity was
    derived from) and one attribute per other property, keyed by CURIE (``schema:startDate``): a
    string, or a sorted list of strings when there are several values. Edges are keyed and labelled
    by the predicate's CURIE; membership edges by the membership IRI, with ``label`` ``holds: <role>``
    and ``role``, ``title``, ``date`` (when attested), ``status``, ``post``, ``articles``. An edge whose
    fact has ``kgo:evidence`` (the membership, else the subject) names that node in ``fact``.
    """
    hidden = {subject for cls in HIDDEN_CLASSES for subject in graph.subjects(RDF.type, cls)}
    memberships = {m for m in graph.subjects(RDF.type, ORG.Membership) if isinstance(m, URIRef)}
    typed = {subject for subject in graph.subjects(RDF.type, None) if isinstance(subject, URIRef)}
    entities = sorted(typed - hidden - memberships)
    entity_set = set(entities)
    not_attributes = entity_set | hidden | memberships
    nx_graph = nx.MultiDiGraph()
    for entity in entities:
        nx_graph.add_node(str(entity), **_node_attributes(graph, entity, not_attributes))
    for entity in entities:
        relations = [
            (predicate, obj)
            for predicate, obj in graph.predicate_objects(entity)
            if obj in entity_set and predicate not in SKIPPED_PREDICATES
        ]
        fact = _fact_attribute(graph, entity)
        for predicate, obj in sorted(relations):
            curie = _curie(predicate)
            nx_graph.add_edge(str(entity), str(obj), key=curie, label=curie, **fact)
    for membership in sorted(memberships):
        _add_membership_edge(nx_graph, graph, membership)
    return nx_graph


def subgraph(
    nx_graph: nx.MultiDiGraph,
    *,
    around: str | None = None,
    hops: int = 1,
    kinds: set[str] | None = None,
    article: str | None = None,
) -> nx.MultiDiGraph:
    """The part of ``nx_graph`` within ``hops`` of ``around`` (edges in either direction), of ``kinds``,
    derived from ``article``; each filter applies only when given.

    ``around`` is an IRI or a CURIE (``kgr:person/bac-kan/hoàng-duy-chinh``); ``article`` an article's
    IRI, CURIE or id. Membership edges attested by another article are dropped by the ``article`` filter.
    Raises :class:`~kg.errors.KgError` for an entity not in the graph or an unknown kind.
    """
    nodes = set(nx_graph)
    if around is not None:
        centre = expand_iri(around)
        if centre not in nx_graph:
            raise KgError(f"{around}: no such entity in the graph; give an entity's IRI or kgr: CURIE")
        nodes = set(nx.ego_graph(nx_graph, centre, radius=hops, undirected=True))
    if kinds:
        known = set(KIND_OF_CLASS.values()) | {kind for _, kind in nx_graph.nodes(data="kind")}
        if unknown := sorted(kinds - known):
            raise KgError(f"unknown kind {', '.join(unknown)}; choose from {', '.join(sorted(known))}")
        nodes = {node for node in nodes if nx_graph.nodes[node]["kind"] in kinds}
    source = None if article is None else _article_iri(article)
    if source is not None:
        nodes = {node for node in nodes if source in nx_graph.nodes[node]["articles"]}
    selected = nx.MultiDiGraph()
    selected.add_nodes_from((node, dict(data)) for node, data in nx_graph.nodes(data=True) if node in nodes)
    selected.add_edges_from(
        (u, v, key, dict(data))
        for u, v, key, data in nx_graph.edges(keys=True, data=True)
        if u in nodes and v in nodes and (source is None or source in data.get("articles", [source]))
    )
    return selected


def write_graphml(nx_graph: nx.MultiDiGraph, path: str | Path) -> None:
    """Write ``nx_graph`` as GraphML (Gephi, Cytoscape); list attributes become ``;``-joined strings."""
    flat = nx.MultiDiGraph()
    flat.add_nodes_from((node, _flat(data)) for node, data in nx_graph.nodes(data=True))
    flat.add_edges_from((u, v, key, _flat(data)) for u, v, key, data in nx_graph.edges(keys=True, data=True))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    nx.write_graphml(flat, path)


def write_picture(nx_graph: nx.MultiDiGraph, path: str | Path, *, seed: int = 7) -> None:
    """Draw ``nx_graph`` to an SVG, PNG or PDF file (by suffix): nodes coloured by kind, with a legend
    and labels, edge labels when the graph is small; the layout is seeded, so the picture is stable.
    """
    from matplotlib import rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    path = Path(path)
    if path.suffix.lower() not in PICTURE_SUFFIXES:
        raise KgError(f"{path}: cannot draw a {path.suffix or 'suffix-less'} file; use .svg, .png or .pdf")
    count = nx_graph.number_of_nodes()
    side = min(max(8.0, 1.6 * math.sqrt(count)), 48.0)
    font_size = 9 if count <= 40 else 7 if count <= 300 else 5
    # text stays text in SVG (searchable, small) and ids are salted, so equal graphs give equal files
    with rc_context({"svg.fonttype": "none", "svg.hashsalt": "kg", "font.family": "DejaVu Sans"}):
        figure = Figure(figsize=(side, side), layout="constrained")
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        axes.set_axis_off()
        axes.margins(0.15)
        if count == 0:
            axes.text(0.5, 0.5, "no entities", ha="center", va="center")
        else:
            _draw(nx_graph, axes, seed=seed, font_size=font_size, node_size=max(60, 600 - count))
        path.parent.mkdir(parents=True, exist_ok=True)
        metadata = {"Date": None} if path.suffix.lower() == ".svg" else None
        figure.savefig(path, metadata=metadata)


def expand_iri(text: str) -> str:
    """``"kgr:person/x"`` → the full IRI; anything else is returned as it is."""
    prefix, colon, local = text.partition(":")
    if colon and prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    return text


def _draw(nx_graph: nx.MultiDiGraph, axes: Any, *, seed: int, font_size: int, node_size: int) -> None:
    positions = _layout(nx_graph, seed)
    by_kind: dict[str, list[str]] = defaultdict(list)
    for node, kind in nx_graph.nodes(data="kind"):
        by_kind[kind].append(node)
    nx.draw_networkx_edges(
        nx_graph, positions, ax=axes, edge_color="#9a9a9a", width=0.7, arrows=True, arrowsize=8,
        node_size=node_size,
    )
    for kind in sorted(by_kind):
        nx.draw_networkx_nodes(
            nx_graph, positions, ax=axes, nodelist=by_kind[kind], node_size=node_size,
            node_color=KIND_COLOURS.get(kind, "#b0b0b0"), edgecolors="white", linewidths=0.5, label=kind,
        )
    labels = {node: _shorten(label, 40) for node, label in nx_graph.nodes(data="label")}
    nx.draw_networkx_labels(nx_graph, positions, labels=labels, ax=axes, font_size=font_size)
    if nx_graph.number_of_edges() <= EDGE_LABELS_UP_TO:
        nx.draw_networkx_edge_labels(
            nx.DiGraph(nx_graph), positions, edge_labels=_edge_labels(nx_graph), ax=axes,
            font_size=max(font_size - 2, 5), font_color="#555555", rotate=False,
        )
    axes.legend(
        loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=font_size + 1, markerscale=0.6, frameon=False
    )


def _layout(nx_graph: nx.MultiDiGraph, seed: int) -> dict[str, Any]:
    """Seeded positions, with numpy only: networkx's spring layout wants scipy from 500 nodes on."""
    simple = nx.Graph(nx_graph)  # undirected, so that an edge pulls both its ends together
    if len(simple) < SPRING_LAYOUT_BELOW:
        return nx.spring_layout(simple, seed=seed, k=2.0 / math.sqrt(len(simple)), method="force")
    return nx.forceatlas2_layout(simple, seed=seed)


def _edge_labels(nx_graph: nx.MultiDiGraph) -> dict[tuple[str, str], str]:
    """One label per node pair: parallel edges' labels joined, so none hides another."""
    labels: dict[tuple[str, str], list[str]] = defaultdict(list)
    for u, v, label in nx_graph.edges(data="label"):
        labels[(u, v)].append(label)
    return {pair: "\n".join(sorted(set(texts))) for pair, texts in labels.items()}


def _node_attributes(graph: Graph, entity: URIRef, not_attributes: set[Node]) -> dict[str, Any]:
    types = sorted(obj for obj in graph.objects(entity, RDF.type) if isinstance(obj, URIRef))
    most_specific = _most_specific(types)
    values: dict[str, list[str]] = defaultdict(list)
    for predicate, obj in graph.predicate_objects(entity):
        if predicate in SKIPPED_PREDICATES or obj in not_attributes:
            continue
        values[_curie(predicate)].append(str(obj) if isinstance(obj, Literal) else _curie(obj))
    articles = sorted(str(source) for source in graph.objects(entity, PROV.wasDerivedFrom))
    if SCHEMA.NewsArticle in types:
        articles = sorted({*articles, str(entity)})
    attributes: dict[str, Any] = {
        "label": _label(graph, entity),
        "kind": _kind(most_specific),
        "type": _curie(most_specific) if most_specific is not None else "",
        "articles": articles,
    }
    for name in sorted(values):
        texts = sorted(values[name])
        attributes[name] = texts[0] if len(texts) == 1 else texts
    return attributes


def _add_membership_edge(nx_graph: nx.MultiDiGraph, graph: Graph, membership: URIRef) -> None:
    member, organization = graph.value(membership, ORG.member), graph.value(membership, ORG.organization)
    if str(member) not in nx_graph or str(organization) not in nx_graph:
        return
    role = graph.value(membership, ORG.role)
    title = _first(graph.objects(membership, KGO.titleAsWritten))
    role_label = _label(graph, role) if isinstance(role, URIRef) else ""
    attributes: dict[str, Any] = {
        "label": f"holds: {role_label or title}",
        "role": role_label,
        "title": title,
        "date": _first(
            date
            for interval in graph.objects(membership, ORG.memberDuring)
            for instant in graph.objects(interval, TIME.inside)
            for date in graph.objects(instant, TIME.inXSDDate)
        ),
        "status": _first(_curie(status) for status in graph.objects(membership, KGO.officeStatus)),
        "post": _first(graph.objects(membership, KGO.post)),
        "articles": sorted(str(source) for source in graph.objects(membership, PROV.wasDerivedFrom)),
    }
    nx_graph.add_edge(
        str(member), str(organization), key=str(membership),
        **{name: value for name, value in attributes.items() if value != ""},
        **_fact_attribute(graph, membership),
    )


def _fact_attribute(graph: Graph, fact: URIRef) -> dict[str, str]:
    """``{"fact": iri}`` when ``fact`` carries evidence, so a quote can be found for its edges."""
    return {"fact": str(fact)} if graph.value(fact, KGO.evidence) is not None else {}


@cache
def _ancestors() -> dict[URIRef, tuple[URIRef, ...]]:
    """Each class of the ontology with its superclasses, itself first (nearest first)."""
    from kg.validate import load_ontology

    ontology = load_ontology()
    classes = {cls for cls in ontology.subjects(RDFS.subClassOf, None) if isinstance(cls, URIRef)}
    return {
        cls: tuple(up for up in ontology.transitive_objects(cls, RDFS.subClassOf) if isinstance(up, URIRef))
        for cls in classes
    }


def _most_specific(types: list[URIRef]) -> URIRef | None:
    """The first (sorted) of ``types`` that is no superclass of another of them."""
    ancestors = _ancestors()
    broader = {ancestor for cls in types for ancestor in ancestors.get(cls, (cls,))[1:]}
    specific = [cls for cls in types if cls not in broader]
    return specific[0] if specific else None


def _kind(cls: URIRef | None) -> str:
    """The kind of the nearest root class above ``cls``, else its local name in snake case."""
    if cls is None:
        return "thing"
    for ancestor in _ancestors().get(cls, (cls,)):
        if ancestor in KIND_OF_CLASS:
            return KIND_OF_CLASS[ancestor]
    return re.sub(r"(?<!^)(?=[A-Z])", "_", _local_name(cls)).lower()


def _label(graph: Graph, node: URIRef) -> str:
    for predicate in LABEL_PREDICATES:
        values = sorted(graph.objects(node, predicate), key=_vietnamese_first)
        if values:
            return str(values[0])
    return _local_name(node)


def _vietnamese_first(value: Node) -> tuple[bool, str]:
    return (getattr(value, "language", None) != "vi", str(value))


def _article_iri(article: str) -> str:
    """An article's IRI from its IRI, CURIE or id."""
    return expand_iri(article) if ":" in article else str(article_iri(article))


def _curie(iri: Node) -> str:
    text = str(iri)
    for prefix, namespace in _NAMESPACES_LONGEST_FIRST:
        if text.startswith(namespace):
            return f"{prefix}:{text[len(namespace):]}"
    return text


def _local_name(iri: Node) -> str:
    return re.split(r"[/#]", str(iri).rstrip("/#"))[-1]


def _first(values: Iterable[Any]) -> str:
    """The smallest value as a string, ``""`` when there is none."""
    return min((str(value) for value in values), default="")


def _flat(attributes: dict[str, Any]) -> dict[str, str]:
    return {name: ";".join(v) if isinstance(v, list) else str(v) for name, v in attributes.items()}


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
