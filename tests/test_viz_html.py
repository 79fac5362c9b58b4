"""graph.html: the projection as cytoscape.js elements, inlined with the library in one offline file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest

from kg.viz_html import CytoscapeMissing, cytoscape_dist, cytoscape_elements, write_html


def small_graph() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    graph.add_node("https://x/p", label="Hoàng Duy Chinh </script>", kind="person", articles=["https://x/a"])
    graph.add_node("https://x/o", label="Tỉnh ủy", kind="organization", articles=[])
    graph.add_node("https://x/t", label="Thing", kind="widget", articles=[])
    graph.add_edge("https://x/p", "https://x/o", key="https://x/m", label="holds: Bí thư")
    return graph


def test_elements_keep_attributes_and_colour_each_kind() -> None:
    elements = cytoscape_elements(small_graph())
    person, organization, thing = (node["data"] for node in elements["nodes"])
    assert person["id"] == "https://x/p" and person["articles"] == ["https://x/a"] and person["colour"] == "#e15759"
    assert organization["colour"] == "#4e79a7" and thing["colour"] == "#b0b0b0"
    (edge,) = (edge["data"] for edge in elements["edges"])
    assert (edge["source"], edge["target"], edge["label"]) == ("https://x/p", "https://x/o", "holds: Bí thư")


@pytest.mark.skipif(not (cytoscape_dist() / "cytoscape.min.js").is_file(), reason="cytoscape.js not installed")
def test_the_page_holds_the_library_and_the_graph(tmp_path: Path) -> None:
    path = tmp_path / "out" / "graph.html"
    write_html(small_graph(), path)
    page = path.read_text(encoding="utf-8")
    assert "<script src" not in page and "http://" not in page.split("<script>")[0]  # nothing fetched
    assert page.count("</script>") == 4  # the library, graph_view.js, the data, the start: none cut short
    data = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S)
    assert data is not None
    graph = json.loads(data.group(1).replace("<\\/", "</"))
    assert graph["elements"]["nodes"][0]["data"]["label"] == "Hoàng Duy Chinh </script>"
    assert graph["colours"]["widget"] == "#b0b0b0"


def test_without_cytoscape_nothing_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_NODE_MODULES", str(tmp_path / "node_modules"))
    with pytest.raises(CytoscapeMissing, match="run npm install"):
        write_html(small_graph(), tmp_path / "graph.html")
    assert not (tmp_path / "graph.html").exists()
