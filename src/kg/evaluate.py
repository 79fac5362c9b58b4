"""Extraction quality as a number: compare extracted facts with gold files.

A corpus directory holds article files ``<id>.txt`` beside gold files ``<id>.expected.json``
(format: tests/corpus/README.md). Each fact is reduced to a comparable key (a person's name;
a person–office pair's name, role, organization and status; ...), and precision, recall and
F1 are micro-averaged over the corpus per kind of fact.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import ArticleError
from kg.extract import extract_facts
from kg.facts_json import facts_to_json
from kg.reader import read_article

Key = tuple[Any, ...]


def _number(value: Any) -> float | None:
    return None if value is None else round(float(value), 6)


def _office_keys(person: dict[str, Any]) -> list[Key]:
    return [
        (person["name"], office["role"].casefold(), office["organization"], office.get("status") or "current")
        for office in person.get("offices", [])
    ]


KEYS: dict[str, Callable[[dict[str, Any]], list[Key]]] = {
    "persons": lambda doc: [(p["name"],) for p in doc["persons"]],
    "offices": lambda doc: [key for p in doc["persons"] for key in _office_keys(p)],
    "organizations": lambda doc: [
        (o if isinstance(o, str) else o["canonical_name"],) for o in doc["organizations"]
    ],
    "places": lambda doc: [(p["name"], p["type"], p.get("within")) for p in doc["places"]],
    "meetings": lambda doc: [
        (m["date"], m["kind"], m.get("organizer"), frozenset(m.get("participants", [])),
         frozenset(m.get("chairs", [])), m.get("concluded_by"))
        for m in doc["meetings"]
    ],
    "proposals": lambda doc: [
        (p["request_kind"], p.get("proposer"), frozenset(p.get("places", [])),
         _number(p.get("amount_vnd")), p.get("amount_qualifier") if p.get("amount_vnd") is not None else None)
        for p in doc["proposals"]
    ],
    "indicators": lambda doc: [
        (_number(i["value"]), i["unit"], _number(i.get("target")), _number(i.get("percent_of_target")))
        for i in doc["indicators"]
    ],
    "documents": lambda doc: [
        (d["number"], d["type"], d.get("date"), d.get("issuer"), d.get("term")) for d in doc["documents"]
    ],
}
"""For each kind of fact: the keys of one article's facts, from its gold file or its extracted JSON."""


@dataclass
class Score:
    """Matches of one kind of fact, and what was missed or wrongly found."""

    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    misses: list[tuple[str, Key]] = field(default_factory=list)
    """(article id, gold key) of facts not found."""
    spurious: list[tuple[str, Key]] = field(default_factory=list)
    """(article id, key) of facts found that the gold file does not state."""

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        stated = self.true_positives + self.false_negatives
        return self.true_positives / stated if stated else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass(frozen=True)
class Evaluation:
    """Scores per kind of fact over a corpus."""

    articles: int
    scores: dict[str, Score]


def evaluate_corpus(corpus_dir: Path) -> Evaluation:
    """Extract every ``*.txt`` of ``corpus_dir`` that has a gold file and score it."""
    scores = {kind: Score() for kind in KEYS}
    articles = 0
    for text_path in sorted(corpus_dir.glob("*.txt")):
        gold_path = text_path.with_name(text_path.stem + ".expected.json")
        if not gold_path.is_file():
            continue
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            raise ArticleError(f"{gold_path}: invalid JSON: {error}") from error
        extracted = facts_to_json(extract_facts(read_article(text_path)))
        score_article(text_path.stem, gold, extracted, scores)
        articles += 1
    return Evaluation(articles, scores)


def score_article(article_id: str, gold: dict[str, Any], extracted: dict[str, Any], scores: dict[str, Score]) -> None:
    """Add one article's matches to ``scores``."""
    for kind, keys_of in KEYS.items():
        score = scores[kind]
        gold_keys, found_keys = _multiset(keys_of(gold)), _multiset(keys_of(extracted))
        for key in sorted(set(gold_keys) | set(found_keys), key=repr):
            matched = min(gold_keys.get(key, 0), found_keys.get(key, 0))
            score.true_positives += matched
            score.false_negatives += gold_keys.get(key, 0) - matched
            score.false_positives += found_keys.get(key, 0) - matched
            score.misses += [(article_id, key)] * (gold_keys.get(key, 0) - matched)
            score.spurious += [(article_id, key)] * (found_keys.get(key, 0) - matched)


def _multiset(keys: Iterable[Key]) -> dict[Key, int]:
    counts: dict[Key, int] = {}
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    return counts


def format_evaluation(evaluation: Evaluation, *, worst: int = 10) -> str:
    """A table of precision, recall and F1 per kind, then the first ``worst`` misses and spurious facts."""
    lines = [f"{'kind':<14} {'gold':>5} {'found':>6} {'P':>6} {'R':>6} {'F1':>6}"]
    for kind, score in evaluation.scores.items():
        gold = score.true_positives + score.false_negatives
        found = score.true_positives + score.false_positives
        lines.append(
            f"{kind:<14} {gold:>5} {found:>6} {score.precision:>6.3f} {score.recall:>6.3f} {score.f1:>6.3f}"
        )
    lines.append(f"({evaluation.articles} articles)")
    for title, attribute in (("missed", "misses"), ("spurious", "spurious")):
        items = [(kind, item) for kind, score in evaluation.scores.items() for item in getattr(score, attribute)]
        if items:
            lines.append(f"\n{title} ({len(items)}):")
            lines += [f"  {kind:<13} {article}: {_show(key)}" for kind, (article, key) in items[:worst]]
    return "\n".join(lines)


def _show(key: Key) -> str:
    return " | ".join(
        "{" + ", ".join(sorted(map(str, part))) + "}" if isinstance(part, frozenset) else str(part) for part in key
    )
