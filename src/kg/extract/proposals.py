"""Proposals: requests (kiến nghị, đề nghị, đề xuất) from one side to the other.

A request passage starts where an organization or a place is followed by a request verb
(``huyện Pác Nặm kiến nghị với Ban Thường vụ Tỉnh ủy ...``); an organization named in a person's
title (``đồng chí Bí thư Tỉnh ủy đề nghị``) is a person speaking, not a proposer. When the
sentence announces a list (``một số nội dung như:``), every item up to the end of the paragraph
is one proposal: items are separated by sentences, ``;``, bullet lines (``-``, ``+``) and
``thứ nhất, thứ hai``. Otherwise each ``;``-separated part of the rest of the sentence is one.
A request that names no place concerns the proposer's own place (voters of a ward).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from kg import gazetteers
from kg.extract.places import type_word_pattern
from kg.model import Article, ArticleFacts, Proposal, Span
from kg.numbers import MONEY_PATTERN, parse_money
from kg.text import matching_view

TYPE_WORD = type_word_pattern()

REQUEST_VERB = re.compile(r"(?<!\w)(?:[Kk]iến nghị|[Đđ]ề nghị|[Đđ]ề xuất)(?!\w)")
# Adverbs that may stand between the proposer and the verb: "huyện đã kiến nghị".
ADVERBS_BEFORE_VERB = re.compile(r"(?:\s+(?:đã|cũng|tiếp tục|còn|đồng thời))*\s*$")
ADDRESSEE_LINK = re.compile(r"\s+(?:với\s+)?")
ITEM_MARKER = re.compile(
    r"[ \t]*(?:[-+•*]\s*|(?i:thứ\s+(?:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười))\s*[,:.]\s*)"
)
PROJECT = re.compile(r"[Dd]ự án\s+\S")

REQUEST_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("funding", re.compile(
        r"(?:hỗ trợ|bố trí|cấp|bổ sung|phân bổ|cân đối|ưu tiên)\s+(?:nguồn\s+)?(?:kinh phí|vốn|ngân sách)"
        rf"|(?:hỗ trợ|bố trí|cấp|bổ sung|phân bổ)(?:\s+\S+){{0,3}}?\s+(?:{MONEY_PATTERN.pattern})",
        re.IGNORECASE,
    )),
    ("planning_inclusion", re.compile(r"(?:đưa|bổ sung|cập nhật)(?!\w)[^.;]{0,80}?(?<!\w)vào\s+"
                                      r"(?:danh mục|quy hoạch|kế hoạch)", re.IGNORECASE)),
    ("upgrade", re.compile(r"nâng cấp|cải tạo|sửa chữa", re.IGNORECASE)),
    ("investment", re.compile(r"đầu tư", re.IGNORECASE)),
    ("study", re.compile(r"nghiên cứu|xem xét|khảo sát", re.IGNORECASE)),
)
"""Request kinds by precedence: the first kind whose words occur in the item wins, wherever
they occur. Money is the most concrete ask (``bố trí kinh phí ... nâng cấp``, ``hỗ trợ tỉnh
khoảng 1.200 tỷ đồng để xây dựng`` are funding), then inclusion in a plan or list (``nghiên cứu
đưa vào quy hoạch`` is planning), then the works asked for."""


@dataclasses.dataclass(frozen=True)
class RequestPassage:
    """Who asks whom, and the spans of the single requests."""

    proposer: str
    addressee: str | None
    span: Span
    items: tuple[Span, ...]


def extract_proposals(article: Article, facts: ArticleFacts) -> ArticleFacts:
    """Add one :class:`Proposal` per request of every request passage."""
    text = article.text
    proposals = tuple(
        _proposal(text, facts, passage, item)
        for passage in request_passages(article, facts)
        for item in passage.items
    )
    return dataclasses.replace(facts, proposals=proposals)


def request_passages(article: Article, facts: ArticleFacts) -> list[RequestPassage]:
    """The request passages of the article, in text order."""
    text, view = article.text, matching_view(article.text)
    passages: list[RequestPassage] = []
    for verb in REQUEST_VERB.finditer(view):
        if passages and verb.start() < passages[-1].span[1]:
            continue
        adverbs = ADVERBS_BEFORE_VERB.search(view, 0, verb.start())
        proposer = agent_at(facts, end=adverbs.start() if adverbs else verb.start())
        if proposer is None or _in_title(facts, proposer[1]):
            continue
        link = ADDRESSEE_LINK.match(view, verb.end())
        body_start = link.end() if link else verb.end()
        addressee = agent_at(facts, start=body_start)
        items = _items(text, addressee[1][1] if addressee else body_start)
        if not items:
            continue
        passages.append(RequestPassage(
            proposer[0], addressee[0] if addressee else None, (verb.start(), items[-1][1]), tuple(items)
        ))
    return passages


def agent_at(
    facts: ArticleFacts, *, start: int | None = None, end: int | None = None, organizations_only: bool = False
) -> tuple[str, Span] | None:
    """Key and span of the organization or place whose mention starts at ``start`` or ends at ``end``.

    The longest mention wins; an organization wins over a place with the same span.
    """
    candidates = [
        (key, span)
        for span, key in agent_spans(facts, organizations_only).items()
        if span[0] == start or span[1] == end
    ]
    return max(candidates, key=lambda candidate: candidate[1][1] - candidate[1][0]) if candidates else None


def agent_spans(facts: ArticleFacts, organizations_only: bool = False) -> dict[Span, str]:
    """Every mention of an organization or place, a place's type word included (``xã Bộc Bố``)."""
    spans: dict[Span, str] = {}
    for organization in facts.organizations:
        for span in organization.spans:
            spans.setdefault(span, organization.canonical_name)
    for place in () if organizations_only else facts.places:
        for span in place.spans:
            spans.setdefault((_type_word_start(facts.article.text, span), span[1]), place.key)
    return spans


def _in_title(facts: ArticleFacts, span: Span) -> bool:
    return any(
        start <= span[0] and span[1] <= end
        for person in facts.persons for office in person.offices for start, end in office.spans
    )


def _type_word_start(text: str, span: Span) -> int:
    for match in TYPE_WORD.finditer(text, max(0, span[0] - 16), span[0]):
        if not text[match.end():span[0]].strip():
            return match.start()
    return span[0]


def _items(text: str, body_start: int) -> list[Span]:
    """The requests: after a colon, the list up to the paragraph's end; else the sentence's parts.

    A later part of a sentence that asks for nothing of a known kind gives the reason for the
    request before it (``...; trong mùa mưa, đoạn tuyến này đã sạt lở``): it is no request.
    """
    sentence_end = next(_split_points(text, body_start), len(text))
    colon = text.find(":", body_start, sentence_end)
    start, items = (colon + 1 if colon >= 0 else body_start), []
    for point in _split_points(text, start, items=True):
        items.append(_trim(text, (start, point)))
        start = point
        if colon < 0 and point >= sentence_end:
            break
        if text[point - 1] == "\n" and not ITEM_MARKER.match(text, point):
            break
    else:
        items.append(_trim(text, (start, len(text))))
    items = [item for item in items if item[1] > item[0]]
    if colon >= 0:
        return items
    return items[:1] + [item for item in items[1:] if request_kind(text[item[0] : item[1]]) != "other"]


def _split_points(text: str, start: int, *, items: bool = False) -> Iterator[int]:
    """Offsets just after each sentence end (and item separator) outside parentheses."""
    depth = 0
    for position in range(start, len(text)):
        char = text[position]
        depth += (char == "(") - (char == ")")
        if depth > 0:
            continue
        at_end = position + 1 == len(text) or text[position + 1].isspace()
        ends_sentence = char in ".!?…" and at_end and not _ends_abbreviation(text, position)
        if char == "\n" or (items and char == ";") or ends_sentence:
            yield position + 1


def _ends_abbreviation(text: str, period: int) -> bool:
    word = re.search(r"\S*$", text[:period + 1])
    return word is not None and word.group(0) in gazetteers.period_abbreviations()


def _trim(text: str, span: Span) -> Span:
    start, end = span
    marker = ITEM_MARKER.match(text[start:end].lstrip())
    start += len(text[start:end]) - len(text[start:end].lstrip()) + (marker.end() if marker else 0)
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".;,…"):
        end -= 1
    return start, end


def request_kind(clause: str) -> str:
    """The kind of the request ``clause`` states: the first of :data:`REQUEST_KINDS` whose words occur."""
    view = matching_view(clause)
    return next((kind for kind, words in REQUEST_KINDS if words.search(view)), "other")


def _proposal(text: str, facts: ArticleFacts, passage: RequestPassage, item: Span) -> Proposal:
    clause = text[item[0]:item[1]]
    money = MONEY_PATTERN.search(clause)
    try:
        amount, qualifier = parse_money(money.group()) if money else (None, None)
    except ValueError:  # an implausible amount: extract_indicators warns about it
        amount, qualifier = None, None
    return Proposal(
        summary=clause,
        request_kind=request_kind(clause),
        proposer=passage.proposer,
        addressee=passage.addressee,
        places=_places_within(facts, item) or _own_place(passage.proposer),
        project=_project(text, facts, item),
        amount_vnd=amount,
        amount_qualifier=qualifier,
        spans=(item,),
    )


def _places_within(facts: ArticleFacts, item: Span) -> tuple[str, ...]:
    found = sorted(
        (span[0], place.key)
        for place in facts.places
        for span in place.spans
        if item[0] <= span[0] and span[1] <= item[1]
    )
    return tuple(dict.fromkeys(key for _, key in found))


def _own_place(proposer: str) -> tuple[str, ...]:
    """A request that names no place concerns the proposer's own place, if below the province."""
    is_place = ":" in proposer and not proposer.startswith("province:")
    return (proposer,) if is_place else ()


def _project(text: str, facts: ArticleFacts, item: Span) -> str | None:
    """The ``Dự án ...`` name: up to a bracket, a sentence end, or a comma not followed by a place."""
    match = PROJECT.search(text, item[0], item[1])
    if not match:
        return None
    place_ends = {span[0]: span[1] for span, key in agent_spans(facts).items() if ":" in key}
    end = match.end()
    while end < item[1]:
        delimiter = re.compile(r"[(;]|[.…](?=\s|$)|,").search(text, end, item[1])
        if not delimiter:
            end = item[1]
            break
        after_comma = re.compile(r",\s*").match(text, delimiter.start())
        if after_comma and after_comma.end() in place_ends:
            end = place_ends[after_comma.end()]
            continue
        end = delimiter.start()
        break
    return text[match.start():end].strip()
