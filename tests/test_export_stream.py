"""Streaming exports: keyset pages on the report id give the same facts, in the same order, as the
SKIP/LIMIT catalog query, on both stores, whatever the page size."""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from dataclasses import asdict
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from govkg import knowledge
from govkg.config import Settings
from govkg.graph import exports
from govkg.graph.store import GraphStore
from govkg.knowledge import AdoptionFact, KnowledgeGraph
from govkg.queries import paging
from govkg.queries.catalog import run_query

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(autouse=True)
def small_id_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Few ids per report_page call, so that the examples take several keyset calls."""
    monkeypatch.setattr(paging, "IDS_PAGE", 5)


def test_report_pages_hand_out_chunks_of_keyset_calls(monkeypatch: pytest.MonkeyPatch) -> None:
    ids = [f"r{i:02d}" for i in range(12)]
    calls: list[dict[str, Any]] = []

    def run(name: str, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        assert name == "report_page"
        calls.append(dict(params))
        return [{"id": i} for i in ids if i > params["after"]][: params["limit"]]

    monkeypatch.setattr(paging, "IDS_PAGE", 7)
    pages = list(paging.report_pages(run, 3))
    assert [i for p in pages for i in p] == ids
    assert [len(p) for p in pages] == [3, 3, 1, 3, 2]
    assert calls == [{"after": "", "limit": 7}, {"after": "r06", "limit": 7}]


@pytest.fixture
def kg(any_store: GraphStore, tmp_path: Path) -> KnowledgeGraph:
    """The examples/ corpus loaded into each store in turn."""
    graph = KnowledgeGraph(any_store, Settings(data_dir=tmp_path / "d"))
    graph.settings.ensure_data_dir()
    assert graph.load([EXAMPLES]).loaded >= 10
    return graph


def paged(kg: KnowledgeGraph, **filters: Any) -> list[dict[str, Any]]:
    """The facts as the SKIP/LIMIT adoptions query returns them (one page holding everything)."""
    return run_query(kg.store, "adoptions", {**filters, "limit": 1_000_000, "offset": 0})


def streamed(kg: KnowledgeGraph, **filters: Any) -> list[dict[str, Any]]:
    return [asdict(f) for f in kg.adoptions(**filters)]


def as_facts(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{name: r.get(name) for name in AdoptionFact.__dataclass_fields__} for r in rows]


@pytest.mark.parametrize("page", [1, 3, 1000])
def test_stream_has_the_rows_and_order_of_the_paged_query(
    kg: KnowledgeGraph, page: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(knowledge, "_REPORT_PAGE", page)
    expected = as_facts(paged(kg))
    assert len(expected) > 20
    assert streamed(kg) == expected


def test_stream_filters_match_the_paged_query(kg: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(knowledge, "_REPORT_PAGE", 2)
    everything = paged(kg)
    busiest = max(
        {r["practice_key"] for r in everything}, key=lambda k: sum(r["practice_key"] == k for r in everything)
    )
    region = everything[0]["region_code"]
    province = region[:2] + "0000"
    report = everything[-1]["report_id"]
    years = sorted(r["year"] for r in everything if r["year"] is not None)
    cases: list[dict[str, Any]] = [
        {"practice": busiest},
        {"region": region},
        {"within": province},
        {"report": report},
        {"year_from": years[len(years) // 2]},
        {"year_to": years[len(years) // 2], "min_confidence": 0.5},
    ]
    for filters in cases:
        expected = as_facts(paged(kg, **filters))
        assert expected, filters
        assert len(expected) < len(everything) or "year_to" in filters, filters
        assert streamed(kg, **filters) == expected, filters


def test_report_pages_cover_complete_reports_once_in_id_order(
    kg: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(knowledge, "_REPORT_PAGE", 4)
    ids = [r["id"] for r in kg.store.run_read("MATCH (r:Report) RETURN r.id AS id")]
    pages = list(kg._report_pages())
    assert all(0 < len(p) <= 4 for p in pages)
    assert [i for p in pages for i in p] == sorted(ids)
    # a report still being written is left out, as the paged query leaves it out
    hidden = sorted(ids)[1]
    kg.store.run_write("MATCH (r:Report {id: $id}) SET r.complete = false", {"id": hidden})
    assert [i for p in kg._report_pages() for i in p] == [i for i in sorted(ids) if i != hidden]
    assert hidden not in {f.report_id for f in kg.adoptions()}
    assert list(kg.adoptions(report=hidden)) == []


def test_export_adoptions_streams_every_fact(kg: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(knowledge, "_REPORT_PAGE", 2)
    buf = io.StringIO()
    n = kg.export_adoptions(buf)
    lines = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert n == len(lines) == len(paged(kg))
    assert [(r["report_id"], r["evidence"]) for r in lines] == [
        (r["report_id"], r["evidence"]) for r in paged(kg)
    ]


def read_back(fmt: str, data: bytes) -> nx.MultiDiGraph:
    """Parse a graph export with networkx's own reader."""
    if fmt == "graphml":
        return nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    if fmt == "json":
        return nx.node_link_graph(json.loads(data), edges="edges")
    g = nx.read_gexf(io.BytesIO(data))
    # A GEXF edge id numbers the edges in the order they were written (networkx: by source node,
    # the stream: by report), so it is no part of the graph; the multigraph key is kept.
    for *_, d in g.edges(data=True):
        d.pop("id", None)
    return g


@pytest.mark.parametrize("fmt", ["gexf", "graphml", "json"])
def test_streamed_graph_reads_back_as_the_networkx_export(
    kg: KnowledgeGraph, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exports, "REPORT_PAGE", 2)
    facts = paged(kg)
    busiest = max(
        sorted({r["practice_key"] for r in facts}), key=lambda k: sum(r["practice_key"] == k for r in facts)
    )
    province = facts[0]["region_code"][:2] + "0000"
    cases: list[dict[str, Any]] = [{}, {"practice": busiest}, {"within": province, "year_from": 2020}]
    for filters in cases:
        before = io.BytesIO()
        exports.write_graph(exports.read_graph(kg.store, **filters), fmt, before)
        after = io.BytesIO()
        nodes, edges = exports.export_graph(kg.store, fmt, after, **filters)
        old, new = read_back(fmt, before.getvalue()), read_back(fmt, after.getvalue())
        assert (nodes, edges) == (old.number_of_nodes(), old.number_of_edges()), filters
        assert old.number_of_edges() > 10, filters
        assert dict(new.nodes(data=True)) == dict(old.nodes(data=True)), filters
        assert type(new) is type(old)
        assert sorted(map(repr, new.edges(data=True))) == sorted(map(repr, old.edges(data=True))), filters
        assert nx.utils.graphs_equal(new, old), filters


def test_long_metric_listings_read_report_pages_in_the_query_order(
    kg: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    from govkg.queries import indicators

    everything = run_query(kg.store, "metrics", {"limit": 1_000_000})
    assert len(everything) > 10
    province = next(r["region_code"] for r in everything if r["region_code"])[:2] + "0000"
    label = everything[len(everything) // 2]["indicator"]
    cases = [{}, {"within": province}, {"indicator": label}, {"year_from": 2000}]
    short = {str(i): kg.metrics(**c) for i, c in enumerate(cases)}  # one page: the SKIP query alone
    monkeypatch.setattr(indicators, "_PAGE", 2)
    monkeypatch.setattr(indicators, "_REPORT_PAGE", 3)
    for i, filters in enumerate(cases):
        assert short[str(i)], filters
        assert kg.metrics(**filters) == short[str(i)], filters


def test_a_graph_export_to_a_path_that_fails_leaves_the_old_file(
    kg: KnowledgeGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "graph.gexf"
    target.write_text("old", encoding="utf-8")

    def broken(*_: Any, **__: Any) -> Any:
        yield [{"type": "ADOPTED", "source_type": "Region", "source": "x", "target": "y"}]
        raise RuntimeError("store lost half-way")

    monkeypatch.setattr(exports, "fact_pages", broken)
    with pytest.raises(RuntimeError, match="half-way"):
        exports.export_graph(kg.store, "gexf", target)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".graph")] == []
    monkeypatch.undo()
    assert exports.export_graph(kg.store, "gexf", target)[1] > 10
    assert nx.read_gexf(target).number_of_nodes() > 10
