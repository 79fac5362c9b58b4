"""kg: a knowledge graph of Vietnamese public-affairs news.

The pipeline's stages as library calls: :func:`read_article`, :func:`extract_facts`,
:func:`map_article`, :func:`build` into a store from :func:`open_store`, then
``store.query(sparql)``. README.md has a worked example.

Names are imported on first use, so ``import kg`` stays fast for the CLI.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "ArticleFacts": "kg.model",
    "Article": "kg.model",
    "AskResult": "kg.store",
    "BuildReport": "kg.build",
    "GraphResult": "kg.store",
    "GraphStore": "kg.store",
    "KgError": "kg.errors",
    "QueryResult": "kg.store",
    "SelectResult": "kg.store",
    "article_graph_iri": "kg.rdf.iris",
    "build_graph": "kg.build",
    "extract_facts": "kg.extract",
    "graph_counts": "kg.build",
    "map_article": "kg.rdf",
    "open_store": "kg.store",
    "parse_article": "kg.reader",
    "read_article": "kg.reader",
    "validate_graph": "kg.validate",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name]), name)
