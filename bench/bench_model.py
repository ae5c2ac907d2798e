"""Graph-model benchmark: does write cost stay flat as the graph grows, and do reads stay cheap?

    python bench/bench_model.py --n 20000        # embedded FalkorDB in a temporary dir

Extracts N synthetic reports (every core), writes them in groups of --group reports and
prints, all measured in this run:

- write cost per group: mean seconds of the groups holding the first 2,000 reports and of
  those holding the last 2,000, and their ratio (last / first; flat is 1.0);
- read latency at the final size, p50 and p99 over --reads calls, as a ratio to a baseline
  read measured the same way (``RETURN 1``): ``adopters`` of the most adopted practice (one
  page of 20, three evidence items each), the same rolled up, the province roll-up of
  ``region_adoptions``, the ``search_evidence`` of its name and ``stats``;
- the store server's memory (resident set, and Redis' used_memory) at the end.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_load import timed_extract
from synthetic import SyntheticCorpus

from govkg.graph.falkor_store import FalkorStore, server_pid
from govkg.graph.writer import write_extractions
from govkg.loaders.extraction import Extraction
from govkg.queries.catalog import run_query

WINDOW = 2000


def group_costs(store: FalkorStore, extractions: Sequence[Extraction], group: int) -> list[float]:
    """Seconds per written group, in order."""
    costs: list[float] = []
    for i in range(0, len(extractions), group):
        start = time.perf_counter()
        write_extractions(store, extractions[i : i + group], group=group)
        costs.append(time.perf_counter() - start)
    return costs


def percentiles(call: Callable[[], Any], n: int) -> tuple[float, float]:
    """(p50, p99) in milliseconds over n calls."""
    times = []
    for _ in range(n):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.99))]


def rss_mb(pid: int | None) -> float | None:
    """Resident set size of a process in MB (Linux), None when unknown."""
    if pid is None:
        return None
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    ap = argparse.ArgumentParser(description="Write cost over graph growth and read latency, FalkorDB.")
    ap.add_argument("--n", type=int, default=20_000, help="number of synthetic reports")
    ap.add_argument("--group", type=int, default=200, help="reports per written group")
    ap.add_argument("--reads", type=int, default=200, help="calls per read measured")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)

    extractions, extract_s = timed_extract(SyntheticCorpus.default(), args.n, args.seed)
    print(f"extract: {args.n} reports in {extract_s:.1f} s on {os.cpu_count()} cores", flush=True)
    with tempfile.TemporaryDirectory(prefix="govkg-bench-model-") as tmp:
        data_dir = Path(tmp) / "data"
        data_dir.mkdir(mode=0o700)
        with FalkorStore(data_dir) as store:
            store.ensure_schema()
            start = time.perf_counter()
            costs = group_costs(store, extractions, args.group)
            total = time.perf_counter() - start
            per_window = max(1, WINDOW // args.group)
            first = statistics.mean(costs[:per_window])
            last = statistics.mean(costs[-per_window:])
            print(
                f"write: {args.n} reports in {total:.1f} s ({args.n / total:.0f} reports/s), "
                f"{len(costs)} groups of {args.group}; per group first {WINDOW}: {first:.3f} s, "
                f"last {WINDOW}: {last:.3f} s, last/first {last / first:.2f}x",
                flush=True,
            )
            top = store.run_read(
                "MATCH (r:Region)-[a:ADOPTED]->(p:Practice) RETURN p.key AS key, p.name AS name, "
                "count(r) AS n ORDER BY n DESC LIMIT 1"
            )[0]
            province = store.run_read(
                "MATCH (r:Region {level: 'province'})-[c:COVERS]->() RETURN r.code AS code, "
                "count(c) AS n ORDER BY n DESC LIMIT 1"
            )[0]["code"]
            print(f"reads at {args.n} reports: {top['name']} has {top['n']} adopting regions", flush=True)
            base50, base99 = percentiles(lambda: store.run_read("RETURN 1 AS one"), args.reads)
            print(f"  baseline RETURN 1: p50 {base50:.2f} ms, p99 {base99:.2f} ms")
            reads: dict[str, Callable[[], Any]] = {
                "adopters": lambda: run_query(store, "adopters", {"key": top["key"], "limit": 20}),
                "adopters rollup": lambda: run_query(
                    store, "adopters", {"key": top["key"], "rollup": True, "limit": 20}
                ),
                "region roll-up": lambda: run_query(
                    store, "region_adoptions", {"code": province, "include_descendants": True}
                ),
                "search evidence": lambda: run_query(
                    store, "search_evidence", {"q": str(top["name"]), "limit": 20}
                ),
                "stats": lambda: run_query(store, "stats"),
            }
            for name, call in reads.items():
                p50, p99 = percentiles(call, args.reads)
                print(
                    f"  {name:16s} p50 {p50:7.2f} ms ({p50 / base50:5.1f}x baseline), "
                    f"p99 {p99:7.2f} ms ({p99 / base99:5.1f}x baseline)",
                    flush=True,
                )
            info = store._client().connection.info("memory")  # bench only: the server's own figure
            used = info.get("used_memory") if isinstance(info, dict) else None
            rss = rss_mb(server_pid(data_dir))
            used_mb = f"{int(used) / 2**20:.0f} MB" if used is not None else "?"
            rss_text = f"{rss:.0f} MB" if rss is not None else "?"
            print(f"store memory at {args.n} reports: RSS {rss_text}, used_memory {used_mb}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
