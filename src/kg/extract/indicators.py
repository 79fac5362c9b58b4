"""Indicators: measured results and targets (chỉ tiêu) with their unit and context.

Within each sentence the measured values are found in text order: amounts of money, ratios
(``35/49 chỉ tiêu``), counts (``09 người``) and percentages. A percentage that qualifies the
value just before it is an attribute of that value, not an indicator of its own:

* ``tăng 24% so với năm 2020`` → ``change_percent`` 24 and ``compared_to_year`` 2020 (``giảm``: negative);
* ``đạt 96,5% mục tiêu ... đến năm 2025`` → ``percent_of_target`` 96.5 and ``target_year`` 2025.

Each value's context is read in the text between the previous value and itself (its
*preamble*): the year (``năm 2023``), the date of measurement (``tính đến ngày 10/6/2024``),
whether it is a forecast or goal (``ước``, ``phấn đấu``) and the topic (``tổng giá trị sản
xuất``). A value whose preamble states no time or topic shares those of the value before it in
the same sentence. Amounts inside request passages are costs of what is asked, not indicators.
"""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

from kg import gazetteers
from kg.extract.context import focus_district
from kg.extract.proposals import agent_spans, request_passages
from kg.model import Article, ArticleFacts, Indicator, Span, place_key
from kg.numbers import (
    DATE_PATTERN,
    MONEY_PATTERN,
    NUMBER_PATTERN,
    PERCENT_PATTERN,
    QUALIFIERS,
    RATIO_PATTERN,
    implausible_values,
    parse_date,
    parse_money,
    parse_number,
    parse_percent,
    parse_ratio,
)
from kg.text import matching_view, sentence_spans

ADMINISTRATIVE_TYPES = ("province", "district", "city", "town", "commune")
"""Place types that can be the subject of an indicator."""

COUNT_NOUNS = (
    "người", "hộ gia đình", "hộ", "đảng viên", "hội viên", "đoàn viên", "cán bộ", "học sinh", "lao động",
    "lượt", "xã", "phường", "thị trấn", "thôn", "bản", "tổ chức cơ sở đảng", "chi bộ", "dự án",
    "công trình", "trường", "chỉ tiêu", "tiêu chí", "nhiệm vụ", "ý kiến", "vụ", "đơn thư", "căn nhà", "điểm",
)
"""Nouns that make a bare number a count (``09 người``, ``12 xã``)."""

COUNT = re.compile(rf"(?P<number>{NUMBER_PATTERN.pattern})\s+(?:{'|'.join(COUNT_NOUNS)})(?!\w)")
PER_PERSON_YEAR = re.compile(r"\s*/\s*người\s*/\s*năm")
QUALIFIER_BEFORE = re.compile(rf"(?<!\w)(?P<qualifier>{'|'.join(QUALIFIERS)})\s+$")
DATE_WORD_BEFORE = re.compile(r"(?i:ngày|sáng|chiều|tối|trưa|đêm|hôm|từ|đến)\s+$")
CHANGE_BEFORE = re.compile(r"(?<!\w)(?P<verb>tăng|giảm)(?:\s+(?:bình quân|trưởng|thêm))*\s+$")
CHANGE_AFTER = re.compile(
    r"(?:\s*/\s*năm)?(?:\s+so với\s+(?:cùng kỳ(?:\s+năm\s+(?P<same_period>\d{4}))?|năm\s+(?P<year>\d{4})))?"
)
TARGET_AFTER = re.compile(
    r"\s+(?:so với\s+)?(?:kế hoạch|KH|mục tiêu|chỉ tiêu|dự toán|nghị quyết|NQ)(?!\w)"
    r"[^,;()]*?(?=[,;()]|\.\s|\.$|$)"
)
VERB_BEFORE_PERCENT = re.compile(r"(?<!\w)(?:đạt|bằng|vượt|hoàn thành)\s+$")
YEAR = re.compile(r"(?<!so với )(?<!\w)[Nn]ăm\s+(?P<year>\d{4})(?!\d)")
AS_OF = re.compile(rf"(?:[Tt]ính\s+)?đến\s+(?:hết\s+)?(?P<date>(?:ngày\s+)?(?:{DATE_PATTERN.pattern}))")
ESTIMATED = re.compile(
    r"(?<!quy )(?<!hiệp )(?<!mong )(?<!\w)(?:ước|phấn đấu|dự kiến|dự ước)(?!\w)", re.IGNORECASE
)
TIME_PHRASE = re.compile(
    rf"(?<!\w)(?:(?:tính\s+)?(?:từ\s+đầu\s+nhiệm\s+kỳ\s+)?đến\s+(?:hết\s+)?(?:ngày\s+(?:{DATE_PATTERN.pattern})"
    r"|năm\s+\d{4}|nay)"
    r"|(?:trong\s+|cả\s+)?năm\s+\d{4}|\d+\s+tháng\s+(?:đầu\s+)?năm(?:\s+\d{4})?|hằng năm|hàng năm"
    r"|từ đầu nhiệm kỳ|ước(?:\s+(?:thực hiện|tính|cả năm))?|phấn đấu|dự kiến|dự ước)(?!\w)",
    re.IGNORECASE,
)
TOPIC_VERB = re.compile(r"(?<!\w)(?:đạt|là|còn|tăng|giảm|chiếm|bằng|vượt)(?!\w)")
CLAUSE_BREAK = re.compile(r"[;:()]|,(?!\d)")
GLOSS = re.compile(r"\(([^\s()]+)\)")
LINK_WORDS = re.compile(r"(?:với|và|cùng|trong đó|gồm)\s+")
# A count's noun phrase runs to the next clause that reports on it ("35/49 chỉ tiêu, ..., đạt 71,4%").
NOUN_PHRASE_END = re.compile(r"[;.()]|,\s*(?:đạt|tăng|giảm|bằng)(?!\w)")
SHARE_LINK = re.compile(r"[\s,]*(?:(?:đạt|bằng|chiếm)\s+)?(?:(?:tỷ lệ|tỉ lệ)\s+)?")
SHARE_ROUNDING = Decimal("0.1")
"""How far a stated share may be from part/whole (``78/98`` is 79,59…%, written ``79,6%``)."""
COMMAS = re.compile(r"[\s,]*")
MONEY_NOUN_GAP = re.compile(r"(?:\s+[^\W\d_]+){0,4}[\s,]*")
"""Between an amount and its share of target: up to four words naming what it is, then commas."""
ACTION_BEFORE_COUNT = re.compile(r"(?P<verb>\w+\s+\w+)\s+được\s+$")


@dataclasses.dataclass
class _Value:
    """A measured value found in a sentence, before its context is read."""

    start: int
    end: int
    """End of the value with its unit and, for counts, its noun phrase."""
    value: Decimal
    unit: str
    qualifier: str = "exact"
    target: Decimal | None = None
    noun: Span | None = None
    change: tuple[Span, Decimal, int | None] | None = None
    of_target: tuple[Span, Decimal, int | None] | None = None

    @property
    def phrase(self) -> Span:
        """Where the value's own phrase starts (the verb before a change or target) and ends."""
        for modifier in (self.change, self.of_target):
            if modifier is not None and self.unit == "percent" and self.noun is None:
                return modifier[0]
        return self.start, self.end


@dataclasses.dataclass(frozen=True)
class _Reading:
    """What every sentence of one article is read with."""

    article: Article
    facts: ArticleFacts
    view: str
    agents: dict[Span, str]
    focus: str | None


def extract_indicators(article: Article, facts: ArticleFacts) -> ArticleFacts:
    """Add one :class:`Indicator` per measured value of every sentence."""
    view = matching_view(article.text)
    reading = _Reading(article, facts, view, agent_spans(facts), _focus(facts))
    passages = [passage.span for passage in request_passages(article, facts)]
    indicators: list[Indicator] = []
    for sentence in sentence_spans(view, gazetteers.period_abbreviations()):
        values = [
            value for value in _values(view, sentence)
            if not any(start <= value.start < end for start, end in passages)
        ]
        indicators.extend(_indicators(reading, sentence, values))
    warnings = (*facts.warnings, *implausible_values(view))
    return dataclasses.replace(facts, indicators=tuple(indicators), warnings=warnings)


def _values(view: str, sentence: Span) -> list[_Value]:
    """The values of a sentence in text order, percentages that qualify a value attached to it."""
    found: list[_Value] = []
    taken: list[Span] = []
    for value in _money(view, sentence) + _percents(view, sentence) + _ratios(view, sentence):
        if not _overlaps(value, taken):
            found.append(value)
            taken.append((value.start, value.end))
    for value in _counts(view, sentence):
        if not _overlaps(value, taken):
            found.append(value)
    found.sort(key=lambda value: value.phrase[0])
    _end_noun_phrases(view, sentence, found)
    return _attach_qualifying_percents(view, found)


def _overlaps(value: _Value, taken: list[Span]) -> bool:
    return any(start < value.end and value.start < end for start, end in taken)


def _money(view: str, sentence: Span) -> list[_Value]:
    values = []
    for match in MONEY_PATTERN.finditer(view, *sentence):
        try:
            amount, qualifier = parse_money(match.group())
        except ValueError:  # implausible: extract_indicators warns about it
            continue
        per_person = PER_PERSON_YEAR.match(view, match.end())
        unit = "VND_per_person_year" if per_person else "VND"
        values.append(_Value(match.start(), per_person.end() if per_person else match.end(), amount, unit,
                             qualifier))
    return values


def _percents(view: str, sentence: Span) -> list[_Value]:
    values = []
    for match in PERCENT_PATTERN.finditer(view, *sentence):
        try:
            percent = parse_percent(match.group())
        except ValueError:  # implausible: extract_indicators warns about it
            continue
        value = _Value(match.start(), match.end(), percent, "percent",
                       _qualifier_before(view, sentence, match.start()))
        before = view[sentence[0]:match.start()]
        change = CHANGE_BEFORE.search(before)
        target = TARGET_AFTER.match(view, match.end(), sentence[1])
        if change:
            after = CHANGE_AFTER.match(view, match.end(), sentence[1])
            end = after.end() if after else match.end()
            year = (after.group("year") or after.group("same_period")) if after else None
            sign = -1 if change.group("verb") == "giảm" else 1
            compared_to = int(year) if year else None
            value.change = ((sentence[0] + change.start(), end), sign * value.value, compared_to)
            value.end = end
        elif target:
            verb = VERB_BEFORE_PERCENT.search(before)
            start = sentence[0] + verb.start() if verb else match.start()
            target_year = _last_year(view, (match.end(), target.end()))
            value.of_target = ((start, target.end()), value.value, target_year)
            value.end = target.end()
        values.append(value)
    return values


def _ratios(view: str, sentence: Span) -> list[_Value]:
    values = []
    for match in RATIO_PATTERN.finditer(view, *sentence):
        part, whole = parse_ratio(match.group())
        before = view[max(sentence[0], match.start() - 8):match.start()]
        followed_by_word = re.match(r"\s+[^\W\d]", view[match.end():sentence[1]])
        if whole > 0 and part <= whole and followed_by_word and not DATE_WORD_BEFORE.search(before):
            values.append(_Value(match.start(), match.end(), part, "count",
                                 _qualifier_before(view, sentence, match.start()), target=whole,
                                 noun=(match.end(), match.end())))
    return values


def _counts(view: str, sentence: Span) -> list[_Value]:
    return [
        _Value(match.start(), match.end("number"), parse_number(match.group("number")), "count",
               _qualifier_before(view, sentence, match.start()), noun=(match.end("number"), match.end()))
        for match in COUNT.finditer(view, *sentence)
    ]


def _qualifier_before(view: str, sentence: Span, position: int) -> str:
    match = QUALIFIER_BEFORE.search(view[sentence[0]:position])
    return QUALIFIERS[match.group("qualifier")] if match else "exact"


def _end_noun_phrases(view: str, sentence: Span, values: list[_Value]) -> None:
    """A count's noun phrase runs to a clause that reports on it, the next value or the sentence end."""
    for index, value in enumerate(values):
        if value.noun is None:
            continue
        limit = values[index + 1].phrase[0] if index + 1 < len(values) else sentence[1]
        stop = NOUN_PHRASE_END.search(view, value.noun[0], limit)
        end = stop.start() if stop else limit
        if not stop and index + 1 < len(values):
            # The words after the last comma introduce the next value, not this noun.
            comma = view.rfind(",", value.noun[0], end)
            end = comma if comma >= 0 else end
        while end > value.noun[0] and view[end - 1].isspace():
            end -= 1
        value.noun = (value.noun[0], end)
        value.end = max(value.end, end)


def _attach_qualifying_percents(view: str, values: list[_Value]) -> list[_Value]:
    """Give a change or a share of target to the value right before it (only commas between).

    A bare percentage right after a ratio that states the ratio's share (``54/55 ..., đạt tỷ lệ
    98,18%``) is the ratio's share of its target.
    """
    kept: list[_Value] = []
    for value in values:
        host = kept[-1] if kept else None
        if host is not None and _is_share_of(host, value, view):
            host.of_target = ((value.start, value.end), value.value, None)
            host.end = value.end
            continue
        modifier = value.change or value.of_target
        if (host is not None and modifier is not None and value.noun is None and value.unit == "percent"
                and _qualifies(host, view[host.end:modifier[0][0]])
                and (host.change is None if value.change else host.of_target is None)):
            if value.change:
                host.change = value.change
            else:
                host.of_target = value.of_target
            host.end = modifier[0][1]
            continue
        kept.append(value)
    return kept


def _qualifies(host: _Value, gap: str) -> bool:
    """Whether a percentage after ``gap`` may qualify ``host``: only commas between, or for an amount
    the few words saying what the money is (``1.200 tỷ đồng vốn đầu tư công, đạt 40% kế hoạch``)."""
    allowed = MONEY_NOUN_GAP if host.unit == "VND" else COMMAS
    return allowed.fullmatch(gap) is not None


def _is_share_of(host: _Value, value: _Value, view: str) -> bool:
    if host.target is None or host.of_target is not None or value.unit != "percent":
        return False
    if value.change is not None or value.of_target is not None:
        return False
    linked = SHARE_LINK.fullmatch(view, host.end, value.start)
    return linked is not None and abs(100 * host.value / host.target - value.value) <= SHARE_ROUNDING


def _indicators(reading: _Reading, sentence: Span, values: list[_Value]) -> list[Indicator]:
    article, view = reading.article, reading.view
    indicators: list[Indicator] = []
    cursor = sentence[0]
    for value in values:
        own_start = value.phrase[0]
        preamble = (cursor, own_start)
        previous = indicators[-1] if indicators else None
        topic, topic_start = _topic(reading, preamble, value)
        years = _last_year(view, preamble)
        as_of = _as_of(view, preamble, article.year)
        timed = years is not None or as_of is not None
        estimated = bool(ESTIMATED.search(view, *preamble))
        if not timed and previous is not None:
            years, as_of, estimated = previous.period_year, previous.as_of, estimated or previous.estimated
        if topic is None:
            topic = previous.topic if previous else ""
        unit = value.unit
        if unit == "VND" and "đầu người" in topic.lower():
            unit = "VND_per_person_year"
        span = (topic_start if topic_start is not None else own_start, value.end)
        change = value.change
        of_target = value.of_target
        indicators.append(Indicator(
            text=article.text[span[0]:span[1]],
            topic=topic,
            value=value.value,
            unit=unit,
            qualifier=value.qualifier,
            target=value.target,
            percent_of_target=of_target[1] if of_target else None,
            change_percent=change[1] if change else None,
            compared_to_year=change[2] if change else None,
            period_year=years,
            as_of=as_of,
            target_year=of_target[2] if of_target else None,
            estimated=estimated,
            subject=_subject(reading.facts, (sentence[0], own_start)) or reading.focus,
            spans=(span,),
        ))
        cursor = value.end
    return indicators


def _last_year(view: str, span: Span) -> int | None:
    years = list(YEAR.finditer(view, *span))
    return int(years[-1].group("year")) if years else None


def _as_of(view: str, span: Span, default_year: int) -> str | None:
    match = AS_OF.search(view, *span)
    if not match:
        return None
    try:
        return parse_date(match.group("date"), default_year)
    except ValueError:
        return None


def _topic(reading: _Reading, preamble: Span, value: _Value) -> tuple[str | None, int | None]:
    """What the value measures, as written, and where that phrase starts."""
    text, view = reading.article.text, reading.view
    if value.noun is not None:
        action = ACTION_BEFORE_COUNT.search(view, *preamble)
        noun = text[value.noun[0]:value.noun[1]].split(" so với ")[0].strip()
        if action:
            return f"{action.group('verb')} {noun}", action.start()
        return noun, None
    clauses, position = [], preamble[0]
    # A one-word parenthesis glosses the words before it ("tăng trưởng kinh tế (GRDP)"): no break.
    unglossed = GLOSS.sub(lambda gloss: f" {gloss.group(1)} ", view[preamble[0]:preamble[1]])
    for separator in CLAUSE_BREAK.finditer(unglossed):
        clauses.append((position, preamble[0] + separator.start()))
        position = preamble[0] + separator.end()
    clauses.append((position, preamble[1]))
    clauses = [clause for clause in clauses if view[clause[0]:clause[1]].strip()]
    for start, end in reversed(clauses):
        start = _skip_agent(reading, start, end)
        verb = TOPIC_VERB.search(view, start, end)
        cut = verb.start() if verb else end
        pieces, position = [], start
        for phrase in TIME_PHRASE.finditer(view, start, cut):
            pieces.append(text[position:phrase.start()])
            position = phrase.end()
        pieces.append(text[position:cut])
        topic = " ".join(" ".join(pieces).split())
        if topic:
            return topic, start
    # No topic of its own ("ước thực hiện năm 2024 đạt"): its phrase still starts with the time.
    return None, _skip_agent(reading, *clauses[-1]) if clauses else None


def _skip_agent(reading: _Reading, start: int, end: int) -> int:
    """Past a place or organization that opens the clause: the subject, not the topic."""
    view = reading.view
    start += len(view[start:end]) - len(view[start:end].lstrip())
    link = LINK_WORDS.match(view, start, end)
    start = link.end() if link else start
    ends = [span[1] for span in reading.agents if span[0] == start and span[1] <= end]
    if not ends:
        return start
    after = re.match(r"\s*(?:đã\s+)?", view[max(ends):end])
    return max(ends) + (after.end() if after else 0)


def _subject(facts: ArticleFacts, span: Span) -> str | None:
    """The last administrative place named in the sentence before the value."""
    mentions = [
        (mention[0], place.key) for place in facts.places if place.type in ADMINISTRATIVE_TYPES
        for mention in place.spans if span[0] <= mention[0] and mention[1] <= span[1]
    ]
    return max(mentions)[1] if mentions else None


def _focus(facts: ArticleFacts) -> str | None:
    """The place the article reports on: a meeting participant's, else its district, else its province."""
    known = {place.key for place in facts.places}
    places = {organization.canonical_name: organization.place for organization in facts.organizations}
    district = focus_district(facts.places)
    candidates = [
        *(places.get(participant) for meeting in facts.meetings for participant in meeting.participants),
        place_key("district", district) if district else None,
        place_key("province", facts.province) if facts.province else None,
    ]
    return next((key for key in candidates if key in known), None)
