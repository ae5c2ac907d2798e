"""One contract suite over both stores: the writer and every catalog query.

The FalkorDB leg always runs. The Neo4j leg runs when GOVKG_TEST_NEO4J_URI (with GOVKG_TEST_NEO4J_USER,
GOVKG_TEST_NEO4J_PASSWORD and optionally GOVKG_TEST_NEO4J_DATABASE) names a server; it CLEARS that
database, so point it at a throwaway one. When both legs run, every catalog query
must give the same answer on both, compared after rounding floats and nothing else
— except the full-text queries, whose scoring and tokenising are each engine's own.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from store_compare import differences, report

from govkg.graph.falkor_store import FalkorStore
from govkg.graph.neo4j_store import Neo4jStore
from govkg.graph.store import GraphStore
from govkg.graph.writer import delete_report, fact_id, write_extraction
from govkg.loaders.extraction import Extraction
from govkg.queries.catalog import Catalog, Query, bind_for

# Full-text scores and tokenisation belong to each engine (Lucene cjk vs RediSearch), and so do
# the internal node ids the bulk export pages on.
ENGINE_SPECIFIC = frozenset({"search", "export_nodes_after", "export_relationships_after"})
CATALOG = Catalog.default()


@pytest.fixture
def store(any_store: GraphStore) -> GraphStore:
    """Each backend in turn (conftest's any_store)."""
    return any_store


def load(store: GraphStore, extractions: list[Extraction]) -> None:
    """Write every extraction."""
    for ex in extractions:
        write_extraction(store, ex)


def dump(store: GraphStore) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Every node and relationship with all properties, in a stable order."""
    nodes = store.run_read(CATALOG.get("export_nodes").text_for(store.dialect), {"offset": 0, "limit": 10**6})
    rels = store.run_read(
        CATALOG.get("export_relationships").text_for(store.dialect), {"offset": 0, "limit": 10**6}
    )
    return nodes, rels


def candidates(extractions: list[Extraction]) -> dict[str, list[Any]]:
    """Values for each parameter name the catalog uses, drawn from the loaded corpus."""
    regions = sorted({r.code for ex in extractions for r in ex.regions})
    region_names = sorted({r.name for ex in extractions for r in ex.regions})
    practices = sorted({a.practice_key for ex in extractions for a in ex.adoptions})
    practice_names = sorted({p.name for ex in extractions for p in ex.practices})
    reports = sorted(ex.report.id for ex in extractions)
    adoptions = sorted(
        fact_id(ex.report.id, "adoption", a.region_code, a.practice_key)
        for ex in extractions
        for a in ex.adoptions
    )
    provinces = sorted({r.code for ex in extractions for r in ex.regions if r.level == "province"})
    prefectures = sorted({r.code for ex in extractions for r in ex.regions if r.level == "prefecture"})
    years = sorted({ex.report.year for ex in extractions if ex.report.year is not None})
    return {
        "key": practices,
        "practice": practices,
        "code": regions,
        "region": regions,
        "codes": [regions[:3], regions],
        "id": reports,
        "report": reports,
        "reports": [reports[:2], reports],
        "ids": [reports[:2], reports],
        "facts": [adoptions[:2], [*adoptions, "no such fact"]],
        "evidence": [False, True],
        "evidence_limit": [0, 1],
        "cap": [1, 500],
        "firsts": [practices],  # each practice paired with itself: its adopters
        "seconds": [practices],
        "after": ["", reports[0]],
        "after_id": [-1, 3],
        "name": [*region_names[:2], *practice_names[:2]],
        "q": [practice_names[0], region_names[0][:2], "网格"],
        "category": sorted({p.category for ex in extractions for p in ex.practices}),
        "within": provinces + prefectures,
        "parent": prefectures,
        "level": ["county", "province"],
        "year": years,
        "year_from": years[-1:],
        "year_to": years[:1],
        "rollup": [True],
        "include_descendants": [True],
        "min_regions": [2],
        "min_confidence": [0.9],
        "limit": [2],
        "offset": [1],
        "needles": [["调解", "网格"]],
        # None: the embedded store supplies the candidates of its evidence index (bind_for)
        "sentence_ids": [None, ["no such sentence"]],
    }


def param_sets(query: Query, values: dict[str, list[Any]]) -> list[dict[str, Any]]:
    """Parameter sets for a query: each value of each required parameter, then each optional one alone."""
    required = [p for p in query.params if p.required]
    optional = [p for p in query.params if not p.required]
    for p in query.params:
        assert p.name in values, f"{query.name}: no test values for parameter ${p.name}"
    bases = [
        dict(zip([p.name for p in required], combo, strict=True))
        for combo in itertools.product(*(values[p.name] for p in required))
    ]
    sets = [query.bind(base) for base in bases]
    for p in optional:
        for value in values[p.name]:
            sets.append(query.bind({**bases[0], p.name: value}))
    return sets


def run_catalog(
    store: GraphStore, extractions: list[Extraction]
) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """Every catalog query under every parameter set, keyed by (name, repr(params))."""
    values = candidates(extractions)
    answers: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for query in CATALOG:
        for params in param_sets(query, values):
            answers[(query.name, repr(sorted(params.items())))] = store.run_read(
                query.text_for(store.dialect), bind_for(store, query, params), timeout=30
            )
    return answers


def is_plain(value: Any) -> bool:
    """True for the plain values GraphStore promises: no driver objects anywhere."""
    if value is None or isinstance(value, str | int | float | bool):
        return True
    if isinstance(value, list):
        return all(is_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and is_plain(v) for k, v in value.items())
    return False


def test_reload_is_idempotent(store: GraphStore, extractions: list[Extraction]) -> None:
    load(store, extractions)
    first = dump(store)
    load(store, extractions)
    assert dump(store) == first
    assert first[0] and first[1]


def test_delete_report_removes_only_its_facts(store: GraphStore, extractions: list[Extraction]) -> None:
    load(store, extractions)
    gone, kept = extractions[1], [extractions[0], extractions[2]]
    delete_report(store, gone.report.id)
    nodes, rels = dump(store)
    assert not any(n["label"] == "Report" and n["node_key"] == gone.report.id for n in nodes)
    assert not any(n["props"].get("report_id") == gone.report.id for n in nodes)
    assert not any(n["label"] == "Measurement" and n["node_key"].startswith(gone.report.id) for n in nodes)
    facts = {
        (n["props"]["region_code"], n["props"]["practice_key"], n["props"]["report_id"])
        for n in nodes
        if n["label"] == "Fact" and n["props"]["kind"] == "adoption"
    }
    assert facts == {(a.region_code, a.practice_key, a.report_id) for ex in kept for a in ex.adoptions}
    adopted = {(r["start_key"], r["end_key"]): r["props"]["reports"] for r in rels if r["type"] == "ADOPTED"}
    supporting: dict[tuple[str, str], set[str]] = {}
    for region, practice, rid in facts:
        supporting.setdefault((region, practice), set()).add(rid)
    assert adopted == {pair: len(rids) for pair, rids in supporting.items()}


def test_every_catalog_query_runs(store: GraphStore, extractions: list[Extraction]) -> None:
    load(store, extractions)
    answers = run_catalog(store, extractions)
    assert {name for name, _ in answers} == set(CATALOG.names())
    assert all(is_plain(rows) for rows in answers.values())
    non_empty = {name for (name, _), rows in answers.items() if rows}
    # Each query finds something in the corpus under at least one of its parameter sets.
    assert non_empty == set(CATALOG.names()), set(CATALOG.names()) - non_empty


@pytest.mark.neo4j
def test_both_stores_answer_alike(
    falkor_store: FalkorStore, neo4j_store: Neo4jStore, extractions: list[Extraction]
) -> None:
    load(falkor_store, extractions)
    load(neo4j_store, extractions)
    (fn, fr), (nn, nr) = dump(falkor_store), dump(neo4j_store)
    graph_diffs = differences({("nodes", ""): fn, ("edges", ""): fr}, {("nodes", ""): nn, ("edges", ""): nr})
    assert not graph_diffs, report(graph_diffs)
    falkor = run_catalog(falkor_store, extractions)
    neo4j = run_catalog(neo4j_store, extractions)
    assert falkor.keys() == neo4j.keys()
    for key in falkor:
        if key[0] in ENGINE_SPECIFIC and falkor[key] and neo4j[key]:
            assert falkor[key][0].keys() == neo4j[key][0].keys(), key
    diffs = differences(falkor, neo4j, skip=ENGINE_SPECIFIC)
    assert not diffs, report(diffs)
