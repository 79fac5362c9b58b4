"""Fixtures for the extraction tests: the seed article, read without the lead's reader."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kg.extract import STEPS
from kg.model import Article, ArticleFacts, Span
from kg.text import nfc

SEED_PATH = Path(__file__).parents[2] / "data" / "articles" / "bbk-2024-06-13-pac-nam.txt"
CRAWL_PREFIX = " date 2024-06 BBK - "


@pytest.fixture(scope="session")
def seed_article() -> Article:
    """The seed article: front matter and crawl prefix stripped, NFC."""
    _, _, body = SEED_PATH.read_text(encoding="utf-8").split("+++", 2)
    text = nfc(body.lstrip("\n").removeprefix(CRAWL_PREFIX))
    return Article(id="bbk-2024-06-13-pac-nam", text=text, source="Báo Bắc Kạn", published="2024-06")


@pytest.fixture(scope="session")
def seed_facts(seed_article: Article) -> ArticleFacts:
    """The seed article's facts after the meetings step."""
    return run_steps(seed_article, "meetings")


def run_steps(article: Article, last_step: str) -> ArticleFacts:
    """The facts of ``article`` after the pipeline's steps up to and including ``last_step``."""
    facts = ArticleFacts(article=article, province=article.province)
    for name, step in STEPS:
        facts = step(article, facts)
        if name == last_step:
            return facts
    raise ValueError(f"no step {last_step!r}")


@pytest.fixture
def facts_after() -> Callable[..., ArticleFacts]:
    """``facts_after(text, "places", province=None)``: run the steps up to one over a sentence."""

    def run(text: str, last_step: str, province: str | None = None, published: str = "2024-03-15") -> ArticleFacts:
        article = Article(id="test", text=nfc(text), source="Báo Thử nghiệm", published=published, province=province)
        return run_steps(article, last_step)

    return run


@pytest.fixture
def quoted() -> Callable[[ArticleFacts, tuple[Span, ...]], list[str]]:
    """``quoted(facts, spans)``: the article text each span covers."""

    def quote(facts: ArticleFacts, spans: tuple[Span, ...]) -> list[str]:
        return [facts.article.text[start:end] for start, end in spans]

    return quote
