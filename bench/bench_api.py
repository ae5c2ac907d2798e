"""Benchmark the REST API under uvicorn on loopback: requests/s and p50/p99 latency per endpoint.

Loads the seed corpus (/work/shared/corpus, when present) and examples/ into a temporary
embedded store, starts `uvicorn govkg.api.app:create_app --factory` in a subprocess on a free
127.0.0.1 port, drives it with a threaded httpx load generator, and prints each endpoint's
throughput as a ratio to /health measured in the same run (target >= 0.3), its p50/p99 and how many
answers were errors or 429. `--data-dir` serves an existing store instead (bench_explorer.py
--keep leaves a 20k one); `--threads 1 --threads 16` measures one client and sixteen in one run;
`--workers N` runs N uvicorn worker processes on the one store (`govkg serve --workers N`);
`--cold` asks for a computed answer every time (the API otherwise replays answers it keeps while
the store is unwritten, see govkg.api.cache). `--neo4j URI` serves a Neo4j database instead
(credentials from GOVKG_NEO4J_USER / GOVKG_NEO4J_PASSWORD): the same reports are loaded into it
after CLEARING it, unless `--no-load` serves what it holds.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from govkg.config import Settings
from govkg.graph.falkor_store import FalkorStore
from govkg.graph.neo4j_store import Neo4jStore
from govkg.graph.store import GraphStore
from govkg.graph.writer import write_extraction
from govkg.loaders.documents import DocumentError, iter_documents
from govkg.loaders.extract import extract

REPO = Path(__file__).resolve().parents[1]
SOURCES = [REPO.parent / "shared" / "corpus", REPO / "examples"]
TARGET = 0.3


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody is listening on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def load(data_dir: Path, graph: str, neo4j_uri: str | None = None) -> tuple[GraphStore, int]:
    """Start the embedded store in data_dir (or connect to the Neo4j server named), clear it and
    write every readable report into it."""
    store: GraphStore
    if neo4j_uri is not None:
        store = Neo4jStore.from_settings(Settings(store=neo4j_uri))
    else:
        store = FalkorStore(data_dir, graph_name=graph)
    store.clear()
    store.ensure_schema()
    n = 0
    for doc in iter_documents([p for p in SOURCES if p.is_dir()]):
        if isinstance(doc, DocumentError):
            continue
        write_extraction(store, extract(doc))
        n += 1
    return store, n


def start_server(
    data_dir: Path, graph: str, port: int, workers: int = 1, store: str = "falkordb"
) -> subprocess.Popen[bytes]:
    """uvicorn with the app factory, reading its settings from GOVKG_* variables (as `govkg serve
    --workers N` runs it)."""
    env = dict(os.environ, GOVKG_DATA_DIR=str(data_dir), GOVKG_GRAPH_NAME=graph, GOVKG_STORE=store)
    cmd = [
        sys.executable,
        "-m",
        "uvicorn",
        "govkg.api.app:create_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--no-access-log",
        "--workers",
        str(workers),
    ]
    return subprocess.Popen(cmd, env=env, cwd=REPO)


def wait_ready(base: str, proc: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    """Poll /health until it answers 200 twenty times in a row (every worker has its store open),
    or fail naming the reason."""
    deadline = time.monotonic() + timeout
    in_a_row = 0
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"uvicorn exited with status {proc.returncode}")
        try:
            ok = httpx.get(f"{base}/health", timeout=1.0).status_code == 200
        except httpx.HTTPError:
            ok = False
        in_a_row = in_a_row + 1 if ok else 0
        if in_a_row >= 20:
            return
        time.sleep(0.02 if ok else 0.1)
    raise SystemExit(f"the API did not answer /health within {timeout:.0f}s")


def drive(
    base: str, path: str, requests: int, threads: int, headers: dict[str, str] | None = None
) -> tuple[list[float], float, int, int]:
    """Send `requests` GETs from `threads` threads; return latencies (s), elapsed time (s), errors
    (any status but 200) and how many of them were 429 (the API's concurrency limit)."""
    latencies: list[float] = []
    errors = refused = 0
    lock = threading.Lock()
    per_thread = [requests // threads + (1 if i < requests % threads else 0) for i in range(threads)]

    def worker(n: int) -> None:
        nonlocal errors, refused
        mine: list[float] = []
        bad = busy = 0
        with httpx.Client(base_url=base, timeout=60.0, headers=headers) as client:
            client.get(path)  # warm the connection
            for _ in range(n):
                t0 = time.perf_counter()
                r = client.get(path)
                mine.append(time.perf_counter() - t0)
                bad += r.status_code != 200
                busy += r.status_code == 429
        with lock:
            latencies.extend(mine)
            errors += bad
            refused += busy

    workers = [threading.Thread(target=worker, args=(n,)) for n in per_thread]
    start = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return latencies, time.perf_counter() - start, errors, refused


def measure(
    base: str,
    endpoints: dict[str, str],
    requests: int,
    threads: int,
    rounds: int,
    headers: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Interleave the endpoints over several rounds so a change in background load hits all alike."""
    lat: dict[str, list[float]] = {name: [] for name in endpoints}
    spent = dict.fromkeys(endpoints, 0.0)
    errors = dict.fromkeys(endpoints, 0)
    refused = dict.fromkeys(endpoints, 0)
    for _ in range(rounds):
        for name, path in endpoints.items():
            got, elapsed, bad, busy = drive(base, path, max(requests // rounds, threads), threads, headers)
            lat[name] += got
            spent[name] += elapsed
            errors[name] += bad
            refused[name] += busy
    out: dict[str, Any] = {}
    for name in endpoints:
        q = statistics.quantiles(sorted(lat[name]), n=100, method="inclusive")
        out[name] = {
            "rps": len(lat[name]) / spent[name],
            "p50": q[49] * 1000,
            "p99": q[98] * 1000,
            "errors": errors[name],
            "429": refused[name],
        }
    return out


def pick_targets(base: str) -> tuple[str, str]:
    """The practice with the most adopters and the province whose subtree adopted the most practices."""
    with httpx.Client(base_url=base, timeout=30.0) as c:
        practices = c.get("/practices", params={"limit": 1000}).json()["data"]
        key = max(practices, key=lambda p: (p["adopters"], p["key"]))["key"]
        provinces = c.get("/regions", params={"level": "province", "limit": 1000}).json()["data"]

        def breadth(code: str) -> int:
            r = c.get(f"/regions/{code}/practices", params={"include_descendants": "true", "limit": 1})
            return int(r.json()["count"])

        code = max((p["code"] for p in provinces), key=lambda code: (breadth(code), code))
    return key, code


def main() -> None:
    """Run the benchmark and print its figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=2000, help="requests per endpoint and concurrency")
    ap.add_argument(
        "--threads", type=int, action="append", help="client threads (repeat for several; default 8)"
    )
    ap.add_argument("--rounds", type=int, default=5, help="interleaved rounds over the endpoints")
    ap.add_argument(
        "--data-dir",
        type=Path,
        help="serve this existing store (e.g. bench_explorer.py --keep's 20k) instead of loading the seeds",
    )
    ap.add_argument("--graph", default="govkg_bench_explorer", help="graph name in --data-dir")
    ap.add_argument("--workers", type=int, default=1, help="uvicorn worker processes (govkg serve --workers)")
    ap.add_argument(
        "--cold",
        action="store_true",
        help="send Cache-Control: no-cache, so that every answer is computed (the API keeps answers "
        "while the store is unwritten; without --cold the repeated requests are replayed)",
    )
    ap.add_argument(
        "--neo4j",
        metavar="URI",
        help="serve this Neo4j database (GOVKG_NEO4J_USER/_PASSWORD), CLEARED and loaded unless --no-load",
    )
    ap.add_argument("--no-load", action="store_true", help="with --neo4j: serve what the database holds")
    args = ap.parse_args()
    levels = args.threads or [8]

    with tempfile.TemporaryDirectory(prefix="govkg-bench-api-") as tmp:
        store = None
        if args.data_dir is not None and args.neo4j is None:
            data_dir, graph = args.data_dir, args.graph
            print(f"serving the store in {data_dir} (graph {graph})")
        else:
            data_dir = Path(tmp) / "data"
            data_dir.mkdir(mode=0o700)
            graph = "govkg_bench"
            if args.neo4j is not None and args.no_load:
                print(f"serving the Neo4j database at {args.neo4j} as it is")
            else:
                t0 = time.perf_counter()
                store, n_reports = load(data_dir, graph, args.neo4j)
                where = args.neo4j or "the embedded store"
                print(f"loaded {n_reports} reports into {where} in {time.perf_counter() - t0:.1f}s")
        port = free_port()
        proc = start_server(data_dir, graph, port, args.workers, args.neo4j or "falkordb")
        base = f"http://127.0.0.1:{port}"
        results: dict[int, dict[str, Any]] = {}
        try:
            wait_ready(base, proc, timeout=900.0)
            key, code = pick_targets(base)
            deep = "/regions/{code}/practices?include_descendants=true"
            endpoints = {
                "/health": "/health",
                "/practices/{key}/adopters": f"/practices/{key}/adopters",
                deep: deep.replace("{code}", code),
                "/practices/{key}/timeline": f"/practices/{key}/timeline",
                "/search?q=网格": "/search?q=网格",
            }
            print(
                f"uvicorn on {base} ({args.workers} worker(s)); {args.requests} requests per endpoint, "
                f"{args.rounds} rounds, "
                + ("every answer computed (no-cache)" if args.cold else "kept answers replayed")
            )
            print(f"practice key = {key}, region code = {code}")
            for threads in levels:
                headers = {"Cache-Control": "no-cache"} if args.cold else None
                results[threads] = measure(base, endpoints, args.requests, threads, args.rounds, headers)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
            if store is not None:
                store.close()

    ok = True
    for threads, by_name in results.items():
        health = by_name["/health"]["rps"]
        print(f"\n{threads} client thread(s)")
        head = f"{'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6} {'429':>5} {'ratio':>6}"
        print(f"{'endpoint':<55} {head}")
        for name, r in by_name.items():
            ratio = r["rps"] / health
            print(
                f"{name:<55} {r['rps']:>8.0f} {r['p50']:>8.2f} {r['p99']:>8.2f} {r['errors']:>6} "
                f"{r['429']:>5} {ratio:>6.2f}"
            )
            if name != "/health":
                ok = ok and ratio >= TARGET and r["errors"] == 0
    verdict = "met" if ok else "NOT met"
    print(f"\ntarget: ratio to /health >= {TARGET} with no errors, every endpoint: {verdict}")


if __name__ == "__main__":
    main()
