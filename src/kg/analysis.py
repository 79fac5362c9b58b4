"""Network analysis of the graph: who matters most, which groups hang together, how two entities connect.

Everything runs on one view, :func:`fact_graph`: the undirected simple graph of the edges of
:func:`~kg.visualize.to_networkx` that rest on a fact with evidence (a membership, a meeting, a
proposal, an organization, a place ...). Bookkeeping edges (a post's role, an article's publisher) are
left out, so that no chain runs through the role "Chủ tịch" or the newspaper.

>>> nx_graph = to_networkx(store.data_graph())  # doctest: +SKIP
>>> [score.label for score in centrality(nx_graph) if score.kind == "person"][0]  # doctest: +SKIP
'Hoàng Duy Chinh'
>>> for hop in shortest_fact_path(store.data_graph(), nx_graph, "kgr:person/bac-kan/hoàng-duy-chinh",
...                               "kgr:place/bac-kan/commune/boc-bo"):  # doctest: +SKIP
...     print(hop.relation, hop.quote)
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV

from kg.errors import KgError
from kg.rdf.namespaces import KGO, KGR, OA
from kg.results import display, format_table
from kg.store import SelectResult
from kg.visualize import expand_iri

RANKED_KINDS = ("person", "organization")
"""The kinds :func:`centrality` ranks; the scores themselves are computed over every kind."""
MAIN_MEMBERS = 5
"""How many of a community's best-connected members :func:`format_stats` names."""
LABEL_WIDTH = 40
"""Labels longer than this (proposals, indicators) are cut short in printed tables and paths."""


@dataclass(frozen=True)
class Centrality:
    """How central one entity is in :func:`fact_graph` (both scores normalized to 0–1)."""

    iri: str
    label: str
    kind: str
    degree: float
    betweenness: float


@dataclass(frozen=True)
class Member:
    """An entity in a community."""

    iri: str
    label: str
    kind: str


@dataclass(frozen=True)
class Community:
    """A group of entities more connected among themselves than to the rest; best connected first."""

    members: tuple[Member, ...]


@dataclass(frozen=True)
class Hop:
    """One fact on a path: ``source`` to ``target`` (in path order) through ``relation``.

    ``forward`` is false when the relation points the other way (``target —[kgo:chair]→ source``).
    ``quote`` is the evidence of ``fact`` (the node carrying it), in ``article``.
    """

    source: str
    source_label: str
    target: str
    target_label: str
    relation: str
    forward: bool
    fact: str
    quote: str
    article: str


def fact_graph(nx_graph: nx.MultiDiGraph) -> nx.Graph:
    """The undirected simple graph of the edges of ``nx_graph`` that carry a ``fact``, with node data."""
    edges = [(u, v) for u, v, fact in nx_graph.edges(data="fact") if fact is not None]
    ends = {node for edge in edges for node in edge}
    simple = nx.Graph()
    simple.add_nodes_from((node, data) for node, data in nx_graph.nodes(data=True) if node in ends)
    simple.add_edges_from(edges)
    return simple


def centrality(nx_graph: nx.MultiDiGraph, kinds: Iterable[str] = RANKED_KINDS) -> list[Centrality]:
    """Degree and betweenness centrality of the entities of ``kinds`` in :func:`fact_graph`, most central
    first (degree, then betweenness, then label and IRI, so ties always come out in the same order).
    """
    simple = fact_graph(nx_graph)
    degree = nx.degree_centrality(simple)
    betweenness = nx.betweenness_centrality(simple)
    wanted = set(kinds)
    scores = [
        Centrality(node, data["label"], data["kind"], degree[node], betweenness[node])
        for node, data in simple.nodes(data=True)
        if data["kind"] in wanted
    ]
    # rounded, so that equal scores reached through different float sums tie
    return sorted(scores, key=lambda s: (-round(s.degree, 9), -round(s.betweenness, 9), s.label, s.iri))


def communities(nx_graph: nx.MultiDiGraph, *, seed: int = 7) -> list[Community]:
    """Louvain communities of :func:`fact_graph` (seeded, so the same graph gives the same partition);
    largest first, members by degree, then label.
    """
    simple = fact_graph(nx_graph)
    found = []
    for nodes in nx.community.louvain_communities(simple, seed=seed):
        ordered = sorted(nodes, key=lambda node: (-simple.degree(node), simple.nodes[node]["label"], node))
        found.append(Community(tuple(Member(n, simple.nodes[n]["label"], simple.nodes[n]["kind"]) for n in ordered)))
    return sorted(found, key=lambda c: (-len(c.members), c.members[0].label, c.members[0].iri))


def shortest_fact_path(rdf_graph: Graph, nx_graph: nx.MultiDiGraph, source_iri: str, target_iri: str) -> list[Hop]:
    """The shortest chain of facts between two entities (IRIs or ``kgr:`` CURIEs), edges followed either
    way, each hop with its relation and the quote of its evidence from ``rdf_graph``.

    Raises :class:`~kg.errors.KgError` when an entity is not in the graph or no chain links them.
    """
    source, target = expand_iri(source_iri), expand_iri(target_iri)
    for given, iri in ((source_iri, source), (target_iri, target)):
        if iri not in nx_graph:
            raise KgError(f"{given}: no such entity in the graph; give an entity's IRI or kgr: CURIE")
    if source == target:
        return []
    simple = fact_graph(nx_graph)
    try:
        nodes = nx.shortest_path(simple, source, target)
    except (nx.NodeNotFound, nx.NetworkXNoPath):
        raise KgError(f"no chain of facts links {source_iri} and {target_iri}") from None
    return [_hop(rdf_graph, nx_graph, a, b) for a, b in pairwise(nodes)]


def format_stats(scores: list[Centrality], groups: list[Community], *, top: int = 10) -> str:
    """Tables of the ``top`` persons, organizations and communities, for the terminal."""
    sections = [
        _table(
            f"{title} by degree and betweenness centrality",
            ("degree", "betweenness", "name", "iri"),
            [
                (f"{s.degree:.3f}", f"{s.betweenness:.3f}", s.label, display(URIRef(s.iri)))
                for s in scores
                if s.kind == kind
            ][:top],
        )
        for kind, title in (("person", "Persons"), ("organization", "Organizations"))
    ]
    sections.append(_table(
        f"Communities (Louvain), {len(groups)} in all",
        ("community", "size", "main members"),
        [
            (str(number), str(len(group.members)), ", ".join(_shorten(m.label) for m in group.members[:MAIN_MEMBERS]))
            for number, group in enumerate(groups[:top], start=1)
        ],
    ))
    return "\n\n".join(sections)


def format_path(hops: list[Hop]) -> str:
    """One line per hop: ``A —[kgo:chair]→ B  “quote” (article id)``."""
    lines = []
    for hop in hops:
        arrow = f"—[{hop.relation}]→" if hop.forward else f"←[{hop.relation}]—"
        article = hop.article.removeprefix(f"{KGR}article/")
        lines.append(f"{_shorten(hop.source_label)} {arrow} {_shorten(hop.target_label)}  “{hop.quote}” ({article})")
    lines.append(f"({len(hops)} hop{'s' if len(hops) != 1 else ''})")
    return "\n".join(lines)


def _table(title: str, header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> str:
    rows_as_terms = tuple(tuple(Literal(cell) for cell in row) for row in rows)
    return f"{title}\n{format_table(SelectResult(header, rows_as_terms))}"


def _hop(rdf_graph: Graph, nx_graph: nx.MultiDiGraph, a: str, b: str) -> Hop:
    """The fact between ``a`` and ``b``: pointing from ``a`` first, then by key."""
    candidates = [
        (not forward, key, data)
        for forward, (u, v) in ((True, (a, b)), (False, (b, a)))
        for key, data in (nx_graph.get_edge_data(u, v) or {}).items()
        if "fact" in data
    ]
    backward, _, data = min(candidates, key=lambda candidate: candidate[:2])
    quote, article = _evidence(rdf_graph, data["fact"], [_names(nx_graph, a), _names(nx_graph, b)])
    return Hop(
        source=a, source_label=nx_graph.nodes[a]["label"], target=b, target_label=nx_graph.nodes[b]["label"],
        relation=data["label"], forward=not backward, fact=data["fact"], quote=quote, article=article,
    )


def _evidence(rdf_graph: Graph, fact: str, ends: list[list[str]]) -> tuple[str, str]:
    """The quote and article of the evidence of ``fact`` that names most of ``ends``, first in the text."""
    found = []
    for evidence in rdf_graph.objects(URIRef(fact), KGO.evidence):
        selectors = list(rdf_graph.objects(evidence, OA.hasSelector))
        quote = next((str(q) for s in selectors for q in rdf_graph.objects(s, OA.exact)), "")
        start = next((int(str(n)) for s in selectors for n in rdf_graph.objects(s, OA.start)), 0)
        source = rdf_graph.value(evidence, OA.hasSource) or rdf_graph.value(URIRef(fact), PROV.wasDerivedFrom)
        named = sum(any(name.casefold() in quote.casefold() for name in names) for names in ends)
        found.append((-named, str(source or ""), start, quote))
    if not found:
        return "", ""
    _, article, _, best_quote = min(found)
    return best_quote, article


def _names(nx_graph: nx.MultiDiGraph, node: str) -> list[str]:
    """How the text may name ``node``: its label and its ``schema:name``."""
    data = nx_graph.nodes[node]
    name = data.get("schema:name", [])
    return [data["label"], *([name] if isinstance(name, str) else name)]


def _shorten(label: str) -> str:
    return textwrap.shorten(label, LABEL_WIDTH, placeholder=" …")
