"""Benchmark the exports users run: the full adoptions export and the GEXF export, at N reports.

Writes N synthetic reports (bench/synthetic.py) into an embedded store as bench_explorer.py's
build() does (reused when --data-dir already holds that N), then runs each export in a fresh
child process and prints its wall time, rows, seconds per 1,000 facts and the child's peak RSS
(the exporting Python process; the store server is a process of its own). Ratios between the N
of one run say whether a path is linear: seconds per 1,000 facts should stay flat as N grows.

    nice -n 10 .venv/bin/python bench/bench_exports.py --n 2000 5000
    nice -n 10 .venv/bin/python bench/bench_exports.py --n 2000 --old   # also the previous paths
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_explorer import GRAPH, build

PHASES = ("adoptions", "gexf", "graphml")
# neo4j-import CSVs from the store (SKIP/LIMIT pages of export_nodes/export_relationships) and from
# extraction shards with no store (made once per N, untimed, in the parent)
IMPORT_PHASES = ("import-store", "import-offline")
OLD_PAGE = 1000


def _export(phase: str, data_dir: Path) -> dict[str, Any]:
    """Run one export into data_dir/out.<phase>; return its figures (in the child process)."""
    from govkg.config import Settings
    from govkg.graph.exports import export_graph, read_graph, write_graph
    from govkg.graph.falkor_store import FalkorStore
    from govkg.knowledge import KnowledgeGraph
    from govkg.queries.catalog import run_query

    store = FalkorStore(data_dir, graph_name=GRAPH)
    try:
        store.ensure_schema()
        out = data_dir / f"out.{phase}"
        t0 = time.perf_counter()
        if phase == "adoptions":
            with out.open("w", encoding="utf-8") as fh:
                rows = KnowledgeGraph(store, Settings(data_dir=data_dir)).export_adoptions(fh)
        elif phase == "old-adoptions":  # the SKIP/LIMIT paging the export used before keyset pages
            rows, offset = 0, 0
            with out.open("w", encoding="utf-8") as fh:
                while True:
                    page = run_query(store, "adoptions", {"limit": OLD_PAGE, "offset": offset})
                    for r in page:
                        fh.write(json.dumps(r, ensure_ascii=False) + "\n")
                    rows += len(page)
                    if len(page) < OLD_PAGE:
                        break
                    offset += OLD_PAGE
        elif phase in ("import-store", "import-offline"):
            from govkg.graph.neo4j_import import export_from_extractions, export_neo4j_import

            if phase == "import-store":
                files = export_neo4j_import(store, out)
            else:
                files = export_from_extractions(data_dir / "shards", out)
            rows = sum(files.node_counts.values()) + sum(files.relationship_counts.values())
        elif phase == "old-gexf":  # the whole networkx graph in memory, as GEXF was written before
            graph = read_graph(store)
            with out.open("wb") as bh:
                write_graph(graph, "gexf", bh)
            rows = graph.number_of_edges()
        else:
            with out.open("wb") as bh:
                _, rows = export_graph(store, phase, bh)
        seconds = time.perf_counter() - t0
        facts = store.run_read("MATCH (f:Fact) WHERE f.kind = 'adoption' RETURN count(f) AS n")[0]["n"]
    finally:
        store.close()
    rss_mb = _peak_rss_mb()
    size = sum(p.stat().st_size for p in out.iterdir()) if out.is_dir() else out.stat().st_size
    return {"phase": phase, "seconds": seconds, "rows": rows, "facts": facts, "rss_mb": rss_mb,
            "bytes": size}  # fmt: skip


def _peak_rss_mb() -> float:
    """This process's peak RSS: VmHWM, which starts afresh at exec (ru_maxrss would carry over the
    high-water mark of the parent that forked this child)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_child(phase: str, data_dir: Path) -> dict[str, Any]:
    """One export in a fresh interpreter, so its peak RSS is its own."""
    proc = subprocess.run(
        [sys.executable, __file__, "--child", phase, "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        return {"phase": phase, "error": proc.stderr.strip().splitlines()[-1:] or ["?"]}
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def make_shards(data_dir: Path, n: int, seed: int) -> None:
    """The N synthetic reports as `govkg extract -o` shards in data_dir/shards (for import-offline)."""
    from synthetic import SyntheticCorpus

    from govkg.config import Settings
    from govkg.loaders.shards import extract_to_shards

    reports = data_dir / "reports"
    SyntheticCorpus.default().write(reports, n, seed)
    t0 = time.perf_counter()
    extract_to_shards([reports], data_dir / "shards.partial", Settings(data_dir=data_dir / "extract"))
    (data_dir / "shards.partial").rename(data_dir / "shards")
    print(f"extracted {n} reports into shards in {time.perf_counter() - t0:.0f} s", flush=True)


def main() -> None:
    """Build (or reuse) a store per N and time each export in it."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, nargs="+", default=[2000, 5000])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--data-dir", type=Path, help="keep stores here (one sub-directory per N) and reuse them")
    ap.add_argument(
        "--phases",
        nargs="+",
        default=list(PHASES),
        choices=[*PHASES, *IMPORT_PHASES, "old-adoptions", "old-gexf"],
    )
    ap.add_argument(
        "--old",
        action="store_true",
        help="also time the previous paths: SKIP/LIMIT adoptions, in-memory GEXF",
    )
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(_export(args.child, args.data_dir)))
        return
    base = args.data_dir or Path(tempfile.mkdtemp(prefix="govkg-bench-exports-"))
    phases = [*args.phases, *(["old-adoptions", "old-gexf"] if args.old else [])]
    results = []
    for n in args.n:
        data_dir = base / f"n{n}-seed{args.seed}"
        marker = data_dir / ".bench-built"
        if not marker.exists():
            data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            build(data_dir, n, args.seed)
            marker.touch()
        if "import-offline" in phases and not (data_dir / "shards").is_dir():
            make_shards(data_dir, n, args.seed)
        for phase in phases:
            r = {"n": n, **run_child(phase, data_dir)}
            results.append(r)
            print(json.dumps(r), flush=True)
    print(
        f"\n{'N':>6} {'export':<14} {'facts':>8} {'rows':>8} {'s':>8} {'s/1k facts':>10} {'peak RSS MB':>11}"
    )
    for r in results:
        if "error" in r:
            print(f"{r['n']:>6} {r['phase']:<14} failed: {r['error'][0]}")
            continue
        per_k = r["seconds"] / max(r["facts"], 1) * 1000
        print(
            f"{r['n']:>6} {r['phase']:<14} {r['facts']:>8} {r['rows']:>8} {r['seconds']:>8.2f} {per_k:>10.3f}"
            f" {r['rss_mb']:>11.0f}"
        )


if __name__ == "__main__":
    main()
