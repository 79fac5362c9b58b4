"""Build the graph: read → extract → map → validate → store.

An article that fails at any stage is reported with its file and the reason, and
leaves the store as it was for that article; the other articles are still built.

Builds are incremental and crash-safe. Each article's graph is written in one transaction
with its manifest entry (:mod:`kg.manifest`: file, content hash, pipeline hash), so after a
crash the store holds each article whole or not at all, and says what it was built from. An
article whose entry matches its file is skipped (``force`` rebuilds it anyway); the articles
built from a directory given as a source whose file is gone are removed; the resolution graph
is rewritten whenever the set of articles changed, or a killed build left it stale.

Reading, extraction, mapping and validation are pure functions of one article file, so
they run in a pool of ``jobs`` processes, on chunks of articles. The store is written
only by the calling process, in input order, one or more articles per transaction: the
store ends byte-identical to a sequential build, and each article is in it whole or not
at all.
"""

from __future__ import annotations

import functools
import itertools
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from kg.config import BUILD_GRAPH, MAX_ARTICLE_BYTES, ONTOLOGY_IRI
from kg.errors import KgError, ValidationFailed
from kg.extract import extract_facts
from kg.manifest import (
    BuildState,
    ManifestEntry,
    entry_graph_iri,
    entry_ntriples,
    file_sha256,
    manifest_digest,
    pipeline_hash,
    read_manifest,
    read_state,
    state_ntriples,
)
from kg.model import ArticleFacts
from kg.rdf.iris import article_graph_iri
from kg.rdf.mapping import article_triples
from kg.rdf.namespaces import KGR
from kg.rdf.ntriples import Triple, ntriples
from kg.reader import iter_article_paths, read_article
from kg.resolve import resolve_store
from kg.store import GraphStore, SelectResult
from kg.validate import load_ontology, load_shapes, validate_triples

CHUNK_SIZE = 32
"""Articles a worker process builds per task: large enough to amortize the pickling of each task."""


@dataclass(frozen=True)
class BuiltArticle:
    """An article now in the store."""

    path: Path
    article_id: str
    triples: int
    warnings: tuple[str, ...] = ()
    """What the extractor noticed but could not turn into facts (an impossible date ...)."""


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
    unchanged: tuple[Path, ...] = ()
    """Files whose article is in the store as this build would make it: skipped, not even read."""
    removed: tuple[str, ...] = ()
    """Ids of articles removed from the store because their file is gone from a directory built."""

    @property
    def ok(self) -> bool:
        return not self.failed


def build_article(
    path: Path, *, validate: bool = True, max_bytes: int = MAX_ARTICLE_BYTES
) -> tuple[ArticleFacts, list[Triple]]:
    """Read, extract, map and validate one article file; return its facts and the triples of its graph."""
    article = read_article(path, max_bytes=max_bytes)
    facts = extract_facts(article)
    triples = article_triples(facts)
    if validate:
        report = validate_triples(triples, shapes=_shapes(), ontology=_ontology())
        if not report.conforms:
            violations = sum(result.severity == "Violation" for result in report.results)
            raise ValidationFailed(f"{path}: {violations} SHACL violations", report)
    return facts, triples


def build_graph(
    sources: Iterable[Path],
    store: GraphStore,
    *,
    validate: bool = True,
    jobs: int = 1,
    chunk_size: int = CHUNK_SIZE,
    store_batch: int | None = None,
    force: bool = False,
    max_article_bytes: int = MAX_ARTICLE_BYTES,
    on_article: Callable[[Path], None] | None = None,
) -> BuildReport:
    """Build every article of ``sources`` (files or directories of ``*.txt``) into ``store``, then
    record which entities several articles share (:func:`kg.resolve.resolve_store`).

    Articles already in the store as they would be built now are skipped, unless ``force``. For each
    directory of ``sources``, the articles built from it earlier whose file is gone are removed.
    ``jobs`` processes read, extract, map and validate (``0``: one per core); the result does not
    depend on it. ``store_batch`` articles are written per transaction (default: the store's
    ``write_batch``). Files larger than ``max_article_bytes`` fail without being read.
    """
    started = time.perf_counter()
    sources = list(sources)
    paths = list(iter_article_paths(sources))
    manifest, dangling = _stored_manifest(store)
    state = read_state(store)
    pipeline = pipeline_hash()
    if force or state.ontology != pipeline:
        store.replace_graphs({ONTOLOGY_IRI: ntriples(_ontology()),
                              BUILD_GRAPH: state_ntriples(BuildState(pipeline, state.resolved))})

    hashes = {path: file_sha256(path, max_article_bytes) for path in paths}
    by_file = {entry.file: entry for entry in manifest.values()} if not force else {}
    seen_ids: dict[str, Path] = {}
    unchanged: list[Path] = []
    to_build: list[Path] = []
    for path in paths:
        entry = by_file.get(str(path.resolve()))
        if entry is not None and entry.article_id not in seen_ids and _is_current(entry, hashes[path], validate):
            seen_ids[entry.article_id] = path
            unchanged.append(path)
            if on_article:
                on_article(path)
        else:
            to_build.append(path)

    built: list[BuiltArticle] = []
    failed: list[FailedArticle] = []
    pending: dict[str, str] = {}
    for outcome in _article_outcomes(to_build, validate, jobs or default_jobs(), chunk_size, max_article_bytes):
        if outcome.error is None and outcome.article_id in seen_ids:
            outcome = _Outcome.failure(
                outcome.path, f"{outcome.path}: article id {outcome.article_id!r} is already used by "
                f"{seen_ids[outcome.article_id]}"
            )
        if outcome.error is not None:
            failed.append(FailedArticle(outcome.path, outcome.error, outcome.report))
        else:
            seen_ids[outcome.article_id] = outcome.path
            # The entry after the graph: a store that writes graph by graph (Virtuoso) may lose the
            # entry in a crash, and then the next build just builds the article again.
            entry = ManifestEntry(outcome.article_id, str(outcome.path.resolve()), hashes[outcome.path] or "",
                                  pipeline, validate)
            pending[str(article_graph_iri(outcome.article_id))] = outcome.ntriples
            pending[entry_graph_iri(outcome.article_id)] = entry_ntriples(entry)
            built.append(BuiltArticle(outcome.path, outcome.article_id, outcome.triples, outcome.warnings))
            if len(pending) >= 2 * (store_batch or store.write_batch):
                store.replace_graphs(pending)
                pending = {}
        if on_article:
            on_article(outcome.path)
    if pending:
        store.replace_graphs(pending)

    removed = _remove_gone_articles(store, sources, manifest, seen_ids, failed, dangling)
    manifest = read_manifest(store) if built or removed else manifest
    if force or built or removed or state.resolved != manifest_digest(manifest):
        resolve_store(store)
        store.replace_graphs({BUILD_GRAPH: state_ntriples(BuildState(pipeline, manifest_digest(manifest)))})
    return BuildReport(tuple(built), tuple(failed), time.perf_counter() - started, tuple(unchanged), removed)


def _stored_manifest(store: GraphStore) -> tuple[dict[str, ManifestEntry], set[str]]:
    """The manifest entries of the articles in ``store``, and the ids of the entries without their graph
    (a store that writes graph by graph, killed mid-removal): those count as absent."""
    stored_graphs = set(store.graph_names())
    manifest = read_manifest(store)
    dangling = {article_id for article_id in manifest if str(article_graph_iri(article_id)) not in stored_graphs}
    return {article_id: entry for article_id, entry in manifest.items() if article_id not in dangling}, dangling


def _is_current(entry: ManifestEntry, sha256: str | None, validate: bool) -> bool:
    """Whether the stored article is what building its file now would give."""
    return entry.sha256 == sha256 and entry.pipeline == pipeline_hash() and (entry.validated or not validate)


def _remove_gone_articles(
    store: GraphStore, sources: list[Path], manifest: Mapping[str, ManifestEntry], kept_ids: Mapping[str, Path],
    failed: list[FailedArticle], dangling: set[str],
) -> tuple[str, ...]:
    """Remove, in one transaction, the articles built earlier from a directory of ``sources`` that this
    build did not keep, unless their file failed now (a broken file keeps its previous graph); their ids.
    Entries left without their graph go too."""
    directories = {source.resolve() for source in sources if source.is_dir()}
    failed_files = {str(failure.path.resolve()) for failure in failed}
    gone = tuple(sorted(
        article_id for article_id, entry in manifest.items()
        if article_id not in kept_ids and Path(entry.file).parent in directories and entry.file not in failed_files
    ))
    removals = {str(article_graph_iri(article_id)): "" for article_id in gone}
    removals.update({entry_graph_iri(article_id): "" for article_id in (*gone, *sorted(dangling - set(kept_ids)))})
    if removals:
        store.replace_graphs(removals)
    return gone


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
    warnings: tuple[str, ...] = ()
    error: str | None = None
    report: object = None

    @classmethod
    def failure(cls, path: Path, error: str, report: object = None) -> _Outcome:
        return cls(path, error=error, report=report)


def _build_chunk(paths: Sequence[Path], validate: bool, max_bytes: int) -> list[_Outcome]:
    outcomes = []
    for path in paths:
        try:
            facts, triples = build_article(path, validate=validate, max_bytes=max_bytes)
            outcomes.append(_Outcome(path, facts.article.id, ntriples(triples), len(triples), facts.warnings))
        except ValidationFailed as invalid:
            outcomes.append(_Outcome.failure(path, str(invalid), invalid.report))
        except KgError as error:
            outcomes.append(_Outcome.failure(path, str(error)))
    return outcomes


def _article_outcomes(
    paths: list[Path], validate: bool, jobs: int, chunk_size: int, max_bytes: int
) -> Iterator[_Outcome]:
    """The outcome of every article, in input order; chunks run in ``jobs`` processes when there are several."""
    chunks = [paths[start:start + chunk_size] for start in range(0, len(paths), chunk_size)]
    if jobs <= 1 or len(chunks) <= 1:
        for chunk in chunks:
            yield from _build_chunk(chunk, validate, max_bytes)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        # A bounded window of chunks in flight: results wait in memory only as long as the store is behind.
        in_flight: deque[Future[list[_Outcome]]] = deque()
        queued = iter(chunks)
        for chunk in itertools.islice(queued, 4 * jobs):
            in_flight.append(pool.submit(_build_chunk, chunk, validate, max_bytes))
        while in_flight:
            outcomes = in_flight.popleft().result()
            for chunk in itertools.islice(queued, 1):
                in_flight.append(pool.submit(_build_chunk, chunk, validate, max_bytes))
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
