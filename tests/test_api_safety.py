"""The REST API's write routes, read-only Cypher screening, limits and error answers."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from api_support import API_KEY, EXAMPLES_DIR
from fastapi.testclient import TestClient

from govkg.api.app import create_app
from govkg.api.deps import journal_for
from govkg.api.errors import BadRequest
from govkg.api.routes.cypher import code_only, screen
from govkg.config import Settings
from govkg.graph.falkor_store import FalkorStore
from govkg.graph.store import StoreError
from govkg.graph.writer import write_extraction
from govkg.loaders.extraction import Adoption, Evidence, Extraction, Practice, Region, Report

TEXT = "青山区推行枫桥经验。另一个青山区也学习枫桥经验。"


def two_qingshan() -> Extraction:
    """Two real districts named 青山区 (包头, 武汉), both adopting one practice."""
    report = Report(id="feedfacecafe0001", title="两个青山区", source="hand-made", text=TEXT, year=2021)
    regions = [
        Region("150000", "内蒙古自治区", "province"),
        Region("150200", "包头市", "prefecture", "150000"),
        Region("150204", "青山区", "county", "150200"),
        Region("420000", "湖北省", "province"),
        Region("420100", "武汉市", "prefecture", "420000"),
        Region("420107", "青山区", "county", "420100"),
    ]
    practice = Practice("fengqiao", "枫桥经验", "基层治理", ("新时代枫桥经验",))
    first, second = TEXT.split("。")[:2]
    return Extraction(
        report=report,
        subject_region="150204",
        regions=regions,
        practices=[practice],
        adoptions=[
            Adoption("150204", "fengqiao", report.id, 2021, Evidence(first + "。", 0)),
            Adoption("420107", "fengqiao", report.id, 2021, Evidence(second + "。", len(first) + 1)),
        ],
        categories={"基层治理": ""},
    )


@pytest.fixture
def small(falkor_store: FalkorStore, data_dir: Path) -> tuple[FalkorStore, Path]:
    """An embedded store holding the two-青山区 report."""
    write_extraction(falkor_store, two_qingshan())
    return falkor_store, data_dir


def client_for(store: Any, data_dir: Path, **settings: Any) -> TestClient:
    """A TestClient over an app on `store` with the given settings."""
    return TestClient(create_app(Settings(data_dir=data_dir, **settings), store))


def graph_size(store: Any) -> tuple[int, int]:
    """Node and relationship counts, to show a refused query changed nothing."""
    nodes = store.run_read("MATCH (n) RETURN count(n) AS n")[0]["n"]
    rels = store.run_read("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]
    return nodes, rels


# ---- name resolution ----


def test_ambiguous_region_name_is_300_with_candidates(small: tuple[FalkorStore, Path]) -> None:
    c = client_for(*small)
    r = c.get("/regions/青山区")
    assert r.status_code == 300
    body = r.json()
    assert "青山区" in body["detail"]
    assert {cand["key"] for cand in body["candidates"]} == {"150204", "420107"}
    assert c.get("/regions/青山区/practices").status_code == 300
    assert c.get("/adoptions", params={"region": "青山区"}).status_code == 300
    assert c.get("/regions/420107").json()["path"][0]["code"] == "420100"


# ---- write routes ----


def test_write_routes_disabled_without_a_key(small: tuple[FalkorStore, Path]) -> None:
    c = client_for(*small)
    r = c.post("/reports", json={"text": TEXT}, headers={"X-API-Key": "anything"})
    assert r.status_code == 403 and r.json()["detail"] == "write routes are disabled: set GOVKG_API_KEY"
    assert c.delete("/reports/feedfacecafe0001").status_code == 403


def test_write_routes_reject_a_wrong_or_missing_key(small: tuple[FalkorStore, Path]) -> None:
    store, data_dir = small
    c = client_for(store, data_dir, api_key=API_KEY)
    before = graph_size(store)
    assert c.post("/reports", json={"text": TEXT}).status_code == 401
    assert c.post("/reports", json={"text": TEXT}, headers={"X-API-Key": API_KEY + "x"}).status_code == 401
    assert c.delete("/reports/feedfacecafe0001", headers={"X-API-Key": "nope"}).status_code == 401
    assert graph_size(store) == before


def test_post_json_report_then_delete_it(small: tuple[FalkorStore, Path]) -> None:
    store, data_dir = small
    c = client_for(store, data_dir, api_key=API_KEY)
    key = {"X-API-Key": API_KEY}
    text = (EXAMPLES_DIR / "zhejiang_zhuji_fengqiao.txt").read_text(encoding="utf-8")
    r = c.post("/reports", json={"text": text, "title": "诸暨样例", "source": "test"}, headers=key)
    assert r.status_code == 201, r.text
    ex = r.json()
    rid = ex["report"]["id"]
    assert ex["report"]["title"] == "诸暨样例" and ex["adoptions"]
    for a in ex["adoptions"]:
        ev = a["evidence"]
        assert text[ev["offset"] : ev["offset"] + len(ev["sentence"])] == ev["sentence"]
    detail = c.get(f"/reports/{rid}").json()
    assert {(f["region_code"], f["practice_key"]) for f in detail["facts"]} == {
        (a["region_code"], a["practice_key"]) for a in ex["adoptions"]
    }
    assert c.get("/adoptions", params={"report": rid}).json()["count"] > 0
    assert journal_for(Settings(data_dir=store.data_dir)).done(rid)
    d = c.delete(f"/reports/{rid}", headers=key)
    assert d.status_code == 200 and d.json()["id"] == rid
    assert c.get(f"/reports/{rid}").status_code == 404
    assert c.get("/adoptions", params={"report": rid}).json()["count"] == 0
    assert c.get("/reports/feedfacecafe0001").status_code == 200  # the other report is untouched
    journal = journal_for(Settings(data_dir=store.data_dir))
    assert not journal.done(rid) and c.get("/stats").json()["last_load"]
    assert c.delete(f"/reports/{rid}", headers=key).status_code == 404


def test_post_file_upload(small: tuple[FalkorStore, Path]) -> None:
    store, data_dir = small
    c = client_for(store, data_dir, api_key=API_KEY)
    path = next(p for p in sorted(EXAMPLES_DIR.glob("gbk_*.txt")))
    with path.open("rb") as fh:
        r = c.post("/reports", files={"file": (path.name, fh, "text/plain")}, headers={"X-API-Key": API_KEY})
    assert r.status_code == 201, r.text
    assert r.json()["report"]["source"] == path.name
    assert c.get(f"/reports/{r.json()['report']['id']}").status_code == 200


@pytest.mark.parametrize(
    ("body", "name"),
    [({}, "text"), ({"text": ""}, "text"), ({"text": "x", "colour": "red"}, "colour"), ({"text": 3}, "text")],
)
def test_post_report_validation(small: tuple[FalkorStore, Path], body: dict[str, Any], name: str) -> None:
    c = client_for(*small, api_key=API_KEY)
    r = c.post("/reports", json=body, headers={"X-API-Key": API_KEY})
    assert r.status_code == 422 and name in r.json()["detail"]


def test_body_size_cap_is_413(small: tuple[FalkorStore, Path]) -> None:
    c = client_for(*small, api_key=API_KEY, max_body_bytes=2048)
    r = c.post("/reports", json={"text": "枫" * 5000}, headers={"X-API-Key": API_KEY})
    assert r.status_code == 413 and "2048" in r.json()["detail"]
    r = c.post("/cypher", json={"query": "RETURN 1 // " + "x" * 3000})
    assert r.status_code == 413


# ---- read-only Cypher ----


def test_cypher_reads_with_params_and_row_cap(small: tuple[FalkorStore, Path]) -> None:
    c = client_for(*small, row_cap=5)
    r = c.post(
        "/cypher",
        json={
            "query": "MATCH (r:Region {name: $n}) RETURN r.code AS code ORDER BY code",
            "params": {"n": "青山区"},
        },
    )
    assert r.status_code == 200
    assert r.json()["rows"] == [{"code": "150204"}, {"code": "420107"}] and r.json()["truncated"] is False
    r = c.post("/cypher", json={"query": "UNWIND range(1, 50) AS x RETURN x;"})
    body = r.json()
    assert body["truncated"] is True and body["count"] == 5 and body["columns"] == ["x"]
    r = c.post("/cypher", json={"query": "CALL db.labels() YIELD label RETURN label /* ; */ // ;"})
    assert r.status_code == 200 and {"label": "Region"} in r.json()["rows"]
    r = c.post("/cypher", json={"query": "RETURN 'a;b' AS s, \"CALL dbms.x()\" AS t"})
    assert r.status_code == 200 and r.json()["rows"] == [{"s": "a;b", "t": "CALL dbms.x()"}]


BAD_QUERIES = [
    ("CREATE (n:Region {code: 'x'}) RETURN n", "engine"),
    ("MERGE (n:Region {code: 'x'})", "engine"),
    ("MATCH (n:Region) SET n.name = 'x'", "engine"),
    ("MATCH (n:Region) DETACH DELETE n", "engine"),
    ("MATCH (n) REMOVE n.name", "engine"),
    ("MATCH (n RETURN n", "unclosed"),
    ("MATCH (n) RETURN n.", "engine"),
    ("CALL dbms.procedures()", "dbms.procedures"),
    ("CALL db.idx.fulltext.createNodeIndex('Region', 'name')", "db.idx.fulltext.createnodeindex"),
    ("CALL db . idx . fulltext . drop('Region')", "not allowed"),
    ("CALL `db`.`idx`.`fulltext`.`drop`('Region')", "not allowed"),
    ("CALL/**/dbms.killQuery('1')", "not allowed"),
    ("LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row", "LOAD CSV"),
    ("load /* x */ csv from 'http://x' as r return r", "LOAD CSV"),
    ("RETURN apoc.version()", "apoc"),
    ("CALL apoc.periodic.iterate('a', 'b', {})", "apoc"),
    ("MATCH (n) RETURN n; MATCH (m) DETACH DELETE m", "one statement"),
    ("MATCH (n) RETURN n /* x */; CREATE (m:X)", "one statement"),
    ("RETURN '; unterminated", "unterminated"),
    ("// only a comment", "empty"),
]


@pytest.mark.parametrize(("query", "why"), BAD_QUERIES)
def test_cypher_refuses_writes_and_unsafe_text(small: tuple[FalkorStore, Path], query: str, why: str) -> None:
    store, data_dir = small
    c = client_for(store, data_dir)
    before = graph_size(store)
    r = c.post("/cypher", json={"query": query})
    assert r.status_code == 400, r.text
    detail = r.json()["detail"]
    if why == "engine":
        assert detail.startswith("the engine refused the query:") and len(detail) > 32
    else:
        assert why in detail
    assert graph_size(store) == before


@pytest.mark.parametrize(("query", "why"), BAD_QUERIES)
def test_cypher_refusals_hold_on_every_store(any_store: Any, data_dir: Path, query: str, why: str) -> None:
    """The same refusals on each backend: GRAPH.RO_QUERY on FalkorDB, a read transaction on Neo4j."""
    write_extraction(any_store, two_qingshan())
    c = client_for(any_store, data_dir)
    before = graph_size(any_store)
    r = c.post("/cypher", json={"query": query})
    assert r.status_code == 400, r.text
    assert graph_size(any_store) == before


def test_cypher_screen_helpers() -> None:
    assert code_only("RETURN 'x // y' AS a // tail") == "RETURN '' AS a  "
    assert screen("RETURN 1;") == "RETURN 1"
    with pytest.raises(BadRequest):
        screen("RETURN 1; RETURN 2")


def test_cypher_bad_param_name_and_body(small: tuple[FalkorStore, Path]) -> None:
    c = client_for(*small)
    assert c.post("/cypher", json={"query": "RETURN 1", "params": {"a b": 1}}).status_code == 400
    r = c.post("/cypher", json={"params": {}})
    assert r.status_code == 422 and "query" in r.json()["detail"]


def test_concurrency_limit_is_429(small: tuple[FalkorStore, Path]) -> None:
    store, data_dir = small
    app = create_app(Settings(data_dir=data_dir, max_concurrent_queries=1, query_slot_wait=0.1), store)
    c = TestClient(app)
    slots: threading.BoundedSemaphore = app.state.query_slots
    assert slots.acquire(blocking=False)
    try:
        r = c.post("/cypher", json={"query": "RETURN 1"})
        assert r.status_code == 429 and "too many" in r.json()["detail"]
        assert c.get("/search", params={"q": "枫桥"}).status_code == 429
        assert c.get("/health").status_code == 200  # cheap routes are not limited
    finally:
        slots.release()
    assert c.post("/cypher", json={"query": "RETURN 1 AS one"}).json()["rows"] == [{"one": 1}]


def test_a_query_waits_for_a_slot_that_frees_up_instead_of_429(small: tuple[FalkorStore, Path]) -> None:
    # A burst above the limit queues: the request blocked on the one slot is answered once the
    # holder lets go, well inside its wait.
    store, data_dir = small
    app = create_app(Settings(data_dir=data_dir, max_concurrent_queries=1, query_slot_wait=60), store)
    c = TestClient(app)
    slots: threading.BoundedSemaphore = app.state.query_slots
    assert slots.acquire(blocking=False)
    waiting = threading.Event()
    answers: list[int] = []

    def ask() -> None:
        waiting.set()
        answers.append(c.get("/search", params={"q": "枫桥"}).status_code)

    asker = threading.Thread(target=ask)
    asker.start()
    waiting.wait()
    asker.join(timeout=0.5)
    assert answers == []  # still waiting for the slot (its wait is 60 s), not refused
    slots.release()
    asker.join(timeout=60)
    assert answers == [200]


def test_cors_origins_from_settings(small: tuple[FalkorStore, Path]) -> None:
    c = client_for(*small, cors_origins=["https://notebook.example"])
    r = c.get("/health", headers={"Origin": "https://notebook.example"})
    assert r.headers["access-control-allow-origin"] == "https://notebook.example"
    assert (
        "access-control-allow-origin"
        not in c.get("/health", headers={"Origin": "https://evil.example"}).headers
    )


# ---- store unavailable ----


class DownStore:
    """A store whose server has gone away."""

    dialect = "falkordb"

    def ensure_schema(self) -> None:
        raise StoreError("the embedded server is not running")

    def run_read(self, query: str, params: Any = None, timeout: float | None = None) -> list[dict[str, Any]]:
        raise ConnectionError("connection refused")

    def run_write(self, query: str, params: Any = None) -> list[dict[str, Any]]:
        raise StoreError("the embedded server is not running")

    def ping(self) -> bool:
        return False

    def clear(self) -> None:
        raise StoreError("down")

    def close(self) -> None:
        pass


@pytest.fixture
def down_client(tmp_path: Path) -> Iterator[TestClient]:
    """A client whose store is unreachable."""
    with TestClient(create_app(Settings(data_dir=tmp_path), DownStore())) as c:
        yield c


@pytest.mark.parametrize(
    "url",
    [
        "/practices",
        "/practices/fengqiao",
        "/regions/150200",
        "/adoptions",
        "/reports",
        "/stats",
        "/search?q=x",
        "/cooccurrence",
        "/regions/compare?codes=1,2",
    ],
)
def test_store_down_is_503(down_client: TestClient, url: str) -> None:
    r = down_client.get(url)
    assert r.status_code == 503 and "unavailable" in r.json()["detail"]


def test_health_503_and_version_200_when_store_down(down_client: TestClient) -> None:
    assert down_client.get("/health").status_code == 503
    assert down_client.get("/version").json()["dialect"] == "falkordb"


def test_store_that_cannot_open_is_503(tmp_path: Path) -> None:
    c = TestClient(create_app(Settings(store="bogus://nowhere", data_dir=tmp_path)))
    r = c.get("/practices")
    assert r.status_code == 503 and "bogus" in r.json()["detail"]
    assert c.get("/health").status_code == 503


class RecordingStore(DownStore):
    """A store that answers every read with no rows and remembers the timeouts it was given."""

    def __init__(self) -> None:
        self.timeouts: list[float | None] = []

    def run_read(self, query: str, params: Any = None, timeout: float | None = None) -> list[dict[str, Any]]:
        self.timeouts.append(timeout)
        return []

    def ping(self) -> bool:
        return True


def test_every_query_gets_the_configured_timeout(tmp_path: Path) -> None:
    store = RecordingStore()
    c = TestClient(create_app(Settings(data_dir=tmp_path, query_timeout=2.5), store))
    assert c.get("/practices").json()["count"] == 0
    assert c.post("/cypher", json={"query": "RETURN 1"}).json()["rows"] == []
    assert store.timeouts and set(store.timeouts) == {2.5}


def test_stats_reports_the_last_load_from_the_journal(small: tuple[FalkorStore, Path]) -> None:
    store, data_dir = small
    c = client_for(store, data_dir)
    assert c.get("/stats").json()["last_load"] is None
    journal_for(Settings(data_dir=data_dir)).mark_done("feedfacecafe0001", "hand-made", {"nodes": 1})
    stats = c.get("/stats").json()
    assert stats["last_load"] and stats["last_load"][:4].isdigit()
    assert stats["reports"] == 1 and stats["relationships"]["ADOPTED"] == 2


class BrokenStore(RecordingStore):
    """A store with a bug: every read raises an unexpected error."""

    def run_read(self, query: str, params: Any = None, timeout: float | None = None) -> list[dict[str, Any]]:
        raise RuntimeError("secret internal detail")


def test_unexpected_errors_are_json_500_without_traceback(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    c = TestClient(create_app(Settings(data_dir=tmp_path), BrokenStore()), raise_server_exceptions=False)
    r = c.get("/practices")
    assert r.status_code == 500
    assert r.json() == {"detail": "internal error; the server log has the details"}
    assert "secret" not in r.text and "Traceback" not in r.text
    assert any("unhandled error on GET /practices" in m for m in caplog.messages)


def test_unsupported_content_type_is_415(small: tuple[FalkorStore, Path]) -> None:
    c = client_for(*small, api_key=API_KEY)
    r = c.post("/reports", content=b"text", headers={"X-API-Key": API_KEY, "Content-Type": "text/plain"})
    assert r.status_code == 415 and "text/plain" in r.json()["detail"]
