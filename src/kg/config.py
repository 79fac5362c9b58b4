"""Configuration: one home for defaults, each overridable by an environment variable.

The CLI's options override these in turn (``--store`` beats ``KG_STORE``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KgError

ONTOLOGY_IRI = "https://w3id.org/kgvn/ontology"
ONTOLOGY_NS = ONTOLOGY_IRI + "#"
RESOURCE_NS = "https://w3id.org/kgvn/id/"
BUILD_GRAPH = RESOURCE_NS + "build"
"""The build manifest's named graph; each article's entry is in ``{BUILD_GRAPH}/{id}`` (:mod:`kg.manifest`)."""
MAX_ARTICLE_BYTES = 5 * 1024 * 1024
"""Default size limit of an article file: a long news report is some 50 kB, so 5 MB is no article."""


@dataclass(frozen=True)
class Settings:
    """Where kg reads articles from and keeps its store."""

    articles_dir: Path
    """Default input of ``kg build``: every ``*.txt`` in it."""
    store: str
    """Default store location: a directory for the embedded Oxigraph store."""
    out_dir: Path
    """Where ``make run`` writes exports and pictures."""
    max_article_bytes: int = MAX_ARTICLE_BYTES
    """Article files larger than this are refused by ``kg build`` without being read."""


def load_settings() -> Settings:
    """Defaults, overridden by ``KG_ARTICLES``, ``KG_STORE``, ``KG_OUT`` and ``KG_MAX_ARTICLE_BYTES``."""
    return Settings(
        articles_dir=Path(os.environ.get("KG_ARTICLES", "data/articles")),
        store=os.environ.get("KG_STORE", ".kg/store"),
        out_dir=Path(os.environ.get("KG_OUT", "out")),
        max_article_bytes=_whole_number("KG_MAX_ARTICLE_BYTES", MAX_ARTICLE_BYTES),
    )


def _whole_number(variable: str, default: int) -> int:
    value = os.environ.get(variable)
    if value is None:
        return default
    if not value.strip().isdigit():
        raise KgError(f"the environment variable {variable} must be a whole number, not {value!r}")
    return int(value)


@dataclass(frozen=True)
class ServeSettings:
    """How the server runs queries and whether it takes updates."""

    timeout: float = 5.0
    """Seconds a query may run before its worker is killed and the client gets 503."""
    max_results: int = 10_000
    """Rows (SELECT) or triples (CONSTRUCT, DESCRIBE, graphs) beyond this are cut off, flagged in a header."""
    workers: int = 2
    """Query worker processes: how many queries run at once."""
    allow_update: bool = False
    """Accept SPARQL Update (with the bearer ``token``)."""
    token: str = ""
    """The bearer token an update must show."""
