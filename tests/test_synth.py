from pathlib import Path

from kg.build import build_graph
from kg.reader import read_article
from kg.store import open_store
from kg.synth import MAX_CHARS, MIN_CHARS, synth_article, write_corpus


def test_the_same_seed_gives_the_same_files(tmp_path: Path) -> None:
    first = write_corpus(20, tmp_path / "one", seed=3)
    second = write_corpus(20, tmp_path / "two", seed=3)
    assert [path.name for path in first] == [path.name for path in second]
    assert [path.read_bytes() for path in first] == [path.read_bytes() for path in second]


def test_another_seed_gives_other_articles_and_a_larger_corpus_extends_a_smaller_one() -> None:
    assert synth_article(0, seed=1) != synth_article(0, seed=2)
    assert synth_article(5, seed=1) == synth_article(5, seed=1)


def test_articles_have_front_matter_and_the_genre_length(tmp_path: Path) -> None:
    for path in write_corpus(30, tmp_path, seed=0):
        article = read_article(path)
        assert article.id == path.stem and article.source.startswith("Báo ") and article.province
        assert MIN_CHARS <= len(article.text) <= MAX_CHARS


def test_generated_articles_build_into_valid_graphs(tmp_path: Path) -> None:
    # Thirteen articles cover every kind of article (working session, plenum, council session, voter meeting,
    # appointment) for this seed; each is SHACL-validated by the build.
    paths = write_corpus(13, tmp_path / "corpus", seed=0)
    assert len({path.stem.split("-", 2)[2] for path in paths}) == 5
    report = build_graph(paths, open_store(tmp_path / "store"))
    assert report.ok, [failure.message for failure in report.failed]
    assert len(report.built) == 13
