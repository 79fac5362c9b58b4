"""The kg command end to end, as a user runs it."""

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "data" / "articles" / "bbk-2024-06-13-pac-nam.txt"


@pytest.fixture(scope="module")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    store = str(tmp_path_factory.mktemp("cli") / "store")
    result = CliRunner().invoke(main, ["build", str(SEED.parent), "--store", store])
    assert result.exit_code == 0, result.output
    return store


def test_every_command_has_help_with_an_example_and_is_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name, command in main.commands.items():
        assert command.help and "Example: kg " in command.help, name
        assert re.search(rf"`kg {name}\b", readme), f"kg {name} is not documented in README.md"


def test_build_prints_a_summary(built_store: str) -> None:
    result = CliRunner().invoke(main, ["build", str(SEED), "--store", built_store])
    assert result.exit_code == 0
    assert "1 articles: 0 built, 1 unchanged, 0 removed, 0 failed" in result.output
    assert "persons: 3" in result.output and "proposals: 3" in result.output


def test_build_exits_1_and_names_the_broken_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.txt"
    broken.write_text('+++\nid = "b"\npublished = "2024"\n+++\nText.', encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(SEED), str(broken), "--store", str(tmp_path / "store")])
    assert result.exit_code == 1
    assert f"error: {broken}: front matter needs 'source'" in result.output
    assert "2 articles: 1 built, 0 unchanged, 0 removed, 1 failed" in result.output


def test_query_as_csv(built_store: str) -> None:
    result = CliRunner().invoke(
        main, ["query", "-e", "SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name } ORDER BY ?name",
               "--format", "csv", "--store", built_store],
    )
    assert result.exit_code == 0
    assert list(csv.reader(io.StringIO(result.output))) == [
        ["name"], ["Hoàng Duy Chinh"], ["Nguyễn Đăng Bình"], ["Phương Thị Thanh"],
    ]


def test_query_file_as_table(built_store: str) -> None:
    result = CliRunner().invoke(main, ["query", str(REPO / "queries" / "01-meeting-chairs.rq"), "--store", built_store])
    assert result.exit_code == 0
    assert result.output.rstrip().endswith("(3 rows)")


def test_malformed_query_is_one_line_and_exit_1(built_store: str) -> None:
    result = CliRunner().invoke(main, ["query", "-e", "SELECT WHERE {", "--store", built_store])
    assert result.exit_code == 1
    assert result.output.startswith("Error: malformed SPARQL")
    assert "Traceback" not in result.output


def test_query_without_a_store_says_to_build(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["query", "-e", "ASK {}", "--store", str(tmp_path / "none")])
    assert result.exit_code == 1 and "run 'kg build' first" in result.output


def test_validate_the_built_store(built_store: str) -> None:
    result = CliRunner().invoke(main, ["validate", "--store", built_store])
    assert result.exit_code == 0
    assert result.output.startswith("Conforms: yes")


@pytest.mark.parametrize("engine", ["fast", "pyshacl"])
def test_validate_a_broken_file_prints_the_table_and_exits_1(tmp_path: Path, engine: str) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text(
        "@prefix schema: <https://schema.org/> .\n<https://w3id.org/kgvn/id/person/x> a schema:Person .\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["validate", "--data", str(broken), "--engine", engine])
    assert result.exit_code == 1
    assert "Conforms: no" in result.output
    assert "kgr:person/x" in result.output and "schema:name" in result.output


@pytest.mark.parametrize("fmt", ["turtle", "trig", "nquads", "ntriples", "jsonld", "rdfxml"])
def test_export_is_deterministic(built_store: str, tmp_path: Path, fmt: str) -> None:
    outputs = []
    for n in (1, 2):
        path = tmp_path / f"graph{n}"
        result = CliRunner().invoke(main, ["export", "--format", fmt, "-o", str(path), "--store", built_store])
        assert result.exit_code == 0
        outputs.append(path.read_bytes())
    assert outputs[0] == outputs[1] and len(outputs[0]) > 10_000


def test_extract_json_follows_the_documented_shape() -> None:
    result = CliRunner().invoke(main, ["extract", str(SEED), "--json"])
    assert result.exit_code == 0
    facts = json.loads(result.output)
    assert set(facts) == {"article", "persons", "organizations", "places", "meetings", "proposals", "indicators",
                          "documents", "warnings"}
    assert facts["article"] == {"id": "bbk-2024-06-13-pac-nam", "date": "2024-06", "source": "Báo Bắc Kạn",
                                "url": None, "province": "Bắc Kạn"}
    text = SEED.read_text(encoding="utf-8").split("BBK - ", 1)[1].strip()
    for person in facts["persons"]:
        assert person["name"] in [text[start:end] for start, end in person["spans"]]
    assert {p["amount_qualifier"] for p in facts["proposals"] if p["amount_vnd"]} == {"more_than"}


def test_extract_reads_stdin_with_metadata_options() -> None:
    text = "Chiều 5-3-2024, Ban Thường vụ Tỉnh ủy Cao Bằng làm việc với Huyện ủy Hà Quảng."
    result = CliRunner().invoke(main, ["extract", "-", "--json", "--source", "Báo Cao Bằng", "--date", "2024-03-06"],
                                input=text)
    assert result.exit_code == 0, result.output
    facts = json.loads(result.output)
    assert facts["article"]["date"] == "2024-03-06"
    assert facts["meetings"][0]["date"] == "2024-03-05"


def test_extract_a_file_with_metadata_overrides() -> None:
    result = CliRunner().invoke(main, ["extract", str(SEED), "--json", "--date", "2024-06-13", "--source", "Báo X"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["article"]["date"] == "2024-06-13"
    assert json.loads(result.output)["article"]["source"] == "Báo X"
