"""The build manifest: what is in the store, built from which file, by which kg.

For every article it built, :func:`kg.build.build_graph` writes a small named graph
``kgr:build/{id}`` in the same transaction as the article's graph, so the two cannot
disagree: the file the article came from (absolute path), the SHA-256 of the file's bytes, the
hash of the pipeline (kg's version, the ontology, the shapes and the gazetteers) and whether
the graph was SHACL-validated. A rebuild skips an article whose entry matches.

The graph ``kgr:build`` holds the state of the whole build: the pipeline hash of the stored
ontology, and the digest of the manifest for which the resolution graph was last written
(a build killed before resolving leaves them different, and the next build resolves again).

These graphs are bookkeeping, not knowledge: exports and :meth:`GraphStore.data_graph`
leave them out (:func:`kg.store.is_data_graph`).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from rdflib import Literal

from kg.config import BUILD_GRAPH
from kg.errors import StoreError
from kg.store import GraphStore, SelectResult
from kg.validate import ontology_dir

BUILD_NS = "https://w3id.org/kgvn/build#"
"""The manifest's own small vocabulary (never in the exported graph)."""
ENTRY_GRAPHS = BUILD_GRAPH + "/"


@dataclass(frozen=True)
class ManifestEntry:
    """How one article in the store was built."""

    article_id: str
    file: str
    """The absolute path of the article file."""
    sha256: str
    """Of the file's bytes."""
    pipeline: str
    """:func:`pipeline_hash` of the kg that built it."""
    validated: bool


@dataclass(frozen=True)
class BuildState:
    """The state of the whole build (the graph ``kgr:build``); empty strings when never written."""

    ontology: str = ""
    """The pipeline hash of the stored ontology graph."""
    resolved: str = ""
    """The :func:`manifest_digest` for which the resolution graph was written."""


def entry_graph_iri(article_id: str) -> str:
    """The named graph of an article's manifest entry."""
    return ENTRY_GRAPHS + article_id


def entry_ntriples(entry: ManifestEntry) -> str:
    """The manifest entry as N-Triples, to write beside the article's graph."""
    return _ntriples(entry_graph_iri(entry.article_id), {
        "file": entry.file, "sha256": entry.sha256, "pipeline": entry.pipeline,
        "validated": "true" if entry.validated else "false",
    })


def state_ntriples(state: BuildState) -> str:
    """The build state as N-Triples, the content of the graph ``kgr:build``."""
    return _ntriples(BUILD_GRAPH, {"ontology": state.ontology, "resolved": state.resolved})


def read_manifest(store: GraphStore) -> dict[str, ManifestEntry]:
    """Every manifest entry in ``store``, by article id."""
    result = store.query(
        f"SELECT ?g ?file ?sha256 ?pipeline ?validated WHERE {{ GRAPH ?g {{ ?g <{BUILD_NS}file> ?file ; "
        f"<{BUILD_NS}sha256> ?sha256 ; <{BUILD_NS}pipeline> ?pipeline ; <{BUILD_NS}validated> ?validated }} "
        f'FILTER(STRSTARTS(STR(?g), "{ENTRY_GRAPHS}")) }}'
    )
    entries = {}
    for graph, file, sha256, pipeline, validated in _rows(result):
        article_id = str(graph)[len(ENTRY_GRAPHS):]
        entries[article_id] = ManifestEntry(article_id, str(file), str(sha256), str(pipeline), str(validated) == "true")
    return entries


def read_state(store: GraphStore) -> BuildState:
    """The build state of ``store`` (empty for a store no kg has built into yet)."""
    result = store.query(
        f"SELECT ?ontology ?resolved WHERE {{ GRAPH <{BUILD_GRAPH}> {{ "
        f"<{BUILD_GRAPH}> <{BUILD_NS}ontology> ?ontology ; <{BUILD_NS}resolved> ?resolved }} }}"
    )
    rows = _rows(result)
    return BuildState(str(rows[0][0]), str(rows[0][1])) if rows else BuildState()


def manifest_digest(entries: Mapping[str, ManifestEntry]) -> str:
    """One hash of what the store's articles were built from: equal digests, equal article graphs."""
    lines = sorted(f"{e.article_id} {e.sha256} {e.pipeline}\n" for e in entries.values())
    return hashlib.sha256("".join(lines).encode("utf-8")).hexdigest()


def file_sha256(path: Path, max_bytes: int) -> str | None:
    """The SHA-256 of the file's bytes; None when it cannot be read or is larger than ``max_bytes``
    (the reader then says why)."""
    try:
        if path.stat().st_size > max_bytes:
            return None
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


@functools.cache
def pipeline_hash() -> str:
    """What else an article's graph depends on: kg's version, the ontology, the shapes, the gazetteers."""
    digest = hashlib.sha256(importlib.metadata.version("kg").encode("utf-8"))
    gazetteers = Path(__file__).parent / "gazetteers"
    for path in [ontology_dir() / "kg.ttl", ontology_dir() / "shapes.ttl", *sorted(gazetteers.glob("*.tsv"))]:
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _ntriples(subject: str, values: Mapping[str, str]) -> str:
    return "".join(f"<{subject}> <{BUILD_NS}{name}> {Literal(value).n3()} .\n" for name, value in values.items())


def _rows(result: object) -> list[tuple[object, ...]]:
    if not isinstance(result, SelectResult):
        raise StoreError("the store answered the manifest's SELECT with something else")
    return [row for row in result.rows if None not in row]
