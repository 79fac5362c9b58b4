"""The ``kg`` command: a thin layer over the library; each command is a few library calls."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from kg.config import load_settings
from kg.errors import KgError

F = TypeVar("F", bound=Callable[..., Any])
SETTINGS = load_settings()


def store_option(command: F) -> F:
    """The ``--store`` option every command shares."""
    return click.option(
        "--store",
        "store_location",
        default=SETTINGS.store,
        show_default=True,
        envvar="KG_STORE",
        help="Directory of the embedded Oxigraph store.",
    )(command)


class KgGroup(click.Group):
    """Turns library errors into one line on stderr and exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KgError as error:
            raise click.ClickException(str(error)) from error


@click.group(cls=KgGroup)
@click.version_option(package_name="kg")
def main() -> None:
    """kg: a knowledge graph of Vietnamese public-affairs news.

    Build the graph from article files, then query, validate and export it.
    """


@main.command()
@click.argument("articles", nargs=-1, type=click.Path(exists=True, path_type=Path))
@store_option
@click.option("--no-validate", is_flag=True, help="Store articles without SHACL validation.")
@click.option(
    "--jobs", type=click.IntRange(min=0), default=0, help="Worker processes [default: one per core]."
)
@click.option("--force", is_flag=True, help="Rebuild every article, even those unchanged since the last build.")
def build(articles: tuple[Path, ...], store_location: str, no_validate: bool, jobs: int, force: bool) -> None:
    """Build the graph from article files (default: every *.txt in data/articles).

    Each article is read, its facts extracted, mapped to RDF, validated and stored as
    its own named graph. A failing article is reported and skipped; the others are
    built. Exit code 1 when any article failed.

    Articles unchanged since they were built (same file content, same kg) are skipped;
    articles built earlier from a directory given here whose file is gone are removed.

    Reading, extraction, mapping and validation run in --jobs processes; the
    store is written in input order, so the graph does not depend on --jobs.

    Example: kg build data/articles --store .kg/store
    """
    from kg.build import build_graph, graph_counts
    from kg.reader import iter_article_paths
    from kg.store import open_store
    from kg.validate import format_report_table

    sources = list(articles) or [SETTINGS.articles_dir]
    paths = list(iter_article_paths(sources))
    store = open_store(store_location)
    try:
        with click.progressbar(length=len(paths), label="Building", file=sys.stderr) as bar:
            report = build_graph(
                sources, store, validate=not no_validate, jobs=jobs, force=force,
                max_article_bytes=SETTINGS.max_article_bytes, on_article=lambda _: bar.update(1),
            )
        counts = graph_counts(store)
    finally:
        store.close()
    for article in report.built:
        for warning in article.warnings:
            click.echo(f"warning: {article.path}: {warning}", err=True)
    for failure in report.failed:
        click.echo(f"error: {failure.message}", err=True)
        if failure.report is not None:
            click.echo(format_report_table(failure.report), err=True)  # type: ignore[arg-type]
    click.echo(
        f"{len(paths)} articles: {len(report.built)} built, {len(report.unchanged)} unchanged, "
        f"{len(report.removed)} removed, {len(report.failed)} failed in {report.seconds:.2f} s into {store_location}"
        + (f" ({warnings} warnings above)" if (warnings := sum(len(a.warnings) for a in report.built)) else "")
    )
    click.echo("  ".join(f"{name}: {count}" for name, count in counts.items()))
    if report.failed:
        sys.exit(1)


@main.command()
@click.argument("file", type=click.Path(exists=True, allow_dash=True, path_type=Path))
@click.option("--date", "published", help="Publication date (YYYY-MM-DD), overriding the file's metadata.")
@click.option("--source", help="Newspaper name, overriding the file's metadata.")
@click.option("--json", "as_json", is_flag=True, help="Print the facts as JSON (see docs/extract-json.md).")
def extract(file: Path, published: str | None, source: str | None, as_json: bool) -> None:
    """Extract the facts of one article, with their character spans; '-' reads stdin.

    Example: kg extract data/articles/bbk-2024-06-13-pac-nam.txt --json
    """
    from kg.extract import extract_facts
    from kg.facts_json import facts_to_json
    from kg.reader import parse_article, read_article

    if str(file) == "-":
        article = parse_article(sys.stdin.read(), id="stdin", published=published, source=source)
    else:
        article = read_article(file, max_bytes=SETTINGS.max_article_bytes, published=published, source=source)
    facts_json = facts_to_json(extract_facts(article))
    if as_json:
        click.echo(json.dumps(facts_json, ensure_ascii=False, indent=2))
        return
    for kind, facts in facts_json.items():
        if kind == "article" or not facts:
            continue
        click.echo(f"{kind} ({len(facts)}):")
        for fact in facts:
            click.echo(f"  {_summary(kind, fact)}")


def _summary(kind: str, fact: dict[str, Any]) -> str:
    if kind == "persons":
        offices = "; ".join(f"{o['role']} — {o['organization']}" for o in fact["offices"])
        return f"{fact['name']}: {offices}"
    if kind == "warnings":
        return str(fact)
    fields = {k: v for k, v in fact.items() if k != "spans" and v not in (None, [], ())}
    return ", ".join(f"{key}={value}" for key, value in fields.items())


@main.command()
@store_option
@click.option(
    "--data", "data_file", type=click.Path(exists=True, path_type=Path),
    help="Validate this RDF file instead of the store.",
)
@click.option(
    "--engine", type=click.Choice(["fast", "pyshacl"]), default="fast", show_default=True,
    help="pyshacl is the reference; fast gives the same report (tested) in a fraction of the time.",
)
def validate(store_location: str, data_file: Path | None, engine: str) -> None:
    """Check the graph against the SHACL shapes and print a table of what fails.

    Exit code 1 when the graph does not conform.

    Example: kg validate --store .kg/store
    """
    from rdflib import Dataset, Graph

    from kg.store import open_store
    from kg.validate import ValidationReport, format_report_table, validate_graph, validate_triples

    report: ValidationReport
    if data_file:
        data: Graph = Dataset() if data_file.suffix in {".trig", ".nq"} else Graph()
        data.parse(data_file)
        report = validate_graph(data, engine=engine)  # type: ignore[arg-type]
    else:
        store = open_store(store_location, read_only=True)
        if engine == "fast":
            report = validate_triples(list(store.data_triples()))
        else:
            report = validate_graph(store.data_graph(), engine="pyshacl")
        store.close()
    click.echo(format_report_table(report))
    if not report.conforms:
        sys.exit(1)


@main.command()
@click.argument("query_file", required=False, type=click.File(encoding="utf-8"))
@click.option("-e", "--execute", "sparql", help="The SPARQL query text.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table", show_default=True)
@store_option
def query(query_file: Any, sparql: str | None, fmt: str, store_location: str) -> None:
    """Run a SPARQL query (a .rq file, '-' for stdin, or -e TEXT) over the graph.

    Prefixes kgo:, kgr:, org:, schema:, prov:, oa:, time:, skos: ... are predeclared.

    Example: kg query queries/01-meeting-chairs.rq --format csv
    """
    from kg.results import format_result
    from kg.store import open_store

    if (query_file is None) == (sparql is None):
        raise click.UsageError("give either a query file or -e 'SPARQL'")
    text = sparql if sparql is not None else query_file.read()
    store = open_store(store_location, read_only=True)
    try:
        click.echo(format_result(store.query(text), fmt), nl=fmt == "table")
    finally:
        store.close()


@main.command()
@click.option(
    "--format", "fmt", type=click.Choice(["turtle", "trig", "nquads", "ntriples", "jsonld", "rdfxml"]),
    default="turtle", show_default=True,
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: stdout)."
)
@click.option("--with-ontology", is_flag=True, help="Include the ontology's named graph.")
@store_option
def export(fmt: str, output: Path | None, with_ontology: bool, store_location: str) -> None:
    """Export the graph as RDF; sorted, so the same graph gives the same bytes.

    Quad formats (trig, nquads, jsonld) keep one named graph per article; triple
    formats merge them.

    Example: kg export --format turtle -o out/graph.ttl
    """
    from kg.store import open_store

    store = open_store(store_location, read_only=True)
    try:
        data = store.export(fmt, include_ontology=with_ontology)
    finally:
        store.close()
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(data)
        click.echo(f"Wrote {len(data)} bytes to {output}", err=True)
    else:
        sys.stdout.buffer.write(data)


@main.command()
@store_option
@click.option(
    "-o", "--output-dir", type=click.Path(file_okay=False, path_type=Path), default=SETTINGS.out_dir,
    show_default=True, help="Directory to write graph.graphml and graph.svg into.",
)
@click.option("--around", metavar="IRI", help="Only entities near this one (an IRI or a kgr: CURIE).")
@click.option(
    "--hops", type=click.IntRange(min=0), default=1, show_default=True,
    help="How far from --around to go, following edges either way.",
)
@click.option(
    "--kind", "kinds", multiple=True, metavar="KIND",
    help="Only entities of this kind (person, organization, place, meeting ...); repeatable.",
)
@click.option("--article", metavar="ID", help="Only entities derived from this article (its id or IRI).")
def viz(
    store_location: str, output_dir: Path, around: str | None, hops: int, kinds: tuple[str, ...],
    article: str | None,
) -> None:
    """Draw the graph: write DIR/graph.graphml (for Gephi, Cytoscape), DIR/graph.svg and DIR/graph.html.

    Entities are nodes coloured by kind, their relations edges; each membership is one
    edge person → organization labelled with the role and dated. Evidence and dates as
    nodes are left out.
    graph.html is interactive and opens offline; it inlines cytoscape.js, which
    `npm ci` installs.

    Example: kg viz --around kgr:person/bac-kan/hoàng-duy-chinh --hops 2 -o out
    """
    from kg.store import open_store
    from kg.visualize import subgraph, to_networkx, write_graphml, write_picture
    from kg.viz_html import write_html

    store = open_store(store_location, read_only=True)
    try:
        data = store.data_graph()
    finally:
        store.close()
    selected = subgraph(
        to_networkx(data), around=around, hops=hops, kinds=set(kinds) or None, article=article
    )
    write_graphml(selected, output_dir / "graph.graphml")
    write_picture(selected, output_dir / "graph.svg")
    write_html(selected, output_dir / "graph.html")  # last: it fails when cytoscape.js is not installed
    click.echo(
        f"Wrote {output_dir / 'graph.graphml'}, {output_dir / 'graph.svg'} and {output_dir / 'graph.html'}: "
        f"{selected.number_of_nodes()} nodes, {selected.number_of_edges()} edges"
    )


@main.command(name="eval")
@click.argument("corpus_dirs", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--worst", default=10, show_default=True, help="How many misses and spurious facts to list.")
def evaluate(corpus_dirs: tuple[Path, ...], worst: int) -> None:
    """Score extraction against gold files: precision, recall, F1 per kind of fact.

    Each directory holds articles <id>.txt beside gold files <id>.expected.json
    (see tests/corpus/README.md); each is scored on its own.

    Example: kg eval tests/corpus/dev tests/corpus/test
    """
    from kg.evaluate import evaluate_corpus, format_evaluation

    for corpus_dir in corpus_dirs:
        click.echo(f"== {corpus_dir}")
        click.echo(format_evaluation(evaluate_corpus(corpus_dir), worst=worst))


@main.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", type=int, default=8000, show_default=True, help="Port to listen on.")
@click.option(
    "--timeout", type=click.FloatRange(min=0, min_open=True), default=5.0, show_default=True,
    help="Seconds a query may run before it is stopped (answered 503).",
)
@click.option(
    "--max-results", type=click.IntRange(min=1), default=10_000, show_default=True,
    help="Rows or triples an answer may hold; more are cut off, flagged in a header.",
)
@click.option(
    "--workers", type=click.IntRange(min=1), default=2, show_default=True,
    help="Query worker processes: how many queries run at once.",
)
@click.option("--allow-update", is_flag=True, help="Accept SPARQL Update from clients showing --token.")
@click.option("--token", envvar="KG_TOKEN", help="Bearer token that updates must show (or KG_TOKEN).")
@click.option("--access-log", is_flag=True, help="Log every request (off by default: it costs ~0.1 ms a request).")
def serve(
    store_location: str, host: str, port: int, timeout: float, max_results: int, workers: int,
    allow_update: bool, token: str | None, access_log: bool,
) -> None:
    """Serve the graph over HTTP: SPARQL endpoint, Linked Data pages, ontology.

    /sparql is a SPARQL 1.1 Protocol endpoint (read-only unless --allow-update),
    /store the Graph Store Protocol for reading, /id/... every minted IRI as a
    page or as RDF, /ontology the ontology's documentation.

    Example: kg serve --store .kg/store --port 8000
    """
    import uvicorn

    from kg.serve.app import ServeSettings, create_app

    settings = ServeSettings(
        timeout=timeout, max_results=max_results, workers=workers, allow_update=allow_update, token=token or ""
    )
    app = create_app(store_location, settings)
    click.echo(f"Serving {store_location} at http://{host}:{port}/ (SPARQL at /sparql); Ctrl-C stops", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info", access_log=access_log)


@main.command()
@store_option
@click.option(
    "--top", type=click.IntRange(min=1), default=10, show_default=True,
    help="How many persons, organizations and communities to list.",
)
def stats(store_location: str, top: int) -> None:
    """Who matters most: persons and organizations by degree and betweenness
    centrality, and the communities (Louvain) the graph falls into.

    Computed over the facts with evidence, edges taken either way.

    Example: kg stats --top 5
    """
    from kg.analysis import centrality, communities, format_stats
    from kg.visualize import to_networkx

    nx_graph = to_networkx(_data_graph(store_location))
    click.echo(format_stats(centrality(nx_graph), communities(nx_graph), top=top))


@main.command()
@click.argument("source")
@click.argument("target")
@store_option
def path(source: str, target: str, store_location: str) -> None:
    """The shortest chain of facts linking two entities (IRIs or kgr: CURIEs),
    each hop with its relation, its direction and the quote of its evidence.

    Exit code 1 when an entity is unknown or no chain links them.

    Example: kg path kgr:person/bac-kan/hoàng-duy-chinh kgr:place/bac-kan/commune/boc-bo
    """
    from kg.analysis import format_path, shortest_fact_path
    from kg.visualize import to_networkx

    data = _data_graph(store_location)
    click.echo(format_path(shortest_fact_path(data, to_networkx(data), source, target)))


def _data_graph(store_location: str) -> Any:
    """The store's data graph as an rdflib graph; the store is closed again at once."""
    from kg.store import open_store

    store = open_store(store_location, read_only=True)
    try:
        return store.data_graph()
    finally:
        store.close()


@main.command()
@store_option
@click.option("--report", "show_report", is_flag=True, help="Print the merges and the near-misses as tables.")
def resolve(store_location: str, show_report: bool) -> None:
    """Record which mentions across articles are one entity, and list near-misses to check.

    Rewrites the named graph kgr:resolution: one kgo:MergeRecord per person,
    organization or place that occurs in several articles (its mentions and the rule).
    Near-misses are kept apart or merged on a key a human should confirm: same name in
    two provinces, names one letter apart, spellings that differ, unexpanded abbreviations.

    Example: kg resolve --report --store .kg/store
    """
    from kg.resolve import format_resolution_report, resolve_store
    from kg.store import open_store

    store = open_store(store_location)
    try:
        report = resolve_store(store)
    finally:
        store.close()
    if show_report:
        click.echo(format_resolution_report(report))
    else:
        click.echo(f"{len(report.merges)} merges recorded; {len(report.near_misses)} near-misses (see --report)")


@main.command()
@click.argument("count", type=click.IntRange(min=1))
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--seed", type=int, default=0, show_default=True, help="The same seed writes the same files.")
def synth(count: int, out_dir: Path, seed: int) -> None:
    """Write COUNT synthetic articles in the genre into OUT_DIR, for load tests.

    Provinces, roles and organizations come from the gazetteers; persons, districts
    and communes are invented. Keep the output out of the repository.

    Example: kg synth 1000 /tmp/kg-corpus --seed 7
    """
    from kg.synth import write_corpus

    paths = write_corpus(count, out_dir, seed=seed)
    click.echo(f"Wrote {len(paths)} articles to {out_dir}")
