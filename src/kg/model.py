"""The plain data model between text and RDF.

Extraction produces these records; mapping turns them into RDF. Neither side
imports the other: this module is the contract. Every fact carries ``spans``,
``(start, end)`` character offsets into :attr:`Article.text` (Python slice
convention, end exclusive).

Facts refer to each other by *key* (a string unique within one article):

* an :class:`Organization` by its ``canonical_name`` (``"Tỉnh ủy Bắc Kạn"``);
* a :class:`Place` by ``"<type>:<name>"`` (``"district:Pác Nặm"``), see :func:`place_key`;
* a :class:`Person` by ``name``.

Organization names never contain ``":"``, so an agent reference (a proposal's
proposer, an indicator's subject) may be either kind of key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

Span = tuple[int, int]

OFFICE_STATUSES = ("current", "former", "acting")
PLACE_TYPES = (
    "province", "district", "city", "town", "commune", "area", "village",
    "road", "road_segment", "lake", "other",
)
AMOUNT_QUALIFIERS = ("exact", "more_than", "less_than", "about")


def place_key(place_type: str, name: str) -> str:
    """The key under which facts refer to a place: ``place_key("district", "Pác Nặm")``."""
    return f"{place_type}:{name}"


@dataclass(frozen=True)
class Article:
    """One source article: its metadata and its text, NFC-normalized, crawl prefix removed."""

    id: str
    text: str
    source: str
    published: str
    """ISO 8601 date, possibly partial: ``"2024-06"`` or ``"2024-06-13"``."""
    url: str | None = None
    title: str | None = None
    province: str | None = None
    """The province the article is about, when the metadata states it."""
    path: Path | None = None

    @property
    def year(self) -> int:
        """The publication year, used for dates written without one (``Sáng 13/6``)."""
        return int(self.published[:4])


@dataclass(frozen=True)
class Office:
    """One office a person holds as the text states it (``Bí thư Tỉnh ủy``)."""

    title: str
    """The title as written in the text, abbreviations included."""
    role: str
    """The role without its organization, canonical (``"Bí thư"``, ``"Phó Bí thư Thường trực"``)."""
    organization: str | None
    """Key of the :class:`Organization` the post belongs to."""
    status: str = "current"
    """One of :data:`OFFICE_STATUSES`."""
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Person:
    """A named person and the offices the article attests for them."""

    name: str
    offices: tuple[Office, ...] = ()
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Organization:
    """A party, state or mass organization mentioned in the article."""

    name: str
    """As first written (``"HĐND tỉnh"``)."""
    canonical_name: str
    """Abbreviations expanded and implicit place made explicit (``"Hội đồng nhân dân tỉnh Bắc Kạn"``)."""
    kind: str
    """See ``gazetteers/organization_kinds.tsv``: ``party_committee``, ``standing_committee`` ..."""
    parent: str | None = None
    """Key of the organization this one is part of (a standing committee's party committee)."""
    place: str | None = None
    """Key of the place whose organization this is."""
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True)
class AdminUnit:
    """An administrative unit as the reference data (not the text) gives it: a place's successor."""

    name: str
    """The bare name (``"Bằng Thành"``)."""
    type: str
    """One of :data:`PLACE_TYPES` (``commune`` for a xã or phường, ``province`` ...)."""
    code: str
    """Its official code (``"01864"``)."""
    province: str
    """Bare name of the province it lies in; a province's own name for a province."""
    established: str | None = None
    """ISO date it was formed, given only when a unit of the same province, type and name but
    another code existed before it: the two are different places."""
    within: AdminUnit | None = None
    """The unit it lies in (a commune's province), from the same reference data."""


@dataclass(frozen=True)
class Place:
    """A place named with its type word (``xã Bộc Bố``, ``hồ Ba Bể``, ``đường 258B``)."""

    name: str
    """The bare name, without the type word (``"Bộc Bố"``)."""
    type: str
    """One of :data:`PLACE_TYPES`."""
    within: str | None = None
    """Key of the containing place (a road segment's road)."""
    code: str | None = None
    """Official administrative code, when known."""
    waypoints: tuple[str, ...] = ()
    """For roads and road segments: the places they run through, in order, as written."""
    successors: tuple[AdminUnit, ...] = ()
    """The units that replaced this one in a reorganisation (1 July 2025), when it had a code."""
    passes_through: tuple[str, ...] = ()
    """For roads and road segments: keys of the places among :attr:`waypoints` that are facts."""
    spans: tuple[Span, ...] = ()

    @property
    def key(self) -> str:
        return place_key(self.type, self.name)


@dataclass(frozen=True)
class Meeting:
    """A meeting the article reports: who met whom, when, chaired by whom."""

    date: str
    """ISO date ``YYYY-MM-DD``."""
    kind: str
    """``working_session`` (làm việc), ``conference`` (hội nghị), ``council_session`` (kỳ họp),
    ``voter_meeting`` (tiếp xúc cử tri), ``visit`` (thăm, làm việc tại)."""
    organizer: str | None = None
    """Key of the organization that holds the meeting (the subject of ``làm việc với``)."""
    participants: tuple[str, ...] = ()
    """Keys of the other organizations taking part."""
    chairs: tuple[str, ...] = ()
    """Names of the persons who chair it."""
    concluded_by: str | None = None
    """Name of the person who gives the concluding speech."""
    part_of_day: str | None = None
    """``morning`` / ``afternoon`` / ``evening`` when the text says Sáng / Chiều / Tối."""
    time: str | None = None
    """``HH:MM`` when the text gives a clock time."""
    purpose: str | None = None
    location: str | None = None
    """Key of the place where it is held."""
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Proposal:
    """One request (kiến nghị, đề nghị) from one side to the other."""

    summary: str
    """The request as written, one clause."""
    request_kind: str
    """``funding``, ``planning_inclusion``, ``upgrade``, ``investment``, ``study``, ``other``."""
    proposer: str | None = None
    """Organization or place key of who asks."""
    addressee: str | None = None
    """Organization or place key of who is asked."""
    places: tuple[str, ...] = ()
    """Keys of the places the request concerns."""
    project: str | None = None
    """Name of the project (dự án) it concerns, as written."""
    amount_vnd: Decimal | None = None
    amount_qualifier: str | None = None
    """One of :data:`AMOUNT_QUALIFIERS` when an amount is given."""
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Indicator:
    """A measured result or target (chỉ tiêu): a value with its unit and context."""

    text: str
    """The phrase as written (``"35/49 chỉ tiêu, nhiệm vụ đạt và vượt"``)."""
    topic: str
    """What is measured, as written (``"tổng giá trị sản xuất"``)."""
    value: Decimal
    unit: str
    """``percent``, ``VND``, ``VND_per_person_year``, ``count``."""
    qualifier: str = "exact"
    """One of :data:`AMOUNT_QUALIFIERS`."""
    target: Decimal | None = None
    """The denominator of a ratio (49 in ``35/49``)."""
    percent_of_target: Decimal | None = None
    """``đạt 71,4% kế hoạch`` → 71.4."""
    change_percent: Decimal | None = None
    """``tăng 24% so với năm 2020`` → 24 (negative for giảm)."""
    compared_to_year: int | None = None
    period_year: int | None = None
    """The year the value is for (``năm 2023``)."""
    as_of: str | None = None
    """ISO date the value is measured at (``tính đến ngày 10/6/2024``)."""
    target_year: int | None = None
    """The year of the goal it is compared with (``mục tiêu ... đến năm 2025``)."""
    estimated: bool = False
    """True for forecasts (``ước thực hiện``) and goals (``phấn đấu``)."""
    subject: str | None = None
    """Place or organization key the indicator is about."""
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True)
class DocumentRef:
    """A cited party or state document (``Kết luận số 21-KL/TW ngày 25/10/2021``)."""

    text: str
    """As written."""
    number: str
    """``"21-KL/TW"``."""
    type: str
    """``"Kết luận"``, ``"Nghị quyết"``, ``"Quyết định"``, ``"Chỉ thị"``, ``"Kế hoạch"`` ..."""
    date: str | None = None
    """ISO date of issue."""
    issuer: str | None = None
    """Organization key of the issuer."""
    term: str | None = None
    """The issuer's term as a Roman numeral (``khóa XIII`` → ``"XIII"``)."""
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True)
class ArticleFacts:
    """Everything extracted from one article."""

    article: Article
    province: str | None = None
    """The province the article is about (explicit in metadata or inferred from the text)."""
    persons: tuple[Person, ...] = ()
    organizations: tuple[Organization, ...] = ()
    places: tuple[Place, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    proposals: tuple[Proposal, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    documents: tuple[DocumentRef, ...] = ()
    warnings: tuple[str, ...] = field(default=())
    """Things the extractor noticed but could not turn into facts."""
