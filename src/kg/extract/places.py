"""Places named with their type word: ``xã Bộc Bố``, ``TP. Bắc Kạn``, ``hồ Ba Bể``, ``đường 258B``.

A place is a type word (``gazetteers/place_types.tsv``, abbreviations included) followed by a
name: a run of capitalised syllables, or a route code for roads. Roads may also be written as
their ends (``tuyến đường Pác Nặm – Quảng Khê (Ba Bể)``) and followed by a segment
(``đoạn từ A - B - C``). A place's span covers its name; repeated mentions merge. A place lies
within the larger place written right after it (``xã A, huyện B``), else within the only place
one level up named before it in its sentence, else within the district the article is about.
"""

from __future__ import annotations

import dataclasses
import functools
import re

from kg import gazetteers
from kg.extract.context import province_prefix
from kg.model import Article, ArticleFacts, Place, Span, place_key
from kg.text import DASH, NAME_RUN, matching_view, name_end, sentence_spans

ROUTE_CODE = r"(?:(?P<letters>[A-ZĐ]{1,3})\.?\s?)?(?P<number>\d+[A-Z]?)(?!\w)"
PERSON_MIDDLE_NAMES = frozenset({"Văn", "Thị"})
"""Second syllables that mark a run of capitalised syllables as a person's name."""
PLURAL_BEFORE = re.compile(r"(?:các|hai|ba|bốn|năm|những)\s+$", re.IGNORECASE)
"""``các huyện A, B và C``: a type word after these names a list of places."""
LIST_NEXT = re.compile(rf"(?:\s*,\s*|\s+và\s+)({NAME_RUN})")
SEGMENT_BEFORE = re.compile(r"(?<!\w)đoạn\s+$")
SEGMENT_AFTER_ROAD = re.compile(r"\s+(?P<phrase>(?:(?P<through>qua)|từ)\s+)")
ADJACENT_GAP = re.compile(r"\s*(?:,|\(|của|thuộc)?\s*")
"""What may stand between a place and the larger place it lies in (``xã A, huyện B``)."""
WITHIN_SENTENCE_LEVELS = (3, 4)
"""Levels of places that lie within a larger one named earlier in their sentence: communes, villages."""
SEGMENT_WORDS = re.compile(r"(?:\s*,)?\s+(?P<phrase>đoạn\s+(?:(?P<through>qua)|từ)?\s*)")


@dataclasses.dataclass(frozen=True)
class TypeWord:
    """A place type word as it may be written, with what it says about the place."""

    written: str
    type: str
    level: int
    class_word: str
    """Kept in the name of a numbered road (``Quốc lộ 18``), empty for other type words."""
    case_insensitive_first: bool


@dataclasses.dataclass
class Mention:
    """One place mention, before mentions of the same place merge."""

    type: str
    name: str
    span: Span
    phrase_start: int
    level: int = 0
    within: str | None = None
    waypoints: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return place_key(self.type, self.name)


@functools.cache
def type_words() -> tuple[TypeWord, ...]:
    """Every written form of every place type word, longest first (``TP.`` for ``thành phố``)."""
    forms: list[TypeWord] = []
    for row in gazetteers.place_types():
        word, level, prefix = row["word"], int(row["level"]), row["class_word"]
        forms.append(TypeWord(word, row["type"], level, prefix, row["first_letter"] == "any"))
        forms.extend(
            TypeWord(abbreviation, row["type"], level, prefix, False)
            for abbreviation, expansion in gazetteers.abbreviations()
            if expansion == word
        )
    return tuple(sorted(forms, key=lambda form: len(form.written), reverse=True))


def written_form_pattern(written: str, case_insensitive_first: bool) -> str:
    """A regex for a phrase: words joined by any spacing, first letter optionally in either case."""
    pattern = r"\s+".join(re.escape(word) for word in written.split())
    if case_insensitive_first and written[:1].isalpha():
        return f"[{written[0].upper()}{written[0].lower()}]{pattern[1:]}"
    return pattern


@functools.cache
def type_word_pattern() -> re.Pattern[str]:
    """Any place type word as a whole word; group ``word{i}`` names which of :func:`type_words`."""
    alternatives = "|".join(
        f"(?P<word{index}>{written_form_pattern(form.written, form.case_insensitive_first)})"
        for index, form in enumerate(type_words())
    )
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def place_name(place_type: str, run: str) -> tuple[str, str] | None:
    """``(type, name)`` of the place a run of capitalised syllables after a type word names.

    Provinces must be in the gazetteer; ``thành phố Hà Nội`` is a province-level city. A run
    that is a person's name (``huyện Nguyễn Văn A``) names no place; a person's name after the
    place name (``huyện Pác Nặm Nguyễn Văn A``, title before name) is cut off.
    """
    province = province_prefix(run)
    if place_type == "province":
        return (place_type, province) if province else None
    if place_type == "city" and province == run and gazetteers.provinces()[run] == "thành phố":
        return ("province", province)
    words = run.split()
    family_names = gazetteers.family_names()
    if len(words) >= 2 and words[0] in family_names and words[1] in PERSON_MIDDLE_NAMES:
        return None
    for cut in range(2, len(words) - 1):
        if words[cut] in family_names and 2 <= len(words) - cut <= 4:
            return (place_type, " ".join(words[:cut]))
    return (place_type, " ".join(words))


def extract_places(article: Article, facts: ArticleFacts) -> ArticleFacts:
    """Find the places, merge their mentions, and set what contains what."""
    view = matching_view(article.text)
    mentions = find_mentions(view)
    link_adjacent(view, mentions)
    link_within_sentence(view, mentions)
    places = merge_mentions(mentions, facts.province)
    return dataclasses.replace(facts, places=places)


def find_mentions(view: str) -> list[Mention]:
    """Every place mention in text order."""
    mentions: list[Mention] = []
    for match in type_word_pattern().finditer(view):
        form = type_words()[int(str(match.lastgroup).removeprefix("word"))]
        if form.type == "road":
            mentions.extend(road_mentions(view, match.start(), match.end(), form))
            continue
        mention = named_mention(view, match.start(), match.end(), form)
        if mention:
            mentions.append(mention)
        if mention and PLURAL_BEFORE.search(view, max(0, match.start() - 8), match.start()):
            mentions.extend(listed_mentions(view, mention, form))
    return sorted(mentions, key=lambda mention: mention.span)


def listed_mentions(view: str, first: Mention, form: TypeWord) -> list[Mention]:
    """The places after the first of a plural list: ``các huyện A, B và C`` → B, C."""
    listed: list[Mention] = []
    position = first.span[1]
    while following := LIST_NEXT.match(view, position):
        found = place_name(form.type, following.group(1))
        if not found:
            break
        place_type, name = found
        span = (following.start(1), name_end(view, following.start(1), name))
        listed.append(Mention(place_type, name, span, span[0], first.level))
        position = span[1]
    return listed


def named_mention(view: str, phrase_start: int, word_end: int, form: TypeWord) -> Mention | None:
    """The place a type word and the capitalised name after it denote, if it has a name."""
    run = re.compile(rf"\s+({NAME_RUN})").match(view, word_end)
    found = place_name(form.type, run.group(1)) if run else None
    if not run or not found:
        return None
    place_type, name = found
    level = 1 if place_type == "province" else form.level
    span = (run.start(1), name_end(view, run.start(1), name))
    return Mention(place_type, name, span, phrase_start, level)


def road_mentions(view: str, phrase_start: int, word_end: int, form: TypeWord) -> list[Mention]:
    """A road by number, by its ends (``A – B``) or by street name, with the segment after it."""
    if form.class_word:
        number = re.compile(r"\.?\s*(\d+[A-Z]?)(?!\w)").match(view, word_end)
        if not number:
            return []
        span = (phrase_start, number.end(1))
        road = Mention("road", f"{form.class_word} {number.group(1)}", span, phrase_start)
    elif code := re.compile(rf"\s+({ROUTE_CODE})").match(view, word_end):
        road = Mention("road", route_code_name(code["letters"], code["number"]), code.span(1), phrase_start)
    elif route := route_ends(view, re.compile(r"\s+").match(view, word_end)):
        return [route_mention(view, route, "road", phrase_start, None), *qualified_waypoints(route)]
    elif street := re.compile(rf"\s+({NAME_RUN})").match(view, word_end):
        road = Mention("road", " ".join(street.group(1).split()), street.span(1), phrase_start)
    else:
        return []
    return [road, *segment_mentions(view, road)]


def route_code_name(letters: str | None, number: str) -> str:
    """``Quốc lộ 3`` for ``QL3`` or ``QL.3``; other codes as written, without spacing (``258B``)."""
    class_word = next((form.class_word for form in type_words() if form.written == letters), "")
    return f"{class_word} {number}" if class_word else f"{letters or ''}{number}"


def segment_mentions(view: str, road: Mention) -> list[Mention]:
    """The segment written with a road: ``<road> đoạn (từ) A - B - C``, ``<road> đoạn từ A đến B``,
    ``<road> đoạn qua A``, or ``đoạn <road> qua A``.

    It is named as the road followed by the segment phrase (``Quốc lộ 18 đoạn qua phường A``).
    """
    words = SEGMENT_WORDS.match(view, road.span[1])
    segment_word = ""
    if not words and SEGMENT_BEFORE.search(view, max(0, road.phrase_start - 8), road.phrase_start):
        words, segment_word = SEGMENT_AFTER_ROAD.match(view, road.span[1]), "đoạn "
    ends = route_ends(view, words, minimum=1 if words and words["through"] else 2)
    if not words or not ends:
        return []
    segment = route_mention(view, ends, "road_segment", words.start("phrase"), road.key)
    name = f"{road.name} {segment_word}{view[words.start('phrase') : segment.span[1]]}"
    start = road.phrase_start - len(segment_word) if segment_word else road.span[0]
    return [dataclasses.replace(segment, name=" ".join(name.split()), span=(start, segment.span[1]))]


@dataclasses.dataclass(frozen=True)
class RouteEnd:
    """One waypoint of a route: its text as written (type word included) and a ``(district)``."""

    text: str
    span: Span
    has_type_word: bool
    qualifier: str | None = None
    qualifier_span: Span = (0, 0)


@functools.cache
def endpoint_pattern() -> re.Pattern[str]:
    """A route waypoint: an optional type word, a name, an optional ``(district)``."""
    words = "|".join(
        written_form_pattern(form.written, form.case_insensitive_first) for form in type_words() if form.type != "road"
    )
    return re.compile(rf"(?P<end>(?:(?P<word>{words})\s+)?{NAME_RUN})(?:\s*\((?P<qualifier>{NAME_RUN})\))?")


def route_ends(view: str, start: re.Match[str] | None, minimum: int = 2) -> list[RouteEnd]:
    """The waypoints of ``A - B - C`` or ``A đến B`` written after ``start``; empty if fewer
    than ``minimum``."""
    if not start:
        return []
    pattern = endpoint_pattern()
    ends: list[RouteEnd] = []
    position = start.end()
    while match := pattern.match(view, position):
        ends.append(
            RouteEnd(
                " ".join(match["end"].split()),
                match.span("end"),
                bool(match["word"]),
                " ".join(match["qualifier"].split()) if match["qualifier"] else None,
                match.span("qualifier"),
            )
        )
        joint = re.compile(rf"{DASH}|\s+đến\s+").match(view, match.end())
        if not joint:
            break
        position = joint.end()
    return ends if len(ends) >= minimum else []


def route_mention(view: str, ends: list[RouteEnd], kind: str, phrase_start: int, within: str | None) -> Mention:
    """A road or road segment named by its waypoints as written."""
    span = (ends[0].span[0], ends[-1].span[1])
    waypoints = tuple(end.text for end in ends)
    return Mention(kind, view[span[0] : span[1]], span, phrase_start, within=within, waypoints=waypoints)


def qualified_waypoints(ends: list[RouteEnd]) -> list[Mention]:
    """``Quảng Khê (Ba Bể)`` on a route: the commune Quảng Khê within the district Ba Bể."""
    mentions: list[Mention] = []
    for end in ends:
        if not end.qualifier or end.has_type_word:
            continue
        district = Mention("district", end.qualifier, end.qualifier_span, end.qualifier_span[0], 2)
        commune = Mention("commune", end.text, end.span, end.span[0], 3, within=district.key)
        mentions.extend([commune, district])
    return mentions


def link_adjacent(view: str, mentions: list[Mention]) -> None:
    """``khu Nà Phẩn, xã Bộc Bố``: a place followed by a larger one lies within it."""
    by_start = {mention.phrase_start: mention for mention in mentions}
    for mention in mentions:
        if mention.within or not mention.level:
            continue
        gap = ADJACENT_GAP.match(view, mention.span[1])
        after = by_start.get(gap.end()) if gap else None
        if after and 0 < after.level < mention.level:
            mention.within = after.key


def link_within_sentence(view: str, mentions: list[Mention]) -> None:
    """``UBND thị xã A đề nghị ... qua xã B``: a commune (or a village) lies within the place one
    level up named before it in its sentence, when the sentence names only one such place."""
    sentences = sentence_spans(view, gazetteers.period_abbreviations())
    placed = {mention.key for mention in mentions if mention.within}
    for mention in mentions:
        if mention.key in placed or mention.level not in WITHIN_SENTENCE_LEVELS:
            continue
        start, _ = next(span for span in sentences if span[0] <= mention.span[0] < span[1])
        larger = {
            other.key
            for other in mentions
            if other.level == mention.level - 1 and start <= other.phrase_start < other.span[1] <= mention.phrase_start
        }
        if len(larger) == 1:
            mention.within = larger.pop()


def merge_mentions(mentions: list[Mention], province: str | None) -> tuple[Place, ...]:
    """One :class:`Place` per key, with every span; default containment from the article."""
    merged: dict[str, Place] = {}
    if province:
        merged[place_key("province", province)] = Place(name=province, type="province")
    for mention in mentions:
        known = merged.get(mention.key, Place(name=mention.name, type=mention.type))
        merged[mention.key] = dataclasses.replace(
            known,
            within=known.within or mention.within,
            waypoints=known.waypoints or mention.waypoints,
            spans=(*known.spans, mention.span),
        )
    levels = {mention.key: mention.level for mention in mentions}
    district = focus_district_level(merged, levels)
    return tuple(
        dataclasses.replace(place, within=default_within(levels.get(key, 0), province, district))
        if place.within is None
        else place
        for key, place in merged.items()
    )


def focus_district_level(places: dict[str, Place], levels: dict[str, int]) -> str | None:
    """Key of the district-level place (district, town, city) the article is about: the one
    mentioned strictly most often."""
    ranked = sorted(((len(place.spans), key) for key, place in places.items() if levels.get(key) == 2), reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0][0] == ranked[1][0]):
        return None
    return ranked[0][1]


def default_within(level: int, province: str | None, district: str | None) -> str | None:
    """Where a place of ``level`` lies when the text does not say: a district in the article's
    province, a commune in the article's district (``district`` is its key)."""
    if level == 2 and province:
        return place_key("province", province)
    if level == 3:
        return district
    return None


def support_implied_places(article: Article, facts: ArticleFacts) -> ArticleFacts:
    """Give a place the text never names (the article's province) the spans of what implies it.

    ``Tỉnh ủy`` in a Cao Bằng article implies the province Cao Bằng: the organizations whose
    jurisdiction it is are its evidence, else the places said to lie in it. A place nothing
    supports is dropped, so every place in the graph quotes the text.
    """
    by_organizations: dict[str, set[Span]] = {}
    by_contained_places: dict[str, set[Span]] = {}
    for organization in facts.organizations:
        if organization.place:
            by_organizations.setdefault(organization.place, set()).update(organization.spans)
    for place in facts.places:
        if place.within:
            by_contained_places.setdefault(place.within, set()).update(place.spans)
    supported = []
    for place in facts.places:
        implied = by_organizations.get(place.key) or by_contained_places.get(place.key, set())
        spans = place.spans or tuple(sorted(implied))
        if spans:
            supported.append(dataclasses.replace(place, spans=spans))
    return dataclasses.replace(facts, places=tuple(supported))
