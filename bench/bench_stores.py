"""FalkorDB and Neo4j on the same machine in one run: load rates, peak memory, query latencies.

    python bench/bench_stores.py                         # 1k, 5k and 20k synthetic reports
    python bench/bench_stores.py --sizes 1000,5000 --queries 100

The synthetic reports (bench/synthetic.py) are extracted once, on every core. For each size,
each store gets a fresh graph and loads the reports as `govkg load` does (writer.write_extractions,
200 reports per group): reports/s, edges/s, and the peak resident memory of this process and of
the store's server while loading (sampled every 50 ms from /proc). At the largest size the
adopters (practice_adopters), region roll-up (practice_adopters with rollup) and diffusion
(practice_timeline) queries run over many practices and regions: p50 and p99 latency.
Every Neo4j figure is also printed as a ratio to FalkorDB's, measured in the same run.
With --admin-import, the largest FalkorDB graph is also exported (`govkg export neo4j-import`)
and built into a fresh Neo4j database by neo4j-admin (`database import full`): the bulk path
for large corpora, timed as nodes + relationships per second.

Neo4j is the server GOVKG_TEST_NEO4J_URI names (its database is CLEARED) or, when unset, a local one
that scripts/neo4j_local.py starts for the run and stops afterwards. Linux only (/proc).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shlex
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import SyntheticCorpus

from govkg.graph.falkor_store import FalkorStore, server_pid
from govkg.graph.neo4j_store import Neo4jStore
from govkg.graph.store import GraphStore
from govkg.graph.writer import graph_size, write_extractions, write_taxonomy
from govkg.loaders.extract import default_extractor, extract
from govkg.loaders.extraction import Extraction
from govkg.queries.catalog import Catalog

REPO_ROOT = Path(__file__).resolve().parents[1]
CATALOG = Catalog.default()
GROUP = 200


def neo4j_local() -> ModuleType:
    """scripts/neo4j_local.py, imported from its file."""
    spec = importlib.util.spec_from_file_location("neo4j_local", REPO_ROOT / "scripts" / "neo4j_local.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["neo4j_local"] = module
    spec.loader.exec_module(module)
    return module


def rss_mib(pid: int | str = "self") -> float:
    """Resident memory of a process now, in MiB (0 when it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


@contextmanager
def peak_rss(pids: dict[str, int | str]) -> Iterator[dict[str, float]]:
    """Sample the RSS of each named process every 50 ms; the dict holds each one's peak."""
    peaks = {name: rss_mib(pid) for name, pid in pids.items()}
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(0.05):
            for name, pid in pids.items():
                peaks[name] = max(peaks[name], rss_mib(pid))

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield peaks
    finally:
        stop.set()
        thread.join()


@dataclass
class LoadResult:
    """One store's load of one size."""

    store: str
    reports: int
    seconds: float
    nodes: int
    edges: int
    ours_mib: float
    server_mib: float

    @property
    def reports_s(self) -> float:
        """Reports written per second."""
        return self.reports / self.seconds

    @property
    def edges_s(self) -> float:
        """Relationships in the graph per second of loading."""
        return self.edges / self.seconds


def load(name: str, store: GraphStore, server: int, extractions: Sequence[Extraction]) -> LoadResult:
    """Fresh graph, taxonomy, then every report in groups; timed and memory-sampled."""
    store.clear()
    store.ensure_schema()
    ex = default_extractor()
    with peak_rss({"ours": "self", "server": server}) as peaks:
        began = time.perf_counter()
        write_taxonomy(store, ex.taxonomy.practices.values(), ex.taxonomy.categories)
        write_extractions(store, extractions, group=GROUP)
        seconds = time.perf_counter() - began
    nodes, edges = graph_size(store)
    return LoadResult(name, len(extractions), seconds, nodes, edges, peaks["ours"], peaks["server"])


def latencies(store: GraphStore, name: str, param_sets: Sequence[dict[str, Any]]) -> list[float]:
    """Milliseconds per run of a catalog query, once per parameter set (after one warm-up)."""
    query = CATALOG.get(name)
    text = query.text_for(store.dialect)
    bound = [query.bind(p) for p in param_sets]
    store.run_read(text, bound[0])
    out = []
    for params in bound:
        began = time.perf_counter()
        store.run_read(text, params)
        out.append((time.perf_counter() - began) * 1000)
    return out


def pct(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) of the values."""
    return (
        statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1] if len(values) > 1 else values[0]
    )


def query_sets(extractions: Sequence[Extraction], n: int) -> dict[str, list[dict[str, Any]]]:
    """Parameters for the three queries: the most adopted practices, cycled to n runs."""
    counts: dict[str, int] = {}
    for ex in extractions:
        for a in ex.adoptions:
            counts[a.practice_key] = counts.get(a.practice_key, 0) + 1
    keys = sorted(counts, key=lambda k: -counts[k])[:20]
    cycle = [keys[i % len(keys)] for i in range(n)]
    return {
        "adopters": [{"key": k} for k in cycle],
        "region roll-up": [{"key": k, "rollup": True} for k in cycle],
        "diffusion": [{"key": k} for k in cycle],
    }


QUERY_OF = {
    "adopters": "practice_adopters",
    "region roll-up": "practice_adopters",
    "diffusion": "practice_timeline",
}


def admin_import(store: GraphStore, tmp: Path) -> str:
    """Export the store to CSV and time neo4j-admin's full import of it into a fresh home."""
    from govkg.graph.neo4j_import import export_neo4j_import

    nl = neo4j_local()
    began = time.perf_counter()
    files = export_neo4j_import(store, tmp / "csv")
    export_s = time.perf_counter() - began
    home = tmp / "import-home"
    nl.write_home(home, nl.server_config(nl.free_port(), nl.free_port()))
    args = shlex.split(files.command)[1:]
    began = time.perf_counter()
    done = nl.admin(home, args)
    import_s = time.perf_counter() - began
    if done.returncode != 0:
        return f"neo4j-admin import failed: {done.stdout[-1500:]}{done.stderr[-1500:]}"
    items = sum(files.node_counts.values()) + sum(files.relationship_counts.values())
    return (
        f"neo4j-admin import: {items} nodes + relationships exported in {export_s:.1f} s, imported in "
        f"{import_s:.1f} s (JVM start included): {items / import_s:.0f} items/s"
    )


def main(argv: list[str] | None = None) -> int:
    """Run the two-store benchmark and print its tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,5000,20000", help="report counts, comma-separated")
    parser.add_argument("--queries", type=int, default=200, help="runs of each query at the largest size")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--stores", default="falkordb,neo4j", help="which stores to load")
    parser.add_argument("--admin-import", action="store_true", help="also time neo4j-admin import")
    args = parser.parse_args(argv)
    wanted = set(args.stores.split(","))
    sizes = sorted(int(s) for s in args.sizes.split(","))

    began = time.perf_counter()
    docs = list(SyntheticCorpus.default().documents(sizes[-1], args.seed))
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        extractions = list(pool.map(extract, docs, chunksize=max(1, len(docs) // 64)))
    print(
        f"extracted {len(extractions)} synthetic reports in {time.perf_counter() - began:.1f} s", flush=True
    )

    local = None
    uri = os.environ.get("GOVKG_TEST_NEO4J_URI")
    if not uri and "neo4j" in wanted:
        began = time.perf_counter()
        local = neo4j_local().start(heap=os.environ.get("GOVKG_NEO4J_HEAP", "2g"))
        print(f"started Neo4j {local.version} in {time.perf_counter() - began:.1f} s", flush=True)
        uri = local.uri
    user = local.user if local else os.environ.get("GOVKG_TEST_NEO4J_USER", "neo4j")
    password = local.password if local else os.environ.get("GOVKG_TEST_NEO4J_PASSWORD", "neo4j")
    neo4j_pid = local.process.pid if local else 0  # a remote server's memory cannot be read here

    results: list[LoadResult] = []
    timings: dict[tuple[str, str], list[float]] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="govkg-bench-") as tmp:
            openers: dict[str, Callable[[int], tuple[GraphStore, int]]] = {}

            def falkordb(size: int) -> tuple[GraphStore, int]:
                data_dir = Path(tmp) / f"falkor-{size}"
                data_dir.mkdir(mode=0o700)
                store = FalkorStore(data_dir)
                return store, server_pid(data_dir) or 0

            def neo4j(size: int) -> tuple[GraphStore, int]:
                return Neo4jStore(uri, user, password), neo4j_pid

            openers = {k: v for k, v in {"falkordb": falkordb, "neo4j": neo4j}.items() if k in wanted}
            for size in sizes:
                for name, opener in openers.items():
                    store, pid = opener(size)
                    try:
                        result = load(name, store, pid, extractions[:size])
                        results.append(result)
                        print(
                            f"{name:9s} {size:6d} reports: {result.seconds:7.1f} s, {result.reports_s:7.1f} "
                            f"reports/s, {result.edges_s:8.0f} edges/s, peak RSS ours {result.ours_mib:.0f} "
                            f"MiB, server {result.server_mib:.0f} MiB",
                            flush=True,
                        )
                        if size == sizes[-1]:
                            for label, sets in query_sets(extractions[:size], args.queries).items():
                                timings[(name, label)] = latencies(store, QUERY_OF[label], sets)
                            if args.admin_import and name == "falkordb":
                                print(admin_import(store, Path(tmp)), flush=True)
                    finally:
                        store.close()
    finally:
        if local is not None:
            local.stop()

    print("\n| reports | store | load s | reports/s | edges/s | peak RSS ours MiB | peak RSS server MiB |")
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        print(
            f"| {r.reports} | {r.store} | {r.seconds:.1f} | {r.reports_s:.1f} | {r.edges_s:.0f} "
            f"| {r.ours_mib:.0f} | {r.server_mib:.0f} |"
        )
    if wanted != {"falkordb", "neo4j"}:
        return 0
    by = {(r.store, r.reports): r for r in results}
    print("\nNeo4j / FalkorDB, same run:")
    for size in sizes:
        f, n = by[("falkordb", size)], by[("neo4j", size)]
        print(
            f"  {size:6d} reports: load rate x{n.reports_s / f.reports_s:.2f}, "
            f"server memory x{(n.server_mib / f.server_mib) if f.server_mib else float('nan'):.1f}"
        )
    print(f"\nqueries at {sizes[-1]} reports ({args.queries} runs each, ms):")
    print("| query | FalkorDB p50 | FalkorDB p99 | Neo4j p50 | Neo4j p99 | Neo4j/FalkorDB p50 |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for label in QUERY_OF:
        f_ms, n_ms = timings[("falkordb", label)], timings[("neo4j", label)]
        f50, f99, n50, n99 = pct(f_ms, 50), pct(f_ms, 99), pct(n_ms, 50), pct(n_ms, 99)
        print(f"| {label} | {f50:.1f} | {f99:.1f} | {n50:.1f} | {n99:.1f} | x{n50 / f50:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
