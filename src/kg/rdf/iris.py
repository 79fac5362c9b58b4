"""Minting IRIs: deterministic, readable, stable across builds.

The patterns are documented in docs/vocabulary.md; change both together.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from rdflib import URIRef

from kg import gazetteers
from kg.rdf.namespaces import KGR
from kg.text import matching_view

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_NON_WORD = re.compile(r"[^\w]+|_+")


def slugify(name: str) -> str:
    """``"Hoàng Duy Chinh"`` → ``"hoang-duy-chinh"``: lower case, no diacritics, ``-`` between words."""
    decomposed = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_ALNUM.sub("-", ascii_only.lower()).strip("-")


@functools.cache
def _type_word_abbreviations() -> tuple[re.Pattern[str], dict[str, str]]:
    """``TP.``, ``TX.`` ... (abbreviations ending with a period) and the type words they stand for."""
    expansions = dict(gazetteers.abbreviations())
    written = sorted(gazetteers.period_abbreviations(), key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, written)) + r")\s*")
    return pattern, {abbreviation: expansions[abbreviation] for abbreviation in written}


def name_key(name: str) -> str:
    """The name an entity is keyed by: NFC, one space between words, ``TP.`` / ``TX.`` written out.

    >>> name_key("đường TP.  Bắc Kạn - hồ Ba Bể")
    'đường thành phố Bắc Kạn - hồ Ba Bể'
    """
    pattern, expansions = _type_word_abbreviations()
    expanded = pattern.sub(lambda match: expansions[match.group(1)] + " ", unicodedata.normalize("NFC", name))
    return " ".join(expanded.split())


def _key_slug(name: str) -> str:
    return slugify(name_key(name))


def _scope(province: str | None) -> str:
    return f"{slugify(province)}/" if province else ""


def person_slug(name: str) -> str:
    """``"Hoàng Duy Chinh"`` → ``"hoàng-duy-chinh"``: lower case, ``-`` between words, diacritics KEPT.

    Vietnamese names that differ only by diacritics are different names (An, Ân, Ấn), so a person's
    key keeps them; only the placement of tone marks is made one (``Thuỷ`` = ``Thủy``).
    """
    canonical = matching_view(name_key(name)).lower()
    return _NON_WORD.sub("-", canonical).strip("-")


def article_iri(article_id: str) -> URIRef:
    """The source article."""
    return KGR[f"article/{article_id}"]


def article_graph_iri(article_id: str) -> URIRef:
    """The named graph that holds one article's facts."""
    return KGR[f"graph/{article_id}"]


def in_article(article_id: str, *parts: str) -> URIRef:
    """A resource that exists only in one article (a meeting, a membership, a piece of evidence)."""
    return KGR["/".join(("article", article_id, *parts))]


def person_iri(name: str, province: str | None) -> URIRef:
    """A person, keyed by name within the province the article is about."""
    return KGR[f"person/{_scope(province)}{person_slug(name)}"]


def organization_iri(canonical_name: str, province: str | None = None) -> URIRef:
    """An organization, keyed by its canonical name; a body below the province level (a district's
    Huyện ủy) also by its province, since district names repeat across provinces (Châu Thành)."""
    return KGR[f"org/{_scope(province)}{_key_slug(canonical_name)}"]


def role_iri(role: str) -> URIRef:
    """A role (``Bí thư``), shared by every organization."""
    return KGR[f"role/{slugify(role)}"]


def post_iri(canonical_organization: str, role: str, province: str | None = None) -> URIRef:
    """A post: one role in one organization (``Bí thư`` of ``Tỉnh ủy Bắc Kạn``), scoped as the organization."""
    return KGR[f"post/{_scope(province)}{_key_slug(canonical_organization)}/{slugify(role)}"]


def place_iri(place_type: str, name: str, province: str | None) -> URIRef:
    """A place, keyed by type and name within its province (a province by its name)."""
    if place_type == "province":
        return KGR[f"place/{_key_slug(name)}"]
    scope = f"{slugify(province)}/" if province else ""
    return KGR[f"place/{scope}{place_type}/{_key_slug(name)}"]


def project_iri(name: str, province: str | None) -> URIRef:
    """A project (dự án), keyed by name within its province."""
    scope = f"{slugify(province)}/" if province else ""
    return KGR[f"project/{scope}{_key_slug(name)}"]


def document_iri(number: str) -> URIRef:
    """A party or state document, keyed by its number (``21-KL/TW``)."""
    return KGR[f"document/{slugify(number)}"]


def date_iri(iso_date: str) -> URIRef:
    """The OWL-Time instant of one day."""
    return KGR[f"date/{iso_date}"]
