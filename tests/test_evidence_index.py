"""The embedded store's evidence index: kept beside the graph in SQLite, brought up to date from the
graph itself, and giving the search queries the same sentences a scan of the graph finds."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from conftest import ExtractionFactory, Fact

from govkg.graph.evidence_index import SCAN, SORT_AT_MOST, EvidenceIndex, index_path, match_expression
from govkg.graph.falkor_store import FalkorStore
from govkg.graph.writer import delete_report, write_extractions
from govkg.loaders.extraction import Extraction
from govkg.queries.catalog import run_query


def _scan(store: FalkorStore, needle: str, cap: int = 500) -> list[str]:
    """What a scan of every sentence in the graph finds, in the search's order."""
    return [str(r["id"]) for r in store.run_read(SCAN, {"q": needle, "cap": cap})]


def _reports(make_extraction: ExtractionFactory) -> list[Extraction]:
    return [
        make_extraction(
            "昆都仑区基层治理工作回顾",
            facts=[
                Fact("150203", "grid", "昆都仑区把城区划成一百二十个网格，网格员每日走访。"),
                Fact("150203", "fengqiao", "昆都仑区推广枫桥式工作法，网格内的纠纷当天调处。"),
            ],
            subject="150203",
        ),
        make_extraction(
            "青山区平安建设小结",
            facts=[Fact("150204", "snow", "青山区新装治安监控探头四百路，联入区级平台。")],
            subject="150204",
        ),
        make_extraction(
            "格尔木市AI辅助调解试点",
            facts=[Fact("632801", "mediation", "格尔木市在三个街道试用AI辅助调解，群众可在线申请。")],
            subject="632801",
        ),
    ]


def test_search_finds_what_a_scan_finds_and_follows_writes_and_deletes(
    falkor_store: FalkorStore, make_extraction: ExtractionFactory
) -> None:
    reports = _reports(make_extraction)
    write_extractions(falkor_store, reports[:2])
    assert falkor_store.evidence_ids("网格", 10) == _scan(falkor_store, "网格")
    assert len(falkor_store.evidence_ids("网格", 10)) == 2
    assert falkor_store.evidence_ids("监控探头", 10) == _scan(falkor_store, "监控探头") != []
    assert falkor_store.evidence_ids("ai辅助", 10) == []  # not written yet
    write_extractions(falkor_store, reports[2:])  # another write: the next search catches up
    assert falkor_store.evidence_ids("ai辅助", 10) == _scan(falkor_store, "ai辅助") != []
    delete_report(falkor_store, reports[0].report.id)
    assert falkor_store.evidence_ids("网格", 10) == [] == _scan(falkor_store, "网格")
    assert falkor_store.evidence_ids("监控探头", 10) != []
    # the catalog queries get their candidates from the index without being given them
    rows = run_query(falkor_store, "search_evidence", {"q": "监控探头"})
    assert [r["report_id"] for r in rows] == [reports[1].report.id]
    assert rows[0]["facts"][0]["practice_key"] == "snow"
    assert run_query(falkor_store, "search_evidence_count", {"q": "探头"}) == [{"count": 1}]


def test_a_substring_across_bigrams_and_one_character_are_found(
    falkor_store: FalkorStore, make_extraction: ExtractionFactory
) -> None:
    write_extractions(falkor_store, _reports(make_extraction))
    # every bigram of 网格员每日 is in the index: the sentence is found; 网格每日 has the same
    # bigrams minus one and is not a substring of anything: nothing
    assert len(falkor_store.evidence_ids("网格员每日", 10)) == 1
    assert falkor_store.evidence_ids("网格每日", 10) == []
    assert falkor_store.evidence_ids("探", 10) == _scan(falkor_store, "探") != []
    assert falkor_store.evidence_ids("", 10) == []
    # a quote or an FTS operator in the text is looked for as text, never read as syntax
    assert falkor_store.evidence_ids('网"格', 10) == []
    assert falkor_store.evidence_ids("网格 or 调解", 10) == []
    assert match_expression("ab网格") == '"ab" "b网" "网格"'


def test_a_lost_or_stale_index_file_is_rebuilt_from_the_graph(
    falkor_store: FalkorStore, make_extraction: ExtractionFactory
) -> None:
    reports = _reports(make_extraction)
    write_extractions(falkor_store, reports)
    expected = falkor_store.evidence_ids("网格", 10)
    assert expected
    falkor_store.evidence.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{falkor_store.evidence.path}{suffix}").unlink(missing_ok=True)
    assert falkor_store.evidence_ids("网格", 10) == expected
    # an index that holds a report the graph no longer has (written by a crashed process) and
    # claims to be up to date with another server: compared anew, the stray report goes
    other = EvidenceIndex(falkor_store.evidence.path)
    other.refresh(falkor_store, "another-server:1")
    delete_report(falkor_store, reports[0].report.id)
    other.refresh(falkor_store, None)
    assert other.find("网格", 10) == []
    other.close()


def test_migrate_drops_the_stored_bigrams_and_reindexes(
    falkor_store: FalkorStore, make_extraction: ExtractionFactory
) -> None:
    from govkg.graph.migrate import migrate

    reports = _reports(make_extraction)
    write_extractions(falkor_store, reports)
    # a sentence as an earlier govkg wrote it: bigrams stored, and a full-text index over them
    falkor_store.run_write("MATCH (s:Sentence) SET s.grams = 'stale'")
    falkor_store.run_write("CALL db.idx.fulltext.createNodeIndex('Sentence', 'grams')")
    result = migrate(falkor_store)
    assert result.grams == 4 and result.changed  # every sentence of the three reports
    assert falkor_store.run_read("MATCH (s:Sentence) WHERE s.grams IS NOT NULL RETURN count(s) AS n") == [
        {"n": 0}
    ]
    indexed = falkor_store.run_read("CALL db.indexes() YIELD label, types RETURN label, types")
    assert not any(r["label"] == "Sentence" and "FULLTEXT" in str(r["types"]) for r in indexed)
    assert falkor_store.evidence_ids("网格", 10) == _scan(falkor_store, "网格") != []
    assert migrate(falkor_store).grams == 0


def test_many_hits_are_read_in_order_and_few_are_sorted_alike(tmp_path: Path) -> None:
    """Both ways of listing a search's sentences give the same first page."""

    class Graph:
        def __init__(self, n: int) -> None:
            self.rows = [
                {"id": f"r{i % 97}:{i}", "report_id": f"r{i % 97}", "pos": i, "facts": i % 5, "text": t}
                for i in range(n)
                for t in [f"第{i}号网格开展{'调解' if i % 3 else '巡逻'}"]
            ]

        def run_read(self, query: str, params: Any = None, timeout: object = None) -> list[dict[str, Any]]:
            if "complete" in query:
                return [{"id": f"r{i}", "stamp": "t"} for i in range(97)]
            ids = set(params["ids"])
            return [r for r in self.rows if r["report_id"] in ids]

    graph = Graph(SORT_AT_MOST * 2 + 10)
    index = EvidenceIndex(tmp_path / "evidence.sqlite")
    index.refresh(graph, "v1")
    expected = sorted(
        (r for r in graph.rows if "网格开展调解" in str(r["text"])),
        key=lambda r: (-int(r["facts"]), str(r["report_id"]), int(r["pos"])),
    )
    many = index.find("网格开展调解", 50)  # more hits than SORT_AT_MOST: read in order
    assert many == [r["id"] for r in expected[:50]]
    few = index.find("网格开展巡逻", 50)  # a third of them: sorted
    expected_few = sorted(
        (r for r in graph.rows if "巡逻" in str(r["text"])),
        key=lambda r: (-int(r["facts"]), str(r["report_id"]), int(r["pos"])),
    )
    assert few == [r["id"] for r in expected_few[:50]]
    assert index.find("网格开展调解", 10) == many[:10]  # remembered for the version indexed
    index.close()


def test_a_damaged_index_file_is_indexed_anew_and_an_unusable_path_is_scanned(
    falkor_store: FalkorStore, make_extraction: ExtractionFactory, caplog: pytest.LogCaptureFixture
) -> None:
    write_extractions(falkor_store, _reports(make_extraction))
    expected = _scan(falkor_store, "网格", 10)
    assert expected
    falkor_store.evidence.close()
    falkor_store.evidence.path.write_bytes(b"this is not a database" * 100)
    assert falkor_store.evidence_ids("网格", 10) == expected
    assert "indexing anew" in caplog.text
    with sqlite3.connect(falkor_store.evidence.path) as db:  # a real index again
        assert db.execute("SELECT count(*) FROM sentences").fetchone() == (4,)
    # another version's file is replaced the same way
    falkor_store.evidence.close()
    with sqlite3.connect(falkor_store.evidence.path) as db:
        db.execute("UPDATE meta SET value = '0' WHERE key = 'version'")
    assert falkor_store.evidence_ids("网格", 10) == expected
    # a path no file can be made at: the sentences are scanned, the answer the same
    elsewhere = EvidenceIndex(falkor_store.data_dir / "no-such-dir" / "evidence.sqlite")
    falkor_store.evidence.close()
    falkor_store.evidence = elsewhere
    assert falkor_store.evidence_ids("网格", 10) == expected
    assert "scanning the sentences instead" in caplog.text


def test_concurrent_searches_agree(falkor_store: FalkorStore, make_extraction: ExtractionFactory) -> None:
    write_extractions(falkor_store, _reports(make_extraction))
    expected = _scan(falkor_store, "网格")
    answers: list[list[str]] = []
    errors: list[BaseException] = []

    def search() -> None:
        try:
            for _ in range(20):
                answers.append(falkor_store.evidence_ids("网格", 10))
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=search) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(answers) == 80 and all(a == expected for a in answers)


def test_the_index_file_holds_each_sentence_once(
    falkor_store: FalkorStore, make_extraction: ExtractionFactory
) -> None:
    reports = _reports(make_extraction)
    write_extractions(falkor_store, reports)
    falkor_store.refresh_evidence()
    write_extractions(falkor_store, reports)  # a re-load changes nothing
    falkor_store.refresh_evidence()
    with sqlite3.connect(falkor_store.evidence.path) as db:
        (n,) = db.execute("SELECT count(*) FROM sentences").fetchone()
        (m,) = db.execute("SELECT count(DISTINCT id) FROM sentences").fetchone()
    graph = falkor_store.run_read("MATCH (s:Sentence) RETURN count(s) AS n")[0]["n"]
    assert n == m == graph == 4


def test_a_graph_name_that_is_no_file_name_is_hashed(tmp_path: Path) -> None:
    assert index_path(tmp_path, "govkg") == tmp_path / "evidence-govkg.sqlite"
    odd = index_path(tmp_path, "../a graph/名")
    assert odd.parent == tmp_path and odd.name.startswith("evidence-") and "/" not in odd.name[9:]
    assert odd != index_path(tmp_path, "../a graph/名2")


def test_a_search_does_not_wait_for_another_process_indexing(
    falkor_store: FalkorStore, make_extraction: ExtractionFactory
) -> None:
    reports = _reports(make_extraction)
    write_extractions(falkor_store, reports[:1])
    assert falkor_store.evidence_ids("网格", 10)
    write_extractions(falkor_store, reports[1:])
    other = sqlite3.connect(falkor_store.evidence.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # as a loader bringing the index up to date holds it
    try:
        assert falkor_store.evidence_ids("探头", 10) == []  # what the index holds, at once
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert falkor_store.evidence_ids("探头", 10) == _scan(falkor_store, "探头") != []


def test_neo4j_import_files_from_the_embedded_store_carry_the_bigrams(
    falkor_store: FalkorStore, make_extraction: ExtractionFactory, tmp_path: Path
) -> None:
    """Neo4j's evidence index reads the bigrams the embedded store no longer keeps: its bulk-import
    files get them spelt from the sentence."""
    import csv

    from govkg.graph.neo4j_import import store_rows, write_import_files

    write_extractions(falkor_store, _reports(make_extraction))
    files = write_import_files(*store_rows(falkor_store), tmp_path / "csv")
    with files.node_files["Sentence"].open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 4 and all(r["grams"] for r in rows)
    probe = next(r for r in rows if "探头" in r["text"])
    assert "探头" in probe["grams"].split() and "，" not in probe["grams"]
