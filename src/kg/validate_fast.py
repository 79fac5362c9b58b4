"""A fast evaluator of ``ontology/shapes.ttl``: the same report as pyshacl, in milliseconds.

pyshacl (the reference) spends ~0.3 s on one article graph, mostly in per-focus-node machinery and
in rdflib's SPARQL engine. This module compiles the shapes graph once into plain Python checks over
dictionaries of the data graph: the SHACL Core components kg's shapes use, with pyshacl's own
semantics (its literal comparison, its datatype test), and the five SHACL-SPARQL constraints as
hand-written functions. Each of those functions is tied to the exact text of its query: if a query
in shapes.ttl changes, or a shape uses a feature not handled here, :func:`compile_shapes` raises
:class:`UnsupportedShapes` and callers use pyshacl. ``tests/test_validate_engines.py`` proves the
reports equal pyshacl's on the fixture, every broken variant of it and real and generated articles.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

import rdflib
from rdflib import BNode, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from kg.rdf.namespaces import KGO, OA, ORG, PROV, RDF, RDFS, SCHEMA, TIME, XSD, CachedNamespace

SH = CachedNamespace(Namespace("http://www.w3.org/ns/shacl#"))

Index = dict[Node, dict[Node, list[Node]]]
Finding = tuple[Node, Node | None, Node | None]
"""One result before formatting: focus node, result path, value."""

_TYPE, _SUBCLASS_OF, _MEMBER = RDF.type, RDFS.subClassOf, ORG.member  # rdflib's Namespace lookup is slow
_INTEGER = re.compile(r"[+-]?[0-9]+")
_CORE_KEYS = {
    SH.path, SH.minCount, SH.maxCount, SH["class"], SH.nodeKind, SH.datatype, SH.languageIn, SH["in"],
    SH.minInclusive, SH.maxInclusive, SH.lessThanOrEquals, SH["or"], SH.xone, SH.qualifiedValueShape,
    SH.qualifiedMinCount, SH.qualifiedMaxCount, SH.severity, SH.message, SH.name, SH.description,
    SH.property, SH.sparql, SH.targetClass, SH.targetSubjectsOf, RDF.type,
}


class UnsupportedShapes(Exception):
    """The shapes use something this evaluator does not implement: validate with pyshacl."""


class UnsupportedData(Exception):
    """The data holds a case whose pyshacl outcome this evaluator does not reproduce: use pyshacl."""


@dataclass
class DataView:
    """The data graph (plus the ontology's axioms) as dictionaries: values by subject and predicate."""

    out: Index
    superclasses: dict[Node, set[Node]]
    subjects_of: dict[Node, list[Node]] = field(default_factory=dict)
    typed: dict[Node, set[Node]] = field(default_factory=dict)
    """The subjects of each ``rdf:type`` value."""
    members: dict[Node, list[Node]] = field(default_factory=dict)
    """``org:member`` read backwards: the memberships of each person (the meeting-chair query)."""

    def values(self, subject: Node, predicate: Node) -> list[Node]:
        return self.out.get(subject, {}).get(predicate, [])

    def has_class(self, node: Node, cls: Node) -> bool:
        """pyshacl's sh:class test: some rdf:type of ``node`` is ``cls`` or a subclass of it."""
        if isinstance(node, Literal):
            return False
        types = self.out.get(node, {}).get(_TYPE, ())
        return any(t == cls or cls in self.superclasses.get(t, ()) for t in types)

    def instances(self, cls: Node) -> set[Node]:
        """Focus nodes of ``sh:targetClass cls``: ``rdf:type/rdfs:subClassOf*``."""
        found: set[Node] = set()
        for t, subjects in self.typed.items():
            if t == cls or cls in self.superclasses.get(t, ()):
                found |= subjects
        return found


def index_triples(triples: Iterable[tuple[Node, Node, Node]], axioms: Index) -> DataView:
    """Index ``triples`` (no duplicates: a graph's) with the pre-indexed ontology axioms pyshacl mixes in."""
    out: Index = {}
    for s, p, o in triples:
        by_predicate = out.get(s)
        if by_predicate is None:
            by_predicate = out[s] = {}
        objects = by_predicate.get(p)
        if objects is None:
            by_predicate[p] = [o]
        else:
            objects.append(o)
    for s, by_predicate in axioms.items():
        mine = out.get(s)
        if mine is None:
            out[s] = by_predicate  # read-only: axioms are never written to
            continue
        for p, objects in by_predicate.items():
            merged = mine.setdefault(p, [])
            merged.extend(o for o in objects if o not in merged)
    view = DataView(out, _superclasses(out))
    for s, by_predicate in out.items():
        for p, objects in by_predicate.items():
            view.subjects_of.setdefault(p, []).append(s)
            if p == _TYPE:
                for o in objects:
                    view.typed.setdefault(o, set()).add(s)
            elif p == _MEMBER:
                for o in objects:
                    view.members.setdefault(o, []).append(s)
    return view


def index_graph(graph: rdflib.Graph) -> Index:
    """A graph's triples by subject and predicate (the ontology axioms, indexed once)."""
    return index_triples(graph, {}).out


def _superclasses(out: Index) -> dict[Node, set[Node]]:
    direct: dict[Node, list[Node]] = {}
    for s, by_predicate in out.items():
        parents = by_predicate.get(_SUBCLASS_OF)
        if parents:
            direct[s] = parents
    closure: dict[Node, set[Node]] = {}
    for start in direct:
        seen: set[Node] = set()
        stack = list(direct[start])
        while stack:
            node = stack.pop()
            if node not in seen:
                seen.add(node)
                stack.extend(direct.get(node, ()))
        closure[start] = seen
    return closure


# ---- compiled shapes ----------------------------------------------------------------------------

Check = Callable[[DataView, Node, list[Node]], Iterator[Node | None]]
"""A constraint on one focus node's value nodes: yields each failing value (``None``: no sh:value)."""


@dataclass(frozen=True)
class CompiledShape:
    """One shape that reports: its targets or parent, its path, its checks, what its results say."""

    node: Node
    path: URIRef | None
    checks: tuple[Check, ...]
    severity: URIRef
    messages: tuple[str, ...]


@dataclass(frozen=True)
class SparqlCheck:
    """A SHACL-SPARQL constraint as Python: yields (path, value) rows like its SELECT."""

    node_shape: Node
    run: Callable[[DataView, Node], Iterator[tuple[Node, Node]]]
    severity: URIRef
    messages: tuple[str, ...]


@dataclass(frozen=True)
class Target:
    classes: tuple[Node, ...]
    subjects_of: tuple[Node, ...]

    def focus_nodes(self, view: DataView) -> set[Node]:
        found: set[Node] = set()
        for cls in self.classes:
            found |= view.instances(cls)
        for predicate in self.subjects_of:
            found.update(view.subjects_of.get(predicate, ()))
        return found


@dataclass(frozen=True)
class CompiledShapes:
    """The shapes graph, compiled: (target, shapes on each focus node, SPARQL checks) per node shape."""

    node_shapes: tuple[tuple[Target, tuple[CompiledShape, ...], tuple[SparqlCheck, ...]], ...]

    def findings(self, view: DataView) -> Iterator[tuple[Node, URIRef, tuple[str, ...], Finding]]:
        """Every result as (source shape, severity, messages, (focus node, path, value))."""
        for target, shapes, sparql_checks in self.node_shapes:
            for focus in target.focus_nodes(view):
                for shape in shapes:
                    values = [focus] if shape.path is None else view.values(focus, shape.path)
                    for check in shape.checks:
                        for value in check(view, focus, values):
                            yield shape.node, shape.severity, shape.messages, (focus, shape.path, value)
                for sparql in sparql_checks:
                    for path, value in sparql.run(view, focus):
                        yield sparql.node_shape, sparql.severity, sparql.messages, (focus, path, value)


def compile_shapes(shapes: rdflib.Graph) -> CompiledShapes:
    """Compile the node shapes of ``shapes``; raise :class:`UnsupportedShapes` on anything unknown."""
    compiled = []
    for node_shape in sorted(set(shapes.subjects(RDF.type, SH.NodeShape)), key=str):
        _require_known(shapes, node_shape)
        target = Target(tuple(shapes.objects(node_shape, SH.targetClass)),
                        tuple(shapes.objects(node_shape, SH.targetSubjectsOf)))
        if not target.classes and not target.subjects_of:
            raise UnsupportedShapes(f"{node_shape}: no sh:targetClass or sh:targetSubjectsOf")
        own = _shape(shapes, node_shape, None)
        parts = [own] if own.checks else []
        parts += [_shape(shapes, p, _iri_path(shapes, p)) for p in shapes.objects(node_shape, SH.property)]
        sparql = tuple(_sparql(shapes, node_shape, c) for c in shapes.objects(node_shape, SH.sparql))
        compiled.append((target, tuple(parts), sparql))
    return CompiledShapes(tuple(compiled))


def _require_known(shapes: rdflib.Graph, shape: Node) -> None:
    unknown = set(shapes.predicates(shape, None)) - _CORE_KEYS
    if unknown:
        raise UnsupportedShapes(f"{shape}: {', '.join(sorted(map(str, unknown)))}")


def _iri_path(shapes: rdflib.Graph, shape: Node) -> URIRef:
    path = shapes.value(shape, SH.path)
    if not isinstance(path, URIRef):
        raise UnsupportedShapes(f"{shape}: only IRI paths are handled")
    return path


def _messages(shapes: rdflib.Graph, node: Node) -> tuple[str, ...]:
    messages = tuple(sorted(str(m) for m in shapes.objects(node, SH.message)))
    if any("{" in m for m in messages):
        raise UnsupportedShapes(f"{node}: message templates")
    return messages


def _shape(shapes: rdflib.Graph, node: Node, path: URIRef | None) -> CompiledShape:
    _require_known(shapes, node)
    if shapes.value(node, SH.property) is not None and path is not None:
        raise UnsupportedShapes(f"{node}: nested property shapes")
    checks = _core_checks(shapes, node)
    messages = _messages(shapes, node)
    if checks and not messages:
        raise UnsupportedShapes(f"{node}: no sh:message (pyshacl would write its own)")
    severity = shapes.value(node, SH.severity) or SH.Violation
    assert isinstance(severity, URIRef)
    return CompiledShape(node, path, tuple(checks), severity, messages)


def _core_checks(shapes: rdflib.Graph, node: Node) -> list[Check]:  # noqa: C901 - one branch per component
    from pyshacl.rdfutil.compare import compare_literal  # pyshacl's own comparison: equal reports

    def value(predicate: URIRef) -> Node | None:
        return shapes.value(node, predicate)

    checks: list[Check] = []
    min_count, max_count = value(SH.minCount), value(SH.maxCount)
    if min_count is not None:
        least = int(min_count)  # type: ignore[call-overload]
        checks.append(lambda view, focus, values: iter([None] if len(values) < least else []))
    if max_count is not None:
        most = int(max_count)  # type: ignore[call-overload]
        checks.append(lambda view, focus, values: iter([None] if len(values) > most else []))
    cls = value(SH["class"])
    if cls is not None:
        checks.append(lambda view, focus, values: (v for v in values if not view.has_class(v, cls)))
    kind = value(SH.nodeKind)
    if kind is not None:
        if kind != SH.IRI:
            raise UnsupportedShapes(f"{node}: sh:nodeKind {kind}")
        checks.append(lambda view, focus, values: (v for v in values if not isinstance(v, URIRef)))
    datatype = value(SH.datatype)
    if datatype is not None:
        checks.append(lambda view, focus, values: (v for v in values if not _has_datatype(v, datatype)))
    languages = value(SH.languageIn)
    if languages is not None:
        wanted = {str(lang).lower() for lang in Collection(shapes, languages)}
        if "*" in wanted:
            raise UnsupportedShapes(f"{node}: sh:languageIn wildcard")
        checks.append(lambda view, focus, values: (v for v in values if not _in_language(v, wanted)))
    members = value(SH["in"])
    if members is not None:
        allowed = set(Collection(shapes, members))
        checks.append(lambda view, focus, values: (v for v in values if v not in allowed))
    for predicate, keep in ((SH.minInclusive, lambda c: c >= 0), (SH.maxInclusive, lambda c: c <= 0)):
        bound = value(predicate)
        if bound is not None:
            if not isinstance(bound, Literal) or isinstance(bound.value, str):
                raise UnsupportedShapes(f"{node}: non-numeric {predicate}")
            checks.append(_range_check(bound, keep, compare_literal))
    other = value(SH.lessThanOrEquals)
    if other is not None:
        checks.append(lambda view, focus, values: _not_less_or_equal(values, view.values(focus, other)))
    alternatives = value(SH["or"])
    if alternatives is not None:
        members_shapes = [_member(shapes, m) for m in Collection(shapes, alternatives)]
        checks.append(lambda view, focus, values: (
            v for v in values if not any(_conforms(view, v, m) for m in members_shapes)))
    exclusive = value(SH.xone)
    if exclusive is not None:
        members_shapes = [_member(shapes, m) for m in Collection(shapes, exclusive)]
        checks.append(lambda view, focus, values: (
            v for v in values if sum(_conforms(view, v, m) for m in members_shapes) != 1))
    qualified = value(SH.qualifiedValueShape)
    if qualified is not None:
        inner = _member(shapes, qualified)
        low, high = value(SH.qualifiedMinCount), value(SH.qualifiedMaxCount)
        least_q = int(low) if low is not None else None  # type: ignore[call-overload]
        most_q = int(high) if high is not None else None  # type: ignore[call-overload]

        def qualified_check(view: DataView, focus: Node, values: list[Node]) -> Iterator[Node | None]:
            conforming = sum(_conforms(view, v, inner) for v in values)
            if most_q is not None and conforming > most_q:
                yield None
            if least_q is not None and conforming < least_q:
                yield None
        checks.append(qualified_check)
    return checks


def _range_check(bound: Literal, keep: Callable[[int], bool], compare: Callable[[Literal, Literal], int]) -> Check:
    def check(view: DataView, focus: Node, values: list[Node]) -> Iterator[Node | None]:
        for v in values:
            ok = False
            if isinstance(v, Literal) and not isinstance(v.value, str):
                try:
                    ok = keep(compare(v, bound))
                except (TypeError, NotImplementedError):
                    ok = False
            if not ok:
                yield v
    return check


@dataclass(frozen=True)
class MemberShape:
    """A shape inside sh:or, sh:xone or sh:qualifiedValueShape: one sh:class or sh:datatype test,
    or a property shape with only sh:minCount."""

    cls: Node | None = None
    datatype: Node | None = None
    path: Node | None = None
    min_count: int = 0


def _member(shapes: rdflib.Graph, node: Node) -> MemberShape:
    keys = set(shapes.predicates(node, None)) - {RDF.type}
    if keys == {SH["class"]}:
        return MemberShape(cls=shapes.value(node, SH["class"]))
    if keys == {SH.datatype}:
        return MemberShape(datatype=shapes.value(node, SH.datatype))
    if keys == {SH.path, SH.minCount}:
        return MemberShape(path=_iri_path(shapes, node), min_count=int(shapes.value(node, SH.minCount)))  # type: ignore[call-overload]
    raise UnsupportedShapes(f"{node}: a nested shape with {', '.join(sorted(map(str, keys)))}")


def _conforms(view: DataView, value: Node, shape: MemberShape) -> bool:
    if shape.cls is not None:
        return view.has_class(value, shape.cls)
    if shape.datatype is not None:
        return _has_datatype(value, shape.datatype)
    assert shape.path is not None
    return len(view.values(value, shape.path)) >= shape.min_count


def _has_datatype(value: Node, datatype: Node) -> bool:
    """pyshacl's sh:datatype test, including its check that the lexical form fits the type."""
    if not isinstance(value, Literal):
        return False
    if value.datatype == datatype:
        if getattr(value, "ill_typed", None) is True:
            return False
        return _python_type_fits(value, datatype)
    if value.datatype is None and value.language is None and datatype == XSD.string:
        return True
    return datatype == RDF.langString and bool(value.language) and isinstance(value.value, str | bytes)


_PYTHON_TYPES: dict[Node, type | tuple[type, ...]] = {
    XSD.string: (str, bytes), RDF.langString: (str, bytes), XSD.integer: int, XSD.float: float,
    XSD.decimal: Decimal, XSD.boolean: bool, XSD.date: date, XSD.time: time, XSD.dateTime: datetime,
}


def _python_type_fits(value: Literal, datatype: Node) -> bool:
    kind = _PYTHON_TYPES.get(datatype)
    return True if kind is None else isinstance(value.value, kind)


def _in_language(value: Node, wanted: set[str]) -> bool:
    if not isinstance(value, Literal) or not value.language:
        return False
    lang = str(value.language).lower()
    return lang in wanted or lang.split("-")[0] in wanted


def _not_less_or_equal(values: list[Node], others: list[Node]) -> Iterator[Node | None]:
    """pyshacl's sh:lessThanOrEquals: a value fails once per other value it is not ≤ to."""
    for value in values:
        if isinstance(value, BNode):
            raise UnsupportedData("sh:lessThanOrEquals on a blank node")
        left: object = value
        left_is_string = isinstance(value, URIRef) or (isinstance(value, Literal) and isinstance(value.value, str))
        if left_is_string:
            left = str(value) if isinstance(value, URIRef) else value.value  # type: ignore[attr-defined]
        for other in others:
            right: object = other
            right_is_string = isinstance(other, URIRef) or (isinstance(other, Literal) and isinstance(other.value, str))
            if right_is_string:
                right = str(other) if isinstance(other, URIRef) else other.value  # type: ignore[attr-defined]
            if isinstance(other, BNode):
                raise UnsupportedData("sh:lessThanOrEquals on a blank node")
            if left_is_string != right_is_string or not left <= right:  # type: ignore[operator]
                yield value


# ---- the SHACL-SPARQL constraints, as Python --------------------------------------------------------

def _sparql(shapes: rdflib.Graph, node_shape: Node, constraint: Node) -> SparqlCheck:
    select = shapes.value(constraint, SH.select)
    key = _normalize_query(str(select))
    run = _SPARQL_IN_PYTHON.get(key)
    if run is None:
        raise UnsupportedShapes(f"{node_shape}: no Python version of its SPARQL query")
    severity = shapes.value(node_shape, SH.severity) or SH.Violation
    assert isinstance(severity, URIRef)
    return SparqlCheck(node_shape, run, severity, _messages(shapes, constraint) + _messages(shapes, node_shape))


def _normalize_query(text: str) -> str:
    lines = (line.split("#", 1)[0].strip() if line.strip().startswith("#") else line.strip()
             for line in text.splitlines())
    return " ".join(line for line in lines if line)


def _place_source(view: DataView, this: Node) -> Iterator[tuple[Node, Node]]:
    if view.values(this, KGO.evidence):
        return
    if any(KGO.ReferenceDataset in view.values(d, RDF.type) for d in view.values(this, PROV.wasDerivedFrom)):
        return
    yield KGO.evidence, this  # a node shape's result without ?value names the focus node


def _evidence_from_source(view: DataView, this: Node) -> Iterator[tuple[Node, Node]]:
    sources = view.values(this, PROV.wasDerivedFrom)
    for evidence in view.values(this, KGO.evidence):
        for article in view.values(evidence, OA.hasSource):
            if article not in sources:
                yield KGO.evidence, evidence


def _quote_matches_offsets(view: DataView, this: Node) -> Iterator[tuple[Node, Node]]:
    bodies = [b for a in view.values(this, OA.hasSource) for b in view.values(a, SCHEMA.articleBody)]
    selectors = view.values(this, OA.hasSelector)
    exacts = [v for s in selectors for v in view.values(s, OA.exact)]
    starts = [v for s in selectors for v in view.values(s, OA.start)]
    ends = [v for s in selectors for v in view.values(s, OA.end)]
    for body in bodies:
        for start in starts:
            for end in ends:
                first, last = _as_integer(start), _as_integer(end)
                if first is None or last is None or isinstance(body, BNode):
                    continue  # a failed cast or STR() is an error: FILTER drops the row
                quoted = str(body)[first:last]  # rdflib's SUBSTR: Python slicing from START-1 to START-1+LENGTH
                for value in exacts:
                    if not isinstance(value, BNode) and quoted != str(value):
                        yield OA.hasSelector, value


def _as_integer(term: Node) -> int | None:
    """``xsd:integer(?x)``: ``None`` where SPARQL's cast surely fails (not a literal)."""
    if not isinstance(term, Literal):
        return None
    if term.datatype not in (None, XSD.integer) or term.language or not _INTEGER.fullmatch(str(term)):
        raise UnsupportedData(f"xsd:integer({term.n3()})")
    return int(str(term))


def _membership_matches_post(view: DataView, this: Node) -> Iterator[tuple[Node, Node]]:
    posts = view.values(this, KGO.post)
    for predicate, post_predicate in ((ORG.organization, ORG.postIn), (ORG.role, ORG.role)):
        expected = [e for post in posts for e in view.values(post, post_predicate)]
        for value in view.values(this, predicate):
            if any(value != e for e in expected):
                yield predicate, value


def _chair_holds_office(view: DataView, this: Node) -> Iterator[tuple[Node, Node]]:
    starts = view.values(this, SCHEMA.startDate)
    meeting_orgs = view.values(this, SCHEMA.organizer) + view.values(this, SCHEMA.attendee)
    post_orgs = {post_org for org in meeting_orgs for post_org in [org, *view.values(org, ORG.subOrganizationOf)]}
    for chair in view.values(this, KGO.chair):
        for start in starts:
            if isinstance(start, BNode):
                yield KGO.chair, chair  # ?day unbound: the NOT EXISTS filter never holds
                continue
            day = str(start)[0:10]
            if not any(_holds_post_on(view, membership, post_orgs, day) for membership in view.members.get(chair, ())):
                yield KGO.chair, chair


def _holds_post_on(view: DataView, membership: Node, post_orgs: set[Node], day: str) -> bool:
    in_org = any(o in post_orgs for post in view.values(membership, KGO.post) for o in view.values(post, ORG.postIn))
    if not in_org:
        return False
    dates = [d for i in view.values(membership, ORG.memberDuring) for t in view.values(i, TIME.inside)
             for d in view.values(t, TIME.inXSDDate)]
    return any(not isinstance(d, BNode) and str(d) == day for d in dates)


def _mention_is_evidence(view: DataView, this: Node) -> Iterator[tuple[Node, Node]]:
    entities = view.values(this, KGO.mergedEntity)
    for mention in view.values(this, KGO.mention):
        for entity in entities:
            if mention not in view.values(entity, KGO.evidence):
                yield KGO.mention, mention


_SPARQL_IN_PYTHON: dict[str, Callable[[DataView, Node], Iterator[tuple[Node, Node]]]] = {
    "SELECT $this ?path WHERE { FILTER NOT EXISTS { $this kgo:evidence ?evidence } FILTER NOT EXISTS "
    "{ $this prov:wasDerivedFrom ?dataset . ?dataset a kgo:ReferenceDataset } BIND (kgo:evidence AS ?path) }":
        _place_source,
    "SELECT $this ?value ?path WHERE { $this kgo:evidence ?value . ?value oa:hasSource ?article . "
    "FILTER NOT EXISTS { $this prov:wasDerivedFrom ?article } BIND (kgo:evidence AS ?path) }":
        _evidence_from_source,
    "SELECT $this ?value ?path WHERE { $this oa:hasSource/schema:articleBody ?body ; "
    "oa:hasSelector/oa:exact ?value ; oa:hasSelector/oa:start ?start ; oa:hasSelector/oa:end ?end . "
    "FILTER (SUBSTR(STR(?body), xsd:integer(?start) + 1, xsd:integer(?end) - xsd:integer(?start)) "
    "!= STR(?value)) BIND (oa:hasSelector AS ?path) }":
        _quote_matches_offsets,
    "SELECT $this ?path ?value WHERE { { $this kgo:post/org:postIn ?expected ; org:organization ?value . "
    "BIND (org:organization AS ?path) } UNION { $this kgo:post/org:role ?expected ; org:role ?value . "
    "BIND (org:role AS ?path) } FILTER (!sameTerm(?value, ?expected)) }":
        _membership_matches_post,
    "SELECT $this ?value ?path WHERE { $this kgo:chair ?value ; schema:startDate ?start . "
    "BIND (SUBSTR(STR(?start), 1, 10) AS ?day) FILTER NOT EXISTS { "
    "$this schema:organizer|schema:attendee ?meetingOrg . ?meetingOrg org:subOrganizationOf? ?postOrg . "
    "?membership org:member ?value ; kgo:post/org:postIn ?postOrg ; "
    "org:memberDuring/time:inside/time:inXSDDate ?date . FILTER (STR(?date) = ?day) } "
    "BIND (kgo:chair AS ?path) }":
        _chair_holds_office,
    "SELECT $this ?value ?path WHERE { $this kgo:mergedEntity ?entity ; kgo:mention ?value . "
    "FILTER NOT EXISTS { ?entity kgo:evidence ?value } BIND (kgo:mention AS ?path) }":
        _mention_is_evidence,
}
"""Each SPARQL text of shapes.ttl (whitespace and comment lines folded) and its Python translation."""
