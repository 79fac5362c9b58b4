"""The query page: the editor, the competency queries one click away, the download links."""

from __future__ import annotations

from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from kg.serve.query_page import examples, queries_dir

pytestmark = pytest.mark.anyio

QUERIES = Path(__file__).resolve().parents[2] / "queries"


def test_the_competency_queries_are_found_with_their_questions() -> None:
    found = examples(queries_dir())
    assert [example.name for example in found] == sorted(path.stem for path in QUERIES.glob("*.rq"))
    assert found[0].question == "Who chaired which meeting, on which date, and between which organizations?"
    assert found[0].query.startswith("# Who chaired")


async def test_the_page_lists_every_question_as_a_link(client: httpx.AsyncClient) -> None:
    response = await client.get("/query")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = unescape(response.text)
    for example in examples(queries_dir()):
        assert f"?example={example.name}" in page
        assert example.question in page
    assert '/static/query.js"' in response.text
    assert '/query">Query</a>' in response.text  # the nav link of base.html


async def test_an_example_opens_in_the_editor_with_its_download_links(client: httpx.AsyncClient) -> None:
    response = await client.get("/query", params={"example": "01-meeting-chairs"})
    query = (QUERIES / "01-meeting-chairs.rq").read_text(encoding="utf-8")
    page = unescape(response.text)
    assert f">{query}</textarea>" in page
    csv_href = page.split('id="download-csv" href="')[1].split('"')[0]
    assert parse_qs(urlsplit(csv_href).query) == {"query": [query], "format": ["csv"]}
    answer = await client.get(csv_href)
    assert answer.status_code == 200 and "Hoàng Duy Chinh" in answer.text


async def test_a_query_given_in_the_address_opens_in_the_editor(client: httpx.AsyncClient) -> None:
    response = await client.get("/query", params={"query": "ASK { ?s ?p ?o }"})
    assert ">ASK { ?s ?p ?o }</textarea>" in response.text
