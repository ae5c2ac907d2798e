"""Every catalog query gives the same rows on FalkorDB and Neo4j over the real corpus.

The seed reports (../shared/corpus) and the dev gold reports (../shared/gold/dev/docs) go
through the real extraction once; both stores load the same Extractions, and every catalog
query runs under parameter sets drawn from them. Rows are compared order-normalised; a
difference fails the test with the rows only one store returned (tests/store_compare.py).
Full-text search is left out: scoring and tokenising are each engine's own.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from store_compare import differences, report
from test_contract import ENGINE_SPECIFIC, candidates, param_sets

from govkg.graph.falkor_store import FalkorStore
from govkg.graph.neo4j_store import Neo4jStore
from govkg.graph.store import GraphStore
from govkg.graph.writer import write_extractions, write_taxonomy
from govkg.loaders.documents import DocumentError, iter_documents
from govkg.loaders.extract import default_extractor
from govkg.loaders.extraction import Extraction
from govkg.queries.catalog import Catalog, bind_for

CATALOG = Catalog.default()
PER_PARAMETER = 8  # values tried per parameter, spread over the sorted candidates

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def corpus(shared_dir: Path) -> list[Extraction]:
    """The seed and dev reports, extracted once."""
    ex = default_extractor()
    docs = iter_documents([shared_dir / "corpus", shared_dir / "gold" / "dev" / "docs"])
    out = [ex.extract(d) for d in docs if not isinstance(d, DocumentError)]
    assert len(out) >= 40
    return out


@pytest.fixture(scope="module")
def shared_dir() -> Path:
    """/work/shared (module scope here: the corpus is extracted once)."""
    path = Path(__file__).resolve().parents[2] / "shared"
    if not path.is_dir():
        pytest.skip(f"shared data folder {path} is missing")
    return path


def spread(values: list[Any], n: int) -> list[Any]:
    """At most n values, evenly spread over the list (first and last included)."""
    if len(values) <= n:
        return values
    step = (len(values) - 1) / (n - 1)
    return [values[round(i * step)] for i in range(n)]


def answers(store: GraphStore, corpus: list[Extraction]) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """Load the corpus into ``store`` and run the whole catalog on it."""
    ex = default_extractor()
    write_taxonomy(store, ex.taxonomy.practices.values(), ex.taxonomy.categories)
    write_extractions(store, corpus, group=50)
    values = {k: spread(v, PER_PARAMETER) for k, v in candidates(corpus).items()}
    out: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for query in CATALOG:
        for params in param_sets(query, values):
            out[(query.name, repr(sorted(params.items())))] = store.run_read(
                query.text_for(store.dialect), bind_for(store, query, params), timeout=60
            )
    return out


@pytest.fixture
def both(falkor_store: FalkorStore, neo4j_store: Neo4jStore) -> Iterator[tuple[FalkorStore, Neo4jStore]]:
    """Both stores, empty."""
    yield falkor_store, neo4j_store


def test_every_catalog_query_answers_alike_on_seeds_and_dev(
    both: tuple[FalkorStore, Neo4jStore], corpus: list[Extraction]
) -> None:
    falkor, neo4j = (answers(s, corpus) for s in both)
    assert falkor.keys() == neo4j.keys()
    assert {name for name, _ in falkor} == set(CATALOG.names())
    # The comparison means something only if the queries found things.
    assert sum(1 for rows in falkor.values() if rows) > len(falkor) // 2
    diffs = differences(falkor, neo4j, skip=ENGINE_SPECIFIC)
    assert not diffs, report(diffs)
