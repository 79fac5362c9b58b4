from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from kg.errors import QueryError, StoreError
from kg.store import AskResult, GraphResult, SelectResult, open_store

EX = "https://example.org/"


def graph_of(*triples: tuple[str, str, str]) -> Graph:
    graph = Graph()
    for s, p, o in triples:
        graph.add((URIRef(EX + s), URIRef(EX + p), Literal(o, lang="vi")))
    return graph


def test_replace_graph_replaces_only_that_graph(tmp_path: Path) -> None:
    store = open_store(tmp_path / "store")
    store.replace_graph(EX + "g1", graph_of(("a", "name", "Bắc Kạn"), ("b", "name", "Pác Nặm")))
    store.replace_graph(EX + "g2", graph_of(("c", "name", "Ba Bể")))
    store.replace_graph(EX + "g1", graph_of(("a", "name", "Bắc Kạn")))
    assert store.graph_names() == [EX + "g1", EX + "g2"]
    assert len(store.named_graph(EX + "g1")) == 1
    assert len(store.data_graph()) == 2
    store.remove_graph(EX + "g2")
    assert store.graph_names() == [EX + "g1"]


def nt(*triples: tuple[str, str, str]) -> str:
    return graph_of(*triples).serialize(format="nt")


def test_replace_graphs_writes_new_graphs_and_replaces_held_ones_in_one_call(tmp_path: Path) -> None:
    store = open_store(tmp_path / "store")
    store.replace_graphs({EX + "g1": nt(("a", "name", "Bắc Kạn")), EX + "g2": nt(("b", "name", "Ba Bể"))})
    store.replace_graphs({EX + "g2": nt(("b", "name", "Ba Bể mới")), EX + "g3": nt(("c", "name", "Pác Nặm"))})
    store.replace_graphs({EX + "g1": ""})
    assert store.graph_names() == [EX + "g2", EX + "g3"]
    assert set(store.named_graph(EX + "g2").objects()) == {Literal("Ba Bể mới", lang="vi")}


def test_replace_graphs_writes_all_or_nothing(tmp_path: Path) -> None:
    """A batch with one unreadable graph leaves the store as it was, whether its graphs are new or held."""
    store = open_store(tmp_path / "store")
    store.replace_graphs({EX + "g1": nt(("a", "name", "Bắc Kạn"))})
    for held in ({}, {EX + "g1": nt(("a", "name", "Ba Bể"))}):
        with pytest.raises(StoreError, match="cannot write graphs"):
            store.replace_graphs({**held, EX + "g2": nt(("b", "name", "Pác Nặm")), EX + "g3": "<broken .\n"})
        assert store.graph_names() == [EX + "g1"]
        assert set(store.named_graph(EX + "g1").objects()) == {Literal("Bắc Kạn", lang="vi")}


def test_query_sees_the_union_of_graphs_and_keeps_language_tags(tmp_path: Path) -> None:
    store = open_store(tmp_path / "store")
    store.replace_graph(EX + "g1", graph_of(("a", "name", "Bắc Kạn")))
    store.replace_graph(EX + "g2", graph_of(("b", "name", "Ba Bể")))
    result = store.query(f"SELECT ?n WHERE {{ ?s <{EX}name> ?n }} ORDER BY ?n")
    assert isinstance(result, SelectResult)
    assert [row[0] for row in result.rows] == [Literal("Ba Bể", lang="vi"), Literal("Bắc Kạn", lang="vi")]
    assert store.query("ASK { ?s ?p ?o }") == AskResult(True)
    construct = store.query("CONSTRUCT WHERE { ?s ?p ?o }")
    assert isinstance(construct, GraphResult) and len(construct.graph) == 2


def test_malformed_query_is_a_query_error(tmp_path: Path) -> None:
    store = open_store(tmp_path / "store")
    with pytest.raises(QueryError, match="malformed SPARQL"):
        store.query("SELEC ?x WHERE { ?x ?y }")


def test_store_persists_on_disk_and_reopens_read_only(tmp_path: Path) -> None:
    store = open_store(tmp_path / "store")
    store.replace_graph(EX + "g1", graph_of(("a", "name", "Bắc Kạn")))
    store.close()
    del store
    reopened = open_store(tmp_path / "store", read_only=True)
    assert reopened.graph_names() == [EX + "g1"]


def test_read_only_open_of_a_missing_store_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="kg build"):
        open_store(tmp_path / "nothing", read_only=True)


@pytest.mark.parametrize("fmt", ["turtle", "trig", "nquads", "ntriples", "jsonld", "rdfxml"])
def test_export_round_trips_and_is_byte_stable(tmp_path: Path, fmt: str) -> None:
    first, second = open_store(tmp_path / "one"), open_store(tmp_path / "two")
    triples = [("a", "name", "Bắc Kạn"), ("b", "name", "Pác Nặm"), ("c", "name", "Ba Bể")]
    first.replace_graph(EX + "g1", graph_of(*triples))
    for triple in reversed(triples):  # another insertion order, same content
        second.replace_graph(EX + "g1", graph_of(*[t for t in triples if t >= triple]))
    exported = first.export(fmt)
    assert exported == second.export(fmt)
    rdflib_format = {"turtle": "turtle", "trig": "trig", "nquads": "nquads", "ntriples": "nt",
                     "jsonld": "json-ld", "rdfxml": "xml"}[fmt]
    from rdflib import Dataset

    parsed = Dataset()
    parsed.parse(data=exported, format=rdflib_format)
    assert len(list(parsed.quads((None, None, None, None)))) == 3


def test_unknown_export_format_names_the_choices(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="turtle"):
        open_store(tmp_path / "store").export("yaml")
