"""Extraction -> graph: batched, idempotent ``UNWIND $rows ... MERGE`` statements.

Every statement is one self-contained MERGE, so running it twice changes nothing and a
statement that fails leaves no trace (FalkorDB has no multi-statement rollback). The
Report node is written by the last statement of a report, so a Report node in the store
means the whole report is there; a report cut off half-way is simply written again.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from govkg.graph.journal import LoadJournal
from govkg.graph.store import GraphStore
from govkg.loaders.extraction import Extraction

Rows = list[dict[str, Any]]

# -- statements (data, never built from input) ------------------------------------------

REGIONS = """
UNWIND $rows AS row
MERGE (r:Region {code: row.code})
SET r.name = row.name, r.level = row.level, r.short = row.short, r.aliases = row.aliases
"""

PART_OF = """
UNWIND $rows AS row
MATCH (c:Region {code: row.code})
MATCH (p:Region {code: row.parent})
MERGE (c)-[:PART_OF]->(p)
WITH c, p
OPTIONAL MATCH (c)-[stale:PART_OF]->(other:Region)
WHERE other.code <> p.code
DELETE stale
"""

PRACTICES = """
UNWIND $rows AS row
MERGE (c:Category {name: row.category})
SET c.description = coalesce(row.category_description, c.description)
MERGE (p:Practice {key: row.key})
SET p.name = row.name, p.category = row.category, p.aliases = row.aliases,
    p.description = row.description, p.origin = row.origin
MERGE (p)-[:IN_CATEGORY]->(c)
WITH p, c
OPTIONAL MATCH (p)-[stale:IN_CATEGORY]->(other:Category)
WHERE other.name <> c.name
DELETE stale
"""

VARIANT_OF = """
UNWIND $rows AS row
MATCH (p:Practice {key: row.key})
MATCH (v:Practice {key: row.variant_of})
MERGE (p)-[:VARIANT_OF]->(v)
"""

AGENCIES = """
UNWIND $rows AS row
MERGE (g:Agency {key: row.key})
SET g.name = row.name, g.kind = row.kind, g.region_code = row.region_code
WITH g, row
MATCH (r:Region {code: row.region_code})
MERGE (g)-[:OF_REGION]->(r)
"""

ADOPTED = """
UNWIND $rows AS row
MATCH (r:Region {code: row.region})
MATCH (p:Practice {key: row.practice})
MERGE (r)-[a:ADOPTED {report_id: row.report_id}]->(p)
SET a.year = row.year, a.evidence = row.evidence, a.offset = row.offset,
    a.confidence = row.confidence, a.surface = row.surface
"""

IMPLEMENTS = """
UNWIND $rows AS row
MATCH (g:Agency {key: row.agency})
MATCH (p:Practice {key: row.practice})
MERGE (g)-[i:IMPLEMENTS {report_id: row.report_id}]->(p)
SET i.year = row.year, i.evidence = row.evidence, i.offset = row.offset
"""

MEASUREMENTS = """
UNWIND $rows AS row
MERGE (m:Measurement {key: row.key})
SET m.indicator = row.indicator, m.value = row.value, m.unit = row.unit, m.raw = row.raw,
    m.year = row.year, m.approximate = row.approximate, m.report_id = row.report_id,
    m.evidence = row.evidence, m.offset = row.offset
"""

MEASUREMENT_REGION = """
UNWIND $rows AS row
MATCH (m:Measurement {key: row.key})
MATCH (r:Region {code: row.region})
MERGE (m)-[:OF_REGION]->(r)
"""

MEASUREMENT_PRACTICE = """
UNWIND $rows AS row
MATCH (m:Measurement {key: row.key})
MATCH (p:Practice {key: row.practice})
MERGE (m)-[:FOR_PRACTICE]->(p)
"""

# Last: the Report node with every edge that starts at it. Only keys known to exist are
# passed (filtered in Python), so the MERGEs inside FOREACH never create bare nodes.
REPORT = """
MERGE (rep:Report {id: $report.id})
SET rep.title = $report.title, rep.source = $report.source, rep.published = $report.published,
    rep.year = $report.year, rep.chars = $report.chars
SET rep.loaded_at = coalesce(rep.loaded_at, $loaded_at)
WITH rep
FOREACH (code IN $about | MERGE (s:Region {code: code}) MERGE (rep)-[:ABOUT]->(s))
FOREACH (k IN $measurements | MERGE (m:Measurement {key: k}) MERGE (rep)-[:STATES]->(m))
FOREACH (row IN $practice_mentions |
  MERGE (t:Practice {key: row.key}) MERGE (rep)-[x:MENTIONS]->(t) SET x.count = row.count)
FOREACH (row IN $region_mentions |
  MERGE (t:Region {code: row.key}) MERGE (rep)-[x:MENTIONS]->(t) SET x.count = row.count)
FOREACH (row IN $agency_mentions |
  MERGE (t:Agency {key: row.key}) MERGE (rep)-[x:MENTIONS]->(t) SET x.count = row.count)
"""

REPORT_EXISTS = "MATCH (rep:Report {id: $id}) RETURN rep.id AS id"
COUNT_NODES = "MATCH (n) RETURN count(n) AS n"
COUNT_EDGES = "MATCH ()-[r]->() RETURN count(r) AS n"


@dataclass(slots=True)
class WriteStats:
    """What writing one or more reports did: statements and rows sent, nodes and edges created."""

    statements: int = 0
    rows: int = 0
    nodes_created: int = 0
    edges_created: int = 0

    def __iadd__(self, other: WriteStats) -> WriteStats:
        self.statements += other.statements
        self.rows += other.rows
        self.nodes_created += other.nodes_created
        self.edges_created += other.edges_created
        return self


@dataclass(slots=True)
class LoadResult:
    """What load_extractions did: reports written and skipped, and the summed WriteStats."""

    written: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    stats: WriteStats = field(default_factory=WriteStats)


def graph_size(store: GraphStore) -> tuple[int, int]:
    """(number of nodes, number of relationships) in the store."""
    nodes = store.run_read(COUNT_NODES)
    edges = store.run_read(COUNT_EDGES)
    return int(nodes[0]["n"]) if nodes else 0, int(edges[0]["n"]) if edges else 0


def _batches(rows: Sequence[dict[str, Any]], size: int) -> Iterator[Rows]:
    for i in range(0, len(rows), size):
        yield list(rows[i : i + size])


def statements_for(ex: Extraction) -> list[tuple[str, Rows]]:
    """The (statement, rows) pairs that write one extraction, in order, before the REPORT step."""
    region_codes = {r.code for r in ex.regions}
    practice_keys = {p.key for p in ex.practices}
    regions = [
        {"code": r.code, "name": r.name, "level": r.level, "short": r.short, "aliases": list(r.aliases)}
        for r in ex.regions
    ]
    part_of = [{"code": r.code, "parent": r.parent_code} for r in ex.regions if r.parent_code]
    practices = [
        {
            "key": p.key,
            "name": p.name,
            "category": p.category,
            "category_description": ex.categories.get(p.category),
            "aliases": list(p.aliases),
            "description": p.description,
            "origin": p.origin,
        }
        for p in ex.practices
    ]
    variants = [{"key": p.key, "variant_of": p.variant_of} for p in ex.practices if p.variant_of]
    agencies = [
        {"key": a.key, "name": a.name, "kind": a.kind, "region_code": a.region_code} for a in ex.agencies
    ]
    # One ADOPTED edge per (region, practice, report): the earliest sentence in the text wins.
    adopted: dict[tuple[str, str, str], dict[str, Any]] = {}
    for a in sorted(ex.adoptions, key=lambda a: (a.evidence.offset, a.region_code, a.practice_key)):
        adopted.setdefault(
            (a.region_code, a.practice_key, a.report_id),
            {
                "region": a.region_code,
                "practice": a.practice_key,
                "report_id": a.report_id,
                "year": a.year,
                "evidence": a.evidence.sentence,
                "offset": a.evidence.offset,
                "confidence": a.confidence,
                "surface": a.surface,
            },
        )
    implemented: dict[tuple[str, str, str], dict[str, Any]] = {}
    for i in sorted(ex.implementations, key=lambda i: (i.evidence.offset, i.agency_key, i.practice_key)):
        implemented.setdefault(
            (i.agency_key, i.practice_key, i.report_id),
            {
                "agency": i.agency_key,
                "practice": i.practice_key,
                "report_id": i.report_id,
                "year": i.year,
                "evidence": i.evidence.sentence,
                "offset": i.evidence.offset,
            },
        )
    measurements = [
        {
            "key": m.key,
            "indicator": m.indicator,
            "value": m.value,
            "unit": m.unit,
            "raw": m.raw,
            "year": m.year,
            "approximate": m.approximate,
            "report_id": m.report_id,
            "evidence": m.evidence.sentence,
            "offset": m.evidence.offset,
        }
        for m in ex.measurements
    ]
    m_region = [
        {"key": m.key, "region": m.region_code} for m in ex.measurements if m.region_code in region_codes
    ]
    m_practice = [
        {"key": m.key, "practice": m.practice_key} for m in ex.measurements if m.practice_key in practice_keys
    ]
    return [
        (REGIONS, regions),
        (PART_OF, part_of),
        (PRACTICES, practices),
        (VARIANT_OF, variants),
        (AGENCIES, agencies),
        (ADOPTED, list(adopted.values())),
        (IMPLEMENTS, list(implemented.values())),
        (MEASUREMENTS, measurements),
        (MEASUREMENT_REGION, m_region),
        (MEASUREMENT_PRACTICE, m_practice),
    ]


def report_params(ex: Extraction, loaded_at: str) -> dict[str, Any]:
    """Parameters of the final REPORT statement: metadata plus the report's own edges."""
    rep = ex.report
    region_codes = {r.code for r in ex.regions}
    known = {
        "Practice": {p.key for p in ex.practices},
        "Region": region_codes,
        "Agency": {a.key for a in ex.agencies},
    }
    mentions: dict[str, dict[str, int]] = {"Practice": {}, "Region": {}, "Agency": {}}
    for m in ex.mentions:
        if m.kind in known and m.key in known[m.kind]:
            bucket = mentions[m.kind]
            bucket[m.key] = bucket.get(m.key, 0) + m.count

    def rows(kind: str) -> Rows:
        return [{"key": k, "count": c} for k, c in sorted(mentions[kind].items())]

    return {
        "report": {
            "id": rep.id,
            "title": rep.title,
            "source": rep.source,
            "published": rep.published,
            "year": rep.year,
            "chars": rep.chars,
        },
        "loaded_at": loaded_at,
        "about": [ex.subject_region] if ex.subject_region in region_codes else [],
        "measurements": sorted(m.key for m in ex.measurements),
        "practice_mentions": rows("Practice"),
        "region_mentions": rows("Region"),
        "agency_mentions": rows("Agency"),
    }


def write_extraction(store: GraphStore, ex: Extraction, batch_size: int = 1000) -> WriteStats:
    """Write one report's extraction with idempotent MERGE statements; the Report node last."""
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    stats = WriteStats()
    before = graph_size(store)
    for statement, rows in statements_for(ex):
        for batch in _batches(rows, batch_size):
            store.run_write(statement, {"rows": batch})
            stats.statements += 1
            stats.rows += len(batch)
    store.run_write(REPORT, report_params(ex, time.strftime("%Y-%m-%dT%H:%M:%S%z")))
    stats.statements += 1
    stats.rows += 1
    after = graph_size(store)
    stats.nodes_created = max(0, after[0] - before[0])
    stats.edges_created = max(0, after[1] - before[1])
    return stats


def load_extractions(
    store: GraphStore,
    extractions: Iterable[Extraction],
    journal: LoadJournal | None = None,
    batch_size: int = 1000,
    force: bool = False,
) -> LoadResult:
    """Write each extraction not yet journalled (all with force), journalling each once complete.

    A journalled report is skipped only while the store still holds its Report node (written
    last), so a graph cleared or lost behind the journal's back is rebuilt rather than skipped.
    """
    result = LoadResult()
    for ex in extractions:
        rid = ex.report.id
        if (
            journal is not None
            and not force
            and journal.done(rid)
            and store.run_read(REPORT_EXISTS, {"id": rid})
        ):
            result.skipped.append(rid)
            continue
        stats = write_extraction(store, ex, batch_size)
        if journal is not None:
            journal.mark_done(rid, ex.report.source, stats)
        result.written.append(rid)
        result.stats += stats
    return result


# -- deletion ---------------------------------------------------------------------------

_CANDIDATES = """
MATCH (rep:Report {id: $id})
OPTIONAL MATCH (rep)-[:MENTIONS]->(t)
WITH rep, collect(DISTINCT t) AS mentioned
OPTIONAL MATCH (rep)-[:ABOUT]->(s:Region)
RETURN [t IN mentioned WHERE t:Practice | t.key] AS practices,
       [t IN mentioned WHERE t:Agency | t.key] AS agencies,
       [t IN mentioned WHERE t:Region | t.code] + collect(s.code) AS regions
"""
_FACT_ENDPOINTS = """
MATCH (r:Region)-[a:ADOPTED]->(p:Practice)
WHERE a.report_id = $id
RETURN collect(DISTINCT r.code) AS regions, collect(DISTINCT p.key) AS practices
"""
_IMPL_ENDPOINTS = """
MATCH (g:Agency)-[i:IMPLEMENTS]->(p:Practice)
WHERE i.report_id = $id
RETURN collect(DISTINCT g.key) AS agencies, collect(DISTINCT p.key) AS practices
"""
_MEAS_ENDPOINTS = """
MATCH (m:Measurement)
WHERE m.report_id = $id
OPTIONAL MATCH (m)-[:OF_REGION]->(r:Region)
OPTIONAL MATCH (m)-[:FOR_PRACTICE]->(p:Practice)
RETURN collect(DISTINCT r.code) AS regions, collect(DISTINCT p.key) AS practices
"""
_ANCESTORS = """
MATCH (r:Region)-[:PART_OF*0..]->(a:Region)
WHERE r.code IN $codes
RETURN collect(DISTINCT a.code) AS codes
"""
_DELETE_ADOPTED = "MATCH ()-[a:ADOPTED]->() WHERE a.report_id = $id DELETE a"
_DELETE_IMPLEMENTS = "MATCH ()-[i:IMPLEMENTS]->() WHERE i.report_id = $id DELETE i"
_DELETE_MEASUREMENTS = "MATCH (m:Measurement) WHERE m.report_id = $id DETACH DELETE m"
_DELETE_REPORT = "MATCH (rep:Report {id: $id}) DETACH DELETE rep"
_DELETE_LOCAL_PRACTICES = """
MATCH (p:Practice)
WHERE p.key IN $keys AND p.category = 'local'
  AND NOT (p)<-[:ADOPTED]-() AND NOT (p)<-[:IMPLEMENTS]-() AND NOT (p)<-[:MENTIONS]-()
  AND NOT (p)<-[:FOR_PRACTICE]-() AND NOT (p)<-[:VARIANT_OF]-()
DETACH DELETE p
"""
_DELETE_AGENCIES = """
MATCH (g:Agency)
WHERE g.key IN $keys AND NOT (g)-[:IMPLEMENTS]->() AND NOT (g)<-[:MENTIONS]-()
DETACH DELETE g
"""
# A sub-county region goes when nothing but PART_OF touches it and no region lies under it.
_DELETE_REGIONS = """
MATCH (r:Region)
WHERE r.code IN $codes AND r.level = $level
  AND NOT (r)-[:ADOPTED]->() AND NOT (r)<-[:OF_REGION]-() AND NOT (r)<-[:ABOUT]-()
  AND NOT (r)<-[:MENTIONS]-() AND NOT (r)<-[:PART_OF]-()
DETACH DELETE r
"""
SUB_COUNTY_BOTTOM_UP = ("village", "community", "township")


def delete_report(store: GraphStore, report_id: str) -> int:
    """Remove a report and every fact only it supports; returns nodes + relationships removed."""
    params = {"id": report_id}
    regions: set[str] = set()
    practices: set[str] = set()
    agencies: set[str] = set()
    for query in (_CANDIDATES, _FACT_ENDPOINTS, _IMPL_ENDPOINTS, _MEAS_ENDPOINTS):
        for row in store.run_read(query, params):
            regions.update(c for c in row.get("regions") or [] if c)
            practices.update(k for k in row.get("practices") or [] if k)
            agencies.update(k for k in row.get("agencies") or [] if k)
    if regions:
        rows = store.run_read(_ANCESTORS, {"codes": sorted(regions)})
        regions.update(c for c in (rows[0]["codes"] if rows else []) if c)
    before = graph_size(store)
    # Facts first, the Report node last of the facts, then the orphans they leave.
    for stmt in (_DELETE_ADOPTED, _DELETE_IMPLEMENTS, _DELETE_MEASUREMENTS, _DELETE_REPORT):
        store.run_write(stmt, params)
    if practices:
        store.run_write(_DELETE_LOCAL_PRACTICES, {"keys": sorted(practices)})
    if agencies:
        store.run_write(_DELETE_AGENCIES, {"keys": sorted(agencies)})
    if regions:
        for level in SUB_COUNTY_BOTTOM_UP:
            store.run_write(_DELETE_REGIONS, {"codes": sorted(regions), "level": level})
    after = graph_size(store)
    return (before[0] - after[0]) + (before[1] - after[1])
