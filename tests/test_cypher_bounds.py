"""/cypher bounds: what is refused before the engine, the engine's own memory and queue limits,
the row cap inside the query, EXPLAIN/PROFILE, parameter errors and the per-client rate."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from api_support import API_KEY, load_examples
from fastapi.testclient import TestClient

from govkg.api.app import create_app
from govkg.api.cypher_limits import (
    MAX_LIST_ITEMS,
    MAX_NESTING,
    MAX_TOKENS,
    QueryShapeError,
    cap_rows,
    check_plan,
)
from govkg.api.deps import RateLimiter
from govkg.api.errors import public_message
from govkg.api.routes.cypher import code_only
from govkg.config import Settings
from govkg.graph.falkor_store import ADDRESS_SPACE_ROOM, FalkorStore, default_maxmemory
from govkg.graph.store import QueryError, StoreError


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FalkorStore, Path]]:
    """An embedded store holding the project's examples/ (with a small per-query memory cap)."""
    data_dir = tmp_path_factory.mktemp("bounds-data")
    data_dir.chmod(0o700)
    store = FalkorStore(
        data_dir, graph_name="govkg_bounds", default_timeout=5.0, query_memory=8 * 1024 * 1024
    )
    try:
        store.clear()
        store.ensure_schema()
        assert load_examples(store)
        yield store, data_dir
    finally:
        store.close()


def client(loaded: tuple[FalkorStore, Path], **settings: Any) -> TestClient:
    store, data_dir = loaded
    return TestClient(create_app(Settings(data_dir=data_dir, **settings), store))


def post(c: TestClient, query: str, **params: Any) -> Any:
    return c.post("/cypher", json={"query": query, "params": params})


def nodes(store: FalkorStore) -> int:
    return int(store.run_read("MATCH (n) RETURN count(n) AS n")[0]["n"])


# ---- refused before the engine ----

HUGE = [
    ("UNWIND range(1, 1000000000) AS x RETURN count(x)", "GOVKG_CYPHER_MAX_RANGE"),
    ("RETURN size(range(0, 1000 * 1000 * 1000)) AS n", "GOVKG_CYPHER_MAX_RANGE"),
    ("RETURN [a IN range(1, 600000) | [b IN range(1, 600000) | b]] AS n", "360000600000 elements in all"),
    ("RETURN size(range(1, toInteger('1000000000'))) AS n", "integer literals or integer parameters"),
    ("MATCH (r:Region) RETURN size(range(1, r.code)) AS n", "integer literals or integer parameters"),
    ("RETURN " + "(" * 22 + "1" + ")" * 22 + " AS n", "nests brackets"),
    ("RETURN " + "[" * (MAX_NESTING + 1) + "1" + "]" * (MAX_NESTING + 1) + " AS n", "nests brackets"),
    ("RETURN 1" + " + 1" * MAX_TOKENS + " AS n", "tokens"),
    ("RETURN [" + ",".join(["1"] * (MAX_LIST_ITEMS + 1)) + "] AS n", "list literal"),
    ("PROFILE MATCH (n) RETURN n", "PROFILE"),
    ("RETURN (1 AS n", "unclosed"),
]


@pytest.mark.parametrize(("query", "why"), HUGE)
def test_costly_shapes_are_refused_before_the_engine(
    loaded: tuple[FalkorStore, Path], query: str, why: str
) -> None:
    r = post(client(loaded), query)
    assert r.status_code == 400, r.text
    assert why in r.json()["detail"]
    assert not r.json()["detail"].startswith("the engine refused")


def test_range_bounds_from_parameters(loaded: tuple[FalkorStore, Path]) -> None:
    c = client(loaded)
    r = post(c, "UNWIND range(1, $n) AS x RETURN count(x) AS n", n=10**9)
    assert r.status_code == 400 and "GOVKG_CYPHER_MAX_RANGE" in r.json()["detail"]
    r = post(c, "UNWIND range(1, $n) AS x RETURN count(x) AS n", n=1000)
    assert r.status_code == 200 and r.json()["rows"] == [{"n": 1000}]
    r = post(c, "RETURN range(10, 1, -3) AS xs")
    assert r.json()["rows"] == [{"xs": [10, 7, 4, 1]}]


def test_shapes_inside_the_bounds_run(loaded: tuple[FalkorStore, Path]) -> None:
    c = client(loaded)
    depth = MAX_NESTING - 1
    r = post(c, "RETURN " + "(" * depth + "1" + ")" * depth + " AS n")
    assert r.status_code == 200 and r.json()["rows"] == [{"n": 1}]
    r = post(c, "RETURN size([" + ",".join(["2"] * MAX_LIST_ITEMS) + "]) AS n")
    assert r.json()["rows"] == [{"n": MAX_LIST_ITEMS}]
    # Brackets and commas inside strings and quoted names do not count.
    r = post(c, "RETURN '" + "(" * 40 + "' AS `a(b,[c`")
    assert r.status_code == 200 and r.json()["rows"] == [{"a(b,[c": "(" * 40}]


def test_a_range_under_the_limit_still_runs_and_the_limit_is_configurable(
    loaded: tuple[FalkorStore, Path],
) -> None:
    r = post(client(loaded), "UNWIND range(1, 100000) AS x RETURN count(x) AS n")
    assert r.status_code == 200 and r.json()["rows"] == [{"n": 100_000}]
    r = post(client(loaded, cypher_max_range=1000), "UNWIND range(1, 1001) AS x RETURN count(x) AS n")
    assert r.status_code == 400 and "1001 elements" in r.json()["detail"]


# ---- one list of memory attacks, for both stores (issue 14 item 10) ----

# Each builds far more than any cap if it reaches the engine: huge or nested ranges, UNWIND
# chains, doubling or quadratic reduce(), string concatenation, a large parameter or literal
# copied per element, collect() over a product. Every attack is sent with ATTACK_PARAMS.
ATTACK_PARAMS = {"big": "x" * 1_000_000}
MEMORY_ATTACKS = [
    ("UNWIND range(1, 1000000000) AS x RETURN count(x) AS n", "GOVKG_CYPHER_MAX_RANGE"),
    ("RETURN size(range(1, 1e9)) AS n", "integer literals or integer parameters"),
    ("UNWIND range(1, 600000) AS a UNWIND range(1, 600000) AS b RETURN count(*) AS n", "after an UNWIND"),
    (
        "UNWIND range(1, 500000) AS a UNWIND range(1, 500000) AS b RETURN size(collect(a)) AS n",
        "after an UNWIND",
    ),
    ("RETURN size([x IN range(1, 1000000) | range(1, 1000)]) AS n", "inside an iteration"),
    (
        "RETURN size([x IN range(1, 1000) | [y IN range(1, 1000) | [z IN range(1, 1000) | z]]]) AS n",
        "inside an iteration",
    ),
    ("RETURN any(x IN range(1, 2000) WHERE size(range(1, 1000)) > 5) AS n", "inside an iteration"),
    ("RETURN size(reduce(l = [1], i IN range(1, 40) | l + l)) AS n", "can double"),
    ("RETURN size(reduce(s = 'abcdefghij', i IN range(1, 40) | s + s)) AS n", "can double"),
    ("RETURN size(reduce(s = 'ab', i IN range(1, 40) | replace(s, 'a', s))) AS n", "can double"),
    ("RETURN size(reduce(l = [1], i IN range(1, 30) | l + [y IN l | y])) AS n", "can double"),
    ("RETURN size(reduce(s = '', x IN range(1, 1000000) | s + 'abcdefghij')) AS n", "1000000 elements"),
    ("RETURN size(reduce(l = [], x IN range(1, 1000000) | l + [x])) AS n", "1000000 elements"),
    (
        "MATCH (n) WITH collect(n.name) AS names RETURN size(reduce(s = '', x IN names | s + x)) AS n",
        "a list from the graph",
    ),
    ("RETURN size([x IN range(1, 3000) | $big]) AS n", "GOVKG_QUERY_MEMORY"),
    (
        "WITH $big AS s UNWIND range(1, 3000) AS i RETURN size(collect(s + toString(i))) AS n",
        "GOVKG_QUERY_MEMORY",
    ),
    ("RETURN size([x IN range(1, 1000000) | '" + "y" * 2000 + "']) AS n", "GOVKG_QUERY_MEMORY"),
    ("MATCH (a), (b), (c) RETURN size(collect([a, b, c])) AS n", "Cartesian product"),
    ("MATCH (a), (b) RETURN size(collect([a, b])) AS n", "and collects the rows"),
    ("MATCH (a) MATCH (b) WITH collect(a.name + b.name) AS xs RETURN size(xs) AS n", "and collects the rows"),
    (
        "MATCH (a) MATCH (b) MATCH (c) RETURN size(collect([a.name, b.name, c.name])) AS n",
        "Cartesian product",
    ),
]


@pytest.mark.parametrize("backend", ["falkordb", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def test_memory_attacks_are_refused_on_every_store(
    request: pytest.FixtureRequest, backend: str, data_dir: Path
) -> None:
    """Every attack is a quick 400 naming the bound, and the store answers afterwards."""
    store = request.getfixturevalue("falkor_store" if backend == "falkordb" else "neo4j_store")
    load_examples(store)
    c = TestClient(create_app(Settings(data_dir=data_dir, cypher_rate=0), store))
    for query, why in MEMORY_ATTACKS:
        r = post(c, query, **ATTACK_PARAMS)
        assert r.status_code == 400, (query, r.text)
        assert why in r.json()["detail"], (query, r.text)
        assert store.ping(), query
    assert post(c, "MATCH (n) RETURN count(n) AS n").json()["rows"][0]["n"] > 100
    # Three patterns each looked up by key multiply a few rows: not an attack.
    lookups = "MATCH (a:Region {code: $a}), (b:Region {code: $b}), (d:Region {code: $d}) RETURN count(*) AS n"
    r = post(c, lookups, a="110105", b="330681", d="440305")
    assert r.status_code == 200, r.text
    # One pattern looked up, one scanned, collected: a few rows per key.
    r = post(
        c, "MATCH (a:Region {code: $a}), (p:Practice) RETURN a.code AS a, collect(p.name) AS ps", a="110105"
    )
    assert r.status_code == 200, r.text


def test_memory_attacks_keep_the_server_under_its_caps(tmp_path: Path) -> None:
    """The embedded server's peak resident memory stays under GOVKG_STORE_MAXMEMORY through the list,
    and a collect() inside the bounds but over the per-query cap is stopped by the engine."""
    data_dir = tmp_path / "capped"
    data_dir.mkdir(mode=0o700)
    maxmemory = 512 * 1024 * 1024
    store = FalkorStore(
        data_dir,
        graph_name="govkg_caps",
        default_timeout=5.0,
        query_memory=8 * 1024 * 1024,
        maxmemory=maxmemory,
    )
    try:
        load_examples(store)
        assert store.address_space_cap() == maxmemory + ADDRESS_SPACE_ROOM
        store.reset_peak_memory()
        c = TestClient(create_app(Settings(data_dir=data_dir, cypher_rate=0), store))
        for query, _ in MEMORY_ATTACKS:
            assert post(c, query, **ATTACK_PARAMS).status_code == 400, query
        r = post(c, "UNWIND range(1, 500) AS a UNWIND range(1, 1000) AS b RETURN size(collect([a, b])) AS n")
        assert r.status_code == 400 and "mem consumption exceeded capacity" in r.json()["detail"], r.text
        assert store.ping()
        peak = store.server_memory()["VmHWM"]
        assert peak < maxmemory, peak
    finally:
        store.close()


def test_the_os_caps_the_server_where_the_engine_does_not(tmp_path: Path) -> None:
    """A doubling the text screen does not see (WITH chains) ends the server at its address-space
    cap (maxmemory + room), not the machine; the API then restarts it (item 11)."""
    data_dir = tmp_path / "backstop"
    data_dir.mkdir(mode=0o700)
    store = FalkorStore(data_dir, graph_name="govkg_backstop", maxmemory=64 * 1024 * 1024)
    try:
        cap = store.address_space_cap()
        assert cap == 64 * 1024 * 1024 + ADDRESS_SPACE_ROOM
        doubling = "WITH 'abcdefghijklmnop' AS s " + "WITH s + s AS s " * 28 + "RETURN size(s) AS n"
        with pytest.raises(StoreError, match="lost the FalkorDB server"):
            store.run_read(doubling, None, 30.0)  # 4 GiB if nothing stopped it
        for _ in range(100):  # the server is ending (it may still be writing its core message)
            if not store.server_alive():
                break
            time.sleep(0.1)
        assert not store.server_alive()
    finally:
        store.close()


def test_neo4j_without_a_transaction_memory_cap_is_named(
    neo4j_store: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """govkg reads the server's memory caps and warns, naming the setting, when one query is uncapped."""
    caps = neo4j_store.memory_caps()
    assert set(caps) == {"db.memory.transaction.max", "dbms.memory.transaction.total.max"}
    with caplog.at_level("WARNING", logger="govkg.graph.neo4j_store"):
        warned = neo4j_store.warn_without_memory_caps()
    assert warned == (caps["db.memory.transaction.max"] == "0B")
    assert ("db.memory.transaction.max" in caplog.text) == warned


def test_a_server_ended_by_its_memory_cap_answers_again_through_the_api(tmp_path: Path) -> None:
    """The query the screen misses costs one 503 and a restart, not the machine: the API's
    supervisor (item 11) starts the server again from its data and /cypher answers."""
    data_dir = tmp_path / "restarts"
    data_dir.mkdir(mode=0o700)
    settings = Settings(
        data_dir=data_dir, store_maxmemory=64 * 1024 * 1024, query_timeout=30.0, cypher_rate=0
    )
    doubling = "WITH 'abcdefghijklmnop' AS s " + "WITH s + s AS s " * 28 + "RETURN size(s) AS n"
    with TestClient(create_app(settings)) as c:
        for _ in range(300):
            if c.get("/health").status_code == 200:
                break
            time.sleep(0.1)
        assert post(c, "RETURN 1 AS n").json()["rows"] == [{"n": 1}]
        r = post(c, doubling)
        assert r.status_code == 503, r.text
        assert str(data_dir) not in r.text
        answers = []
        for _ in range(300):
            r = post(c, "RETURN 1 AS n")
            answers.append(r.status_code)
            if r.status_code == 200:
                break
            time.sleep(0.1)
        assert answers[-1] == 200, answers


def test_plans_multiplying_three_inputs_are_refused() -> None:
    falkor = [
        "Results",
        "    Aggregate",
        "        Cartesian Product",
        "            All Node Scan | (a)",
        "            All Node Scan | (c)",
        "            All Node Scan | (b)",
    ]
    with pytest.raises(QueryShapeError, match="multiplies 3 scans of unconnected patterns"):
        check_plan(falkor)
    neo4j = [
        "ProduceResults@neo4j | n",
        "    CartesianProduct@neo4j",
        "        CartesianProduct@neo4j",
        "            AllNodesScan@neo4j | a",
        "            AllNodesScan@neo4j | b",
        "        AllNodesScan@neo4j | c",
    ]
    with pytest.raises(QueryShapeError, match="multiplies 3"):
        check_plan(neo4j)
    check_plan(falkor[:2] + falkor[2:5])  # two inputs: allowed
    with pytest.raises(QueryShapeError, match="and collects the rows"):
        check_plan(falkor[:2] + falkor[2:5], "MATCH (a), (b) RETURN collect([a, b]) AS xs")
    check_plan(falkor[:2] + falkor[2:5], "MATCH (a), (b) RETURN a.collect(1) AS xs")
    # Inputs found by key (index or id lookups) are a few rows each: not counted.
    lookups = [
        "Results",
        "    Cartesian Product",
        "        Node By Index Scan | (a:Region)",
        "        Node By Index Scan | (p:Practice)",
        "        All Node Scan | (b)",
    ]
    check_plan(lookups)
    check_plan([line.replace("All Node Scan | (b)", "Node By Index Scan | (b:Region)") for line in lookups])
    seeks = [
        "ProduceResults@neo4j | a, b, p",
        "    CartesianProduct@neo4j",
        "        NodeUniqueIndexSeek@neo4j | UNIQUE a:Region(code) WHERE code = $a",
        "        CartesianProduct@neo4j",
        "            NodeByLabelScan@neo4j | b:Region",
        "            NodeByLabelScan@neo4j | p:Practice",
    ]
    check_plan(seeks)
    with pytest.raises(QueryShapeError, match="multiplies 3"):
        check_plan([line.replace("NodeUniqueIndexSeek@neo4j", "NodeByLabelScan@neo4j") for line in seeks])


# ---- the engine's own limits ----


def test_query_memory_cap_stops_a_collect_bomb(loaded: tuple[FalkorStore, Path]) -> None:
    store, _ = loaded
    limits = store.limits()
    assert limits["QUERY_MEM_CAPACITY"] == 8 * 1024 * 1024
    assert limits["maxmemory"] == default_maxmemory()
    before = nodes(store)
    r = post(
        client(loaded),
        "UNWIND range(1, 500) AS a UNWIND range(1, 1000) AS b RETURN size(collect([a, b])) AS n",
    )
    assert r.status_code == 400 and "mem consumption exceeded capacity" in r.json()["detail"]
    assert store.ping() and nodes(store) == before


def test_engine_limits_come_from_settings(data_dir: Path) -> None:
    settings = Settings(
        data_dir=data_dir,
        query_memory=64 * 1024 * 1024,
        store_maxmemory=512 * 1024 * 1024,
        max_queued_queries=5,
    )
    store = FalkorStore.from_settings(settings)
    try:
        assert store.limits() == {
            "QUERY_MEM_CAPACITY": 64 * 1024 * 1024,
            "MAX_QUEUED_QUERIES": 5,
            "maxmemory": 512 * 1024 * 1024,
        }
    finally:
        store.close()
    with pytest.raises(ValueError, match="query_memory"):
        Settings(data_dir=data_dir, query_memory=10)


def test_excess_queries_are_refused_quickly_when_the_queue_is_full(data_dir: Path) -> None:
    store = FalkorStore(data_dir, graph_name="govkg_queue", max_queued_queries=1)
    outcomes: list[str] = []
    lock = threading.Lock()

    def slow() -> None:
        try:
            store.run_read(
                "UNWIND range(1, 3000) AS a UNWIND range(1, 3000) AS b RETURN count(*) AS n", None, 2.0
            )
            got = "ok"
        except StoreError as e:
            got = "busy" if "GOVKG_MAX_QUEUED_QUERIES" in str(e) else f"other: {e}"
        except QueryError as e:
            got = "timeout" if "timed out" in str(e) else f"other: {e}"
        with lock:
            outcomes.append(got)

    try:
        threads = [threading.Thread(target=slow) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
    finally:
        store.close()
    assert len(outcomes) == 8 and not [o for o in outcomes if o.startswith("other")], outcomes
    assert outcomes.count("busy") >= 1, outcomes  # 2 engine threads + 1 queued at most


# ---- row cap inside the query ----


def capped(q: str, cap: int = 11, **params: Any) -> str:
    return cap_rows(q, code_only(q, aligned=True), cap, params)


def test_row_cap_is_pushed_into_the_query() -> None:
    assert capped("MATCH (n) RETURN n") == "MATCH (n) RETURN n\nLIMIT 11"
    assert (
        capped("MATCH (n) RETURN n ORDER BY n.name SKIP 3")
        == "MATCH (n) RETURN n ORDER BY n.name SKIP 3\nLIMIT 11"
    )
    assert capped("MATCH (n) RETURN n LIMIT 500") == "MATCH (n) RETURN n LIMIT 11"
    assert capped("MATCH (n) RETURN n LIMIT 5") == "MATCH (n) RETURN n LIMIT 5"
    assert (
        capped("RETURN 1 AS x UNION RETURN 2 AS x") == "RETURN 1 AS x\nLIMIT 11 UNION RETURN 2 AS x\nLIMIT 11"
    )
    assert capped("CALL db.labels()") == "CALL db.labels()"
    assert capped("RETURN 'RETURN' AS x // LIMIT 3") == "RETURN 'RETURN' AS x // LIMIT 3\nLIMIT 11"


def test_row_cap_reads_only_the_querys_own_clauses() -> None:
    """Issue 14 item 12: LIMIT parameters, WITH … RETURN, CALL { … } and YIELD endings."""
    # A LIMIT parameter over the cap is lowered; under it, kept; an expression is refused.
    assert capped("MATCH (n) RETURN n LIMIT $k", k=10**6) == "MATCH (n) RETURN n LIMIT 11"
    assert capped("MATCH (n) RETURN n LIMIT $k", k=3) == "MATCH (n) RETURN n LIMIT $k"
    assert capped("MATCH (n) RETURN n LIMIT 5 * 1000") == "MATCH (n) RETURN n LIMIT 11"
    with pytest.raises(QueryShapeError, match="final limit of a /cypher query"):
        capped("MATCH (n) RETURN n LIMIT toInteger('99999999')")
    # A LIMIT in an earlier WITH is not the result's; a property named limit is no clause.
    assert capped("MATCH (n) WITH n LIMIT 5 RETURN n") == "MATCH (n) WITH n LIMIT 5 RETURN n\nLIMIT 11"
    assert capped("MATCH (n) RETURN n.limit AS x") == "MATCH (n) RETURN n.limit AS x\nLIMIT 11"
    # UNION and RETURN inside CALL { … } belong to the subquery: only the outer RETURN is capped.
    sub = "CALL { MATCH (a) RETURN a AS x UNION MATCH (b) RETURN b AS x } RETURN x ORDER BY x"
    assert capped(sub) == sub + "\nLIMIT 11"
    counted = "MATCH (n) RETURN n, COUNT { MATCH (n)--(m) RETURN m } AS k"
    assert capped(counted) == counted + "\nLIMIT 11"
    # A procedure's YIELD gets a RETURN of the yielded names.
    assert capped("CALL db.labels() YIELD label") == "CALL db.labels() YIELD label\nRETURN label LIMIT 11"
    assert (
        capped("CALL db.idx.fulltext.queryNodes('Practice', $q) YIELD node AS p, score WHERE score > 1")
        == "CALL db.idx.fulltext.queryNodes('Practice', $q) YIELD node AS p, score WHERE score > 1"
        "\nRETURN p, score LIMIT 11"
    )


# Each form yields 100 rows uncapped (1..100 or 101..200); the expected rows are the first of them.
CAP_FORMS = [
    ("UNWIND range(1, 100) AS x RETURN x ORDER BY x DESC", [100, 99, 98, 97, 96]),
    ("UNWIND range(1, 100) AS x RETURN x ORDER BY x SKIP 10", [11, 12, 13, 14, 15]),
    ("UNWIND range(1, 100) AS x RETURN x ORDER BY x LIMIT $k", [1, 2, 3, 4, 5]),
    ("UNWIND range(1, 100) AS x WITH x WHERE x > 10 RETURN x ORDER BY x", [11, 12, 13, 14, 15]),
    ("UNWIND range(1, 50) AS x RETURN x UNION UNWIND range(51, 100) AS x RETURN x", None),
    ("CALL { UNWIND range(1, 100) AS y RETURN y } RETURN y AS x ORDER BY x DESC", [100, 99, 98, 97, 96]),
    (
        "CALL { UNWIND range(51, 100) AS y RETURN y UNION UNWIND range(1, 50) AS y RETURN y } "
        "RETURN y AS x ORDER BY x DESC",
        [100, 99, 98, 97, 96],
    ),
]


class CountingStore:
    """A store wrapper recording the rows the engine sent for each /cypher query."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self.dialect = store.dialect
        self.sent: list[tuple[str, int]] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)

    def run_read(self, query: str, params: Any = None, timeout: float | None = None) -> Any:
        rows = self.store.run_read(query, params, timeout)
        self.sent.append((query, len(rows)))
        return rows

    def read_at_most(self, query: str, params: Any, timeout: float | None, max_rows: int) -> Any:
        rows = self.store.read_at_most(query, params, timeout, max_rows)
        self.sent.append((query, len(rows)))
        return rows


@pytest.mark.parametrize(("query", "first"), CAP_FORMS)
def test_row_cap_holds_for_every_query_form_on_every_store(
    any_store: Any, data_dir: Path, query: str, first: list[int] | None
) -> None:
    counting = CountingStore(any_store)
    c = TestClient(create_app(Settings(data_dir=data_dir, row_cap=5), counting))
    r = post(c, query, k=1000)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["count"] == 5 and body["truncated"] is True
    got = [row["x"] for row in body["rows"]]
    if first is not None:
        assert got == first
    assert len(counting.sent) == 1 and counting.sent[0][1] <= 6, counting.sent


def test_neo4j_stops_streaming_after_the_cap(neo4j_store: Any) -> None:
    rows = neo4j_store.read_at_most("UNWIND range(1, 100000) AS x RETURN x", None, 5.0, 3)
    assert rows == [{"x": 1}, {"x": 2}, {"x": 3}]
    assert neo4j_store.run_read("RETURN 1 AS x") == [{"x": 1}]  # the session is usable after


def test_row_cap_limits_what_the_engine_sends(loaded: tuple[FalkorStore, Path]) -> None:
    store, _ = loaded
    total = nodes(store)
    assert total > 20
    r = post(client(loaded, row_cap=7), "MATCH (n) RETURN n")
    body = r.json()
    assert r.status_code == 200 and body["count"] == 7 and body["truncated"] is True
    r = post(client(loaded, row_cap=7), "MATCH (n) RETURN count(n) AS n")
    assert r.json()["rows"] == [{"n": total}] and r.json()["truncated"] is False


# ---- EXPLAIN / PROFILE ----


def test_explain_returns_the_plan_without_running(loaded: tuple[FalkorStore, Path]) -> None:
    # Run for real, four node scans multiplied would not finish within the 1 s timeout.
    r = post(client(loaded, query_timeout=1.0), "EXPLAIN MATCH (a), (b), (c), (d) RETURN count(*) AS n")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["columns"] == ["plan"]
    plan = [row["plan"] for row in body["rows"]]
    assert plan[0] == "Results" and any("Cartesian Product" in line for line in plan)
    r = post(client(loaded), "EXPLAIN MATCH (r:Region {code: $code}) RETURN r", code="110105")
    assert r.status_code == 200 and any("Index Scan" in row["plan"] for row in r.json()["rows"])
    store, _ = loaded
    before = nodes(store)
    r = post(client(loaded), "explain CREATE (n:Region)")  # planned, never run
    assert r.status_code == 200 and any("Create" in row["plan"] for row in r.json()["rows"])
    assert nodes(store) == before


# ---- parameters ----

BAD_PARAMS = [
    ({"m": {"a`b": 1}}, "invalid map key"),
    ({"s": "a\x00b"}, "NUL"),
    ({"n": 10**30}, "64-bit"),
    ({"n": [[[[[[[[[[1]]]]]]]]]]}, "nests deeper"),
    ({"n": list(range(20_000))}, "more than"),
    ({"a b": 1}, "invalid parameter name"),
]


@pytest.mark.parametrize(("params", "why"), BAD_PARAMS)
def test_parameter_errors_are_400(loaded: tuple[FalkorStore, Path], params: dict[str, Any], why: str) -> None:
    r = client(loaded).post("/cypher", json={"query": "RETURN 1 AS x", "params": params})
    assert r.status_code == 400, r.text
    assert why in r.json()["detail"]


def test_huge_json_numbers_in_the_body_are_4xx(loaded: tuple[FalkorStore, Path]) -> None:
    c = client(loaded)
    body = '{"query": "RETURN $n AS n", "params": {"n": ' + "9" * 5000 + "}}"
    r = c.post("/cypher", content=body, headers={"content-type": "application/json"})
    assert 400 <= r.status_code < 500, r.text
    nested = '{"query": "RETURN 1", "params": {"n": ' + "[" * 5000 + "]" * 5000 + "}}"
    r = c.post("/cypher", content=nested, headers={"content-type": "application/json"})
    assert 400 <= r.status_code < 500, r.text


# ---- who may ask, and how often ----


def test_rate_limit_per_client_is_429_with_retry_after(loaded: tuple[FalkorStore, Path]) -> None:
    c = client(loaded, cypher_rate=60, cypher_burst=3)
    codes = [post(c, "RETURN 1 AS x").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    r = post(c, "RETURN 1 AS x")
    assert (
        r.status_code == 429
        and int(r.headers["Retry-After"]) >= 1
        and "GOVKG_CYPHER_RATE" in r.json()["detail"]
    )
    assert c.get("/health").status_code == 200  # only /cypher is limited


def test_rate_limiter_keeps_clients_apart_and_refills() -> None:
    limiter = RateLimiter(rate=600, burst=2)  # one token per 0.1 s
    assert limiter.take("a") == 0 and limiter.take("a") == 0
    wait = limiter.take("a")
    assert 0 < wait <= 0.1
    assert limiter.take("b") == 0
    assert RateLimiter(rate=0, burst=1).take("a") == 0  # 0 turns the limit off


def test_cypher_can_require_the_api_key(loaded: tuple[FalkorStore, Path]) -> None:
    c = client(loaded, cypher_requires_key=True, api_key=API_KEY)
    assert post(c, "RETURN 1 AS x").status_code == 401
    r = c.post("/cypher", json={"query": "RETURN 1 AS x"}, headers={"X-API-Key": API_KEY})
    assert r.status_code == 200


# ---- server errors name no paths ----


def test_server_error_messages_show_no_paths() -> None:
    err = StoreError(
        "lost the FalkorDB server on /tmp/x y/govkg/falkor.sock: refused\nserver log:\n/var/log/a"
    )
    assert public_message(err) == "lost the FalkorDB server on <path> y<path>: refused"
    assert public_message(
        StoreError("the FalkorDB server in /home/u/.local/share/govkg was still loading")
    ) == ("the FalkorDB server in <path> was still loading")


# ---- NUL characters in the URL ----


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/search?q=%E6%9E%AB%00x", "query parameter 'q'"),
        ("/practices/fengqiao%00", "path"),
        ("/regions/110105/practices?include_descendants=true&x%00=1", "query parameter 'x'"),
    ],
)
def test_nul_in_the_url_is_400_naming_the_field(
    loaded: tuple[FalkorStore, Path], url: str, field: str
) -> None:
    r = client(loaded).get(url)
    assert r.status_code == 400, r.text
    assert r.json()["detail"] == f"invalid {field}: contains a NUL character"


def test_neo4j_compose_caps_transaction_memory() -> None:
    import yaml

    compose = yaml.safe_load(
        (Path(__file__).resolve().parents[1] / "docker" / "docker-compose.yml").read_text()
    )
    env = compose["services"]["neo4j"]["environment"]
    assert env["NEO4J_db_memory_transaction_max"] == "512m"


# ---- the same refusals on every store ----


@pytest.mark.parametrize(("query", "why"), HUGE)
def test_costly_shapes_are_refused_on_every_store(
    any_store: Any, data_dir: Path, query: str, why: str
) -> None:
    """The bounds act before the engine, so Neo4j gets the same refusals as FalkorDB."""
    c = TestClient(create_app(Settings(data_dir=data_dir), any_store))
    r = post(c, query)
    assert r.status_code == 400, r.text
    assert why in r.json()["detail"]


def test_explain_on_every_store(any_store: Any, data_dir: Path) -> None:
    c = TestClient(create_app(Settings(data_dir=data_dir), any_store))
    r = post(c, "EXPLAIN MATCH (a:Region), (b:Practice) RETURN a.name AS a, b.name AS b")
    assert r.status_code == 200, r.text
    plan = [row["plan"] for row in r.json()["rows"]]
    assert r.json()["columns"] == ["plan"] and "Results" in plan[0]  # FalkorDB Results, Neo4j ProduceResults
    assert any("Cartesian" in line for line in plan), plan
    assert post(c, "PROFILE RETURN 1 AS n").status_code == 400


@pytest.mark.parametrize(
    ("query", "why"),
    [
        ("CYPHER 5 PROFILE UNWIND range(1, 10) AS x RETURN x", "query options"),
        ("CYPHER runtime=slotted UNWIND range(1, 10) AS x RETURN x", "query options"),
        ("/* plan */ PROFILE UNWIND range(1, 10) AS x RETURN x", "PROFILE"),
        ("EXPLAIN PROFILE UNWIND range(1, 10) AS x RETURN x", "EXPLAIN takes one plain query"),
        ("EXPLAIN CYPHER 5 UNWIND range(1, 10) AS x RETURN x", "EXPLAIN takes one plain query"),
    ],
)
def test_profile_in_any_spelling_is_refused_on_every_store(
    any_store: Any, data_dir: Path, query: str, why: str
) -> None:
    """Issue 14 item 12: EXPLAIN/PROFILE return a plan or are refused; they never run the query."""
    counting = CountingStore(any_store)
    c = TestClient(create_app(Settings(data_dir=data_dir), counting))
    r = post(c, query)
    assert r.status_code == 400 and why in r.json()["detail"], r.text
    assert counting.sent == []
