"""A runaway query is stopped at the timeout (503) while other clients are answered, and the server goes on."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import httpx
import pytest

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
PERSONS_QUERY = "SELECT ?name WHERE { ?person a schema:Person ; schema:name ?name } ORDER BY ?name"
PERSONS = ["Hoàng Duy Chinh", "Nguyễn Đăng Bình", "Phương Thị Thanh"]
TIMEOUT = 2.0


@pytest.fixture(scope="module")
def short_timeout_server(
    seed_store_dir: Path, start_server: Callable[..., AbstractContextManager[Any]]
) -> Iterator[str]:
    with start_server(seed_store_dir, "--timeout", str(TIMEOUT), "--workers", "2") as server:
        yield server.url


def names(response: httpx.Response) -> list[str]:
    return [row["name"]["value"] for row in json.loads(response.content)["results"]["bindings"]]


def test_runaway_query_is_503_while_others_are_answered(short_timeout_server: str) -> None:
    outcome: dict[str, httpx.Response] = {}

    def run_away() -> None:
        outcome["runaway"] = httpx.get(
            f"{short_timeout_server}/sparql", params={"query": RUNAWAY}, timeout=TIMEOUT + 20
        )

    runaway = threading.Thread(target=run_away)
    runaway.start()
    time.sleep(0.3)  # let the runaway query take its worker
    meanwhile = httpx.get(f"{short_timeout_server}/sparql", params={"query": PERSONS_QUERY}, timeout=TIMEOUT + 20)
    still_running = runaway.is_alive()
    runaway.join(timeout=TIMEOUT + 25)

    assert meanwhile.status_code == 200
    assert names(meanwhile) == PERSONS
    assert still_running, "the simple query was answered while the runaway one was still running"
    assert outcome["runaway"].status_code == 503
    assert "was stopped" in outcome["runaway"].text

    for _ in range(3):  # the killed worker was replaced: every worker answers
        after = httpx.get(f"{short_timeout_server}/sparql", params={"query": PERSONS_QUERY}, timeout=TIMEOUT + 20)
        assert after.status_code == 200
        assert names(after) == PERSONS


def test_two_runaway_queries_at_once_do_not_stop_the_server(short_timeout_server: str) -> None:
    responses: list[httpx.Response] = []

    def run_away() -> None:
        responses.append(
            httpx.get(f"{short_timeout_server}/sparql", params={"query": RUNAWAY}, timeout=3 * TIMEOUT + 20)
        )

    threads = [threading.Thread(target=run_away) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=3 * TIMEOUT + 25)
    assert [response.status_code for response in responses] == [503, 503]
    home = httpx.get(f"{short_timeout_server}/", timeout=10)
    assert home.status_code == 200
    after = httpx.get(f"{short_timeout_server}/sparql", params={"query": PERSONS_QUERY}, timeout=TIMEOUT + 20)
    assert names(after) == PERSONS
