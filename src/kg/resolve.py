"""Resolve: one person, organization or place across articles is one IRI, and every merge is recorded.

IRIs are minted from normalized names (:mod:`kg.rdf.iris`), so mentions in different articles
with the same key already meet in one node. This stage makes that visible: for every person,
organization and place IRI that occurs in more than one article graph it writes a
``kgo:MergeRecord`` (the mentions, their articles, the rule) into the named graph
``kgr:resolution``, and it lists the near-misses a human should check: candidates the keys
kept apart, and merges the keys made although the names are not spelled alike.

:func:`resolve_store` asks the store, in a few SPARQL queries over the article graphs, for only what
this needs: the entities with evidence in more than one article graph, the persons' IRIs and the
organizations' names for the near-miss checks, and the mentions (names as written, evidence, dated
offices) of the entities it reports. No article graph is read whole, so its memory follows the
entities reported, not the size of the store.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kg import gazetteers
from kg.errors import StoreError
from kg.rdf import iris
from kg.rdf.namespaces import KGO, KGR, PREFIXES, PROV, RDF, RDFS
from kg.rdf.ntriples import ntriples_line
from kg.store import GraphStore, Row, SelectResult
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


def resolve_store(store: GraphStore) -> ResolutionReport:
    """Resolve the article graphs of ``store`` and rewrite its graph ``kgr:resolution``.

    The store answers SPARQL queries for what resolution needs (:class:`_StoreIndex`); no article
    graph is read whole, so the memory this takes grows with the entities reported, not the triples.
    """
    report = _resolve(_StoreIndex(store))
    if report.merges:
        store.replace_graphs({RESOLUTION_GRAPH: resolution_ntriples(report)})
    else:
        store.remove_graph(RESOLUTION_GRAPH)
    return report


def resolution_graph(report: ResolutionReport) -> Graph:
    """The merge records as RDF (no timestamps: the same articles give the same graph)."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for triple in _resolution_triples(report):
        graph.add(triple)
    return graph


def resolution_ntriples(report: ResolutionReport) -> str:
    """:func:`resolution_graph` as N-Triples, sorted, written without building the rdflib graph."""
    return "".join(sorted({ntriples_line(triple) for triple in _resolution_triples(report)}))


def _resolution_triples(report: ResolutionReport) -> Iterator[tuple[URIRef, URIRef, Node]]:
    for merge in report.merges:
        entity = URIRef(merge.entity)
        record = KGR["resolution/" + merge.entity[len(str(KGR)):]]
        yield record, RDF.type, KGO.MergeRecord
        yield record, KGO.mergedEntity, entity
        yield record, KGO.mergeRule, MERGE_RULES[_kind(merge.entity)]
        label = f"{merge.mentions[0].canonical_name}: {len(set(merge.article_ids))} bài báo"
        yield record, RDFS.label, Literal(label, lang="vi")
        for mention in merge.mentions:
            yield record, PROV.wasDerivedFrom, iris.article_iri(mention.article_id)
            for evidence in mention.evidence:
                yield record, KGO.mention, URIRef(evidence)


def _kind(entity: str) -> str:
    """``person``, ``org`` or ``place``: the first segment of the IRI path."""
    return entity[len(str(KGR)):].split("/", 1)[0]


# -- what the store is asked ---------------------------------------------------------------------

ARTICLE_GRAPHS = str(KGR["graph/"])
"""The IRI prefix of the article graphs; the rest of a graph's IRI is its article's id."""

VALUES_BATCH = 200
"""Entities per query for the mention details: a ``VALUES`` block small enough for any store."""

_QUERY_PREFIXES = "".join(
    f"PREFIX {prefix}: <{PREFIXES[prefix]}>\n" for prefix in ("kgo", "oa", "org", "rdfs", "schema", "skos", "time")
)
_IN_ARTICLE_GRAPH = f'FILTER(STRSTARTS(STR(?g), "{ARTICLE_GRAPHS}"))'


def _entity_filter(*kinds: str) -> str:
    tests = " || ".join(f'STRSTARTS(STR(?entity), "{KGR}{kind}/")' for kind in kinds)
    return f"FILTER(isIRI(?entity) && ({tests}))"


# Entities with evidence in more than one article graph: the merges.
_MERGED_QUERY = f"""{_QUERY_PREFIXES}SELECT ?entity WHERE {{
  GRAPH ?g {{ ?entity kgo:evidence ?evidence }}
  {_IN_ARTICLE_GRAPH}
  {_entity_filter(*MERGE_RULES)}
}} GROUP BY ?entity HAVING (COUNT(DISTINCT ?g) > 1)"""

# Every person mentioned: the IRI alone gives the name and the province the near-miss checks compare.
_PERSONS_QUERY = f"""{_QUERY_PREFIXES}SELECT DISTINCT ?entity WHERE {{
  GRAPH ?g {{ ?entity kgo:evidence ?evidence }}
  {_IN_ARTICLE_GRAPH}
  {_entity_filter("person")}
}}"""

# Inside GRAPH, not before it: Oxigraph then looks the entities up instead of joining with every graph.
_VALUES = "\n    VALUES ?entity { %s }"

# The names each article gives an entity; for every organization (the abbreviation check), or in the
# mention details for the entities of a VALUES block.
_NAMES_PATTERN = """GRAPH ?g {%s
    ?entity kgo:evidence ?evidence .
    OPTIONAL { ?entity skos:prefLabel ?pref }
    OPTIONAL { ?entity schema:name ?name }
    OPTIONAL { ?entity rdfs:label ?label }"""

_ORGANIZATION_NAMES_QUERY = f"""{_QUERY_PREFIXES}SELECT DISTINCT ?g ?entity ?pref ?name ?label WHERE {{
  {_NAMES_PATTERN % ""}
  }}
  {_IN_ARTICLE_GRAPH}
  {_entity_filter("org")}
}}"""

_MENTION_NAMES_QUERY = f"""{_QUERY_PREFIXES}SELECT DISTINCT ?g ?entity ?pref ?name ?label ?alt WHERE {{
  {_NAMES_PATTERN % _VALUES}
    OPTIONAL {{ ?entity skos:altLabel ?alt }}
  }}
  {_IN_ARTICLE_GRAPH}
}}"""

_MENTION_EVIDENCE_QUERY = f"""{_QUERY_PREFIXES}SELECT DISTINCT ?g ?entity ?evidence ?start WHERE {{
  GRAPH ?g {{{_VALUES}
    ?entity kgo:evidence ?evidence .
    OPTIONAL {{ ?evidence oa:hasSelector ?selector . ?selector oa:start ?start }}
  }}
  {_IN_ARTICLE_GRAPH}
}}"""

# A person's memberships, their posts and their dates, each asked with required patterns only: an
# OPTIONAL inside GRAPH made Oxigraph read every membership of the store for each VALUES block.
_MENTION_MEMBERSHIPS_QUERY = f"""{_QUERY_PREFIXES}SELECT DISTINCT ?g ?entity ?membership WHERE {{
  GRAPH ?g {{{_VALUES}
    ?membership org:member ?entity .
  }}
  {_IN_ARTICLE_GRAPH}
}}"""

_MENTION_POSTS_QUERY = f"""{_QUERY_PREFIXES}SELECT DISTINCT ?g ?membership ?post WHERE {{
  GRAPH ?g {{{_VALUES}
    ?membership org:member ?entity ; kgo:post ?office . ?office skos:prefLabel ?post .
  }}
  {_IN_ARTICLE_GRAPH}
}}"""

_MENTION_DATES_QUERY = f"""{_QUERY_PREFIXES}SELECT DISTINCT ?g ?membership ?date WHERE {{
  GRAPH ?g {{{_VALUES}
    ?membership org:member ?entity ; org:memberDuring ?interval .
    ?interval time:inside ?instant . ?instant time:inXSDDate ?date .
  }}
  {_IN_ARTICLE_GRAPH}
}}"""


class _StoreIndex:
    """What resolution reads from a store, each piece asked of the store by one SPARQL query."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store

    def merged(self) -> list[str]:
        """The persons, organizations and places with evidence in more than one article graph, sorted."""
        return sorted(str(row[0]) for row in self._select(_MERGED_QUERY))

    def persons(self) -> list[str]:
        """Every person with evidence in an article graph, sorted."""
        return sorted({str(row[0]) for row in self._select(_PERSONS_QUERY)})

    def organization_names(self) -> dict[str, str]:
        """Every organization with evidence in an article graph, sorted, and its canonical name in the
        first of those articles (by id)."""
        names: dict[str, dict[str, _Names]] = defaultdict(lambda: defaultdict(_Names))
        for graph, entity, pref, name, label in self._select(_ORGANIZATION_NAMES_QUERY):
            names[str(entity)][_article_id(graph)].add(pref, name, label)
        return {entity: by_article[min(by_article)].canonical() for entity, by_article in sorted(names.items())}

    def mentions(self, entities: Iterable[str]) -> dict[str, list[Mention]]:
        """The mentions of ``entities``, each entity's by article id."""
        entities = sorted(set(entities))
        found: dict[str, list[Mention]] = {}
        for start in range(0, len(entities), VALUES_BATCH):
            found.update(self._mentions(entities[start:start + VALUES_BATCH]))
        return found

    def _mentions(self, entities: list[str]) -> dict[str, list[Mention]]:
        names = self._names(entities)
        evidence = self._evidence(entities)
        offices = self._offices([entity for entity in entities if _kind(entity) == "person"])
        found: dict[str, list[Mention]] = defaultdict(list)
        for key in sorted(names):
            canonical = names[key].canonical()
            spans = sorted(evidence[key].items(), key=lambda span: (min(span[1], default=0), span[0]))
            found[key[0]].append(Mention(key[1], names[key].written() or canonical, canonical,
                                         tuple(iri for iri, _ in spans), tuple(sorted(offices[key]))))
        return found

    def _names(self, entities: list[str]) -> dict[tuple[str, str], _Names]:
        """(entity, article id) → the names that article gives the entity, for each mention."""
        names: dict[tuple[str, str], _Names] = defaultdict(_Names)
        for graph, entity, pref, name, label, alt in self._select(_MENTION_NAMES_QUERY % _values(entities)):
            names[(str(entity), _article_id(graph))].add(pref, name, label, alt)
        return names

    def _evidence(self, entities: list[str]) -> dict[tuple[str, str], dict[str, set[int]]]:
        """(entity, article id) → the evidence spans' IRIs and their starts (a span's position selector
        has one, its quote selector none)."""
        evidence: dict[tuple[str, str], dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
        for graph, entity, span, start in self._select(_MENTION_EVIDENCE_QUERY % _values(entities)):
            starts = evidence[(str(entity), _article_id(graph))][str(span)]
            if start is not None:
                starts.add(int(str(start)))
        return evidence

    def _offices(self, persons: list[str]) -> dict[tuple[str, str], list[str]]:
        """(person, article id) → ``"Chủ tịch Hội đồng nhân dân tỉnh Lào Cai (2024-03-07)"`` for each membership."""
        offices: dict[tuple[str, str], list[str]] = defaultdict(list)
        if not persons:
            return offices
        values = _values(persons)
        posts: dict[tuple[str, str], set[str]] = defaultdict(set)
        for graph, membership, label in self._select(_MENTION_POSTS_QUERY % values):
            posts[(_article_id(graph), str(membership))].add(str(label))
        dates: dict[tuple[str, str], set[str]] = defaultdict(set)
        for graph, membership, date in self._select(_MENTION_DATES_QUERY % values):
            dates[(_article_id(graph), str(membership))].add(str(date))
        for graph, entity, membership in self._select(_MENTION_MEMBERSHIPS_QUERY % values):
            key = (_article_id(graph), str(membership))
            office = min(posts.get(key) or {"None"})  # a membership that names no post, as before
            offices[(str(entity), key[0])].append(f"{office} ({min(dates[key])})" if dates.get(key) else office)
        return offices

    def _select(self, sparql: str) -> tuple[Row, ...]:
        result = self.store.query(sparql)
        if not isinstance(result, SelectResult):
            raise StoreError(f"the store answered a SELECT query with a {type(result).__name__}")
        return result.rows


class _Names:
    """The names one article gives an entity; each kind's least value stands when an article gives two."""

    def __init__(self) -> None:
        self.pref: set[str] = set()
        self.name: set[str] = set()
        self.label: set[str] = set()
        self.alt: set[str] = set()

    def add(self, pref: Node | None, name: Node | None, label: Node | None, alt: Node | None = None) -> None:
        for values, value in ((self.pref, pref), (self.name, name), (self.label, label), (self.alt, alt)):
            if value is not None:
                values.add(str(value))

    def canonical(self) -> str:
        """``skos:prefLabel``, else ``schema:name``, else ``rdfs:label``, else ``""``."""
        return min(self.pref or self.name or self.label or {""})

    def written(self) -> str:
        return min(self.alt or {""})


def _values(entities: Iterable[str]) -> str:
    return " ".join(f"<{entity}>" for entity in entities)


def _article_id(graph: Node | None) -> str:
    return str(graph)[len(ARTICLE_GRAPHS):]


# -- from the index to the report ----------------------------------------------------------------

def _resolve(index: _StoreIndex) -> ResolutionReport:
    """Merges first; the near-miss checks then pick their entities from IRIs and names alone, and the
    mention details are read for the merged entities and the picked ones only."""
    merged = index.merged()
    persons = index.persons()
    same_name = list(_same_name_other_province(persons))
    one_apart = list(_one_syllable_apart(persons))
    abbreviated = list(_unexpanded_abbreviations(index.organization_names()))
    picked = [entity for group in (*same_name, *one_apart, *abbreviated) for entity in group]
    mentions = index.mentions([*merged, *picked])
    merges = tuple(MergeRecord(entity, RULE_NAMES[MERGE_RULES[_kind(entity)]], tuple(mentions[entity]))
                   for entity in merged)

    def near_miss(reason: str, entities: tuple[str, ...]) -> NearMiss:
        return NearMiss(reason, entities, tuple(mentions[entity][0].canonical_name for entity in entities),
                        tuple(_describe(entity, mentions[entity]) for entity in entities))

    near_misses = (
        *(near_miss("same-name-other-province", group) for group in same_name),
        *(near_miss("one-syllable-apart", pair) for pair in one_apart),
        *_spelling_differs(merges),
        *(near_miss("unexpanded-abbreviation", group) for group in abbreviated),
        *_merged_without_province(merges),
    )
    return ResolutionReport(merges, tuple(near_misses))


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


def _describe(entity: str, found: Sequence[Mention]) -> str:
    offices = sorted({office for mention in found for office in mention.offices})
    articles = sorted({mention.article_id for mention in found})
    return f"{_short(entity)}: {'; '.join(offices) or 'no office'} [{', '.join(articles)}]"


def _short(entity: str) -> str:
    return "kgr:" + entity[len(str(KGR)):]


def _same_name_other_province(persons: Sequence[str]) -> Iterator[tuple[str, ...]]:
    """Persons of one name in articles about different provinces: kept apart, listed with their offices."""
    by_name: dict[str, list[str]] = defaultdict(list)
    for entity in persons:
        by_name[_person_scope(entity)[1]].append(entity)
    for entities in by_name.values():
        if len(entities) > 1:
            yield tuple(entities)


def _one_syllable_apart(persons: Sequence[str]) -> Iterator[tuple[str, str]]:
    """Persons of one province whose names differ in one syllable by one letter (An / Anh), in the order
    of the pairs of ``persons``.

    Two such names are alike but for the syllable at one position: grouping the names by province and
    by what is left once the syllable at a position is taken out compares only those, not every pair.
    """
    alike: dict[tuple[str, int, tuple[str, ...]], list[int]] = defaultdict(list)
    provinces: dict[str, int] = {}  # a province's rank: where its first person stands in ``persons``
    syllables = []
    for number, entity in enumerate(persons):
        province, name = _person_scope(entity)
        provinces.setdefault(province, len(provinces))
        syllables.append(name.split("-"))
        for position in range(len(syllables[-1])):
            rest = (*syllables[-1][:position], *syllables[-1][position + 1:])
            alike[(province, position, rest)].append(number)
    pairs = [
        (provinces[province], first, second)
        for (province, position, _), numbers in alike.items()
        for first, second in itertools.combinations(numbers, 2)
        if _edit_distance(syllables[first][position], syllables[second][position]) == 1
    ]
    for _, first, second in sorted(pairs):  # province by province, as the pairs of its persons come
        yield persons[first], persons[second]


def _edit_distance(first: str, second: str) -> int:
    previous = list(range(len(second) + 1))
    for i, a in enumerate(first, start=1):
        current = [i]
        for j, b in enumerate(second, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b)))
        previous = current
    return previous[-1]


def _spelling_differs(merges: Iterable[MergeRecord]) -> Iterator[NearMiss]:
    """One IRI whose mentions spell the name differently beyond tone placement (An / Ân share a key)."""
    for merge in merges:
        spellings: dict[str, list[Mention]] = defaultdict(list)
        for mention in merge.mentions:
            spellings[spelling_key(mention.canonical_name)].append(mention)
        if len(spellings) > 1:
            names = tuple(group[0].canonical_name for group in spellings.values())
            details = tuple(
                f"{group[0].canonical_name}: {', '.join(sorted({m.article_id for m in group}))}"
                for group in spellings.values()
            )
            yield NearMiss("spelling-differs", (merge.entity,), names, details)


def _unexpanded_abbreviations(organization_names: Mapping[str, str]) -> Iterator[tuple[str, ...]]:
    """Organizations whose canonical names (IRI → name, sorted) become one when abbreviations (UBND,
    HĐND ...) are expanded."""
    expansions = {abbreviation: expansion for abbreviation, expansion in gazetteers.abbreviations()
                  if " " not in abbreviation}
    by_expansion: dict[str, list[str]] = defaultdict(list)
    for entity, name in organization_names.items():
        by_expansion[iris.slugify(_expand_abbreviations(name, expansions))].append(entity)
    for entities in by_expansion.values():
        if len(entities) > 1:
            yield tuple(entities)


def _expand_abbreviations(name: str, expansions: Mapping[str, str]) -> str:
    """``UBND tỉnh Lào Cai`` → ``Ủy ban nhân dân tỉnh Lào Cai``: one-word abbreviations written out."""
    return " ".join(expansions.get(word, word) for word in iris.name_key(name).split())


def _merged_without_province(merges: Iterable[MergeRecord]) -> Iterator[NearMiss]:
    """Persons merged across articles with no province to scope the name: only the name made them one."""
    for merge in merges:
        if _kind(merge.entity) == "person" and not _person_scope(merge.entity)[0]:
            yield NearMiss(
                "merged-without-province",
                (merge.entity,),
                (merge.mentions[0].canonical_name,),
                (_describe(merge.entity, merge.mentions),),
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
