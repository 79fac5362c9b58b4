"""kg's N-Triples writer gives the text rdflib's serializer gives, and refuses what is no N-Triples."""

from __future__ import annotations

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.errors import MappingError
from kg.rdf.ntriples import ntriples, ntriples_line

S = URIRef("https://w3id.org/kgvn/resource/person/bắc-kạn/hoàng-duy-chinh")
P = URIRef("https://schema.org/name")
OBJECTS = [
    Literal("Hoàng Duy Chinh", lang="vi"),
    Literal('Nghị quyết "số 1"\nvề\\ phát triển\r', lang="vi"),
    Literal("VND"),
    Literal("25000000000.0", datatype=XSD.decimal),
    Literal("2024-06-13", datatype=XSD.date),
    URIRef("https://baobackan.vn/bai-viet?id=1&trang=2"),
    BNode("list1"),
]


def test_the_text_is_rdflibs() -> None:
    triples = [(S, P, o) for o in OBJECTS]
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    assert sorted(ntriples(triples).splitlines()) == sorted(graph.serialize(format="nt").strip().splitlines())


def test_it_reads_back_as_the_same_triples() -> None:
    triples = [(S, P, o) for o in OBJECTS if not isinstance(o, BNode)]
    assert set(Graph().parse(data=ntriples(triples), format="nt")) == set(triples)


def test_one_line_per_triple_in_order() -> None:
    text = ntriples([(S, P, OBJECTS[2]), (S, P, OBJECTS[0])])
    assert text.splitlines() == [ntriples_line((S, P, OBJECTS[2])).rstrip("\n"),
                                 ntriples_line((S, P, OBJECTS[0])).rstrip("\n")]


@pytest.mark.parametrize("iri", ["https://example.org/a b", "https://example.org/<x>", 'https://example.org/"q"'])
def test_an_iri_no_store_would_read_is_refused(iri: str) -> None:
    with pytest.raises(MappingError, match="not a valid IRI"):
        ntriples([(S, P, URIRef(iri))])
