"""Bring a graph written by an earlier govkg up to the current model, in place.

Before the Fact/Sentence model, every ADOPTED and IMPLEMENTS edge was one per (region or
agency, practice, report) carrying its own copy of the evidence sentence, and every
Measurement carried its sentence too. ``migrate`` turns each such edge into a Fact with
its Sentence (stored once), moves measurement sentences into Sentence nodes, and then
counts every report into the aggregates (ADOPTED, COVERS, IMPLEMENTS) exactly as a fresh
load does. A graph written before regions carried their activity counts (practices adopted and
the reports behind them) gets them counted from its ADOPTED edges, and sentences without a fact
count get theirs; a sentence's folded copy that equals its text is removed, and so is each fact's
stored rank string (queries spell it from the fact's fields). Every step is a batch
of idempotent statements, so an interrupted migration is simply run again; a graph already on the
current model is left as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from govkg.graph import writer
from govkg.graph.store import GraphStore

BATCH = 1000

_OLD_ADOPTED = """
MATCH (r:Region)-[a:ADOPTED]->(p:Practice)
WHERE a.report_id IS NOT NULL
RETURN r.code AS region, p.key AS practice, a.report_id AS report_id, a.year AS year,
       a.evidence AS evidence, a.offset AS offset, a.confidence AS confidence, a.surface AS surface
LIMIT $limit
"""
_DROP_OLD_ADOPTED = """
UNWIND $rows AS row
MATCH (:Region {code: row.region})-[a:ADOPTED]->(:Practice {key: row.practice})
WHERE a.report_id = row.report_id
DELETE a
"""
_OLD_IMPLEMENTS = """
MATCH (g:Agency)-[i:IMPLEMENTS]->(p:Practice)
WHERE i.report_id IS NOT NULL
RETURN g.key AS agency, p.key AS practice, i.report_id AS report_id, i.year AS year,
       i.evidence AS evidence, i.offset AS offset
LIMIT $limit
"""
_DROP_OLD_IMPLEMENTS = """
UNWIND $rows AS row
MATCH (:Agency {key: row.agency})-[i:IMPLEMENTS]->(:Practice {key: row.practice})
WHERE i.report_id = row.report_id
DELETE i
"""
_OLD_MEASUREMENTS = """
MATCH (m:Measurement)
WHERE m.evidence IS NOT NULL
RETURN m.key AS key, m.report_id AS report_id, m.evidence AS evidence, m.offset AS offset
LIMIT $limit
"""
_LINK_MEASUREMENTS = """
UNWIND $rows AS row
MATCH (m:Measurement {key: row.key})
MATCH (s:Sentence {id: row.sentence})
MERGE (m)-[:IN]->(s)
REMOVE m.evidence
"""
# Reports of the earlier model have no `complete`; `migrating` marks those being counted, so a
# migration cut off between its statements resumes without counting any report twice.
_UNCOUNTED = """
MATCH (rep:Report)
WHERE rep.complete IS NULL OR rep.migrating = true
RETURN rep.id AS id
ORDER BY id
LIMIT $limit
"""
_BEGIN = """
UNWIND $ids AS id
MATCH (rep:Report {id: id})
SET rep.complete = coalesce(rep.complete, false), rep.migrating = true
"""
_END = """
UNWIND $ids AS id
MATCH (rep:Report {id: id})
REMOVE rep.migrating
"""


@dataclass(slots=True)
class MigrationResult:
    """What migrate changed: old per-report edges and measurement sentences moved, reports counted."""

    adoptions: int = 0
    implementations: int = 0
    measurements: int = 0
    reports: int = 0
    regions: int = 0
    sentences: int = 0  # reports whose sentences got their fact counts
    folded: int = 0  # sentences whose folded copy, equal to their text, was removed
    ranks: int = 0  # facts whose stored rank string was removed
    grams: int = 0  # sentences whose search bigrams were removed (the embedded store)

    @property
    def changed(self) -> bool:
        """Whether the graph was on an earlier model."""
        return bool(
            self.adoptions
            or self.implementations
            or self.measurements
            or self.reports
            or self.regions
            or self.sentences
            or self.folded
            or self.ranks
            or self.grams
        )


def _sentence_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for r in rows:
        if r.get("evidence") is None or r.get("offset") is None:
            continue
        row = writer.sentence_row(str(r["report_id"]), int(r["offset"]), str(r["evidence"]))
        seen.setdefault(row["id"], row)
    return list(seen.values())


def _adoption_fact(r: dict[str, Any]) -> dict[str, Any]:
    rid, offset = str(r["report_id"]), int(r["offset"])
    fid = writer.fact_id(rid, "adoption", r["region"], r["practice"])
    return {
        "id": fid,
        "region": r["region"],
        "practice": r["practice"],
        "report_id": rid,
        "year": r.get("year"),
        "offset": offset,
        "sentence": writer.sentence_id(rid, offset),
        "confidence": r.get("confidence"),
        "method": None,
        "surface": r.get("surface"),
    }


def _implementation_fact(r: dict[str, Any]) -> dict[str, Any]:
    rid, offset = str(r["report_id"]), int(r["offset"])
    fid = writer.fact_id(rid, "implementation", r["agency"], r["practice"])
    return {
        "id": fid,
        "agency": r["agency"],
        "practice": r["practice"],
        "report_id": rid,
        "year": r.get("year"),
        "offset": offset,
        "sentence": writer.sentence_id(rid, offset),
        "confidence": None,
        "method": None,
        "surface": None,
    }


def _move(
    store: GraphStore,
    read: str,
    facts: Callable[[dict[str, Any]], dict[str, Any]] | None,
    fact_statement: str,
    drop: str,
) -> int:
    """Move old per-report rows a batch at a time: sentences and facts first, then the old rows go."""
    moved = 0
    while True:
        rows = [r for r in store.run_read(read, {"limit": BATCH}) if r.get("offset") is not None]
        if not rows:
            return moved
        store.run_write(writer.SENTENCES, {"rows": _sentence_rows(rows)})
        if facts is not None:
            store.run_write(fact_statement, {"rows": [facts(r) for r in rows]})
        store.run_write(drop, {"rows": rows})
        moved += len(rows)


def migrate(store: GraphStore, on_step: Callable[[str], None] | None = None) -> MigrationResult:
    """Bring the graph in ``store`` to the current model (idempotent; safe to run again)."""
    say = on_step or (lambda _: None)
    store.ensure_schema()
    result = MigrationResult()
    say("adoption edges → facts and sentences")
    result.adoptions = _move(store, _OLD_ADOPTED, _adoption_fact, writer.ADOPTION_FACTS, _DROP_OLD_ADOPTED)
    say("implementation edges → facts and sentences")
    result.implementations = _move(
        store, _OLD_IMPLEMENTS, _implementation_fact, writer.IMPLEMENTATION_FACTS, _DROP_OLD_IMPLEMENTS
    )
    say("measurement sentences → sentences")
    while True:
        rows = [r for r in store.run_read(_OLD_MEASUREMENTS, {"limit": BATCH}) if r.get("offset") is not None]
        if not rows:
            break
        store.run_write(writer.SENTENCES, {"rows": _sentence_rows(rows)})
        links = [
            {"key": r["key"], "sentence": writer.sentence_id(str(r["report_id"]), int(r["offset"]))}
            for r in rows
        ]
        store.run_write(_LINK_MEASUREMENTS, {"rows": links})
        result.measurements += len(rows)
    say("reports counted into the aggregates")
    while True:
        ids = [str(r["id"]) for r in store.run_read(_UNCOUNTED, {"limit": 200})]
        if not ids:
            break
        store.run_write(_BEGIN, {"ids": ids})
        store.run_write(writer.COMMIT_IMPLEMENTS, {"ids": ids})
        store.run_write(writer.COMMIT_ADOPTED, {"ids": ids})
        store.run_write(_END, {"ids": ids})
        result.reports += len(ids)
    say("regions' activity counts")
    result.regions = writer.count_region_activity(store, BATCH)
    say("sentences' fact counts")
    result.sentences = writer.count_sentence_facts(store, BATCH)
    say("sentences' folded copies equal to their text")
    result.folded = writer.drop_folded_copies(store)
    say("facts' stored rank strings")
    result.ranks = writer.drop_stored_ranks(store)
    say("sentences' stored search bigrams")
    result.grams = writer.drop_sentence_grams(store)
    repaired = writer.repair_incomplete(store)
    if repaired:
        say(f"removed {len(repaired)} report(s) whose write never finished")
    reindex = getattr(store, "reindex_evidence", None)
    if callable(reindex):  # the steps above may have changed sentences of complete reports
        say("evidence index for search, anew")
        reindex()
    return result
