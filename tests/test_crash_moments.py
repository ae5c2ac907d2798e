"""Keep proving it (issue 14): a loader stopped at five chosen moments — at start, mid group,
mid group with the FalkorDB server killed too, by SIGTERM, and while closing — then resumed,
ends with a graph dump identical to one clean load (every node and relationship, with properties)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from synthetic_support import synthetic
from test_crash_safety import REPORT_IDS, dump_graph

from govkg.config import Settings
from govkg.graph.falkor_store import FalkorStore, server_pid
from govkg.graph.journal import LoadJournal
from govkg.knowledge import KnowledgeGraph
from govkg.loading import journal_path

REPO_ROOT = Path(__file__).resolve().parents[1]
N_REPORTS = 120
GROUP = 20
DEADLINE = 600.0


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GOVKG_", "NEO4J_"))}
    env["GOVKG_STORE"] = "falkordb"
    env["GOVKG_LOAD_GROUP"] = str(GROUP)
    env["PYTHONPATH"] = str(REPO_ROOT)
    return env


def _start(corpus: Path, data_dir: Path) -> subprocess.Popen[bytes]:
    cmd = [
        sys.executable,
        "-m",
        "govkg.cli",
        "load",
        str(corpus),
        "--data-dir",
        str(data_dir),
        "-q",
        "--jobs",
        "1",
    ]
    return subprocess.Popen(cmd, env=_env(), cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _journal(data_dir: Path) -> int:
    try:
        with journal_path(Settings(data_dir=data_dir, store="falkordb")).open("rb") as fh:
            return sum(1 for _ in fh)
    except FileNotFoundError:
        return 0


def _wait(proc: subprocess.Popen[bytes], ready: Callable[[], bool]) -> None:
    deadline = time.monotonic() + DEADLINE
    while not ready():
        assert proc.poll() is None, (
            f"the load ended before the moment: {proc.stderr.read() if proc.stderr else ''!r}"
        )
        assert time.monotonic() < deadline
        time.sleep(0.01)


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, tuple[list[str], list[str]]]]:
    """The corpus and the dump of one clean load of it."""
    base = tmp_path_factory.mktemp("moments")
    corpus = base / "corpus"
    synthetic().SyntheticCorpus.default().write(corpus, N_REPORTS, seed=31)
    data_dir = base / "reference"
    with KnowledgeGraph.open(Settings(data_dir=data_dir, store="falkordb")) as kg:
        summary = kg.load([corpus])
        assert summary.exit_code == 0 and summary.loaded == N_REPORTS
        assert isinstance(kg.store, FalkorStore)
        yield corpus, dump_graph(kg.store)


MOMENTS = [
    "at_start",
    pytest.param("mid_group", marks=pytest.mark.slow),
    pytest.param("mid_group_and_server", marks=pytest.mark.slow),
    "sigterm_mid_group",
    "at_close",
]


@pytest.mark.parametrize("moment", MOMENTS)
def test_a_load_stopped_at_this_moment_resumes_to_the_clean_graph(
    reference: tuple[Path, tuple[list[str], list[str]]], tmp_path: Path, moment: str
) -> None:
    corpus, (ref_nodes, ref_edges) = reference
    data_dir = tmp_path / "crashed"
    proc = _start(corpus, data_dir)
    try:
        if moment == "at_start":
            _wait(proc, lambda: server_pid(data_dir) is not None)
        elif moment == "at_close":
            _wait(proc, lambda: _journal(data_dir) >= N_REPORTS)  # all written: closing now
        else:
            _wait(proc, lambda: _journal(data_dir) >= GROUP)
            time.sleep(0.3)  # inside the next group's statements
        server = server_pid(data_dir)
        if moment == "sigterm_mid_group":
            proc.send_signal(signal.SIGTERM)
            proc.wait(120)
            assert server is None or server_pid(data_dir) is None, "SIGTERM left the server running"
        else:
            proc.kill()
            proc.wait(60)
        if moment == "mid_group_and_server" and server is not None:
            os.kill(server, signal.SIGKILL)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    journalled = _journal(data_dir)
    again = _start(corpus, data_dir)
    _, err = again.communicate(timeout=DEADLINE)
    assert again.returncode == 0, err.decode(errors="replace")
    with FalkorStore(data_dir) as store:
        nodes, edges = dump_graph(store)
        in_graph = {row["id"] for row in store.run_read(REPORT_IDS)}
    assert nodes == ref_nodes, (moment, journalled)
    assert edges == ref_edges, (moment, journalled)
    assert len(in_graph) == N_REPORTS
    journal = LoadJournal(journal_path(Settings(data_dir=data_dir, store="falkordb")))
    assert set(journal.report_ids()) == in_graph
    assert server_pid(data_dir) is None, "the resumed load stopped the server it used"
