"""kg.resolve: one IRI per person, organization and place across articles, every merge recorded."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build import build_graph
from kg.cli import main
from kg.rdf import iris
from kg.resolve import RESOLUTION_GRAPH, ResolutionReport, resolution_graph, resolve_store
from kg.store import GraphStore, OxigraphStore, SelectResult, open_store
from kg.validate import validate_graph

QUERIES = Path(__file__).resolve().parents[1] / "queries"

# Invented persons in real provinces, written by the team for these tests. The 2020 article spells
# the name old-style (Thuỷ) and decomposed (NFD); the 2024 article new-style (Thủy).
ARTICLES = {
    "tlc-2020-05-12-hdnd": ("Lào Cai", "2020-05-12", unicodedata.normalize(
        "NFD", "Sáng 11/5, Thường trực HĐND tỉnh Lào Cai làm việc với UBND huyện Bát Xát. Đồng chí Đỗ Minh Thuỷ, "
        "Phó Chủ tịch Thường trực HĐND tỉnh chủ trì buổi làm việc.")),
    "tlc-2024-03-08-tinh-uy": ("Lào Cai", "2024-03-08",
        "Chiều 7/3, Ban Thường vụ Tỉnh ủy Lào Cai làm việc với Ban Thường vụ Huyện ủy Bát Xát. Đồng chí Đỗ Minh "
        "Thủy, Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh chủ trì buổi làm việc."),
    "tlc-2022-09-15-ubnd": ("Lào Cai", "2022-09-15",
        "Sáng 14/9, đồng chí Nguyễn Văn An, Phó Chủ tịch UBND tỉnh Lào Cai làm việc với UBND huyện Bát Xát. "
        "Cùng dự có đồng chí Nguyễn Văn Anh, Giám đốc Sở Tài chính tỉnh Lào Cai."),
    "tlc-2023-02-10-so-xay-dung": ("Lào Cai", "2023-02-10",
        "Chiều 9/2, đồng chí Nguyễn Văn Ân, Giám đốc Sở Xây dựng tỉnh Lào Cai làm việc với UBND huyện Bát Xát."),
    "thg-2024-04-02-ubnd": ("Hà Giang", "2024-04-02",
        "Sáng 1/4, đồng chí Nguyễn Văn Hùng, Phó Chủ tịch UBND tỉnh Hà Giang làm việc với UBND huyện Đồng Văn."),
    "tcm-2024-05-20-so-tai-chinh": ("Cà Mau", "2024-05-20",
        "Sáng 19/5, đồng chí Nguyễn Văn Hùng, Giám đốc Sở Tài chính tỉnh Cà Mau làm việc với UBND huyện Năm Căn."),
}

THUY = "https://w3id.org/kgvn/id/person/lao-cai/đỗ-minh-thủy"


@pytest.fixture(scope="module")
def resolved(tmp_path_factory: pytest.TempPathFactory) -> tuple[GraphStore, ResolutionReport]:
    directory = tmp_path_factory.mktemp("articles")
    for article_id, (province, published, text) in ARTICLES.items():
        front = (f'+++\nid = "{article_id}"\nsource = "Báo Thử"\npublished = "{published}"\n'
                 f'province = "{province}"\n+++\n')
        (directory / f"{article_id}.txt").write_text(front + text + "\n", encoding="utf-8")
    store = open_store(tmp_path_factory.mktemp("store") / "store")
    report = build_graph([directory], store)
    assert report.ok, report.failed
    return store, resolve_store(store)


def merges_by_entity(report: ResolutionReport) -> dict[str, tuple[str, tuple[str, ...]]]:
    short = len("https://w3id.org/kgvn/id/")
    return {merge.entity[short:]: (merge.rule, merge.article_ids) for merge in report.merges}


# -- keys: spelling variants of one name meet -----------------------------------------------------

@pytest.mark.parametrize(("first", "second"), [
    ("Đỗ Minh Thuỷ", "Đỗ Minh Thủy"),
    ("Lê Thị Hoà", "Lê Thị Hòa"),
    (unicodedata.normalize("NFD", "Đỗ Minh Thủy"), "Đỗ Minh Thủy"),
    ("  đỗ  MINH thủy ", "Đỗ Minh Thủy"),
])
def test_person_keys_meet_across_spellings(first: str, second: str) -> None:
    assert iris.person_iri(first, "Lào Cai") == iris.person_iri(second, "Lào Cai")


def test_type_word_abbreviations_meet_their_expansion() -> None:
    assert iris.organization_iri("Ủy ban nhân dân TP. Lào Cai") == iris.organization_iri(
        "Ủy ban nhân dân thành phố Lào Cai")
    assert iris.place_iri("road", "TP.Bắc Kạn - hồ Ba Bể", "Bắc Kạn") == iris.place_iri(
        "road", "thành phố Bắc Kạn - hồ Ba Bể", "Bắc Kạn")
    assert iris.post_iri("Ủy ban nhân dân TX. Sa Pa", "Chủ tịch") == iris.post_iri(
        "Ủy ban nhân dân thị xã Sa Pa", "Chủ tịch")


# -- merges ---------------------------------------------------------------------------------------

def test_one_person_in_two_articles_is_one_merge(resolved: tuple[GraphStore, ResolutionReport]) -> None:
    merges = merges_by_entity(resolved[1])
    assert merges["person/lao-cai/đỗ-minh-thủy"] == (
        "same-name-same-province", ("tlc-2020-05-12-hdnd", "tlc-2024-03-08-tinh-uy"))
    assert merges["org/hoi-dong-nhan-dan-tinh-lao-cai"][0] == "same-canonical-name"
    assert merges["place/lao-cai/district/bat-xat"][0] == "same-place-key"


def test_mentions_carry_the_name_and_evidence_of_each_article(
    resolved: tuple[GraphStore, ResolutionReport],
) -> None:
    [merge] = [merge for merge in resolved[1].merges if merge.entity == THUY]
    assert [mention.name for mention in merge.mentions] == ["Đỗ Minh Thủy", "Đỗ Minh Thủy"]
    for mention in merge.mentions:
        assert mention.evidence and all(f"/article/{mention.article_id}/evidence/" in ev for ev in mention.evidence)
    assert merge.mentions[1].offices == (
        "Chủ tịch Hội đồng nhân dân tỉnh Lào Cai (2024-03-07)",
        "Phó Bí thư Thường trực Tỉnh ủy Lào Cai (2024-03-07)",
    )


def test_same_name_in_two_provinces_stays_apart(resolved: tuple[GraphStore, ResolutionReport]) -> None:
    report = resolved[1]
    assert not [merge for merge in report.merges if merge.entity.endswith("/nguyễn-văn-hùng")]
    [miss] = [miss for miss in report.near_misses if miss.reason == "same-name-other-province"]
    assert [entity.split("/id/")[1] for entity in miss.entities] == [
        "person/ca-mau/nguyễn-văn-hùng", "person/ha-giang/nguyễn-văn-hùng"]
    assert "Giám đốc Sở Tài chính tỉnh Cà Mau (2024-05-19)" in miss.details[0]
    assert "Phó Chủ tịch Ủy ban nhân dân tỉnh Hà Giang (2024-04-01)" in miss.details[1]


def test_near_misses_in_one_province(resolved: tuple[GraphStore, ResolutionReport]) -> None:
    misses = {(miss.reason, miss.names) for miss in resolved[1].near_misses}
    assert ("one-syllable-apart", ("Nguyễn Văn An", "Nguyễn Văn Anh")) in misses
    # a person's key keeps diacritics: An and Ân are two persons, flagged for a human to check
    assert ("one-syllable-apart", ("Nguyễn Văn An", "Nguyễn Văn Ân")) in misses
    assert not [names for reason, names in misses if reason == "spelling-differs" and "Nguyễn Văn Ân" in names]
    assert not [names for reason, names in misses if reason == "spelling-differs" and "Đỗ Minh Thủy" in names]


def test_unexpanded_abbreviation_is_a_near_miss(tmp_path: Path) -> None:
    from rdflib import Graph, Literal, URIRef

    from kg.rdf.namespaces import KGO, SKOS

    store = OxigraphStore(tmp_path / "store")
    for article_id, name in (("a", "Ủy ban nhân dân tỉnh Lào Cai"), ("b", "UBND tỉnh Lào Cai")):
        graph = Graph()
        entity = iris.organization_iri(name)
        graph.add((entity, SKOS.prefLabel, Literal(name, lang="vi")))
        graph.add((entity, KGO.evidence, URIRef(f"{iris.in_article(article_id, 'evidence', '0-9')}")))
        store.replace_graph(str(iris.article_graph_iri(article_id)), graph)
    report = resolve_store(store)
    assert report.merges == ()
    assert [(miss.reason, miss.names) for miss in report.near_misses] == [
        ("unexpanded-abbreviation", ("UBND tỉnh Lào Cai", "Ủy ban nhân dân tỉnh Lào Cai"))]
    assert RESOLUTION_GRAPH not in store.graph_names()
    store.close()


# -- the resolution graph -------------------------------------------------------------------------

def test_merge_records_are_stored_valid_and_deterministic(resolved: tuple[GraphStore, ResolutionReport]) -> None:
    store, report = resolved
    stored = store.named_graph(RESOLUTION_GRAPH)
    assert len(stored) == len(resolution_graph(report)) > 0
    assert resolution_graph(report).serialize(format="nt") == resolution_graph(report).serialize(format="nt")
    assert resolve_store(store) == report
    result = store.query(
        "SELECT ?rule (COUNT(DISTINCT ?mention) AS ?mentions) WHERE { GRAPH <" + RESOLUTION_GRAPH + "> {"
        f" ?record kgo:mergedEntity <{THUY}> ; kgo:mergeRule ?concept ; kgo:mention ?mention }}"
        " ?concept skos:notation ?rule } GROUP BY ?rule"
    )
    assert isinstance(result, SelectResult)
    assert [(str(rule), str(count)) for rule, count in result.rows] == [("same-name-same-province", "2")]
    validation = validate_graph(stored + store.named_graph(str(iris.article_graph_iri("tlc-2020-05-12-hdnd")))
                                + store.named_graph(str(iris.article_graph_iri("tlc-2024-03-08-tinh-uy"))))
    assert not [r for r in validation.results if r.focus_node == "kgr:resolution/person/lao-cai/đỗ-minh-thủy"]


def test_stored_graph_is_the_resolution_graph(resolved: tuple[GraphStore, ResolutionReport]) -> None:
    from kg.resolve import resolution_ntriples

    store, report = resolved
    expected = sorted(resolution_graph(report).serialize(format="nt").strip().splitlines())
    assert resolution_ntriples(report).splitlines() == expected
    assert sorted(store.named_graph(RESOLUTION_GRAPH).serialize(format="nt").strip().splitlines()) == expected


class QueryOnly:
    """A store that answers queries and takes writes but refuses to hand out whole graphs."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.queries = 0

    def query(self, sparql: str) -> object:
        self.queries += 1
        return self.store.query(sparql)

    def replace_graphs(self, graphs: dict[str, str]) -> None:
        self.store.replace_graphs(graphs)

    def remove_graph(self, graph_iri: str) -> None:
        self.store.remove_graph(graph_iri)

    def __getattr__(self, name: str) -> object:
        raise AssertionError(f"resolution called store.{name}: it must ask the store by queries")


def test_resolution_asks_the_store_and_reads_no_graph_whole(
    resolved: tuple[GraphStore, ResolutionReport], monkeypatch: pytest.MonkeyPatch,
) -> None:
    import kg.resolve

    store, report = resolved
    spy = QueryOnly(store)
    assert resolve_store(spy) == report  # type: ignore[arg-type]
    few = spy.queries
    monkeypatch.setattr(kg.resolve, "VALUES_BATCH", 2)  # the mention details in many small queries
    assert resolve_store(spy) == report  # type: ignore[arg-type]
    assert spy.queries > few


def test_one_syllable_apart_finds_every_pair_in_order() -> None:
    import itertools

    from kg.resolve import _one_syllable_apart, _person_scope

    def one_edit(a: str, b: str) -> bool:
        shorter, longer = sorted((a, b), key=len)
        if len(longer) - len(shorter) > 1 or a == b:
            return False
        if len(a) == len(b):
            return sum(x != y for x, y in zip(a, b, strict=True)) == 1
        return any(longer[:i] + longer[i + 1:] == shorter for i in range(len(longer)))

    def one_letter_in_one_syllable(first: str, second: str) -> bool:
        syllables = (first.split("-"), second.split("-"))
        if len(syllables[0]) != len(syllables[1]):
            return False
        different = [(a, b) for a, b in zip(*syllables, strict=True) if a != b]
        return len(different) == 1 and one_edit(*different[0])

    names = ["an", "anh", "ân", "an-giang", "nguyễn-văn-an", "nguyễn-văn-anh", "nguyễn-văn-ân", "nguyễn-vân-an",
             "lê-an", "lê-anh-a", "nguyễn-văn-hùng"]
    scopes = ["", "an-giang/", "an-giang/x/", "lao-cai/", "ha-giang/"]
    persons = sorted(f"https://w3id.org/kgvn/id/person/{scope}{name}" for scope in scopes for name in names)
    by_province: dict[str, list[str]] = {}
    for entity in persons:
        by_province.setdefault(_person_scope(entity)[0], []).append(entity)
    every_pair = [  # the definition: every pair of one province, tried one by one
        (first, second) for entities in by_province.values() for first, second in itertools.combinations(entities, 2)
        if one_letter_in_one_syllable(_person_scope(first)[1], _person_scope(second)[1])
    ]
    assert len(every_pair) > 20
    assert list(_one_syllable_apart(persons)) == every_pair


def test_office_timeline_across_articles(resolved: tuple[GraphStore, ResolutionReport]) -> None:
    query = (QUERIES / "14-office-timeline.rq").read_text(encoding="utf-8").replace("Hoàng Duy Chinh", "Đỗ Minh Thủy")
    result = resolved[0].query(query)
    assert isinstance(result, SelectResult)
    assert [(str(row[0]), str(row[1])) for row in result.rows] == [
        ("2020-05-11", "Phó Chủ tịch Thường trực Hội đồng nhân dân tỉnh Lào Cai"),
        ("2024-03-07", "Chủ tịch Hội đồng nhân dân tỉnh Lào Cai"),
        ("2024-03-07", "Phó Bí thư Thường trực Tỉnh ủy Lào Cai"),
    ]


def test_cli_prints_merges_and_near_misses(resolved: tuple[GraphStore, ResolutionReport]) -> None:
    """Last in the module: it closes the shared store so that the command can open it."""
    store, _ = resolved
    assert isinstance(store, OxigraphStore)
    location = str(store.location)
    store.close()
    result = CliRunner().invoke(main, ["resolve", "--report", "--store", location])
    assert result.exit_code == 0, result.output
    assert "kgr:person/lao-cai/đỗ-minh-thủy" in result.output and "same-name-same-province" in result.output
    assert "same-name-other-province: Nguyễn Văn Hùng / Nguyễn Văn Hùng" in result.output
