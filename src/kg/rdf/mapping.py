"""Map one article's facts to RDF, following docs/vocabulary.md.

:func:`map_article` is a pure function of the facts: the same facts give the same
triples, with IRIs minted by :mod:`kg.rdf.iris` and no blank nodes.
"""

from __future__ import annotations

import functools
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import MappingError
from kg.model import (
    AdminUnit,
    ArticleFacts,
    DocumentRef,
    Indicator,
    Meeting,
    Organization,
    Person,
    Place,
    Proposal,
    Span,
)
from kg.rdf import iris
from kg.rdf.namespaces import DCTERMS, KGO, KGR, OA, ORG, PREFIXES, PROV, RDF, RDFS, SCHEMA, SKOS, TIME, XSD
from kg.rdf.ntriples import Triple
from kg.rdf.terms import label_word, term_for

LABEL_LENGTH = 120
ADMIN_UNITS_DATASET_NAME = "vietnamadminunits"
ADMIN_UNITS_DATASET = KGR[f"source/{ADMIN_UNITS_DATASET_NAME}"]
"""Where successors (kg.admin_units) come from: the package's data, not an article."""


@functools.lru_cache(maxsize=4096)
def vi(text: str) -> Literal:
    """A Vietnamese text literal (names and labels recur: each is made once)."""
    return Literal(text, lang="vi")


@functools.lru_cache(maxsize=4096)
def integer(value: int) -> Literal:
    """An ``xsd:integer`` literal (the offsets of evidence spans)."""
    return Literal(value, datatype=XSD.integer)


def decimal(value: Decimal) -> Literal:
    """An ``xsd:decimal`` literal in canonical form (never exponent notation)."""
    text = format(value.normalize(), "f")
    return Literal(text if "." in text else text + ".0", datatype=XSD.decimal)


def year(value: int) -> Literal:
    return Literal(f"{value:04d}", datatype=XSD.gYear)


def iso_date(value: str) -> Literal:
    """An ISO date as ``xsd:date``, or ``xsd:gYearMonth`` / ``xsd:gYear`` when partial."""
    datatype = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}[len(value)]
    return Literal(value, datatype=datatype)


def map_article(facts: ArticleFacts) -> Graph:
    """The RDF graph of one article's facts (to be stored in the article's named graph)."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    graph.addN((s, p, o, graph) for s, p, o in article_triples(facts))
    return graph


def article_triples(facts: ArticleFacts) -> list[Triple]:
    """The triples of :func:`map_article`'s graph, each once, as a list: what a build stores and validates,
    without the cost of an rdflib graph."""
    return list(_ArticleMapper(facts).triples)


class _ArticleMapper:
    """Writes one article's facts as triples; holds the key → IRI tables of that article."""

    def __init__(self, facts: ArticleFacts) -> None:
        self.facts = facts
        self.article = facts.article
        self.article_iri = iris.article_iri(self.article.id)
        self.triples: dict[Triple, None] = {}
        self.places = {place.key: place for place in facts.places}
        self.place_iris = {place.key: self._place_iri(place) for place in facts.places}
        self.organization_scopes = {org.canonical_name: self._organization_scope(org) for org in facts.organizations}
        self.organization_iris = {
            name: iris.organization_iri(name, scope) for name, scope in self.organization_scopes.items()
        }
        self.person_iris = {person.name: iris.person_iri(person.name, facts.province) for person in facts.persons}
        self.meeting_iris = [
            iris.in_article(self.article.id, "meeting", str(n)) for n in range(1, len(facts.meetings) + 1)
        ]

        self._map_article_node()
        for place in facts.places:
            self._map_place(place)
        for organization in facts.organizations:
            self._map_organization(organization)
        for person in facts.persons:
            self._map_person(person)
        for meeting, meeting_iri in zip(facts.meetings, self.meeting_iris, strict=True):
            self._map_meeting(meeting, meeting_iri)
        for n, proposal in enumerate(facts.proposals, start=1):
            self._map_proposal(proposal, iris.in_article(self.article.id, "proposal", str(n)))
        for n, indicator in enumerate(facts.indicators, start=1):
            self._map_indicator(indicator, iris.in_article(self.article.id, "indicator", str(n)))
        for document in facts.documents:
            self._map_document(document)

    # -- helpers ---------------------------------------------------------------------------

    def add(self, subject: Node, predicate: URIRef, obj: Node | None) -> None:
        if obj is not None:
            self.triples[(subject, predicate, obj)] = None

    def _label(self, node: URIRef, text: str) -> None:
        if len(text) > LABEL_LENGTH:
            text = text[: LABEL_LENGTH - 1].rstrip() + "…"
        self.add(node, RDFS.label, vi(text))

    def _evidence(self, node: URIRef, spans: tuple[Span, ...]) -> None:
        """``node`` was derived from this article, quoting each span."""
        self.add(node, PROV.wasDerivedFrom, self.article_iri)
        text = self.article.text
        for start, end in spans:
            if not 0 <= start < end <= len(text):
                raise MappingError(
                    f"{self.article.id}: span {start}-{end} of {node} is outside the text ({len(text)} chars)"
                )
            evidence = iris.in_article(self.article.id, "evidence", f"{start}-{end}")
            quote, position = URIRef(f"{evidence}/quote"), URIRef(f"{evidence}/position")
            self.add(node, KGO.evidence, evidence)
            self.add(evidence, RDF.type, OA.SpecificResource)
            self.add(evidence, OA.hasSource, self.article_iri)
            self.add(evidence, OA.hasSelector, quote)
            self.add(evidence, OA.hasSelector, position)
            self.add(quote, RDF.type, OA.TextQuoteSelector)
            self.add(quote, OA.exact, vi(text[start:end]))
            self.add(position, RDF.type, OA.TextPositionSelector)
            self.add(position, OA.start, integer(start))
            self.add(position, OA.end, integer(end))

    def _place_iri(self, place: Place) -> URIRef:
        return iris.place_iri(place.type, place.name, self._province_of(place))

    def _province_of(self, place: Place) -> str | None:
        seen: set[str] = set()
        current: Place | None = place
        while current is not None and current.key not in seen:
            if current.type == "province":
                return current.name
            seen.add(current.key)
            current = self.places.get(current.within) if current.within else None
        return self.facts.province

    def _organization_scope(self, organization: Organization) -> str | None:
        """The province in an organization's key: that of its jurisdiction when below province level."""
        place = self.places.get(organization.place) if organization.place else None
        if place is None or place.type == "province":
            return None
        return self._province_of(place)

    def _agent(self, key: str | None, what: str) -> URIRef | None:
        """The IRI of an organization or place key; ``None`` for no key."""
        if key is None:
            return None
        iri = self.organization_iris.get(key) or self.place_iris.get(key)
        if iri is None:
            raise MappingError(f"{self.article.id}: {what} refers to {key!r}, which is no fact of the article")
        return iri

    def _place(self, key: str, what: str) -> URIRef:
        if key not in self.place_iris:
            raise MappingError(f"{self.article.id}: {what} refers to place {key!r}, which is no fact of the article")
        return self.place_iris[key]

    def _person(self, name: str, what: str) -> URIRef:
        if name not in self.person_iris:
            raise MappingError(f"{self.article.id}: {what} names {name!r}, who is no person of the article")
        return self.person_iris[name]

    def _attestation_date(self) -> str | None:
        """The day the article attests offices for: its meeting's date, else its publication day."""
        if self.facts.meetings:
            return self.facts.meetings[0].date
        return self.article.published if len(self.article.published) == 10 else None

    # -- one method per kind of fact ----------------------------------------------------------

    def _map_article_node(self) -> None:
        article, node = self.article, self.article_iri
        publisher = iris.organization_iri(article.source)
        self.add(node, RDF.type, SCHEMA.NewsArticle)
        self.add(node, DCTERMS.identifier, Literal(article.id))
        self.add(node, SCHEMA.publisher, publisher)
        self.add(node, SCHEMA.datePublished, iso_date(article.published))
        self.add(node, SCHEMA.articleBody, vi(article.text))
        self.add(node, SCHEMA.inLanguage, Literal("vi"))
        self.add(node, SCHEMA.url, URIRef(article.url) if article.url else None)
        self.add(node, SCHEMA.headline, vi(article.title) if article.title else None)
        self._label(node, article.title or f"{article.source}, {article.published}: {article.id}")
        self.add(publisher, RDF.type, term_for("organization_kind", "news_media"))
        self.add(publisher, SCHEMA.name, vi(article.source))
        self.add(publisher, SKOS.prefLabel, vi(article.source))
        self._label(publisher, article.source)

    def _map_place(self, place: Place) -> None:
        node = self.place_iris[place.key]
        self.add(node, RDF.type, term_for("place_type", place.type))
        self.add(node, SCHEMA.name, vi(place.name))
        self._label(node, f"{label_word('place_type', place.type)} {place.name}".strip())
        if place.within:
            parent = self._place(place.within, f"place {place.key!r}")
            link = KGO.segmentOf if place.type == "road_segment" else SCHEMA.containedInPlace
            self.add(node, link, parent)
        if place.waypoints:
            self.add(node, KGO.waypoints, vi(" – ".join(place.waypoints)))
        self.add(node, KGO.adminCode, Literal(place.code) if place.code else None)
        for key in place.passes_through:
            self.add(node, KGO.passesThrough, self._place(key, f"place {place.key!r}"))
        for successor in place.successors:
            self.add(node, KGO.successor, self._reference_place(successor))
        self._evidence(node, place.spans)

    def _reference_place(self, unit: AdminUnit) -> URIRef:
        """A unit the reference data gives (a successor): derived from the dataset, quoting no article."""
        node = iris.place_iri(unit.type, unit.name, unit.province)
        if unit.established:  # a namesake with another code was there before: keep the two apart
            node = URIRef(f"{node}/{unit.established[:4]}")
        self.add(node, RDF.type, term_for("place_type", unit.type))
        self.add(node, SCHEMA.name, vi(unit.name))
        self._label(node, f"{label_word('place_type', unit.type)} {unit.name}".strip())
        self.add(node, KGO.adminCode, Literal(unit.code))
        if unit.within:
            self.add(node, SCHEMA.containedInPlace, self._reference_place(unit.within))
        self.add(node, PROV.wasDerivedFrom, ADMIN_UNITS_DATASET)
        self.add(ADMIN_UNITS_DATASET, RDF.type, KGO.ReferenceDataset)
        self.add(ADMIN_UNITS_DATASET, SCHEMA.name, Literal(ADMIN_UNITS_DATASET_NAME))
        self.add(ADMIN_UNITS_DATASET, SCHEMA.url, URIRef(f"https://pypi.org/project/{ADMIN_UNITS_DATASET_NAME}/"))
        self.add(ADMIN_UNITS_DATASET, SCHEMA.license, URIRef("https://opensource.org/licenses/MIT"))
        self.add(ADMIN_UNITS_DATASET, RDFS.label, vi(ADMIN_UNITS_DATASET_NAME))
        return node

    def _map_organization(self, organization: Organization) -> None:
        node = self.organization_iris[organization.canonical_name]
        self.add(node, RDF.type, term_for("organization_kind", organization.kind))
        self.add(node, SKOS.prefLabel, vi(organization.canonical_name))
        if organization.name != organization.canonical_name:
            self.add(node, SKOS.altLabel, vi(organization.name))
        self._label(node, organization.canonical_name)
        self.add(node, ORG.subOrganizationOf, self._agent(organization.parent, "an organization's parent"))
        if organization.place:
            self.add(node, KGO.jurisdiction, self._place(organization.place, organization.canonical_name))
        self._evidence(node, organization.spans)

    def _map_person(self, person: Person) -> None:
        node = self.person_iris[person.name]
        self.add(node, RDF.type, SCHEMA.Person)
        self.add(node, SCHEMA.name, vi(person.name))
        self._label(node, person.name)
        self._evidence(node, person.spans)
        attested = self._attestation_date()
        for office in person.offices:
            if office.organization is None:
                continue  # a role with no organization names no post: it stays in the extracted JSON only
            organization = self._agent(office.organization, f"an office of {person.name}")
            role = iris.role_iri(office.role)
            post = iris.post_iri(office.organization, office.role, self.organization_scopes.get(office.organization))
            # A status other than current is part of the key: "Quyền Chủ tịch" then elected "Chủ tịch"
            # in one article are two memberships.
            status_part = () if office.status == "current" else (office.status,)
            membership = iris.in_article(
                self.article.id, "membership", iris.person_slug(person.name),
                iris.slugify(office.organization), iris.slugify(office.role), *status_part,
            )
            self.add(role, RDF.type, ORG.Role)
            self.add(role, SKOS.prefLabel, vi(office.role))
            self._label(role, office.role)
            self.add(post, RDF.type, ORG.Post)
            self.add(post, SKOS.prefLabel, vi(f"{office.role} {office.organization}"))
            self._label(post, f"{office.role} {office.organization}")
            self.add(post, ORG.postIn, organization)
            self.add(post, ORG.role, role)
            self.add(membership, RDF.type, ORG.Membership)
            self.add(membership, ORG.member, node)
            self.add(membership, ORG.organization, organization)
            self.add(membership, ORG.role, role)
            self.add(membership, KGO.post, post)
            self.add(membership, KGO.officeStatus, term_for("office_status", office.status))
            self.add(membership, KGO.titleAsWritten, vi(office.title))
            self._label(membership, f"{person.name}: {office.title}")
            if attested:
                interval, instant = URIRef(f"{membership}/interval"), iris.date_iri(attested)
                self.add(membership, ORG.memberDuring, interval)
                self.add(interval, RDF.type, TIME.Interval)
                self.add(interval, TIME.inside, instant)
                self.add(instant, RDF.type, TIME.Instant)
                self.add(instant, TIME.inXSDDate, Literal(attested, datatype=XSD.date))
            self._evidence(membership, office.spans or person.spans)

    def _map_meeting(self, meeting: Meeting, node: URIRef) -> None:
        self.add(node, RDF.type, term_for("meeting_kind", meeting.kind))
        start = (
            Literal(f"{meeting.date}T{meeting.time}:00", datatype=XSD.dateTime)
            if meeting.time
            else Literal(meeting.date, datatype=XSD.date)
        )
        self.add(node, SCHEMA.startDate, start)
        if meeting.part_of_day:
            self.add(node, KGO.partOfDay, term_for("part_of_day", meeting.part_of_day))
        self.add(node, SCHEMA.organizer, self._agent(meeting.organizer, "a meeting's organizer"))
        for participant in meeting.participants:
            self.add(node, SCHEMA.attendee, self._agent(participant, "a meeting's participant"))
        for chair in meeting.chairs:
            self.add(node, KGO.chair, self._person(chair, "a meeting's chair"))
        if meeting.concluded_by:
            self.add(node, KGO.concludedBy, self._person(meeting.concluded_by, "a meeting's conclusion"))
        if meeting.location:
            self.add(node, SCHEMA.location, self._place(meeting.location, "a meeting's location"))
        self.add(node, SCHEMA.description, vi(meeting.purpose) if meeting.purpose else None)
        self._label(node, f"{label_word('meeting_kind', meeting.kind)} {meeting.date}".strip())
        self._evidence(node, meeting.spans)

    def _map_proposal(self, proposal: Proposal, node: URIRef) -> None:
        self.add(node, RDF.type, KGO.Proposal)
        self.add(node, SCHEMA.description, vi(proposal.summary))
        self._label(node, proposal.summary)
        self.add(node, KGO.requestKind, term_for("request_kind", proposal.request_kind))
        self.add(node, KGO.proposer, self._agent(proposal.proposer, "a proposal's proposer"))
        self.add(node, KGO.addressee, self._agent(proposal.addressee, "a proposal's addressee"))
        places = [self._place(key, "a proposal") for key in proposal.places]
        for place in places:
            self.add(node, KGO.concernsPlace, place)
        if len(self.meeting_iris) == 1:
            self.add(node, KGO.raisedAt, self.meeting_iris[0])
        if proposal.project:
            project = iris.project_iri(proposal.project, self.facts.province)
            self.add(node, KGO.concernsProject, project)
            self.add(project, RDF.type, KGO.Project)
            self.add(project, SCHEMA.name, vi(proposal.project))
            self._label(project, proposal.project)
            for place in places:
                self.add(project, KGO.concernsPlace, place)
            self._evidence(project, proposal.spans)
        if proposal.amount_vnd is not None:
            cost = URIRef(f"{node}/cost")
            qualifier = proposal.amount_qualifier or "exact"
            bound = {"more_than": SCHEMA.minValue, "less_than": SCHEMA.maxValue}.get(qualifier, SCHEMA.value)
            self.add(node, KGO.estimatedCost, cost)
            self.add(cost, RDF.type, SCHEMA.MonetaryAmount)
            self.add(cost, SCHEMA.currency, Literal("VND"))
            self.add(cost, bound, decimal(proposal.amount_vnd))
            self.add(cost, KGO.amountQualifier, Literal(qualifier))
        self._evidence(node, proposal.spans)

    def _map_indicator(self, indicator: Indicator, node: URIRef) -> None:
        self.add(node, RDF.type, KGO.Indicator)
        self.add(node, KGO.indicatorText, vi(indicator.text))
        self._label(node, indicator.text)
        self.add(node, KGO.topic, vi(indicator.topic) if indicator.topic else None)
        self.add(node, KGO.value, decimal(indicator.value))
        self.add(node, KGO.unit, term_for("unit", indicator.unit))
        self.add(node, KGO.valueQualifier, Literal(indicator.qualifier))
        optional_decimals = {
            KGO.target: indicator.target,
            KGO.percentOfTarget: indicator.percent_of_target,
            KGO.changePercent: indicator.change_percent,
        }
        for predicate, value in optional_decimals.items():
            self.add(node, predicate, decimal(value) if value is not None else None)
        optional_years = {
            KGO.comparedToYear: indicator.compared_to_year,
            KGO.periodYear: indicator.period_year,
            KGO.targetYear: indicator.target_year,
        }
        for predicate, year_value in optional_years.items():
            self.add(node, predicate, year(year_value) if year_value is not None else None)
        self.add(node, KGO.asOf, Literal(indicator.as_of, datatype=XSD.date) if indicator.as_of else None)
        self.add(node, KGO.estimated, Literal(indicator.estimated))
        self.add(node, KGO.subject, self._agent(indicator.subject, "an indicator's subject"))
        self._evidence(node, indicator.spans)

    def _map_document(self, document: DocumentRef) -> None:
        node = iris.document_iri(document.number)
        self.add(node, RDF.type, term_for("document_type", document.type))
        self.add(node, SCHEMA.legislationIdentifier, Literal(document.number))
        self.add(node, SCHEMA.legislationType, vi(document.type))
        self._label(node, f"{document.type} số {document.number}")
        if document.date:
            self.add(node, SCHEMA.legislationDate, Literal(document.date, datatype=XSD.date))
        self.add(node, SCHEMA.legislationPassedBy, self._agent(document.issuer, "a document's issuer"))
        self.add(node, KGO["term"], Literal(document.term) if document.term else None)
        self.add(self.article_iri, SCHEMA.citation, node)
        self._evidence(node, document.spans)
