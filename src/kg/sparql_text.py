"""Checks on the text of a SPARQL query before a store runs it.

pyoxigraph parses queries itself; these checks only look for what it offers no switch for:
federated queries (``SERVICE`` would make the server call any URL), queries nested so deep that
its parser overflows the stack, and a dataset the query declares itself (``FROM``), which must
win over kg's default of querying the union of all graphs.
"""

from __future__ import annotations

import re

from kg.errors import QueryError

MAX_NESTING = 200
"""Brackets and braces deeper than this are refused (the parser's stack overflows near 3,000)."""

# Literals, IRIs and comments: their content is not syntax, so the checks blank them out.
_NOT_SYNTAX = re.compile(
    r'"""[\s\S]*?"""'
    r"|'''[\s\S]*?'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\s]*>'
    r"|#[^\n]*"
)
_SERVICE = re.compile(r"\bSERVICE\b", re.IGNORECASE)
_FROM = re.compile(r"\bFROM\b", re.IGNORECASE)
_BRACKET = re.compile(r"[(){}\[\]]")


def syntax_only(query: str) -> str:
    """The query with literals, IRIs and comments blanked out."""
    return _NOT_SYNTAX.sub(" ", query)


def check_query(query: str) -> None:
    """Raise :class:`QueryError` for a federated query or one nested deeper than :data:`MAX_NESTING`."""
    syntax = syntax_only(query)
    if _SERVICE.search(syntax):
        raise QueryError("SERVICE (federated query) is disabled: kg answers from its own graph only")
    depth = deepest = 0
    for bracket in _BRACKET.findall(syntax):
        if bracket in "({[":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    if deepest > MAX_NESTING:
        raise QueryError(f"the query is nested {deepest} deep; at most {MAX_NESTING} is allowed")


def declares_dataset(query: str) -> bool:
    """Whether the query names its own dataset with ``FROM`` or ``FROM NAMED``."""
    return bool(_FROM.search(syntax_only(query)))
