"""The synthetic benchmark corpus: deterministic, real regions, taxonomy practices."""

from __future__ import annotations

from pathlib import Path

import pytest
from synthetic_support import synthetic

from govkg.loaders.practices import Taxonomy

BENCH = Path(__file__).resolve().parents[1] / "bench"


@pytest.fixture(scope="module")
def corpus() -> object:
    return synthetic().SyntheticCorpus.default()


def test_same_seed_same_corpus_other_seed_other_corpus(corpus: object) -> None:
    first = [corpus.report(i, seed=3) for i in range(5)]  # type: ignore[attr-defined]
    assert first == [corpus.report(i, seed=3) for i in range(5)]  # type: ignore[attr-defined]
    assert first != [corpus.report(i, seed=4) for i in range(5)]  # type: ignore[attr-defined]
    assert len({text for _, text in first}) == 5


def test_reports_name_a_real_county_chain_and_taxonomy_practices(corpus: object) -> None:
    names = {p.name for p in Taxonomy.default().practices.values()}
    for i in range(20):
        _, text = corpus.report(i)  # type: ignore[attr-defined]
        header = text.splitlines()[1]
        assert any(header == "".join(r.name for r in chain[::-1]) for chain in corpus.counties)  # type: ignore[attr-defined]
        assert any(name in text for name in names)


def test_written_files_and_documents_agree(corpus: object, tmp_path: Path) -> None:
    paths = corpus.write(tmp_path, 3)  # type: ignore[attr-defined]
    docs = list(corpus.documents(3))  # type: ignore[attr-defined]
    for path, doc in zip(paths, docs, strict=True):
        assert path.read_text(encoding="utf-8").splitlines()[0] == doc.title
    assert len({d.id for d in docs}) == 3
