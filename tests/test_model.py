"""The graph model for scale: aggregates that agree with the facts, a report that counts wholly or
not at all when the store dies mid-write, migration of an earlier graph, sentence search."""

from __future__ import annotations

import contextlib
import json
import os
import signal
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from conftest import ExtractionFactory, Fact

from govkg.graph.falkor_store import FalkorStore, server_pid
from govkg.graph.migrate import migrate
from govkg.graph.model import OBSOLETE_INDEXES, sentence_grams
from govkg.graph.store import GraphStore, Row
from govkg.graph.writer import (
    FACT_RANK,
    delete_report,
    drop_folded_copies,
    fact_id,
    fact_rank,
    incomplete_reports,
    load_extractions,
    rank_fact_id,
    repair_at_start,
    repair_incomplete,
    write_extraction,
)
from govkg.loaders.extraction import Extraction
from govkg.queries.catalog import Catalog, run_query

GRAPH = "govkg_test"

_FACTS = """
MATCH (f:Fact)
WHERE f.kind = 'adoption'
MATCH (rep:Report {id: f.report_id})
WHERE rep.complete = true
RETURN f.region_code AS region, f.practice_key AS practice, f.report_id AS report, f.year AS year
"""
_AGGREGATES = """
MATCH (r:Region)-[a:ADOPTED|COVERS]->(p:Practice)
RETURN type(a) AS type, r.code AS region, p.key AS practice, a.reports AS reports, a.facts AS facts,
       a.first_year AS first_year, a.last_year AS last_year, a.regions AS regions
"""
_PARENTS = "MATCH (c:Region)-[:PART_OF]->(p:Region) RETURN c.code AS child, p.code AS parent"


def expected_aggregates(store: GraphStore) -> dict[tuple[str, str, str], dict[str, Any]]:
    """ADOPTED and COVERS as they must be, computed in Python from the facts of complete reports."""
    parent = {r["child"]: r["parent"] for r in store.run_read(_PARENTS)}

    def up(code: str) -> list[str]:
        chain = [code]
        while chain[-1] in parent:
            chain.append(parent[chain[-1]])
        return chain

    facts = store.run_read(_FACTS)
    groups: dict[tuple[str, str, str], list[Row]] = {}
    for f in facts:
        groups.setdefault(("ADOPTED", f["region"], f["practice"]), []).append(f)
        for code in up(f["region"]):
            groups.setdefault(("COVERS", code, f["practice"]), []).append(f)
    out: dict[tuple[str, str, str], dict[str, Any]] = {}
    for key, fs in groups.items():
        years = [f["year"] for f in fs if f["year"] is not None]
        out[key] = {
            "reports": len({f["report"] for f in fs}),
            "facts": len(fs),
            "first_year": min(years) if years else None,
            "last_year": max(years) if years else None,
            "regions": len({f["region"] for f in fs}) if key[0] == "COVERS" else None,
        }
    return out


def stored_aggregates(store: GraphStore) -> dict[tuple[str, str, str], dict[str, Any]]:
    """ADOPTED and COVERS as stored."""
    return {
        (r["type"], r["region"], r["practice"]): {
            k: r[k] for k in ("reports", "facts", "first_year", "last_year", "regions")
        }
        for r in store.run_read(_AGGREGATES)
    }


_REGION_ACTIVITY = """
MATCH (r:Region)
WHERE r.practices IS NOT NULL OR r.adoption_reports IS NOT NULL
RETURN r.code AS code, r.practices AS practices, r.adoption_reports AS reports
"""


def expected_activity(store: GraphStore) -> dict[str, tuple[int, int]]:
    """Per region with adoptions: (practices adopted, reports behind them summed over practices)."""
    reports: dict[tuple[str, str], set[str]] = {}
    for f in store.run_read(_FACTS):
        reports.setdefault((f["region"], f["practice"]), set()).add(f["report"])
    out: dict[str, tuple[int, int]] = {}
    for (region, _), rids in reports.items():
        n, total = out.get(region, (0, 0))
        out[region] = (n + 1, total + len(rids))
    return out


_SENTENCE_FACTS = """
MATCH (:Report {complete: true})-[:HAS]->(s:Sentence)
OPTIONAL MATCH (s)<-[:IN]-(f:Fact)
RETURN s.id AS id, s.facts AS stored, count(f) AS counted
"""


def assert_sentence_facts_agree(store: GraphStore) -> None:
    """Every sentence of a complete report carries the number of facts that point to it (search
    orders by it)."""
    rows = store.run_read(_SENTENCE_FACTS)
    assert rows and all(r["stored"] == r["counted"] for r in rows), [
        r for r in rows if r["stored"] != r["counted"]
    ][:3]


_SAMPLES = """
MATCH ()-[a:{kind}]->(:Practice)
WITH a, coalesce(a.sample, []) AS sample
UNWIND CASE WHEN size(sample) = 0 THEN [null] ELSE sample END AS k
OPTIONAL MATCH (f:Fact {{id: right(k, size(k) - size(split(k, '|')[1]) - 16)}})
RETURN count(a) AS samples, count(f) AS found
"""


def assert_samples_name_facts(store: GraphStore) -> None:
    """Every aggregate edge has evidence samples, each naming a stored fact (the adopters query
    reads them with a plain MATCH, which would drop a region whose sample named nothing)."""
    for kind in ("ADOPTED", "COVERS", "IMPLEMENTS"):
        [row] = store.run_read(_SAMPLES.format(kind=kind))
        assert row["samples"] == row["found"], kind


def assert_aggregates_agree(store: GraphStore) -> None:
    """Every aggregate edge, region count and sentence fact count equals its recount from the facts,
    its samples name stored facts, and the listings count the same facts."""
    assert stored_aggregates(store) == expected_aggregates(store)
    assert_samples_name_facts(store)
    assert_sentence_facts_agree(store)
    stored = {r["code"]: (r["practices"], r["reports"]) for r in store.run_read(_REGION_ACTIVITY)}
    assert stored == expected_activity(store)
    listed = run_query(store, "adoptions", {"limit": 100_000})
    assert len(listed) == len(store.run_read(_FACTS))
    count = run_query(store, "adoptions_count", {})
    assert count == [{"count": len(listed)}]


def test_aggregates_agree_with_the_facts_after_loads_and_deletes(
    falkor_store: FalkorStore, extractions: list[Extraction]
) -> None:
    load_extractions(falkor_store, extractions, group=2)
    assert_aggregates_agree(falkor_store)
    assert any(k[0] == "COVERS" and v["regions"] > 1 for k, v in stored_aggregates(falkor_store).items())
    delete_report(falkor_store, extractions[0].report.id)
    assert_aggregates_agree(falkor_store)
    load_extractions(falkor_store, [extractions[0]])
    assert_aggregates_agree(falkor_store)


def test_each_sentence_is_stored_once(falkor_store: FalkorStore, make_extraction: ExtractionFactory) -> None:
    # One invented sentence stating two facts: one Sentence node, two Facts pointing to it.
    ex = make_extraction(
        "一份报告",
        facts=[
            Fact("150203001", "grid", "沙河街道推行网格化管理和人民调解。"),
            Fact("150203001", "mediation", "沙河街道推行网格化管理和人民调解。"),
        ],
    )
    first = ex.adoptions[0]
    ex.adoptions = [first, replace(ex.adoptions[1], evidence=first.evidence)]
    write_extraction(falkor_store, ex)
    rows = falkor_store.run_read("MATCH (s:Sentence)<-[:IN]-(f:Fact) RETURN s.id AS s, count(f) AS n")
    assert rows == [{"s": f"{ex.report.id}:{first.evidence.offset}", "n": 2}]


def test_sentence_grams_cover_every_substring_of_two() -> None:
    grams = sentence_grams("河口区推行“楼栋议事会”，ab12").split()
    assert "楼栋" in grams and "议事" in grams and "ab" in grams and "12" in grams
    assert "栋议" in grams and "会，" not in grams and "”" not in "".join(grams)
    assert len(grams) == len(set(grams))
    assert sentence_grams("网 格") == "网 格"  # a lone character is its own token


def test_a_rank_ends_with_its_fact_id_and_queries_cut_it_out(any_store: GraphStore) -> None:
    # The catalog finds a sample's fact through the id its rank ends with: the head before it has
    # the same width for an undated fact, a short year, the first sentence and a late offset.
    rid = "0123456789abcdef"
    fid = fact_id(rid, "adoption", "150203001", "local:石榴籽家园")  # a discovered programme's key
    ranks = [
        fact_rank(None, rid, 0, fid),
        fact_rank(2021, rid, 987_654_321, fid),
        fact_rank(987, rid, 42, fid),
    ]
    assert sorted(ranks) == [ranks[2], ranks[1], ranks[0]]  # earliest year first, undated last
    assert [rank_fact_id(k) for k in ranks] == [fid] * 3
    rows = any_store.run_read(
        "UNWIND $ks AS k RETURN right(k, size(k) - size(split(k, '|')[1]) - 16) AS id", {"ks": ranks}
    )
    assert [r["id"] for r in rows] == [fid] * 3
    with pytest.raises(ValueError, match="nine digits"):
        fact_rank(2021, rid, 10**9, fid)


def test_the_writers_rank_spelling_equals_fact_rank(
    any_store: GraphStore, make_extraction: ExtractionFactory
) -> None:
    # Facts do not store their rank: the aggregate statements spell it from the fact's fields, and
    # the samples they keep must be the strings fact_rank gives (queries cut the id out of them).
    undated = make_extraction(
        "一份报告", facts=[Fact("150203001", "grid", "沙河街道推行网格化管理。")], year=None
    )
    dated = make_extraction(
        "另一份报告", facts=[Fact("150203001002", "local:石榴籽家园", "友谊社区打造“石榴籽家园”。")]
    )
    write_extraction(any_store, undated)
    write_extraction(any_store, dated)
    rows = any_store.run_read(
        f"MATCH (f:Fact) RETURN {FACT_RANK} AS k, f.year AS year, f.report_id AS rid, "
        "f.offset AS offset, f.id AS id"
    )
    assert len(rows) == 2
    for r in rows:
        assert r["k"] == fact_rank(r["year"], r["rid"], r["offset"], r["id"])
    samples = any_store.run_read("MATCH ()-[a:ADOPTED]->() RETURN a.sample AS s")
    assert sorted(k for r in samples for k in r["s"]) == sorted(r["k"] for r in rows)
    assert not any_store.run_read("MATCH (f:Fact) WHERE f.rank IS NOT NULL RETURN f.id")


def test_catalog_queries_spell_ranks_as_the_writer_does() -> None:
    texts = [q.text_for(d) for q in Catalog.default() for d in ("falkordb", "neo4j")]
    spelled = [t for t in texts if "toString(coalesce(" in t]
    assert spelled, "no catalog query spells a rank"
    x = FACT_RANK.replace("f.", "x.")
    for t in spelled:
        flat = " ".join(t.split())
        assert " ".join(FACT_RANK.split()) in flat or " ".join(x.split()) in flat


def _range_indexes(store: GraphStore) -> set[tuple[str, str]]:
    if store.dialect == "falkordb":
        rows = store.run_read("CALL db.indexes() YIELD label, types RETURN label, types")
        return {(r["label"], p) for r in rows for p, kinds in r["types"].items() if "RANGE" in kinds}
    rows = store.run_read(
        "SHOW INDEXES YIELD type, labelsOrTypes, properties WHERE type = 'RANGE' "
        "RETURN labelsOrTypes, properties"
    )
    return {(label, p) for r in rows for label in r["labelsOrTypes"] for p in r["properties"]}


def test_opening_a_store_drops_the_indexes_an_earlier_govkg_made(any_store: GraphStore) -> None:
    # An earlier govkg indexed Fact.rank; the model looks facts up by id now, and the index cost
    # memory for nothing.
    if any_store.dialect == "falkordb":
        any_store.run_write("CREATE INDEX FOR (n:Fact) ON (n.rank)")
    else:
        any_store.run_write("CREATE RANGE INDEX fact_rank IF NOT EXISTS FOR (n:Fact) ON (n.rank)")
    assert ("Fact", "rank") in _range_indexes(any_store)
    any_store.ensure_schema()
    have = _range_indexes(any_store)
    assert not have & set(OBSOLETE_INDEXES)
    assert {("Fact", "id"), ("Fact", "report_id"), ("Fact", "practice_key")} <= have


def test_a_dropped_index_stays_dropped_after_a_restart(falkor_store: FalkorStore, data_dir: Path) -> None:
    # FalkorDB's snapshot names its indexes; the drop compacts it, so the next start builds none.
    falkor_store.run_write("CREATE INDEX FOR (n:Fact) ON (n.rank)")
    falkor_store.compact()
    falkor_store.ensure_schema()
    falkor_store.close()
    again = FalkorStore(data_dir, graph_name="govkg_test")
    try:
        assert ("Fact", "rank") not in _range_indexes(again)
        assert ("Fact", "practice_key") in _range_indexes(again)
    finally:
        again.close()


class KillingStore:
    """Delegates to a FalkorStore but SIGKILLs its server just before the Nth write statement."""

    dialect = "falkordb"

    def __init__(self, inner: FalkorStore, kill_at: int) -> None:
        self.inner = inner
        self.kill_at = kill_at
        self.writes = 0

    def _maybe_kill(self) -> None:
        self.writes += 1
        if self.writes == self.kill_at:
            pid = server_pid(self.inner.data_dir)
            assert pid is not None
            os.kill(pid, signal.SIGKILL)
            with contextlib.suppress(OSError, ChildProcessError):
                os.waitpid(pid, 0)

    def run_write(self, query: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        self._maybe_kill()
        return self.inner.run_write(query, params)

    def run_write_stats(
        self, query: str, params: Mapping[str, Any] | None = None
    ) -> tuple[list[Row], dict[str, int]]:
        self._maybe_kill()
        return self.inner.run_write_stats(query, params)

    def run_read(
        self, query: str, params: Mapping[str, Any] | None = None, timeout: float | None = None
    ) -> list[Row]:
        return self.inner.run_read(query, params, timeout)


def test_a_report_counts_wholly_or_not_at_all_when_the_server_dies_mid_write(
    data_dir: Path, extractions: list[Extraction]
) -> None:
    first, second, last = extractions
    with FalkorStore(data_dir, graph_name=GRAPH) as probe:
        probe.clear()
        probe.ensure_schema()
        counter = KillingStore(probe, kill_at=0)
        write_extraction(counter, last)  # type: ignore[arg-type]
        statements = counter.writes
        probe.clear()
    outcomes: set[tuple[str, ...]] = set()
    for kill_at in range(1, statements + 1):
        store = FalkorStore(data_dir, graph_name=GRAPH)
        store.clear()
        store.ensure_schema()
        load_extractions(store, [first, second])
        with pytest.raises(Exception):  # noqa: B017 - whatever the client raises for a dead server
            write_extraction(KillingStore(store, kill_at), last)  # type: ignore[arg-type]
        with contextlib.suppress(Exception):
            store.close()
        restarted = FalkorStore(data_dir, graph_name=GRAPH)  # a new server, from the append-only file
        try:
            assert restarted.started_server
            rid = last.report.id
            complete = restarted.run_read(
                "MATCH (r:Report {id: $id}) WHERE r.complete = true RETURN r.id AS id", {"id": rid}
            )
            assert not complete, f"killed before statement {kill_at}, yet complete"
            assert_aggregates_agree(restarted)  # the cut-off report counts nowhere
            outcomes.add(tuple(incomplete_reports(restarted)))
            assert repair_incomplete(restarted) in ([], [rid])
            assert not restarted.run_read(
                "MATCH (n) WHERE n.report_id = $id OR n.id = $id RETURN n.id AS id", {"id": rid}
            )
            assert_aggregates_agree(restarted)
            write_extraction(restarted, last)  # written again in full
            assert_aggregates_agree(restarted)
            assert len(run_query(restarted, "adoptions", {"report": rid})) == len(last.adoptions)
        finally:
            restarted.close()
    # Killed before the first statement nothing of it is there; later, an incomplete Report node.
    assert outcomes == {(), (last.report.id,)}


_TO_OLD_MODEL = (
    "MATCH ()-[a:ADOPTED|COVERS|IMPLEMENTS]->() DELETE a",
    """
    MATCH (f:Fact)-[:BY]->(r:Region), (f)-[:OF]->(p:Practice), (f)-[:IN]->(s:Sentence)
    WHERE f.kind = 'adoption'
    CREATE (r)-[:ADOPTED {report_id: f.report_id, year: f.year, evidence: s.text, offset: s.offset,
                          confidence: f.confidence, surface: f.surface}]->(p)
    """,
    """
    MATCH (f:Fact)-[:BY]->(g:Agency), (f)-[:OF]->(p:Practice), (f)-[:IN]->(s:Sentence)
    WHERE f.kind = 'implementation'
    CREATE (g)-[:IMPLEMENTS {report_id: f.report_id, year: f.year, evidence: s.text, offset: s.offset}]->(p)
    """,
    "MATCH (m:Measurement)-[:IN]->(s:Sentence) SET m.evidence = s.text",
    "MATCH (f:Fact) DETACH DELETE f",
    "MATCH (s:Sentence) DETACH DELETE s",
    "MATCH (rep:Report) REMOVE rep.complete",
    "MATCH (r:Region) REMOVE r.practices, r.adoption_reports",
)


def _dump(store: GraphStore) -> set[str]:
    """Nodes and relationships without load times, and without what the earlier model never stored
    (the extraction method, an implementation's confidence)."""
    rows = run_query(store, "export_nodes", {"limit": 100_000}) + run_query(
        store, "export_relationships", {"limit": 100_000}
    )
    for r in rows:
        r["props"].pop("loaded_at", None)
        if r.get("label") == "Fact":
            r["props"].pop("method", None)
            if r["props"]["kind"] == "implementation":
                r["props"].pop("confidence", None)
    return {json.dumps(r, sort_keys=True, ensure_ascii=False) for r in rows}


def test_migrate_brings_an_earlier_graph_to_the_current_model(
    falkor_store: FalkorStore, extractions: list[Extraction]
) -> None:
    load_extractions(falkor_store, extractions)
    fresh = _dump(falkor_store)
    for statement in _TO_OLD_MODEL:  # the shape govkg wrote before Facts and Sentences
        falkor_store.run_write(statement)
    assert falkor_store.run_read(
        "MATCH ()-[a:ADOPTED]->() WHERE a.report_id IS NOT NULL RETURN count(a) AS n"
    )[0]["n"] == sum(len(ex.adoptions) for ex in extractions)
    result = migrate(falkor_store)
    assert result.changed and result.reports == len(extractions)
    assert result.adoptions == sum(len(ex.adoptions) for ex in extractions)
    assert _dump(falkor_store) == fresh
    again = migrate(falkor_store)
    assert not again.changed
    assert _dump(falkor_store) == fresh


def test_migrate_counts_the_regions_of_a_graph_written_without_their_counts(
    falkor_store: FalkorStore, extractions: list[Extraction]
) -> None:
    load_extractions(falkor_store, extractions)
    fresh = _dump(falkor_store)
    falkor_store.run_write("MATCH (r:Region) REMOVE r.practices, r.adoption_reports")
    assert run_query(falkor_store, "active_regions", {}) == []
    result = migrate(falkor_store)
    assert result.changed and result.regions == len(expected_activity(falkor_store)) > 0
    assert result.reports == 0  # the aggregates were already counted
    assert _dump(falkor_store) == fresh
    assert_aggregates_agree(falkor_store)
    assert run_query(falkor_store, "active_regions", {})
    # opening the store does the same, so an upgraded data directory lists its active regions
    falkor_store.run_write("MATCH (r:Region) REMOVE r.practices, r.adoption_reports")
    repair_at_start(falkor_store, falkor_store.data_dir)
    assert _dump(falkor_store) == fresh


def test_sentences_of_a_graph_written_without_their_fact_counts_get_them(
    falkor_store: FalkorStore, extractions: list[Extraction]
) -> None:
    load_extractions(falkor_store, extractions)
    fresh = _dump(falkor_store)
    assert_sentence_facts_agree(falkor_store)
    before = run_query(falkor_store, "search_evidence", {"q": "网格", "limit": 50})
    assert len({r["fact_count"] for r in before}) > 1  # sentences stating different numbers of facts
    assert [r["fact_count"] for r in before] == sorted((r["fact_count"] for r in before), reverse=True)
    falkor_store.run_write("MATCH (s:Sentence) REMOVE s.facts")
    result = migrate(falkor_store)
    assert result.changed and result.sentences == len(extractions) and result.reports == 0
    assert _dump(falkor_store) == fresh
    assert run_query(falkor_store, "search_evidence", {"q": "网格", "limit": 50}) == before
    # opening the store does the same
    falkor_store.run_write("MATCH (s:Sentence) REMOVE s.facts")
    repair_at_start(falkor_store, falkor_store.data_dir)
    assert _dump(falkor_store) == fresh
    assert not migrate(falkor_store).changed


def test_migrate_drops_the_rank_strings_facts_stored(
    any_store: GraphStore, extractions: list[Extraction]
) -> None:
    load_extractions(any_store, extractions)
    fresh = _dump(any_store)
    before = run_query(any_store, "adopters", {"key": "grid", "year_from": 2000})
    # a graph written before: every fact carried its rank string
    stored = any_store.run_write(f"MATCH (f:Fact) SET f.rank = {FACT_RANK} RETURN count(f) AS n")[0]["n"]
    assert stored > 0
    assert run_query(any_store, "adopters", {"key": "grid", "year_from": 2000}) == before  # unread
    result = migrate(any_store)
    assert result.changed and result.ranks == stored and result.reports == 0
    assert _dump(any_store) == fresh
    assert not migrate(any_store).changed


def test_migrate_drops_folded_copies_equal_to_their_sentence(
    falkor_store: FalkorStore, extractions: list[Extraction]
) -> None:
    load_extractions(falkor_store, extractions)
    fresh = _dump(falkor_store)
    kept = falkor_store.run_read(
        "MATCH (s:Sentence) WHERE s.folded IS NOT NULL RETURN s.text AS t, s.folded AS f"
    )
    assert all(r["f"] != r["t"] for r in kept)  # a copy is kept only where folding changed the text
    before = run_query(falkor_store, "search_evidence", {"q": "网格", "limit": 50})
    # a graph written before: every sentence carried its folded copy
    copied = falkor_store.run_write(
        "MATCH (s:Sentence) WHERE s.folded IS NULL SET s.folded = s.text RETURN count(s) AS n"
    )[0]["n"]
    assert copied > 0
    result = migrate(falkor_store)
    assert result.changed and result.folded == copied and result.reports == 0
    assert _dump(falkor_store) == fresh
    assert run_query(falkor_store, "search_evidence", {"q": "网格", "limit": 50}) == before
    assert not migrate(falkor_store).changed
    # in batches smaller than the work, each batch removes its share until none is left
    falkor_store.run_write("MATCH (s:Sentence) WHERE s.folded IS NULL SET s.folded = s.text")
    assert drop_folded_copies(falkor_store, batch=7) == copied
    assert _dump(falkor_store) == fresh


def test_search_finds_a_sentence_once_in_either_script(
    falkor_store: FalkorStore, make_extraction: ExtractionFactory
) -> None:
    from govkg.api.routes.search import evidence_query_text

    ex = make_extraction(
        "一份报告",
        facts=[
            Fact("150203001", "grid", "沙河街道推行网格化管理和人民调解。"),
            Fact("150203001", "mediation", "沙河街道推行网格化管理和人民调解。"),
        ],
    )
    first = ex.adoptions[0]
    ex.adoptions = [first, replace(ex.adoptions[1], evidence=first.evidence)]
    write_extraction(falkor_store, ex)
    for text in ("網格化管理", "网格化管理", "人民調解"):
        rows = run_query(falkor_store, "search_evidence", {"q": evidence_query_text(text)})
        assert [r["evidence"] for r in rows] == [first.evidence.sentence], text
        assert sorted(f["practice_key"] for f in rows[0]["facts"]) == ["grid", "mediation"]
        assert rows[0]["report_title"] == ex.report.title and rows[0]["offset"] == first.evidence.offset
    assert run_query(falkor_store, "search_evidence", {"q": evidence_query_text("网格员巡查")}) == []
