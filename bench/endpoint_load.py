"""The SPARQL endpoint under load: ``kg serve`` beside the Oxigraph server, and beside pyoxigraph itself.

    .venv/bin/python bench/endpoint_load.py                  # the seed article, 5 s per level
    .venv/bin/python bench/endpoint_load.py --synth 300 --seconds 10 --workers 4

Both servers serve the same store (the Oxigraph server a copy of it: it takes RocksDB's lock) with the
union of the named graphs as default graph, on 127.0.0.1. For 1, 8 and 50 concurrent clients, each on
its own connection and sending the competency queries of ``queries/`` round and round, it prints the
answers per second and the p50 and p99 latency of each server, and kg's figures as a ratio of
Oxigraph's. Then the latency of each query, one client, through kg's ``/sparql``, through the Oxigraph
server's ``/query`` and from pyoxigraph called in this process (the floor: the query and its JSON, no
HTTP), with kg's ratio to the floor.

The Oxigraph server is the ``oxigraph`` binary of the PyPI package ``oxigraph`` (in the test extra).
The load client is httpx on asyncio in this process: on a small machine it competes with the servers
for the CPU, and past a few thousand answers per second it, not the server, is the limit. Figures, not
assertions: the machine and its load decide them.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pyoxigraph as ox

from kg.build import build_graph
from kg.rdf.namespaces import PREFIXES
from kg.store import open_store
from kg.synth import write_corpus

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
QUERIES = {path.name: path.read_text(encoding="utf-8") for path in sorted((REPO / "queries").glob("*.rq"))}
JSON_RESULTS = "application/sparql-results+json"


@dataclass(frozen=True)
class Endpoint:
    name: str
    url: str
    """Where queries go: ``…/sparql`` for kg, ``…/query`` for Oxigraph."""


@dataclass(frozen=True)
class LoadFigures:
    answers: int
    errors: int
    seconds: float
    p50: float
    p99: float

    @property
    def per_second(self) -> float:
        return self.answers / self.seconds


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def server(command: list[str], ready_url: str, log: Path) -> Iterator[None]:
    """Run ``command`` until the block ends, once ``ready_url`` answers; its output goes to ``log``."""
    with log.open("wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"{command[0]} exited: {log.read_text(errors='replace')}")
            try:
                httpx.get(ready_url, timeout=2)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def build_store(location: Path, articles: list[Path]) -> None:
    store = open_store(location)
    report = build_graph(articles, store)
    store.close()
    del store
    gc.collect()  # drops pyoxigraph's read-write handle, so that the servers can open the store
    print(f"store: {len(report.built)} articles built, {len(report.failed)} failed")


async def load(endpoint: Endpoint, clients: int, seconds: float) -> LoadFigures:
    """``clients`` concurrent clients sending the queries round and round for ``seconds``."""
    latencies: list[float] = []
    errors = 0
    names = list(QUERIES)
    deadline = time.monotonic() + seconds

    async def client(number: int) -> None:
        nonlocal errors
        limits = httpx.Limits(max_connections=1)
        async with httpx.AsyncClient(timeout=60, limits=limits, headers={"Accept": JSON_RESULTS}) as http:
            sent = 0
            while time.monotonic() < deadline:
                started = time.perf_counter()
                try:
                    query = QUERIES[names[(number + sent) % len(names)]]
                    response = await http.get(endpoint.url, params={"query": query})
                    ok = response.status_code == 200
                except httpx.HTTPError:
                    ok = False
                sent += 1
                if ok:
                    latencies.append(time.perf_counter() - started)
                else:
                    errors += 1

    started = time.perf_counter()
    await asyncio.gather(*(client(number) for number in range(clients)))
    elapsed = time.perf_counter() - started
    latencies.sort()
    if not latencies:
        return LoadFigures(0, errors, elapsed, float("nan"), float("nan"))
    return LoadFigures(
        len(latencies), errors, elapsed, latencies[len(latencies) // 2], latencies[int(len(latencies) * 0.99)]
    )


def check_same_answers(endpoints: list[Endpoint]) -> None:
    """Both servers give every query the same number of rows, so that they do the same work."""
    for name, query in QUERIES.items():
        counts = {
            endpoint.name: len(
                httpx.get(endpoint.url, params={"query": query}, headers={"Accept": JSON_RESULTS}, timeout=60)
                .json()["results"]["bindings"]
            )
            for endpoint in endpoints
        }
        if len(set(counts.values())) != 1:
            print(f"  warning: {name} answers differ: {counts}")


def median_seconds(work: object, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def bench_load(kg: Endpoint, oxigraph: Endpoint, levels: list[int], seconds: float) -> None:
    print(f"\nload: competency queries round and round, {seconds:g} s per level; ratio = kg / Oxigraph")
    print(f"  {'clients':>7}  {'server':<14} {'answers/s':>10} {'p50 ms':>9} {'p99 ms':>9} {'errors':>6}   ratio")
    for clients in levels:
        kg_figures = asyncio.run(load(kg, clients, seconds))
        ox_figures = asyncio.run(load(oxigraph, clients, seconds))
        for endpoint, figures in ((oxigraph, ox_figures), (kg, kg_figures)):
            ratio = ""
            if endpoint is kg:
                ratio = (
                    f"x{kg_figures.per_second / ox_figures.per_second:.2f} answers/s, "
                    f"x{kg_figures.p50 / ox_figures.p50:.1f} p50, x{kg_figures.p99 / ox_figures.p99:.1f} p99"
                )
            print(
                f"  {clients:>7}  {endpoint.name:<14} {figures.per_second:>10.0f} {figures.p50 * 1000:>9.1f} "
                f"{figures.p99 * 1000:>9.1f} {figures.errors:>6}   {ratio}"
            )


def bench_latency(kg: Endpoint, oxigraph: Endpoint, store_location: Path, repeats: int) -> None:
    print(f"\nlatency of each query, one client, median of {repeats}; ratio = kg /sparql ÷ pyoxigraph (floor)")
    print(f"  {'query':<28} {'pyoxigraph':>11} {'oxigraph /query':>16} {'kg /sparql':>11}   ratio")
    store = ox.Store.read_only(str(store_location))
    with httpx.Client(timeout=60, headers={"Accept": JSON_RESULTS}) as http:
        for name, query in QUERIES.items():

            def direct(query: str = query) -> bytes:
                result = store.query(query, use_default_graph_as_union=True, prefixes=PREFIXES)
                assert isinstance(result, ox.QuerySolutions)
                return result.serialize(format=ox.QueryResultsFormat.JSON) or b""

            def over_http(endpoint: Endpoint, query: str = query) -> None:
                http.get(endpoint.url, params={"query": query}).raise_for_status()

            floor = median_seconds(direct, repeats)
            oxigraph_seconds = median_seconds(lambda: over_http(oxigraph), repeats)
            kg_seconds = median_seconds(lambda: over_http(kg), repeats)
            print(
                f"  {name:<28} {floor * 1000:>8.2f} ms {oxigraph_seconds * 1000:>13.2f} ms "
                f"{kg_seconds * 1000:>8.2f} ms   x{kg_seconds / floor:.1f}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, action="append", help="Article files or directories "
                        "(default: data/articles).")
    parser.add_argument("--synth", type=int, default=0, help="Serve N synthetic articles (kg synth) instead.")
    parser.add_argument("--seconds", type=float, default=5.0, help="Seconds of load per level and server.")
    parser.add_argument("--levels", default="1,8,50", help="Numbers of concurrent clients, comma-separated.")
    parser.add_argument("--workers", type=int, help="kg serve --workers (default: kg's default).")
    parser.add_argument("--repeats", type=int, default=30, help="Runs of each query for the latency table.")
    parser.add_argument("--workdir", type=Path, help="Scratch directory (default: a temporary one).")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="kg-bench-endpoint-"))
    articles = args.articles or [REPO / "data" / "articles"]
    if args.synth:
        articles = [workdir / "corpus"]
        shutil.rmtree(articles[0], ignore_errors=True)
        write_corpus(args.synth, articles[0])
    kg_store, oxigraph_store = workdir / "store", workdir / "store-oxigraph"
    shutil.rmtree(kg_store, ignore_errors=True)
    shutil.rmtree(oxigraph_store, ignore_errors=True)
    build_store(kg_store, articles)
    shutil.copytree(kg_store, oxigraph_store)

    kg_port, oxigraph_port = free_port(), free_port()
    kg_command = [str(BIN / "kg"), "serve", "--store", str(kg_store), "--port", str(kg_port), "--timeout", "60"]
    kg_command += ["--workers", str(args.workers)] if args.workers else []
    oxigraph_command = [
        str(BIN / "oxigraph"), "serve", "--location", str(oxigraph_store), "--bind", f"127.0.0.1:{oxigraph_port}",
        "--union-default-graph",
    ]
    kg = Endpoint("kg serve", f"http://127.0.0.1:{kg_port}/sparql")
    oxigraph = Endpoint("oxigraph serve", f"http://127.0.0.1:{oxigraph_port}/query")
    print(f"kg serve ({' '.join(kg_command[1:])}) vs oxigraph serve ({' '.join(oxigraph_command[1:])})")
    print(f"{len(QUERIES)} queries, scratch {workdir}")
    with (
        server(kg_command, f"http://127.0.0.1:{kg_port}/", workdir / "kg-serve.log"),
        server(oxigraph_command, f"http://127.0.0.1:{oxigraph_port}/", workdir / "oxigraph.log"),
    ):
        check_same_answers([kg, oxigraph])
        bench_load(kg, oxigraph, [int(level) for level in args.levels.split(",")], args.seconds)
        bench_latency(kg, oxigraph, kg_store, args.repeats)


if __name__ == "__main__":
    main()
