from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Graph

from kg.analysis import centrality, communities, fact_graph, format_path, shortest_fact_path
from kg.cli import main
from kg.errors import KgError
from kg.store import open_store
from kg.visualize import to_networkx

KGR = "https://w3id.org/kgvn/id/"
A1, A2 = KGR + "article/a1", KGR + "article/a2"
CHINH, THANH = KGR + "person/bac-kan/hoang-duy-chinh", KGR + "person/bac-kan/phuong-thi-thanh"
HUNG, LOAN = KGR + "person/bac-kan/pham-duy-hung", KGR + "person/bac-kan/ly-thi-loan"
TINH_UY, BTV = KGR + "org/tinh-uy-bac-kan", KGR + "org/ban-thuong-vu-tinh-uy-bac-kan"
HDND = KGR + "org/hdnd-tinh-bac-kan"
HUYEN_UY, UBND_HUYEN = KGR + "org/huyen-uy-pac-nam", KGR + "org/ubnd-huyen-pac-nam"
BAC_KAN, PAC_NAM = KGR + "place/bac-kan", KGR + "place/bac-kan/district/pac-nam"
BOC_BO, MEETING = KGR + "place/bac-kan/commune/boc-bo", KGR + "article/a1/meeting/1"
CHINH_BI_THU = KGR + "article/a1/membership/hoang-duy-chinh/tinh-uy-bac-kan/bi-thu"

BODY_1 = (
    "Sáng 13/6, Ban Thường vụ Tỉnh ủy làm việc với Huyện ủy Pác Nặm. Đồng chí Phương Thị Thanh, Phó Bí thư Tỉnh ủy, "
    "Chủ tịch HĐND tỉnh và đồng chí Hoàng Duy Chinh, Bí thư Tỉnh ủy Bắc Kạn chủ trì buổi làm việc tại huyện Pác Nặm."
)
BODY_2 = "Đồng chí Phạm Duy Hưng, Chủ tịch UBND huyện Pác Nặm, làm việc tại xã Bộc Bố. Bà Lý Thị Loan phát biểu."

PREFIXES = """
@base <https://w3id.org/kgvn/id/> .
@prefix kgo: <https://w3id.org/kgvn/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix schema: <https://schema.org/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def evidence(fact: str, aid: str, body: str, quote: str) -> str:
    """Turtle for ``fact``'s evidence: the first occurrence of ``quote`` in ``body``, as the mapper writes it."""
    start = body.index(quote)
    ev = f"article/{aid}/evidence/{start}-{start + len(quote)}"
    return f"""
<{fact}> kgo:evidence <{ev}> ; prov:wasDerivedFrom <article/{aid}> .
<{ev}> a oa:SpecificResource ; oa:hasSource <article/{aid}> ; oa:hasSelector <{ev}/quote>, <{ev}/position> .
<{ev}/quote> a oa:TextQuoteSelector ; oa:exact "{quote}"@vi .
<{ev}/position> a oa:TextPositionSelector ; oa:start {start} ; oa:end {start + len(quote)} .
"""


ROLE_LABELS = {"bi-thu": "Bí thư", "pho-bi-thu": "Phó Bí thư", "chu-tich": "Chủ tịch"}


def membership(aid: str, person: str, org: str, role: str, body: str, quote: str) -> str:
    iri = f"article/{aid}/membership/{person}/{org}/{role}"
    return f"""
<role/{role}> a org:Role ; rdfs:label "{ROLE_LABELS[role]}"@vi .
<post/{org}/{role}> a org:Post ; org:postIn <org/{org}> ; org:role <role/{role}> .
<{iri}> a org:Membership ; org:member <person/bac-kan/{person}> ; org:organization <org/{org}> ;
    org:role <role/{role}> ; kgo:post <post/{org}/{role}> .
""" + evidence(iri, aid, body, quote)


ARTICLE_1 = PREFIXES + f"""
<article/a1> a schema:NewsArticle ; rdfs:label "Làm việc với Huyện ủy Pác Nặm"@vi ; schema:articleBody "{BODY_1}"@vi .
<person/bac-kan/hoang-duy-chinh> a schema:Person ; schema:name "Hoàng Duy Chinh"@vi ; rdfs:label "Hoàng Duy Chinh"@vi .
<person/bac-kan/phuong-thi-thanh> a schema:Person ; schema:name "Phương Thị Thanh"@vi ;
    rdfs:label "Phương Thị Thanh"@vi .
<org/tinh-uy-bac-kan> a kgo:PartyCommittee ; rdfs:label "Tỉnh ủy Bắc Kạn"@vi ; kgo:jurisdiction <place/bac-kan> .
<org/ban-thuong-vu-tinh-uy-bac-kan> a kgo:StandingCommittee ; rdfs:label "Ban Thường vụ Tỉnh ủy Bắc Kạn"@vi ;
    org:subOrganizationOf <org/tinh-uy-bac-kan> .
<org/hdnd-tinh-bac-kan> a kgo:PeoplesCouncil ; rdfs:label "HĐND tỉnh Bắc Kạn"@vi .
<org/huyen-uy-pac-nam> a kgo:PartyCommittee ; rdfs:label "Huyện ủy Pác Nặm"@vi ;
    kgo:jurisdiction <place/bac-kan/district/pac-nam> .
<place/bac-kan> a kgo:Province ; schema:name "Bắc Kạn"@vi ; rdfs:label "tỉnh Bắc Kạn"@vi .
<place/bac-kan/district/pac-nam> a kgo:District ; schema:name "Pác Nặm"@vi ; rdfs:label "huyện Pác Nặm"@vi ;
    schema:containedInPlace <place/bac-kan> .
<article/a1/meeting/1> a kgo:WorkingSession ; rdfs:label "Buổi làm việc 2024-06-13"@vi ;
    schema:organizer <org/ban-thuong-vu-tinh-uy-bac-kan> ; schema:attendee <org/huyen-uy-pac-nam> ;
    kgo:chair <person/bac-kan/hoang-duy-chinh>, <person/bac-kan/phuong-thi-thanh> ;
    schema:location <place/bac-kan/district/pac-nam> .
""" + "".join([
    evidence(CHINH, "a1", BODY_1, "Hoàng Duy Chinh"),
    evidence(THANH, "a1", BODY_1, "Phương Thị Thanh"),
    evidence(TINH_UY, "a1", BODY_1, "Tỉnh ủy"),
    evidence(TINH_UY, "a1", BODY_1, "Tỉnh ủy Bắc Kạn"),
    evidence(BTV, "a1", BODY_1, "Ban Thường vụ Tỉnh ủy"),
    evidence(HDND, "a1", BODY_1, "HĐND tỉnh"),
    evidence(HUYEN_UY, "a1", BODY_1, "Huyện ủy Pác Nặm"),
    evidence(BAC_KAN, "a1", BODY_1, "Bắc Kạn"),
    evidence(PAC_NAM, "a1", BODY_1, "huyện Pác Nặm"),
    evidence(MEETING, "a1", BODY_1, "Sáng 13/6, Ban Thường vụ Tỉnh ủy làm việc với Huyện ủy Pác Nặm."),
    membership("a1", "hoang-duy-chinh", "tinh-uy-bac-kan", "bi-thu", BODY_1, "Bí thư Tỉnh ủy Bắc Kạn"),
    membership("a1", "phuong-thi-thanh", "tinh-uy-bac-kan", "pho-bi-thu", BODY_1, "Phó Bí thư Tỉnh ủy"),
    membership("a1", "phuong-thi-thanh", "hdnd-tinh-bac-kan", "chu-tich", BODY_1, "Chủ tịch HĐND tỉnh"),
])

ARTICLE_2 = PREFIXES + f"""
<article/a2> a schema:NewsArticle ; rdfs:label "Làm việc tại xã Bộc Bố"@vi ; schema:articleBody "{BODY_2}"@vi .
<person/bac-kan/pham-duy-hung> a schema:Person ; schema:name "Phạm Duy Hưng"@vi ; rdfs:label "Phạm Duy Hưng"@vi .
<person/bac-kan/ly-thi-loan> a schema:Person ; schema:name "Lý Thị Loan"@vi ; rdfs:label "Lý Thị Loan"@vi .
<org/ubnd-huyen-pac-nam> a kgo:PeoplesCommittee ; rdfs:label "UBND huyện Pác Nặm"@vi ;
    kgo:jurisdiction <place/bac-kan/district/pac-nam> .
<place/bac-kan/commune/boc-bo> a kgo:Commune ; schema:name "Bộc Bố"@vi ; rdfs:label "xã Bộc Bố"@vi ;
    schema:containedInPlace <place/bac-kan/district/pac-nam> .
""" + "".join([
    evidence(HUNG, "a2", BODY_2, "Phạm Duy Hưng"),
    evidence(LOAN, "a2", BODY_2, "Lý Thị Loan"),
    evidence(UBND_HUYEN, "a2", BODY_2, "UBND huyện Pác Nặm"),
    evidence(BOC_BO, "a2", BODY_2, "xã Bộc Bố"),
    evidence(PAC_NAM, "a2", BODY_2, "Pác Nặm"),
    membership("a2", "pham-duy-hung", "ubnd-huyen-pac-nam", "chu-tich", BODY_2, "Chủ tịch UBND huyện Pác Nặm"),
])


def parse(*turtle: str) -> Graph:
    graph = Graph()
    for text in turtle:
        graph.parse(data=text, format="turtle")
    return graph


@pytest.fixture
def rdf_graph() -> Graph:
    return parse(ARTICLE_1, ARTICLE_2)


@pytest.fixture
def nx_graph(rdf_graph: Graph) -> nx.MultiDiGraph:
    return to_networkx(rdf_graph)


def test_fact_graph_keeps_edges_with_evidence_only(nx_graph: nx.MultiDiGraph) -> None:
    assert nx_graph.edges[CHINH, TINH_UY, CHINH_BI_THU]["fact"] == CHINH_BI_THU
    assert nx_graph.edges[MEETING, CHINH, "kgo:chair"]["fact"] == MEETING
    simple = fact_graph(nx_graph)
    assert not nx.is_directed(simple) and not simple.is_multigraph()
    assert not [node for node in simple if "/post/" in node or "/role/" in node or node in (A1, A2)]
    assert LOAN not in simple  # evidence, but no relation to anything
    assert simple.nodes[CHINH]["label"] == "Hoàng Duy Chinh"


def test_centrality_ranks_persons_and_organizations(nx_graph: nx.MultiDiGraph) -> None:
    ranked = centrality(nx_graph)
    assert [score.iri for score in ranked] == [TINH_UY, THANH, UBND_HUYEN, BTV, CHINH, HUYEN_UY, HDND, HUNG]
    by_iri = {score.iri: score for score in ranked}
    assert by_iri[THANH].degree > by_iri[CHINH].degree  # Thanh also chairs the HĐND
    assert by_iri[UBND_HUYEN].betweenness > by_iri[BTV].betweenness  # the only way to Hưng
    # a tie on both scores is broken by the label: "Ban Thường vụ ..." before "Hoàng Duy Chinh"
    tied = [(by_iri[iri].degree, by_iri[iri].betweenness) for iri in (BTV, CHINH)]
    assert tied[0] == pytest.approx(tied[1])
    assert by_iri[HUNG].betweenness == 0.0 and by_iri[HUNG].kind == "person"
    assert centrality(nx_graph) == ranked
    assert [score.iri for score in centrality(nx_graph, kinds=["place"])] == [PAC_NAM, BAC_KAN, BOC_BO]


def test_communities_partition_the_fact_graph(nx_graph: nx.MultiDiGraph) -> None:
    groups = communities(nx_graph)
    members = [member.iri for group in groups for member in group.members]
    assert sorted(members) == sorted(fact_graph(nx_graph)) and len(members) == len(set(members))
    assert [len(group.members) for group in groups] == sorted((len(g.members) for g in groups), reverse=True)
    assert communities(nx_graph) == groups
    group_of = {member.iri: number for number, group in enumerate(groups) for member in group.members}
    assert group_of[HUNG] == group_of[UBND_HUYEN]
    assert group_of[THANH] == group_of[HDND]


def test_path_hops_carry_relation_direction_and_quote(rdf_graph: Graph, nx_graph: nx.MultiDiGraph) -> None:
    hops = shortest_fact_path(rdf_graph, nx_graph, "kgr:person/bac-kan/hoang-duy-chinh", BOC_BO)
    assert [(hop.source, hop.relation, hop.forward, hop.target) for hop in hops] == [
        (CHINH, "kgo:chair", False, MEETING),
        (MEETING, "schema:location", True, PAC_NAM),
        (PAC_NAM, "schema:containedInPlace", False, BOC_BO),
    ]
    meeting_quote = "Sáng 13/6, Ban Thường vụ Tỉnh ủy làm việc với Huyện ủy Pác Nặm."
    assert [(hop.fact, hop.quote, hop.article) for hop in hops] == [
        (MEETING, meeting_quote, A1), (MEETING, meeting_quote, A1), (BOC_BO, "xã Bộc Bố", A2),
    ]


def test_path_quotes_the_membership_and_the_evidence_naming_both_ends(
    rdf_graph: Graph, nx_graph: nx.MultiDiGraph
) -> None:
    hops = shortest_fact_path(rdf_graph, nx_graph, CHINH, BAC_KAN)
    assert [(hop.relation, hop.fact, hop.quote) for hop in hops] == [
        ("holds: Bí thư", CHINH_BI_THU, "Bí thư Tỉnh ủy Bắc Kạn"),
        ("kgo:jurisdiction", TINH_UY, "Tỉnh ủy Bắc Kạn"),  # not the first mention, "Tỉnh ủy"
    ]
    assert format_path(hops).splitlines() == [
        "Hoàng Duy Chinh —[holds: Bí thư]→ Tỉnh ủy Bắc Kạn  “Bí thư Tỉnh ủy Bắc Kạn” (a1)",
        "Tỉnh ủy Bắc Kạn —[kgo:jurisdiction]→ tỉnh Bắc Kạn  “Tỉnh ủy Bắc Kạn” (a1)",
        "(2 hops)",
    ]


def test_path_follows_memberships_backwards_across_articles(rdf_graph: Graph, nx_graph: nx.MultiDiGraph) -> None:
    hops = shortest_fact_path(rdf_graph, nx_graph, THANH, HUNG)
    assert [(hop.relation, hop.forward, hop.target, hop.article) for hop in hops] == [
        ("kgo:chair", False, MEETING, A1),
        ("schema:location", True, PAC_NAM, A1),
        ("kgo:jurisdiction", False, UBND_HUYEN, A2),
        ("holds: Chủ tịch", False, HUNG, A2),
    ]
    assert hops[-1].quote == "Chủ tịch UBND huyện Pác Nặm"
    assert format_path(hops).splitlines()[-2] == (
        "UBND huyện Pác Nặm ←[holds: Chủ tịch]— Phạm Duy Hưng  “Chủ tịch UBND huyện Pác Nặm” (a2)"
    )


def test_path_errors_name_the_entity_or_the_gap(rdf_graph: Graph, nx_graph: nx.MultiDiGraph) -> None:
    with pytest.raises(KgError, match="kgr:person/nobody: no such entity"):
        shortest_fact_path(rdf_graph, nx_graph, "kgr:person/nobody", CHINH)
    with pytest.raises(KgError, match="no chain of facts links"):
        shortest_fact_path(rdf_graph, nx_graph, CHINH, LOAN)
    assert shortest_fact_path(rdf_graph, nx_graph, CHINH, CHINH) == []


@pytest.fixture
def store_location(tmp_path: Path) -> Path:
    store = open_store(tmp_path / "store")
    store.replace_graph(KGR + "graph/a1", parse(ARTICLE_1))
    store.replace_graph(KGR + "graph/a2", parse(ARTICLE_2))
    store.close()
    return tmp_path / "store"


def test_cli_stats_prints_rankings_and_communities(store_location: Path) -> None:
    result = CliRunner().invoke(main, ["stats", "--store", str(store_location), "--top", "2"])
    assert result.exit_code == 0, result.output
    persons = result.output.split("Persons by degree and betweenness centrality\n")[1].split("\n\n")[0]
    assert [line.split()[-1] for line in persons.splitlines()[2:]] == [
        "kgr:person/bac-kan/phuong-thi-thanh", "kgr:person/bac-kan/hoang-duy-chinh", "rows)",
    ]
    assert "kgr:org/tinh-uy-bac-kan" in result.output and "Communities (Louvain)" in result.output


def test_cli_path_prints_hops_with_quotes(store_location: Path) -> None:
    args = ["path", "kgr:person/bac-kan/hoang-duy-chinh", "kgr:place/bac-kan/commune/boc-bo"]
    result = CliRunner().invoke(main, [*args, "--store", str(store_location)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == (
        "Hoàng Duy Chinh ←[kgo:chair]— Buổi làm việc 2024-06-13  "
        "“Sáng 13/6, Ban Thường vụ Tỉnh ủy làm việc với Huyện ủy Pác Nặm.” (a1)"
    )
    assert result.output.splitlines()[-1] == "(3 hops)"


@pytest.mark.parametrize(("target", "message"), [
    ("kgr:person/nobody", "Error: kgr:person/nobody: no such entity in the graph"),
    ("kgr:person/bac-kan/ly-thi-loan", "Error: no chain of facts links"),
])
def test_cli_path_exits_1_with_one_line(store_location: Path, target: str, message: str) -> None:
    result = CliRunner().invoke(main, ["path", CHINH, target, "--store", str(store_location)])
    assert result.exit_code == 1
    assert result.output.startswith(message) and len(result.output.splitlines()) == 1
