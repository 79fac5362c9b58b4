"""Party, state and mass organizations: ``Ban Thường vụ Tỉnh ủy Bắc Kạn``, ``HĐND tỉnh`` ...

Organization head words come from ``gazetteers/organizations.tsv``; each is written in full or
with the abbreviations of ``gazetteers/abbreviations.tsv`` (``UBND``, ``BCH TW``). The head's
*shape* says what follows it (a place name, a place phrase, a party committee, a field). The
canonical name spells the head in full and makes the implicit place explicit: ``HĐND tỉnh`` in
an article about Bắc Kạn is ``Hội đồng nhân dân tỉnh Bắc Kạn``.
"""

from __future__ import annotations

import dataclasses
import functools
import re

from kg import gazetteers
from kg.extract.context import Jurisdiction, jurisdiction
from kg.extract.places import TypeWord, place_name, type_words, written_form_pattern
from kg.model import Article, ArticleFacts, Organization, Span, place_key
from kg.text import NAME_RUN, matching_view, name_end

ADMINISTRATIVE_LEVELS = (1, 2, 3)
"""Place levels an organization may belong to: province, district, commune."""
PARTY_ORGANIZATION = "Đảng bộ"
"""The party organization a ``Ban Chấp hành Đảng bộ tỉnh X`` is the executive of."""


@dataclasses.dataclass(frozen=True)
class OrganizationMatch:
    """One organization written at ``span``, with the organization it is part of."""

    span: Span
    canonical_name: str
    kind: str
    place: str | None = None
    parent: OrganizationMatch | None = None


@dataclasses.dataclass(frozen=True)
class PlacePhrase:
    """``tỉnh``, ``huyện Pác Nặm``, ``TP. Bắc Kạn`` after an organization head."""

    word: str
    """The type word in full (``thành phố`` for ``TP.``)."""
    type: str
    name: str | None
    end: int


def head_variants(name: str) -> set[str]:
    """Every way to write a head: in full, or with any of its parts abbreviated."""
    variants = {name}
    for abbreviation, expansion in gazetteers.abbreviations():
        variants |= {variant.replace(expansion, abbreviation) for variant in variants if expansion in variant}
    return variants


@functools.cache
def head_forms() -> tuple[tuple[str, dict[str, str]], ...]:
    """``(written form, gazetteer row)`` for every head, longest form first."""
    forms = [(variant, row) for row in gazetteers.organization_patterns() for variant in head_variants(row["name"])]
    return tuple(sorted(forms, key=lambda form: len(form[0]), reverse=True))


def _case_insensitive_first(written: str, row: dict[str, str]) -> bool:
    first_word = written.split()[0]
    return row["first_letter"] == "any" and first_word[1:] == first_word[1:].lower()


@functools.cache
def head_pattern() -> re.Pattern[str]:
    """Any head as a whole word; group ``head{i}`` tells which of :func:`head_forms`."""
    alternatives = "|".join(
        f"(?P<head{index}>{written_form_pattern(written, _case_insensitive_first(written, row))})"
        for index, (written, row) in enumerate(head_forms())
    )
    first_letters = set()
    for written, row in head_forms():
        first = written[0]
        first_letters |= {first.lower(), first.upper()} if _case_insensitive_first(written, row) else {first}
    # re tries every alternative at every position; the lookahead on the first letters skips most
    # positions at once (8× faster on generated articles).
    return re.compile(rf"(?=[{''.join(map(re.escape, sorted(first_letters)))}])(?<!\w)(?:{alternatives})(?!\w)")


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


@functools.cache
def place_phrase_forms() -> dict[str, TypeWord]:
    """Administrative type words an organization head may be followed by, by written form."""
    return {
        _lower_first(form.written): form
        for form in type_words()
        if form.level in ADMINISTRATIVE_LEVELS and (form.written[0].islower() or form.written.endswith("."))
    }


@functools.cache
def place_phrase_pattern() -> re.Pattern[str]:
    """A type word after a head, with the capitalised name that may follow."""
    alternatives = "|".join(
        written_form_pattern(form.written, form.case_insensitive_first) for form in place_phrase_forms().values()
    )
    return re.compile(rf"\s+(?P<word>{alternatives})(?!\w)(?:\s+(?P<name>{NAME_RUN}))?")


def place_phrase_at(view: str, position: int, where: Jurisdiction) -> PlacePhrase | None:
    """The place phrase written at ``position``; a bare ``tỉnh``/``huyện`` is the article's."""
    match = place_phrase_pattern().match(view, position)
    if not match:
        return None
    form = place_phrase_forms()[_lower_first(re.sub(r"\s+", " ", match["word"]))]
    word = dict(gazetteers.abbreviations()).get(form.written, form.written)
    found = place_name(form.type, match["name"]) if match["name"] else None
    if found:
        place_type, name = found
        return PlacePhrase(word, place_type, name, name_end(view, match.start("name"), name))
    default = where.name_of(form.type)
    return PlacePhrase(word, form.type, default, match.end("word"))


def head_row(name: str) -> dict[str, str]:
    """The gazetteer row of the head written in full as ``name``."""
    return next(row for row in gazetteers.organization_patterns() if row["name"] == name)


@functools.cache
def qualified_role_pattern() -> re.Pattern[str]:
    """Any role written as a shorter role and a qualifier (``Phó Bí thư`` + ``Thường trực``), any case."""
    spellings = gazetteers.role_spellings()
    qualified = [
        written
        for written in spellings
        if any(" ".join(written.split()[:size]) in spellings for size in range(1, len(written.split())))
    ]
    longest_first = sorted(qualified, key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(re.escape, written.split())) for written in longest_first)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def ends_a_role(view: str, start: int, end: int) -> bool:
    """Whether ``view[start:end]`` is the qualifier of a role (``Thường trực`` in ``Phó Bí thư
    Thường trực Tỉnh ủy``): then it names no organization."""
    reach = 40
    return any(
        role.start() < start and role.end() >= end
        for role in qualified_role_pattern().finditer(view, max(0, start - reach), end)
    )


def organization_at(view: str, position: int, where: Jurisdiction) -> OrganizationMatch | None:
    """The organization whose head is written at ``position`` in the matching view, if any."""
    head = head_pattern().match(view, position)
    if not head or ends_a_role(view, head.start(), head.end()):
        return None
    row = head_forms()[int(str(head.lastgroup).removeprefix("head"))][1]
    shape = SHAPES[row["shape"]]
    return shape(view, head.start(), head.end(), row, where)


def _national(view: str, start: int, end: int, row: dict[str, str], where: Jurisdiction) -> OrganizationMatch:
    return OrganizationMatch((start, end), row["name"], row["kind"])


def _committee(view: str, start: int, end: int, row: dict[str, str], where: Jurisdiction) -> OrganizationMatch:
    run = re.compile(rf"\s+({NAME_RUN})").match(view, end)
    found = place_name(row["place_type"], run.group(1)) if run else None
    if run and found:
        place_type, name = found
        end = name_end(view, run.start(1), name)
    else:
        place_type = row["place_type"]
        name = where.name_of(place_type) or ""
    canonical = f"{row['name']} {name}".strip()
    return OrganizationMatch((start, end), canonical, row["kind"], place_key(place_type, name) if name else None)


def _of_place(view: str, start: int, end: int, row: dict[str, str], where: Jurisdiction) -> OrganizationMatch | None:
    phrase = place_phrase_at(view, end, where)
    if not phrase:
        return None
    canonical = " ".join(part for part in (row["name"], phrase.word, phrase.name) if part)
    place = place_key(phrase.type, phrase.name) if phrase.name else None
    return OrganizationMatch((start, phrase.end), canonical, row["kind"], place)


def _of_committee(
    view: str, start: int, end: int, row: dict[str, str], where: Jurisdiction
) -> OrganizationMatch | None:
    space = re.compile(r"\s+").match(view, end)
    parent = organization_at(view, space.end(), where) if space else None
    if not parent or parent.kind not in row["parent_kinds"].split("|"):
        return None
    canonical = f"{row['name']} {parent.canonical_name}"
    return OrganizationMatch((start, parent.span[1]), canonical, row["kind"], parent.place, parent)


@functools.cache
def sector_spellings() -> dict[str, str]:
    """Every way to write a department's field (``KH&ĐT``) → the field in full."""
    return {variant: sector for sector in gazetteers.sectors() for variant in head_variants(sector)}


@functools.cache
def sector_pattern() -> re.Pattern[str]:
    """A field after ``Sở`` / ``Bộ``."""
    alternatives = "|".join(map(re.escape, sorted(sector_spellings(), key=len, reverse=True)))
    return re.compile(rf"\s+({alternatives})(?!\w)")


def _sector(view: str, start: int, end: int, row: dict[str, str], where: Jurisdiction) -> OrganizationMatch | None:
    field = sector_pattern().match(view, end)
    if not field:
        return None
    canonical, end = f"{row['name']} {sector_spellings()[field.group(1)]}", field.end()
    if row["place_type"] != "province":
        return OrganizationMatch((start, end), canonical, row["kind"])
    phrase = place_phrase_at(view, end, where)
    province: str | None = where.province
    if phrase and phrase.type == "province" and phrase.name:
        province, end = phrase.name, phrase.end
    if not province:
        return OrganizationMatch((start, end), canonical, row["kind"])
    place = place_key("province", province)
    return OrganizationMatch((start, end), f"{canonical} tỉnh {province}", row["kind"], place)


def _executive(view: str, start: int, end: int, row: dict[str, str], where: Jurisdiction) -> OrganizationMatch | None:
    """``Ban Chấp hành Đảng bộ tỉnh X`` is the party committee ``Tỉnh ủy X``, the executive of the
    party organization ``Đảng bộ tỉnh X`` it names."""
    phrase = place_phrase_at(view, end, where)
    if not phrase or not phrase.name:
        return None
    committees = {
        committee["place_type"]: committee["name"]
        for committee in gazetteers.organization_patterns()
        if committee["shape"] == "committee"
    }
    committee_name = committees.get(phrase.type, f"Đảng ủy {phrase.word}")
    place = place_key(phrase.type, phrase.name)
    organization_word = re.compile(r"(?i:đảng)\s+bộ$").search(view, start, end)
    party = (
        OrganizationMatch(
            (organization_word.start(), phrase.end),
            f"Đảng bộ {phrase.word} {phrase.name}",
            head_row(PARTY_ORGANIZATION)["kind"],
            place,
        )
        if organization_word
        else None
    )
    return OrganizationMatch((start, phrase.end), f"{committee_name} {phrase.name}", row["kind"], place, party)


def _delegation(view: str, start: int, end: int, row: dict[str, str], where: Jurisdiction) -> OrganizationMatch | None:
    """``Đoàn công tác (của) Bộ Y tế`` is the working delegation ``Đoàn công tác Bộ Y tế``."""
    link = re.compile(r"\s+(?:của\s+)?").match(view, end)
    sender = organization_at(view, link.end(), where) if link else None
    if not sender:
        return None
    canonical = f"{row['name']} {sender.canonical_name}"
    return OrganizationMatch((start, sender.span[1]), canonical, row["kind"], sender.place, sender)


def _numbered(view: str, start: int, end: int, row: dict[str, str], where: Jurisdiction) -> OrganizationMatch | None:
    """A head and its number: ``Quân khu 2``."""
    number = re.compile(r"\s+(\d+)(?!\w)").match(view, end)
    if not number:
        return None
    return OrganizationMatch((start, number.end()), f"{row['name']} {number.group(1)}", row["kind"])


SHAPES = {
    "delegation": _delegation,
    "executive": _executive,
    "numbered": _numbered,
    "national": _national,
    "committee": _committee,
    "of_place": _of_place,
    "of_committee": _of_committee,
    "sector": _sector,
}


@functools.cache
def compound_title_pattern() -> re.Pattern[str]:
    """Any title written as one abbreviation of role and organization (``UVTƯ``)."""
    alternatives = "|".join(map(re.escape, sorted(gazetteers.compound_titles(), key=len, reverse=True)))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def find_organizations(view: str, where: Jurisdiction) -> list[OrganizationMatch]:
    """Every organization written in the view, leftmost-longest, without overlaps, and those
    named inside a compound title (``UVTƯ``: the central committee)."""
    found: list[OrganizationMatch] = []
    position = 0
    while head := head_pattern().search(view, position):
        match = organization_at(view, head.start(), where)
        found.extend(with_parents(match) if match else [])
        position = match.span[1] if match else head.end()
    for title in compound_title_pattern().finditer(view):
        name = gazetteers.compound_titles()[title.group(0)][1]
        found.append(OrganizationMatch(title.span(), name, head_row(name)["kind"]))
    return found


def with_parents(match: OrganizationMatch) -> list[OrganizationMatch]:
    """The match and the organizations it is part of (``Tỉnh ủy`` in ``Ban Thường vụ Tỉnh ủy``)."""
    chain = [match]
    while chain[-1].parent:
        chain.append(chain[-1].parent)  # type: ignore[arg-type]
    return chain


def extract_organizations(article: Article, facts: ArticleFacts) -> ArticleFacts:
    """Find the organizations and merge mentions of the same canonical name."""
    known_places = {place.key for place in facts.places}
    merged: dict[str, Organization] = {}
    for match in find_organizations(matching_view(article.text), jurisdiction(facts)):
        start, end = match.span
        known = merged.get(match.canonical_name) or Organization(
            name=article.text[start:end],
            canonical_name=match.canonical_name,
            kind=match.kind,
            parent=match.parent.canonical_name if match.parent else None,
            place=match.place if match.place in known_places else None,
        )
        merged[match.canonical_name] = dataclasses.replace(known, spans=(*known.spans, match.span))
    organizations = tuple(
        dataclasses.replace(organization, spans=tuple(sorted(organization.spans))) for organization in merged.values()
    )
    return dataclasses.replace(facts, organizations=organizations)
