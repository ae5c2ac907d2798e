"""The writer on FalkorDB: idempotent reloads, resume after a failure, delete_report, the journal."""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from conftest import ExtractionFactory, Fact

from govkg.graph.falkor_store import FalkorStore
from govkg.graph.journal import LoadJournal, last_load_time
from govkg.graph.model import NODE_TYPES, REL_TYPES, UNIQUE_KEYS
from govkg.graph.store import GraphStore, Row
from govkg.graph.writer import (
    PRACTICES,
    REGIONS,
    delete_report,
    graph_size,
    load_extractions,
    merged_statements,
    prepare,
    write_extraction,
    write_extractions,
)
from govkg.loaders.extraction import Extraction

Dump = tuple[frozenset[str], frozenset[str]]

_NODES = "MATCH (n) RETURN labels(n)[0] AS label, n AS props"
_EDGES = (
    "MATCH (a)-[r]->(b) RETURN labels(a)[0] AS a, a AS ap, type(r) AS t, r AS rp, labels(b)[0] AS b, b AS bp"
)


def _key(label: str, props: Mapping[str, Any]) -> str:
    return f"{label}:{props[UNIQUE_KEYS[label]]}"


def dump(store: GraphStore, volatile: tuple[str, ...] = ()) -> Dump:
    """Every node and edge with every property, as sorted-key JSON strings (order-free)."""

    def clean(p: Mapping[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in p.items() if k not in volatile}

    nodes = [
        json.dumps([r["label"], clean(r["props"])], sort_keys=True, ensure_ascii=False)
        for r in store.run_read(_NODES)
    ]
    edges = [
        json.dumps(
            [_key(r["a"], r["ap"]), r["t"], _key(r["b"], r["bp"]), clean(r["rp"])],
            sort_keys=True,
            ensure_ascii=False,
        )
        for r in store.run_read(_EDGES)
    ]
    assert len(set(nodes)) == len(nodes), "duplicate nodes"
    assert len(set(edges)) == len(edges), "duplicate edges"
    return frozenset(nodes), frozenset(edges)


class FailingStore:
    """Delegates to a real store but raises on the Nth write statement (a crash mid-load)."""

    dialect = "falkordb"

    def __init__(self, inner: FalkorStore, fail_at: int) -> None:
        self.inner = inner
        self.fail_at = fail_at
        self.writes = 0

    def run_write(self, query: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        self.writes += 1
        if self.writes == self.fail_at:
            raise ConnectionError(f"simulated failure at write {self.writes}")
        return self.inner.run_write(query, params)

    def run_read(
        self, query: str, params: Mapping[str, Any] | None = None, timeout: float | None = None
    ) -> list[Row]:
        return self.inner.run_read(query, params, timeout)

    def ensure_schema(self) -> None:
        self.inner.ensure_schema()

    def ping(self) -> bool:
        return self.inner.ping()

    def clear(self) -> None:
        self.inner.clear()

    def close(self) -> None:
        self.inner.close()


def test_graph_follows_the_model(falkor_store: FalkorStore, extractions: list[Extraction]) -> None:
    load_extractions(falkor_store, extractions)
    for row in falkor_store.run_read(_NODES):
        node_type = NODE_TYPES[row["label"]]
        assert set(row["props"]) <= set(node_type.properties), row
        assert row["props"][node_type.key] is not None
    for row in falkor_store.run_read(_EDGES):
        rel = REL_TYPES[row["t"]]
        assert row["a"] in rel.sources and row["b"] in rel.targets, row
        assert set(row["rp"]) <= set(rel.properties), row
    every_adoption = {
        (a.region_code, a.practice_key, a.report_id) for ex in extractions for a in ex.adoptions
    }
    stored = falkor_store.run_read(
        "MATCH (r:Region)<-[:BY]-(f:Fact)-[:OF]->(p:Practice) WHERE f.kind = 'adoption' "
        "RETURN r.code AS r, p.key AS p, f.report_id AS id"
    )
    assert sorted((x["r"], x["p"], x["id"]) for x in stored) == sorted(every_adoption)
    pairs = falkor_store.run_read(
        "MATCH (r:Region)-[a:ADOPTED]->(p:Practice) RETURN r.code AS r, p.key AS p, a.reports AS n"
    )
    per_pair = Counter((r, p) for r, p, _ in every_adoption)
    assert {(x["r"], x["p"]): x["n"] for x in pairs} == dict(per_pair)
    texts = {ex.report.id: ex.report.text for ex in extractions}
    sentences = falkor_store.run_read(
        "MATCH (rep:Report)-[:HAS]->(s:Sentence) "
        "RETURN rep.id AS id, s.id AS sid, s.text AS ev, s.offset AS off"
    )
    assert len({s["sid"] for s in sentences}) == len(sentences)  # each sentence stored once
    for fact in sentences:
        assert texts[fact["id"]][fact["off"] : fact["off"] + len(fact["ev"])] == fact["ev"]
    unlinked = falkor_store.run_read(
        "MATCH (f:Fact) WHERE NOT (f)-[:IN]->(:Sentence) OR NOT (f)-[:OF]->(:Practice) OR NOT (f)-[:BY]->() "
        "RETURN f.id AS id"
    )
    assert unlinked == []  # no fact without provenance


def test_reload_changes_nothing(falkor_store: FalkorStore, extractions: list[Extraction]) -> None:
    first = load_extractions(falkor_store, extractions)
    assert first.stats.nodes_created > 0 and first.stats.edges_created > 0
    once = dump(falkor_store)
    size = graph_size(falkor_store)
    assert size == (len(once[0]), len(once[1]))
    again = load_extractions(falkor_store, extractions)
    assert again.stats.nodes_created == 0 and again.stats.edges_created == 0
    assert dump(falkor_store) == once  # loaded_at included: a reload must not touch it
    assert graph_size(falkor_store) == size


def test_batch_size_does_not_change_the_graph(
    falkor_store: FalkorStore, extractions: list[Extraction]
) -> None:
    load_extractions(falkor_store, extractions, batch_size=1000)
    big = dump(falkor_store, volatile=("loaded_at",))
    falkor_store.clear()
    stats = load_extractions(falkor_store, extractions, batch_size=1).stats
    assert stats.statements > len(extractions) * 10
    assert dump(falkor_store, volatile=("loaded_at",)) == big


def test_journal_skips_finished_reports_unless_forced(
    falkor_store: FalkorStore, extractions: list[Extraction], data_dir: Path
) -> None:
    journal = LoadJournal.in_data_dir(data_dir)
    result = load_extractions(falkor_store, extractions[:2], journal)
    assert result.written == [ex.report.id for ex in extractions[:2]]
    assert journal.last_load_time() is not None
    reopened = LoadJournal.in_data_dir(data_dir)
    assert reopened.report_ids() == sorted(ex.report.id for ex in extractions[:2])
    assert reopened.entry(extractions[0].report.id)["counts"]["nodes_created"] > 0  # type: ignore[index]
    result = load_extractions(falkor_store, extractions, reopened)
    assert result.skipped == [ex.report.id for ex in extractions[:2]]
    assert result.written == [extractions[2].report.id]
    forced = load_extractions(falkor_store, extractions, reopened, force=True)
    assert len(forced.written) == 3 and forced.stats.nodes_created == 0
    falkor_store.clear()  # the graph is gone but the journal remains: nothing may be skipped
    rebuilt = load_extractions(falkor_store, extractions, reopened)
    assert rebuilt.skipped == [] and len(rebuilt.written) == 3


def test_resume_after_a_failure_equals_a_clean_load(
    falkor_store: FalkorStore, extractions: list[Extraction], data_dir: Path
) -> None:
    load_extractions(falkor_store, extractions)
    clean = dump(falkor_store, volatile=("loaded_at",))
    writes_per_report = []
    for ex in extractions:
        counter = FailingStore(falkor_store, fail_at=0)
        write_extraction(counter, ex)
        writes_per_report.append(counter.writes)
    total = sum(writes_per_report)
    for n, fail_at in enumerate(range(1, total + 1, 3)):
        falkor_store.clear()
        journal = LoadJournal(data_dir / f"journal-{n}.jsonl")
        failing = FailingStore(falkor_store, fail_at)
        with pytest.raises(ConnectionError):
            load_extractions(failing, extractions, journal)
        # Only the reports whose every statement ran before the failure are journalled.
        finished, seen = 0, 0
        for count in writes_per_report:
            if seen + count < fail_at:
                finished += 1
            seen += count
        assert journal.report_ids() == sorted(ex.report.id for ex in extractions[:finished])
        failed_id = extractions[finished].report.id
        assert not falkor_store.run_read(
            "MATCH (r:Report {id: $id}) WHERE r.complete = true RETURN r.id AS id", {"id": failed_id}
        )
        resumed = load_extractions(falkor_store, extractions, LoadJournal(journal.path))
        assert resumed.skipped == [ex.report.id for ex in extractions[:finished]]
        assert dump(falkor_store, volatile=("loaded_at",)) == clean, f"differs after failure at {fail_at}"


def test_delete_report_removes_only_what_it_alone_supports(
    falkor_store: FalkorStore, extractions: list[Extraction]
) -> None:
    r1, r2, r3 = extractions
    load_extractions(falkor_store, [r1, r3])
    without = dump(falkor_store, volatile=("loaded_at",))
    falkor_store.clear()
    load_extractions(falkor_store, extractions)
    full = dump(falkor_store, volatile=("loaded_at",))

    removed = delete_report(falkor_store, r2.report.id)
    after = dump(falkor_store, volatile=("loaded_at",))
    assert removed == (len(full[0]) - len(after[0])) + (len(full[1]) - len(after[1])) > 0
    assert without[0] <= after[0] and without[1] <= after[1]
    # What stays beyond a load without r2: only county-and-above regions, categories and PART_OF.
    for node in after[0] - without[0]:
        label, props = json.loads(node)
        assert label == "Category" or (
            label == "Region" and props["level"] in ("province", "prefecture", "county")
        )
    for edge in after[1] - without[1]:
        assert json.loads(edge)[1] in ("PART_OF", "IN_CATEGORY")
    assert not falkor_store.run_read(
        "MATCH (n) WHERE n.report_id = $id RETURN n.report_id AS id", {"id": r2.report.id}
    )
    assert delete_report(falkor_store, r2.report.id) == 0
    load_extractions(falkor_store, [r2])
    assert dump(falkor_store, volatile=("loaded_at",)) == full


def test_a_changed_category_or_parent_replaces_the_old_edge(
    falkor_store: FalkorStore, make_extraction: ExtractionFactory
) -> None:
    ex = make_extraction("一份报告", facts=[Fact("150203001", "grid", "沙河街道推行网格化管理。")])
    write_extraction(falkor_store, ex)
    ex.practices = [replace(p, category="治安防控") if p.key == "grid" else p for p in ex.practices]
    ex.categories["治安防控"] = "社会治安防控体系"
    ex.regions = [replace(r, parent_code="150204") if r.code == "150203001" else r for r in ex.regions]
    ex.regions.append(
        next(r for r in make_extraction("另一份", subject="150204").regions if r.code == "150204")
    )
    write_extraction(falkor_store, ex)
    cats = falkor_store.run_read("MATCH (:Practice {key: 'grid'})-[:IN_CATEGORY]->(c) RETURN c.name AS c")
    assert cats == [{"c": "治安防控"}]
    parents = falkor_store.run_read("MATCH (:Region {code: '150203001'})-[:PART_OF]->(p) RETURN p.code AS p")
    assert parents == [{"p": "150204"}]


def test_journal_tolerates_a_torn_last_line(tmp_path: Path) -> None:
    path = tmp_path / "load-journal.jsonl"
    journal = LoadJournal(path)
    assert journal.last_load_time() is None and not journal.done("a")
    journal.mark_done("a", "a.txt", {"nodes_created": 3, "edges_created": 4})
    with path.open("ab") as fh:
        fh.write(b'{"event": "done", "report_id": "b", "sou')  # the process died mid-append
    reread = LoadJournal(path)
    assert reread.done("a") and not reread.done("b")
    reread.mark_done("c", "c.txt")
    reread.mark_deleted("a")
    final = LoadJournal(path)
    assert final.report_ids() == ["c"]
    assert final.last_load_time() is not None
    lines = path.read_bytes().split(b"\n")
    assert lines[-1] == b"" and len(lines) == 5  # a, torn b, c, deleted a, trailing newline


def test_journal_records_a_group_with_one_flush_after_a_torn_line(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "load-journal.jsonl"
    LoadJournal(path).mark_done("a", "a.txt")
    with path.open("ab") as fh:
        fh.write(b'{"event": "done", "report_id": "b", "sou')  # the process died mid-append
    syncs: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (syncs.append(fd), real_fsync(fd))[1])
    journal = LoadJournal(path)
    journal.mark_all_done([("c", "c.txt"), ("d", "d.txt"), ("e", "e.txt")], {"nodes_created": 9})
    assert len(syncs) == 1  # a group's lines reach the disk together
    assert journal.report_ids() == ["a", "c", "d", "e"]
    reread = LoadJournal(path)
    assert reread.report_ids() == ["a", "c", "d", "e"] and not reread.done("b")
    assert reread.entry("d") is not None and reread.entry("d")["counts"] == {"nodes_created": 9}
    assert reread.entry("e")["source"] == "e.txt"


def test_last_load_time_read_backwards_agrees_with_the_whole_journal(tmp_path: Path) -> None:
    path = tmp_path / "load-journal.jsonl"
    assert last_load_time(path) is None  # no journal yet
    lines = [
        {
            "event": "done",
            "report_id": f"r{i}",
            "source": f"{i}.txt",
            "time": f"2026-01-01T00:{i:02d}:00+0000",
        }
        for i in range(40)
    ]
    lines += [{"event": "deleted", "report_id": "r3", "time": "2026-01-02T00:00:00+0000"}]
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    with path.open("ab") as fh:
        fh.write(b'{"event": "done", "report_id": "late", "ti')  # torn by a crash
    whole = LoadJournal(path).last_load_time()
    # a deletion is not a load, and a torn line is not a finished report
    assert whole == "2026-01-01T00:39:00+0000"
    for block in (7, 64, 1000, 1 << 16):  # lines split across blocks however they fall
        assert last_load_time(path, block=block) == whole, block
    only_deleted = tmp_path / "deleted.jsonl"
    only_deleted.write_text(json.dumps(lines[-1]) + "\n", encoding="utf-8")
    assert last_load_time(only_deleted) is None is LoadJournal(only_deleted).last_load_time()


def test_write_extraction_rejects_a_bad_batch_size(
    falkor_store: FalkorStore, extractions: list[Extraction]
) -> None:
    with pytest.raises(ValueError, match="batch_size"):
        write_extraction(falkor_store, extractions[0], batch_size=0)


class CrowdedStore(FailingStore):
    """A store with statement counters where another writer adds a node before each statement."""

    def run_write_stats(
        self, query: str, params: Mapping[str, Any] | None = None
    ) -> tuple[list[Row], dict[str, int]]:
        self.writes += 1
        self.inner.run_write("CREATE (:Category {name: $n})", {"n": f"other-{self.writes}"})
        return self.inner.run_write_stats(query, params)


def test_stats_count_only_this_writes_creations(
    falkor_store: FalkorStore, extractions: list[Extraction]
) -> None:
    alone = load_extractions(falkor_store, extractions).stats
    size = graph_size(falkor_store)
    assert (alone.nodes_created, alone.edges_created) == size
    falkor_store.clear()
    crowded = load_extractions(CrowdedStore(falkor_store, fail_at=0), extractions).stats
    assert (crowded.nodes_created, crowded.edges_created) == size
    assert graph_size(falkor_store)[0] > size[0]  # the other writer's nodes are there, not counted


@pytest.mark.parametrize("group", [2, 3, 50])
def test_grouped_writes_equal_per_report_writes(
    falkor_store: FalkorStore, extractions: list[Extraction], data_dir: Path, group: int
) -> None:
    single = load_extractions(falkor_store, extractions).stats
    clean = dump(falkor_store, volatile=("loaded_at",))
    falkor_store.clear()
    journal = LoadJournal(data_dir / f"grouped-{group}.jsonl")
    grouped = load_extractions(falkor_store, extractions, journal, group=group)
    assert dump(falkor_store, volatile=("loaded_at",)) == clean
    assert grouped.written == [ex.report.id for ex in extractions]
    assert (grouped.stats.nodes_created, grouped.stats.edges_created) == (
        single.nodes_created,
        single.edges_created,
    )
    assert grouped.stats.statements < single.statements
    assert journal.report_ids() == sorted(ex.report.id for ex in extractions)
    assert load_extractions(falkor_store, extractions, journal, group=group).skipped == grouped.written


def test_a_failed_group_is_not_journalled_and_resumes_cleanly(
    falkor_store: FalkorStore, extractions: list[Extraction], data_dir: Path
) -> None:
    load_extractions(falkor_store, extractions)
    clean = dump(falkor_store, volatile=("loaded_at",))
    counter = FailingStore(falkor_store, fail_at=0)
    write_extractions(counter, extractions[:2], group=2)
    first_group = counter.writes
    for fail_at in range(1, first_group + 6):
        falkor_store.clear()
        journal = LoadJournal(data_dir / f"g-{fail_at}.jsonl")
        with pytest.raises(ConnectionError):
            load_extractions(FailingStore(falkor_store, fail_at), extractions, journal, group=2)
        done = [ex.report.id for ex in extractions[:2]] if fail_at > first_group else []
        assert journal.report_ids() == sorted(done)
        reports = falkor_store.run_read("MATCH (r:Report) WHERE r.complete = true RETURN r.id AS id")
        assert sorted(r["id"] for r in reports) == sorted(done), (
            "complete Report nodes only of finished groups"
        )
        load_extractions(falkor_store, extractions, LoadJournal(journal.path), group=2)
        assert dump(falkor_store, volatile=("loaded_at",)) == clean, f"differs after failure at {fail_at}"


def test_merged_rows_keep_the_last_row_per_node(make_extraction: ExtractionFactory) -> None:
    first = make_extraction("一份报告", facts=[Fact("150203001", "grid", "沙河街道推行网格化管理。")])
    second = make_extraction("另一份", facts=[Fact("150203001", "grid", "沙河街道推行网格化管理。")])
    second.practices = [
        replace(p, description="新的说明") if p.key == "grid" else p for p in second.practices
    ]
    merged = dict(merged_statements([first, second]))
    grid = [row for row in merged[PRACTICES] if row["key"] == "grid"]
    assert len(grid) == 1 and grid[0]["description"] == "新的说明"
    assert len({row["code"] for row in merged[REGIONS]}) == len(merged[REGIONS])


def test_prepared_reports_write_what_their_extractions_write(
    falkor_store: FalkorStore, extractions: list[Extraction], tmp_path: Path
) -> None:
    # a load's workers prepare the rows; the writer merges them exactly as it merges its own
    prepared = [prepare(ex) for ex in extractions]
    assert merged_statements(prepared) == merged_statements(extractions)
    seen: list[list[str]] = []
    write_extractions(
        falkor_store, prepared, group=2, on_group=lambda g, _: seen.append([ex.report.id for ex in g])
    )
    assert [i for ids in seen for i in ids] == [ex.report.id for ex in extractions]
    by_prepared = dump(falkor_store, volatile=("loaded_at",))
    falkor_store.clear()
    write_extractions(falkor_store, extractions, group=2)
    assert dump(falkor_store, volatile=("loaded_at",)) == by_prepared


def test_report_text_and_search_text_are_stored(
    falkor_store: FalkorStore, extractions: list[Extraction]
) -> None:
    load_extractions(falkor_store, extractions)
    stored = falkor_store.run_read("MATCH (r:Report) RETURN r.id AS id, r.text AS text")
    assert {r["id"]: r["text"] for r in stored} == {ex.report.id: ex.report.text for ex in extractions}
    practice = falkor_store.run_read("MATCH (p:Practice {key: 'grid'}) RETURN p.search_text AS s")
    assert practice == [{"s": "网格化管理 网格化服务管理 网格员"}]
    region = falkor_store.run_read("MATCH (r:Region {code: '150203'}) RETURN r.search_text AS s")
    assert region == [{"s": "昆都仑区 昆区"}]  # the short name equals the alias: once
    # FalkorDB's full-text index skips lists: aliases are found through search_text.
    by_alias = "CALL db.idx.fulltext.queryNodes('Practice', $q) YIELD node RETURN node.key AS key"
    assert falkor_store.run_read(by_alias, {"q": "网格员"}) == [{"key": "grid"}]
    region_alias = "CALL db.idx.fulltext.queryNodes('Region', $q) YIELD node RETURN node.code AS code"
    assert falkor_store.run_read(region_alias, {"q": "昆区"}) == [{"code": "150203"}]


def test_write_extractions_rejects_a_bad_group(
    falkor_store: FalkorStore, extractions: list[Extraction]
) -> None:
    with pytest.raises(ValueError, match="group"):
        write_extractions(falkor_store, extractions, group=0)
