"""The meeting an article reports: when, what kind, who met whom, who chaired and concluded.

The opening sentence names it: ``Sáng 13/6, <organizer> làm việc với <participant> để
<purpose>``. The verb phrase gives the kind (``gazetteers/meeting_kinds.tsv``). Participants are
the organizations listed after ``(thăm và) làm việc với`` or after a participation phrase (``với
sự tham dự của``, ``phối hợp với``, ``Dự kỳ họp có``, ``cùng dự``); at a voters' meeting, also the
local authorities of the place whose voters are met; and the organizations whose leaders act with
a chair (``đồng chí X và lãnh đạo UBND tỉnh trao quyết định``). Chairs are the persons named before ``(đồng)
chủ trì``; the concluding speaker is the subject of ``(phát biểu) kết luận`` / ``bế mạc`` /
``phát biểu kết thúc``, or the person named after it when it opens the sentence (``Kết luận hội
nghị, đồng chí X``); failing those, the speaker of ``phát biểu chỉ đạo`` / ``tiếp thu, giải
trình``. Title-only references count: persons attach them to the name.
"""

from __future__ import annotations

import dataclasses
import functools
import re

from kg import gazetteers
from kg.model import Article, ArticleFacts, Meeting, Span
from kg.numbers import DATE_PATTERN, parse_date
from kg.text import matching_view, sentence_spans

CHAIR_AFTER = re.compile(r"(?<!\w)(?:đồng\s+)?chủ\s+trì(?!\w)", re.IGNORECASE)
CHAIRED_BY = re.compile(r"(?<!\w)sự\s+(?:đồng\s+)?chủ\s+trì\s+của(?!\w)", re.IGNORECASE)
CONCLUDING_SPEECH = re.compile(
    r"(?<!\w)(?:(?:phát\s+biểu\s+)?(?:kết\s+luận|bế\s+mạc)|phát\s+biểu\s+(?:kết\s+thúc|tổng\s+kết))(?!\w)"
    r"(?!\s+(?:số|của)(?!\w))",
    re.IGNORECASE,
)
"""A concluding or closing speech; not a cited conclusion (``Kết luận số 21-KL/TW``, ``kết luận của``)."""
CLOSING_REMARKS = re.compile(
    r"(?<!\w)(?:phát\s+biểu\s+(?:chỉ\s+đạo|tiếp\s+thu(?:\s*,\s*|\s+và\s+)?(?:giải\s+trình)?)"
    r"|tiếp\s+thu(?:\s*,\s*giải\s+trình)?\s+(?:các\s+|những\s+)?ý\s+kiến(?:\s*,\s*kiến\s+nghị)?\s+(?:của\s+)?cử\s+tri)"
    r"(?!\w)",
    re.IGNORECASE,
)
"""Speeches that close a meeting when no speech is called concluding: the leader's direction
(``phát biểu chỉ đạo``), the delegate's answer to voters (``phát biểu tiếp thu, giải trình``,
``tiếp thu các ý kiến, kiến nghị của cử tri``)."""
MEETING_NOUN = r"(?:kỳ\s+họp|hội\s+nghị|buổi\s+(?:làm\s+việc|tiếp\s+xúc(?:\s+cử\s+tri)?|gặp\s+mặt|lễ)|lễ)"
PARTICIPATION = re.compile(
    r"(?<!\w)(?:(?:với|có)\s+sự\s+(?:tham\s+dự|tham\s+gia|phối\s+hợp)\s+của|phối\s+hợp\s+với|cùng\s+với"
    rf"|(?:(?:tham|cùng)\s+)?dự(?:\s+{MEETING_NOUN})?\s+có|cùng\s+(?:tham\s+)?dự"
    r"|(?:làm\s+việc|tiếp)\s+với\s+đoàn\s+có)(?!\w)",
    re.IGNORECASE,
)
"""Phrases after which the organizations taking part are listed (``Dự kỳ họp có``, ``cùng dự``,
``Làm việc với đoàn có``)."""
LIST_GAP = re.compile(
    r"\s*(?:,|;|[-–—]|và|cùng)?\s*(?:(?:các\s+)?(?:đồng\s+chí|ông|bà)(?:\s*:)?\s+)?(?:(?:lãnh\s+đạo|đại\s+diện)\s+)*",
    re.IGNORECASE,
)
"""What may stand between two items of one list (``đại diện lãnh đạo UBND tỉnh``, ``; đồng chí``)."""
WITH_LEADERS_OF = re.compile(r"\s+(?:và|cùng)\s+(?:lãnh\s+đạo|đại\s+diện)\s+", re.IGNORECASE)
"""Between a chair and the organization whose leaders act with them."""
CONSTITUENCY_AUTHORITIES = frozenset({"peoples_committee", "peoples_council", "fatherland_front"})
"""Kinds of the local bodies that hold a voters' meeting with the delegates: the people's
committee, council and Fatherland Front of the place whose voters are met."""
PREFERRED_ORGANIZER = {"council_session": "peoples_council"}
"""Meeting kinds held by one kind of organization (a council holds its session)."""
OPENING_SENTENCES = 6
"""How far from the start a dated sentence may open the report (headlines and bylines come first)."""
PURPOSE = re.compile(r"(?<!\w)để\s+(?P<purpose>.+?)[.;]?$", re.DOTALL)
LOCATION = re.compile(r"(?<!\w)tại\s+")
CLOCK_TIME = re.compile(r"(?<!\w)(?P<hour>\d{1,2})\s*(?:giờ|h)\s*(?P<minute>\d{2})?(?!\w)")

NamedSpan = tuple[int, int, str]


@functools.cache
def kind_pattern() -> re.Pattern[str]:
    """Any meeting verb phrase as whole words, in any case."""
    phrases = sorted((phrase for phrase, _ in gazetteers.meeting_kinds()), key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(re.escape, phrase.split())) for phrase in phrases)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def meeting_kind(phrase: str) -> str:
    """The meeting kind a verb phrase names."""
    spaced = " ".join(phrase.split()).lower()
    return dict(gazetteers.meeting_kinds())[spaced]


def extract_meetings(article: Article, facts: ArticleFacts) -> ArticleFacts:
    """The meeting reported in the article's opening sentence, if it reports one."""
    view = matching_view(article.text)
    sentences = sentence_spans(view, gazetteers.period_abbreviations())
    opening = opening_sentence(view, sentences)
    if opening is None:
        return facts
    try:
        date = meeting_date(view, opening, article)
    except ValueError as impossible:  # 31/2: no meeting is recorded rather than one on a made-up day
        warning = f"{impossible}: the meeting of {article.text[opening[0] : opening[1]]!r} is skipped"
        return dataclasses.replace(facts, warnings=(*facts.warnings, warning))
    if date is None:
        warning = f"meeting without a full date in {article.text[opening[0] : opening[1]]!r}"
        return dataclasses.replace(facts, warnings=(*facts.warnings, warning))
    verb = kind_pattern().search(view, *opening)
    assert verb is not None
    kind = meeting_kind(verb.group(0))
    people = person_spans(facts)
    organizations = outside_titles(outermost(organization_spans(facts)), facts)
    listed_people = [(start, end) for start, end, _ in people] + title_spans(facts)
    purpose = PURPOSE.search(view, verb.end(), opening[1])
    host = organizer(facts, organizations, opening, verb, kind)
    chaired_by = chairs(view, sentences, people)
    meeting = Meeting(
        date=date,
        kind=kind,
        organizer=host,
        participants=tuple(
            name
            for name in dict.fromkeys(
                (
                    *participants(view, sentences, opening, verb, organizations, listed_people),
                    *constituency_authorities(verb, kind, facts),
                    *joining_the_chair(view, chaired_by, people, organizations),
                )
            )
            if name != host
        ),
        chairs=chaired_by,
        concluded_by=concluding_speaker(view, sentences, people),
        part_of_day=part_of_day(view, opening),
        time=clock_time(view, opening),
        purpose=article.text[purpose.start("purpose") : purpose.end("purpose")] if purpose else None,
        location=location(view, opening, facts),
        spans=(opening,),
    )
    return dataclasses.replace(facts, meetings=(meeting,))


def opening_sentence(view: str, sentences: list[Span]) -> Span | None:
    """The first sentence near the start with a meeting verb and a date, else the first with a verb."""
    with_verb = [span for span in sentences if kind_pattern().search(view, *span)]
    early = set(sentences[:OPENING_SENTENCES])
    dated = (span for span in with_verb if span in early and DATE_PATTERN.search(view, *span))
    return next(dated, with_verb[0] if with_verb else None)


def meeting_date(view: str, sentence: Span, article: Article) -> str | None:
    """The date written in the sentence (year from the article if absent), else the published day."""
    written = DATE_PATTERN.search(view, *sentence)
    if written:
        return parse_date(written.group(0), article.year)
    return article.published if len(article.published) == 10 else None


def part_of_day(view: str, sentence: Span) -> str | None:
    """``morning`` for ``Sáng 13/6``: a part-of-day word right before the date."""
    words = "|".join(map(re.escape, gazetteers.parts_of_day()))
    match = re.compile(rf"(?<!\w)({words})\s+(?:ngày\s+)?\d", re.IGNORECASE).search(view, *sentence)
    return gazetteers.parts_of_day()[match.group(1).lower()] if match else None


def clock_time(view: str, sentence: Span) -> str | None:
    """``HH:MM`` for ``8 giờ 30`` / ``14h``: the first that is a time of day (not ``25h``)."""
    for match in CLOCK_TIME.finditer(view, *sentence):
        # int() also reads the digits of other scripts that \d matches, so the time is ASCII
        hour, minute = int(match["hour"]), int(match["minute"] or 0)
        if hour < 24 and minute < 60:
            return f"{hour:02d}:{minute:02d}"
    return None


def person_spans(facts: ArticleFacts) -> list[NamedSpan]:
    """Every span of every person (names and title-only references), in text order."""
    return sorted((start, end, person.name) for person in facts.persons for start, end in person.spans)


def organization_spans(facts: ArticleFacts) -> list[NamedSpan]:
    """Every span of every organization, keyed by canonical name, in text order."""
    return sorted(
        (start, end, organization.canonical_name)
        for organization in facts.organizations
        for start, end in organization.spans
    )


def outermost(spans: list[NamedSpan]) -> list[NamedSpan]:
    """The spans not inside another (``Ban Thường vụ Tỉnh ủy`` rather than its ``Tỉnh ủy``)."""
    return [
        span
        for span in spans
        if not any(other != span and other[0] <= span[0] and span[1] <= other[1] for other in spans)
    ]


def title_spans(facts: ArticleFacts) -> list[Span]:
    """The spans of every title of every person."""
    return [span for person in facts.persons for office in person.offices for span in office.spans]


def outside_titles(spans: list[NamedSpan], facts: ArticleFacts) -> list[NamedSpan]:
    """The spans that are not part of a person's title (``Ủy viên Bộ Chính trị``): such an
    organization is where the person serves, not a side of the meeting."""
    titles = title_spans(facts)
    return [span for span in spans if not any(start <= span[0] and span[1] <= end for start, end in titles)]


def names_between(spans: list[NamedSpan], start: int, end: int) -> tuple[str, ...]:
    """The names of the spans lying within ``[start, end)``, in order, without repeats."""
    return tuple(dict.fromkeys(name for first, last, name in spans if start <= first and last <= end))


def organizer(
    facts: ArticleFacts, organizations: list[NamedSpan], sentence: Span, verb: re.Match[str], kind: str
) -> str | None:
    """The host: the organization of the kind that holds such meetings, else the first one before
    the verb (its subject), else the first one after it (``Hội nghị Ban Chấp hành Đảng bộ tỉnh``)."""
    named = names_between(organizations, *sentence)
    kinds = {organization.canonical_name: organization.kind for organization in facts.organizations}
    preferred = [name for name in named if kinds.get(name) == PREFERRED_ORGANIZER.get(kind)]
    before = names_between(organizations, sentence[0], verb.start())
    after = names_between(organizations, verb.end(), sentence[1])
    return next(iter(preferred or before or after), None)


def participants(
    view: str,
    sentences: list[Span],
    opening: Span,
    verb: re.Match[str],
    organizations: list[NamedSpan],
    people: list[Span],
) -> tuple[str, ...]:
    """The organizations listed after ``(thăm và) làm việc với`` in the opening sentence and after
    participation phrases in it and the two sentences after it; persons and their titles may be
    listed among them (``Cùng dự có đồng chí X, <titles>; lãnh đạo Sở Y``)."""
    listed: list[str] = []
    for phrase in kind_pattern().finditer(view, verb.start(), opening[1]):
        if "với" in phrase.group(0).lower():
            listed.extend(listed_after(view, organizations, phrase.end(), opening[1], people))
    index = sentences.index(opening)
    for start, end in sentences[index : index + 3]:
        for phrase in PARTICIPATION.finditer(view, start, end):
            listed.extend(listed_after(view, organizations, phrase.end(), end, people))
    return tuple(dict.fromkeys(listed))


def constituency_authorities(verb: re.Match[str], kind: str, facts: ArticleFacts) -> list[str]:
    """For a voters' meeting (``tiếp xúc cử tri TX. A``), the local authorities of the place whose
    voters are met, wherever the article names them (often only in the title of an official who
    answers the voters: ``Chủ tịch UBND TX. A``)."""
    constituency = place_right_after(verb.end(), facts) if kind == "voter_meeting" else None
    return [
        organization.canonical_name
        for organization in facts.organizations
        if constituency and organization.place == constituency and organization.kind in CONSTITUENCY_AUTHORITIES
    ]


def joining_the_chair(
    view: str, chaired_by: tuple[str, ...], people: list[NamedSpan], organizations: list[NamedSpan]
) -> list[str]:
    """The organizations whose leaders act with a chair (``đồng chí X và lãnh đạo UBND tỉnh trao
    quyết định``): they take part in the meeting."""
    starts = {start: name for start, _, name in organizations}
    joined: list[str] = []
    for _, end, name in people:
        link = WITH_LEADERS_OF.match(view, end) if name in chaired_by else None
        if link and link.end() in starts:
            joined.append(starts[link.end()])
    return joined


def listed_after(
    view: str, organizations: list[NamedSpan], position: int, end: int, people: list[Span]
) -> list[str]:
    """The organizations of the list that starts at ``position`` (``A, B và C``), passing over the
    persons (names and titles) listed with them."""
    items = sorted([*organizations, *((start, last, "") for start, last in people)])
    listed: list[str] = []
    for start, last, name in items:
        if start < position or start >= end:
            continue
        if not LIST_GAP.fullmatch(view, position, start):
            break
        if name:
            listed.append(name)
        position = last
    return listed


def chairs(view: str, sentences: list[Span], people: list[NamedSpan]) -> tuple[str, ...]:
    """The persons named before ``(đồng) chủ trì`` or after ``dưới sự chủ trì của``."""
    for start, end in sentences:
        if chaired_by := CHAIRED_BY.search(view, start, end):
            return names_between(people, chaired_by.end(), end)
        if chair := CHAIR_AFTER.search(view, start, end):
            return names_between(people, start, chair.start())
    return ()


def concluding_speaker(view: str, sentences: list[Span], people: list[NamedSpan]) -> str | None:
    """The subject of a concluding speech, or the person named after it when it opens the sentence;
    failing one, the speaker of closing remarks (``phát biểu chỉ đạo``)."""
    for speech_pattern in (CONCLUDING_SPEECH, CLOSING_REMARKS):
        for start, end in sentences:
            for speech in speech_pattern.finditer(view, start, end):
                before = names_between(people, start, speech.start())
                after = names_between(people, speech.end(), end)
                speaker = (after or before) if speech.start() == start else (before[-1:] or after)
                if speaker:
                    return speaker[0]
    return None


def location(view: str, sentence: Span, facts: ArticleFacts) -> str | None:
    """The key of the place named right after ``tại`` in the sentence."""
    for marker in LOCATION.finditer(view, *sentence):
        if near := place_right_after(marker.end(), facts):
            return near
    return None


def place_right_after(position: int, facts: ArticleFacts) -> str | None:
    """The key of the place whose name starts within a type word's reach after ``position``."""
    near = [
        (start, place.key) for place in facts.places for start, _ in place.spans if position <= start < position + 20
    ]
    return min(near)[1] if near else None
