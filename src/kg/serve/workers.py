"""Query worker processes, so that a query's timeout really stops it.

pyoxigraph cannot be interrupted from another Python thread, so each query runs in a worker
process that holds the store open read-only; a worker whose query overruns its time is killed
and replaced, and the server goes on answering with the others. Workers also serialize the
answer (with pyoxigraph's own serializers) and cut it at the result-size limit, so that all the
heavy work is inside the process that can be killed.

SPARQL Update needs the store open read-write, which RocksDB allows to one process and not while
others read it: :meth:`QueryPool.update` takes every worker out of service, runs the update in a
writer process, and starts fresh readers that see the change.

This module imports only pyoxigraph and the standard library, so a worker starts fast.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import queue
import signal
import threading
from dataclasses import dataclass
from itertools import islice
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

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
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


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
    """One worker process and the pipe to it."""

    def __init__(self, location: str, prefixes: dict[str, str], *, writable: bool = False) -> None:
        self.connection, child_end = _SPAWN.Pipe()
        self.process: BaseProcess = _SPAWN.Process(
            target=_work, args=(child_end, location, prefixes, writable), daemon=True, name="kg-query-worker"
        )
        self.process.start()
        child_end.close()

    def ask(self, job: QueryJob | _UpdateJob, timeout: float) -> QueryAnswer | _Failure | None:
        """Send ``job``; its reply, or None when the worker did not answer within ``timeout`` seconds."""
        try:
            self.connection.send(job)
            if not self.connection.poll(timeout):
                return None
            reply: QueryAnswer | _Failure = self.connection.recv()
        except (EOFError, OSError) as error:
            raise StoreError(f"a query worker died: {error}") from error
        return reply

    def is_alive(self) -> bool:
        """Whether the process still runs."""
        return self.process.is_alive()

    def stop(self) -> None:
        """Ask the worker to finish (a writer flushes its store) and wait for it."""
        with contextlib.suppress(OSError):
            self.connection.send(None)
        self.process.join(timeout=10)
        self.kill()

    def kill(self) -> None:
        """End the process now, whatever it is doing."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.connection.close()


class QueryPool:
    """A few worker processes that run queries with a timeout; thread-safe and blocking.

    Workers start on first use. Call :meth:`close` to end them.
    """

    def __init__(
        self, location: str | Path, prefixes: dict[str, str], *, size: int = 2, timeout: float = 5.0
    ) -> None:
        self.location = str(location)
        self.prefixes = dict(prefixes)
        self.size = size
        self.timeout = timeout
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._started = False
        self._start_lock = threading.Lock()
        self._update_lock = threading.Lock()

    def run(self, job: QueryJob) -> QueryAnswer:
        """Run ``job`` in a worker; raise :class:`QueryTimeout` when it overruns (the worker is replaced)."""
        worker = self._take_worker()
        try:
            reply = worker.ask(job, self.timeout)
            if reply is None:
                worker.kill()
                worker = self._new_worker()
                raise QueryTimeout(
                    f"the query ran longer than {self.timeout:g} s and was stopped; "
                    "narrow it down or add a LIMIT"
                )
        except StoreError:
            worker.kill()
            worker = self._new_worker()
            raise
        finally:
            self._idle.put(worker)
        return _unwrap(reply)

    def update(self, update: str) -> None:
        """Run a SPARQL Update, with every reader out of service meanwhile; readers restart after it."""
        with self._update_lock:
            workers = self._take_all_workers()
            for worker in workers:
                worker.stop()
            try:
                writer = _Worker(self.location, self.prefixes, writable=True)
                try:
                    reply = writer.ask(_UpdateJob(update), self.timeout)
                except StoreError:
                    writer.kill()
                    raise
                if reply is None:
                    writer.kill()
                    raise QueryTimeout(f"the update ran longer than {self.timeout:g} s and was stopped")
                writer.stop()  # gently, so that it flushes
                _unwrap(reply)
            finally:
                for _ in workers:
                    self._idle.put(self._new_worker())

    def close(self) -> None:
        """End every worker (waiting for none that is busy: those end with the server)."""
        while True:
            try:
                self._idle.get_nowait().stop()
            except queue.Empty:
                break
        self._started = False

    def _take_worker(self) -> _Worker:
        self._start()
        try:
            return self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise ServerBusy(
                f"all {self.size} query workers stayed busy for {self.timeout:g} s; try again later"
            ) from None

    def _take_all_workers(self) -> list[_Worker]:
        taken: list[_Worker] = []
        try:
            while len(taken) < self.size:
                taken.append(self._take_worker())
        except ServerBusy:
            for worker in taken:
                self._idle.put(worker)
            raise
        return taken

    def _start(self) -> None:
        with self._start_lock:
            if not self._started:
                for _ in range(self.size):
                    self._idle.put(self._new_worker())
                self._started = True

    def _new_worker(self) -> _Worker:
        return _Worker(self.location, self.prefixes)


def _unwrap(reply: QueryAnswer | _Failure) -> QueryAnswer:
    if isinstance(reply, _Failure):
        raise _FAILURES[reply.reason](reply.message)
    return reply


def _work(connection: Connection, location: str, prefixes: dict[str, str], writable: bool) -> None:
    """A worker's life: open the store, answer jobs until told to stop or the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle; it ends us
    store = ox.Store(location) if writable else ox.Store.read_only(location)
    while True:
        try:
            job = connection.recv()
        except EOFError:
            break
        if job is None:
            break
        connection.send(_update(store, job, prefixes) if isinstance(job, _UpdateJob) else _answer(store, job, prefixes))
    if writable:
        store.flush()


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
            rows = list(islice(result, job.max_results + 1))
            kept = rows[: job.max_results]
            body = _solutions(result.variables, kept).serialize(format=RESULTS_FORMATS[job.results_format]) or b""
            return QueryAnswer("solutions", job.results_format, body, len(kept), len(rows) > len(kept))
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


def _solutions(variables: list[ox.Variable], rows: list[ox.QuerySolution]) -> ox.QuerySolutions:
    """Rows as a ``QuerySolutions`` again, so that pyoxigraph's serializers write a cut-off answer too."""
    names = [variable.value for variable in variables]
    bindings = [{name: _json_term(row[name]) for name in names if row[name] is not None} for row in rows]
    document = {"head": {"vars": names}, "results": {"bindings": bindings}}
    solutions = ox.parse_query_results(json.dumps(document).encode("utf-8"), format=ox.QueryResultsFormat.JSON)
    assert isinstance(solutions, ox.QuerySolutions)
    return solutions


def _json_term(term: Any) -> dict[str, Any]:
    """A term as SPARQL 1.1 Query Results JSON (with the RDF 1.2 ``triple`` type)."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        literal: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            literal["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            literal["datatype"] = term.datatype.value
        return literal
    return {
        "type": "triple",
        "value": {
            "subject": _json_term(term.subject),
            "predicate": _json_term(term.predicate),
            "object": _json_term(term.object),
        },
    }
