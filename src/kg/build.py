"""Build the graph: read → extract → map → validate → store.

An article that fails at any stage is reported with its file and the reason, and
leaves the store as it was for that article; the other articles are still built.

Reading, extraction, mapping and validation are pure functions of one article file, so
they run in a pool of ``jobs`` processes, on chunks of articles. The store is written
only by the calling process, in input order, several articles per transaction: the
store ends byte-identical to a sequential build, and each article is in it whole or not
at all.
"""

from __future__ import annotations

import functools
import itertools
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from kg.config import ONTOLOGY_IRI
from kg.errors import KgError, ValidationFailed
from kg.extract import extract_facts
from kg.model import ArticleFacts
from kg.rdf import map_article
from kg.rdf.iris import article_graph_iri
from kg.rdf.namespaces import KGR
from kg.reader import iter_article_paths, read_article
from kg.resolve import resolve_store
from kg.store import GraphStore, SelectResult
from kg.validate import load_ontology, load_shapes, validate_graph

CHUNK_SIZE = 32
"""Articles a worker process builds per task: large enough to amortize the pickling of each task."""
STORE_BATCH = 64
"""Articles written to the store per transaction."""


@dataclass(frozen=True)
class BuiltArticle:
    """An article now in the store."""

    path: Path
    article_id: str
    triples: int


@dataclass(frozen=True)
class FailedArticle:
    """An article that could not be built, and why."""

    path: Path
    message: str
    report: object = None
    """The :class:`kg.validate.ValidationReport` when SHACL validation failed."""


@dataclass(frozen=True)
class BuildReport:
    """What a build did."""

    built: tuple[BuiltArticle, ...]
    failed: tuple[FailedArticle, ...]
    seconds: float

    @property
    def ok(self) -> bool:
        return not self.failed


def build_article_graph(path: Path, *, validate: bool = True) -> tuple[ArticleFacts, Graph]:
    """Read, extract, map and validate one article file; return its facts and RDF graph."""
    article = read_article(path)
    facts = extract_facts(article)
    graph = map_article(facts)
    if validate:
        report = validate_graph(graph, shapes=_shapes(), ontology=_ontology())
        if not report.conforms:
            violations = sum(result.severity == "Violation" for result in report.results)
            raise ValidationFailed(f"{path}: {violations} SHACL violations", report)
    return facts, graph


def build_graph(
    sources: Iterable[Path],
    store: GraphStore,
    *,
    validate: bool = True,
    jobs: int = 1,
    chunk_size: int = CHUNK_SIZE,
    on_article: Callable[[Path], None] | None = None,
) -> BuildReport:
    """Build every article of ``sources`` (files or directories of ``*.txt``) into ``store``, then
    record which entities several articles share (:func:`kg.resolve.resolve_store`).

    ``jobs`` processes read, extract, map and validate (``0``: one per core); the result does not
    depend on it.
    """
    started = time.perf_counter()
    store.replace_graph(ONTOLOGY_IRI, load_ontology())
    built: list[BuiltArticle] = []
    failed: list[FailedArticle] = []
    seen_ids: dict[str, Path] = {}
    pending: dict[str, str] = {}
    for outcome in _article_outcomes(list(iter_article_paths(sources)), validate, jobs or default_jobs(), chunk_size):
        if outcome.error is None and outcome.article_id in seen_ids:
            outcome = _Outcome.failure(
                outcome.path, f"{outcome.path}: article id {outcome.article_id!r} is already used by "
                f"{seen_ids[outcome.article_id]}"
            )
        if outcome.error is not None:
            failed.append(FailedArticle(outcome.path, outcome.error, outcome.report))
        else:
            seen_ids[outcome.article_id] = outcome.path
            pending[str(article_graph_iri(outcome.article_id))] = outcome.ntriples
            built.append(BuiltArticle(outcome.path, outcome.article_id, outcome.triples))
            if len(pending) >= STORE_BATCH:
                store.replace_graphs(pending)
                pending = {}
        if on_article:
            on_article(outcome.path)
    if pending:
        store.replace_graphs(pending)
    resolve_store(store)
    return BuildReport(tuple(built), tuple(failed), time.perf_counter() - started)


def default_jobs() -> int:
    """Worker processes by default: the cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@dataclass(frozen=True)
class _Outcome:
    """What building one article gave: its graph as N-Triples, or why it failed (picklable)."""

    path: Path
    article_id: str = ""
    ntriples: str = ""
    triples: int = 0
    error: str | None = None
    report: object = None

    @classmethod
    def failure(cls, path: Path, error: str, report: object = None) -> _Outcome:
        return cls(path, error=error, report=report)


def _build_chunk(paths: Sequence[Path], validate: bool) -> list[_Outcome]:
    outcomes = []
    for path in paths:
        try:
            facts, graph = build_article_graph(path, validate=validate)
            ntriples = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
            outcomes.append(_Outcome(path, facts.article.id, ntriples, len(graph)))
        except ValidationFailed as invalid:
            outcomes.append(_Outcome.failure(path, str(invalid), invalid.report))
        except KgError as error:
            outcomes.append(_Outcome.failure(path, str(error)))
    return outcomes


def _article_outcomes(paths: list[Path], validate: bool, jobs: int, chunk_size: int) -> Iterator[_Outcome]:
    """The outcome of every article, in input order; chunks run in ``jobs`` processes when there are several."""
    chunks = [paths[start:start + chunk_size] for start in range(0, len(paths), chunk_size)]
    if jobs <= 1 or len(chunks) <= 1:
        for chunk in chunks:
            yield from _build_chunk(chunk, validate)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        # A bounded window of chunks in flight: results wait in memory only as long as the store is behind.
        in_flight: deque[Future[list[_Outcome]]] = deque()
        queued = iter(chunks)
        for chunk in itertools.islice(queued, 4 * jobs):
            in_flight.append(pool.submit(_build_chunk, chunk, validate))
        while in_flight:
            outcomes = in_flight.popleft().result()
            for chunk in itertools.islice(queued, 1):
                in_flight.append(pool.submit(_build_chunk, chunk, validate))
            yield from outcomes


@functools.cache
def _shapes() -> Graph:
    return load_shapes()


@functools.cache
def _ontology() -> Graph:
    return load_ontology()


ARTICLE_GRAPHS = str(KGR["graph/"])
COUNTED_CLASSES = {
    "articles": "schema:NewsArticle",
    "persons": "schema:Person",
    "organizations": "org:Organization",
    "memberships": "org:Membership",
    "places": "schema:Place",
    "meetings": "kgo:Meeting",
    "proposals": "kgo:Proposal",
    "indicators": "kgo:Indicator",
    "documents": "kgo:Document",
}


def graph_counts(store: GraphStore) -> dict[str, int]:
    """Triples and entities by kind in the store (subclasses counted through the ontology)."""
    parts = [
        f"{{ SELECT (COUNT(DISTINCT ?x{n}) AS ?{name}) WHERE {{ ?x{n} a/rdfs:subClassOf* {curie} }} }}"
        for n, (name, curie) in enumerate(COUNTED_CLASSES.items())
    ]
    articles_only = f'FILTER(STRSTARTS(STR(?g), "{ARTICLE_GRAPHS}"))'
    triples = f"{{ SELECT (COUNT(*) AS ?triples) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {articles_only} }} }}"
    result = store.query("SELECT * WHERE { " + " ".join([triples, *parts]) + " }")
    assert isinstance(result, SelectResult)
    row = result.rows[0]
    return {name: int(value or 0) for name, value in zip(result.variables, row, strict=True)}
