"""The graph explorer: the page, its neighbours endpoint, cytoscape.js served from node_modules."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette

from kg.serve.app import ServeSettings, close_app, create_app
from kg.serve.explorer import _date_within
from kg.viz_html import cytoscape_dist

pytestmark = pytest.mark.anyio

MEETING = "https://w3id.org/kgvn/id/article/bbk-2024-06-13-pac-nam/meeting/1"
CHINH = "https://w3id.org/kgvn/id/person/bac-kan/hoàng-duy-chinh"
needs_cytoscape = pytest.mark.skipif(
    not (cytoscape_dist() / "cytoscape.min.js").is_file(), reason="cytoscape.js not installed: run npm ci"
)


def ids(answer: dict[str, list[dict[str, dict[str, str]]]], part: str = "nodes") -> set[str]:
    return {element["data"]["id"] for element in answer[part]}


async def test_the_neighbours_of_the_meeting(client: httpx.AsyncClient) -> None:
    response = await client.get("/explore/neighbours", params={"iri": MEETING})
    assert response.status_code == 200
    answer = response.json()
    assert MEETING in ids(answer) and CHINH in ids(answer)
    meeting = next(node["data"] for node in answer["nodes"] if node["data"]["id"] == MEETING)
    assert meeting["kind"] == "meeting" and meeting["colour"].startswith("#")
    chair = [edge["data"] for edge in answer["edges"] if edge["data"]["label"] == "kgo:chair"]
    assert {"source": MEETING, "target": CHINH} in [{"source": e["source"], "target": e["target"]} for e in chair]


async def test_neighbours_take_a_curie_and_filters(client: httpx.AsyncClient) -> None:
    answer = (
        await client.get("/explore/neighbours", params={"iri": "kgr:person/bac-kan/hoàng-duy-chinh", "kind": "person"})
    ).json()
    assert ids(answer) == {CHINH}
    by_article = (
        await client.get("/explore/neighbours", params={"iri": MEETING, "article": "bbk-2024-06-13-pac-nam"})
    ).json()
    assert MEETING in ids(by_article)
    too_late = (await client.get("/explore/neighbours", params={"iri": MEETING, "from": "2025"})).json()
    assert ids(too_late) == {MEETING}  # the entity asked about stays
    in_range_params = {"iri": MEETING, "from": "2024-06-01", "to": "2024"}
    in_range = (await client.get("/explore/neighbours", params=in_range_params)).json()
    assert CHINH in ids(in_range)


async def test_neighbours_of_an_unknown_entity_or_kind(client: httpx.AsyncClient) -> None:
    missing = await client.get("/explore/neighbours", params={"iri": "https://example.org/nobody"})
    assert missing.status_code == 404 and "no such entity" in missing.json()["error"]
    bad_kind = await client.get("/explore/neighbours", params={"iri": MEETING, "kind": "unicorn"})
    assert bad_kind.status_code == 400 and "unknown kind" in bad_kind.json()["error"]
    bad_hops = await client.get("/explore/neighbours", params={"iri": MEETING, "hops": "9"})
    assert bad_hops.status_code == 400


def test_dates_of_any_precision_are_compared_on_what_both_give() -> None:
    assert _date_within("2024-06", "2024-06-13", "")
    assert _date_within("2024-06-13", "2024", "2024-06")
    assert not _date_within("2024-06", "2024-07", "")
    assert not _date_within("2024-06-13", "", "2024-05-31")


@needs_cytoscape
async def test_the_page_draws_with_cytoscape_from_node_modules(client: httpx.AsyncClient) -> None:
    response = await client.get("/explore", params={"iri": MEETING})
    assert response.status_code == 200
    assert "<h1>Explore: Buổi làm việc 2024-06-13</h1>" in response.text
    assert '/vendor/cytoscape/cytoscape.min.js"' in response.text
    assert 'value="person"' in response.text  # the kind filter
    assert 'value="https://w3id.org/kgvn/id/article/bbk-2024-06-13-pac-nam"' in response.text  # the article filter
    library = await client.get("/vendor/cytoscape/cytoscape.min.js")
    assert library.status_code == 200 and "cytoscape" in library.text[:2000].lower()


@needs_cytoscape
async def test_an_unknown_entity_is_said(client: httpx.AsyncClient) -> None:
    response = await client.get("/explore", params={"iri": "https://example.org/nobody"})
    assert "The graph has no entity" in response.text


async def test_without_cytoscape_the_page_says_how_to_install_it(
    seed_store_dir: Path, make_client: Callable[[Starlette], httpx.AsyncClient], monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("KG_NODE_MODULES", str(tmp_path / "node_modules"))
    app = create_app(seed_store_dir, ServeSettings(timeout=10.0))
    try:
        async with make_client(app) as http:
            response = await http.get("/explore", params={"iri": MEETING})
            missing_library = await http.get("/vendor/cytoscape/cytoscape.min.js")
    finally:
        close_app(app)
    assert response.status_code == 200
    assert "npm ci" in response.text and "cytoscape.min.js" not in response.text
    assert missing_library.status_code == 404
