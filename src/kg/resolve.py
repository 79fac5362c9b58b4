"""Resolve: one person, organization or place across articles is one IRI, and every merge is recorded.

IRIs are minted from normalized names (:mod:`kg.rdf.iris`), so mentions in different articles
with the same key already meet in one node. This stage makes that visible: for every person,
organization and place IRI that occurs in more than one article graph it writes a
``kgo:MergeRecord`` (the mentions, their articles, the rule) into the named graph
``kgr:resolution``, and it lists the near-misses a human should check: candidates the keys
kept apart, and merges the keys made although the names are not spelled alike.

:func:`resolve_graphs` is a pure function of the article graphs; :func:`resolve_store` runs it
over a store and rewrites the resolution graph.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kg import gazetteers
from kg.rdf import iris
from kg.rdf.namespaces import KGO, KGR, OA, ORG, PREFIXES, PROV, RDF, RDFS, SCHEMA, SKOS, TIME
from kg.store import GraphStore
from kg.text import matching_view

RESOLUTION_GRAPH = str(KGR["resolution"])
"""The named graph that holds the merge records."""

MERGE_RULES: dict[str, URIRef] = {
    "person": KGO.SameNameSameProvince,
    "org": KGO.SameCanonicalName,
    "place": KGO.SamePlaceKey,
}
"""The rule each kind of key follows, by the first segment of the entity's IRI path."""

RULE_NAMES: dict[URIRef, str] = {
    KGO.SameNameSameProvince: "same-name-same-province",
    KGO.SameCanonicalName: "same-canonical-name",
    KGO.SamePlaceKey: "same-place-key",
}


@dataclass(frozen=True)
class Mention:
    """An entity as one article writes it."""

    article_id: str
    name: str
    """The entity's name as that article writes it (an organization's ``skos:altLabel`` when it has one)."""
    canonical_name: str
    """The name the entity is keyed by: ``schema:name``, or an organization's ``skos:prefLabel``."""
    evidence: tuple[str, ...]
    """IRIs of the article's evidence spans for the entity."""
    offices: tuple[str, ...] = ()
    """For a person: the offices the article attests, ``"Chủ tịch Hội đồng nhân dân tỉnh Lào Cai (2024-03-07)"``."""


@dataclass(frozen=True)
class MergeRecord:
    """One IRI standing for mentions in several articles, and the rule that made them one."""

    entity: str
    rule: str
    """One of :data:`RULE_NAMES`' values: ``same-name-same-province`` ..."""
    mentions: tuple[Mention, ...]

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(mention.article_id for mention in self.mentions)


@dataclass(frozen=True)
class NearMiss:
    """Entities a human should look at: kept apart though alike, or merged though spelled unlike."""

    reason: str
    """``same-name-other-province``, ``one-syllable-apart``, ``spelling-differs``,
    ``unexpanded-abbreviation`` or ``merged-without-province``."""
    entities: tuple[str, ...]
    names: tuple[str, ...]
    details: tuple[str, ...] = ()
    """One line per entity or spelling: where it occurs, with offices for persons."""


@dataclass(frozen=True)
class ResolutionReport:
    """What resolution found: the merges it recorded and the near-misses to check."""

    merges: tuple[MergeRecord, ...]
    near_misses: tuple[NearMiss, ...]


def resolve_graphs(article_graphs: Mapping[str, Graph]) -> ResolutionReport:
    """Merge records and near-misses of the article graphs, given by article id."""
    mentions: dict[str, list[Mention]] = defaultdict(list)
    for article_id in sorted(article_graphs):
        for entity, mention in _mentions(article_id, article_graphs[article_id]):
            mentions[entity].append(mention)
    merges = tuple(
        MergeRecord(entity, RULE_NAMES[MERGE_RULES[_kind(entity)]], tuple(found))
        for entity, found in sorted(mentions.items())
        if len({mention.article_id for mention in found}) > 1
    )
    near_misses = (
        *_same_name_other_province(mentions),
        *_one_syllable_apart(mentions),
        *_spelling_differs(mentions),
        *_unexpanded_abbreviations(mentions),
        *_merged_without_province(merges),
    )
    return ResolutionReport(merges, tuple(near_misses))


def resolve_store(store: GraphStore) -> ResolutionReport:
    """Resolve the article graphs of ``store`` and rewrite its graph ``kgr:resolution``."""
    prefix = str(KGR["graph/"])
    article_graphs = {
        name[len(prefix):]: store.named_graph(name)
        for name in store.graph_names()
        if name.startswith(prefix)
    }
    report = resolve_graphs(article_graphs)
    if report.merges:
        store.replace_graph(RESOLUTION_GRAPH, resolution_graph(report))
    else:
        store.remove_graph(RESOLUTION_GRAPH)
    return report


def resolution_graph(report: ResolutionReport) -> Graph:
    """The merge records as RDF (no timestamps: the same articles give the same graph)."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for merge in report.merges:
        entity = URIRef(merge.entity)
        record = KGR["resolution/" + merge.entity[len(str(KGR)):]]
        graph.add((record, RDF.type, KGO.MergeRecord))
        graph.add((record, KGO.mergedEntity, entity))
        graph.add((record, KGO.mergeRule, MERGE_RULES[_kind(merge.entity)]))
        label = f"{merge.mentions[0].canonical_name}: {len(set(merge.article_ids))} bài báo"
        graph.add((record, RDFS.label, Literal(label, lang="vi")))
        for mention in merge.mentions:
            graph.add((record, PROV.wasDerivedFrom, iris.article_iri(mention.article_id)))
            for evidence in mention.evidence:
                graph.add((record, KGO.mention, URIRef(evidence)))
    return graph


# -- reading one article graph -------------------------------------------------------------------

def _kind(entity: str) -> str:
    """``person``, ``org`` or ``place``: the first segment of the IRI path."""
    return entity[len(str(KGR)):].split("/", 1)[0]


def _mentions(article_id: str, graph: Graph) -> Iterable[tuple[str, Mention]]:
    """The persons, organizations and places an article graph mentions, with their evidence."""
    subjects = {subject for subject in graph.subjects(KGO.evidence, None) if isinstance(subject, URIRef)}
    for entity in sorted(subjects):
        if _kind(str(entity)) not in MERGE_RULES:
            continue
        evidence = sorted(graph.objects(entity, KGO.evidence), key=lambda ev: _start(graph, ev))
        offices = tuple(_offices(graph, entity)) if _kind(str(entity)) == "person" else ()
        canonical = _first_value(graph, entity, (SKOS.prefLabel, SCHEMA.name, RDFS.label))
        written = _first_value(graph, entity, (SKOS.altLabel,)) or canonical
        yield str(entity), Mention(article_id, written, canonical, tuple(map(str, evidence)), offices)


def _first_value(graph: Graph, entity: URIRef, predicates: tuple[URIRef, ...]) -> str:
    for predicate in predicates:
        value = graph.value(entity, predicate)
        if value is not None:
            return str(value)
    return ""


def _start(graph: Graph, evidence: Node) -> int:
    for selector in graph.objects(evidence, OA.hasSelector):
        start = graph.value(selector, OA.start)
        if start is not None:
            return int(str(start))
    return 0


def _offices(graph: Graph, person: URIRef) -> list[str]:
    """``"Chủ tịch Hội đồng nhân dân tỉnh Lào Cai (2024-03-07)"`` for each membership, by date."""
    offices = []
    for membership in graph.subjects(ORG.member, person):
        post = graph.value(graph.value(membership, KGO.post), SKOS.prefLabel)
        interval = graph.value(membership, ORG.memberDuring)
        date = graph.value(graph.value(interval, TIME.inside), TIME.inXSDDate) if interval else None
        offices.append(f"{post} ({date})" if date else str(post))
    return sorted(offices)


# -- near-misses ---------------------------------------------------------------------------------

def spelling_key(name: str) -> str:
    """A name as compared for spelling: NFC, new-style tone placement, lower case, single spaces.

    ``Thuỷ`` and ``Thủy`` have one spelling key; ``An`` and ``Ân`` do not.
    """
    return " ".join(matching_view(iris.name_key(name)).lower().split())


def _person_scope(entity: str) -> tuple[str, str]:
    """``(province-slug, name-slug)`` of a person IRI; the province is ``""`` when unscoped."""
    parts = entity[len(str(KGR["person/"])):].split("/")
    return ("/".join(parts[:-1]), parts[-1])


def _describe(entity: str, found: list[Mention]) -> str:
    offices = sorted({office for mention in found for office in mention.offices})
    articles = sorted({mention.article_id for mention in found})
    return f"{_short(entity)}: {'; '.join(offices) or 'no office'} [{', '.join(articles)}]"


def _short(entity: str) -> str:
    return "kgr:" + entity[len(str(KGR)):]


def _persons(mentions: Mapping[str, list[Mention]]) -> list[str]:
    return sorted(entity for entity in mentions if _kind(entity) == "person")


def _same_name_other_province(mentions: Mapping[str, list[Mention]]) -> Iterable[NearMiss]:
    """Persons of one name in articles about different provinces: kept apart, listed with their offices."""
    by_name: dict[str, list[str]] = defaultdict(list)
    for entity in _persons(mentions):
        by_name[_person_scope(entity)[1]].append(entity)
    for entities in by_name.values():
        if len(entities) > 1:
            yield NearMiss(
                "same-name-other-province",
                tuple(entities),
                tuple(mentions[entity][0].canonical_name for entity in entities),
                tuple(_describe(entity, mentions[entity]) for entity in entities),
            )


def _one_syllable_apart(mentions: Mapping[str, list[Mention]]) -> Iterable[NearMiss]:
    """Persons of one province whose names differ in one syllable by one letter (An / Anh)."""
    by_province: dict[str, list[str]] = defaultdict(list)
    for entity in _persons(mentions):
        by_province[_person_scope(entity)[0]].append(entity)
    for entities in by_province.values():
        for first, second in itertools.combinations(entities, 2):
            if _one_letter_in_one_syllable(_person_scope(first)[1], _person_scope(second)[1]):
                yield NearMiss(
                    "one-syllable-apart",
                    (first, second),
                    (mentions[first][0].canonical_name, mentions[second][0].canonical_name),
                    (_describe(first, mentions[first]), _describe(second, mentions[second])),
                )


def _one_letter_in_one_syllable(first: str, second: str) -> bool:
    syllables = list(zip(first.split("-"), second.split("-"), strict=False))
    if first.count("-") != second.count("-"):
        return False
    different = [(a, b) for a, b in syllables if a != b]
    return len(different) == 1 and _edit_distance(*different[0]) == 1


def _edit_distance(first: str, second: str) -> int:
    previous = list(range(len(second) + 1))
    for i, a in enumerate(first, start=1):
        current = [i]
        for j, b in enumerate(second, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b)))
        previous = current
    return previous[-1]


def _spelling_differs(mentions: Mapping[str, list[Mention]]) -> Iterable[NearMiss]:
    """One IRI whose mentions spell the name differently beyond tone placement (An / Ân share a key)."""
    for entity, found in sorted(mentions.items()):
        spellings: dict[str, list[Mention]] = defaultdict(list)
        for mention in found:
            spellings[spelling_key(mention.canonical_name)].append(mention)
        if len(spellings) > 1:
            names = tuple(group[0].canonical_name for group in spellings.values())
            details = tuple(
                f"{group[0].canonical_name}: {', '.join(sorted({m.article_id for m in group}))}"
                for group in spellings.values()
            )
            yield NearMiss("spelling-differs", (entity,), names, details)


def _unexpanded_abbreviations(mentions: Mapping[str, list[Mention]]) -> Iterable[NearMiss]:
    """Organizations whose canonical names become one when abbreviations (UBND, HĐND ...) are expanded."""
    by_expansion: dict[str, list[str]] = defaultdict(list)
    for entity in sorted(mentions):
        if _kind(entity) == "org":
            by_expansion[iris.slugify(_expand_abbreviations(mentions[entity][0].canonical_name))].append(entity)
    for entities in by_expansion.values():
        if len(entities) > 1:
            names = tuple(mentions[entity][0].canonical_name for entity in entities)
            details = tuple(_describe(entity, mentions[entity]) for entity in entities)
            yield NearMiss("unexpanded-abbreviation", tuple(entities), names, details)


def _expand_abbreviations(name: str) -> str:
    """``UBND tỉnh Lào Cai`` → ``Ủy ban nhân dân tỉnh Lào Cai``: one-word abbreviations written out."""
    expansions = {abbreviation: expansion for abbreviation, expansion in gazetteers.abbreviations()
                  if " " not in abbreviation}
    return " ".join(expansions.get(word, word) for word in iris.name_key(name).split())


def _merged_without_province(merges: Iterable[MergeRecord]) -> Iterable[NearMiss]:
    """Persons merged across articles with no province to scope the name: only the name made them one."""
    for merge in merges:
        if _kind(merge.entity) == "person" and not _person_scope(merge.entity)[0]:
            yield NearMiss(
                "merged-without-province",
                (merge.entity,),
                (merge.mentions[0].canonical_name,),
                (_describe(merge.entity, list(merge.mentions)),),
            )


# -- the report as text --------------------------------------------------------------------------

def format_resolution_report(report: ResolutionReport) -> str:
    """Merges (entity, rule, articles) and near-misses (entities, why) as fixed-width tables."""
    lines = [f"Merges: {len(report.merges)}"]
    merge_rows = [
        (_short(merge.entity), merge.mentions[0].canonical_name, merge.rule, " ".join(sorted(set(merge.article_ids))))
        for merge in report.merges
    ]
    lines += _table(("ENTITY", "NAME", "RULE", "ARTICLES"), merge_rows)
    lines += ["", f"Near-misses to check: {len(report.near_misses)}"]
    for miss in report.near_misses:
        lines.append(f"- {miss.reason}: {' / '.join(miss.names)}")
        lines += [f"    {detail}" for detail in miss.details]
    return "\n".join(line.rstrip() for line in lines)


def _table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> list[str]:
    if not rows:
        return []
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in [header, tuple("-" * width for width in widths), *rows]
    ]
