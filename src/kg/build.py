"""Build the graph: read → extract → map → validate → store, one article at a time.

An article that fails at any stage is reported with its file and the reason, and
leaves the store as it was for that article; the other articles are still built.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from kg.config import ONTOLOGY_IRI
from kg.errors import ArticleError, KgError, ValidationFailed
from kg.extract import extract_facts
from kg.model import ArticleFacts
from kg.rdf import map_article
from kg.rdf.iris import article_graph_iri
from kg.reader import iter_article_paths, read_article
from kg.store import GraphStore, SelectResult
from kg.validate import load_ontology, validate_graph


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
        report = validate_graph(graph)
        if not report.conforms:
            violations = sum(result.severity == "Violation" for result in report.results)
            raise ValidationFailed(f"{path}: {violations} SHACL violations", report)
    return facts, graph


def build_graph(
    sources: Iterable[Path],
    store: GraphStore,
    *,
    validate: bool = True,
    on_article: Callable[[Path], None] | None = None,
) -> BuildReport:
    """Build every article of ``sources`` (files or directories of ``*.txt``) into ``store``."""
    started = time.perf_counter()
    store.replace_graph(ONTOLOGY_IRI, load_ontology())
    built: list[BuiltArticle] = []
    failed: list[FailedArticle] = []
    seen_ids: dict[str, Path] = {}
    for path in iter_article_paths(sources):
        try:
            facts, graph = build_article_graph(path, validate=validate)
            article_id = facts.article.id
            if article_id in seen_ids:
                raise ArticleError(f"{path}: article id {article_id!r} is already used by {seen_ids[article_id]}")
            seen_ids[article_id] = path
            store.replace_graph(str(article_graph_iri(article_id)), graph)
            built.append(BuiltArticle(path, article_id, len(graph)))
        except ValidationFailed as invalid:
            failed.append(FailedArticle(path, str(invalid), invalid.report))
        except KgError as error:
            failed.append(FailedArticle(path, str(error)))
        if on_article:
            on_article(path)
    return BuildReport(tuple(built), tuple(failed), time.perf_counter() - started)


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
    triples = f"{{ SELECT (COUNT(*) AS ?triples) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{ONTOLOGY_IRI}>) }} }}"
    result = store.query("SELECT * WHERE { " + " ".join([triples, *parts]) + " }")
    assert isinstance(result, SelectResult)
    row = result.rows[0]
    return {name: int(value or 0) for name, value in zip(result.variables, row, strict=True)}
