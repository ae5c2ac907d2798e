"""Graph exports round-trip through networkx's own readers; filters select the right subgraph."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from govkg.graph.exports import build_graph, export_graph, read_graph, write_graph
from govkg.graph.writer import write_extraction
from govkg.loaders.extraction import Extraction

NODES: list[dict[str, Any]] = [
    {"type": "Region", "key": "150000", "name": "内蒙古自治区", "category": "", "level": "province"},
    {"type": "Region", "key": "150200", "name": "包头市", "category": "", "level": "prefecture"},
    {"type": "Region", "key": "150203", "name": "昆都仑区", "category": "", "level": "county"},
    {"type": "Region", "key": "632800", "name": "海西州", "category": "", "level": None},
    {"type": "Practice", "key": "fengqiao", "name": "枫桥经验", "category": "基层治理", "level": ""},
    {"type": "Practice", "key": "grid", "name": "网格化管理", "category": "基层治理", "level": ""},
    {"type": "Category", "key": "基层治理", "name": "基层治理", "category": "基层治理", "level": ""},
    {"type": "Agency", "key": "150200:公安局", "name": "包头市公安局", "category": "公安", "level": ""},
]
FACTS: list[dict[str, Any]] = [
    {"type": "ADOPTED", "source_type": "Region", "source": "150203", "target": "fengqiao", "year": 2021,
     "report_id": "r1", "evidence": "昆都仑区深化枫桥经验。"},
    {"type": "ADOPTED", "source_type": "Region", "source": "150203", "target": "fengqiao", "year": 2023,
     "report_id": "r2", "evidence": "昆区再推枫桥经验。"},
    {"type": "ADOPTED", "source_type": "Region", "source": "632800", "target": "grid", "year": None,
     "report_id": "r3", "evidence": "海西州推行网格化管理。"},
    {"type": "IMPLEMENTS", "source_type": "Agency", "source": "150200:公安局", "target": "grid", "year": 2022,
     "report_id": "r1", "evidence": "包头市公安局推进网格化管理。"},
]  # fmt: skip


def link(type_: str, source_type: str, source: str, target_type: str, target: str) -> dict[str, str]:
    """A structural edge row as analytics_graph_structure returns it."""
    return dict(type=type_, source_type=source_type, source=source, target_type=target_type, target=target)


STRUCTURE = [
    link("PART_OF", "Region", "150200", "Region", "150000"),
    link("PART_OF", "Region", "150203", "Region", "150200"),
    link("IN_CATEGORY", "Practice", "fengqiao", "Category", "基层治理"),
    link("IN_CATEGORY", "Practice", "grid", "Category", "基层治理"),
    link("OF_REGION", "Agency", "150200:公安局", "Region", "150200"),
]


def read_back(fmt: str, data: bytes) -> nx.MultiDiGraph:
    """Parse an export with networkx's own reader."""
    if fmt == "graphml":
        return nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    if fmt == "gexf":
        return nx.read_gexf(io.BytesIO(data))
    return nx.node_link_graph(json.loads(data), edges="edges")


def edge_facts(g: nx.MultiDiGraph, type_attr: str = "type") -> set[tuple[Any, ...]]:
    """The edges as comparable tuples of endpoints and key attributes."""
    return {
        (u, v, d[type_attr], d.get("year"), d.get("report_id", ""), d.get("evidence"))
        for u, v, d in g.edges(data=True)
    }


def test_whole_graph_has_every_node_and_edge_with_plain_attributes() -> None:
    g = build_graph(NODES, FACTS, STRUCTURE)
    assert g.number_of_nodes() == len(NODES)
    assert g.number_of_edges() == len(FACTS) + len(STRUCTURE)
    assert g.nodes["Region:632800"] == {
        "label": "海西州", "type": "Region", "category": "", "level": "", "code": "632800"
    }  # fmt: skip
    # two reports state the same adoption: two parallel edges, each with its provenance
    assert sorted(d["report_id"] for d in g.get_edge_data("Region:150203", "Practice:fengqiao").values()) == [
        "r1",
        "r2",
    ]
    for _, data in g.nodes(data=True):
        assert all(isinstance(v, str) for v in data.values())
    for _, _, data in g.edges(data=True):
        assert all(isinstance(v, str | int) for v in data.values())


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_round_trip_with_networkx_readers(fmt: str, tmp_path: Path) -> None:
    g = build_graph(NODES, FACTS, STRUCTURE)
    path = tmp_path / f"graph.{fmt}"
    write_graph(g, fmt, path)
    h = read_back(fmt, path.read_bytes())
    assert set(h.nodes) == set(g.nodes)
    for n, data in g.nodes(data=True):
        for attr in ("label", "type", "category", "level", "code"):
            assert h.nodes[n][attr] == data[attr], (n, attr)
    # GEXF keeps the relationship type in the edge label (its own `type` means directedness)
    assert edge_facts(h, "label" if fmt == "gexf" else "type") == edge_facts(g)


def test_writes_to_text_and_binary_streams() -> None:
    g = build_graph(NODES, FACTS, STRUCTURE)
    text = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    write_graph(g, "graphml", text)
    text.buffer.seek(0)
    assert set(nx.read_graphml(text.buffer).nodes) == set(g.nodes)
    out = io.StringIO()
    write_graph(g, "json", out)
    assert set(nx.node_link_graph(json.loads(out.getvalue()), edges="edges").nodes) == set(g.nodes)
    with pytest.raises(ValueError, match="bytes"):
        write_graph(g, "gexf", io.StringIO())
    with pytest.raises(ValueError, match="dot"):
        write_graph(g, "dot", io.BytesIO())


def test_filtered_graph_keeps_fact_endpoints_and_their_context() -> None:
    only_fengqiao = [f for f in FACTS if f["target"] == "fengqiao" and f["year"] == 2021]
    g = build_graph(NODES, only_fengqiao, STRUCTURE, filtered=True)
    assert set(g.nodes) == {
        "Region:150203", "Practice:fengqiao", "Category:基层治理", "Region:150200", "Region:150000"
    }  # fmt: skip
    assert {(u, v, d["type"]) for u, v, d in g.edges(data=True)} == {
        ("Region:150203", "Practice:fengqiao", "ADOPTED"),
        ("Region:150203", "Region:150200", "PART_OF"),
        ("Region:150200", "Region:150000", "PART_OF"),
        ("Practice:fengqiao", "Category:基层治理", "IN_CATEGORY"),
    }
    assert build_graph(NODES, [], STRUCTURE, filtered=True).number_of_nodes() == 0


# --- on the embedded store ---------------------------------------------------------------------


@pytest.fixture(params=["falkordb", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def loaded(request: pytest.FixtureRequest, extractions: list[Extraction], tmp_path: Path) -> Any:
    """A store loaded with the sample extractions: FalkorDB, and Neo4j when GOVKG_TEST_NEO4J_URI is set."""
    store = request.getfixturevalue("falkor_store" if request.param == "falkordb" else "neo4j_store")
    for ex in extractions:
        write_extraction(store, ex)
    return store


def test_store_export_matches_the_extractions(loaded: Any, extractions: list[Extraction]) -> None:
    g = read_graph(loaded)
    adoptions = {
        (f"Region:{a.region_code}", f"Practice:{a.practice_key}", a.report_id, a.evidence.sentence)
        for ex in extractions
        for a in ex.adoptions
    }
    got = {(u, v, d["report_id"], d["evidence"]) for u, v, d in g.edges(data=True) if d["type"] == "ADOPTED"}
    assert got == adoptions
    regions = {f"Region:{r.code}" for ex in extractions for r in ex.regions}
    assert regions <= set(g.nodes)
    assert {g.nodes[n]["level"] for n in regions} <= {
        "province",
        "prefecture",
        "county",
        "township",
        "community",
    }
    buf = io.BytesIO()
    assert export_graph(loaded, "gexf", buf) == (g.number_of_nodes(), g.number_of_edges())
    assert set(nx.read_gexf(io.BytesIO(buf.getvalue())).nodes) == set(g.nodes)


def test_store_export_filters(loaded: Any, extractions: list[Extraction]) -> None:
    g = read_graph(loaded, practice="fengqiao", within="150200", year_from=2023, year_to=2023)
    facts = [(u, v, d["year"]) for u, v, d in g.edges(data=True) if d["type"] in ("ADOPTED", "IMPLEMENTS")]
    expected = [
        (f"Region:{a.region_code}", "Practice:fengqiao", a.year)
        for ex in extractions
        for a in ex.adoptions
        if a.practice_key == "fengqiao" and a.year == 2023 and a.region_code.startswith("1502")
    ]
    assert sorted(facts) == sorted(expected)
    assert expected  # the sample corpus has such a fact
    assert not any(n.startswith("Region:63") for n in g.nodes)
