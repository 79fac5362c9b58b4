"""The RDF term for each value the facts model enumerates, read from the gazetteer files.

``gazetteers/rdf_terms.tsv`` maps place types, meeting kinds, units ... to classes and
concepts; ``gazetteers/organization_kinds.tsv`` maps organization kinds to classes.
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources

from rdflib import URIRef

from kg.errors import MappingError
from kg.rdf.namespaces import PREFIXES


def expand_curie(curie: str) -> URIRef:
    """``"kgo:Province"`` → the full IRI."""
    prefix, _, local = curie.partition(":")
    return URIRef(PREFIXES[prefix] + local)


@cache
def _term_rows() -> dict[tuple[str, str], tuple[URIRef, str]]:
    rows_by_value: dict[tuple[str, str], tuple[URIRef, str]] = {}
    gazetteers = resources.files("kg.gazetteers")
    with (gazetteers / "rdf_terms.tsv").open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows, delimiter="\t"):
            rows_by_value[(row["field"], row["value"])] = (expand_curie(row["term"]), row["label_vi"])
    with (gazetteers / "organization_kinds.tsv").open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows, delimiter="\t"):
            rows_by_value[("organization_kind", row["kind"])] = (expand_curie(row["class"]), "")
    return rows_by_value


def _row(field: str, value: str) -> tuple[URIRef, str]:
    rows = _term_rows()
    row = rows.get((field, value)) or rows.get((field, "other"))
    if row is None:
        raise MappingError(f"no RDF term for {field} {value!r}: add it to gazetteers/rdf_terms.tsv")
    return row


def term_for(field: str, value: str) -> URIRef:
    """The class or concept for ``value`` of ``field`` (``term_for("unit", "percent")``)."""
    return _row(field, value)[0]


def label_word(field: str, value: str) -> str:
    """The Vietnamese word that names ``value`` in labels (``label_word("place_type", "commune")`` → ``"xã"``)."""
    return _row(field, value)[1]
