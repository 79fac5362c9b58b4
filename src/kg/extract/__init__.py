"""Text → facts. No RDF here.

Extraction is a pipeline of named steps, run in order over one article. Each step is a
plain function ``step(article, facts) -> facts`` that returns the facts with its own kind
filled in; later steps may use what earlier ones found (proposals use places and
organizations by their spans). A step that fails raises :class:`kg.errors.ExtractionError`
naming the step and the article.
"""

from __future__ import annotations

from collections.abc import Callable

from kg.errors import ExtractionError
from kg.extract import (
    admin_units,
    context,
    documents,
    indicators,
    meetings,
    organizations,
    persons,
    places,
    proposals,
)
from kg.model import Article, ArticleFacts

Step = Callable[[Article, ArticleFacts], ArticleFacts]

STEPS: tuple[tuple[str, Step], ...] = (
    ("context", context.detect_province),
    ("places", places.extract_places),
    ("organizations", organizations.extract_organizations),
    ("implied places", places.support_implied_places),
    ("administrative units", admin_units.link_admin_units),
    ("persons", persons.extract_persons),
    ("meetings", meetings.extract_meetings),
    ("documents", documents.extract_documents),
    ("indicators", indicators.extract_indicators),
    ("proposals", proposals.extract_proposals),
    ("road waypoints", admin_units.link_road_waypoints),
)


def extract_facts(article: Article) -> ArticleFacts:
    """Run every extraction step over ``article`` and return its facts."""
    facts = ArticleFacts(article=article, province=article.province)
    for name, step in STEPS:
        try:
            facts = step(article, facts)
        except ExtractionError:
            raise
        except Exception as error:  # a bug in a step must name the step and the file
            raise ExtractionError(f"{article.path or article.id}: step {name!r} failed: {error}") from error
    return facts
