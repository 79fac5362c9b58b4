"""Each shape in ontology/shapes.ttl fires: break the valid fixture one way, find the result.

Also checks the ontology itself: it parses, declares every kgo: term the shapes use, and labels and
comments every term it declares.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib import OWL, RDF, RDFS, Namespace, URIRef
from rdflib.namespace import SKOS

from kg.validate import ValidationReport, validate_graph

FIXTURE = Path(__file__).parent / "fixtures" / "valid_graph.trig"
KGO = Namespace("https://w3id.org/kgvn/ontology#")
SH = Namespace("http://www.w3.org/ns/shacl#")

AID = "bbk-2024-06-13-pac-nam"
ARTICLE = f"article/{AID}"
CHINH = "person/bac-kan/hoàng-duy-chinh"
HUNG = "person/bac-kan/phạm-duy-hùng"
CHINH_MEMBERSHIP = f"{ARTICLE}/membership/hoàng-duy-chinh/tinh-uy-bac-kan/bi-thu"
HUNG_MEMBERSHIP = f"{ARTICLE}/membership/phạm-duy-hùng/tinh-uy-bac-kan/pho-bi-thu-thuong-truc"
MEETING = f"{ARTICLE}/meeting/1"
PROPOSAL = f"{ARTICLE}/proposal/1"
COST = f"{PROPOSAL}/cost"
INDICATOR = f"{ARTICLE}/indicator/1"
DOCUMENT = "document/21-kl-tw"
CHINH_EVIDENCE = f"{ARTICLE}/evidence/20-35"
SEGMENT = "place/bac-kan/road-segment/boc-bo-co-linh"
MERGE = "resolution/org/tinh-uy-bac-kan"

UPDATE_PROLOGUE = """
BASE <https://w3id.org/kgvn/id/>
PREFIX kgo: <https://w3id.org/kgvn/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX schema: <https://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


def _replace(subject: str, predicate: str, new_object: str) -> str:
    """A SPARQL update that gives ``subject`` the single ``predicate`` value ``new_object``."""
    return (f"DELETE {{ <{subject}> {predicate} ?old }} INSERT {{ <{subject}> {predicate} {new_object} }} "
            f"WHERE {{ OPTIONAL {{ <{subject}> {predicate} ?old }} }}")


def _delete(subject: str, predicate: str) -> str:
    return f"DELETE WHERE {{ <{subject}> {predicate} ?old }}"


def _add(subject: str, predicate: str, new_object: str) -> str:
    return f"INSERT DATA {{ <{subject}> {predicate} {new_object} }}"


# (id, SPARQL update, focus node, path or source shape the report must name)
BREAKS: list[tuple[str, str, str, str]] = [
    # provenance
    ("person-without-evidence", _delete(CHINH, "kgo:evidence"), f"kgr:{CHINH}", "kgo:evidence"),
    ("meeting-without-source", _delete(MEETING, "prov:wasDerivedFrom"), f"kgr:{MEETING}", "prov:wasDerivedFrom"),
    ("document-without-evidence", _delete(DOCUMENT, "kgo:evidence"), f"kgr:{DOCUMENT}", "kgo:evidence"),
    ("membership-without-evidence", _delete(HUNG_MEMBERSHIP, "kgo:evidence"), f"kgr:{HUNG_MEMBERSHIP}",
     "kgo:evidence"),
    ("source-not-an-article", _add(HUNG, "prov:wasDerivedFrom", "<org/bao-bac-kan>"), f"kgr:{HUNG}",
     "prov:wasDerivedFrom"),
    ("evidence-not-a-specific-resource", _add(INDICATOR, "kgo:evidence", "<place/bac-kan>"),
     f"kgr:{INDICATOR}", "kgo:evidence"),
    ("evidence-from-another-article",
     _replace(CHINH_EVIDENCE, "oa:hasSource", "<article/other>")
     + "; INSERT DATA { <article/other> a schema:NewsArticle ; schema:articleBody \"x\"@vi }",
     f"kgr:{CHINH}", "kgsh:EvidenceFromSourceShape"),
    # evidence and selectors
    ("evidence-without-source", _delete(CHINH_EVIDENCE, "oa:hasSource"), f"kgr:{CHINH_EVIDENCE}",
     "oa:hasSource"),
    ("evidence-without-position", f"DELETE DATA {{ <{CHINH_EVIDENCE}> oa:hasSelector <{CHINH_EVIDENCE}/position> }}",
     f"kgr:{CHINH_EVIDENCE}", "kgsh:EvidenceShape/oa:hasSelector"),
    ("wrong-quote-offsets",
     _replace(f"{CHINH_EVIDENCE}/position", "oa:start", '"21"^^xsd:integer') + ";"
     + _replace(f"{CHINH_EVIDENCE}/position", "oa:end", '"36"^^xsd:integer'),
     f"kgr:{CHINH_EVIDENCE}", "kgsh:EvidenceShape"),
    ("quote-without-vi", _replace(f"{CHINH_EVIDENCE}/quote", "oa:exact", '"Hoàng Duy Chinh"'),
     f"kgr:{CHINH_EVIDENCE}/quote", "oa:exact"),
    ("start-after-end", _replace(f"{CHINH_EVIDENCE}/position", "oa:start", '"40"^^xsd:integer'),
     f"kgr:{CHINH_EVIDENCE}/position", "oa:start"),
    ("start-wrong-datatype", _replace(f"{CHINH_EVIDENCE}/position", "oa:start", '"20"'),
     f"kgr:{CHINH_EVIDENCE}/position", "oa:start"),
    ("start-negative", _replace(f"{CHINH_EVIDENCE}/position", "oa:start", '"-1"^^xsd:integer'),
     f"kgr:{CHINH_EVIDENCE}/position", "oa:start"),
    ("end-missing", _delete(f"{CHINH_EVIDENCE}/position", "oa:end"), f"kgr:{CHINH_EVIDENCE}/position", "oa:end"),
    # article and publisher
    ("article-without-id", _delete(ARTICLE, "dcterms:identifier"), f"kgr:{ARTICLE}", "dcterms:identifier"),
    ("article-date-plain-string", _replace(ARTICLE, "schema:datePublished", '"2024-06-13"'), f"kgr:{ARTICLE}",
     "schema:datePublished"),
    ("article-body-without-vi", f"DELETE {{ <{ARTICLE}> schema:articleBody ?b }} "
     f"INSERT {{ <{ARTICLE}> schema:articleBody ?plain }} "
     f"WHERE {{ <{ARTICLE}> schema:articleBody ?b BIND (STR(?b) AS ?plain) }}",
     f"kgr:{ARTICLE}", "schema:articleBody"),
    ("article-in-english", _replace(ARTICLE, "schema:inLanguage", '"en"'), f"kgr:{ARTICLE}", "schema:inLanguage"),
    ("article-url-literal", _replace(ARTICLE, "schema:url", '"https://baobackan.vn/x"'), f"kgr:{ARTICLE}",
     "schema:url"),
    ("publisher-wrong-class", _replace(ARTICLE, "schema:publisher", "<org/tinh-uy-bac-kan>"), f"kgr:{ARTICLE}",
     "schema:publisher"),
    ("citation-not-a-document", _add(ARTICLE, "schema:citation", f"<{PROPOSAL}>"), f"kgr:{ARTICLE}",
     "schema:citation"),
    ("publisher-without-name", _delete("org/bao-bac-kan", "schema:name"), "kgr:org/bao-bac-kan", "schema:name"),
    # persons
    ("person-without-name", _delete(HUNG, "schema:name"), f"kgr:{HUNG}", "schema:name"),
    ("person-name-without-vi", _replace(HUNG, "schema:name", '"Phạm Duy Hưng"'), f"kgr:{HUNG}", "schema:name"),
    ("person-name-in-english", _replace(HUNG, "schema:name", '"Pham Duy Hung"@en'), f"kgr:{HUNG}", "schema:name"),
    ("person-two-names", _add(HUNG, "schema:name", '"Hưng"@vi'), f"kgr:{HUNG}", "schema:name"),
    # organizations
    ("organization-without-preflabel", _delete("org/bac-kan/huyen-uy-pac-nam", "skos:prefLabel"),
     "kgr:org/bac-kan/huyen-uy-pac-nam", "skos:prefLabel"),
    ("organization-two-preflabels", _add("org/bac-kan/huyen-uy-pac-nam", "skos:prefLabel", '"Huyện ủy"@vi'),
     "kgr:org/bac-kan/huyen-uy-pac-nam", "skos:prefLabel"),
    ("organization-altlabel-without-vi", _add("org/bac-kan/huyen-uy-pac-nam", "skos:altLabel", '"Huyện ủy"'),
     "kgr:org/bac-kan/huyen-uy-pac-nam", "skos:altLabel"),
    ("jurisdiction-not-a-place", _replace("org/bac-kan/huyen-uy-pac-nam", "kgo:jurisdiction", f"<{HUNG}>"),
     "kgr:org/bac-kan/huyen-uy-pac-nam", "kgo:jurisdiction"),
    ("suborganization-of-a-person", _add("org/bac-kan/huyen-uy-pac-nam", "org:subOrganizationOf", f"<{HUNG}>"),
     "kgr:org/bac-kan/huyen-uy-pac-nam", "org:subOrganizationOf"),
    ("standing-committee-under-a-place",
     _replace("org/ban-thuong-vu-tinh-uy-bac-kan", "org:subOrganizationOf", "<place/bac-kan>"),
     "kgr:org/ban-thuong-vu-tinh-uy-bac-kan", "kgsh:StandingCommitteeShape/org:subOrganizationOf"),
    # roles, posts
    ("role-without-preflabel", _delete("role/bi-thu", "skos:prefLabel"), "kgr:role/bi-thu", "skos:prefLabel"),
    ("post-without-organization", _delete("post/tinh-uy-bac-kan/bi-thu", "org:postIn"),
     "kgr:post/tinh-uy-bac-kan/bi-thu", "org:postIn"),
    ("post-role-wrong-class", _replace("post/tinh-uy-bac-kan/bi-thu", "org:role", "<place/bac-kan>"),
     "kgr:post/tinh-uy-bac-kan/bi-thu", "org:role"),
    ("post-label-without-vi", _replace("post/tinh-uy-bac-kan/bi-thu", "skos:prefLabel", '"Bí thư"'),
     "kgr:post/tinh-uy-bac-kan/bi-thu", "skos:prefLabel"),
    # memberships
    ("membership-without-member", _delete(HUNG_MEMBERSHIP, "org:member"), f"kgr:{HUNG_MEMBERSHIP}", "org:member"),
    ("membership-member-not-a-person", _replace(HUNG_MEMBERSHIP, "org:member", "<org/tinh-uy-bac-kan>"),
     f"kgr:{HUNG_MEMBERSHIP}", "org:member"),
    ("membership-without-post", _delete(HUNG_MEMBERSHIP, "kgo:post"), f"kgr:{HUNG_MEMBERSHIP}", "kgo:post"),
    ("membership-without-interval", _delete(HUNG_MEMBERSHIP, "org:memberDuring"), f"kgr:{HUNG_MEMBERSHIP}",
     "org:memberDuring"),
    ("membership-status-not-a-status", _replace(HUNG_MEMBERSHIP, "kgo:officeStatus", "kgo:Morning"),
     f"kgr:{HUNG_MEMBERSHIP}", "kgo:officeStatus"),
    ("membership-title-without-vi", _replace(HUNG_MEMBERSHIP, "kgo:titleAsWritten", '"Phó Bí thư"'),
     f"kgr:{HUNG_MEMBERSHIP}", "kgo:titleAsWritten"),
    ("membership-organization-not-posts",
     _replace(HUNG_MEMBERSHIP, "org:organization", "<org/bac-kan/huyen-uy-pac-nam>"),
     f"kgr:{HUNG_MEMBERSHIP}", "kgsh:MembershipShape"),
    ("membership-role-not-posts", _replace(HUNG_MEMBERSHIP, "org:role", "<role/bi-thu>"),
     f"kgr:{HUNG_MEMBERSHIP}", "kgsh:MembershipShape"),
    ("interval-without-instant", _delete(f"{HUNG_MEMBERSHIP}/interval", "time:inside"),
     f"kgr:{HUNG_MEMBERSHIP}/interval", "time:inside"),
    ("instant-date-as-datetime", _replace("date/2024-06-13", "time:inXSDDate", '"2024-06-13T00:00:00"^^xsd:dateTime'),
     "kgr:date/2024-06-13", "time:inXSDDate"),
    # places
    ("place-without-name", _delete("place/bac-kan/commune/boc-bo", "schema:name"), "kgr:place/bac-kan/commune/boc-bo",
     "schema:name"),
    ("place-name-without-vi", _replace("place/bac-kan/commune/boc-bo", "schema:name", '"Bộc Bố"'),
     "kgr:place/bac-kan/commune/boc-bo", "schema:name"),
    ("place-in-a-person", _replace("place/bac-kan/commune/boc-bo", "schema:containedInPlace", f"<{HUNG}>"),
     "kgr:place/bac-kan/commune/boc-bo", "schema:containedInPlace"),
    ("place-without-evidence", _delete("place/bac-kan/commune/co-linh", "kgo:evidence"),
     "kgr:place/bac-kan/commune/co-linh", "kgo:evidence"),
    ("admin-code-integer", _add("place/bac-kan", "kgo:adminCode", "6"), "kgr:place/bac-kan", "kgo:adminCode"),
    ("waypoints-without-vi", _replace(SEGMENT, "kgo:waypoints", '"Bộc Bố – Cổ Linh"'), f"kgr:{SEGMENT}",
     "kgo:waypoints"),
    ("segment-of-a-commune", _replace(SEGMENT, "kgo:segmentOf", "<place/bac-kan/commune/boc-bo>"), f"kgr:{SEGMENT}",
     "kgo:segmentOf"),
    # meetings
    ("meeting-without-date", _delete(MEETING, "schema:startDate"), f"kgr:{MEETING}", "schema:startDate"),
    ("meeting-date-plain-string", _replace(MEETING, "schema:startDate", '"13/6/2024"'), f"kgr:{MEETING}",
     "schema:startDate"),
    ("meeting-part-of-day-not-a-part", _replace(MEETING, "kgo:partOfDay", "kgo:Funding"), f"kgr:{MEETING}",
     "kgo:partOfDay"),
    ("meeting-organizer-a-place", _add(MEETING, "schema:organizer", "<place/bac-kan>"), f"kgr:{MEETING}",
     "schema:organizer"),
    ("meeting-attendee-a-person", _add(MEETING, "schema:attendee", f"<{HUNG}>"), f"kgr:{MEETING}",
     "schema:attendee"),
    ("meeting-chair-an-organization", _add(MEETING, "kgo:chair", "<org/bac-kan/huyen-uy-pac-nam>"), f"kgr:{MEETING}",
     "kgsh:MeetingShape/kgo:chair"),
    ("meeting-concluded-by-a-place", _replace(MEETING, "kgo:concludedBy", "<place/bac-kan>"), f"kgr:{MEETING}",
     "kgo:concludedBy"),
    ("meeting-location-a-person", _replace(MEETING, "schema:location", f"<{HUNG}>"), f"kgr:{MEETING}",
     "schema:location"),
    ("meeting-description-without-vi", _replace(MEETING, "schema:description", '"làm việc"'), f"kgr:{MEETING}",
     "schema:description"),
    ("chair-without-office-on-the-day", _replace(MEETING, "schema:startDate", '"2024-06-14"^^xsd:date'),
     f"kgr:{MEETING}", "kgsh:MeetingShape"),
    ("chair-office-in-another-organization", _replace(MEETING, "schema:organizer", "<org/bac-kan/huyen-uy-pac-nam>"),
     f"kgr:{MEETING}", "kgsh:MeetingShape"),
    # proposals, amounts, projects
    ("proposal-without-description", _delete(PROPOSAL, "schema:description"), f"kgr:{PROPOSAL}",
     "schema:description"),
    ("proposal-without-kind", _delete(PROPOSAL, "kgo:requestKind"), f"kgr:{PROPOSAL}", "kgo:requestKind"),
    ("proposal-kind-not-a-kind", _replace(PROPOSAL, "kgo:requestKind", "kgo:Percent"), f"kgr:{PROPOSAL}",
     "kgo:requestKind"),
    ("proposal-without-proposer", _delete(PROPOSAL, "kgo:proposer"), f"kgr:{PROPOSAL}", "kgo:proposer"),
    ("proposal-proposer-a-person", _replace(PROPOSAL, "kgo:proposer", f"<{HUNG}>"), f"kgr:{PROPOSAL}",
     "kgo:proposer"),
    ("proposal-addressee-a-meeting", _replace(PROPOSAL, "kgo:addressee", f"<{MEETING}>"), f"kgr:{PROPOSAL}",
     "kgo:addressee"),
    ("proposal-place-a-person", _add(PROPOSAL, "kgo:concernsPlace", f"<{HUNG}>"), f"kgr:{PROPOSAL}",
     "kgsh:ProposalShape/kgo:concernsPlace"),
    ("proposal-project-a-place", _replace(PROPOSAL, "kgo:concernsProject", "<place/bac-kan>"), f"kgr:{PROPOSAL}",
     "kgo:concernsProject"),
    ("proposal-raised-at-an-organization", _replace(PROPOSAL, "kgo:raisedAt", "<org/bac-kan/huyen-uy-pac-nam>"),
     f"kgr:{PROPOSAL}", "kgo:raisedAt"),
    ("proposal-cost-not-an-amount", _replace(PROPOSAL, "kgo:estimatedCost", "<place/bac-kan>"), f"kgr:{PROPOSAL}",
     "kgo:estimatedCost"),
    ("proposal-without-evidence", _delete(PROPOSAL, "kgo:evidence"), f"kgr:{PROPOSAL}", "kgo:evidence"),
    ("amount-negative", _replace(COST, "schema:minValue", '"-5"^^xsd:decimal'), f"kgr:{COST}", "schema:minValue"),
    ("amount-as-string", _replace(COST, "schema:minValue", '"50000000000"'), f"kgr:{COST}", "schema:minValue"),
    ("amount-in-dollars", _replace(COST, "schema:currency", '"USD"'), f"kgr:{COST}", "schema:currency"),
    ("amount-without-currency", _delete(COST, "schema:currency"), f"kgr:{COST}", "schema:currency"),
    ("amount-both-value-and-bound", _add(COST, "schema:value", '"6"^^xsd:decimal'), f"kgr:{COST}",
     "kgsh:MonetaryAmountShape"),
    ("amount-without-value", _delete(COST, "schema:minValue"), f"kgr:{COST}", "kgsh:MonetaryAmountShape"),
    ("amount-qualifier-unknown", _replace(COST, "kgo:amountQualifier", '"approximately"'), f"kgr:{COST}",
     "kgo:amountQualifier"),
    ("project-without-name", _delete("project/bac-kan/nang-cap-duong-258b", "schema:name"),
     "kgr:project/bac-kan/nang-cap-duong-258b", "schema:name"),
    ("project-place-a-person", _add("project/bac-kan/nang-cap-duong-258b", "kgo:concernsPlace", f"<{HUNG}>"),
     "kgr:project/bac-kan/nang-cap-duong-258b", "kgsh:ProjectShape/kgo:concernsPlace"),
    # indicators
    ("indicator-without-text", _delete(INDICATOR, "kgo:indicatorText"), f"kgr:{INDICATOR}", "kgo:indicatorText"),
    ("indicator-text-without-vi", _replace(INDICATOR, "kgo:indicatorText", '"35/49"'), f"kgr:{INDICATOR}",
     "kgo:indicatorText"),
    ("indicator-topic-without-vi", _replace(INDICATOR, "kgo:topic", '"chỉ tiêu"'), f"kgr:{INDICATOR}",
     "kgo:topic"),
    ("indicator-without-value", _delete(INDICATOR, "kgo:value"), f"kgr:{INDICATOR}", "kgo:value"),
    ("indicator-value-as-string", _replace(INDICATOR, "kgo:value", '"35"'), f"kgr:{INDICATOR}", "kgo:value"),
    ("indicator-without-unit", _delete(INDICATOR, "kgo:unit"), f"kgr:{INDICATOR}", "kgo:unit"),
    ("indicator-unit-not-a-unit", _replace(INDICATOR, "kgo:unit", "kgo:Current"), f"kgr:{INDICATOR}", "kgo:unit"),
    ("indicator-qualifier-unknown", _replace(INDICATOR, "kgo:valueQualifier", '"roughly"'), f"kgr:{INDICATOR}",
     "kgo:valueQualifier"),
    ("indicator-target-negative", _replace(INDICATOR, "kgo:target", '"-49"^^xsd:decimal'), f"kgr:{INDICATOR}",
     "kgo:target"),
    ("indicator-percent-of-target-5000", _replace(INDICATOR, "kgo:percentOfTarget", '"5000"^^xsd:decimal'),
     f"kgr:{INDICATOR}", "kgo:percentOfTarget"),
    ("indicator-percent-of-target-negative", _replace(INDICATOR, "kgo:percentOfTarget", '"-1"^^xsd:decimal'),
     f"kgr:{INDICATOR}", "kgo:percentOfTarget"),
    ("indicator-change-as-integer", _add(INDICATOR, "kgo:changePercent", '"24"^^xsd:integer'), f"kgr:{INDICATOR}",
     "kgo:changePercent"),
    ("indicator-year-as-integer", _replace(INDICATOR, "kgo:periodYear", "2023"), f"kgr:{INDICATOR}",
     "kgo:periodYear"),
    ("indicator-compared-year-as-date", _add(INDICATOR, "kgo:comparedToYear", '"2020-01-01"^^xsd:date'),
     f"kgr:{INDICATOR}", "kgo:comparedToYear"),
    ("indicator-target-year-as-string", _add(INDICATOR, "kgo:targetYear", '"2025"'), f"kgr:{INDICATOR}",
     "kgo:targetYear"),
    ("indicator-as-of-as-string", _add(INDICATOR, "kgo:asOf", '"10/6/2024"'), f"kgr:{INDICATOR}", "kgo:asOf"),
    ("indicator-estimated-as-string", _replace(INDICATOR, "kgo:estimated", '"no"'), f"kgr:{INDICATOR}",
     "kgo:estimated"),
    ("indicator-subject-a-person", _replace(INDICATOR, "kgo:subject", f"<{HUNG}>"), f"kgr:{INDICATOR}",
     "kgo:subject"),
    ("indicator-without-source", _delete(INDICATOR, "prov:wasDerivedFrom"), f"kgr:{INDICATOR}",
     "prov:wasDerivedFrom"),
    # documents
    ("document-without-number", _delete(DOCUMENT, "schema:legislationIdentifier"), f"kgr:{DOCUMENT}",
     "schema:legislationIdentifier"),
    ("document-number-with-language", _replace(DOCUMENT, "schema:legislationIdentifier", '"21-KL/TW"@vi'),
     f"kgr:{DOCUMENT}", "schema:legislationIdentifier"),
    ("document-type-without-vi", _replace(DOCUMENT, "schema:legislationType", '"Kết luận"'), f"kgr:{DOCUMENT}",
     "schema:legislationType"),
    ("document-date-as-string", _replace(DOCUMENT, "schema:legislationDate", '"25/10/2021"'), f"kgr:{DOCUMENT}",
     "schema:legislationDate"),
    ("document-passed-by-a-place", _replace(DOCUMENT, "schema:legislationPassedBy", "<place/bac-kan>"),
     f"kgr:{DOCUMENT}", "schema:legislationPassedBy"),
    ("document-term-as-integer", _replace(DOCUMENT, "kgo:term", "13"), f"kgr:{DOCUMENT}", "kgo:term"),
    # merge records (entity resolution)
    ("merge-without-entity", _delete(MERGE, "kgo:mergedEntity"), f"kgr:{MERGE}", "kgo:mergedEntity"),
    ("merge-of-a-meeting", _replace(MERGE, "kgo:mergedEntity", f"<{MEETING}>"), f"kgr:{MERGE}", "kgo:mergedEntity"),
    ("merge-rule-unknown", _replace(MERGE, "kgo:mergeRule", "kgo:Current"), f"kgr:{MERGE}", "kgo:mergeRule"),
    ("merge-of-one-mention", f"DELETE DATA {{ <{MERGE}> kgo:mention <{ARTICLE}/evidence/37-59> }}", f"kgr:{MERGE}",
     "kgo:mention"),
    ("merge-without-article", _delete(MERGE, "prov:wasDerivedFrom"), f"kgr:{MERGE}", "prov:wasDerivedFrom"),
    ("mention-not-evidence-of-the-entity", _add(MERGE, "kgo:mention", f"<{CHINH_EVIDENCE}>"), f"kgr:{MERGE}",
     "kgsh:MergeRecordShape"),
]


def valid_graph() -> rdflib.Graph:
    """The fixture's triples in one graph (a fresh copy: tests change it)."""
    dataset = rdflib.Dataset()
    dataset.parse(FIXTURE, format="trig")
    graph = rdflib.Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def _validate(graph: rdflib.Graph, shapes: rdflib.Graph, ontology: rdflib.Graph) -> ValidationReport:
    return validate_graph(graph, shapes=shapes, ontology=ontology)


def test_valid_graph_conforms_without_results(shapes: rdflib.Graph, ontology: rdflib.Graph) -> None:
    report = _validate(valid_graph(), shapes, ontology)
    assert report.conforms, report.results
    assert report.results == ()


@pytest.mark.parametrize(("update", "focus", "expected"), [case[1:] for case in BREAKS],
                         ids=[case[0] for case in BREAKS])
def test_each_break_is_reported(
    update: str, focus: str, expected: str, shapes: rdflib.Graph, ontology: rdflib.Graph
) -> None:
    graph = valid_graph()
    before = len(graph)
    graph.update(UPDATE_PROLOGUE + update)
    assert len(graph) != before or "DELETE" in update, "the update changed nothing"
    report = _validate(graph, shapes, ontology)
    assert not report.conforms
    matches = [r for r in report.results if r.focus_node == focus and expected in (r.path, r.source_shape)]
    assert matches, "\n".join(f"{r.focus_node} | {r.path} | {r.source_shape}" for r in report.results)
    assert all(r.severity == "Violation" and r.message for r in matches)


def test_break_ids_are_unique() -> None:
    ids = [case[0] for case in BREAKS]
    assert len(ids) == len(set(ids))


def test_missing_display_label_is_only_a_warning(shapes: rdflib.Graph, ontology: rdflib.Graph) -> None:
    graph = valid_graph()
    graph.update(UPDATE_PROLOGUE + _delete(HUNG, "rdfs:label"))
    report = _validate(graph, shapes, ontology)
    assert report.conforms
    [result] = report.results
    assert (result.focus_node, result.path, result.severity) == (f"kgr:{HUNG}", "rdfs:label", "Warning")
    assert result.source_shape == "kgsh:DisplayLabelShape/rdfs:label"


def test_every_shape_is_proven_to_fire(shapes: rdflib.Graph) -> None:
    """Every named node shape appears in some break (or the warning test)."""
    named = {f"kgsh:{str(s).split('#')[1]}" for s in shapes.subjects(RDF.type, SH.NodeShape)}
    node_shape_of_path = _node_shapes_by_path(shapes)
    proven = {"kgsh:DisplayLabelShape"}
    for _, _, _, expected in BREAKS:
        if expected.startswith("kgsh:"):
            proven.add(expected.split("/")[0])
        else:
            proven |= node_shape_of_path.get(expected, set())
    assert named - proven == set()


def _node_shapes_by_path(shapes: rdflib.Graph) -> dict[str, set[str]]:
    paths: dict[str, set[str]] = {}
    for node_shape, property_shape in shapes.subject_objects(SH.property):
        path = shapes.value(property_shape, SH.path)
        if isinstance(path, URIRef) and isinstance(node_shape, URIRef):
            curie = shapes.namespace_manager.normalizeUri(path)
            paths.setdefault(curie, set()).add(f"kgsh:{str(node_shape).split('#')[1]}")
    return paths


# ---- the ontology -------------------------------------------------------------------------------

def _kgo_terms(graph: rdflib.Graph) -> set[URIRef]:
    return {term for triple in graph for term in triple if isinstance(term, URIRef) and term.startswith(KGO)}


def test_ontology_parses_and_is_described(ontology: rdflib.Graph) -> None:
    iri = URIRef("https://w3id.org/kgvn/ontology")
    assert (iri, RDF.type, OWL.Ontology) in ontology
    for predicate in ("http://purl.org/dc/terms/title", "http://purl.org/dc/terms/description",
                      str(OWL.versionInfo), "http://purl.org/vocab/vann/preferredNamespacePrefix"):
        assert ontology.value(iri, URIRef(predicate)) is not None, predicate


def test_ontology_has_no_blank_nodes(ontology: rdflib.Graph) -> None:
    assert not [t for triple in ontology for t in triple if isinstance(t, rdflib.BNode)]


def test_every_kgo_term_in_shapes_is_declared(shapes: rdflib.Graph, ontology: rdflib.Graph) -> None:
    declared = {s for s in ontology.subjects(RDF.type, None) if s.startswith(KGO)}
    assert _kgo_terms(shapes) - declared == set()


def test_every_kgo_term_in_the_fixture_is_declared(ontology: rdflib.Graph) -> None:
    declared = {s for s in ontology.subjects(RDF.type, None) if s.startswith(KGO)}
    assert _kgo_terms(valid_graph()) - declared == set()


def test_every_declared_term_has_labels_and_comment(ontology: rdflib.Graph) -> None:
    declared = {s for s in ontology.subjects(RDF.type, None) if isinstance(s, URIRef) and s.startswith(KGO)}
    assert len(declared) > 90
    for term in sorted(declared):
        languages = {label.language for label in ontology.objects(term, RDFS.label)}
        assert {"en", "vi"} <= languages, term
        assert any(c.language == "en" for c in ontology.objects(term, RDFS.comment)), term


def test_concepts_are_in_their_schemes(ontology: rdflib.Graph) -> None:
    schemes = {
        "OfficeStatusScheme": {"Current", "Former", "Acting"},
        "PartOfDayScheme": {"Morning", "Afternoon", "Evening"},
        "RequestKindScheme": {"Funding", "PlanningInclusion", "Upgrade", "Investment", "Study", "OtherRequest"},
        "UnitScheme": {"Percent", "VND", "VNDPerPersonYear", "Count"},
    }
    for scheme, concepts in schemes.items():
        members = {str(c).split("#")[1] for c in ontology.subjects(SKOS.inScheme, KGO[scheme])}
        assert members == concepts
        for concept in concepts:
            assert (KGO[concept], RDF.type, SKOS.Concept) in ontology
            assert {label.language for label in ontology.objects(KGO[concept], SKOS.prefLabel)} == {"en", "vi"}


def test_organization_kinds_are_declared_classes(ontology: rdflib.Graph) -> None:
    kinds = Path(__file__).parents[1] / "src" / "kg" / "gazetteers" / "organization_kinds.tsv"
    rows = [line.split("\t") for line in kinds.read_text(encoding="utf-8").splitlines()[1:] if line]
    for _, class_curie, *_ in rows:
        if class_curie.startswith("kgo:"):
            assert (KGO[class_curie[4:]], RDF.type, OWL.Class) in ontology, class_curie


def test_subclasses_reach_the_reused_classes(ontology: rdflib.Graph) -> None:
    org = Namespace("http://www.w3.org/ns/org#")
    schema = Namespace("https://schema.org/")
    superclasses = set(ontology.transitive_objects(KGO.CentralCommittee, RDFS.subClassOf))
    assert org.Organization in superclasses
    assert schema.Place in set(ontology.transitive_objects(KGO.Lake, RDFS.subClassOf))
    assert schema.Event in set(ontology.transitive_objects(KGO.VoterMeeting, RDFS.subClassOf))
