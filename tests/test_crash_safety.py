"""Crash safety: a loader killed with SIGKILL at random points and restarted ends with the same graph.

A synthetic corpus is loaded once cleanly (the reference) and, in another data dir, by
`govkg load` subprocesses that are SIGKILLed part-way (after a random number of finished
reports plus a random extra delay, so the kill lands anywhere inside a report's statements)
and restarted until one exits 0. In the small cases the first kill also takes down the
embedded FalkorDB server, so the restart must come back from the append-only file. The final graph must
equal the reference: same nodes and relationships with the same properties, no duplicate
facts, and a Report node for every report the journal calls done.

The small cases run on both stores: on Neo4j (the server GOVKG_TEST_NEO4J_URI names, cleared first) the
killed loaders write to Neo4j and the reference is the same clean load on the embedded store,
so the check is also that a crashed Neo4j load ends equal to a clean FalkorDB one.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from synthetic_support import synthetic

from govkg.config import Settings
from govkg.graph.falkor_store import FalkorStore, server_pid
from govkg.graph.journal import LoadJournal
from govkg.graph.neo4j_store import Neo4jStore
from govkg.graph.store import GraphStore
from govkg.knowledge import KnowledgeGraph
from govkg.loading import journal_path

REPO_ROOT = Path(__file__).resolve().parents[1]
SYNTHETIC = REPO_ROOT / "bench" / "synthetic.py"

# Properties that legitimately differ between two loads of the same reports, or between the two
# engines (a sentence's search bigrams are Neo4j's: the embedded store indexes evidence beside it).
VOLATILE = {"Report": {"loaded_at"}, "Sentence": {"grams"}}

NODES = "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props"
EDGES = """
MATCH (a)-[r]->(b)
RETURN labels(a) AS a_labels, coalesce(a.code, a.key, a.id, a.name) AS a_key,
       type(r) AS type, properties(r) AS props,
       labels(b) AS b_labels, coalesce(b.code, b.key, b.id, b.name) AS b_key
"""
REPORT_IDS = "MATCH (r:Report) RETURN r.id AS id"
# Stop a run that never finishes rather than hang the suite.
RUN_DEADLINE = 600.0


def _settings(data_dir: Path, kind: str = "falkordb") -> Settings:
    """The settings a loader uses: the embedded store, or the Neo4j server of GOVKG_TEST_NEO4J_URI."""
    if kind == "falkordb":
        return Settings(data_dir=data_dir, store="falkordb")
    return Settings(
        data_dir=data_dir,
        store=os.environ["GOVKG_TEST_NEO4J_URI"],
        neo4j_user=os.environ.get("GOVKG_TEST_NEO4J_USER", "neo4j"),
        neo4j_password=os.environ.get("GOVKG_TEST_NEO4J_PASSWORD", "neo4j"),
        neo4j_database=os.environ.get("GOVKG_TEST_NEO4J_DATABASE") or None,
    )


def _env(kind: str = "falkordb") -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GOVKG_", "NEO4J_"))}
    env["GOVKG_STORE"] = "falkordb"
    if kind == "neo4j":
        env["GOVKG_STORE"] = os.environ["GOVKG_TEST_NEO4J_URI"]
        env["GOVKG_NEO4J_USER"] = os.environ.get("GOVKG_TEST_NEO4J_USER", "neo4j")
        env["GOVKG_NEO4J_PASSWORD"] = os.environ.get("GOVKG_TEST_NEO4J_PASSWORD", "neo4j")
        if os.environ.get("GOVKG_TEST_NEO4J_DATABASE"):
            env["GOVKG_NEO4J_DATABASE"] = os.environ["GOVKG_TEST_NEO4J_DATABASE"]
    return env


def _load_cmd(corpus: Path, data_dir: Path) -> list[str]:
    return [sys.executable, "-m", "govkg.cli", "load", str(corpus), "--data-dir", str(data_dir), "-q"]


def _start_load(corpus: Path, data_dir: Path, kind: str = "falkordb") -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        _load_cmd(corpus, data_dir),
        env=_env(kind),
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _journal_lines(data_dir: Path, kind: str = "falkordb") -> int:
    path = journal_path(_settings(data_dir, kind))
    try:
        with path.open("rb") as fh:
            return sum(1 for _ in fh)
    except FileNotFoundError:
        return 0


def _stop_server(data_dir: Path, sig: int = signal.SIGTERM) -> None:
    """Stop a server a killed loader left running in data_dir (and wait for it to go)."""
    pid = server_pid(data_dir)
    if pid is None:
        return
    os.kill(pid, sig)
    deadline = time.monotonic() + 15
    while server_pid(data_dir) is not None and time.monotonic() < deadline:
        time.sleep(0.05)


def _crash_load(
    corpus: Path, data_dir: Path, n_reports: int, seed: int, kills: int, kill_server: bool, kind: str
) -> list[str]:
    """Load with `kills` SIGKILLs at seeded random points, then let a last run finish; returns the log."""
    rng = random.Random(seed)
    log: list[str] = []
    # Increasing progress targets spread over the load, so every kill lands mid-load.
    targets = sorted(rng.sample(range(1, n_reports - 1), kills))
    # The server is killed with the first loader kill (the smallest append-only file to replay),
    # so the final run reuses a running server and the test can read it without a restart.
    server_kill = 0 if kill_server else -1
    for i, target in enumerate(targets):
        proc = _start_load(corpus, data_dir, kind)
        try:
            deadline = time.monotonic() + RUN_DEADLINE
            while _journal_lines(data_dir, kind) < target and proc.poll() is None:
                assert time.monotonic() < deadline, f"load made no progress to {target} reports"
                time.sleep(0.02)
            # Anywhere inside the next report's statements: a random delay, cut short when the next
            # journal line appears (a fast load could otherwise finish within the delay).
            until = time.monotonic() + rng.uniform(0.0, 0.25)
            while time.monotonic() < until and _journal_lines(data_dir, kind) <= target:
                time.sleep(0.002)
            running = proc.poll() is None
            proc.kill()
            proc.wait()
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        assert running, f"run {i} finished before its kill: {proc.stderr.read() if proc.stderr else ''!r}"
        log.append(f"killed after {_journal_lines(data_dir, kind)} journal lines (target {target})")
        if i == server_kill:
            _stop_server(data_dir, signal.SIGKILL)
            log.append("killed the FalkorDB server too")
    proc = _start_load(corpus, data_dir, kind)
    out, err = proc.communicate(timeout=RUN_DEADLINE)
    assert proc.returncode == 0, f"final run exited {proc.returncode}: {err.decode(errors='replace')}"
    log.append(out.decode(errors="replace").strip())
    return log


def _key(row: Any) -> str:
    return json.dumps(row, ensure_ascii=False, sort_keys=True)


def dump_graph(store: GraphStore) -> tuple[list[str], list[str]]:
    """Every node (labels, properties) and relationship (endpoints, type, properties), sorted."""
    nodes = []
    for row in store.run_read(NODES):
        labels = sorted(row["labels"])
        drop = set().union(*(VOLATILE.get(label, set()) for label in labels))
        props = {k: v for k, v in row["props"].items() if k not in drop}
        nodes.append(_key({"labels": labels, "props": props}))
    edges = [
        _key(
            {
                "a": [sorted(row["a_labels"]), row["a_key"]],
                "type": row["type"],
                "b": [sorted(row["b_labels"]), row["b_key"]],
                "props": row["props"],
            }
        )
        for row in store.run_read(EDGES)
    ]
    return sorted(nodes), sorted(edges)


def _fact_identity(edge: str) -> str:
    e = json.loads(edge)
    return _key([e["a"], e["type"], e["b"], e["props"].get("report_id")])


def _node_identity(node: str) -> str:
    n = json.loads(node)
    p = n["props"]
    return _key([n["labels"], p.get("code", p.get("key", p.get("id", p.get("name"))))])


@pytest.fixture
def servers_stopped(tmp_path: Path) -> Iterator[None]:
    """Whatever happens, no FalkorDB server is left running in the test's data dirs."""
    yield
    for d in tmp_path.iterdir():
        if d.is_dir():
            _stop_server(d)


def _reference_load(corpus: Path, data_dir: Path, out: dict[str, Any]) -> None:
    """A clean single load in this process; leaves the graph dump (or the error) in ``out``."""
    try:
        with KnowledgeGraph.open(Settings(data_dir=data_dir, store="falkordb")) as kg:
            summary = kg.load([corpus])
            out["summary"] = summary
            assert isinstance(kg.store, FalkorStore)
            out["dump"] = dump_graph(kg.store)
    except BaseException as e:  # handed to the main thread, which fails the test with it
        out["error"] = e


def _check(
    tmp_path: Path, n_reports: int, seed: int, kills: int, kill_server: bool, kind: str = "falkordb"
) -> None:
    corpus = tmp_path / "corpus"
    synthetic().SyntheticCorpus.default().write(corpus, n_reports, seed=seed)
    ref_dir, crash_dir = tmp_path / "reference", tmp_path / "crashed"
    # The clean reference load runs beside the crash loop, on its own server and data dir.
    ref: dict[str, Any] = {}
    worker = threading.Thread(target=_reference_load, args=(corpus, ref_dir, ref), daemon=True)
    worker.start()
    log = _crash_load(corpus, crash_dir, n_reports, seed, kills, kill_server and kind == "falkordb", kind)
    worker.join(RUN_DEADLINE)
    assert not worker.is_alive(), "the reference load did not finish"
    if "error" in ref:
        raise ref["error"]
    assert ref["summary"].exit_code == 0 and ref["summary"].loaded == n_reports
    ref_nodes, ref_edges = ref["dump"]

    # The last run reused the server a killed run left behind, so it is still up here.
    settings = _settings(crash_dir, kind)
    crashed: GraphStore = (
        FalkorStore(crash_dir)
        if kind == "falkordb"
        else Neo4jStore(
            settings.effective_store(), settings.neo4j_user, settings.neo4j_password, settings.neo4j_database
        )
    )
    try:
        nodes, edges = dump_graph(crashed)
        in_graph = {row["id"] for row in crashed.run_read(REPORT_IDS)}
    finally:
        crashed.close()
    journal = LoadJournal(journal_path(settings))

    assert len(ref_nodes) > n_reports and len(ref_edges) > n_reports  # a real graph, not an empty one
    labels = Counter(json.loads(n)["labels"][0] for n in nodes)
    assert labels == Counter(json.loads(n)["labels"][0] for n in ref_nodes), log
    types = Counter(json.loads(e)["type"] for e in edges)
    assert types == Counter(json.loads(e)["type"] for e in ref_edges), log
    assert nodes == ref_nodes, log
    assert edges == ref_edges, log
    assert len(set(map(_node_identity, nodes))) == len(nodes), "duplicate nodes"
    assert len(set(map(_fact_identity, edges))) == len(edges), "duplicate facts"
    assert len(in_graph) == labels["Report"] == n_reports
    assert set(journal.report_ids()) <= in_graph, "the journal marks a report done that has no Report node"
    assert len(journal) == n_reports


@pytest.fixture(params=["falkordb", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def kind(request: pytest.FixtureRequest) -> str:
    """The store the killed loaders write to; for Neo4j, its server emptied first."""
    if request.param == "neo4j":
        request.getfixturevalue("neo4j_store")  # clears the database, and again afterwards
    return str(request.param)


@pytest.mark.parametrize("seed", [11, 23])
def test_killed_loads_end_equal_to_a_clean_load(
    tmp_path: Path, servers_stopped: None, seed: int, kind: str
) -> None:
    """A small corpus, two kills at seeded random points: the graph equals a clean load."""
    _check(tmp_path, n_reports=40, seed=seed, kills=2, kill_server=True, kind=kind)


@pytest.mark.slow
def test_killed_2000_report_load_ends_equal_to_a_clean_load(tmp_path: Path, servers_stopped: None) -> None:
    """The issue's case: 2,000 reports, the loader killed four times."""
    _check(tmp_path, n_reports=2000, seed=2026, kills=4, kill_server=False)
