"""N-Triples text of rdflib triples, written directly.

rdflib's serializer goes through a ``Graph`` and its store; a build writes hundreds of thousands
of triples that are already a plain list, so it renders them here (the same text as rdflib's
``nt`` serializer: UTF-8, only ``\\ " \\n \\r`` escaped in literals).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.errors import MappingError

Triple = tuple[Node, Node, Node]

_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
"""What the N-Triples IRIREF production forbids (escapes aside, which kg never writes)."""


def ntriples(triples: Iterable[Triple]) -> str:
    """The N-Triples text of ``triples``, one line each, in their order."""
    rendered: dict[Node, str] = {}
    lines = []
    for triple in triples:
        parts = []
        for term in triple:
            text = rendered.get(term)
            if text is None:
                text = rendered[term] = _term(term)
            parts.append(text)
        lines.append(f"{parts[0]} {parts[1]} {parts[2]} .\n")
    return "".join(lines)


def ntriples_line(triple: Triple) -> str:
    """One triple as an N-Triples line (ending in a newline)."""
    return ntriples((triple,))


def _term(term: Node) -> str:
    if isinstance(term, Literal):
        quoted = '"' + term.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r") + '"'
        if term.language:
            return f"{quoted}@{term.language}"
        return f"{quoted}^^<{term.datatype}>" if term.datatype else quoted
    if isinstance(term, URIRef):
        if _NOT_IN_IRI.search(term):
            raise MappingError(f"not a valid IRI for N-Triples: <{term}>")
        return f"<{term}>"
    if isinstance(term, BNode):  # the ontology's OWL lists; article graphs have none
        return f"_:{term}"
    raise MappingError(f"not an RDF term: {term!r}")
