import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Graph

from kg.cli import main
from kg.errors import KgError
from kg.store import open_store
from kg.visualize import subgraph, to_networkx, write_graphml, write_picture

KGR = "https://w3id.org/kgvn/id/"
A1, A2 = KGR + "article/a1", KGR + "article/a2"
CHINH, HUNG = KGR + "person/bac-kan/hoang-duy-chinh", KGR + "person/bac-kan/pham-duy-hung"
TINH_UY, BTV = KGR + "org/tinh-uy-bac-kan", KGR + "org/ban-thuong-vu-tinh-uy-bac-kan"
HUYEN_UY, MEETING = KGR + "org/huyen-uy-pac-nam", KGR + "article/a1/meeting/1"
BAC_KAN, PAC_NAM = KGR + "place/bac-kan", KGR + "place/bac-kan/district/pac-nam"
BOC_BO = KGR + "place/bac-kan/commune/boc-bo"
MEMBERSHIP = KGR + "article/a1/membership/hoang-duy-chinh/tinh-uy-bac-kan/bi-thu"

PREFIXES = """
@base <https://w3id.org/kgvn/id/> .
@prefix kgo: <https://w3id.org/kgvn/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix schema: <https://schema.org/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix time: <http://www.w3.org/2006/time#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

ARTICLE_1 = PREFIXES + """
<article/a1> a schema:NewsArticle ; rdfs:label "Ban Thường vụ Tỉnh ủy làm việc với Huyện ủy Pác Nặm"@vi ;
    schema:articleBody "Sáng 13/6, đồng chí Hoàng Duy Chinh, Bí thư Tỉnh ủy Bắc Kạn chủ trì."@vi .

<person/bac-kan/hoang-duy-chinh> a schema:Person ; schema:name "Hoàng Duy Chinh"@vi ;
    rdfs:label "Hoàng Duy Chinh"@vi ; kgo:evidence <article/a1/evidence/20-35> ;
    prov:wasDerivedFrom <article/a1> .

<org/tinh-uy-bac-kan> a kgo:PartyCommittee ;
    skos:prefLabel "Tỉnh ủy Bắc Kạn"@vi ; rdfs:label "Tỉnh ủy Bắc Kạn"@vi ;
    kgo:jurisdiction <place/bac-kan> ; prov:wasDerivedFrom <article/a1> .
<org/ban-thuong-vu-tinh-uy-bac-kan> a kgo:StandingCommittee ;
    skos:prefLabel "Ban Thường vụ Tỉnh ủy Bắc Kạn"@vi ;
    rdfs:label "Ban Thường vụ Tỉnh ủy Bắc Kạn"@vi ; org:subOrganizationOf <org/tinh-uy-bac-kan> ;
    prov:wasDerivedFrom <article/a1> .
<org/huyen-uy-pac-nam> a kgo:PartyCommittee ; skos:prefLabel "Huyện ủy Pác Nặm"@vi ;
    rdfs:label "Huyện ủy Pác Nặm"@vi ; prov:wasDerivedFrom <article/a1> .

<role/bi-thu> a org:Role ; skos:prefLabel "Bí thư"@vi ; rdfs:label "Bí thư"@vi .
<post/tinh-uy-bac-kan/bi-thu> a org:Post ; rdfs:label "Bí thư Tỉnh ủy Bắc Kạn"@vi ;
    org:postIn <org/tinh-uy-bac-kan> ; org:role <role/bi-thu> .
<article/a1/membership/hoang-duy-chinh/tinh-uy-bac-kan/bi-thu> a org:Membership ;
    rdfs:label "Hoàng Duy Chinh – Bí thư Tỉnh ủy Bắc Kạn"@vi ;
    org:member <person/bac-kan/hoang-duy-chinh> ; org:organization <org/tinh-uy-bac-kan> ;
    org:role <role/bi-thu> ;
    kgo:post <post/tinh-uy-bac-kan/bi-thu> ; kgo:officeStatus kgo:Current ;
    org:memberDuring <article/a1/membership/hoang-duy-chinh/tinh-uy-bac-kan/bi-thu/interval> ;
    kgo:titleAsWritten "Bí thư Tỉnh ủy Bắc Kạn"@vi ; prov:wasDerivedFrom <article/a1> .
<article/a1/membership/hoang-duy-chinh/tinh-uy-bac-kan/bi-thu/interval> a time:Interval ;
    time:inside <date/2024-06-13> .
<date/2024-06-13> a time:Instant ; time:inXSDDate "2024-06-13"^^xsd:date .

<article/a1/meeting/1> a kgo:WorkingSession ; rdfs:label "Ban Thường vụ làm việc với Huyện ủy Pác Nặm"@vi ;
    schema:startDate "2024-06-13"^^xsd:date ; kgo:partOfDay kgo:Morning ;
    schema:organizer <org/ban-thuong-vu-tinh-uy-bac-kan> ; schema:attendee <org/huyen-uy-pac-nam> ;
    kgo:chair <person/bac-kan/hoang-duy-chinh> ; schema:location <place/bac-kan/district/pac-nam> ;
    prov:wasDerivedFrom <article/a1> .

<place/bac-kan> a kgo:Province ; schema:name "Bắc Kạn"@vi ; rdfs:label "tỉnh Bắc Kạn"@vi ;
    prov:wasDerivedFrom <article/a1> .
<place/bac-kan/district/pac-nam> a kgo:District ; schema:name "Pác Nặm"@vi ; rdfs:label "huyện Pác Nặm"@vi ;
    schema:containedInPlace <place/bac-kan> ; prov:wasDerivedFrom <article/a1> .

<article/a1/evidence/20-35> a oa:SpecificResource ; oa:hasSource <article/a1> ;
    oa:hasSelector <article/a1/evidence/20-35/quote>, <article/a1/evidence/20-35/position> .
<article/a1/evidence/20-35/quote> a oa:TextQuoteSelector ; oa:exact "Hoàng Duy Chinh"@vi .
<article/a1/evidence/20-35/position> a oa:TextPositionSelector ;
    oa:start "20"^^xsd:integer ; oa:end "35"^^xsd:integer .
"""

ARTICLE_2 = PREFIXES + """
<article/a2> a schema:NewsArticle ; rdfs:label "Tiếp xúc cử tri xã Bộc Bố"@vi .
<person/bac-kan/pham-duy-hung> a schema:Person ; schema:name "Phạm Duy Hưng"@vi ;
    rdfs:label "Phạm Duy Hưng"@vi ; prov:wasDerivedFrom <article/a2> .
<place/bac-kan/commune/boc-bo> a kgo:Commune ; schema:name "Bộc Bố"@vi ; rdfs:label "xã Bộc Bố"@vi ;
    schema:containedInPlace <place/bac-kan/district/pac-nam> ; prov:wasDerivedFrom <article/a2> .
<place/bac-kan/district/pac-nam> prov:wasDerivedFrom <article/a2> .
"""


def parse(*turtle: str) -> Graph:
    graph = Graph()
    for text in turtle:
        graph.parse(data=text, format="turtle")
    return graph


@pytest.fixture
def nx_graph() -> nx.MultiDiGraph:
    return to_networkx(parse(ARTICLE_1, ARTICLE_2))


def test_entities_become_nodes_with_kind_and_label(nx_graph: nx.MultiDiGraph) -> None:
    kinds = {node: nx_graph.nodes[node]["kind"] for node in nx_graph}
    assert kinds[CHINH] == kinds[HUNG] == "person"
    assert kinds[TINH_UY] == kinds[BTV] == "organization"
    assert kinds[BAC_KAN] == kinds[BOC_BO] == "place"
    assert kinds[MEETING] == "meeting" and kinds[A1] == "article"
    assert kinds[KGR + "role/bi-thu"] == "role" and kinds[KGR + "post/tinh-uy-bac-kan/bi-thu"] == "post"
    assert nx_graph.nodes[MEETING]["type"] == "kgo:WorkingSession"
    assert nx_graph.nodes[CHINH]["label"] == "Hoàng Duy Chinh"
    assert nx_graph.nodes[PAC_NAM]["schema:name"] == "Pác Nặm"
    assert nx_graph.nodes[MEETING]["schema:startDate"] == "2024-06-13"
    assert nx_graph.nodes[MEETING]["kgo:partOfDay"] == "kgo:Morning"
    assert list(nx_graph) == sorted(nx_graph)


def test_relations_become_labelled_edges(nx_graph: nx.MultiDiGraph) -> None:
    assert nx_graph.has_edge(BTV, TINH_UY, key="org:subOrganizationOf")
    assert nx_graph.has_edge(MEETING, BTV, key="schema:organizer")
    assert nx_graph.has_edge(MEETING, HUYEN_UY, key="schema:attendee")
    assert nx_graph.has_edge(MEETING, CHINH, key="kgo:chair")
    assert nx_graph.has_edge(BOC_BO, PAC_NAM, key="schema:containedInPlace")
    assert nx_graph.edges[MEETING, CHINH, "kgo:chair"]["label"] == "kgo:chair"


def test_membership_collapses_into_a_dated_edge_person_to_organization(nx_graph: nx.MultiDiGraph) -> None:
    edge = nx_graph.edges[CHINH, TINH_UY, MEMBERSHIP]
    assert edge["label"] == "holds: Bí thư"
    assert edge["title"] == "Bí thư Tỉnh ủy Bắc Kạn"
    assert edge["date"] == "2024-06-13"
    assert edge["status"] == "kgo:Current"
    assert edge["articles"] == [A1]
    assert MEMBERSHIP not in nx_graph


def test_evidence_dates_derivation_and_bodies_are_left_out(nx_graph: nx.MultiDiGraph) -> None:
    assert not [node for node in nx_graph if "/evidence/" in node or "/interval" in node or "/date/" in node]
    labels = {label for *_, label in nx_graph.edges(data="label")}
    assert not [label for label in labels if label.startswith(("prov:", "kgo:evidence"))]
    assert "schema:articleBody" not in nx_graph.nodes[A1]
    assert "kgo:evidence" not in nx_graph.nodes[CHINH]


def test_articles_attribute_lists_the_sources(nx_graph: nx.MultiDiGraph) -> None:
    assert nx_graph.nodes[PAC_NAM]["articles"] == [A1, A2]
    assert nx_graph.nodes[HUNG]["articles"] == [A2]
    assert nx_graph.nodes[A1]["articles"] == [A1]
    assert nx_graph.nodes[KGR + "role/bi-thu"]["articles"] == []


def test_projection_is_deterministic() -> None:
    first, second = to_networkx(parse(ARTICLE_1, ARTICLE_2)), to_networkx(parse(ARTICLE_2, ARTICLE_1))
    assert list(first.nodes(data=True)) == list(second.nodes(data=True))
    assert list(first.edges(keys=True, data=True)) == list(second.edges(keys=True, data=True))


def test_subgraph_around_an_entity_follows_edges_both_ways(nx_graph: nx.MultiDiGraph) -> None:
    assert set(subgraph(nx_graph, around=CHINH, hops=1)) == {CHINH, MEETING, TINH_UY}
    two_hops = subgraph(nx_graph, around="kgr:person/bac-kan/hoang-duy-chinh", hops=2)
    assert {BTV, HUYEN_UY, PAC_NAM, BAC_KAN} <= set(two_hops) and HUNG not in two_hops
    assert two_hops.has_edge(CHINH, TINH_UY, key=MEMBERSHIP)
    with pytest.raises(KgError, match="kgr:person/nobody"):
        subgraph(nx_graph, around="kgr:person/nobody")


def test_subgraph_by_kinds_and_article(nx_graph: nx.MultiDiGraph) -> None:
    places = subgraph(nx_graph, kinds={"place"})
    assert set(places) == {BAC_KAN, PAC_NAM, BOC_BO} and places.number_of_edges() == 2
    assert set(subgraph(nx_graph, article="a2")) == {A2, HUNG, PAC_NAM, BOC_BO}
    assert set(subgraph(nx_graph, article=A2, kinds={"person"})) == {HUNG}
    with pytest.raises(KgError, match="unknown kind"):
        subgraph(nx_graph, kinds={"personn"})


def test_graphml_round_trips_with_lists_joined(nx_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "graph.graphml"
    write_graphml(nx_graph, path)
    back = nx.read_graphml(path, force_multigraph=True)
    assert back.number_of_nodes() == nx_graph.number_of_nodes()
    assert back.number_of_edges() == nx_graph.number_of_edges()
    assert back.nodes[PAC_NAM]["articles"] == f"{A1};{A2}"
    assert back.nodes[CHINH]["label"] == "Hoàng Duy Chinh"
    assert back.edges[CHINH, TINH_UY, MEMBERSHIP]["date"] == "2024-06-13"


def test_svg_picture_is_xml_with_vietnamese_labels(nx_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "graph.svg"
    write_picture(nx_graph, path)
    texts = "".join(ET.parse(path).getroot().itertext())
    assert "Hoàng Duy Chinh" in texts and "Tỉnh ủy Bắc Kạn" in texts and "holds: Bí thư" in texts
    again = tmp_path / "again.svg"
    write_picture(nx_graph, again)
    assert again.read_bytes() == path.read_bytes()


def test_png_picture_and_unknown_suffix(nx_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    write_picture(nx_graph, tmp_path / "graph.png")
    assert (tmp_path / "graph.png").read_bytes().startswith(b"\x89PNG")
    with pytest.raises(KgError, match="graph.gif"):
        write_picture(nx_graph, tmp_path / "graph.gif")


@pytest.fixture
def store_location(tmp_path: Path) -> Path:
    store = open_store(tmp_path / "store")
    store.replace_graph(KGR + "graph/a1", parse(ARTICLE_1))
    store.replace_graph(KGR + "graph/a2", parse(ARTICLE_2))
    store.close()
    return tmp_path / "store"


def test_cli_writes_graphml_and_svg(store_location: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["viz", "--store", str(store_location), "-o", str(out), "--around", CHINH, "--hops", "1"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("3 nodes, 2 edges")
    assert nx.read_graphml(out / "graph.graphml").number_of_nodes() == 3
    assert "Hoàng Duy Chinh" in (out / "graph.svg").read_text(encoding="utf-8")


def test_cli_filters_by_kind_and_article(store_location: Path, tmp_path: Path) -> None:
    args = ["--store", str(store_location), "-o", str(tmp_path), "--kind", "person", "--kind", "place"]
    result = CliRunner().invoke(main, ["viz", *args, "--article", "a2"])
    assert result.exit_code == 0, result.output
    assert set(nx.read_graphml(tmp_path / "graph.graphml")) == {HUNG, PAC_NAM, BOC_BO}


def test_cli_names_an_unknown_entity(store_location: Path, tmp_path: Path) -> None:
    args = ["viz", "--store", str(store_location), "-o", str(tmp_path), "--around", "kgr:person/nobody"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert "kgr:person/nobody: no such entity" in result.output
