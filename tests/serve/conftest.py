"""Fixtures of the server tests: the seed store, the app in-process, and a real ``kg serve`` on a free port."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import NamedTuple

import httpx
import pytest
from starlette.applications import Starlette

from kg.serve.app import ServeSettings, close_app, create_app

CLIENT_TIMEOUT = 30.0


@pytest.fixture
def store_copy(seed_store_dir: Path, tmp_path: Path) -> Path:
    """A private copy of the seed store, for tests that write."""
    return Path(shutil.copytree(seed_store_dir, tmp_path / "store"))


@pytest.fixture(scope="module")
def app(seed_store_dir: Path) -> Iterator[Starlette]:
    """The app over the seed store, read-only, with default settings but a short timeout."""
    application = create_app(seed_store_dir, ServeSettings(timeout=10.0))
    yield application
    close_app(application)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
async def client(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client talking to the app in-process."""
    async with in_process_client(app) as http:
        yield http


@pytest.fixture(scope="session")
def make_client() -> Callable[[Starlette], httpx.AsyncClient]:
    """``make_client(app)``: an httpx client for another app, in-process."""
    return in_process_client


def in_process_client(app: Starlette) -> httpx.AsyncClient:
    """An httpx client whose requests go straight to ``app`` (no socket)."""
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://kg.test", timeout=CLIENT_TIMEOUT
    )


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server(NamedTuple):
    """A running ``kg serve``: its base URL and process id."""

    url: str
    pid: int


@contextmanager
def kg_server(store: Path, *options: str) -> Iterator[Server]:
    """Run ``kg serve`` on a free port until the block ends; yields it once it answers.

    Its output goes to a file (a pipe nobody reads could block it), shown if it exits early.
    """
    port = free_port()
    kg = Path(sys.executable).parent / "kg"
    command = [str(kg), "serve", "--store", str(store), "--port", str(port), *options]
    with tempfile.TemporaryDirectory(prefix="kg-serve-") as directory:
        log = Path(directory) / "server.log"
        with log.open("wb") as output:
            process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while True:
                if process.poll() is not None:
                    raise RuntimeError(f"kg serve exited: {log.read_text(errors='replace')}")
                try:
                    httpx.get(f"{url}/", timeout=2).raise_for_status()
                    break
                except httpx.HTTPError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.1)
            yield Server(url, process.pid)
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture(scope="session")
def start_server() -> Callable[..., AbstractContextManager[Server]]:
    """``start_server(store, *options)``: a context manager running ``kg serve``, yielding it."""
    return kg_server


@pytest.fixture(scope="module")
def server_url(seed_store_dir: Path) -> Iterator[str]:
    """A real ``kg serve`` over the seed store."""
    with kg_server(seed_store_dir, "--timeout", "10") as server:
        yield server.url
