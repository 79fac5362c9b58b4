"""The query page: ``/query`` is a SPARQL editor with the competency queries one click away.

The page's script (``static/query.js``) sends the query to ``/sparql`` and shows the answer as a table
whose IRIs link to their Linked Data pages; the answer can be downloaded as CSV or JSON from
``/sparql``. Without a script the form posts to ``/sparql`` itself.

``/query?example=NAME`` opens the editor on ``queries/NAME.rq``, ``/query?query=SPARQL`` on any query.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response

from kg.rdf.namespaces import PREFIXES

QUERIES_ENV = "KG_QUERIES"
DEFAULT_QUERY = """SELECT ?person ?name WHERE {
  ?person a schema:Person ;
          schema:name ?name .
}
ORDER BY ?name"""


@dataclass(frozen=True)
class Example:
    """A competency query: its file's stem, the question of its first line, and the query."""

    name: str
    question: str
    query: str


def queries_dir() -> Path:
    """Where the competency queries are: ``$KG_QUERIES``, else the checkout's ``queries/``."""
    override = os.environ.get(QUERIES_ENV)
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[3] / "queries"


def examples(directory: Path) -> tuple[Example, ...]:
    """The ``*.rq`` files of ``directory``, sorted by name; their first line ``# question?`` is the question."""
    found = []
    for path in sorted(directory.glob("*.rq")):
        query = path.read_text(encoding="utf-8")
        first_line = query.partition("\n")[0]
        question = first_line.removeprefix("#").strip() if first_line.startswith("#") else path.stem
        found.append(Example(path.stem, question, query))
    return tuple(found)


async def query_page(request: Request) -> Response:
    """``/query[?example=NAME | ?query=SPARQL]``: the editor, the competency queries, the answer's place."""
    known = examples(queries_dir())
    chosen = request.query_params.get("example")
    by_name = {example.name: example for example in known}
    query = request.query_params.get("query") or (by_name[chosen].query if chosen in by_name else DEFAULT_QUERY)
    context = {
        "examples": known,
        "query": query,
        "chosen": chosen if chosen in by_name else None,
        "prefixes": sorted(PREFIXES.items(), key=lambda item: -len(item[1])),
    }
    return request.app.state.templates.TemplateResponse(request, "query.html", context)
