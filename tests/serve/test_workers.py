"""The query worker pool on its own: answers cut at the limit in every format, callers that give up, busy workers."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from collections.abc import AsyncIterator
from pathlib import Path
from xml.etree import ElementTree

import pytest

from kg.errors import QueryTimeout, ServerBusy
from kg.rdf.namespaces import PREFIXES
from kg.serve.workers import QueryJob, QueryPool

pytestmark = pytest.mark.anyio

PERSONS = ["Hoàng Duy Chinh", "Nguyễn Đăng Bình", "Phương Thị Thanh"]
PERSONS_QUERY = "SELECT ?name WHERE { ?person a schema:Person ; schema:name ?name } ORDER BY ?name"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
SPARQL_RESULTS = "{http://www.w3.org/2005/sparql-results#}"


@pytest.fixture
async def one_worker(seed_store_dir: Path) -> AsyncIterator[QueryPool]:
    """A pool of one worker with a 1 s timeout."""
    pool = QueryPool(seed_store_dir, PREFIXES, size=1, timeout=1.0)
    yield pool
    pool.close()


def names_in(format_name: str, body: bytes) -> list[str]:
    """The ``?name`` column of a SELECT answer written in ``format_name``."""
    text = body.decode("utf-8")
    if format_name == "json":
        return [row["name"]["value"] for row in json.loads(text)["results"]["bindings"]]
    if format_name == "xml":
        literals = ElementTree.fromstring(text).iter(f"{SPARQL_RESULTS}literal")
        return [literal.text or "" for literal in literals]
    if format_name == "csv":
        return [row["name"] for row in csv.DictReader(io.StringIO(text))]
    return [line.split('"')[1] for line in text.splitlines()[1:]]


@pytest.mark.parametrize("format_name", ["json", "xml", "csv", "tsv"])
@pytest.mark.parametrize("max_results", [1, 2, 3, 4])
async def test_rows_are_cut_at_the_limit_in_every_format(
    one_worker: QueryPool, format_name: str, max_results: int
) -> None:
    answer = await one_worker.run(QueryJob(PERSONS_QUERY, results_format=format_name, max_results=max_results))
    assert names_in(format_name, answer.body) == PERSONS[:max_results]
    assert answer.count == min(max_results, len(PERSONS))
    assert answer.truncated == (max_results < len(PERSONS))


async def test_answers_keep_every_kind_of_term(one_worker: QueryPool) -> None:
    query = """SELECT ?iri ?blank ?plain ?tagged ?typed ?multiline ?unbound WHERE {
      BIND(<http://example.org/a> AS ?iri) BIND(BNODE("b") AS ?blank) BIND("tab\\there" AS ?plain)
      BIND("Việt Nam"@vi AS ?tagged) BIND(42 AS ?typed) BIND("line\\nbreak" AS ?multiline)
    }"""
    answer = await one_worker.run(QueryJob(query, results_format="json"))
    (row,) = json.loads(answer.body)["results"]["bindings"]
    assert row["iri"] == {"type": "uri", "value": "http://example.org/a"}
    assert row["blank"]["type"] == "bnode"
    assert row["plain"] == {"type": "literal", "value": "tab\there"}
    assert row["tagged"] == {"type": "literal", "value": "Việt Nam", "xml:lang": "vi"}
    assert row["typed"] == {"type": "literal", "value": "42", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}
    assert row["multiline"] == {"type": "literal", "value": "line\nbreak"}
    assert "unbound" not in row
    assert answer.count == 1


async def test_a_caller_that_gives_up_does_not_leave_its_answer_to_the_next(one_worker: QueryPool) -> None:
    abandoned = asyncio.create_task(one_worker.run(QueryJob(RUNAWAY)))
    await asyncio.sleep(0.3)
    abandoned.cancel()
    with pytest.raises(asyncio.CancelledError):
        await abandoned
    answer = await one_worker.run(QueryJob(PERSONS_QUERY))
    assert names_in("json", answer.body) == PERSONS


async def test_a_caller_waiting_longer_than_the_timeout_for_a_worker_is_told_busy(one_worker: QueryPool) -> None:
    async def run_away(delay: float) -> Exception | None:
        await asyncio.sleep(delay)
        try:
            await one_worker.run(QueryJob(RUNAWAY))
        except (QueryTimeout, ServerBusy) as error:
            return error
        return None

    # The first holds the worker until 1 s; the second (waiting until 1.5 s) gets its replacement then
    # and holds it until 2 s; the third, queued behind it, gives up at 1.7 s. Wide margins: a loaded
    # machine delays timers and the start of the replacement.
    outcomes = await asyncio.gather(run_away(0.0), run_away(0.5), run_away(0.7))
    assert [type(outcome) for outcome in outcomes] == [QueryTimeout, QueryTimeout, ServerBusy]
    answer = await one_worker.run(QueryJob(PERSONS_QUERY))
    assert names_in("json", answer.body) == PERSONS
