"""Analytics on hand-computed cases, and the same answers from the embedded store via the catalog."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from conftest import REGIONS, ancestors
from networkx.algorithms import bipartite
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

from govkg.graph import analytics as an
from govkg.graph.analytics import AdoptionEvent, AdoptionFact
from govkg.graph.writer import write_extraction
from govkg.loaders.extraction import Extraction


def fact(
    region: str,
    practice: str,
    year: int | None,
    report: str = "r1",
    offset: int = 0,
    parent: str | None = "P",
    province: str = "省甲",
) -> AdoptionFact:
    """A hand-made adoption fact."""
    return AdoptionFact(
        region_code=region,
        region_name=f"name-{region}",
        level="county",
        practice_key=practice,
        practice_name=f"名-{practice}",
        category="cat",
        year=year,
        report_id=report,
        evidence=f"{region} adopted {practice} ({report})",
        offset=offset,
        parent_code=parent,
        parent_name=f"name-{parent}" if parent else None,
        province_code=province,
        province_name=province,
    )


def events_of(pairs: dict[str, set[str]], year: int = 2020) -> list[AdoptionEvent]:
    """Events from a region -> practices mapping, all in one year."""
    return an.events_from_facts(fact(r, p, year) for r, ps in pairs.items() for p in sorted(ps))


# --- adoption events ---------------------------------------------------------------------------


def test_events_keep_earliest_year_count_reports_and_earliest_evidence() -> None:
    facts = [
        fact("A", "x", 2021, "r2", 5),
        fact("A", "x", 2019, "r3", 9),
        fact("A", "x", None, "r4", 1),
        fact("A", "x", 2019, "r1", 40),
        fact("B", "x", None, "r5", 0),
    ]
    events = {(e.region_code, e.practice_key): e for e in an.events_from_facts(facts)}
    a = events[("A", "x")]
    assert (a.first_year, a.reports) == (2019, 4)
    # two facts share the earliest year: the smaller report id wins, deterministically
    assert (a.evidence_report_id, a.evidence_offset) == ("r1", 40)
    assert a.evidence == "A adopted x (r1)"
    b = events[("B", "x")]
    assert (b.first_year, b.reports) == (None, 1)


def test_events_csv_has_one_row_per_region_practice_with_earliest_year() -> None:
    facts = [
        fact("A", "x", 2021, "r2"),
        fact("A", "x", 2018, "r1"),
        fact("A", "y", 2020),
        fact("B", "x", 2022),
    ]
    buf = io.StringIO()
    assert an.write_events(an.events_from_facts(facts), buf, "csv") == 3
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert [(r["region_code"], r["practice_key"], r["first_year"]) for r in rows] == [
        ("A", "x", "2018"),
        ("A", "y", "2020"),
        ("B", "x", "2022"),
    ]
    assert list(rows[0]) == list(an.EVENT_FIELDS)
    assert rows[0]["reports"] == "2"


def test_events_jsonl_and_parquet_round_trip(tmp_path: Path) -> None:
    events = an.events_from_facts([fact("A", "x", 2021), fact("B", "y", None)])
    raw = io.BytesIO()
    an.write_events(events, raw, "jsonl")
    lines = [json.loads(line) for line in raw.getvalue().decode("utf-8").splitlines()]
    assert lines == [e.as_row() for e in events]
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "events.parquet"
    assert an.write_events(events, path, "parquet") == 2
    assert pq.read_table(path).to_pylist() == [e.as_row() for e in events]
    with pytest.raises(ValueError, match="xlsx"):
        an.write_events(events, io.StringIO(), "xlsx")


# --- diffusion ---------------------------------------------------------------------------------


def test_diffusion_curve_by_year_and_province_with_leaders() -> None:
    facts = [
        fact("A", "x", 2018, parent="P", province="甲"),
        fact("B", "x", 2020, parent="P", province="甲"),
        fact("C", "x", 2020, parent="P", province="甲"),
        fact("D", "x", 2021, parent="Q", province="乙"),
        fact("E", "x", None, parent="Q", province="乙"),
        fact("A", "y", 2000),
    ]
    curve = an.diffusion_curve(an.events_from_facts(facts), "名-x")  # by name
    assert curve.practice_key == "x"
    assert curve.years == (2018, 2019, 2020, 2021)
    assert curve.new == (1, 0, 2, 1)
    assert curve.cumulative == (1, 1, 3, 4)
    assert curve.by_province == {"甲": (1, 1, 3, 3), "乙": (0, 0, 0, 1)}
    assert (curve.undated, curve.adopters) == (1, 5)
    # under P: A leads B and C; B and C tie, so no pair; D has no dated sibling
    assert [(p.leader_code, p.follower_code, p.lag) for p in curve.pairs] == [("A", "B", 2), ("A", "C", 2)]
    assert curve.as_dict()["pairs"][0]["parent_name"] == "name-P"
    with pytest.raises(KeyError):
        an.diffusion_curve(an.events_from_facts(facts), "nope")


def test_plot_diffusion_writes_png_and_svg(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    from govkg.graph.plots import plot_diffusion

    curve = an.diffusion_curve(an.events_from_facts([fact("A", "x", 2018), fact("B", "x", 2020)]), "x")
    plot_diffusion(curve, tmp_path / "c.png")
    plot_diffusion(curve, tmp_path / "c.svg")
    assert (tmp_path / "c.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"<svg" in (tmp_path / "c.svg").read_bytes()[:1000]


# --- co-adoption bundles -----------------------------------------------------------------------


def planted() -> dict[str, set[str]]:
    """Two dense practice clusters adopted by two region groups, joined by one region."""
    a, b = {"a1", "a2", "a3", "a4"}, {"b1", "b2", "b3", "b4"}
    regions = {f"ra{i}": set(a) for i in range(5)} | {f"rb{i}": set(b) for i in range(5)}
    regions["bridge"] = {"a1", "b1"}
    return regions


def test_coadoption_weights_count_regions_adopting_both() -> None:
    g = an.coadoption_graph(events_of({"R1": {"x", "y", "z"}, "R2": {"x", "y"}, "R3": {"z"}}))
    assert dict(g.nodes(data="adopters")) == {"x": 2, "y": 2, "z": 2}
    assert {(u, v): w for u, v, w in g.edges(data="weight")} == {("x", "y"): 2, ("x", "z"): 1, ("y", "z"): 1}
    assert set(an.coadoption_graph(events_of({"R1": {"x", "y", "z"}, "R2": {"x", "y"}}), 2).edges) == {
        ("x", "y")
    }


def test_bundles_recover_planted_communities_deterministically() -> None:
    graph = an.coadoption_graph(events_of(planted()))
    bundles = an.practice_bundles(graph, seed=7)
    assert {b.practices for b in bundles} == {("a1", "a2", "a3", "a4"), ("b1", "b2", "b3", "b4")}
    assert bundles[0].internal_weight == 6 * 5  # six pairs, five regions each
    assert an.practice_bundles(graph, seed=7) == bundles


# --- similarity --------------------------------------------------------------------------------


def test_jaccard_known_values() -> None:
    assert an.jaccard({"p1": 1, "p2": 1, "p3": 1}, {"p2": 1, "p3": 1, "p4": 1}) == pytest.approx(0.5)
    assert an.jaccard({"p1": 2, "p2": 1}, {"p1": 1, "p2": 3}) == pytest.approx(2 / 5)
    assert an.jaccard({}, {}) == 0.0


def test_similar_regions_top_k_and_weighted() -> None:
    facts = [
        fact("T", "p1", 2020, "r1"),
        fact("T", "p1", 2021, "r2"),
        fact("T", "p2", 2020),
        fact("U", "p1", 2020),
        fact("U", "p2", 2020),
        fact("V", "p1", 2020),
        fact("V", "p3", 2020),
        fact("W", "p9", 2020),
    ]
    events = an.events_from_facts(facts)
    got = an.similar_regions(events, "T", k=5)
    assert [(s.code, s.score, s.shared) for s in got] == [("U", 1.0, 2), ("V", pytest.approx(1 / 3), 1)]
    weighted = an.similar_regions(events, "T", k=1, weighted=True)
    # T = {p1: 2, p2: 1}, U = {p1: 1, p2: 1}: (1 + 1) / (2 + 1)
    assert [s.code for s in weighted] == ["U"]
    assert weighted[0].score == pytest.approx(2 / 3)
    with pytest.raises(KeyError):
        an.similar_regions(events, "nowhere")


def test_matrix_csv() -> None:
    events = an.events_from_facts(
        [fact("T", "p1", 2020, "r1"), fact("T", "p1", 2021, "r2"), fact("U", "p2", 2020)]
    )
    buf = io.StringIO()
    assert an.write_matrix(events, buf, weighted=True) == (2, 2)
    rows = list(csv.reader(io.StringIO(buf.getvalue())))
    assert rows[0] == ["region_code", "region_name", "level", "province_name", "p1", "p2"]
    assert [r[0] for r in rows[1:]] == ["T", "U"]
    assert [r[4:] for r in rows[1:]] == [["2", "0"], ["0", "1"]]


# --- centrality --------------------------------------------------------------------------------


def test_projection_pagerank_equals_networkx_on_the_built_projection() -> None:
    members = planted() | {"lonely": set(), "solo": {"only-mine"}}
    b = nx.Graph()
    for r, ps in members.items():
        b.add_node(r)
        b.add_edges_from((r, p) for p in ps)
    projection = bipartite.weighted_projected_graph(b, list(members))
    expected = _pagerank_python(projection, weight="weight")
    got = an.projection_pagerank(members)
    assert got.keys() == expected.keys()
    assert all(got[k] == pytest.approx(expected[k], abs=1e-9) for k in got)


def test_centrality_known_ordering() -> None:
    # practice projection: hub-mid 2 (R1, R2), hub-edge 1 (R3), mid-edge 0
    events = events_of({"R1": {"hub", "mid"}, "R2": {"hub", "mid"}, "R3": {"hub", "edge"}, "R4": {"hub"}})
    report = an.centrality(events, top=10)
    assert [(c.key, c.degree, c.strength) for c in report.practices] == [
        ("hub", 2, 3.0),
        ("mid", 1, 2.0),
        ("edge", 1, 1.0),
    ]
    assert report.practices[0].pagerank > report.practices[1].pagerank > report.practices[2].pagerank
    # region projection: R1-R2 share two practices, every other pair shares hub only
    strengths = {c.key: (c.degree, c.strength) for c in report.regions}
    assert strengths == {"R1": (3, 4.0), "R2": (3, 4.0), "R3": (3, 3.0), "R4": (3, 3.0)}
    assert {c.key for c in report.regions[:2]} == {"R1", "R2"}
    assert sum(c.pagerank for c in report.regions) == pytest.approx(1.0)
    assert len(an.centrality(events, top=1).regions) == 1


# --- on the embedded store, through the catalog ------------------------------------------------


def province_of(code: str) -> str | None:
    """The province at the top of a region's PART_OF chain."""
    top = ancestors(code)[-1]
    return top if REGIONS[top].level == "province" else None


def facts_from_extractions(extractions: list[Extraction]) -> list[AdoptionFact]:
    """Adoption facts computed directly from Extraction objects (no store involved)."""
    practices = {p.key: p for ex in extractions for p in ex.practices}
    out = []
    for ex in extractions:
        for a in ex.adoptions:
            r, p = REGIONS[a.region_code], practices[a.practice_key]
            prov = province_of(r.code)
            out.append(
                AdoptionFact(
                    region_code=r.code,
                    region_name=r.name,
                    level=r.level,
                    practice_key=p.key,
                    practice_name=p.name,
                    category=p.category,
                    year=a.year,
                    report_id=a.report_id,
                    evidence=a.evidence.sentence,
                    offset=a.evidence.offset,
                    parent_code=r.parent_code,
                    parent_name=REGIONS[r.parent_code].name if r.parent_code else None,
                    province_code=prov,
                    province_name=REGIONS[prov].name if prov else None,
                )
            )
    return out


@pytest.fixture(params=["falkordb", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def loaded(request: pytest.FixtureRequest, extractions: list[Extraction], tmp_path: Path) -> Any:
    """A store loaded with the sample extractions: FalkorDB, and Neo4j when GOVKG_TEST_NEO4J_URI is set."""
    store = request.getfixturevalue("falkor_store" if request.param == "falkordb" else "neo4j_store")
    for ex in extractions:
        write_extraction(store, ex)
    return store


def test_store_events_equal_events_from_the_extractions(loaded: Any, extractions: list[Extraction]) -> None:
    expected = an.events_from_facts(facts_from_extractions(extractions))
    got = an.adoption_events(loaded)
    assert got == expected
    assert len({(e.region_code, e.practice_key) for e in got}) == len(got)
    inner = an.adoption_events(loaded, within="150203")
    assert {e.region_code for e in inner} == {"150203", "150203001", "150203001002"}
    assert {e.practice_key for e in an.adoption_events(loaded, practice="grid")} == {"grid"}


def test_events_read_from_the_aggregates_equal_events_grouped_from_every_fact(loaded: Any) -> None:
    # adoption_events reads one ADOPTED edge per (region, practice); grouping every fact the
    # store holds must give the same events, evidence included.
    from_facts = an.events_from_facts(an.read_adoption_facts(loaded))
    assert an.adoption_events(loaded) == from_facts
    assert an.adoption_events(loaded, practice="grid") == [e for e in from_facts if e.practice_key == "grid"]
    bare = an.adoption_events(loaded, evidence=False)
    assert [(e.region_code, e.practice_key, e.first_year, e.reports) for e in bare] == [
        (e.region_code, e.practice_key, e.first_year, e.reports) for e in from_facts
    ]
    assert {(e.evidence, e.evidence_report_id) for e in bare} == {("", "")}


def test_store_analyses_equal_the_hand_made_rows(loaded: Any, extractions: list[Extraction]) -> None:
    events = an.events_from_facts(facts_from_extractions(extractions))
    store = loaded
    assert an.diffusion_from_store(store, "枫桥经验") == an.diffusion_curve(events, "fengqiao")
    assert an.bundles_from_store(store, seed=3) == an.practice_bundles(an.coadoption_graph(events), seed=3)
    assert an.centrality_from_store(store, top=5) == an.centrality(events, top=5)
    curve = an.diffusion_curve(events, "fengqiao")
    # 包头市 2022, 昆都仑区 and 格尔木市 2023
    assert (curve.years, curve.cumulative) == ((2022, 2023), (1, 3))
    assert curve.by_province == {"内蒙古自治区": (1, 2), "青海省": (0, 1)}


def test_store_exports_of_events_and_matrix(loaded: Any, extractions: list[Extraction]) -> None:
    buf = io.StringIO()
    n = an.export_events(loaded, buf, "csv")
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    pairs = {(a.region_code, a.practice_key) for ex in extractions for a in ex.adoptions}
    assert n == len(rows) == len(pairs)
    assert {(r["region_code"], r["practice_key"]) for r in rows} == pairs
    for r in rows:
        years = [
            a.year
            for ex in extractions
            for a in ex.adoptions
            if (a.region_code, a.practice_key) == (r["region_code"], r["practice_key"])
        ]
        assert r["first_year"] == str(min(y for y in years if y is not None))
    matrix = io.StringIO()
    regions, practices = an.export_matrix(loaded, matrix, level="county")
    lines = list(csv.reader(io.StringIO(matrix.getvalue())))
    assert len(lines) == regions + 1
    assert len(lines[0]) == 4 + practices
    assert {line[2] for line in lines[1:]} == {"county"}
