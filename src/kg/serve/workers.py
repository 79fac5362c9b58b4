"""Query worker processes, so that a query's timeout really stops it.

pyoxigraph cannot be interrupted from another Python thread, so each query runs in a worker
process that holds the store open read-only; a worker whose query overruns its time is killed
and replaced, and the server goes on answering with the others. Workers also serialize the
answer (with pyoxigraph's own serializers) and cut it at the result-size limit, so that all the
heavy work is inside the process that can be killed.

The pool lives on the server's event loop: it talks to each worker over a socket that the loop
watches, with no thread in between, since each hand-off between threads or processes costs a fixed
delay that a sub-millisecond query feels many times over.

SPARQL Update needs the store open read-write, which RocksDB allows to one process and not while
others read it: :meth:`QueryPool.update` takes every worker out of service, runs the update in a
writer process, and starts fresh readers that see the change.

This module imports only pyoxigraph and the standard library, so a worker starts fast.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import multiprocessing
import pickle
import signal
import socket
import struct
from collections import deque
from dataclasses import dataclass
from itertools import islice
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph as ox

from kg.errors import QueryError, QueryTimeout, ServerBusy, StoreError, UnacceptableFormat
from kg.sparql_text import declares_dataset

RESULTS_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
"""Formats of SELECT and ASK answers, by the name the ``format`` parameter uses."""

GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
"""Formats of CONSTRUCT and DESCRIBE answers, by the name the ``format`` parameter uses."""

_SPAWN = multiprocessing.get_context("spawn")
_HEADER = struct.Struct("!Q")
"""A message between the server and a worker: its length, then the message pickled."""


@dataclass(frozen=True)
class QueryJob:
    """A SPARQL query to run, and how to write its answer."""

    query: str
    results_format: str | None = "json"
    """A key of :data:`RESULTS_FORMATS` for SELECT and ASK, or None if the client accepts none."""
    graph_format: str | None = "turtle"
    """A key of :data:`GRAPH_FORMATS` for CONSTRUCT and DESCRIBE, or None if the client accepts none."""
    default_graph: tuple[str, ...] | None = None
    """The IRIs of the graphs whose merge is the default graph; None: the union of all graphs."""
    named_graphs: tuple[str, ...] | None = None
    """The IRIs of the graphs ``GRAPH`` may see; None: all (or none when ``default_graph`` is given)."""
    max_results: int = 10_000
    """Rows or triples beyond this many are cut off, and the answer is flagged ``truncated``."""


@dataclass(frozen=True)
class QueryAnswer:
    """A query's answer, serialized."""

    kind: str
    """``solutions`` (SELECT), ``boolean`` (ASK) or ``triples`` (CONSTRUCT, DESCRIBE)."""
    format: str
    """The key of the format in :data:`RESULTS_FORMATS` or :data:`GRAPH_FORMATS`."""
    body: bytes
    count: int
    """Rows or triples written (1 for ASK)."""
    truncated: bool

    @property
    def media_type(self) -> str:
        """The media type of :attr:`body`."""
        if self.kind == "triples":
            return GRAPH_FORMATS[self.format].media_type
        return RESULTS_FORMATS[self.format].media_type


@dataclass(frozen=True)
class _UpdateJob:
    update: str


@dataclass(frozen=True)
class _Failure:
    reason: str  # "syntax", "format" or "store"
    message: str


_FAILURES: dict[str, type[Exception]] = {
    "syntax": QueryError,
    "format": UnacceptableFormat,
    "store": StoreError,
}


class _Worker:
    """One worker process and the socket to it."""

    def __init__(self, location: str, prefixes: dict[str, str], *, writable: bool = False) -> None:
        self.socket, child_end = socket.socketpair()
        self.process: BaseProcess = _SPAWN.Process(
            target=_work, args=(child_end, location, prefixes, writable), daemon=True, name="kg-query-worker"
        )
        self.process.start()
        child_end.close()
        self.socket.setblocking(False)

    async def ask(self, job: QueryJob | _UpdateJob, timeout: float) -> QueryAnswer | _Failure | None:
        """Send ``job``; its reply, or None when the worker did not answer within ``timeout`` seconds."""
        loop = asyncio.get_running_loop()
        try:
            await loop.sock_sendall(self.socket, _message(job))
            async with asyncio.timeout(timeout):
                reply: QueryAnswer | _Failure = await _receive(loop, self.socket)
        except TimeoutError:
            return None
        except (EOFError, OSError) as error:
            raise StoreError(f"a query worker died: {error}") from error
        return reply

    def stop(self) -> None:
        """Ask the worker to finish (a writer flushes its store) and wait for it."""
        with contextlib.suppress(OSError):
            self.socket.send(_message(None))
        self.process.join(timeout=10)
        self.kill()

    def kill(self) -> None:
        """End the process now, whatever it is doing, and wait until it is gone."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.socket.close()


def _message(content: object) -> bytes:
    data = pickle.dumps(content, protocol=pickle.HIGHEST_PROTOCOL)
    return _HEADER.pack(len(data)) + data


async def _receive(loop: asyncio.AbstractEventLoop, sock: socket.socket) -> Any:
    """The next message on the non-blocking ``sock``, read without blocking the event loop."""
    header = await _receive_exactly(loop, sock, _HEADER.size)
    return pickle.loads(await _receive_exactly(loop, sock, _HEADER.unpack(header)[0]))


async def _receive_exactly(loop: asyncio.AbstractEventLoop, sock: socket.socket, size: int) -> bytearray:
    buffer = bytearray(size)
    view = memoryview(buffer)
    received = 0
    while received < size:
        count = await loop.sock_recv_into(sock, view[received:])
        if not count:
            raise EOFError("the worker closed its socket")
        received += count
    return buffer


class QueryPool:
    """A few worker processes that run queries with a timeout, used from one asyncio event loop at a time.

    Workers start on first use. Call :meth:`close` to end them.
    """

    def __init__(
        self, location: str | Path, prefixes: dict[str, str], *, size: int = 2, timeout: float = 5.0
    ) -> None:
        self.location = str(location)
        self.prefixes = dict(prefixes)
        self.size = size
        self.timeout = timeout
        self._idle: deque[_Worker] = deque()
        self._waiting: deque[asyncio.Future[_Worker]] = deque()
        """Callers waiting for a worker, first come first served."""
        self._started = False
        self._update_lock = asyncio.Lock()

    async def run(self, job: QueryJob) -> QueryAnswer:
        """Run ``job`` in a worker; raise :class:`QueryTimeout` when it overruns (the worker is replaced)."""
        worker = await self._take_worker()
        try:
            reply = await worker.ask(job, self.timeout)
        except BaseException:  # a worker that died, or a caller gone mid-query: its answer must not reach the next
            self._replace(worker)
            raise
        if reply is None:
            self._replace(worker)
            raise QueryTimeout(
                f"the query ran longer than {self.timeout:g} s and was stopped; narrow it down or add a LIMIT"
            )
        self._give_back(worker)
        return _unwrap(reply)

    async def update(self, update: str) -> None:
        """Run a SPARQL Update, with every reader out of service meanwhile; readers restart after it."""
        async with self._update_lock:
            readers = await self._take_all_workers()
            loop = asyncio.get_running_loop()
            try:
                await loop.run_in_executor(None, _stop_all, readers)
                reply = await self._write(update)
            finally:
                for _ in readers:
                    self._give_back(self._new_worker())
            _unwrap(reply)

    def close(self) -> None:
        """End every idle worker (busy ones end with the server)."""
        _stop_all(list(self._idle))
        self._idle.clear()
        self._started = False

    async def _write(self, update: str) -> QueryAnswer | _Failure:
        writer = _Worker(self.location, self.prefixes, writable=True)
        try:
            reply = await writer.ask(_UpdateJob(update), self.timeout)
        except BaseException:
            writer.kill()
            raise
        if reply is None:
            writer.kill()
            raise QueryTimeout(f"the update ran longer than {self.timeout:g} s and was stopped")
        await asyncio.get_running_loop().run_in_executor(None, writer.stop)  # gently, so that it flushes
        return reply

    async def _take_worker(self) -> _Worker:
        self._start()
        if self._idle:
            return self._idle.pop()  # the one that answered last: its caches are warm
        waiter: asyncio.Future[_Worker] = asyncio.get_running_loop().create_future()
        self._waiting.append(waiter)
        try:
            async with asyncio.timeout(self.timeout):
                return await waiter
        except BaseException as error:  # timed out or cancelled, maybe just after a worker was handed over
            if waiter.done() and not waiter.cancelled():
                self._give_back(waiter.result())
            if isinstance(error, TimeoutError):
                raise ServerBusy(
                    f"all {self.size} query workers stayed busy for {self.timeout:g} s; try again later"
                ) from None
            raise

    async def _take_all_workers(self) -> list[_Worker]:
        taken: list[_Worker] = []
        try:
            while len(taken) < self.size:
                taken.append(await self._take_worker())
        except BaseException:
            for worker in taken:
                self._give_back(worker)
            raise
        return taken

    def _give_back(self, worker: _Worker) -> None:
        """Hand ``worker`` to the first caller still waiting, else make it idle."""
        while self._waiting:
            waiter = self._waiting.popleft()
            if not waiter.done():
                waiter.set_result(worker)
                return
        self._idle.append(worker)

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` and put a new one in its place; the old one is waited for in a thread, as a
        process that used much memory takes a while to end."""
        worker.process.kill()
        asyncio.get_running_loop().run_in_executor(None, worker.kill)
        self._give_back(self._new_worker())

    def _start(self) -> None:
        if not self._started:
            for _ in range(self.size):
                self._idle.append(self._new_worker())
            self._started = True

    def _new_worker(self) -> _Worker:
        return _Worker(self.location, self.prefixes)


def _stop_all(workers: list[_Worker]) -> None:
    for worker in workers:
        worker.stop()


def _unwrap(reply: QueryAnswer | _Failure) -> QueryAnswer:
    if isinstance(reply, _Failure):
        raise _FAILURES[reply.reason](reply.message)
    return reply


def _work(sock: socket.socket, location: str, prefixes: dict[str, str], writable: bool) -> None:
    """A worker's life: open the store, answer jobs until told to stop or the socket closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle; it ends us
    store = ox.Store(location) if writable else ox.Store.read_only(location)
    jobs = sock.makefile("rb")
    while (job := _next_job(jobs)) is not None:
        reply = _update(store, job, prefixes) if isinstance(job, _UpdateJob) else _answer(store, job, prefixes)
        sock.sendall(_message(reply))
    if writable:
        store.flush()


def _next_job(jobs: BinaryIO) -> QueryJob | _UpdateJob | None:
    """The next job the server sends, or None when it says stop or has closed the socket."""
    header = jobs.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    job: QueryJob | _UpdateJob | None = pickle.loads(jobs.read(_HEADER.unpack(header)[0]))
    return job


def _update(store: ox.Store, job: _UpdateJob, prefixes: dict[str, str]) -> QueryAnswer | _Failure:
    try:
        store.update(job.update, prefixes=prefixes)
    except SyntaxError as error:
        return _Failure("syntax", f"malformed SPARQL Update: {error}")
    except OSError as error:
        return _Failure("store", f"cannot write the store: {error}")
    return QueryAnswer("boolean", "json", b"", 0, False)


def _answer(store: ox.Store, job: QueryJob, prefixes: dict[str, str]) -> QueryAnswer | _Failure:
    try:
        result = store.query(job.query, prefixes=prefixes, **_dataset(job))
        if isinstance(result, ox.QueryBoolean):
            if job.results_format is None:
                return _Failure("format", "an ASK query answers in json, xml, csv or tsv")
            body = result.serialize(format=RESULTS_FORMATS[job.results_format]) or b""
            return QueryAnswer("boolean", job.results_format, body, 1, False)
        if isinstance(result, ox.QuerySolutions):
            if job.results_format is None:
                return _Failure("format", "a SELECT query answers in json, xml, csv or tsv")
            body, rows, truncated = _solutions_body(result, job.results_format, job.max_results)
            return QueryAnswer("solutions", job.results_format, body, rows, truncated)
        if job.graph_format is None:
            return _Failure("format", "a CONSTRUCT or DESCRIBE query answers in turtle, ntriples, jsonld or rdfxml")
        triples = list(islice(result, job.max_results + 1))
        kept_triples = triples[: job.max_results]
        try:
            body = ox.serialize(kept_triples, format=GRAPH_FORMATS[job.graph_format], prefixes=prefixes) or b""
        except (OSError, ValueError) as error:  # e.g. RDF 1.2 triple terms, which JSON-LD cannot write
            return _Failure("format", f"the answer cannot be written as {job.graph_format}: {error}")
        return QueryAnswer("triples", job.graph_format, body, len(kept_triples), len(triples) > len(kept_triples))
    except SyntaxError as error:
        return _Failure("syntax", f"malformed SPARQL: {error}")
    except (OSError, ValueError) as error:
        return _Failure("store", f"the query failed: {error}")


def _dataset(job: QueryJob) -> dict[str, Any]:
    """The query's dataset: the graphs the client named, else those the query names (``FROM``),
    else the union of all graphs."""
    if job.default_graph is None and job.named_graphs is None:
        return {} if declares_dataset(job.query) else {"use_default_graph_as_union": True}
    return {
        "default_graph": [ox.NamedNode(iri) for iri in job.default_graph or ()],
        "named_graphs": [ox.NamedNode(iri) for iri in job.named_graphs or ()],
    }


def _solutions_body(solutions: ox.QuerySolutions, format_name: str, max_results: int) -> tuple[bytes, int, bool]:
    """The first ``max_results`` rows written in the format ``format_name``, how many, and whether more were cut off.

    pyoxigraph writes TSV a row a line (its terms escape line breaks), so the rows are counted and cut as
    lines while it writes them, and read back for the other formats: no row goes through Python.
    """
    tsv_format = ox.QueryResultsFormat.TSV
    sink = _FirstLines(max_results + 1)  # the header, then the rows
    with contextlib.suppress(_EnoughLines):
        solutions.serialize(sink, format=tsv_format)
    tsv, truncated = sink.kept()
    rows = tsv.count(b"\n") - 1
    if format_name == "tsv":
        return tsv, rows, truncated
    written = ox.parse_query_results(tsv, format=tsv_format).serialize(format=RESULTS_FORMATS[format_name])
    return written or b"", rows, truncated


class _EnoughLines(Exception):
    """Raised into a serializer to stop it: the lines wanted are written."""


class _FirstLines(io.BytesIO):
    """An in-memory binary file that stops the serializer writing to it once more than ``limit`` lines came."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit
        self.lines = 0

    def write(self, chunk: bytes) -> int:  # type: ignore[override]  # pyoxigraph writes bytes
        written = super().write(chunk)
        self.lines += chunk.count(b"\n")
        if self.lines > self.limit:
            raise _EnoughLines
        return written

    def kept(self) -> tuple[bytes, bool]:
        """The first ``limit`` lines, and whether more were written."""
        if self.lines <= self.limit:
            return self.getvalue(), False
        return b"\n".join(self.getvalue().split(b"\n", self.limit)[: self.limit]) + b"\n", True
