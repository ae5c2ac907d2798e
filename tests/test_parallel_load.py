"""`govkg load --jobs N`: extraction in worker processes writes exactly what one process writes."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from synthetic_support import synthetic
from test_crash_safety import dump_graph

from govkg.config import Settings
from govkg.graph.falkor_store import FalkorStore, server_pid
from govkg.knowledge import KnowledgeGraph
from govkg.load_progress import count_files, load_progress, progress_line
from govkg.loading import default_jobs, load_paths

REPO_ROOT = Path(__file__).resolve().parents[1]


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GOVKG_", "NEO4J_"))}
    env["GOVKG_STORE"] = "falkordb"
    env["PYTHONPATH"] = str(REPO_ROOT)
    return env


def _cli_load(corpus: list[Path], data_dir: Path, jobs: int) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "govkg.cli", "load", *map(str, corpus), "--data-dir", str(data_dir)]
    return subprocess.run(
        [*cmd, "--jobs", str(jobs)], env=_env(), cwd=REPO_ROOT, capture_output=True, text=True, timeout=900
    )


def _dump_and_export(data_dir: Path) -> tuple[tuple[list[str], list[str]], str]:
    with KnowledgeGraph.open(Settings(data_dir=data_dir, store="falkordb")) as kg:
        assert isinstance(kg.store, FalkorStore)
        dump = dump_graph(kg.store)
    export = subprocess.run(
        [sys.executable, "-m", "govkg.cli", "export", "adoptions", "--data-dir", str(data_dir)],
        env=_env(),
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return dump, export


def test_jobs_2_writes_the_same_graph_as_jobs_1(tmp_path: Path, shared_dir: Path) -> None:
    corpus = tmp_path / "corpus"
    synthetic().SyntheticCorpus.default().write(corpus, 90, seed=5)
    inputs = [corpus, shared_dir / "corpus"]
    one, two = _cli_load(inputs, tmp_path / "one", 1), _cli_load(inputs, tmp_path / "two", 2)
    assert one.returncode == 0, one.stderr
    assert two.returncode == 0, two.stderr
    assert "reports read 95, loaded 95" in one.stdout and "reports read 95, loaded 95" in two.stdout
    dump_one, export_one = _dump_and_export(tmp_path / "one")
    dump_two, export_two = _dump_and_export(tmp_path / "two")
    assert dump_one[0] and dump_one[1]
    assert dump_two == dump_one
    assert export_one.count("\n") > 95 and export_two == export_one


def test_parallel_load_in_process_matches_and_skips_duplicates(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    paths = synthetic().SyntheticCorpus.default().write(corpus, 40, seed=3)
    (corpus / "copy.txt").write_bytes(paths[30].read_bytes())  # the same report twice
    dumps = []
    for jobs in (1, 2):
        settings = Settings(data_dir=tmp_path / f"d{jobs}", store="falkordb")
        with KnowledgeGraph.open(settings) as kg:
            summary = load_paths(kg.store, [corpus], settings, jobs=jobs)
            assert (summary.read, summary.loaded, summary.skipped) == (41, 40, 1)
            assert isinstance(kg.store, FalkorStore)
            dumps.append(dump_graph(kg.store))
    assert dumps[0] == dumps[1]


def test_jobs_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="jobs must be at least 1"):
        load_paths(None, [], Settings(data_dir=tmp_path), jobs=0)  # type: ignore[arg-type]
    assert default_jobs() >= 1


def test_progress_lines_in_logs(tmp_path: Path) -> None:
    assert progress_line(50, 200, 10.0) == "loading: 50/200 reports, 5.0 reports/s, ETA 30s"
    assert progress_line(50, None, 10.0) == "loading: 50 reports, 5.0 reports/s"
    assert progress_line(100, 10_000, 10.0) == "loading: 100/10000 reports, 10.0 reports/s, ETA 16m30s"
    log = io.StringIO()  # not a terminal: plain lines, no bar
    with load_progress(3, stream=log, every=0.0) as advance:
        for name in ("a", "b", "c"):
            advance(name)
    lines = log.getvalue().splitlines()
    assert len(lines) == 3 and lines[-1].startswith("loading: 3/3 reports, ")
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("x")
    assert count_files([tmp_path]) == 2
    (tmp_path / "c.jsonl").write_text("{}")
    assert count_files([tmp_path]) is None  # records per file unknown: no ETA


def _children(pid: int) -> list[int]:
    kids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                kids.append(int(entry.name))
    return kids


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc to find the workers")
def test_workers_end_when_the_loader_is_killed(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    synthetic().SyntheticCorpus.default().write(corpus, 400, seed=8)
    cmd = [sys.executable, "-m", "govkg.cli", "load", str(corpus), "--data-dir", str(tmp_path / "d"), "-q"]
    proc = subprocess.Popen([*cmd, "--jobs", "2"], env=_env(), cwd=REPO_ROOT)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and proc.poll() is None:
            workers = [k for k in _children(proc.pid) if "govkg" in Path(f"/proc/{k}/cmdline").read_text()]
            if len(workers) >= 2:
                break
            time.sleep(0.2)
        assert len(workers) >= 2, "the load never started its extraction workers"
        proc.kill()
        proc.wait(60)
        for _ in range(100):
            if not any(_alive(w) for w in workers):
                break
            time.sleep(0.1)
        assert not any(_alive(w) for w in workers), "workers outlived the killed loader"
    finally:
        proc.kill()
        for w in workers:  # only if the test failed: leave nothing behind
            if _alive(w):
                os.kill(w, signal.SIGKILL)
        server = server_pid(tmp_path / "d")  # kill -9 leaves the store's server: stop it
        if server is not None:
            os.kill(server, signal.SIGTERM)
