"""Titles: a role word and the organization it belongs to (``Bí thư Tỉnh ủy``).

A title is an optional status word (``nguyên`` → former, ``Quyền`` → acting), a role from
``gazetteers/roles.tsv`` (``Phó Bí thư Thường trực``) and an organization
(:func:`kg.extract.organizations.organization_at`). ``Trưởng đoàn ĐBQH tỉnh`` shares the word
``đoàn`` between role and organization: the organization may start at the role's last word.
"""

from __future__ import annotations

import dataclasses
import functools
import re

from kg import gazetteers
from kg.extract.context import Jurisdiction
from kg.extract.organizations import OrganizationMatch, compound_title_pattern, organization_at
from kg.model import Office, Span

WORD = re.compile(r"\S+")


@dataclasses.dataclass(frozen=True)
class TitleMatch:
    """One title written at ``span`` and the office it states."""

    span: Span
    office: Office


@functools.cache
def role_pattern() -> re.Pattern[str]:
    """Any role word, optionally after a status word, in any case (``bí thư``, ``Quyền Chủ tịch``)."""
    statuses = "|".join(re.escape(word) for word in gazetteers.office_statuses())
    spellings = sorted(gazetteers.role_spellings(), key=len, reverse=True)
    roles = "|".join(r"\s+".join(map(re.escape, written.split())) for written in spellings)
    return re.compile(rf"(?<!\w)(?:(?P<status>{statuses})\s+)?(?P<role>{roles})(?!\w)", re.IGNORECASE)


def canonical_role(written: str) -> str:
    """The gazetteer spelling of a role written in any case or spacing."""
    return gazetteers.role_spellings()[" ".join(written.split()).lower()]


def status_of(role: re.Match[str]) -> str:
    """``former`` after ``nguyên``, ``acting`` after ``Quyền``, else ``current``."""
    return gazetteers.office_statuses()[role["status"].lower()] if role["status"] else "current"


def title_at(text: str, view: str, position: int, where: Jurisdiction) -> TitleMatch | None:
    """The title written at ``position`` (searched in the matching ``view``, quoted from ``text``)."""
    match = role_pattern().match(view, position)
    if not match:
        return None
    role = canonical_role(match["role"])
    organization = organization_after_role(view, match, where)
    if not organization and gazetteers.roles()[role]:
        return None
    end = organization.span[1] if organization else match.end()
    office = Office(
        title=text[match.start() : end],
        role=role,
        organization=organization.canonical_name if organization else None,
        status=status_of(match),
        spans=((match.start(), end),),
    )
    return TitleMatch((match.start(), end), office)


def bare_role_at(text: str, view: str, position: int) -> TitleMatch | None:
    """A role written at ``position`` without its organization (``đồng chí Trưởng đoàn``)."""
    match = role_pattern().match(view, position)
    if not match:
        return None
    office = Office(text[match.start() : match.end()], canonical_role(match["role"]), None, status_of(match))
    return TitleMatch((match.start(), match.end()), office)


def organization_after_role(view: str, role: re.Match[str], where: Jurisdiction) -> OrganizationMatch | None:
    """The organization right after the role, or one that starts inside it.

    A role may share words with its organization: ``Trưởng đoàn ĐBQH tỉnh`` (``đoàn``),
    ``ĐBQH tỉnh`` (the role ``Đại biểu`` is part of the delegation's name).
    """
    space = re.compile(r"\s+").match(view, role.end())
    after = organization_at(view, space.end(), where) if space else None
    if after:
        return after
    word_starts = (word.start() for word in WORD.finditer(view, role.start("role"), role.end()))
    return next(filter(None, (organization_at(view, start, where) for start in word_starts)), None)


def find_titles(text: str, view: str, where: Jurisdiction) -> dict[int, TitleMatch]:
    """Every title in the view, leftmost-longest without overlaps, by start offset, and the
    compound titles (``UVTƯ``)."""
    found: dict[int, TitleMatch] = {}
    position = 0
    while role := role_pattern().search(view, position):
        title = title_at(text, view, role.start(), where)
        if title:
            found[title.span[0]] = title
        position = title.span[1] if title else role.end()
    for compound in compound_title_pattern().finditer(view):
        role_name, organization = gazetteers.compound_titles()[compound.group(0)]
        office = Office(text[compound.start() : compound.end()], role_name, organization, spans=(compound.span(),))
        found[compound.start()] = TitleMatch(compound.span(), office)
    return found
