"""Hand-made facts for testing one extraction step without the steps before it."""

from __future__ import annotations

from kg.model import Article, ArticleFacts, Meeting, Organization, Place, Span


def make_article(text: str, published: str = "2024-06") -> Article:
    """An article of ``text`` alone."""
    return Article(id="test", text=text, source="Báo Thử Nghiệm", published=published)


def mentions(text: str, written: str) -> tuple[Span, ...]:
    """The spans of every occurrence of ``written`` in ``text``."""
    spans, start = [], text.find(written)
    while start >= 0:
        spans.append((start, start + len(written)))
        start = text.find(written, start + 1)
    assert spans, f"{written!r} is not in the text"
    return tuple(spans)


def place(text: str, place_type: str, name: str, **fields: object) -> Place:
    """A place whose spans cover its bare name, as the places step writes them."""
    return Place(name=name, type=place_type, spans=mentions(text, name), **fields)  # type: ignore[arg-type]


def organization(
    text: str, written: str, canonical: str, kind: str, place_key: str | None = None
) -> Organization:
    """An organization mentioned as ``written``."""
    return Organization(name=written, canonical_name=canonical, kind=kind, place=place_key,
                        spans=mentions(text, written))


def make_facts(
    article: Article,
    places: tuple[Place, ...] = (),
    organizations: tuple[Organization, ...] = (),
    meetings: tuple[Meeting, ...] = (),
) -> ArticleFacts:
    """Facts as the steps before documents, indicators and proposals would leave them."""
    return ArticleFacts(article=article, places=places, organizations=organizations, meetings=meetings)

