"""The embedded FalkorDB store: lifecycle, reuse, persistence, read-only enforcement, plain results."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from govkg.config import Settings
from govkg.graph import falkor_store as fs
from govkg.graph.falkor_store import FalkorStore, server_pid
from govkg.graph.model import FULLTEXT, UNIQUE_KEYS
from govkg.graph.store import GraphStore, QueryError, StoreError, open_store


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    return True


def test_start_and_stop(data_dir: Path) -> None:
    store = FalkorStore(data_dir, graph_name="g")
    try:
        assert isinstance(store, GraphStore)
        assert store.dialect == "falkordb"
        assert store.started_server
        assert store.ping()
        assert (data_dir / "falkor.sock").exists()
        pid = server_pid(data_dir)
        assert pid is not None and _alive(pid)
        assert store.run_read("RETURN 1 AS one") == [{"one": 1}]
    finally:
        store.close()
    assert not store.ping()
    assert not (data_dir / "falkor.sock").exists()
    assert not _alive(pid)
    store.close()  # a second close is harmless


def test_reuses_a_running_server_and_leaves_it_running(data_dir: Path) -> None:
    first = FalkorStore(data_dir, graph_name="g")
    try:
        first.run_write("CREATE (:Region {code: '1', name: 'a'})")
        second = FalkorStore(data_dir, graph_name="g")
        assert not second.started_server
        assert second.run_read("MATCH (r:Region) RETURN r.code AS code") == [{"code": "1"}]
        second.close()
        assert first.ping(), "closing a store that reused the server must not stop it"
    finally:
        first.close()


def test_reuses_a_server_another_process_started(data_dir: Path) -> None:
    owner_code = (
        "import sys; from pathlib import Path; from govkg.graph.falkor_store import FalkorStore; "
        "s = FalkorStore(Path(sys.argv[1]), graph_name='g'); "
        "s.run_write(\"CREATE (:Region {code: 'from-owner'})\"); "
        "print('ready', flush=True); sys.stdin.read(); s.close()"
    )
    owner = subprocess.Popen(
        [sys.executable, "-c", owner_code, str(data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert owner.stdout is not None and owner.stdout.readline().strip() == "ready"
        pid = server_pid(data_dir)
        assert pid is not None
        store = FalkorStore(data_dir, graph_name="g")
        assert not store.started_server
        assert store.run_read("MATCH (r:Region) RETURN r.code AS code") == [{"code": "from-owner"}]
        store.close()
        assert _alive(pid), "a store must not stop a server another process started"
    finally:
        assert owner.stdin is not None
        owner.stdin.close()
        owner.wait(30)
    assert owner.returncode == 0
    assert not (data_dir / "falkor.sock").exists()


def test_server_stops_when_the_last_store_of_this_process_closes(data_dir: Path) -> None:
    first = FalkorStore(data_dir, graph_name="g")
    second = FalkorStore(data_dir, graph_name="other")
    pid = server_pid(data_dir)
    assert pid is not None
    first.close()
    assert second.ping() and _alive(pid), "the starter closed first: the other store keeps the server"
    assert second.run_read("RETURN 2 AS two") == [{"two": 2}]
    second.close()
    assert not _alive(pid)


def test_stale_socket_and_pidfile_from_a_crash_are_ignored(data_dir: Path) -> None:
    (data_dir / "falkor.sock").write_text("")  # left behind by a server that was killed
    (data_dir / "falkor.pid").write_text(f"{os.getpid()}\n")  # a pid now used by another program
    with FalkorStore(data_dir, graph_name="g") as store:
        assert store.started_server and store.ping()


def test_data_survives_a_restart(data_dir: Path) -> None:
    with FalkorStore(data_dir, graph_name="g") as store:
        store.run_write(
            "UNWIND $rows AS row CREATE (:Practice {key: row.key, aliases: row.aliases})",
            {"rows": [{"key": "k1", "aliases": ["甲", "乙"]}, {"key": "k2", "aliases": []}]},
        )
    assert (data_dir / "appendonlydir").is_dir()
    with FalkorStore(data_dir, graph_name="g") as store:
        assert store.started_server
        rows = store.run_read("MATCH (p:Practice) RETURN p.key AS key, p.aliases AS aliases ORDER BY key")
    assert rows == [{"key": "k1", "aliases": ["甲", "乙"]}, {"key": "k2", "aliases": []}]


def test_read_only_call_rejects_writes_and_bad_queries(falkor_store: FalkorStore) -> None:
    with pytest.raises(QueryError, match="read-only"):
        falkor_store.run_read("CREATE (:Region {code: 'x'})")
    assert falkor_store.run_read("MATCH (n) RETURN count(n) AS n") == [{"n": 0}]
    with pytest.raises(QueryError, match="Invalid input"):
        falkor_store.run_read("MATCH (n RETURN n")
    slow = (
        "UNWIND range(1, 3000) AS x UNWIND range(1, 3000) AS y "
        "WITH x, y WHERE (x * y) % 7 = 3 RETURN count(*) AS n"
    )
    with pytest.raises(QueryError, match="timed out"):
        falkor_store.run_read(slow, timeout=0.001)


def test_results_are_plain_python(falkor_store: FalkorStore) -> None:
    falkor_store.run_write(
        "CREATE (:Region {code: '1', aliases: ['x']})-[:PART_OF {w: 1.5}]->(:Region {code: '2'})"
    )
    rows = falkor_store.run_read(
        "MATCH p = (a:Region)-[r:PART_OF]->(b:Region) "
        "RETURN a, r, p, a {.code, nested: [1, {k: b.code}]} AS m, [a.code, null, true] AS l"
    )
    assert rows == [
        {
            "a": {"code": "1", "aliases": ["x"]},
            "r": {"w": 1.5},
            "p": {"nodes": [{"code": "1", "aliases": ["x"]}, {"code": "2"}], "relationships": [{"w": 1.5}]},
            "m": {"code": "1", "nested": [1, {"k": "2"}]},
            "l": ["1", None, True],
        }
    ]

    def only_plain(v: object) -> bool:
        if type(v) is dict:
            return all(type(k) is str and only_plain(x) for k, x in v.items())
        if type(v) is list:
            return all(only_plain(x) for x in v)
        return v is None or type(v) in (str, int, float, bool)

    assert only_plain(rows)


def test_the_reply_reader_agrees_with_the_client_parser(
    falkor_store: FalkorStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Scalars, lists and maps are read from the compact reply directly; nodes, edges, paths and
    dates go to the client's parser; both give the same rows."""
    falkor_store.run_write(
        "CREATE (:Region {code: '9', aliases: ['y']})-[:PART_OF {w: 2}]->(:Region {code: '8'})"
    )
    plain = (
        "MATCH (a:Region {code: '9'}) RETURN a.code AS s, 7 AS i, -2.5 AS d, true AS t, false AS f, "
        "null AS n, [1, 'x', [null, 0.25]] AS l, {k: a.aliases, m: {z: 1}} AS m, "
        "point({latitude: 30.5, longitude: 114.25}) AS p"
    )
    rich = "MATCH p = (a:Region)-[r:PART_OF]->(b) RETURN a, r, p, date('2021-03-04') AS day"
    fast = [falkor_store.run_read(q) for q in (plain, rich)]
    assert fast[0] == [
        {
            "s": "9",
            "i": 7,
            "d": -2.5,
            "t": True,
            "f": False,
            "n": None,
            "l": [1, "x", [None, 0.25]],
            "m": {"k": ["y"], "m": {"z": 1}},
            "p": {"latitude": 30.5, "longitude": 114.25},
        }
    ]
    seen: list[object] = []
    monkeypatch.setattr(fs, "plain_rows", lambda response: seen.append(response))  # always None
    assert [falkor_store.run_read(q) for q in (plain, rich)] == fast
    assert len(seen) == 2
    monkeypatch.undo()
    assert fs.plain_rows(["not", "a", "reply"]) is None
    assert fs.plain_rows([[[1, "a"]], [[[8, [1, [], []]]]], []]) is None  # a node: the client's job


def test_parameters_carry_awkward_strings(falkor_store: FalkorStore) -> None:
    value = "a\"b\\c\n「引号」'd"
    assert falkor_store.run_read("RETURN $v AS v", {"v": value}) == [{"v": value}]


def test_schema_is_idempotent_and_clear_keeps_it_working(falkor_store: FalkorStore) -> None:
    falkor_store.ensure_schema()
    falkor_store.ensure_schema()
    indexes = falkor_store.run_read("CALL db.indexes() YIELD label, types, status RETURN *")
    assert all(row["status"] == "OPERATIONAL" for row in indexes)
    by_label = {row["label"]: row["types"] for row in indexes}
    for label, key in UNIQUE_KEYS.items():
        assert "RANGE" in by_label[label][key]
    for label, props in FULLTEXT.items():
        assert all("FULLTEXT" in by_label[label][p] for p in props)
    falkor_store.run_write("CREATE (:Practice {key: 'k', name: '枫桥经验', aliases: ['枫桥']})")
    search = "CALL db.idx.fulltext.queryNodes('Practice', $q) YIELD node RETURN node.key AS key"
    assert falkor_store.run_read(search, {"q": "枫桥经验"}) == [{"key": "k"}]
    assert falkor_store.run_read(search, {"q": "枫桥*"}) == [{"key": "k"}]
    assert falkor_store.run_read(search, {"q": "治安"}) == []
    falkor_store.clear()
    assert falkor_store.run_read("MATCH (n) RETURN count(n) AS n") == [{"n": 0}]


def test_world_writable_data_dir_is_refused(tmp_path: Path) -> None:
    d = tmp_path / "open"
    d.mkdir()
    d.chmod(0o777)
    with pytest.raises(StoreError, match="world-writable"):
        FalkorStore(d)


def test_new_data_dir_is_private(tmp_path: Path) -> None:
    d = tmp_path / "fresh" / "data"
    with FalkorStore(d, graph_name="g"):
        assert d.stat().st_mode & 0o777 == 0o700


def test_failed_start_reports_the_server_log(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    server, _ = fs._binaries()
    missing = data_dir / "no-such-module.so"
    monkeypatch.setattr(fs, "_binaries", lambda: (server, str(missing)))
    with pytest.raises(StoreError, match="exited at start") as info:
        FalkorStore(data_dir)
    assert "no-such-module" in str(info.value)


def test_unsupported_platform_points_to_neo4j(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    with pytest.raises(StoreError, match=r"Linux or macOS.*GOVKG_STORE=neo4j"):
        fs._binaries()


def test_open_store_from_settings(tmp_path: Path) -> None:
    settings = Settings(store="falkordb", data_dir=tmp_path / "d", graph_name="from_settings")
    store = open_store(settings)
    try:
        assert isinstance(store, FalkorStore)
        assert store.default_timeout == settings.query_timeout
        assert store.ping()
    finally:
        store.close()


# -- restart after large loads, loading servers, hung servers ----------------------------


def _synthetic_extractions(n: int) -> list[object]:
    """n deterministic synthetic reports (bench/synthetic.py), extracted."""
    import importlib.util

    from govkg.loaders.extract import extract

    spec = importlib.util.spec_from_file_location(
        "synthetic", Path(__file__).parents[1] / "bench" / "synthetic.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["synthetic"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    corpus = module.SyntheticCorpus.default()
    return [extract(doc) for doc in corpus.documents(n, 11)]


def _graph_dump(store: FalkorStore) -> tuple[list[str], list[str]]:
    nodes = store.run_read("MATCH (n) RETURN labels(n)[0] AS l, n AS p")
    edges = store.run_read(
        "MATCH (a)-[r]->(b) RETURN labels(a)[0] AS a, a AS ap, type(r) AS t, r AS rp, b AS bp"
    )
    import json

    return (
        sorted(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in nodes),
        sorted(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in edges),
    )


def _aof_files(data_dir: Path) -> dict[str, int]:
    return {p.name: p.stat().st_size for p in (data_dir / "appendonlydir").iterdir()}


@pytest.mark.parametrize(
    "n", [pytest.param(200, id="200"), pytest.param(2000, id="2000", marks=pytest.mark.slow)]
)
def test_close_compacts_the_aof_so_a_restart_loads_a_snapshot(data_dir: Path, n: int) -> None:
    from govkg.graph.writer import write_extractions

    extractions = _synthetic_extractions(n)
    store = FalkorStore(data_dir, graph_name="g")
    store.ensure_schema()
    write_extractions(store, extractions, group=50)  # type: ignore[arg-type]
    before = _graph_dump(store)
    assert len(before[0]) > n
    store.close()
    files = _aof_files(data_dir)
    # The graph lives in a snapshot base and the replayed tail is small: close rewrites a tail over
    # COMPACT_MIN_BYTES, and the server's own auto-rewrite (which may run at any moment during the
    # writes, depending on timing) leaves less than that behind it.
    bases = [name for name in files if name.endswith(".base.rdb")]
    assert bases, files
    tail = sum(size for name, size in files.items() if name.endswith(".incr.aof"))
    assert tail <= fs.COMPACT_MIN_BYTES < files[bases[0]], files
    with FalkorStore(data_dir, graph_name="g") as reopened:
        assert reopened.started_server
        assert _graph_dump(reopened) == before


def test_small_stores_close_without_a_rewrite(data_dir: Path) -> None:
    with FalkorStore(data_dir, graph_name="g") as store:
        store.run_write("CREATE (:Region {code: '1'})")
        assert store.compact(min_bytes=fs.COMPACT_MIN_BYTES) is False
        assert store.compact() is True  # forced: any tail at all
        assert any(name.endswith(".base.rdb") for name in _aof_files(data_dir))
        assert store.run_read("MATCH (r:Region) RETURN r.code AS c") == [{"c": "1"}]


def test_server_started_with_self_compacting_aof(falkor_store: FalkorStore) -> None:
    config = falkor_store._db.connection.config_get("aof*")
    assert config["aof-use-rdb-preamble"] == "yes"
    assert (
        int(falkor_store._db.connection.config_get("auto-aof-rewrite-min-size")["auto-aof-rewrite-min-size"])
        == 16 * 1024 * 1024
    )


def _loading_for(calls: int, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make the next `calls` probes see a server answering LOADING; returns the probe log."""
    real = FalkorStore._probe
    seen: list[str] = []

    def probe(self: FalkorStore) -> str:
        if len(seen) < calls:
            seen.append("loading")
            return "loading"
        seen.append(real(self))
        return seen[-1]

    monkeypatch.setattr(FalkorStore, "_probe", probe)
    return seen


def test_a_loading_server_is_waited_for_never_replaced(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    owner = FalkorStore(data_dir, graph_name="g")
    try:
        owner.run_write("CREATE (:Region {code: 'kept'})")
        pid = server_pid(data_dir)
        seen = _loading_for(5, monkeypatch)
        # Even without a pidfile, a server answering LOADING is alive: its socket must stay.
        monkeypatch.setattr(fs, "server_pid", lambda _d: None)
        monkeypatch.setattr(fs, "_OWNED", {})  # as if another process had started it
        with caplog.at_level("WARNING", logger="govkg.graph.falkor_store"):
            waiting = FalkorStore(data_dir, graph_name="g")
        assert seen[:5] == ["loading"] * 5 and seen[5] == "ready"
        assert not waiting.started_server
        assert "is loading its data" in caplog.text
        assert waiting.run_read("MATCH (r:Region) RETURN r.code AS c") == [{"c": "kept"}]
        waiting.close()
        assert pid is not None and _alive(pid) and (data_dir / "falkor.sock").exists()
    finally:
        monkeypatch.undo()
        owner.close()


def test_a_server_loading_too_long_is_a_clear_error(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    owner = FalkorStore(data_dir, graph_name="g")
    try:
        pid = server_pid(data_dir)
        _loading_for(10**9, monkeypatch)
        monkeypatch.setattr(fs, "_OWNED", {})
        monkeypatch.setenv("GOVKG_FALKOR_LOAD_TIMEOUT", "0.3")
        with pytest.raises(StoreError, match=r"still loading its data after .*GOVKG_FALKOR_LOAD_TIMEOUT"):
            FalkorStore(data_dir, graph_name="g")
        assert pid is not None and _alive(pid) and (data_dir / "falkor.sock").exists()
    finally:
        monkeypatch.undo()
        owner.close()


def test_nonsense_timeouts_in_the_environment_are_refused(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GOVKG_FALKOR_SOCKET_TIMEOUT", "-1")
    with pytest.raises(StoreError, match="GOVKG_FALKOR_SOCKET_TIMEOUT"):
        FalkorStore(data_dir)


def test_a_hung_server_gives_a_store_error_not_a_hang(data_dir: Path) -> None:
    store = FalkorStore(data_dir, graph_name="g", socket_timeout=0.5)
    pid = server_pid(data_dir)
    assert pid is not None
    os.kill(pid, signal.SIGSTOP)
    try:
        with pytest.raises(StoreError, match="no answer within"):
            store.run_read("RETURN 1 AS one")
        with pytest.raises(StoreError, match="no answer within"):
            store.run_write("CREATE (:Region {code: 'x'})")
    finally:
        os.kill(pid, signal.SIGCONT)
        store.close()
    assert not _alive(pid)


def test_a_fresh_server_hung_on_its_first_query_is_replaced(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # a server that answers PING and then never its first graph query (seen once in a test run)
    monkeypatch.setattr(fs, "FIRST_ANSWER_TIMEOUT", 1.0)
    start = FalkorStore._start_server
    hung: list[int] = []

    def start_then_hang(self: FalkorStore) -> None:
        start(self)
        if not hung:
            assert self._process is not None
            hung.append(self._process.pid)
            os.kill(self._process.pid, signal.SIGSTOP)

    monkeypatch.setattr(FalkorStore, "_start_server", start_then_hang)
    with caplog.at_level("WARNING", logger="govkg.graph.falkor_store"):
        store = FalkorStore(data_dir, graph_name="g")
    try:
        assert hung and not _alive(hung[0])
        assert server_pid(data_dir) not in (None, hung[0])
        assert store.run_read("RETURN 1 AS one") == [{"one": 1}]
        assert "answered no first query" in caplog.text
    finally:
        store.close()


def test_to_plain_keeps_scalars_and_converts_containers() -> None:
    text = "枫桥"
    assert fs.to_plain(text) is text
    for value in (0, 1.5, True, None, -3):
        assert fs.to_plain(value) is value
    assert fs.to_plain((1, [b"\xe6\x9e\xab", {"k": (None,)}])) == [1, ["枫", {"k": [None]}]]


def test_a_small_tail_beside_a_large_snapshot_is_left_to_the_next_start_which_folds_it(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Scaled down: a "large" snapshot is any over 2 bytes per tail byte here (25 in production).
    monkeypatch.setattr(fs, "COMPACT_MIN_BYTES", 512)
    monkeypatch.setattr(fs, "REPLAY_COST_RATIO", 2)
    with FalkorStore(data_dir, graph_name="g") as store:
        store.run_write(
            "UNWIND range(1, 3000) AS i CREATE (:Region {code: toString(i), name: 'r' + toString(i)})"
        )
        assert store.compact() is True
    base = sum(size for name, size in _aof_files(data_dir).items() if name.endswith(".base.rdb"))
    with FalkorStore(data_dir, graph_name="g") as store:
        for i in range(40):  # one statement each: the tail holds every statement as written
            store.run_write("CREATE (:Region {code: $code, name: 'tail'})", {"code": f"x{i}"})
        tail = store._aof_tail_bytes(store._db.connection)
        assert fs.COMPACT_MIN_BYTES < tail < base // fs.REPLAY_COST_RATIO, (tail, base)
    # close left the tail: rewriting the whole snapshot would have cost more than replaying it
    assert sum(s for n, s in _aof_files(data_dir).items() if n.endswith(".incr.aof")) == tail
    with FalkorStore(data_dir, graph_name="g") as store:
        assert store.started_server
        assert store.run_read("MATCH (r:Region) RETURN count(r) AS n") == [{"n": 3040}]
        # the start replayed it and folded it into a new snapshot in the background
        assert store._wait_rewrite(store._db.connection, 60)
        assert store._aof_tail_bytes(store._db.connection) <= fs.COMPACT_MIN_BYTES
    with FalkorStore(data_dir, graph_name="g") as store:
        assert store.run_read("MATCH (r:Region {name: 'tail'}) RETURN count(r) AS n") == [{"n": 40}]
