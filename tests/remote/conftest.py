"""Real SPARQL servers for the remote-store tests, started on free 127.0.0.1 ports.

Each server runs once per test session in a temporary directory and is stopped at the end.
A test that needs a server is skipped only when the server's binary is not installed
(``pip install oxigraph``; ``apt-get install virtuoso-opensource``).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from servers import oxigraph_binary, oxigraph_server, virtuoso_binaries, virtuoso_server  # noqa: E402


@pytest.fixture(scope="session")
def oxigraph_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The kg store URL of a fresh ``oxigraph serve``."""
    if oxigraph_binary() is None:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as url:
        yield url


@pytest.fixture(scope="session")
def virtuoso_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The kg store URL of a fresh Virtuoso Open Source, with the dba user's credentials (HTTP Digest)."""
    if virtuoso_binaries() is None:
        pytest.skip("Virtuoso is not installed (apt-get install virtuoso-opensource: virtuoso-t, isql-vt)")
    with virtuoso_server(tmp_path_factory.mktemp("virtuoso")) as url:
        yield url


@pytest.fixture(params=["oxigraph", "virtuoso"])
def remote_url(request: pytest.FixtureRequest) -> str:
    """Each server's store URL in turn."""
    return str(request.getfixturevalue(f"{request.param}_url"))
