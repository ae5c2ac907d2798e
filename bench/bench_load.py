"""Load benchmark: extract and write N synthetic reports, print reports/s and edges/s.

    python bench/bench_load.py --n 20000            # embedded FalkorDB in a temporary dir
    GOVKG_TEST_NEO4J_URI=bolt://localhost:7687 GOVKG_TEST_NEO4J_PASSWORD=… python bench/bench_load.py --n 2000

The Neo4j leg runs when GOVKG_TEST_NEO4J_URI is set, and CLEARS that database first. Figures
are rates measured in this run, plus the ratio of load time to extraction time.
Extraction runs on every core (a process pool). Two write modes are timed:
``per-report`` is what ``govkg load`` does (graph.writer.write_extraction per report);
``grouped`` is graph.writer.write_extractions with --group reports' rows merged into each
writer statement.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import SyntheticCorpus

from govkg.graph.falkor_store import FalkorStore
from govkg.graph.neo4j_store import Neo4jStore
from govkg.graph.store import GraphStore
from govkg.graph.writer import graph_size, statements_for, write_extraction, write_extractions
from govkg.loaders.extract import extract
from govkg.loaders.extraction import Extraction


def timed_extract(corpus: SyntheticCorpus, n: int, seed: int) -> tuple[list[Extraction], float]:
    """Extract n synthetic reports; (extractions, seconds)."""
    docs = list(corpus.documents(n, seed))
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        extractions = list(pool.map(extract, docs, chunksize=max(1, n // 64)))
    return extractions, time.perf_counter() - start


def timed_load(
    store: GraphStore, extractions: Sequence[Extraction], batch_size: int, group: int
) -> tuple[float, int, int]:
    """Write every extraction (grouped when group > 1); (seconds, nodes, edges) afterwards."""
    start = time.perf_counter()
    if group <= 1:
        for ex in extractions:
            write_extraction(store, ex, batch_size)
    else:
        write_extractions(store, extractions, batch_size, group=group)
    elapsed = time.perf_counter() - start
    nodes, edges = graph_size(store)
    return elapsed, nodes, edges


def report_line(name: str, n: int, seconds: float, edges: int, extract_seconds: float) -> str:
    """One result line: rates, plus load time relative to extraction time."""
    return (
        f"{name:20s} {n:6d} reports in {seconds:7.2f} s: {n / seconds:8.1f} reports/s, "
        f"{edges / seconds:9.1f} edges/s ({edges} edges; load/extract time {seconds / extract_seconds:.2f}x)"
    )


def bench_store(
    name: str,
    opener: Callable[[], GraphStore],
    extractions: Sequence[Extraction],
    extract_s: float,
    batch: int,
    group: int,
    per_report_n: int,
) -> list[str]:
    """Load into a fresh store per mode; the result lines and the grouped/per-report speed-up.

    The per-report mode loads only the first per_report_n reports (it is the slow one);
    rates, not totals, are compared.
    """
    lines, rates = [], {}
    n_all = len(extractions)
    for mode, size, subset in (
        ("per-report", 1, extractions[:per_report_n]),
        ("grouped", group, extractions),
    ):
        store = opener()
        try:
            store.clear()
            store.ensure_schema()
            seconds, nodes, edges = timed_load(store, subset, batch, size)
            rates[mode] = len(subset) / seconds
            share = extract_s * len(subset) / n_all
            line = report_line(f"{name} {mode}", len(subset), seconds, edges, share)
            lines.append(f"{line} {nodes} nodes")
        finally:
            store.close()
    lines.append(f"{name} grouped writes load {rates['grouped'] / rates['per-report']:.1f}x more reports/s")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description="Extract + load benchmark on synthetic reports.")
    parser.add_argument("--n", type=int, default=20_000, help="number of synthetic reports")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--group", type=int, default=200, help="reports per grouped write")
    parser.add_argument("--per-report-n", type=int, default=1000, help="reports for the per-report mode")
    args = parser.parse_args(argv)

    corpus = SyntheticCorpus.default()
    extractions, extract_s = timed_extract(corpus, args.n, args.seed)
    facts = sum(len(ex.adoptions) for ex in extractions)
    statements = sum(len(statements_for(ex)) + 1 for ex in extractions)
    print(f"{'extract':20s} {args.n:6d} reports in {extract_s:7.2f} s: {args.n / extract_s:8.1f} reports/s")
    print(f"{'':20s} {facts} adoptions, {statements} write statements (batch size {args.batch_size})")

    with tempfile.TemporaryDirectory(prefix="govkg-bench-") as tmp:
        fresh = iter(range(10))

        def falkordb() -> GraphStore:
            data_dir = Path(tmp) / f"data{next(fresh)}"  # a new server and data dir per mode
            data_dir.mkdir(mode=0o700)
            return FalkorStore(data_dir)

        print(
            "\n".join(
                bench_store(
                    "falkordb",
                    falkordb,
                    extractions,
                    extract_s,
                    args.batch_size,
                    args.group,
                    args.per_report_n,
                )
            )
        )

    uri = os.environ.get("GOVKG_TEST_NEO4J_URI")
    if uri:

        def neo4j() -> GraphStore:
            return Neo4jStore(
                uri,
                os.environ.get("GOVKG_TEST_NEO4J_USER", "neo4j"),
                os.environ.get("GOVKG_TEST_NEO4J_PASSWORD", "neo4j"),
                os.environ.get("GOVKG_TEST_NEO4J_DATABASE") or None,
            )

        print(
            "\n".join(
                bench_store(
                    "neo4j", neo4j, extractions, extract_s, args.batch_size, args.group, args.per_report_n
                )
            )
        )
    else:
        print(f"{'neo4j':20s} skipped: GOVKG_TEST_NEO4J_URI not set")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
