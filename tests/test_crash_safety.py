"""Crash safety: a build killed (SIGKILL) at a random moment leaves a store that opens, holds each
article whole or not at all, with its manifest entry beside it; the next ``kg build`` completes it.

The killed builds write a few articles per transaction (``store_batch``), so that a kill can land
between any two writes. Rounds mix plain builds (the first from an empty store: the kill leaves some
articles in), forced rebuilds (every graph rewritten while the kill may land) and builds of the
directory with some files taken out, then put back (removals). Kill delays are drawn from a seeded
generator as fractions of a clean build's duration; no assertion depends on how long anything takes.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.manifest import read_manifest
from kg.rdf.iris import article_graph_iri
from kg.store import OxigraphStore
from kg.synth import write_corpus

ROUNDS = ("plain", "plain", "force", "remove", "restore", "force", "plain")
KILL_AFTER = (0.1, 1.0)
"""When to kill, as a fraction of the time a clean build takes."""
ARTICLE_GRAPHS = str(article_graph_iri(""))
BUILD = """
import sys
from pathlib import Path
from kg.build import build_graph
from kg.store import open_store
store = open_store(sys.argv[2])
build_graph([Path(sys.argv[1])], store, validate=False, jobs=2, chunk_size=4, store_batch=4,
            force=sys.argv[3] == "force")
store.close()
"""


def start_build(articles: Path, store: Path, mode: str) -> subprocess.Popen[bytes]:
    # its own process group: the kill takes the worker processes with it, as a crash of the machine would
    return subprocess.Popen([sys.executable, "-c", BUILD, str(articles), str(store), mode],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def article_graphs(store: OxigraphStore) -> dict[str, frozenset[object]]:
    return {name: frozenset(store.named_graph(name)) for name in store.graph_names() if name.startswith(ARTICLE_GRAPHS)}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    articles = tmp_path_factory.mktemp("crash") / "articles"
    write_corpus(60, articles, seed=21)
    return articles


def test_a_killed_build_leaves_whole_articles_and_the_next_build_completes(corpus: Path, tmp_path: Path) -> None:
    started = time.perf_counter()
    assert start_build(corpus, tmp_path / "reference", "plain").wait() == 0
    build_seconds = time.perf_counter() - started  # to spread the kills over a whole build, not to assert on
    reference = OxigraphStore(tmp_path / "reference")
    expected = article_graphs(reference)
    expected_export = reference.export("nquads")
    reference.close()
    assert len(expected) == 60

    store_dir = tmp_path / "store"
    aside = tmp_path / "aside"
    aside.mkdir()
    rng = random.Random(7)
    interrupted = 0
    for mode in ROUNDS:
        if mode == "remove":
            for path in sorted(corpus.glob("*.txt"))[::12]:
                shutil.move(path, aside / path.name)
        if mode == "restore":
            for path in aside.iterdir():
                shutil.move(path, corpus / path.name)
        build = start_build(corpus, store_dir, mode)
        time.sleep(rng.uniform(*KILL_AFTER) * build_seconds)
        if build.poll() is None:
            interrupted += 1
            os.killpg(build.pid, signal.SIGKILL)
        build.wait()

        store = OxigraphStore(store_dir)  # opens cleanly after the kill
        try:
            present = article_graphs(store)
            for name, triples in present.items():
                assert triples == expected[name], f"{mode}: {name} is not the graph a clean build gives"
            manifest_graphs = {str(article_graph_iri(article_id)) for article_id in read_manifest(store)}
            assert manifest_graphs == present.keys(), f"{mode}: manifest and article graphs disagree"
        finally:
            store.close()
    assert interrupted, "no kill landed while a build was running"

    finish = subprocess.run([sys.executable, "-c", "from kg.cli import main; main()", "build", str(corpus),
                             "--store", str(store_dir), "--no-validate"], capture_output=True, text=True)
    assert finish.returncode == 0, finish.stderr
    store = OxigraphStore(store_dir)
    try:
        assert article_graphs(store) == expected
        assert store.export("nquads") == expected_export  # the resolution graph too: rewritten, not stale
    finally:
        store.close()
