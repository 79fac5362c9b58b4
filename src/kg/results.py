"""Write query results as a table, CSV, TSV or SPARQL 1.1 JSON.

CSV and TSV follow the SPARQL 1.1 Query Results CSV and TSV formats: CSV holds plain
values, TSV holds terms in Turtle syntax.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from kg.rdf.namespaces import PREFIXES
from kg.store import AskResult, GraphResult, QueryResult, SelectResult

RESULT_FORMATS = ("table", "csv", "tsv", "json")


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """``result`` as text in ``fmt``, one of :data:`RESULT_FORMATS` (graphs are written as Turtle)."""
    if isinstance(result, GraphResult):
        return result.graph.serialize(format="turtle")
    if isinstance(result, AskResult):
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result.value})
        return "true" if result.value else "false"
    writer = {"table": format_table, "csv": format_csv, "tsv": format_tsv, "json": format_json}[fmt]
    return writer(result)


def format_table(result: SelectResult) -> str:
    """A fixed-width text table with IRIs shortened to prefixed names."""
    header = list(result.variables)
    rows = [[display(term) for term in row] for row in result.rows]
    widths = [max([len(name), *(len(row[i]) for row in rows)]) for i, name in enumerate(header)]
    lines = [
        "  ".join(name.ljust(width) for name, width in zip(header, widths, strict=True)),
        "  ".join("-" * width for width in widths),
        *("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in rows),
    ]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(line.rstrip() for line in lines)


def format_csv(result: SelectResult) -> str:
    """SPARQL 1.1 CSV: plain lexical values."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(result.variables)
    writer.writerows([["" if term is None else str(term) for term in row] for row in result.rows])
    return out.getvalue()


def format_tsv(result: SelectResult) -> str:
    """SPARQL 1.1 TSV: terms in Turtle syntax."""
    lines = ["\t".join(f"?{name}" for name in result.variables)]
    lines += ["\t".join("" if term is None else term.n3() for term in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def format_json(result: SelectResult) -> str:
    """SPARQL 1.1 Query Results JSON."""
    bindings = [
        {name: _json_term(term) for name, term in zip(result.variables, row, strict=True) if term is not None}
        for row in result.rows
    ]
    return json.dumps({"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}, ensure_ascii=False)


def display(term: Identifier | None) -> str:
    """A term for people: prefixed name for IRIs, the lexical form (and language) for literals."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        for prefix, namespace in PREFIXES.items():
            if term.startswith(namespace):
                return f"{prefix}:{term[len(namespace):]}"
        return f"<{term}>"
    if isinstance(term, Literal):
        return " ".join(str(term).split())
    return term.n3()


def _json_term(term: Identifier) -> dict[str, Any]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    value: dict[str, Any] = {"type": "literal", "value": str(term)}
    if term.language:
        value["xml:lang"] = term.language
    elif term.datatype and term.datatype != XSD.string:
        value["datatype"] = str(term.datatype)
    return value
