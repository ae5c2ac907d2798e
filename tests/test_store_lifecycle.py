"""Issue 14 items 5, 11, 13: one store server per data dir, shared by every process that uses it
and stopped by the last one out; SIGTERM stops it; a server orphaned by kill -9 is stopped by
the next process that opens the store (never someone else's process); the API restarts a store
that died under it. All on the project's own examples/ and synthetic reports."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from synthetic_support import synthetic
from test_crash_safety import dump_graph

from govkg.config import Settings
from govkg.graph.falkor_store import FalkorStore, server_pid
from govkg.knowledge import KnowledgeGraph

REPO_ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = REPO_ROOT / "examples"
REPORTS = "MATCH (r:Report) RETURN count(r) AS n"
# Big enough, loaded by one process (--jobs 1 below), that a load is still writing when a second
# process has started and reached the writer lock (~2 s on a loaded machine): 300 reports with
# extraction workers finished in ~4 s, too close to that.
N_SYNTHETIC = 600


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GOVKG_", "NEO4J_"))}
    env["GOVKG_STORE"] = "falkordb"
    env["PYTHONPATH"] = str(REPO_ROOT)
    return env


def _govkg(*args: str) -> list[str]:
    return [sys.executable, "-m", "govkg.cli", *args]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    try:  # a zombie is not alive
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


def _servers_started(data_dir: Path) -> int:
    log = (data_dir / "falkor.log").read_text(encoding="utf-8", errors="replace")
    return log.count("Ready to accept connections")


def _reports(data_dir: Path) -> int:
    with FalkorStore(data_dir, graph_name="govkg") as store:
        return int(store.run_read(REPORTS)[0]["n"])


def _max_servers_at_once(data_dir: Path) -> int:
    """The most servers the data dir's server log shows running at the same time."""
    log = (data_dir / "falkor.log").read_text(encoding="utf-8", errors="replace")
    running = most = 0
    for line in log.splitlines():
        if "Ready to accept connections" in line:
            running += 1
        elif "ready to exit" in line:
            running -= 1
        most = max(most, running)
    return most


def test_two_loaders_started_together_load_one_after_the_other_on_one_server(data_dir: Path) -> None:
    cmds = [_govkg("load", str(EXAMPLES), "--data-dir", str(data_dir), "-q") for _ in range(2)]
    procs = [subprocess.Popen(c, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE) for c in cmds]
    outs = [p.communicate(timeout=600) for p in procs]
    for p, (out, err) in zip(procs, outs, strict=True):
        assert p.returncode in (0, 2), err.decode()
        assert b"Traceback" not in err and b"failed 0" in out, out.decode() + err.decode()
    assert _max_servers_at_once(data_dir) == 1
    assert b"Unable to obtain" not in (data_dir / "falkor.log").read_bytes()
    assert server_pid(data_dir) is None, "the last loader out stops the server"
    assert _reports(data_dir) == len(
        [p for p in EXAMPLES.iterdir() if p.suffix == ".txt" or p.suffix == ".html"]
    ) + (len((EXAMPLES / "reports.jsonl").read_text(encoding="utf-8").splitlines()))


def _started_writing(corpus: Path, data_dir: Path) -> tuple[subprocess.Popen[bytes], int]:
    """A `govkg load` of the corpus that has journalled its first reports (so it is writing)."""
    first = _start_load(corpus, data_dir)
    _wait_for_server(data_dir, first)
    return first, first.pid


def test_a_second_loader_waits_for_the_first_and_the_graph_is_both_sets_loaded_once(
    corpus: Path, data_dir: Path, tmp_path: Path
) -> None:
    first, first_pid = _started_writing(corpus, data_dir)
    second = subprocess.run(
        _govkg("load", str(EXAMPLES), "--data-dir", str(data_dir), "-q"),
        env=_env(),
        capture_output=True,
        timeout=900,
        check=False,
    )
    _, err_first = first.communicate(timeout=900)
    assert first.returncode == 0, err_first.decode()
    assert second.returncode in (0, 2) and b"failed 0" in second.stdout, second.stderr.decode()
    err = second.stderr.decode()
    assert "waiting for another govkg process writing to the graph" in err
    assert f"pid {first_pid} (govkg load" in err
    assert _max_servers_at_once(data_dir) == 1
    assert server_pid(data_dir) is None

    reference = tmp_path / "reference"
    with KnowledgeGraph.open(Settings(data_dir=reference, store="falkordb")) as kg:
        kg.load([corpus, EXAMPLES])
        assert isinstance(kg.store, FalkorStore)
        expected = dump_graph(kg.store)
    with FalkorStore(data_dir) as store:
        assert dump_graph(store) == expected, "the same graph as loading both sets once"


def test_a_second_loader_told_not_to_wait_is_refused_naming_the_first(corpus: Path, data_dir: Path) -> None:
    first, first_pid = _started_writing(corpus, data_dir)
    env = _env()
    env["GOVKG_WRITER_WAIT"] = "0"
    second = subprocess.run(
        _govkg("load", str(EXAMPLES), "--data-dir", str(data_dir), "-q"),
        env=env,
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert second.returncode == 1
    err = second.stderr.decode()
    assert "Traceback" not in err
    assert f"another govkg process is writing to the graph in {data_dir}: pid {first_pid}" in err
    _, err_first = first.communicate(timeout=900)
    assert first.returncode == 0, err_first.decode()
    assert _reports(data_dir) == N_SYNTHETIC, "the refused loader wrote nothing"


def test_a_loader_leaving_first_does_not_stop_the_server_under_another_user(data_dir: Path) -> None:
    store = FalkorStore(data_dir, graph_name="govkg")
    try:
        pid = server_pid(data_dir)
        assert pid is not None
        done = subprocess.run(
            _govkg("load", str(EXAMPLES), "--data-dir", str(data_dir), "-q"),
            env=_env(),
            capture_output=True,
            timeout=600,
            check=False,
        )
        assert done.returncode in (0, 2), done.stderr.decode()
        assert _alive(pid) and store.ping()
        assert store.run_read(REPORTS)[0]["n"] > 0
    finally:
        store.close()
    assert not _alive(pid)


def test_the_last_user_stops_a_server_another_process_started(data_dir: Path) -> None:
    owner_code = (
        "import sys; from pathlib import Path; from govkg.graph.falkor_store import FalkorStore; "
        "s = FalkorStore(Path(sys.argv[1]), graph_name='g'); print('ready', flush=True); "
        "sys.stdin.read(); s.close()"
    )
    owner = subprocess.Popen(
        [sys.executable, "-c", owner_code, str(data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    assert owner.stdout is not None and owner.stdout.readline().strip() == "ready"
    pid = server_pid(data_dir)
    assert pid is not None
    store = FalkorStore(data_dir, graph_name="g")
    assert owner.stdin is not None
    owner.stdin.close()
    assert owner.wait(60) == 0
    assert _alive(pid) and store.run_read("RETURN 1 AS one") == [{"one": 1}]
    store.close()
    deadline = time.monotonic() + 10
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(pid)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A synthetic corpus big enough that a load is still running a few seconds in."""
    path = tmp_path / "corpus"
    synthetic().SyntheticCorpus.default().write(path, N_SYNTHETIC, seed=7)
    return path


def _start_load(corpus: Path, data_dir: Path) -> subprocess.Popen[bytes]:
    env = _env()
    env["GOVKG_LOAD_GROUP"] = "25"  # journal entries early, so the signal lands mid-load
    return subprocess.Popen(
        _govkg("load", str(corpus), "--data-dir", str(data_dir), "-q", "--jobs", "1"),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        # A suite started in the background by a non-interactive shell inherits SIGINT ignored,
        # and Python (like any Unix tool) keeps an inherited SIG_IGN: give the loader the default
        # disposition, as a terminal's foreground command has it.
        preexec_fn=_default_sigint,
    )


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _wait_for_server(data_dir: Path, proc: subprocess.Popen[bytes]) -> int:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        pid = server_pid(data_dir)
        if pid is not None and (data_dir / "load-journal-").parent.exists():
            journals = list(data_dir.glob("load-journal-*.jsonl"))
            if journals and journals[0].stat().st_size > 0:
                return pid
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
        time.sleep(0.1)
    raise AssertionError("the load never got going")


@pytest.mark.parametrize("sig", [signal.SIGTERM, pytest.param(signal.SIGINT, marks=pytest.mark.slow)])
def test_sigterm_or_sigint_stop_the_server_and_the_load_resumes(
    corpus: Path, data_dir: Path, sig: int
) -> None:
    proc = _start_load(corpus, data_dir)
    pid = _wait_for_server(data_dir, proc)
    proc.send_signal(sig)
    proc.wait(120)
    assert proc.returncode != 0
    assert b"Traceback" not in (proc.stderr.read() if proc.stderr else b"")
    assert not _alive(pid), "the server must not outlive its loader"
    again = _start_load(corpus, data_dir)
    _, err = again.communicate(timeout=900)
    assert again.returncode == 0, err.decode()
    assert _reports(data_dir) == N_SYNTHETIC


def test_a_server_orphaned_by_kill_9_is_stopped_when_the_next_load_starts(
    corpus: Path, data_dir: Path
) -> None:
    proc = _start_load(corpus, data_dir)
    pid = _wait_for_server(data_dir, proc)
    proc.kill()
    proc.wait(60)
    assert _alive(pid), "kill -9 leaves the server behind (nothing can catch SIGKILL)"
    again = _start_load(corpus, data_dir)
    _, err = again.communicate(timeout=900)
    assert again.returncode == 0, err.decode()
    assert b"left running by a govkg process that is gone" in err
    assert not _alive(pid)
    assert _servers_started(data_dir) == 2, "the orphan was stopped and a supervised server started"
    assert _reports(data_dir) == N_SYNTHETIC


_OWNER = (
    "import sys, time; from pathlib import Path; from govkg.graph.falkor_store import FalkorStore; "
    "s = FalkorStore(Path(sys.argv[1]), graph_name='g'); s.run_write('CREATE (:Kept {n: 1})'); "
    "print('ready', flush=True); time.sleep(600)"
)


def _orphan(data_dir: Path, forks: bool = False) -> int:
    """A server left behind by a process killed with SIGKILL (optionally after forking a child)."""
    code = _OWNER
    if forks:  # a forked child (as an extraction worker) outlives its parent for a while
        code = code.replace("print(", "import os; os.fork() == 0 and (time.sleep(20), os._exit(0)); print(")
    owner = subprocess.Popen(
        [sys.executable, "-c", code, str(data_dir)], stdout=subprocess.PIPE, text=True, env=_env()
    )
    assert owner.stdout is not None and owner.stdout.readline().strip() == "ready"
    pid = server_pid(data_dir)
    assert pid is not None
    owner.kill()
    owner.wait(60)
    assert _alive(pid)
    return pid


@pytest.mark.parametrize("forks", [False, True], ids=["plain", "with_forked_child"])
def test_an_orphaned_server_is_stopped_at_open_and_a_new_one_serves_its_data(
    data_dir: Path, forks: bool, caplog: pytest.LogCaptureFixture
) -> None:
    orphan = _orphan(data_dir, forks)
    with FalkorStore(data_dir, graph_name="g") as store:
        assert not _alive(orphan), "stopped at start, not reused"
        assert store.started_server
        assert server_pid(data_dir) not in (None, orphan)
        assert store.run_read("MATCH (k:Kept) RETURN k.n AS n") == [{"n": 1}], "its data was flushed"
    assert "left running by a govkg process that is gone" in caplog.text


def test_a_server_in_use_by_another_process_is_not_stopped_as_an_orphan(data_dir: Path) -> None:
    # The owner closes its store (stopping the server) when its stdin closes.
    code = _OWNER.replace("time.sleep(600)", "sys.stdin.read(); s.close()")
    owner = subprocess.Popen(
        [sys.executable, "-c", code, str(data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    try:
        assert owner.stdout is not None and owner.stdout.readline().strip() == "ready"
        pid = server_pid(data_dir)
        with FalkorStore(data_dir, graph_name="g") as store:
            assert not store.started_server and server_pid(data_dir) == pid
        assert _alive(pid or 0), "the other process still uses it"
    finally:
        assert owner.stdin is not None
        owner.stdin.close()
        assert owner.wait(60) == 0
    assert server_pid(data_dir) is None, "its owner, the last user, stopped it"


def test_a_pidfile_naming_another_program_never_gets_it_stopped(data_dir: Path) -> None:
    other = subprocess.Popen(["sleep", "120"])
    try:
        (data_dir / "falkor.pid").write_text(f"{other.pid}\n")
        (data_dir / "falkor.sock").write_text("")  # a stale socket path, as after a crash
        with FalkorStore(data_dir, graph_name="g") as store:
            assert store.started_server and server_pid(data_dir) != other.pid
        assert other.poll() is None, "someone else's process was left alone"
    finally:
        other.kill()
        other.wait()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> tuple[int, Any]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
    except OSError:
        return 0, b""


def _reaped(pid: int) -> bool:
    """The process is gone and its exit status collected (no zombie left)."""
    return not Path(f"/proc/{pid}").exists()


def test_the_api_restarts_its_store_when_the_server_is_killed(data_dir: Path) -> None:
    done = subprocess.run(
        _govkg("load", str(EXAMPLES), "--data-dir", str(data_dir), "-q"),
        env=_env(),
        capture_output=True,
        timeout=600,
    )
    assert done.returncode in (0, 2), done.stderr.decode()
    api, base = _serve(data_dir)
    try:
        status, before = _get(base + "/stats")
        assert status == 200
        pid = server_pid(data_dir)
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        killed = time.monotonic()
        # No request comes: the API's supervisor notices, reaps and restarts on its own.
        while not _reaped(pid) or server_pid(data_dir) is None:
            assert time.monotonic() - killed < 30, "the API did not restart its store within 30 s"
            assert api.poll() is None
            time.sleep(0.2)
        new_pid = server_pid(data_dir)
        assert new_pid is not None and new_pid != pid
        while _get(base + "/health")[0] != 200:
            assert time.monotonic() - killed < 30, "the API did not answer again within 30 s"
            time.sleep(0.2)
        status, body = _get(base + "/stats")
        assert status == 200 and body == before, "restarted from its data: the same graph"
    finally:
        api.send_signal(signal.SIGTERM)
        api.wait(60)
    assert server_pid(data_dir) is None


def test_health_is_degraded_while_a_dead_store_is_being_restarted(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fastapi.testclient import TestClient

    from govkg.api import deps
    from govkg.api.app import create_app
    from govkg.graph.store import StoreError

    real_open = deps.open_store
    refusals = {"left": 0}

    def flaky_open(settings: Settings) -> Any:
        if refusals["left"] > 0:
            refusals["left"] -= 1
            raise StoreError("refused on purpose by the test")
        return real_open(settings)

    monkeypatch.setattr(deps, "open_store", flaky_open)
    with TestClient(create_app(Settings(data_dir=data_dir, store="falkordb"))) as client:
        deadline = time.monotonic() + 60
        while client.get("/health").status_code != 200:
            assert time.monotonic() < deadline
            time.sleep(0.1)
        before = client.get("/stats").json()
        pid = server_pid(data_dir)
        assert pid is not None
        refusals["left"] = 2  # the first two restarts fail: the API stays degraded meanwhile
        os.kill(pid, signal.SIGKILL)
        seen = []
        while (answer := client.get("/health")).status_code != 200:
            assert answer.status_code == 503
            seen.append(answer.json())
            assert time.monotonic() < deadline + 60, "the API did not come back"
            time.sleep(0.1)
        assert refusals["left"] == 0
        assert any(h.get("status") == "degraded" and "restarting" in h["detail"] for h in seen), seen
        assert _reaped(pid)
        assert client.get("/stats").json() == before
        assert client.app.state.store_holder.restarting == 0


def _serve(data_dir: Path, workers: int = 1) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    api = subprocess.Popen(
        _govkg("serve", "--port", str(port), "--data-dir", str(data_dir), "--workers", str(workers)),
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while _get(base + "/health")[0] != 200:
        assert time.monotonic() < deadline and api.poll() is None, "the API never came up"
        time.sleep(0.2)
    return api, base


def test_an_api_started_during_a_load_keeps_answering_after_the_load(corpus: Path, data_dir: Path) -> None:
    first, _ = _started_writing(corpus, data_dir)
    api, base = _serve(data_dir)
    try:
        _, err = first.communicate(timeout=900)
        assert first.returncode == 0, err.decode()
        assert server_pid(data_dir) is not None, "the API still uses the server the loader started"
        status, body = _get(base + "/stats")
        assert status == 200 and json.loads(body)["reports"] == N_SYNTHETIC
        assert _get(base + "/health")[0] == 200
    finally:
        api.send_signal(signal.SIGTERM)
        api.wait(60)
    assert server_pid(data_dir) is None, "the API, its last user, stopped it"
    assert _max_servers_at_once(data_dir) == 1


def _is_worker(pid: int) -> bool:
    """Whether a child of ``govkg serve --workers N`` is one of its uvicorn workers: not the
    multiprocessing resource tracker, which leaves only after the parent has gone."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return b"spawn_main" in cmdline


def _children(pid: int) -> list[int]:
    """Live child processes of pid (from /proc)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            out.append(int(stat.parent.name))
    return out


def test_api_workers_share_one_server_and_the_last_to_leave_stops_it(data_dir: Path) -> None:
    load = subprocess.run(
        _govkg("load", str(EXAMPLES), "--data-dir", str(data_dir), "-q"), env=_env(), capture_output=True
    )
    assert load.returncode == 0, load.stderr.decode()
    expected = _reports(data_dir)
    api, base = _serve(data_dir, workers=2)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while len(workers := [c for c in _children(api.pid) if _is_worker(c)]) < 2:
            assert time.monotonic() < deadline, "uvicorn did not start two workers"
            time.sleep(0.1)
        answers = []
        for _ in range(40):  # spread over both workers by the kernel's accept queue
            status, body = _get(base + "/stats")
            if status == 503:  # the other worker may still be opening its side of the store
                time.sleep(0.1)
                continue
            assert status == 200
            answers.append(json.loads(body)["reports"])
        assert answers and set(answers) == {expected}
        search = json.loads(_get(base + "/search?q=" + urllib.parse.quote("网格") + "&limit=3")[1])
        assert search["data"], search
        assert _max_servers_at_once(data_dir) == 1  # both workers use the one server
    finally:
        api.send_signal(signal.SIGTERM)
        api.wait(60)
    assert all(not _alive(w) for w in workers)
    assert server_pid(data_dir) is None, "the last worker to leave stopped the server"
