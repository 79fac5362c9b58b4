"""Official codes for the administrative units an article names, and what replaced them.

A province, district, town, city or commune gets the code it had on the article's date, found
by type and name among the units of its province (the province in its ``within`` chain, else
the article's) and of its district when it lies in one. A name that fits no unit, or more than
one, gets no code and a warning: we never guess. A unit of before 1 July 2025 also gets its
successors (xã Bộc Bố → xã Bằng Thành, Thái Nguyên).

The names on a road (``258B đoạn từ Giáo Hiệu - Công Bằng - Cổ Linh - Cao Tân``) are looked up
by a second step: a name that is a fact already, or exactly one unit of the article's province,
becomes a place the road passes through, quoted where the road's span writes it.
"""

from __future__ import annotations

import dataclasses

from kg import admin_units
from kg.admin_units import ADMIN_PLACE_TYPES, Unit
from kg.extract.places import place_name, type_word_pattern, type_words
from kg.model import Article, ArticleFacts, Place, Span, place_key

DISTRICT_LEVEL_TYPES = ("district", "city", "town")
ROUTE_TYPES = ("road", "road_segment")


def link_admin_units(article: Article, facts: ArticleFacts) -> ArticleFacts:
    """Give every administrative unit among the places its code and successors."""
    places, warnings = with_codes(facts.places, article.published, facts.province, {p.key for p in facts.places})
    return dataclasses.replace(facts, places=places, warnings=(*facts.warnings, *warnings))


def link_road_waypoints(article: Article, facts: ArticleFacts) -> ArticleFacts:
    """Set the places each road passes through, adding those that are units but no fact yet.

    A step of its own, run after proposals: a proposal concerns the road segment it names, and
    reaches the communes along it through ``passes_through``, not by quoting their names.
    """
    places, warnings = add_waypoint_places(article, facts)
    known = {place.key for place in facts.places}
    new = {place.key for place in places} - known
    coded, code_warnings = with_codes(tuple(places), article.published, facts.province, new)
    return dataclasses.replace(facts, places=coded, warnings=(*facts.warnings, *warnings, *code_warnings))


def with_codes(
    places: tuple[Place, ...], date: str, province: str | None, keys: set[str]
) -> tuple[tuple[Place, ...], list[str]]:
    """The places, those of ``keys`` that are administrative units with code and successors; and
    a warning for each that names no unit, or several."""
    by_key = {place.key: place for place in places}
    warnings: list[str] = []
    linked = []
    for place in places:
        if place.key not in keys or place.type not in ADMIN_PLACE_TYPES:
            linked.append(place)
            continue
        unit, warning = resolve(place, by_key, date, province)
        if warning:
            warnings.append(warning)
        linked.append(with_unit(place, unit) if unit else place)
    return tuple(linked), warnings


def with_unit(place: Place, unit: Unit) -> Place:
    """The place with the unit's code, and its successors when it is a unit of before 2025."""
    replaced_by = admin_units.successors(unit) if unit.key in admin_units.units_before().by_key else ()
    return dataclasses.replace(place, code=unit.code, successors=replaced_by)


def resolve(
    place: Place, by_key: dict[str, Place], date: str, article_province: str | None
) -> tuple[Unit | None, str | None]:
    """The one unit ``place`` names, or ``None`` and a warning saying why not."""
    province, district = containing_units(place, by_key)
    province = None if place.type == "province" else province or article_province
    found = admin_units.find_units(
        place.type, place.name, date=date, province=province,
        district=(district.type, district.name) if district else None,
    )
    if len(found) == 1:
        return found[0], None
    scope = [f"{district.type} {district.name}"] if district else []
    where = ", ".join([*scope, province]) if province else "any province"
    if not found:
        return None, f"place {place.key!r}: no such administrative unit in {where} on {date}; no code"
    codes = ", ".join(f"{unit.code} ({unit.district or unit.province})" for unit in found)
    return None, f"place {place.key!r}: {len(found)} units of that name in {where}: {codes}; no code"


def containing_units(place: Place, by_key: dict[str, Place]) -> tuple[str | None, Place | None]:
    """The province name and the district-level place above ``place`` in its ``within`` chain."""
    district: Place | None = None
    seen = {place.key}
    current = by_key.get(place.within) if place.within else None
    while current is not None and current.key not in seen:
        if current.type == "province":
            return current.name, district
        if current.type in DISTRICT_LEVEL_TYPES and district is None:
            district = current
        seen.add(current.key)
        current = by_key.get(current.within) if current.within else None
    return None, district


def add_waypoint_places(article: Article, facts: ArticleFacts) -> tuple[list[Place], list[str]]:
    """The places with every road's ``passes_through`` set, and the new places that needs."""
    places = {place.key: place for place in facts.places}
    warnings: list[str] = []
    for road in list(places.values()):
        if road.type not in ROUTE_TYPES or not road.waypoints:
            continue
        through: list[str] = []
        for waypoint in road.waypoints:
            key, new_place, warning = waypoint_place(article, facts.province, road, waypoint, places)
            if warning:
                warnings.append(warning)
            if new_place:
                places[new_place.key] = new_place
            if key and key not in through:
                through.append(key)
        places[road.key] = dataclasses.replace(road, passes_through=tuple(through))
    return list(places.values()), warnings


def waypoint_place(
    article: Article, province: str | None, road: Place, waypoint: str, places: dict[str, Place]
) -> tuple[str | None, Place | None, str | None]:
    """``(key, new place, warning)`` for one waypoint: the place it is, if any can be told."""
    typed = written_place(waypoint)
    if typed:
        key = place_key(*typed)
        return (key, None, None) if key in places else (None, None, None)
    named = [place.key for place in places.values() if place.type in ADMIN_PLACE_TYPES and place.name == waypoint]
    if len(named) == 1:
        return named[0], None, None
    if named or not province:
        return None, None, None
    found = admin_units.find_units_any_type(waypoint, date=article.published, province=province)
    if len(found) > 1:
        kinds = ", ".join(f"{unit.type} {unit.code}" for unit in found)
        return None, None, f"waypoint {waypoint!r} of {road.key!r}: several units of that name in {province} ({kinds})"
    spans = waypoint_spans(article.text, road.spans, waypoint)
    if not found or not spans:
        return None, None, None
    unit = found[0]
    containers = [place_key("province", province)]
    if unit.district and unit.district_type:
        containers.insert(0, place_key(unit.district_type, unit.district))
    within = next((key for key in containers if key in places), None)
    new_place = Place(name=waypoint, type=unit.type, within=within, spans=spans)
    return new_place.key, new_place, None


def written_place(waypoint: str) -> tuple[str, str] | None:
    """``(type, name)`` of a waypoint written with its type word (``TP. Bắc Kạn``), else ``None``."""
    match = type_word_pattern().match(waypoint)
    if not match:
        return None
    form = type_words()[int(str(match.lastgroup).removeprefix("word"))]
    return place_name(form.type, waypoint[match.end() :].strip())


def waypoint_spans(text: str, road_spans: tuple[Span, ...], waypoint: str) -> tuple[Span, ...]:
    """Where the road's own spans write the waypoint."""
    found = []
    for start, end in road_spans:
        at = text.find(waypoint, start, end)
        if at >= 0:
            found.append((at, at + len(waypoint)))
    return tuple(found)
