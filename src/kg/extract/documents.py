"""Documents: cited party and state documents that carry a number.

``Kết luận số 21-KL/TW ngày 25/10/2021 của Ban Chấp hành Trung ương Đảng (khóa XIII)``: the type
word, the number (with or without ``số``), then optionally the date of issue, the issuer (the
organization whose span follows ``của``) and its term. A document named without a number
(``Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XII``) cannot be identified and is not a fact.
"""

from __future__ import annotations

import dataclasses
import re

from kg import gazetteers
from kg.extract.proposals import agent_at
from kg.model import Article, ArticleFacts, DocumentRef, Span
from kg.numbers import DATE_PATTERN, parse_date
from kg.text import matching_view

DOCUMENT_TYPES = (
    "Kết luận", "Nghị quyết", "Quyết định", "Chỉ thị", "Kế hoạch", "Quy định", "Thông báo",
    "Hướng dẫn", "Nghị định", "Thông tư", "Công văn", "Chương trình", "Đề án", "Luật",
)
"""Type words of numbered documents, as :attr:`DocumentRef.type` spells them."""

_TYPE = "|".join(f"[{word[0]}{word[0].lower()}]{word[1:]}" for word in DOCUMENT_TYPES)
# A document number has a symbol in capitals: 21-KL/TW, 1234/QĐ-UBND, 12/2021/NĐ-CP.
DOCUMENT = re.compile(
    rf"(?<!\w)(?P<type>{_TYPE})\s+(?:số\s+)?"
    rf"(?P<number>\d+(?:/\d{{4}})?[-/][A-ZĐ][\w/-]*[\w])"
    rf"(?:\s*,?\s+(?:ban hành\s+)?(?P<date>(?=[Nn]gày)(?:ngày\s+)?(?:{DATE_PATTERN.pattern})))?"
)
ISSUER_LINK = re.compile(r"\s+của\s+")
TERM = re.compile(r"\s*\(?\s*khóa\s+(?P<term>[IVXLC]+)(?!\w)\)?")


def extract_documents(article: Article, facts: ArticleFacts) -> ArticleFacts:
    """Add a :class:`DocumentRef` for every numbered document the article cites, once per number."""
    view = matching_view(article.text)
    found: dict[str, DocumentRef] = {}
    for match in DOCUMENT.finditer(view):
        cited = _document(article, facts, view, match)
        earlier = found.get(cited.number)
        found[cited.number] = cited if earlier is None else _merge(earlier, cited)
    return dataclasses.replace(facts, documents=tuple(found.values()))


def _document(article: Article, facts: ArticleFacts, view: str, match: re.Match[str]) -> DocumentRef:
    end = match.end()
    issuer = term = None
    link = ISSUER_LINK.match(view, end)
    found = agent_at(facts, start=link.end(), organizations_only=True) if link else None
    if found is not None:
        issuer, (issuer_start, end) = found
        inside = TERM.search(view, issuer_start, end)
        term = inside.group("term") if inside else None
    after = TERM.match(view, end)
    if after and term is None:
        term, end = after.group("term"), after.end()
    if issuer is None:
        issuer = _issuer_by_code(facts, match.group("number"))
    date = _date(match.group("date"), article.year)
    span: Span = (match.start(), end)
    return DocumentRef(
        text=article.text[span[0]:span[1]],
        number=match.group("number"),
        type=_document_type(match.group("type")),
        date=date,
        issuer=issuer,
        term=term,
        spans=(span,),
    )


def _issuer_by_code(facts: ArticleFacts, number: str) -> str | None:
    expansion = dict(gazetteers.abbreviations()).get(re.split(r"[-/]", number)[-1])
    if expansion is None:
        return None
    organizers = [
        meeting.organizer for meeting in facts.meetings
        if meeting.organizer is not None and meeting.organizer.startswith(expansion)
    ]
    return organizers[0] if organizers else None


def _document_type(written: str) -> str:
    return next(word for word in DOCUMENT_TYPES if word.lower() == written.lower())


def _date(written: str | None, default_year: int) -> str | None:
    if written is None:
        return None
    try:
        return parse_date(written, default_year)
    except ValueError:
        return None


def _merge(first: DocumentRef, again: DocumentRef) -> DocumentRef:
    return dataclasses.replace(
        first,
        date=first.date or again.date,
        issuer=first.issuer or again.issuer,
        term=first.term or again.term,
        spans=first.spans + again.spans,
    )
