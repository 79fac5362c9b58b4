"""Codes, successors and roads' waypoints in RDF (the administrative-unit part of ``_map_place``)."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF

from kg.model import AdminUnit, Article, ArticleFacts, Place
from kg.rdf import map_article
from kg.rdf.namespaces import KGO, KGR, SCHEMA
from kg.validate import validate_graph

TEXT = "Huyện Pác Nặm đề nghị nâng cấp đường 258B đoạn từ Giáo Hiệu - Cao Tân qua xã Bộc Bố."
THAI_NGUYEN = AdminUnit("Thái Nguyên", "province", "19", "Thái Nguyên")
BANG_THANH = AdminUnit("Bằng Thành", "commune", "01864", "Thái Nguyên", within=THAI_NGUYEN)
SEGMENT = "258B đoạn từ Giáo Hiệu - Cao Tân"

BOC_BO = KGR["place/bac-kan/commune/boc-bo"]
NEW_BANG_THANH = KGR["place/thai-nguyen/commune/bang-thanh"]
DATASET = KGR["source/vietnamadminunits"]


def span(part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return (start, start + len(part))


@pytest.fixture(scope="module")
def graph() -> Graph:
    article = Article(id="bk-test", text=TEXT, source="Báo Bắc Kạn", published="2024-06-13", province="Bắc Kạn")
    facts = ArticleFacts(
        article=article,
        province="Bắc Kạn",
        places=(
            Place("Bắc Kạn", "province", code="06", successors=(THAI_NGUYEN,), spans=(span("Pác Nặm"),)),
            Place("Pác Nặm", "district", within="province:Bắc Kạn", code="060", spans=(span("Pác Nặm"),)),
            Place("Bộc Bố", "commune", within="district:Pác Nặm", code="01864", successors=(BANG_THANH,),
                  spans=(span("Bộc Bố"),)),
            Place("Giáo Hiệu", "commune", within="district:Pác Nặm", code="01870", successors=(BANG_THANH,),
                  spans=(span("Giáo Hiệu"),)),
            Place("258B", "road", spans=(span("258B"),)),
            Place(SEGMENT, "road_segment", within="road:258B", waypoints=("Giáo Hiệu", "Cao Tân"),
                  passes_through=("commune:Giáo Hiệu",), spans=(span(SEGMENT),)),
        ),
    )
    return map_article(facts)


def test_code_and_successor(graph: Graph) -> None:
    assert graph.value(BOC_BO, KGO.adminCode) == Literal("01864")
    assert set(graph.objects(BOC_BO, KGO.successor)) == {NEW_BANG_THANH}
    assert (KGR["place/bac-kan"], KGO.successor, KGR["place/thai-nguyen"]) in graph


def test_successor_is_a_place_of_its_own_from_the_reference_dataset(graph: Graph) -> None:
    assert (NEW_BANG_THANH, RDF.type, KGO.Commune) in graph
    assert graph.value(NEW_BANG_THANH, SCHEMA.name) == Literal("Bằng Thành", lang="vi")
    assert graph.value(NEW_BANG_THANH, KGO.adminCode) == Literal("01864")
    assert graph.value(NEW_BANG_THANH, SCHEMA.containedInPlace) == KGR["place/thai-nguyen"]
    assert set(graph.objects(NEW_BANG_THANH, PROV.wasDerivedFrom)) == {DATASET}
    assert not set(graph.objects(NEW_BANG_THANH, KGO.evidence))
    assert (DATASET, RDF.type, KGO.ReferenceDataset) in graph


def test_a_successor_with_a_namesake_before_it_is_minted_apart() -> None:
    text = "Tỉnh An Giang."
    new_an_giang = AdminUnit("An Giang", "province", "91", "An Giang", established="2025-07-01")
    facts = ArticleFacts(
        article=Article(id="ag", text=text, source="Báo An Giang", published="2024-07-09"),
        province="An Giang",
        places=(Place("An Giang", "province", code="89", successors=(new_an_giang,), spans=((5, 13),)),),
    )
    graph = map_article(facts)
    assert graph.value(KGR["place/an-giang"], KGO.successor) == URIRef(f"{KGR}place/an-giang/2025")
    assert graph.value(URIRef(f"{KGR}place/an-giang/2025"), KGO.adminCode) == Literal("91")


def test_road_segment_passes_through(graph: Graph) -> None:
    segment = KGR["place/bac-kan/road_segment/258b-doan-tu-giao-hieu-cao-tan"]
    assert set(graph.objects(segment, KGO.passesThrough)) == {KGR["place/bac-kan/commune/giao-hieu"]}


def test_graph_with_reference_places_conforms(graph: Graph) -> None:
    report = validate_graph(graph)
    assert report.conforms, report.violations


def test_a_place_with_neither_evidence_nor_dataset_is_reported(graph: Graph) -> None:
    broken = Graph()
    for triple in graph:
        if not (triple[0] == NEW_BANG_THANH and triple[1] == PROV.wasDerivedFrom):
            broken.add(triple)
    report = validate_graph(broken)
    assert not report.conforms
    assert any(r.focus_node.endswith("thai-nguyen/commune/bang-thanh") for r in report.violations)


def test_successor_must_be_a_place(graph: Graph) -> None:
    broken = Graph()
    for triple in graph:
        broken.add(triple)
    broken.add((BOC_BO, KGO.successor, DATASET))
    report = validate_graph(broken)
    assert any(r.path == "kgo:successor" for r in report.violations)
