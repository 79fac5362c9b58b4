import csv
import io
import json

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg.results import format_result
from kg.store import AskResult, SelectResult

RESULT = SelectResult(
    ("person", "name", "share"),
    (
        (URIRef("https://w3id.org/kgvn/id/person/bac-kan/hoang-duy-chinh"), Literal("Hoàng Duy Chinh", lang="vi"),
         Literal("71.4", datatype=XSD.decimal)),
        (URIRef("https://example.org/x"), Literal("A, \"B\""), None),
    ),
)


def test_table_shortens_iris_and_counts_rows() -> None:
    table = format_result(RESULT, "table")
    assert "kgr:person/bac-kan/hoang-duy-chinh" in table
    assert "Hoàng Duy Chinh" in table and "<https://example.org/x>" in table
    assert table.splitlines()[-1] == "(2 rows)"


def test_csv_is_readable_by_a_csv_reader() -> None:
    rows = list(csv.reader(io.StringIO(format_result(RESULT, "csv"))))
    assert rows == [
        ["person", "name", "share"],
        ["https://w3id.org/kgvn/id/person/bac-kan/hoang-duy-chinh", "Hoàng Duy Chinh", "71.4"],
        ["https://example.org/x", 'A, "B"', ""],
    ]


def test_tsv_writes_terms_in_turtle_syntax() -> None:
    lines = format_result(RESULT, "tsv").splitlines()
    assert lines[0] == "?person\t?name\t?share"
    assert lines[1].split("\t")[1] == '"Hoàng Duy Chinh"@vi'
    assert lines[1].split("\t")[2] == f'"71.4"^^<{XSD.decimal}>'


def test_json_follows_sparql_results_json() -> None:
    document = json.loads(format_result(RESULT, "json"))
    assert document["head"]["vars"] == ["person", "name", "share"]
    first, second = document["results"]["bindings"]
    assert first["name"] == {"type": "literal", "value": "Hoàng Duy Chinh", "xml:lang": "vi"}
    assert first["share"]["datatype"] == str(XSD.decimal)
    assert "share" not in second


def test_ask_result() -> None:
    assert format_result(AskResult(True), "table") == "true"
    assert json.loads(format_result(AskResult(False), "json")) == {"head": {}, "boolean": False}
