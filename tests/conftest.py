from pathlib import Path

import pytest
import rdflib

from kg.build import BuildReport, build_graph
from kg.store import GraphStore, open_store
from kg.validate import load_ontology, load_shapes

REPO = Path(__file__).resolve().parents[1]
SEED_ARTICLES = REPO / "data" / "articles"


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[GraphStore, BuildReport]:
    """The seed article built into a fresh embedded store (shared by the tests that only read it)."""
    store = open_store(tmp_path_factory.mktemp("seed") / "store")
    report = build_graph([SEED_ARTICLES], store)
    return store, report


@pytest.fixture(scope="session")
def seed_store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed article built into a store directory and closed, so that server processes can open it."""
    location = tmp_path_factory.mktemp("seed-closed") / "store"
    store = open_store(location)
    build_graph([SEED_ARTICLES], store)
    store.close()
    return location


@pytest.fixture(scope="session")
def seed_store(seed_build: tuple[GraphStore, BuildReport]) -> GraphStore:
    return seed_build[0]


@pytest.fixture(scope="session")
def shapes() -> rdflib.Graph:
    """The SHACL shapes, read once (tests only read them)."""
    return load_shapes()


@pytest.fixture(scope="session")
def ontology() -> rdflib.Graph:
    """The ontology, read once (tests only read it)."""
    return load_ontology()
