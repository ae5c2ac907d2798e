"""Issue 14 item 14: answers that are not the caller's fault are never 5xx for caller errors, and
list routes stay within the query timeout on a larger store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from api_support import API_KEY, load_examples
from fastapi.testclient import TestClient
from synthetic_support import synthetic

from govkg.api.app import create_app
from govkg.config import Settings
from govkg.graph.falkor_store import FalkorStore
from govkg.loading import load_paths

FACTS_PER_REPORT = "MATCH (f:Fact) WHERE f.kind = 'adoption' RETURN f.report_id AS id, count(f) AS n"


@pytest.fixture(scope="module")
def examples_app(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[FalkorStore, TestClient, dict[str, int]]]:
    data_dir = tmp_path_factory.mktemp("errors-data")
    data_dir.chmod(0o700)
    store = FalkorStore(data_dir, graph_name="govkg_errors")
    try:
        store.clear()
        store.ensure_schema()
        extractions = load_examples(store)
        assert extractions
        counts = {ex.report.id: len(ex.adoptions) for ex in extractions if ex.adoptions}
        yield store, TestClient(create_app(Settings(data_dir=data_dir, api_key=API_KEY), store)), counts
    finally:
        store.close()


def test_report_list_counts_each_reports_adoptions(
    examples_app: tuple[FalkorStore, TestClient, dict[str, int]],
) -> None:
    _, client, expected = examples_app  # counted from the Extractions, not from the graph
    body = client.get("/reports", params={"limit": 500}).json()
    assert body["count"] == len(body["data"]) > 5
    assert {r["id"]: r["adoptions"] for r in body["data"] if r["adoptions"]} == expected
    page = client.get("/reports", params={"limit": 2, "offset": 3}).json()
    assert [r["id"] for r in page["data"]] == [r["id"] for r in body["data"][3:5]]


@pytest.mark.parametrize(
    "raw",
    [
        '{"text": "朝阳区推行网格化管理。", "n": ' + "9" * 5000 + "}",
        '{"text": "朝阳区推行网格化管理。", "n": ' + "[" * 5000 + "]" * 5000 + "}",
        '{"text": "朝阳区推行网格化管理。", "n": 1e999999}',
        '{"text": "朝阳区\\u0000推行"}',
    ],
)
def test_hostile_json_bodies_are_caller_errors(
    examples_app: tuple[FalkorStore, TestClient, dict[str, int]], raw: str
) -> None:
    _, client, _ = examples_app
    r = client.post(
        "/reports", content=raw.encode(), headers={"content-type": "application/json", "X-API-Key": API_KEY}
    )
    assert r.status_code < 500, r.text


@pytest.mark.slow
def test_report_list_answers_on_a_2000_report_store(tmp_path: Path, data_dir: Path) -> None:
    corpus = tmp_path / "corpus"
    synthetic().SyntheticCorpus.default().write(corpus, 2000, seed=3)
    settings = Settings(data_dir=data_dir, query_timeout=5.0)
    store = FalkorStore.from_settings(settings)
    try:
        store.ensure_schema()
        assert load_paths(store, [corpus], settings).loaded == 2000
        client = TestClient(create_app(settings, store))
        r = client.get("/reports", params={"limit": 500})
        assert r.status_code == 200, r.text  # was 503: one edge scan per report ran past 5 s
        body = r.json()
        assert body["count"] == 2000
        expected = {row["id"]: row["n"] for row in store.run_read(FACTS_PER_REPORT)}
        assert all(rep["adoptions"] == expected.get(rep["id"], 0) for rep in body["data"])
    finally:
        store.close()
