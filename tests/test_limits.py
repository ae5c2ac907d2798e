"""Serving limits not covered by tests/test_api*.py: a real query timeout, limits set from the environment.

Already tested elsewhere: body size 413 and concurrency 429 (test_api_safety), the row cap
on /cypher (test_api_safety), page size above the maximum 422 (test_api), the timeout
passed to every query (test_api_safety).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from govkg.api.app import create_app
from govkg.api.schemas import MAX_LIMIT
from govkg.config import Settings
from govkg.graph.falkor_store import FalkorStore
from govkg.graph.store import GraphStore, QueryError

# Enough work that any timeout in milliseconds cuts it off (9 x 10^8 rows from two ranges within the
# /cypher range bound: the engine streams them instead of building one huge list).
# A million rows (the most /cypher lets range() build, GOVKG_CYPHER_MAX_RANGE), each summing
# a 400-item list: far past the 0.05 s timeout on either engine.
SLOW_QUERY = (
    "UNWIND range(1, 1000) AS x UNWIND range(1, 999) AS y "
    f"WITH x, y WHERE reduce(t = 0, i IN [{', '.join(['x * y', 'x + y'] * 200)}] | t + i) % 7 = 3 "
    "RETURN count(x) AS n"
)


class TimingOutStore:
    """A store whose every read is cut off by the engine's timeout."""

    dialect = "falkordb"

    def run_read(
        self, query: str, params: Mapping[str, Any] | None = None, timeout: float | None = None
    ) -> list[dict[str, Any]]:
        raise QueryError("Query timed out")

    def ping(self) -> bool:
        return True


def test_cypher_timeout_on_every_engine_is_a_clear_400(any_store: GraphStore, data_dir: Path) -> None:
    """A read that runs past query_timeout is stopped by the engine (FalkorDB, Neo4j) and answered 400."""
    app = create_app(Settings(data_dir=data_dir, query_timeout=0.05), any_store)
    began = time.monotonic()
    r = TestClient(app).post("/cypher", json={"query": SLOW_QUERY})
    elapsed = time.monotonic() - began
    assert r.status_code == 400, r.text
    assert "timed out" in r.json()["detail"].lower() or "timeout" in r.json()["detail"].lower(), r.text
    # Cut by the server, not run to the end.
    assert elapsed < 30, elapsed
    # The server is still answering after the cut-off query.
    assert TestClient(app).post("/cypher", json={"query": "RETURN 1 AS one"}).json()["rows"] == [{"one": 1}]


def test_catalog_route_timeout_is_503_with_the_reason(data_dir: Path) -> None:
    """A catalog query cut off by the engine answers 503 with the engine's reason, not a traceback."""
    client = TestClient(create_app(Settings(data_dir=data_dir), TimingOutStore()))  # type: ignore[arg-type]
    r = client.get("/practices")
    assert r.status_code == 503
    assert "timed out" in r.json()["detail"]


def test_page_size_cap_on_adoptions(falkor_store: FalkorStore, data_dir: Path) -> None:
    """The page size cap holds on the fact listing too, and names the limit."""
    client = TestClient(create_app(Settings(data_dir=data_dir), falkor_store))
    assert client.get("/adoptions", params={"limit": MAX_LIMIT}).status_code == 200
    r = client.get("/adoptions", params={"limit": MAX_LIMIT + 1})
    assert r.status_code == 422 and "limit" in r.json()["detail"]


def test_limits_come_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Each limit is configurable as a GOVKG_* variable."""
    monkeypatch.setenv("GOVKG_QUERY_TIMEOUT", "1.5")
    monkeypatch.setenv("GOVKG_ROW_CAP", "25")
    monkeypatch.setenv("GOVKG_MAX_BODY_BYTES", "4096")
    monkeypatch.setenv("GOVKG_MAX_CONCURRENT_QUERIES", "2")
    s = Settings(data_dir=tmp_path)
    assert (s.query_timeout, s.row_cap, s.max_body_bytes, s.max_concurrent_queries) == (1.5, 25, 4096, 2)


@pytest.mark.parametrize(
    "field, value",
    [
        ("query_timeout", 0),
        ("query_timeout", 601),
        ("row_cap", 0),
        ("max_body_bytes", 10),
        ("max_concurrent_queries", 0),
    ],
)
def test_nonsense_limits_are_refused_at_start(field: str, value: float, tmp_path: Path) -> None:
    """A limit that would disable or break serving fails when Settings is built, naming the field."""
    with pytest.raises(ValidationError, match=field):
        Settings.model_validate({"data_dir": tmp_path, field: value})
