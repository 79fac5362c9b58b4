"""The web pages in a real headless Chromium: home, query page, Linked Data page, explorer, graph.html offline."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from click.testing import CliRunner

from kg.cli import main

if TYPE_CHECKING:
    from playwright.sync_api import Page, Route

MEETING = "https://w3id.org/kgvn/id/article/bbk-2024-06-13-pac-nam/meeting/1"
CHINH = "https://w3id.org/kgvn/id/person/bac-kan/hoàng-duy-chinh"
Screenshot = Callable[["Page", str], Path]


def node_count(page: Page) -> int:
    return int(page.evaluate("window.kgExplorer.cy.nodes().length"))


def neighbours(page: Page, base_url: str, iri: str) -> set[str]:
    """The IRIs /explore/neighbours answers for ``iri``: the entity and its neighbours."""
    answer = page.request.get(f"{base_url}/explore/neighbours", params={"iri": iri}).json()
    return {node["data"]["id"] for node in answer["nodes"]}


def test_the_home_page_links_the_query_page_and_the_explorer(page: Page, base_url: str, screenshot: Screenshot) -> None:
    page.goto(base_url + "/")
    assert page.locator("h1").inner_text() == "kg"
    assert page.get_by_role("link", name="Query", exact=True).is_visible()
    assert page.get_by_role("link", name="Explore", exact=True).is_visible()
    screenshot(page, "home")


def test_a_competency_query_answers_in_a_table_linking_to_the_pages(
    page: Page, base_url: str, screenshot: Screenshot
) -> None:
    page.goto(base_url + "/query")
    page.get_by_role("link", name=re.compile(r"^Who chaired which meeting")).click()
    table = page.locator("table.results")
    table.wait_for()
    assert "Hoàng Duy Chinh" in table.inner_text()
    rows = table.locator("tbody tr").count()
    assert page.locator("#answer-status").inner_text().startswith(f"{rows} row")
    assert "meeting-chairs" in page.url
    csv = page.request.get(page.locator("#download-csv").evaluate("link => link.href"))
    assert csv.ok and "Hoàng Duy Chinh" in csv.text()
    screenshot(page, "query")

    # the meeting's IRI links to its page, which links to the man who chaired it
    table.locator(f"a.iri-link[title='{MEETING}']").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith("Buổi làm việc")
    page.locator("section.facts").get_by_role("link", name="Hoàng Duy Chinh").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Hoàng Duy Chinh"
    marks = page.locator("section.evidence mark").all_inner_texts()
    assert "Bí thư Tỉnh ủy" in marks
    assert "Ủy viên BCH Trung ương Đảng" in marks
    page.locator("section.evidence mark", has_text="Bí thư Tỉnh ủy").first.scroll_into_view_if_needed()
    screenshot(page, "person")


def test_a_query_result_opens_the_explorer(page: Page, base_url: str) -> None:
    page.goto(base_url + "/query?example=01-meeting-chairs")
    page.get_by_role("button", name=re.compile("Run")).click()
    page.locator("table.results a.explore-link").first.click()
    page.wait_for_function("window.kgExplorer !== undefined")
    assert page.evaluate("window.kgExplorer.cy.nodes('.centre').map(n => n.id())") == [MEETING]


def test_the_explorer_draws_the_meeting_and_grows_by_click(page: Page, base_url: str, screenshot: Screenshot) -> None:
    page.goto(f"{base_url}/explore?iri={MEETING}")
    page.wait_for_function("window.kgExplorer !== undefined")
    before = node_count(page)
    assert before == len(neighbours(page, base_url, MEETING))  # the meeting, its organizers, chairs, proposals
    chair_edges = page.evaluate("window.kgExplorer.cy.edges('[label = \"kgo:chair\"]').map(e => e.target().id())")
    assert CHINH in chair_edges

    # a real click on Hoàng Duy Chinh's node draws his neighbours
    position = page.evaluate(
        """iri => { const p = window.kgExplorer.cy.getElementById(iri).renderedPosition(); return [p.x, p.y]; }""",
        CHINH,
    )
    box = page.locator("#graph").bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + position[0], box["y"] + position[1])
    page.wait_for_function(f"window.kgExplorer.cy.nodes().length > {before}")
    assert node_count(page) == len(neighbours(page, base_url, MEETING) | neighbours(page, base_url, CHINH))
    assert page.locator("#details h2").inner_text() == "Hoàng Duy Chinh"
    screenshot(page, "explorer")

    # filtering by kind hides what was drawn
    page.locator("input[name=kind][value=place]").uncheck()
    page.locator("input[name=kind][value=proposal]").uncheck()
    drawn = "window.kgExplorer.cy.nodes().filter(n => n.style('display') !== 'none')"
    visible_kinds = set(page.evaluate(f"{drawn}.map(n => n.data('kind'))"))
    assert visible_kinds.isdisjoint({"place", "proposal"})
    assert "person" in visible_kinds
    screenshot(page, "explorer-filtered")


def test_graph_html_draws_the_graph_offline(
    page: Page, seed_store_dir: Path, tmp_path: Path, screenshot: Screenshot
) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["viz", "--store", str(seed_store_dir), "-o", str(out)])
    assert result.exit_code == 0, result.output
    requested: list[str] = []

    def offline(route: Route) -> None:
        requested.append(route.request.url)
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            route.abort()

    page.route("**/*", offline)
    page.goto((out / "graph.html").as_uri())
    page.wait_for_function("window.kgGraph !== undefined && window.kgGraph.nodes().length > 0")
    drawn = re.search(r"(\d+) nodes", result.output)
    assert drawn and page.evaluate("window.kgGraph.nodes().length") == int(drawn.group(1))
    assert all(url.startswith("file:") for url in requested), requested
    assert "person" in page.locator("#legend").inner_text()
    screenshot(page, "graph-html")
