"""The article's context: which province (and district) it is about.

Organizations and places written without a name (``UBND tỉnh``, ``Đảng bộ huyện``) belong to
the article's province or district; this module says which those are.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable

from kg import gazetteers
from kg.model import Article, ArticleFacts, Place
from kg.text import NAME_RUN, matching_view

NEWSPAPER_WORD = "Báo"


@dataclasses.dataclass(frozen=True)
class Jurisdiction:
    """The names a bare ``tỉnh`` / ``huyện`` / ``thị xã`` / ``thành phố`` stands for in one article."""

    province: str | None = None
    district: str | None = None
    town: str | None = None
    city: str | None = None

    def name_of(self, place_type: str) -> str | None:
        """The name a bare type word of ``place_type`` stands for (``Thị ủy`` → the article's town)."""
        return {"province": self.province, "district": self.district, "town": self.town, "city": self.city}.get(
            place_type
        )


def detect_province(article: Article, facts: ArticleFacts) -> ArticleFacts:
    """Keep the province from metadata, else the province the text names most often."""
    if facts.province:
        return facts
    return dataclasses.replace(facts, province=infer_province(article))


def infer_province(article: Article) -> str | None:
    """The province most often named after a province word (``tỉnh``, ``Tỉnh ủy``, ``Báo``).

    The newspaper named in ``article.source`` breaks ties and speaks when the text is silent.
    """
    counts = Counter(province_names_after_words(matching_view(article.text)))
    from_source = province_names_after_words(matching_view(article.source))
    if not counts:
        return from_source[0] if from_source else None
    best = max(counts.values())
    leaders = [name for name, count in counts.items() if count == best]
    return next((name for name in from_source if name in leaders), leaders[0])


def province_names_after_words(view: str) -> list[str]:
    """Province names, in text order, written right after a word that introduces a province."""
    words = [row["word"] for row in gazetteers.place_types() if row["type"] == "province"]
    words.append(NEWSPAPER_WORD)
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)(?i:{alternatives})\s+({NAME_RUN})")
    found = (province_prefix(match.group(1)) for match in pattern.finditer(view))
    return [name for name in found if name]


def province_prefix(run: str) -> str | None:
    """The longest province name a run of capitalised syllables starts with."""
    words = run.split()
    for size in range(len(words), 0, -1):
        candidate = " ".join(words[:size])
        if candidate in gazetteers.provinces():
            return candidate
    return None


def focus_district(places: Iterable[Place], place_type: str = "district") -> str | None:
    """The district (or town, city) the article is about: the one mentioned most, if strictly most."""
    ranked = sorted(((len(place.spans), place.name) for place in places if place.type == place_type), reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0][0] == ranked[1][0]):
        return None
    return ranked[0][1]


def jurisdiction(facts: ArticleFacts) -> Jurisdiction:
    """The province, district, town and city a bare type word refers to in these facts.

    In a centrally governed city (``provinces.tsv`` level ``thành phố``) a bare ``thành phố`` is
    the province itself, so no district-level city stands for it.
    """
    municipality = gazetteers.provinces().get(facts.province or "") == "thành phố"
    return Jurisdiction(
        province=facts.province,
        district=focus_district(facts.places),
        town=focus_district(facts.places, "town"),
        city=None if municipality else focus_district(facts.places, "city"),
    )
