"""The gazetteers: vocabulary the extractors look up, as TSV files a reviewer can read.

Each function reads one file once (``functools.cache``); see ``README.md`` in this package
for the files and their columns.
"""

from __future__ import annotations

import csv
import functools
import io
from importlib import resources


@functools.cache
def read_table(file_name: str) -> tuple[dict[str, str], ...]:
    """The rows of one gazetteer file, each a mapping from column name to value."""
    text = resources.files(__package__).joinpath(file_name).read_text(encoding="utf-8")
    return tuple(csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))


def _column(file_name: str, column: str) -> tuple[str, ...]:
    return tuple(row[column] for row in read_table(file_name))


@functools.cache
def provinces() -> dict[str, str]:
    """Province-level units before July 2025, name → level (``tỉnh`` or ``thành phố``)."""
    return {row["name"]: row["level"] for row in read_table("provinces.tsv")}


@functools.cache
def abbreviations() -> tuple[tuple[str, str], ...]:
    """``(abbreviation, expansion)`` pairs: ``("HĐND", "Hội đồng nhân dân")``."""
    return tuple((row["abbreviation"], row["expansion"]) for row in read_table("abbreviations.tsv"))


@functools.cache
def period_abbreviations() -> frozenset[str]:
    """Abbreviations ending with a period (``TP.``, ``TX.``): such a period does not end a sentence."""
    return frozenset(abbreviation for abbreviation, _ in abbreviations() if abbreviation.endswith("."))


def organization_patterns() -> tuple[dict[str, str], ...]:
    """Organization head words with kind, shape, place type and first-letter rule."""
    return read_table("organizations.tsv")


def place_types() -> tuple[dict[str, str], ...]:
    """Place type words with place type, first-letter rule, route code prefix and level."""
    return read_table("place_types.tsv")


@functools.cache
def roles() -> dict[str, bool]:
    """Role words of titles → whether the role needs an organization after it."""
    return {row["role"]: row["needs_organization"] == "yes" for row in read_table("roles.tsv")}


@functools.cache
def role_spellings() -> dict[str, str]:
    """Every way a role is written, lower-cased → the role: ``"đbqh"`` → ``"Đại biểu"``."""
    spellings = {row["role"].lower(): row["role"] for row in read_table("roles.tsv")}
    for row in read_table("roles.tsv"):
        spellings.update((written.lower(), row["role"]) for written in row["also_written"].split("|") if written)
    return spellings


@functools.cache
def role_organization_heads() -> dict[str, str]:
    """Roles whose organization a bare title leaves implicit → the head of that organization:
    ``Thứ trưởng`` → ``Bộ`` (the ministry the article names)."""
    return {row["role"]: row["organization_head"] for row in read_table("roles.tsv") if row["organization_head"]}


@functools.cache
def compound_titles() -> dict[str, tuple[str, str]]:
    """Titles written as one abbreviation of role and organization → ``(role, organization)``:
    ``UVTƯ`` → ``("Ủy viên", "Ban Chấp hành Trung ương Đảng")``."""
    return {row["written"]: (row["role"], row["organization"]) for row in read_table("compound_titles.tsv")}


@functools.cache
def family_names() -> frozenset[str]:
    """Family names a Vietnamese person name starts with."""
    return frozenset(_column("family_names.tsv", "name"))


@functools.cache
def honorifics() -> dict[str, str]:
    """Words written before a person name → ``honorific`` or ``rank``."""
    return {row["word"]: row["kind"] for row in read_table("honorifics.tsv")}


def sectors() -> tuple[str, ...]:
    """Fields of departments and ministries (``Tài chính`` in ``Sở Tài chính``)."""
    return _column("sectors.tsv", "name")


def meeting_kinds() -> tuple[tuple[str, str], ...]:
    """``(verb phrase, meeting kind)`` pairs: ``("làm việc với", "working_session")``."""
    return tuple((row["phrase"], row["kind"]) for row in read_table("meeting_kinds.tsv"))


def organization_kinds() -> tuple[str, ...]:
    """The allowed :attr:`kg.model.Organization.kind` values."""
    return _column("organization_kinds.tsv", "kind")


@functools.cache
def office_statuses() -> dict[str, str]:
    """Words before a title that set the office's status: ``nguyên`` → ``former``."""
    return {row["word"]: row["status"] for row in read_table("office_statuses.tsv")}


@functools.cache
def parts_of_day() -> dict[str, str]:
    """Words before a meeting date that say when in the day: ``sáng`` → ``morning``."""
    return {row["word"]: row["part_of_day"] for row in read_table("parts_of_day.tsv")}
