"""Facts as JSON: the public output of ``kg extract`` for tools that do not speak RDF.

The shape is documented in docs/extract-json.md; tests hold it to that.
"""

from __future__ import annotations

from dataclasses import asdict
from decimal import Decimal
from typing import Any

from kg.model import ArticleFacts

FACT_KINDS = ("persons", "organizations", "places", "meetings", "proposals", "indicators", "documents")


def facts_to_json(facts: ArticleFacts) -> dict[str, Any]:
    """A JSON-ready dict of the facts: spans as ``[start, end]`` lists, amounts as numbers."""
    article = facts.article
    document: dict[str, Any] = {
        "article": {
            "id": article.id,
            "date": article.published,
            "source": article.source,
            "url": article.url,
            "province": facts.province,
        },
    }
    for kind in FACT_KINDS:
        document[kind] = [_plain(asdict(fact)) for fact in getattr(facts, kind)]
    for place_json, place in zip(document["places"], facts.places, strict=True):
        place_json["key"] = place.key
    document["warnings"] = list(facts.warnings)
    return document


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value



