from decimal import Decimal

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import ORG, PROV, RDF, SKOS, TIME, XSD

from kg.errors import MappingError
from kg.model import (
    Article,
    ArticleFacts,
    DocumentRef,
    Indicator,
    Meeting,
    Office,
    Organization,
    Person,
    Place,
    Proposal,
)
from kg.rdf import iris, map_article
from kg.rdf.namespaces import KGO, OA, SCHEMA

TEXT = (
    "Chiều 5-3-2024, Ban Thường vụ Tỉnh ủy Cao Bằng làm việc với Huyện ủy Hòa An. "
    "Đồng chí Lục Văn Tâm, Bí thư Tỉnh ủy chủ trì. Huyện Hòa An đề nghị hỗ trợ trên 12 tỷ đồng "
    "cho xã Dân Chủ. Huyện đạt 78/98 chỉ tiêu, đạt 79,6%. Theo Kết luận số 14-KL/TW ngày 22/9/2021."
)


def span(part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return (start, start + len(part))


@pytest.fixture
def facts() -> ArticleFacts:
    article = Article(id="cb-test", text=TEXT, source="Báo Cao Bằng", published="2024-03-06")
    return ArticleFacts(
        article=article,
        province="Cao Bằng",
        places=(
            Place("Cao Bằng", "province", spans=(span("Cao Bằng"),)),
            Place("Hòa An", "district", within="province:Cao Bằng", spans=(span("Huyện Hòa An"),)),
            Place("Dân Chủ", "commune", within="district:Hòa An", spans=(span("xã Dân Chủ"),)),
        ),
        organizations=(
            Organization("Tỉnh ủy", "Tỉnh ủy Cao Bằng", "party_committee", place="province:Cao Bằng",
                         spans=(span("Tỉnh ủy Cao Bằng"),)),
            Organization("Ban Thường vụ Tỉnh ủy Cao Bằng", "Ban Thường vụ Tỉnh ủy Cao Bằng", "standing_committee",
                         parent="Tỉnh ủy Cao Bằng", spans=(span("Ban Thường vụ Tỉnh ủy Cao Bằng"),)),
            Organization("Huyện ủy Hòa An", "Huyện ủy Hòa An", "party_committee", place="district:Hòa An",
                         spans=(span("Huyện ủy Hòa An"),)),
        ),
        persons=(
            Person("Lục Văn Tâm", (Office("Bí thư Tỉnh ủy", "Bí thư", "Tỉnh ủy Cao Bằng",
                                           spans=(span("Bí thư Tỉnh ủy"),)),),
                   spans=(span("Lục Văn Tâm"),)),
        ),
        meetings=(
            Meeting("2024-03-05", "working_session", organizer="Ban Thường vụ Tỉnh ủy Cao Bằng",
                    participants=("Huyện ủy Hòa An",), chairs=("Lục Văn Tâm",), part_of_day="afternoon",
                    spans=(span("Chiều 5-3-2024, Ban Thường vụ Tỉnh ủy Cao Bằng làm việc với Huyện ủy Hòa An."),)),
        ),
        proposals=(
            Proposal("hỗ trợ trên 12 tỷ đồng cho xã Dân Chủ", "funding", proposer="district:Hòa An",
                     addressee="Ban Thường vụ Tỉnh ủy Cao Bằng", places=("commune:Dân Chủ",),
                     amount_vnd=Decimal("12000000000"), amount_qualifier="more_than",
                     spans=(span("đề nghị hỗ trợ trên 12 tỷ đồng cho xã Dân Chủ"),)),
        ),
        indicators=(
            Indicator("78/98 chỉ tiêu, đạt 79,6%", "chỉ tiêu", Decimal(78), "count", target=Decimal(98),
                      percent_of_target=Decimal("79.6"), subject="district:Hòa An",
                      spans=(span("78/98 chỉ tiêu, đạt 79,6%"),)),
        ),
        documents=(
            DocumentRef("Kết luận số 14-KL/TW", "14-KL/TW", "Kết luận", date="2021-09-22",
                        spans=(span("Kết luận số 14-KL/TW ngày 22/9/2021"),)),
        ),
    )


def test_membership_is_dated_by_the_meeting_and_carries_evidence(facts: ArticleFacts) -> None:
    graph = map_article(facts)
    person = iris.person_iri("Lục Văn Tâm", "Cao Bằng")
    membership = graph.value(predicate=ORG.member, object=person)
    assert graph.value(membership, ORG.organization) == iris.organization_iri("Tỉnh ủy Cao Bằng")
    assert graph.value(membership, ORG.role) == iris.role_iri("Bí thư")
    assert graph.value(membership, KGO.post) == iris.post_iri("Tỉnh ủy Cao Bằng", "Bí thư")
    instant = graph.value(graph.value(membership, ORG.memberDuring), TIME.inside)
    assert graph.value(instant, TIME.inXSDDate) == Literal("2024-03-05", datatype=XSD.date)
    assert graph.value(membership, PROV.wasDerivedFrom) == iris.article_iri("cb-test")
    evidence = graph.value(membership, KGO.evidence)
    quotes = [graph.value(s, OA.exact) for s in graph.objects(evidence, OA.hasSelector)]
    assert Literal("Bí thư Tỉnh ủy", lang="vi") in quotes


def test_every_quote_is_the_text_at_its_offsets(facts: ArticleFacts) -> None:
    graph = map_article(facts)
    selectors = list(graph.subjects(RDF.type, OA.SpecificResource))
    assert selectors
    for evidence in selectors:
        by_type = {graph.value(s, RDF.type): s for s in graph.objects(evidence, OA.hasSelector)}
        quote, position = by_type[OA.TextQuoteSelector], by_type[OA.TextPositionSelector]
        start, end = graph.value(position, OA.start).toPython(), graph.value(position, OA.end).toPython()
        assert str(graph.value(quote, OA.exact)) == TEXT[start:end]


def test_amount_with_lower_bound_is_a_min_value(facts: ArticleFacts) -> None:
    graph = map_article(facts)
    cost = graph.value(iris.in_article("cb-test", "proposal", "1"), KGO.estimatedCost)
    assert graph.value(cost, SCHEMA.minValue) == Literal("12000000000.0", datatype=XSD.decimal)
    assert graph.value(cost, SCHEMA.value) is None
    assert graph.value(cost, SCHEMA.currency) == Literal("VND")


def test_names_are_vietnamese_literals_and_places_nest(facts: ArticleFacts) -> None:
    graph = map_article(facts)
    commune = iris.place_iri("commune", "Dân Chủ", "Cao Bằng")
    assert graph.value(commune, SCHEMA.name) == Literal("Dân Chủ", lang="vi")
    assert graph.value(commune, SCHEMA.containedInPlace) == iris.place_iri("district", "Hòa An", "Cao Bằng")
    standing = iris.organization_iri("Ban Thường vụ Tỉnh ủy Cao Bằng")
    assert graph.value(standing, ORG.subOrganizationOf) == iris.organization_iri("Tỉnh ủy Cao Bằng")
    assert graph.value(standing, SKOS.prefLabel) == Literal("Ban Thường vụ Tỉnh ủy Cao Bằng", lang="vi")


def test_mapping_is_deterministic_and_has_no_blank_nodes(facts: ArticleFacts) -> None:
    first, second = map_article(facts), map_article(facts)
    assert sorted(first) == sorted(second)
    assert all(isinstance(term, (URIRef, Literal)) for triple in first for term in triple)


def test_a_reference_to_a_missing_fact_is_an_error(facts: ArticleFacts) -> None:
    from dataclasses import replace

    broken = replace(facts, meetings=(replace(facts.meetings[0], chairs=("Không Có Ai",)),))
    with pytest.raises(MappingError, match="Không Có Ai"):
        map_article(broken)


def test_document_is_cited_by_the_article(facts: ArticleFacts) -> None:
    graph = map_article(facts)
    assert (iris.article_iri("cb-test"), SCHEMA.citation, iris.document_iri("14-KL/TW")) in graph
    assert graph.value(iris.document_iri("14-KL/TW"), RDF.type) == KGO.Conclusion


def test_district_bodies_of_the_same_name_in_two_provinces_stay_apart() -> None:
    def huyen_uy_of(province: str) -> ArticleFacts:
        text = "Huyện ủy Châu Thành họp."
        article = Article(id=f"a-{province[:2].lower()}", text=text, source="Báo", published="2024-01-02")
        return ArticleFacts(
            article=article, province=province,
            places=(Place(province, "province", spans=((0, 8),)),
                    Place("Châu Thành", "district", within=f"province:{province}", spans=((9, 19),))),
            organizations=(Organization("Huyện ủy Châu Thành", "Huyện ủy Châu Thành", "party_committee",
                                        place="district:Châu Thành", spans=((0, 19),)),),
        )

    first, second = map_article(huyen_uy_of("Tiền Giang")), map_article(huyen_uy_of("Long An"))
    assert iris.organization_iri("Huyện ủy Châu Thành", "Tiền Giang") in set(first.subjects())
    assert iris.organization_iri("Huyện ủy Châu Thành", "Long An") in set(second.subjects())
    assert iris.organization_iri("Huyện ủy Châu Thành", "Tiền Giang") != iris.organization_iri(
        "Huyện ủy Châu Thành", "Long An")
