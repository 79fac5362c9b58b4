"""Validate a kg graph against the SHACL shapes in ``ontology/shapes.ttl``.

The ontology (``ontology/kg.ttl``) is given to pyshacl as its ``ont_graph``: it is mixed into a copy of
the data, so ``sh:class org:Organization`` accepts a ``kgo:PartyCommittee`` without any inference
pass. The result is a plain :class:`ValidationReport` read from pyshacl's results graph; a graph
that does not conform is a report, not an exception: the caller decides.

    report = validate_graph(graph)
    print(format_report_table(report))
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import rdflib
from rdflib import RDF, BNode, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import NamespaceManager
from rdflib.term import Node

from kg.rdf.namespaces import PREFIXES as VOCABULARY_PREFIXES

SH = Namespace("http://www.w3.org/ns/shacl#")

PREFIXES: dict[str, str] = {**VOCABULARY_PREFIXES, "kgsh": "https://w3id.org/kgvn/shapes#", "sh": str(SH)}
"""The prefixes results are written with: those of ``docs/vocabulary.md`` plus ``kgsh:`` for shapes."""

_PREFIXES_LONGEST_FIRST = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))
ONTOLOGY_DIR_ENV = "KG_ONTOLOGY_DIR"
_PATCH_LOCK = threading.Lock()
_SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}
_PER_GRAPH: dict[int, tuple[rdflib.Graph, dict[object, Any]]] = {}
_PARSED_QUERIES: dict[tuple[str, str | None, tuple[tuple[str, Any], ...]], Any] = {}
"""SPARQL texts parsed once per process (the shapes' five queries): parsing costs ~40 ms each."""


@dataclass(frozen=True)
class ValidationResult:
    """One SHACL result; every field is a CURIE or a Turtle-style literal (``""`` when absent)."""

    focus_node: str
    path: str
    message: str
    severity: str
    """``Violation``, ``Warning`` or ``Info``."""
    source_shape: str
    """The node shape, or ``NodeShape/path`` for an unnamed property shape."""
    value: str


@dataclass(frozen=True)
class ValidationReport:
    """Whether the graph conforms (no violations; warnings allowed) and every result, sorted."""

    conforms: bool
    results: tuple[ValidationResult, ...]

    @property
    def violations(self) -> tuple[ValidationResult, ...]:
        """The results of severity ``Violation``."""
        return tuple(r for r in self.results if r.severity == "Violation")

    @property
    def warnings(self) -> tuple[ValidationResult, ...]:
        """The results of severity ``Warning``."""
        return tuple(r for r in self.results if r.severity == "Warning")


def ontology_dir() -> Path:
    """Where the ontology files are: ``$KG_ONTOLOGY_DIR``, else the repo checkout, else the wheel's copy."""
    override = os.environ.get(ONTOLOGY_DIR_ENV)
    if override:
        return Path(override)
    checkout = Path(__file__).resolve().parents[2] / "ontology"
    if (checkout / "kg.ttl").is_file():
        return checkout
    return Path(__file__).parent / "ontology"


def load_ontology() -> rdflib.Graph:
    """The kg ontology, ``ontology/kg.ttl`` (a fresh graph each call)."""
    return rdflib.Graph().parse(ontology_dir() / "kg.ttl", format="turtle")


def load_shapes() -> rdflib.Graph:
    """The kg SHACL shapes, ``ontology/shapes.ttl`` (a fresh graph each call)."""
    return rdflib.Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")


def validate_graph(
    data: rdflib.Graph | rdflib.Dataset,
    *,
    shapes: rdflib.Graph | None = None,
    ontology: rdflib.Graph | None = None,
    inference: Literal["none", "rdfs"] = "none",
    engine: Literal["pyshacl", "fast"] = "pyshacl",
) -> ValidationReport:
    """Validate ``data`` (a graph, or a dataset whose named graphs are taken together) against the shapes.

    ``shapes`` and ``ontology`` default to :func:`load_shapes` and :func:`load_ontology`. The ontology's
    ``rdfs:subClassOf`` is enough for the shapes, so ``inference="none"`` is the default and the fastest.
    ``engine="pyshacl"`` is the reference; ``engine="fast"`` (:mod:`kg.validate_fast`) gives the same
    report ~100 times faster, and falls back to pyshacl for shapes or data it does not handle.
    """
    shapes_graph = shapes if shapes is not None else _shapes_in(ontology_dir())
    ontology_graph = ontology if ontology is not None else _ontology_in(ontology_dir())
    union = _union_graph(data)
    if engine == "fast" and inference == "none":
        from kg.validate_fast import UnsupportedData, UnsupportedShapes

        try:
            return _validate_fast(union, shapes_graph, ontology_graph)
        except (UnsupportedShapes, UnsupportedData):
            pass
    results_graph = _run_pyshacl(union, shapes_graph, ontology_graph, inference)
    namespaces = _namespace_manager()
    # A set: one property shape failing two ways (sh:datatype and sh:languageIn) reads the same twice.
    return _report({_read_result(results_graph, node, shapes_graph, namespaces)
                    for node in results_graph.subjects(RDF.type, SH.ValidationResult)})


def validate_triples(
    triples: Sequence[tuple[Node, Node, Node]],
    *,
    shapes: rdflib.Graph | None = None,
    ontology: rdflib.Graph | None = None,
) -> ValidationReport:
    """:func:`validate_graph` with the fast engine, for a graph given as its triples (each once), as a
    build holds it; the triples become an rdflib graph only if pyshacl has to take over."""
    shapes_graph = shapes if shapes is not None else _shapes_in(ontology_dir())
    ontology_graph = ontology if ontology is not None else _ontology_in(ontology_dir())
    from kg.validate_fast import UnsupportedData, UnsupportedShapes

    try:
        return _validate_fast(triples, shapes_graph, ontology_graph)
    except (UnsupportedShapes, UnsupportedData):
        graph = rdflib.Graph()
        graph.addN((s, p, o, graph) for s, p, o in triples)
        return validate_graph(graph, shapes=shapes_graph, ontology=ontology_graph)


def _report(results: set[ValidationResult]) -> ValidationReport:
    ordered = sorted(
        results,
        key=lambda r: (r.focus_node, r.path, _SEVERITY_ORDER.get(r.severity, 9), r.source_shape,
                       r.message, r.value),
    )
    # Read conformance off the results: pyshacl's own flag has been seen to disagree with the
    # severities it reports (sh:severity on a node shape with property shapes).
    conforms = not any(r.severity == "Violation" for r in ordered)
    return ValidationReport(conforms=conforms, results=tuple(ordered))


def _run_pyshacl(data: rdflib.Graph, shapes: rdflib.Graph, ontology: rdflib.Graph, inference: str) -> rdflib.Graph:
    """pyshacl's results graph for ``data``.

    Without inference, pyshacl's own work is done once per process rather than once per call: the
    ontology axioms it would copy into a clone of ``data`` (``ont_graph``), and the shapes graph it
    would harvest anew. Both give the very report ``pyshacl.validate(..., ont_graph=...)`` gives.
    """
    import pyshacl  # heavy: keep ``import kg`` light
    from pyshacl.graph_abstraction import DataGraph
    from pyshacl.validator import Validator

    options: dict[str, Any] = {"advanced": True, "allow_warnings": True, "allow_infos": True, "inference": inference}
    with _parsed_queries_cached():
        if inference != "none":
            _, results, _ = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology, **options)
            return results  # type: ignore[no-any-return]
        mixed = rdflib.Graph()
        mixed.addN((s, p, o, mixed) for s, p, o in data)
        mixed.addN((s, p, o, mixed) for s, p, o in _ontology_axioms(ontology))
        validator = Validator(DataGraph.from_rdflib(mixed), shacl_graph=shapes, options={**options, "inplace": True})
        validator.shacl_graph = _harvested_shapes(shapes)
        _, results, _ = validator.run()
        return results  # type: ignore[no-any-return]


def _validate_fast(
    data: Iterable[tuple[Node, Node, Node]], shapes: rdflib.Graph, ontology: rdflib.Graph
) -> ValidationReport:
    from kg.validate_fast import index_triples

    compiled = _per_graph(shapes, "compiled", lambda: _compile(shapes))
    axioms = _per_graph(ontology, "axioms", lambda: _index_axioms(ontology))
    view = index_triples(data, axioms)
    namespaces = _namespace_manager()
    results = set()
    for shape, severity, messages, (focus, path, value) in compiled.findings(view):
        results.add(ValidationResult(
            focus_node=_term(focus, namespaces),
            path=_path(shapes, path, namespaces) if path is not None else "",
            message=" ".join(sorted(set(messages))),
            severity=str(severity).rsplit("#", 1)[-1],
            source_shape=_per_graph(shapes, ("name", shape), lambda s=shape: _shape_name(shapes, s, namespaces)),
            value=_term(value, namespaces),
        ))
    return _report(results)


def _compile(shapes: rdflib.Graph) -> Any:
    from kg.validate_fast import compile_shapes

    return compile_shapes(shapes)


def _index_axioms(ontology: rdflib.Graph) -> Any:
    from kg.validate_fast import index_graph

    return index_graph(_ontology_axioms(ontology))


def _per_graph(graph: rdflib.Graph, key: object, make: Any) -> Any:
    """``make()`` once per (graph object, key): shapes and ontology are loaded once and never changed."""
    cache = _PER_GRAPH.setdefault(id(graph), (graph, {}))[1]
    if key not in cache:
        cache[key] = make()
    return cache[key]


def _ontology_axioms(ontology: rdflib.Graph) -> rdflib.Graph:
    """What pyshacl copies from ``ont_graph`` into the data: the RDFS and OWL axioms (its ``inoculate``)."""
    def make() -> rdflib.Graph:
        from pyshacl.graph_abstraction import DataGraph
        from pyshacl.rdfutil.inoculate import inoculate

        axioms = rdflib.Graph()
        inoculate(DataGraph.from_rdflib(axioms), ontology)
        return axioms
    return _per_graph(ontology, "inoculated", make)  # type: ignore[no-any-return]


def _harvested_shapes(shapes: rdflib.Graph) -> Any:
    def make() -> Any:
        from pyshacl.monkey import apply_patches
        from pyshacl.shapes_graph import ShapesGraph
        from pyshacl.validator import assign_baked_in

        apply_patches()
        assign_baked_in()
        harvested = ShapesGraph(shapes)
        harvested.shapes  # noqa: B018 - the property harvests the shapes, once
        return harvested
    return _per_graph(shapes, "harvested", make)


@functools.cache
def _shapes_in(directory: Path) -> rdflib.Graph:
    return rdflib.Graph().parse(directory / "shapes.ttl", format="turtle")


@functools.cache
def _ontology_in(directory: Path) -> rdflib.Graph:
    return rdflib.Graph().parse(directory / "kg.ttl", format="turtle")


def format_report_table(report: ValidationReport, *, width: int = 80) -> str:
    """The results as a fixed-width table (focus node, path, message, severity) under a summary line.

    Cells longer than ``width`` characters are cut with ``…``; messages are never cut.
    """
    lines = [_summary(report)]
    if not report.results:
        return lines[0]
    header = ("FOCUS NODE", "PATH", "SEVERITY", "MESSAGE")
    rows = [(_cut(r.focus_node, width), _cut(r.path, width), r.severity, r.message) for r in report.results]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(3)]
    for row in [header, *rows]:
        cells = [cell.ljust(w) for cell, w in zip(row[:3], widths, strict=True)]
        lines.append("  ".join([*cells, row[3]]))
        if row is header:
            lines.append("  ".join("-" * w for w in widths) + "  " + "-" * len(header[3]))
    return "\n".join(lines)


def _summary(report: ValidationReport) -> str:
    counts = f"{_plural(len(report.violations), 'violation')}, {_plural(len(report.warnings), 'warning')}"
    if report.conforms:
        return "Conforms: yes" if not report.results else f"Conforms: yes ({counts})"
    return f"Conforms: no — {counts}"


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


@contextmanager
def _parsed_queries_cached() -> Iterator[None]:
    """Parse each SPARQL text once while pyshacl runs.

    pyshacl sends the same SHACL-SPARQL text once per focus node, and rdflib parses it anew each
    time (~30 ms, most of the validation time). A parsed query is reusable with other bindings.
    """
    from rdflib.plugins.sparql import processor
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    original = processor.SPARQLProcessor.query
    parsed = _PARSED_QUERIES

    def query(self: Any, query_text: Any, initBindings: Any = None, initNs: Any = None,
              base: str | None = None, DEBUG: bool = False) -> Any:
        if isinstance(query_text, str):
            key = (query_text, base, tuple(sorted((initNs or {}).items())))
            if key not in parsed:
                parsed[key] = translateQuery(parseQuery(query_text), base, initNs)
            query_text = parsed[key]
        return original(self, query_text, initBindings, initNs, base, DEBUG)

    with _PATCH_LOCK:
        processor.SPARQLProcessor.query = query  # type: ignore[method-assign,assignment]
        try:
            yield
        finally:
            processor.SPARQLProcessor.query = original  # type: ignore[method-assign]


def _union_graph(data: rdflib.Graph | rdflib.Dataset) -> rdflib.Graph:
    """All triples of ``data`` in one graph: facts of one article may refer to entities typed in another."""
    if not isinstance(data, rdflib.Dataset | rdflib.ConjunctiveGraph):
        return data
    union = rdflib.Graph()
    for s, p, o, _ in data.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def _namespace_manager() -> NamespaceManager:
    manager = NamespaceManager(rdflib.Graph(), bind_namespaces="none")
    for prefix, iri in PREFIXES.items():
        manager.bind(prefix, iri, override=True, replace=True)
    return manager


def _read_result(
    results: rdflib.Graph, node: Node, shapes: rdflib.Graph, namespaces: NamespaceManager
) -> ValidationResult:
    def one(predicate: URIRef) -> Node | None:
        return results.value(node, predicate)

    severity = one(SH.resultSeverity)
    messages = sorted(str(m) for m in results.objects(node, SH.resultMessage))
    path = one(SH.resultPath)
    value = one(SH.value)
    source_shape = one(SH.sourceShape)
    return ValidationResult(
        focus_node=_term(one(SH.focusNode), namespaces),
        path=_path(results, path, namespaces) if path is not None else "",
        message=" ".join(messages),
        severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "",
        source_shape=_shape_name(shapes, source_shape, namespaces) if source_shape is not None else "",
        value=_term(value, namespaces),
    )


def _term(term: Node | None, namespaces: NamespaceManager) -> str:
    """A CURIE when a vocabulary prefix fits (``kgr:person/x``), else ``<iri>``; a literal as Turtle."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return _curie(str(term))
    if isinstance(term, BNode):
        return "[]"
    return term.n3(namespaces)


def _curie(iri: str) -> str:
    # Longest namespace first: kgr: locals contain "/", which rdflib's own qname splitting refuses.
    for prefix, namespace in _PREFIXES_LONGEST_FIRST:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return f"<{iri}>"


def _path(graph: rdflib.Graph, path: Node, namespaces: NamespaceManager) -> str:
    """A SHACL property path in SPARQL syntax (``org:memberDuring/time:inside``, ``^org:member``)."""
    if not isinstance(path, BNode):
        return _term(path, namespaces)
    if (path, RDF.first, None) in graph:
        return "/".join(_path(graph, step, namespaces) for step in Collection(graph, path))
    for predicate, template in (
        (SH.inversePath, "^{}"),
        (SH.zeroOrMorePath, "{}*"),
        (SH.oneOrMorePath, "{}+"),
        (SH.zeroOrOnePath, "{}?"),
    ):
        inner = graph.value(path, predicate)
        if inner is not None:
            return template.format(_path(graph, inner, namespaces))
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        steps = Collection(graph, alternatives)
        return "(" + "|".join(_path(graph, step, namespaces) for step in steps) + ")"
    return "[]"


def _shape_name(shapes: rdflib.Graph, shape: Node, namespaces: NamespaceManager) -> str:
    """A named shape's CURIE; an unnamed property shape as ``<parent shape>/<its path>``."""
    if not isinstance(shape, BNode):
        return _term(shape, namespaces)
    parents: Iterable[Node] = shapes.subjects(SH.property, shape)
    parent = next(iter(sorted(parents, key=str)), None)
    path = shapes.value(shape, SH.path)
    path_text = _path(shapes, path, namespaces) if path is not None else "[]"
    if parent is None:
        return path_text
    return f"{_shape_name(shapes, parent, namespaces)}/{path_text}"
