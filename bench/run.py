"""Benchmarks of kg: print figures, each beside a baseline measured in the same run.

    .venv/bin/python bench/run.py --sizes 1000,10000

Figures, not assertions: the machine, its load and its disk decide them. Generated corpora and
stores go to a scratch directory (``--workdir``, default a temporary one), never into the repository.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg.build import _article_outcomes, _build_chunk, default_jobs
from kg.config import MAX_ARTICLE_BYTES
from kg.rdf.iris import article_graph_iri
from kg.rdf.namespaces import PREFIXES
from kg.resolve import resolve_store
from kg.store import OxigraphStore, open_store
from kg.synth import write_corpus
from kg.validate import load_ontology, load_shapes, validate_graph, validate_triples

REPO = Path(__file__).resolve().parents[1]
KG = str(Path(sys.executable).parent / "kg")


def timed(work: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def row(name: str, value: str, ratio: str = "") -> None:
    print(f"  {name:<58} {value:>18}  {ratio}")


def bench_extraction(paths: list[Path], jobs: int) -> None:
    print(f"extraction + mapping (+ N-Triples) of {len(paths)} articles, no validation")
    one, _ = timed(lambda: _build_chunk(paths, False, MAX_ARTICLE_BYTES))
    many, _ = timed(lambda: list(_article_outcomes(paths, False, jobs, 32, MAX_ARTICLE_BYTES)))
    row("1 core (baseline)", f"{len(paths) / one:.0f} articles/s")
    row(f"{jobs} processes", f"{len(paths) / many:.0f} articles/s", f"x{one / many:.2f}")


def bench_validation(paths: list[Path]) -> None:
    outcomes = _build_chunk(paths, False, MAX_ARTICLE_BYTES)
    graphs = [Graph().parse(data=o.ntriples, format="nt") for o in outcomes]
    shapes, ontology = load_shapes(), load_ontology()
    print(f"SHACL of {len(graphs)} article graphs")
    validate_graph(graphs[0], shapes=shapes, ontology=ontology, engine="fast")  # compile the shapes once
    each, reports = timed(lambda: [validate_graph(g, shapes=shapes, ontology=ontology) for g in graphs])
    fast, fast_reports = timed(lambda: [validate_graph(g, shapes=shapes, ontology=ontology, engine="fast")
                                        for g in graphs])
    union = Graph()
    for graph in graphs:
        union += graph
    batched, batch_report = timed(lambda: validate_graph(union, shapes=shapes, ontology=ontology, engine="fast"))
    row("pyshacl per article (baseline, the reference)", f"{1000 * each / len(graphs):.1f} ms/article")
    row("fast engine per article", f"{1000 * fast / len(graphs):.1f} ms/article", f"x{each / fast:.1f}")
    row("fast engine reports equal pyshacl's", str(fast_reports == reports))
    row("fast engine, one union graph", f"{1000 * batched / len(graphs):.1f} ms/article", f"x{each / batched:.1f}")
    per_article = sorted(r for report in reports for r in report.results)  # type: ignore[attr-defined]
    row("union report equals the per-article reports", str(sorted(batch_report.results) == per_article))  # type: ignore[attr-defined]


def bench_store_loading(paths: list[Path], workdir: Path) -> None:
    outcomes = _build_chunk(paths, False, MAX_ARTICLE_BYTES)
    graphs = {str(article_graph_iri(o.article_id)): o.ntriples for o in outcomes}
    triples = sum(o.triples for o in outcomes)
    print(f"store loading of {len(graphs)} article graphs ({triples} triples), on disk")
    items = list(graphs.items())

    def batches(size: int) -> list[dict[str, str]]:
        return [dict(items[start:start + size]) for start in range(0, len(items), size)]

    def sparql_update(store: OxigraphStore, batch: dict[str, str]) -> None:
        drops = "".join(f"DROP SILENT GRAPH <{iri}> ;\n" for iri in batch)
        inserts = "".join(f"GRAPH <{iri}> {{\n{nt}}}\n" for iri, nt in batch.items())
        store._store.update(f"{drops}INSERT DATA {{\n{inserts}}}")

    def update_per_article(store: OxigraphStore) -> None:
        for iri, ntriples in items:
            sparql_update(store, {iri: ntriples})

    def update_batched(store: OxigraphStore) -> None:
        for batch in batches(64):
            sparql_update(store, batch)

    def replace_graphs(store: OxigraphStore) -> None:
        for batch in batches(OxigraphStore.write_batch):
            store.replace_graphs(batch)

    def bulk_load(store: OxigraphStore) -> None:
        nquads = "".join(nt.replace(" .\n", f" <{iri}> .\n") for iri, nt in items)
        store._store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)

    def nothing(store: OxigraphStore) -> None:
        pass

    baseline = 0.0
    for number, (name, prepare, load) in enumerate((
        ("SPARQL update per article (baseline)", nothing, update_per_article),
        ("SPARQL update per 64 articles", nothing, update_batched),
        ("kg build, new graphs: N-Quads load per article", nothing, replace_graphs),
        ("kg build, held graphs: SPARQL update per article", replace_graphs, replace_graphs),
        ("bulk_load, not atomic (floor)", nothing, bulk_load),
    )):
        location = workdir / f"store-loading-{number}"
        shutil.rmtree(location, ignore_errors=True)
        store = OxigraphStore(location)
        prepare(store)
        seconds, _ = timed(lambda load=load, store=store: load(store))  # type: ignore[misc]
        store.close()
        baseline = baseline or seconds
        row(name, f"{triples / seconds:,.0f} triples/s", f"x{baseline / seconds:.2f}")
        if name.startswith("kg build, new"):
            row("  so kg build can store at most, on one core", f"{len(items) / seconds:.0f} articles/s",
                f"{triples / len(items):.0f} triples per article")


def bench_build(corpus: Path, store: Path, jobs: int, validate: bool) -> tuple[float, int, float]:
    """Seconds, triples stored and peak RSS in MB (of the build's main process) of one ``kg build``."""
    shutil.rmtree(store, ignore_errors=True)
    command = [KG, "build", str(corpus), "--store", str(store), "--jobs", str(jobs)]
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as output:
        build = subprocess.Popen(command + ([] if validate else ["--no-validate"]), stdout=output,
                                 stderr=subprocess.DEVNULL, text=True)
        _, status, usage = os.wait4(build.pid, 0)
        seconds = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"{' '.join(command)} failed")
        output.seek(0)
        triples = int(output.read().rsplit("triples: ", 1)[1].split()[0])
    return seconds, triples, usage.ru_maxrss / 1024


def bench_queries(store_location: Path, repeats: int = 3) -> None:
    print(f"query latency, {store_location.name}: kg library path vs pyoxigraph directly (floor)")
    store = open_store(store_location, read_only=True)
    raw = ox.Store.read_only(str(store_location))
    for query_file in sorted((REPO / "queries").glob("*.rq")):
        text = query_file.read_text(encoding="utf-8")
        kg_seconds = min(timed(lambda text=text: store.query(text))[0] for _ in range(repeats))  # type: ignore[misc]
        floor = min(
            timed(lambda text=text: list(raw.query(text, use_default_graph_as_union=True, prefixes=PREFIXES)))[0]  # type: ignore[misc,arg-type]
            for _ in range(repeats)
        )
        row(query_file.name, f"{1000 * kg_seconds:.1f} ms", f"floor {1000 * floor:.1f} ms, x{kg_seconds / floor:.2f}")
    store.close()


def bench_resolution(store_location: Path) -> None:
    store = open_store(store_location)
    seconds, report = timed(lambda: resolve_store(store))
    store.close()
    row(f"entity resolution (resolve_store), {store_location.name}", f"{seconds:.1f} s",
        f"{len(report.merges)} merges, {len(report.near_misses)} near-misses")  # type: ignore[attr-defined]


def bench_full_validation(store_location: Path) -> None:
    store = open_store(store_location, read_only=True)
    loading, triples = timed(lambda: list(store.data_triples()))
    store.close()
    seconds, report = timed(lambda: validate_triples(triples))  # type: ignore[arg-type]
    row(f"reading the whole stored graph, {store_location.name}", f"{loading:.1f} s",
        f"{len(triples):,} triples")  # type: ignore[arg-type]
    row(f"SHACL (fast engine) of the whole stored graph, {store_location.name}", f"{seconds:.1f} s",
        f"conforms: {report.conforms}")  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000", help="Corpus sizes for the end-to-end builds, comma-separated.")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=default_jobs())
    parser.add_argument("--sample", type=int, default=300, help="Articles for the throughput figures.")
    parser.add_argument("--baselines-up-to", type=int, default=1000,
                        help="Largest size also built with --jobs 1 and without SHACL, as baselines.")
    parser.add_argument("--workdir", type=Path, help="Scratch directory (default: a temporary one).")
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    print(f"kg benchmarks: {args.jobs} processes, seed {args.seed}, scratch {workdir}")
    corpus = workdir / f"corpus-{max(sizes)}"
    shutil.rmtree(corpus, ignore_errors=True)
    paths = write_corpus(max(sizes), corpus, seed=args.seed)
    sample = paths[: min(args.sample, len(paths))]
    bench_extraction(sample, args.jobs)
    bench_validation(sample[:20])
    bench_store_loading(sample, workdir)
    for size in sizes:
        sized = workdir / f"corpus-{size}"
        if sized != corpus:
            shutil.rmtree(sized, ignore_errors=True)
            sized.mkdir()
            for path in paths[:size]:
                (sized / path.name).symlink_to(path)
        store = workdir / f"store-{size}"
        for validate in (False, True) if size <= args.baselines_up_to else (True,):
            print(f"kg build, {size} articles, {'with' if validate else 'without'} per-article SHACL")
            baseline = 0.0
            if size <= args.baselines_up_to:
                baseline, _, _ = bench_build(sized, store, 1, validate)
                row("--jobs 1 (baseline)", f"{size / baseline:.1f} articles/s", f"{baseline:.1f} s")
            seconds, triples, peak = bench_build(sized, store, args.jobs, validate)
            ratio = f"x{baseline / seconds:.2f}, " if baseline else ""
            row(f"--jobs {args.jobs}", f"{size / seconds:.1f} articles/s",
                f"{ratio}{seconds:.1f} s, {triples / seconds:,.0f} triples/s, {triples:,} triples, "
                f"peak RSS {peak:.0f} MB")
        bench_resolution(workdir / f"store-{size}")
        bench_queries(workdir / f"store-{size}", 3 if size <= args.baselines_up_to else 1)
        bench_full_validation(workdir / f"store-{size}")


if __name__ == "__main__":
    main()
