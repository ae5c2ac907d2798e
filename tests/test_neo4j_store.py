"""Neo4jStore without a server: a spec'd mock driver records what the store asks of it."""

from __future__ import annotations

from typing import Any
from unittest.mock import MagicMock

import neo4j
import pytest
from neo4j import exceptions as neo4j_errors
from neo4j.graph import Graph, Node, Path, Relationship
from neo4j.time import Date, DateTime

from govkg.config import Settings
from govkg.graph.model import UNIQUE_KEYS
from govkg.graph.neo4j_store import (
    AWAIT_INDEXES,
    EVIDENCE_INDEX,
    NAME_INDEX,
    SCHEMA_DDL,
    Neo4jStore,
    to_plain,
)
from govkg.graph.store import GraphStore, QueryError, StoreError


class FakeSession:
    """Stands in for neo4j.Session: runs transaction functions against a mock transaction."""

    def __init__(self, records: list[neo4j.Record]) -> None:
        self.tx = MagicMock(spec=neo4j.ManagedTransaction)
        self.tx.run.side_effect = lambda *a, **kw: iter(records)
        self.calls: list[str] = []

    def __enter__(self) -> FakeSession:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def execute_read(self, fn: Any) -> Any:
        self.calls.append("read")
        return fn(self.tx)

    def execute_write(self, fn: Any) -> Any:
        self.calls.append("write")
        return fn(self.tx)


def rec(fields: dict[str, Any]) -> neo4j.Record:
    """A driver record with these columns."""
    return neo4j.Record(fields)  # type: ignore[no-untyped-call]


def make_store(records: list[neo4j.Record] | None = None) -> tuple[Neo4jStore, MagicMock, FakeSession]:
    driver = MagicMock(spec=neo4j.Driver)
    session = FakeSession(records or [])
    driver.session.return_value = session
    store = Neo4jStore("neo4j://db.example:7687", "neo4j", "secret", "govkg", driver=driver)
    return store, driver, session


def test_is_a_graph_store_with_neo4j_dialect() -> None:
    store, _, _ = make_store()
    assert isinstance(store, GraphStore)
    assert store.dialect == "neo4j"


def test_run_write_uses_execute_write_and_passes_parameters() -> None:
    store, driver, session = make_store([rec({"n": 3})])
    rows = store.run_write("UNWIND $rows AS row MERGE (r:Region {code: row.code})", {"rows": [{"code": "1"}]})
    assert rows == [{"n": 3}]
    assert session.calls == ["write"]
    args, kwargs = session.tx.run.call_args
    assert args == ("UNWIND $rows AS row MERGE (r:Region {code: row.code})",)
    assert kwargs == {"parameters": {"rows": [{"code": "1"}]}}
    assert driver.session.call_args.kwargs["database"] == "govkg"


def test_run_read_uses_execute_read_with_timeout() -> None:
    store, _, session = make_store([rec({"code": "150200"})])
    seen: dict[str, Any] = {}

    def execute_read(fn: Any) -> Any:
        seen["timeout"] = getattr(fn, "timeout", None)
        return fn(session.tx)

    session.execute_read = execute_read  # type: ignore[method-assign]
    rows = store.run_read("MATCH (r:Region {code: $code}) RETURN r.code AS code", {"code": "150200"}, 2.5)
    assert rows == [{"code": "150200"}]
    assert seen["timeout"] == 2.5
    assert session.tx.run.call_args.kwargs == {"parameters": {"code": "150200"}}


def test_results_are_converted_to_plain_values() -> None:
    g = Graph()
    a = Node(g, "4:x:1", 1, ["Region"], {"code": "150200", "aliases": ["包头"]})
    b = Node(g, "4:x:2", 2, ["Practice"], {"key": "fengqiao"})
    rel = Relationship(g, "5:x:9", 9, {"year": 2023})
    rel._start_node, rel._end_node = a, b
    record = rec(
        {
            "region": a,
            "edge": rel,
            "path": Path(a, rel),
            "day": Date(2024, 5, 1),
            "at": DateTime(2024, 5, 1, 8, 30, 0),
            "nested": {"xs": [a, Date(2020, 1, 2)]},
        }
    )
    store, _, _ = make_store([record])
    (row,) = store.run_read("RETURN 1")
    assert row["region"] == {"code": "150200", "aliases": ["包头"]}
    assert row["edge"] == {"year": 2023}
    assert row["path"] == {
        "nodes": [{"code": "150200", "aliases": ["包头"]}, {"key": "fengqiao"}],
        "relationships": [{"year": 2023}],
    }
    assert row["day"] == "2024-05-01"
    assert row["at"].startswith("2024-05-01T08:30:00")
    assert row["nested"] == {"xs": [{"code": "150200", "aliases": ["包头"]}, "2020-01-02"]}
    assert to_plain((1, "a")) == [1, "a"]


def test_ensure_schema_issues_idempotent_ddl() -> None:
    store, _, session = make_store()
    store.ensure_schema()
    issued = [c.args[0] for c in session.tx.run.call_args_list]
    assert issued == [*SCHEMA_DDL, AWAIT_INDEXES]
    assert all("IF NOT EXISTS" in s or ("DROP INDEX" in s and "IF EXISTS" in s) for s in SCHEMA_DDL)
    assert "DROP INDEX fact_rank IF EXISTS" in issued  # an earlier govkg's index, obsolete now
    assert set(session.calls) == {"write"}
    for label, key in UNIQUE_KEYS.items():
        assert any(f"FOR (n:{label}) REQUIRE n.{key} IS UNIQUE" in s for s in issued), label
    for label in ("Region", "Practice", "Agency"):
        assert any(s.startswith("CREATE RANGE INDEX") and f"(n:{label}) ON (n.name)" in s for s in issued)
    fulltext = [s for s in issued if s.startswith("CREATE FULLTEXT INDEX")]
    assert len(fulltext) == 2
    assert any(NAME_INDEX in s and "n.aliases" in s and "FOR (n:" in s for s in fulltext)
    assert any(EVIDENCE_INDEX in s and "FOR (n:Sentence) ON EACH [n.grams]" in s for s in fulltext)
    assert "'cjk'" in fulltext[0] and "'whitespace'" in fulltext[1]


def test_unreachable_server_raises_store_error_naming_uri() -> None:
    store, driver, _ = make_store()
    driver.session.side_effect = neo4j_errors.ServiceUnavailable("connection refused")
    with pytest.raises(StoreError, match=r"neo4j://db\.example:7687"):
        store.run_read("RETURN 1")


def test_bad_credentials_raise_store_error() -> None:
    store, _, session = make_store()
    session.tx.run.side_effect = neo4j_errors.AuthError("unauthorized")
    with pytest.raises(StoreError, match="credentials"):
        store.run_write("RETURN 1")


def test_client_error_becomes_query_error() -> None:
    store, _, session = make_store()
    error = neo4j_errors.ClientError("Writing in read access mode not allowed")
    session.tx.run.side_effect = error
    with pytest.raises(QueryError):
        store.run_read("CREATE (n)")


def test_ping_reports_connectivity() -> None:
    store, driver, _ = make_store()
    assert store.ping() is True
    driver.verify_connectivity.side_effect = neo4j_errors.ServiceUnavailable("down")
    assert store.ping() is False


def test_clear_deletes_in_batches_until_empty() -> None:
    store, _, session = make_store()
    batches = iter([[rec({"deleted": 10000})], [rec({"deleted": 0})]])
    session.tx.run.side_effect = lambda *a, **kw: iter(next(batches))
    store.clear()
    assert session.tx.run.call_count == 2
    assert "DETACH DELETE" in session.tx.run.call_args.args[0]


def test_close_closes_driver() -> None:
    store, driver, _ = make_store()
    store.close()
    driver.close.assert_called_once()


def test_from_settings_on_unreachable_server_names_uri() -> None:
    settings = Settings(store="bolt://127.0.0.1:1", neo4j_password="x")
    with pytest.raises(StoreError, match=r"bolt://127\.0\.0\.1:1"):
        Neo4jStore.from_settings(settings)


def test_from_settings_uses_neo4j_uri_and_credentials() -> None:
    settings = Settings(neo4j_uri="neo4j+s://graph.example:7687", neo4j_user="u", neo4j_database="kg")
    store = Neo4jStore.from_settings(settings, verify=False)
    assert (store.uri, store.user, store.database) == ("neo4j+s://graph.example:7687", "u", "kg")
    store.close()


def test_rejects_non_neo4j_uri() -> None:
    with pytest.raises(StoreError, match="not a Neo4j URI"):
        Neo4jStore("http://localhost:7474")
