"""Vietnam's administrative units, their official codes and the July 2025 reorganisation.

The data is that of the ``vietnamadminunits`` package (MIT), read offline from the files it
installs: ``dataset.db`` (units before 1 July 2025, with districts, and units after it) and
``converter_2025.json`` (which units became which). The package's own code is never imported:
it pulls in shapely and geopy, and we only need its tables. Each table is read once per process.
See docs/places.md for why this package and what the data does not know.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import sqlite3
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KgError
from kg.model import AdminUnit

DATA_PACKAGE = "vietnamadminunits"
REORGANIZED_ON = "2025-07-01"
"""The day the provinces merged and the districts were abolished."""
DISTRICT_TYPES = {"Huyện": "district", "Quận": "district", "Thị xã": "town", "Thành phố": "city"}
WARD_TYPES = {"Xã": "commune", "Phường": "commune", "Thị trấn": "town", "Đặc khu": "other"}
ADMIN_PLACE_TYPES = frozenset({"province", "district", "city", "town", "commune"})
"""Place types that are administrative units and so have a code."""


class AdminDataMissing(KgError):
    """The vietnamadminunits package, whose data gives places their codes, is not installed."""


@dataclass(frozen=True)
class Unit:
    """One administrative unit of one era, where it lies, and its key in the package's tables."""

    name: str
    type: str
    """One of the place types of :data:`ADMIN_PLACE_TYPES` (or ``other`` for a special zone)."""
    code: str
    province: str
    district: str | None
    """Bare name of its district, for a commune-level unit before 2025."""
    district_type: str | None
    level: int
    """1 province, 2 district-level, 3 commune-level."""
    key: str
    """The package's key: ``tinhbackan_huyenpacnam_xabocbo`` (before), ``tinhthainguyen_xabangthanh`` (after)."""


@dataclass(frozen=True)
class Era:
    """The units valid in one period, indexed by name."""

    units: tuple[Unit, ...]
    by_name: dict[str, tuple[Unit, ...]]
    by_key: dict[str, Unit]


def name_key(name: str) -> str:
    """A name as compared: NFC, case-folded, tone mark on the same vowel (``Hoá`` = ``Hóa``)."""
    text = unicodedata.normalize("NFC", " ".join(name.split())).casefold()
    for old_style, new_style in _OLD_STYLE_TONES.items():
        text = text.replace(old_style, new_style)
    return " ".join(_SPELLINGS.get(word, word) for word in text.split())


_OLD_STYLE_TONES = {
    "oá": "óa", "oà": "òa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oé": "óe", "oè": "òe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uý": "úy", "uỳ": "ùy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
"""``Thanh Hoá`` → ``Thanh Hóa``: the package writes the tone on the first vowel, as most articles do."""
_SPELLINGS = {"đăk": "đắk", "đak": "đắk"}
"""Words written several ways in official names (``Đăk Glong``, ``Đắk Glong``)."""
COMMUNE_LEVEL_TYPES = frozenset({"commune", "town"})
"""Within a district, a xã may have become a thị trấn or a phường by the data's date: any kind matches."""


def is_after_reorganization(date: str) -> bool:
    """Whether a (possibly partial) ISO date falls on or after 1 July 2025: ``"2025-07"`` does."""
    earliest = date + "-01-01"[len(date) - 4 :] if len(date) < 10 else date
    return earliest >= REORGANIZED_ON


def data_dir() -> Path:
    """The folder of the package's data files, found without importing the package."""
    spec = importlib.util.find_spec(DATA_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise AdminDataMissing(f"install {DATA_PACKAGE} (pip install {DATA_PACKAGE}) to give places their codes")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _rows(sql: str) -> list[sqlite3.Row]:
    uri = (data_dir() / "dataset.db").as_uri() + "?mode=ro"
    with sqlite3.connect(uri, uri=True) as connection:
        connection.row_factory = sqlite3.Row
        return connection.execute(sql).fetchall()


def _era(units: Iterable[Unit]) -> Era:
    listed = tuple(units)
    by_name: dict[str, list[Unit]] = {}
    for unit in listed:
        by_name.setdefault(name_key(unit.name), []).append(unit)
    return Era(
        listed,
        {name: tuple(found) for name, found in by_name.items()},
        {unit.key: unit for unit in listed},
    )


@functools.cache
def units_before() -> Era:
    """Provinces, districts and communes as they were before 1 July 2025."""
    rows = _rows("SELECT * FROM admin_units_legacy ORDER BY wardCode")
    units: dict[str, Unit] = {}
    for row in rows:
        province = row["provinceShort"]
        units.setdefault(
            row["provinceKey"],
            Unit(province, "province", row["provinceCode"], province, None, None, 1, row["provinceKey"]),
        )
        district_key = f"{row['provinceKey']}_{row['districtKey']}"
        district_type = DISTRICT_TYPES[row["districtType"]]
        units.setdefault(
            district_key,
            Unit(row["districtShort"], district_type, row["districtCode"], province, None, None, 2, district_key),
        )
        if row["wardType"] in WARD_TYPES:
            ward_key = f"{district_key}_{row['wardKey']}"
            units.setdefault(
                ward_key,
                Unit(
                    row["wardShort"], WARD_TYPES[row["wardType"]], row["wardCode"], province,
                    row["districtShort"], district_type, 3, ward_key,
                ),
            )
    return _era(units.values())


@functools.cache
def units_after() -> Era:
    """Provinces and communes from 1 July 2025 on (there are no districts any more)."""
    units: dict[str, Unit] = {}
    for row in _rows("SELECT * FROM admin_units ORDER BY wardCode"):
        province = row["provinceShort"]
        units.setdefault(
            row["provinceKey"],
            Unit(province, "province", row["provinceCode"], province, None, None, 1, row["provinceKey"]),
        )
        ward_key = f"{row['provinceKey']}_{row['wardKey']}"
        units[ward_key] = Unit(
            row["wardShort"], WARD_TYPES[row["wardType"]], row["wardCode"], province, None, None, 3, ward_key
        )
    return _era(units.values())


def era_of(date: str) -> Era:
    """The units valid on a (possibly partial) ISO date."""
    return units_after() if is_after_reorganization(date) else units_before()


@functools.cache
def _successor_keys() -> dict[str, tuple[str, ...]]:
    """Key of a unit before 1 July 2025 → keys of the units that replaced it."""
    conversion = json.loads((data_dir() / "converter_2025.json").read_text(encoding="utf-8"))
    successors: dict[str, list[str]] = {}
    for new_province, old_provinces in conversion["DICT_PROVINCE"].items():
        for old_province in old_provinces:
            successors.setdefault(old_province, []).append(new_province)
    for new_province, wards in conversion["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_ward, old_wards in wards.items():
            for old_ward in old_wards:
                successors.setdefault(old_ward, []).append(f"{new_province}_{new_ward}")
    for new_province, old_wards in conversion["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_ward, parts in old_wards.items():
            successors.setdefault(old_ward, []).extend(f"{new_province}_{part['newWardKey']}" for part in parts)
    return {old: tuple(dict.fromkeys(new)) for old, new in successors.items()}


def successors(unit: Unit) -> tuple[AdminUnit, ...]:
    """The units that replaced ``unit`` (one of :func:`units_before`) on 1 July 2025.

    A district has none: districts were abolished, their communes passed to the province. A unit
    that goes on unchanged (same province, type, name and code: Cao Bằng) is not its own successor.
    """
    after = units_after()
    found = [
        new for key in _successor_keys().get(unit.key, ()) if (new := after.by_key.get(key)) is not None
    ]
    return tuple(
        as_successor(new)
        for new in sorted(found, key=lambda new: new.code)
        if not (new.code == unit.code and unit in _namesakes_before(new))
    )


def as_successor(new: Unit) -> AdminUnit:
    """A unit of after 1 July 2025 as the facts hold it, with its province.

    When a unit of the same province, type and name but another code existed before, the two are
    different places: the new one is marked ``established`` so that they are not merged.
    """
    namesakes = _namesakes_before(new)
    established = REORGANIZED_ON if namesakes and all(old.code != new.code for old in namesakes) else None
    province = None
    if new.type != "province":
        province = next(
            as_successor(other) for other in units_after().by_name[name_key(new.province)] if other.type == "province"
        )
    return AdminUnit(new.name, new.type, new.code, new.province, established, province)


def _namesakes_before(new: Unit) -> list[Unit]:
    """The units before 1 July 2025 with the province, type and name of ``new``."""
    return [
        old
        for old in units_before().by_name.get(name_key(new.name), ())
        if old.type == new.type and name_key(old.province) == name_key(new.province)
    ]


def find_units(
    place_type: str, name: str, *, date: str, province: str | None = None, district: tuple[str, str] | None = None
) -> tuple[Unit, ...]:
    """The units valid on ``date`` of that type and name, in ``province`` and ``district``
    (``(type, name)`` of the district-level place it lies in) when given."""
    found = []
    for unit in era_of(date).by_name.get(name_key(name), ()):
        in_district = district is not None and unit.level == 3 and place_type in COMMUNE_LEVEL_TYPES
        if unit.type != place_type and not in_district:
            continue
        if province is not None and name_key(unit.province) != name_key(province):
            continue
        if district is not None and (
            unit.district_type != district[0] or name_key(unit.district or "") != name_key(district[1])
        ):
            continue
        found.append(unit)
    return tuple(found)


def find_units_any_type(name: str, *, date: str, province: str) -> tuple[Unit, ...]:
    """The units below province level valid on ``date`` named ``name`` in ``province``, of any type."""
    return tuple(
        unit
        for unit in era_of(date).by_name.get(name_key(name), ())
        if unit.level > 1 and name_key(unit.province) == name_key(province)
    )
