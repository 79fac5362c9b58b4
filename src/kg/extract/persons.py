"""Persons and the offices the article attests for them.

A person's name is 2–5 capitalised syllables starting with a family name
(``gazetteers/family_names.tsv``). It is recognised by what surrounds it: an honorific or a
rank before it (``đồng chí``, ``ông``, ``Đại tá``), a title before it (``Bí thư Tỉnh ủy Hoàng
Văn A``) or titles after it joined by ``,`` or a dash (``Hoàng Văn A, Bí thư Tỉnh ủy``). An
honorific followed by titles and no name (``Đồng chí Bí thư Tỉnh ủy phát biểu``) refers to the
person already named with those offices: its span is added to that person. A person named
between a body and ``làm trưởng đoàn`` (``Đoàn công tác Trung ương do đồng chí X, … làm trưởng
đoàn``) holds that role in that body. A role written without its organization before a name
(``Thứ trưởng Trần Văn A``) is a title when the article names the one organization it belongs to
(its only ministry). The title after ``giữ chức`` is the office the last person named before it in
the sentence is elected or appointed to.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re

from kg import gazetteers
from kg.extract.context import jurisdiction
from kg.extract.organizations import head_row
from kg.extract.titles import TitleMatch, bare_role_at, canonical_role, find_titles, role_pattern, status_of
from kg.model import Article, ArticleFacts, Office, Organization, Person, Span
from kg.text import DASH, NAME_RUN, matching_view, name_end, sentence_spans

NAME_SYLLABLES = range(2, 6)
TITLE_SEPARATOR = re.compile(rf"\s*,\s*|{DASH}")
LED_BY = re.compile(r"\s+do\s+")
"""Between a body and the person who leads it: ``Đoàn công tác do đồng chí X ... làm trưởng đoàn``."""
AS_HEAD = re.compile(r"\s*,?\s+làm\s+")
APPOINTED_AS = re.compile(r"(?<!\w)giữ\s+chức(?:\s+vụ)?\s+", re.IGNORECASE)
"""Before the office a person is elected or appointed to: ``được bầu giữ chức Chủ tịch UBND huyện``."""


@dataclasses.dataclass(frozen=True)
class Mention:
    """A person named at ``span`` (or only referred to by title), with the offices stated there."""

    name: str | None
    span: Span
    offices: tuple[Office, ...]


@functools.cache
def honorific_pattern() -> re.Pattern[str]:
    """An honorific or rank followed by spacing: ``đồng chí``, ``Ông``, ``Đại tá``."""
    words = sorted(gazetteers.honorifics(), key=len, reverse=True)
    alternatives = "|".join(rf"[{word[0].upper()}{word[0].lower()}]{re.escape(word[1:])}" for word in words)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?:\s*:\s*|\s+)")


@dataclasses.dataclass(frozen=True)
class Cues:
    """What marks a person mention in one text: titles, and where honorifics end."""

    titles: dict[int, TitleMatch]
    """Titles by start offset."""
    honorific_ends: frozenset[int]
    bare_titles: tuple[TitleMatch, ...] = ()
    """Roles written without their organization whose organization the article implies."""

    @functools.cached_property
    def titles_before(self) -> dict[int, TitleMatch]:
        """Titles (and bare titles) by the offset one space after their end, where a name may follow."""
        return {title.span[1] + 1: title for title in (*self.bare_titles, *self.titles.values())}

    @functools.cached_property
    def title_starts(self) -> list[int]:
        """Where titles start, in text order."""
        return sorted(self.titles)

    def first_title_inside(self, start: int, end: int) -> int | None:
        """The start of the first title that starts strictly inside ``(start, end)``."""
        index = bisect.bisect_right(self.title_starts, start)
        inside = index < len(self.title_starts) and self.title_starts[index] < end
        return self.title_starts[index] if inside else None


def find_cues(view: str, titles: dict[int, TitleMatch], bare_titles: tuple[TitleMatch, ...] = ()) -> Cues:
    """The cues of a matching view whose titles are already found."""
    return Cues(titles, frozenset(match.end() for match in honorific_pattern().finditer(view)), bare_titles)


def implied_organization(role: str, organizations: tuple[Organization, ...]) -> str | None:
    """The one organization of the kind ``role`` belongs to (``gazetteers/roles.tsv``): the article's
    only ministry for a bare ``Thứ trưởng``."""
    head = gazetteers.role_organization_heads().get(role)
    if not head:
        return None
    kind, sectors = head_row(head)["kind"], gazetteers.sectors()
    candidates = [
        organization.canonical_name
        for organization in organizations
        if organization.kind == kind
        and organization.canonical_name.startswith(f"{head} ")
        and any(organization.canonical_name[len(head) + 1 :].startswith(sector) for sector in sectors)
    ]
    return candidates[0] if len(candidates) == 1 else None


def find_bare_titles(
    text: str, view: str, titles: dict[int, TitleMatch], organizations: tuple[Organization, ...]
) -> tuple[TitleMatch, ...]:
    """Roles written without their organization (``Thứ trưởng Trần Văn A``) that the article's
    organizations complete; they are cues before a name like full titles."""
    inside_titles = [title.span for title in titles.values()]
    found: list[TitleMatch] = []
    for role in role_pattern().finditer(view):
        if any(start <= role.start() < end for start, end in inside_titles):
            continue
        bare = bare_role_at(text, view, role.start())
        organization = implied_organization(bare.office.role, organizations) if bare else None
        if bare and organization:
            office = dataclasses.replace(bare.office, organization=organization, spans=(bare.span,))
            found.append(TitleMatch(bare.span, office))
    return tuple(found)


def person_name_at(view: str, position: int, cues: Cues) -> tuple[str, Span] | None:
    """The person name written at ``position``: it ends before any title that starts inside it."""
    run = re.compile(NAME_RUN).match(view, position)
    if not run:
        return None
    end = cues.first_title_inside(run.start(), run.end()) or run.end()
    words = view[run.start() : end].split()
    if words[0] not in gazetteers.family_names() or len(words) not in NAME_SYLLABLES:
        return None
    name = " ".join(words)
    return name, (run.start(), name_end(view, run.start(), name))


def titles_after(view: str, position: int, titles: dict[int, TitleMatch]) -> tuple[list[TitleMatch], int]:
    """The titles joined to what ends at ``position`` by ``,`` or dashes, and where they end.

    A rank between them (``Đại tá``) is skipped: ranks are not offices.
    """
    found: list[TitleMatch] = []
    while separator := TITLE_SEPARATOR.match(view, position):
        start = separator.end()
        rank = honorific_pattern().match(view, start)
        if rank and gazetteers.honorifics().get(" ".join(rank.group(0).split())) == "rank":
            start = rank.end()
        if start not in titles:
            break
        found.append(titles[start])
        position = titles[start].span[1]
    return found, position


def find_mentions(text: str, view: str, cues: Cues) -> list[Mention]:
    """Every person mention: names with their offices, and honorific + title references."""
    starts = cues.honorific_ends | cues.titles_before.keys() | {match.start() for match in re.finditer(NAME_RUN, view)}
    mentions: list[Mention] = []
    for start in sorted(starts):
        mention = mention_at(text, view, start, cues)
        if mention and not any(overlaps(mention.span, known.span) for known in mentions):
            mentions.append(mention)
    return mentions


def mention_at(text: str, view: str, start: int, cues: Cues) -> Mention | None:
    """The person named (or referred to by title after an honorific) at ``start``."""
    after_honorific = start in cues.honorific_ends
    title_before = cues.titles_before.get(start) if view[start - 1 : start] == " " else None
    named = person_name_at(view, start, cues)
    if named:
        name, span = named
        after, _ = titles_after(view, span[1], cues.titles)
        if not (after_honorific or title_before or after):
            return None
        stated = [title_before, *after] if title_before else after
        return Mention(name, span, tuple(title.office for title in stated))
    first = (cues.titles.get(start) or bare_role_at(text, view, start)) if after_honorific else None
    if not first:
        return None
    chain, end = titles_after(view, first.span[1], cues.titles)
    return Mention(None, (start, end), tuple(title.office for title in [first, *chain]))


def led_body_office(
    text: str, view: str, mention: Mention, cues: Cues, organizations: tuple[Organization, ...]
) -> Office | None:
    """The office of a person written between a body and ``làm <role>``: ``Đoàn công tác Trung ương
    do đồng chí X, <titles> làm trưởng đoàn`` makes X the ``Trưởng đoàn`` of that ``Đoàn``.

    The role must end with the body's first word (``trưởng đoàn`` of a ``Đoàn``, ``trưởng ban`` of a
    ``Ban``): in ``Đoàn kiểm tra của Tỉnh ủy do ... làm trưởng đoàn`` the Tỉnh ủy is not what X heads.
    """
    _, end = titles_after(view, mention.span[1], cues.titles)
    link = AS_HEAD.match(view, end)
    role = role_pattern().match(view, link.end()) if link else None
    if not role or not gazetteers.roles()[canonical_role(role["role"])]:
        return None
    body_word = role["role"].split()[-1].lower()
    for organization in organizations:
        if organization.canonical_name.split()[0].lower() != body_word:
            continue
        if any(led_by_ends_at(view, body_end, mention.span[0]) for _, body_end in organization.spans):
            return Office(
                title=text[role.start() : role.end()],
                role=canonical_role(role["role"]),
                organization=organization.canonical_name,
                status=status_of(role),
                spans=(role.span(),),
            )
    return None


def led_by_ends_at(view: str, body_end: int, name_start: int) -> bool:
    """Whether ``do`` (and an honorific or a role) join a body ending at ``body_end`` to a name at
    ``name_start``: ``Đoàn công tác … do đồng chí X``, ``… do Thứ trưởng X``."""
    led_by = LED_BY.match(view, body_end)
    if not led_by:
        return False
    honorific = honorific_pattern().match(view, led_by.end())
    role = role_pattern().match(view, led_by.end())
    role_end = role.end() + 1 if role and view[role.end() : role.end() + 1] == " " else None
    return name_start in (led_by.end(), honorific.end() if honorific else None, role_end)


def overlaps(first: Span, second: Span) -> bool:
    """Whether two spans share a character."""
    return first[0] < second[1] and second[0] < first[1]


def merge_offices(offices: tuple[Office, ...]) -> tuple[Office, ...]:
    """One office per role, organization and status, with the spans of every mention."""
    merged: dict[tuple[str, str | None, str], Office] = {}
    for office in offices:
        key = (office.role, office.organization, office.status)
        known = merged.get(key, dataclasses.replace(office, spans=()))
        merged[key] = dataclasses.replace(known, spans=(*known.spans, *office.spans))
    return tuple(merged.values())


def holds_offices(person: Person, offices: tuple[Office, ...]) -> bool:
    """Whether ``person`` holds every office of a title-only reference (a bare role: in any organization)."""
    held = {(office.role, office.organization) for office in person.offices}
    roles = {office.role for office in person.offices}
    return all(
        (office.role, office.organization) in held if office.organization else office.role in roles
        for office in offices
    )


def appointments(view: str, mentions: list[Mention], titles: dict[int, TitleMatch]) -> list[Mention]:
    """The offices persons are elected or appointed to: the title after ``giữ chức`` belongs to the
    last person named before it in the sentence (``bổ nhiệm ông X, nguyên …, giữ chức Giám đốc Sở …``)."""
    found: list[Mention] = []
    for start, end in sentence_spans(view, gazetteers.period_abbreviations()):
        for appointed in APPOINTED_AS.finditer(view, start, end):
            title = titles.get(appointed.end())
            named = [mention for mention in mentions if mention.name and start <= mention.span[0] < appointed.start()]
            if title and named:
                found.append(Mention(named[-1].name, named[-1].span, (title.office,)))
    return found


def extract_persons(article: Article, facts: ArticleFacts) -> ArticleFacts:
    """Find the persons, merge mentions of one name, attach title-only references and appointments."""
    view = matching_view(article.text)
    titles = find_titles(article.text, view, jurisdiction(facts))
    cues = find_cues(view, titles, find_bare_titles(article.text, view, titles, facts.organizations))
    mentions = find_mentions(article.text, view, cues)
    persons: dict[str, Person] = {}
    for mention in mentions:
        if mention.name is None:
            continue
        known = persons.get(mention.name, Person(name=mention.name))
        led = led_body_office(article.text, view, mention, cues, facts.organizations)
        persons[known.name] = dataclasses.replace(
            known,
            offices=merge_offices((*known.offices, *mention.offices, *([led] if led else []))),
            spans=(*known.spans, mention.span),
        )
    for appointment in appointments(view, mentions, titles):
        known = persons[str(appointment.name)]
        persons[known.name] = dataclasses.replace(known, offices=merge_offices((*known.offices, *appointment.offices)))
    for reference in (mention for mention in mentions if not mention.name):
        holders = [person for person in persons.values() if holds_offices(person, reference.offices)]
        if len(holders) == 1:
            holder = holders[0]
            persons[holder.name] = dataclasses.replace(holder, spans=tuple(sorted((*holder.spans, reference.span))))
    return dataclasses.replace(facts, persons=tuple(persons.values()))
