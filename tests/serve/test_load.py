"""``kg serve`` under load: 50 clients on 127.0.0.1 run the competency queries while runaway queries are stopped.

A real ``kg serve`` (uvicorn, query worker processes) over the seed store. For ``KG_LOAD_SECONDS``
(default 10; ``KG_LOAD_SECONDS=30`` for a longer run by hand) 50 concurrent clients, each on its own
connection, send the queries of ``queries/`` round and round, and every answer must be 200 with the
same rows as when the server was idle. Meanwhile a runaway query is sent again and again: each must be
stopped at the server's timeout (503) without delaying the others into errors. The server process's
resident memory (``VmRSS`` in ``/proc/PID/status``) is sampled throughout and must stay within
:data:`RSS_GROWTH_BOUND` of what it was after a warm-up at full concurrency.

Bounded: the run stops at its deadline, each client after :data:`MAX_REQUESTS_PER_CLIENT` requests,
and every request at the client timeout.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.anyio

REPO = Path(__file__).resolve().parents[2]
QUERIES = {path.stem: path.read_text(encoding="utf-8") for path in sorted((REPO / "queries").glob("*.rq"))}
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"

CLIENTS = 50
SECONDS = float(os.environ.get("KG_LOAD_SECONDS", "10"))
WARM_UP_SECONDS = 2.0
MAX_REQUESTS_PER_CLIENT = 20_000
TIMEOUT = 3.0
"""The server's query timeout."""
WORKERS = 3
"""Query workers: the runaway query holds one, the 50 clients share the others."""
CLIENT_TIMEOUT = 2 * TIMEOUT + 5.0
"""A query may wait up to the timeout for a worker, then run up to the timeout; the margin covers a
worker that is being started after a runaway one was killed."""
RSS_GROWTH_BOUND = 32 * 2**20
"""How much the server process may grow past its size after the warm-up, in bytes. After the warm-up it
has opened its 50 connections, started its thread pool and answered every query; what remains to vary
is the answers in flight (at most 50 of at most a few kB each: under 1 MiB), request and connection
buffers (tens of kB each, under 5 MiB for 50) and the slack of the allocator's per-thread arenas.
32 MiB is several times that; a leak of a few kB per request (tens of thousands of requests) exceeds it."""


@dataclass
class LoadOutcome:
    answered: int = 0
    errors: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    runaways: list[tuple[int, float]] = field(default_factory=list)
    rss: list[int] = field(default_factory=list)


@pytest.fixture(scope="module")
def load_server(seed_store_dir: Path, start_server: Callable[..., AbstractContextManager[Any]]) -> Iterator[Any]:
    """``kg serve`` over the seed store (a ``Server``: its URL and process id)."""
    with start_server(seed_store_dir, "--timeout", str(TIMEOUT), "--workers", str(WORKERS)) as server:
        yield server


def rss_bytes(pid: int) -> int:
    """The resident set size of process ``pid``, from ``/proc/PID/status``."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError(f"no VmRSS for process {pid}")


def rows(body: bytes) -> list[str]:
    """The rows of a JSON answer, in a canonical order (workers may order unordered rows differently)."""
    return sorted(json.dumps(binding, sort_keys=True) for binding in json.loads(body)["results"]["bindings"])


async def expected_answers(url: str) -> dict[str, list[str]]:
    async with httpx.AsyncClient(base_url=url, timeout=CLIENT_TIMEOUT) as http:
        answers = {}
        for name, query in QUERIES.items():
            response = await http.get("/sparql", params={"query": query})
            assert response.status_code == 200, f"{name}: {response.status_code} {response.text}"
            answers[name] = rows(response.content)
    return answers


async def run_load(server: Any, seconds: float, expected: dict[str, list[str]]) -> LoadOutcome:
    """50 clients and a runaway query for ``seconds``; memory sampled meanwhile."""
    outcome = LoadOutcome()
    deadline = time.monotonic() + seconds
    names = list(QUERIES)

    async def client(number: int) -> None:
        async with httpx.AsyncClient(
            base_url=server.url, timeout=CLIENT_TIMEOUT, limits=httpx.Limits(max_connections=1)
        ) as http:
            for sent in range(MAX_REQUESTS_PER_CLIENT):
                if time.monotonic() >= deadline:
                    return
                name = names[(number + sent) % len(names)]
                started = time.perf_counter()
                try:
                    response = await http.get("/sparql", params={"query": QUERIES[name]})
                except httpx.HTTPError as error:
                    outcome.errors.append(f"client {number}, {name}: {error!r}")
                    continue
                outcome.latencies.append(time.perf_counter() - started)
                if response.status_code != 200:
                    outcome.errors.append(f"client {number}, {name}: {response.status_code} {response.text[:200]}")
                elif rows(response.content) != expected[name]:
                    outcome.errors.append(f"client {number}, {name}: other rows than when idle")
                else:
                    outcome.answered += 1

    async def run_away() -> None:
        async with httpx.AsyncClient(base_url=server.url, timeout=CLIENT_TIMEOUT) as http:
            await asyncio.sleep(0.5)
            while time.monotonic() + TIMEOUT + 1 < deadline:
                started = time.perf_counter()
                response = await http.get("/sparql", params={"query": RUNAWAY})
                outcome.runaways.append((response.status_code, time.perf_counter() - started))

    async def sample_memory() -> None:
        while time.monotonic() < deadline:
            outcome.rss.append(rss_bytes(server.pid))
            await asyncio.sleep(0.2)

    await asyncio.gather(sample_memory(), run_away(), *(client(number) for number in range(CLIENTS)))
    return outcome


async def test_fifty_clients_while_runaway_queries_are_stopped(load_server: Any) -> None:
    expected = await expected_answers(load_server.url)
    warm_up = await run_load(load_server, WARM_UP_SECONDS, expected)
    assert not warm_up.errors, warm_up.errors[:10]
    baseline = rss_bytes(load_server.pid)

    outcome = await run_load(load_server, SECONDS, expected)

    latencies = sorted(outcome.latencies)
    summary = (
        f"{outcome.answered} answers in {SECONDS:g} s ({outcome.answered / SECONDS:.0f}/s), "
        f"p50 {latencies[len(latencies) // 2] * 1000:.1f} ms, "
        f"p99 {latencies[int(len(latencies) * 0.99)] * 1000:.1f} ms; "
        f"runaways {outcome.runaways}; RSS after warm-up {baseline / 2**20:.1f} MiB, "
        f"max {max(outcome.rss) / 2**20:.1f} MiB"
    )
    print(summary)
    assert not outcome.errors, f"{len(outcome.errors)} errors, first: {outcome.errors[:10]}\n{summary}"
    assert outcome.answered >= CLIENTS, summary
    assert outcome.runaways, "no runaway query was sent"
    for status, seconds in outcome.runaways:
        assert status == 503, summary
        assert seconds < TIMEOUT + 2.0, summary
    assert max(outcome.rss) <= baseline + RSS_GROWTH_BOUND, summary

    async with httpx.AsyncClient(base_url=load_server.url, timeout=CLIENT_TIMEOUT) as http:
        after = await http.get("/sparql", params={"query": QUERIES["02-person-offices"]})
    assert after.status_code == 200 and rows(after.content) == expected["02-person-offices"]
