"""Where the graph lives: one small interface, the embedded Oxigraph store behind it.

Every article's facts are one named graph; replacing an article replaces its graph in
one transaction, so a store never holds half an article. The ontology lives in its own
named graph. Queries see the union of all graphs as their default graph.

A remote SPARQL 1.1 store can implement :class:`GraphStore` the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier

from kg.config import BUILD_GRAPH, ONTOLOGY_IRI
from kg.errors import QueryError, StoreError
from kg.rdf.namespaces import PREFIXES
from kg.rdf.ntriples import Triple, ntriples
from kg.sparql_text import check_query, declares_dataset

EXPORT_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}

FLUSH_EVERY = 64 * 1024 * 1024
"""Characters of N-Triples written between two flushes of the embedded store's write buffers."""

Row = tuple[Identifier | None, ...]
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass(frozen=True)
class SelectResult:
    """The answer to a SELECT query: variable names and rows of rdflib terms (``None`` if unbound)."""

    variables: tuple[str, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class AskResult:
    """The answer to an ASK query."""

    value: bool


@dataclass(frozen=True)
class GraphResult:
    """The answer to a CONSTRUCT or DESCRIBE query."""

    graph: Graph


QueryResult = SelectResult | AskResult | GraphResult


class GraphStore(Protocol):
    """What kg needs from a store of named graphs."""

    write_batch: int
    """Articles a build writes per :meth:`replace_graphs` call: what suits the store."""

    def replace_graph(self, graph_iri: str, graph: Graph) -> None:
        """Replace the named graph ``graph_iri`` by ``graph``, atomically."""

    def replace_graphs(self, graphs: Mapping[str, str]) -> None:
        """Replace several named graphs, graph IRI → its triples as N-Triples text, in one transaction.

        An empty text removes the graph.
        """

    def remove_graph(self, graph_iri: str) -> None:
        """Remove the named graph ``graph_iri`` (no error if it is absent)."""

    def graph_names(self) -> list[str]:
        """The IRIs of the named graphs, sorted."""

    def query(self, sparql: str) -> QueryResult:
        """Run a SPARQL query over the union of all graphs."""

    def named_graph(self, graph_iri: str) -> Graph:
        """One named graph as an rdflib graph."""

    def data_graph(self) -> Graph:
        """The union of the data graphs (:func:`is_data_graph`), as one rdflib graph."""

    def data_triples(self) -> set[Triple]:
        """The triples of :meth:`data_graph`, without the cost of an rdflib graph: what the fast validator reads."""

    def export(self, fmt: str, *, include_ontology: bool = False) -> bytes:
        """The data graphs (and the ontology if asked) serialized as ``fmt`` (a key of :data:`EXPORT_FORMATS`)."""

    def close(self) -> None:
        """Flush and release the store."""


class OxigraphStore:
    """The embedded default: pyoxigraph's on-disk store in a directory."""

    write_batch = 1
    """One article per transaction: larger transactions cost Oxigraph more per triple, not less."""

    def __init__(self, location: str | Path, *, read_only: bool = False) -> None:
        self.location = Path(location)
        self.read_only = read_only
        self._unflushed = 0
        try:
            if read_only:
                if not self.location.is_dir():
                    raise StoreError(f"{self.location}: no store here; run 'kg build' first")
                self._store = ox.Store.read_only(str(self.location))
            else:
                self.location.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.location))
        except OSError as error:
            raise StoreError(f"{self.location}: cannot open the store: {error}") from error

    def replace_graph(self, graph_iri: str, graph: Graph) -> None:
        """Replace the named graph ``graph_iri`` by ``graph`` in one transaction."""
        self.replace_graphs({graph_iri: ntriples(graph)})

    def replace_graphs(self, graphs: Mapping[str, str]) -> None:
        """Replace several named graphs, IRI → N-Triples text (empty: remove the graph), in one transaction.

        Graphs the store does not hold yet (a first build) are loaded as N-Quads; if it holds one of
        them, a SPARQL update drops what it holds and inserts the rest, ~1.5× slower (the README's
        Performance section has the figures).
        """
        held = [iri for iri in graphs if self._store.contains_named_graph(ox.NamedNode(iri))]
        written = {iri: triples for iri, triples in graphs.items() if triples}
        try:
            if held:
                drops = "".join(f"DROP SILENT GRAPH <{iri}> ;\n" for iri in held)
                inserts = "".join(f"GRAPH <{iri}> {{\n{triples}}}\n" for iri, triples in written.items())
                self._store.update(f"{drops}INSERT DATA {{\n{inserts}}}")
            elif written:
                # N-Triples escapes line breaks in literals: every " .\n" ends a triple.
                quads = "".join(triples.replace(" .\n", f" <{iri}> .\n") for iri, triples in written.items())
                self._store.load(quads.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
        except (OSError, SyntaxError, ValueError) as error:
            raise StoreError(f"{self.location}: cannot write graphs <{'>, <'.join(graphs)}>: {error}") from error
        self._bound_write_buffers(sum(map(len, written.values())))

    def _bound_write_buffers(self, written: int) -> None:
        """Flush to disk after every :data:`FLUSH_EVERY` characters written: RocksDB keeps what a process
        writes in memory until a flush, so a 10k-article build grew to 3 GB without this."""
        self._unflushed += written
        if self._unflushed >= FLUSH_EVERY:
            self._store.flush()
            self._unflushed = 0

    def remove_graph(self, graph_iri: str) -> None:
        """Remove the named graph ``graph_iri``; nothing happens if it is absent."""
        self._store.update(f"DROP SILENT GRAPH <{graph_iri}>")

    def graph_names(self) -> list[str]:
        """The IRIs of the named graphs, sorted."""
        return sorted(graph.value for graph in self._store.named_graphs() if isinstance(graph, ox.NamedNode))

    def query(self, sparql: str) -> QueryResult:
        """Run a SPARQL query over the union of all graphs."""
        try:
            check_query(sparql)
            # A query that names its dataset (FROM) gets it; else the default graph is every graph.
            result = self._store.query(
                sparql, prefixes=PREFIXES, use_default_graph_as_union=not declares_dataset(sparql)
            )
            if isinstance(result, ox.QueryBoolean):
                return AskResult(bool(result))
            if isinstance(result, ox.QuerySolutions):
                variables = tuple(variable.value for variable in result.variables)
                rows = tuple(
                    tuple(to_rdflib(solution[name]) if solution[name] is not None else None for name in variables)
                    for solution in result
                )
                return SelectResult(variables, rows)
            graph = Graph()
            for triple in result:
                graph.add((to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)))
            return GraphResult(graph)
        except SyntaxError as error:
            raise QueryError(f"malformed SPARQL: {error}") from error
        except OSError as error:
            raise StoreError(f"{self.location}: cannot read the store: {error}") from error

    def named_graph(self, graph_iri: str) -> Graph:
        """One named graph as an rdflib graph."""
        return _rdflib_graph(self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph_iri)))

    def data_graph(self) -> Graph:
        """The union of the data graphs (:func:`is_data_graph`), as one rdflib graph."""
        return _rdflib_graph(self._sorted_quads(include_ontology=False))

    def data_triples(self) -> set[Triple]:
        """The triples of :meth:`data_graph`, without building an rdflib graph."""
        left_out = self._left_out_graphs(include_ontology=False)
        terms: dict[ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple, Identifier] = {}

        def term(value: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Identifier:
            converted = terms.get(value)
            if converted is None:
                converted = terms[value] = to_rdflib(value)
            return converted

        return {(term(quad.subject), term(quad.predicate), term(quad.object))
                for quad in self._store.quads_for_pattern(None, None, None, None) if quad.graph_name not in left_out}

    def export(self, fmt: str, *, include_ontology: bool = False) -> bytes:
        """The store serialized as ``fmt``; sorted, so equal stores give equal bytes."""
        rdf_format = EXPORT_FORMATS.get(fmt)
        if rdf_format is None:
            raise StoreError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
        quads = self._sorted_quads(include_ontology)
        if not rdf_format.supports_datasets:
            triples = (ox.Triple(q.subject, q.predicate, q.object) for q in quads)
            return ox.serialize(_unique(triples), format=rdf_format, prefixes=PREFIXES) or b""
        return ox.serialize(quads, format=rdf_format, prefixes=PREFIXES) or b""

    def _left_out_graphs(self, include_ontology: bool) -> set[ox.NamedNode]:
        return {
            graph for graph in self._store.named_graphs()
            if isinstance(graph, ox.NamedNode) and not is_data_graph(graph.value)
            and not (include_ontology and graph.value == ONTOLOGY_IRI)
        }

    def _sorted_quads(self, include_ontology: bool) -> list[ox.Quad]:
        left_out = self._left_out_graphs(include_ontology)
        quads = [quad for quad in self._store.quads_for_pattern(None, None, None, None)
                 if quad.graph_name not in left_out]
        quads.sort(key=lambda q: (str(q.subject), str(q.predicate), str(q.object), str(q.graph_name)))
        return quads

    def close(self) -> None:
        """Flush writes to disk and release the store's lock; the object is unusable afterwards."""
        store = self.__dict__.pop("_store", None)
        if store is not None and not self.read_only:
            store.flush()


def _rdflib_graph(quads: Iterable[ox.Quad]) -> Graph:
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for quad in quads:
        graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return graph


def _unique(triples: Iterable[ox.Triple]) -> Iterator[ox.Triple]:
    previous = None
    for triple in triples:
        if triple != previous:
            yield triple
        previous = triple


def is_data_graph(graph_iri: str) -> bool:
    """Whether a named graph holds the data (articles' facts, merge records): not the ontology, not the
    build manifest (:mod:`kg.manifest`), which exports and :meth:`GraphStore.data_graph` leave out."""
    return graph_iri != ONTOLOGY_IRI and graph_iri != BUILD_GRAPH and not graph_iri.startswith(BUILD_GRAPH + "/")


def open_store(location: str | Path, *, read_only: bool = False) -> GraphStore:
    """Open the store at ``location``: a directory for the embedded Oxigraph store, or a SPARQL store's URL."""
    if re.match(r"^(\w+\+)?https?://", str(location)):  # oxigraph+http://..., virtuoso+https://..., http://...
        from kg.remote_store import SparqlStore

        return SparqlStore(str(location), read_only=read_only)
    return OxigraphStore(location, read_only=read_only)


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Identifier:
    """Convert a pyoxigraph term to the equal rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == XSD_STRING:
            return Literal(term.value)  # RDF 1.1 plain literal: rdflib tells it apart from typed xsd:string
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise StoreError(f"RDF-star triple terms are not supported: {term}")
