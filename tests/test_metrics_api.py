"""One indicator across regions: /metrics (JSON and CSV), kg.metrics and the catalog query agree.

The graph holds conftest's invented sample plus one invented report with related labels.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ExtractionFactory, Quantity
from fastapi.testclient import TestClient

from govkg.api.app import create_app
from govkg.config import Settings
from govkg.graph.store import GraphStore
from govkg.graph.writer import write_extraction
from govkg.knowledge import KnowledgeGraph
from govkg.loaders.extraction import Extraction
from govkg.queries.indicators import CSV_FIELDS, indicator_needles


@pytest.fixture
def kg(
    any_store: GraphStore,
    extractions: list[Extraction],
    make_extraction: ExtractionFactory,
    data_dir: Path,
) -> KnowledgeGraph:
    extra = make_extraction(
        "青山区2021年矛盾纠纷化解情况",
        quantities=[
            Quantity(
                "矛盾纠纷调解成功率", 97.0, "%", "97%", "青山区矛盾纠纷调解成功率97%。", "150204", "mediation"
            ),
            Quantity("诉前调解成功率", 61.5, "%", "61.5%", "诉前调解成功率为61.5%。", "150204", None),
            Quantity("调成率", 88.0, "%", "88%", "专业调委会调成率88%。", "632801", None),
        ],
        subject="150204",
        year=2021,
    )
    for ex in [*extractions, extra]:
        write_extraction(any_store, ex)
    return KnowledgeGraph(any_store, Settings(data_dir=data_dir))


@pytest.fixture
def client(kg: KnowledgeGraph) -> Iterator[TestClient]:
    with TestClient(create_app(kg.settings, kg.store)) as c:
        yield c


def get(client: TestClient, status: int = 200, **params: Any) -> Any:
    r = client.get("/metrics", params=params)
    assert r.status_code == status, r.text[:400]
    return r


def test_needles_fold_and_add_aliases() -> None:
    assert indicator_needles("調解成功率")[:2] == ["調解成功率", "调解成功率"]
    assert "调成率" in indicator_needles("调解成功率")
    assert indicator_needles(None) == []


def test_one_indicator_across_regions_with_exact_labels(client: TestClient) -> None:
    body = get(client, indicator="调解成功率").json()
    labels = {x["label"]: x["count"] for x in body["labels"]}
    assert labels == {"调解成功率": 1, "矛盾纠纷调解成功率": 1, "诉前调解成功率": 1, "调成率": 1}
    assert body["count"] == 4
    rows = {r["indicator"]: r for r in body["data"]}
    baotou = rows["调解成功率"]
    assert (baotou["value"], baotou["unit"], baotou["year"]) == (96.5, "%", 2022)
    assert baotou["region_chain"] == ["内蒙古自治区", "包头市"]
    assert baotou["report_title"] == "包头市2022年社会治理工作总结"
    assert baotou["evidence"] == "全市调解成功率达96.5%。" and baotou["practice_key"] == "mediation"
    assert rows["调成率"]["region_chain"] == ["青海省", "海西蒙古族藏族自治州", "格尔木市"]
    # either script, the same answer
    assert get(client, indicator="調解成功率").json() == body
    # within a region (by name), only its measurements
    inner = get(client, indicator="调解成功率", within="内蒙古").json()
    assert {r["region_code"] for r in inner["data"]} == {"150200", "150204"}


def test_csv_download_has_every_row(client: TestClient) -> None:
    r = get(client, indicator="调解成功率", format="csv")
    assert r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert list(rows[0]) == CSV_FIELDS and len(rows) == 4
    chains = {row["region_chain"] for row in rows}
    assert "内蒙古自治区 > 包头市 > 青山区" in chains


def test_metrics_errors_are_clear(client: TestClient) -> None:
    assert get(client, 422, indicator="调解", year_from=2023, year_to=2020).json()["detail"]
    assert get(client, 404, indicator="调解", within="不存在市").json()["suggestions"] is not None
    assert get(client, indicator="并无此指标").json()["count"] == 0


def test_python_method_matches_rest(kg: KnowledgeGraph, client: TestClient) -> None:
    rest = get(client, indicator="调解成功率").json()["data"]
    rows = kg.metrics("调解成功率")
    assert sorted((m.key, m.value, m.region_code) for m in rows) == sorted(
        (r["key"], r["value"], r["region_code"]) for r in rest
    )
    assert {m.indicator for m in kg.metrics("网格")} == {"网格数量"}
    assert [m.year for m in kg.metrics("调解成功率", year_from=2022)] == [2022]
    out = io.StringIO()
    assert kg.export_metrics(out, "化解纠纷") == 1
    assert "1200" in out.getvalue()
