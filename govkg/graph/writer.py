"""Extraction -> graph: batched, idempotent ``UNWIND $rows ... MERGE`` statements.

Every statement is one self-contained MERGE, so running it twice changes nothing and a
statement that fails leaves no trace (FalkorDB has no multi-statement rollback). The
Report node is written by the last statement of a report, so a Report node in the store
means the whole report is there; a report cut off half-way is simply written again.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from govkg.graph.journal import LoadJournal
from govkg.graph.model import search_text
from govkg.graph.store import GraphStore, Row
from govkg.loaders.extraction import Extraction, Practice

Rows = list[dict[str, Any]]

# -- statements (data, never built from input) ------------------------------------------

REGIONS = """
UNWIND $rows AS row
MERGE (r:Region {code: row.code})
SET r.name = row.name, r.level = row.level, r.short = row.short, r.aliases = row.aliases,
    r.search_text = row.search_text
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
    p.description = row.description, p.origin = row.origin, p.search_text = row.search_text
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
    m.evidence = row.evidence, m.offset = row.offset, m.change = row.change
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

# Last: the Report nodes with every edge that starts at them, one row per report. Only keys
# known to exist are passed (filtered in Python), so the MERGEs inside FOREACH never create
# bare nodes. One statement, so a group's Report nodes appear together or not at all.
REPORTS = """
UNWIND $reports AS row
MERGE (rep:Report {id: row.report.id})
SET rep.title = row.report.title, rep.source = row.report.source,
    rep.published = row.report.published, rep.year = row.report.year,
    rep.chars = row.report.chars, rep.text = row.report.text
SET rep.loaded_at = coalesce(rep.loaded_at, $loaded_at)
WITH rep, row
FOREACH (code IN row.about | MERGE (s:Region {code: code}) MERGE (rep)-[:ABOUT]->(s))
FOREACH (k IN row.measurements | MERGE (m:Measurement {key: k}) MERGE (rep)-[:STATES]->(m))
FOREACH (t IN row.practice_mentions |
  MERGE (p:Practice {key: t.key}) MERGE (rep)-[x:MENTIONS]->(p) SET x.count = t.count)
FOREACH (t IN row.region_mentions |
  MERGE (r:Region {code: t.key}) MERGE (rep)-[x:MENTIONS]->(r) SET x.count = t.count)
FOREACH (t IN row.agency_mentions |
  MERGE (g:Agency {key: t.key}) MERGE (rep)-[x:MENTIONS]->(g) SET x.count = t.count)
"""

# The fields that identify a row of each statement. Rows merged from several reports keep
# the last row per identity: the state sequential writes would leave, and never two rows
# for one node in a statement (with stale-edge deletion, such a pair could undo itself).
ROW_KEYS: dict[str, tuple[str, ...]] = {
    REGIONS: ("code",),
    PART_OF: ("code",),
    PRACTICES: ("key",),
    VARIANT_OF: ("key", "variant_of"),
    AGENCIES: ("key",),
    ADOPTED: ("region", "practice", "report_id"),
    IMPLEMENTS: ("agency", "practice", "report_id"),
    MEASUREMENTS: ("key",),
    MEASUREMENT_REGION: ("key", "region"),
    MEASUREMENT_PRACTICE: ("key", "practice"),
}

REPORT_EXISTS = "MATCH (rep:Report {id: $id}) RETURN rep.id AS id"
REPORTS_EXISTING = "UNWIND $ids AS id MATCH (rep:Report {id: id}) RETURN rep.id AS id"
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


def practice_rows(practices: Iterable[Practice], categories: Mapping[str, str]) -> list[dict[str, Any]]:
    """The PRACTICES statement's rows for some practices (with their categories' descriptions)."""
    return [
        {
            "key": p.key,
            "name": p.name,
            "category": p.category,
            "category_description": categories.get(p.category),
            "aliases": list(p.aliases),
            "description": p.description,
            "origin": p.origin,
            "search_text": search_text(p.name, *p.aliases),
        }
        for p in practices
    ]


def write_taxonomy(store: GraphStore, practices: Iterable[Practice], categories: Mapping[str, str]) -> None:
    """Write every taxonomy practice, its category and VARIANT_OF links (idempotent), so that the
    graph lists practices no report has mentioned yet."""
    practices = list(practices)
    rows = practice_rows(practices, categories)
    if rows:
        store.run_write(PRACTICES, {"rows": rows})
    variants = [{"key": p.key, "variant_of": p.variant_of} for p in practices if p.variant_of]
    if variants:
        store.run_write(VARIANT_OF, {"rows": variants})


def statements_for(ex: Extraction) -> list[tuple[str, Rows]]:
    """The (statement, rows) pairs that write one extraction, in order, before the REPORTS step."""
    region_codes = {r.code for r in ex.regions}
    practice_keys = {p.key for p in ex.practices}
    regions = [
        {
            "code": r.code,
            "name": r.name,
            "level": r.level,
            "short": r.short,
            "aliases": list(r.aliases),
            "search_text": search_text(r.name, r.short, *r.aliases),
        }
        for r in ex.regions
    ]
    part_of = [{"code": r.code, "parent": r.parent_code} for r in ex.regions if r.parent_code]
    practices = practice_rows(ex.practices, ex.categories)
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
            "change": m.change,
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


def report_row(ex: Extraction) -> dict[str, Any]:
    """One report's row of the final REPORTS statement: metadata, text and its own edges."""
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
            "text": rep.text,
        },
        "about": [ex.subject_region] if ex.subject_region in region_codes else [],
        "measurements": sorted(m.key for m in ex.measurements),
        "practice_mentions": rows("Practice"),
        "region_mentions": rows("Region"),
        "agency_mentions": rows("Agency"),
    }


def report_params(extractions: Sequence[Extraction], loaded_at: str) -> dict[str, Any]:
    """Parameters of the REPORTS statement for these extractions."""
    return {"reports": [report_row(ex) for ex in extractions], "loaded_at": loaded_at}


def _identity(row: dict[str, Any], fields: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple(row.get(f) for f in fields)


def merged_statements(extractions: Sequence[Extraction]) -> list[tuple[str, Rows]]:
    """The statements of several extractions with their rows merged, last row per identity kept."""
    merged: dict[str, dict[tuple[Any, ...], dict[str, Any]]] = {}
    for ex in extractions:
        for statement, rows in statements_for(ex):
            by_id = merged.setdefault(statement, {})
            fields = ROW_KEYS[statement]
            for row in rows:
                ident = _identity(row, fields)
                by_id.pop(ident, None)  # re-inserted last: dicts keep insertion order
                by_id[ident] = row
    return [(statement, list(by_id.values())) for statement, by_id in merged.items()]


class _CountingStore(Protocol):
    def run_write_stats(
        self, query: str, params: Mapping[str, Any] | None = None
    ) -> tuple[list[Row], dict[str, int]]: ...


def _counting(store: GraphStore) -> _CountingStore | None:
    """The store itself when it reports per-statement counters, else None."""
    return store if callable(getattr(store, "run_write_stats", None)) else None


def _write_group(store: GraphStore, group: Sequence[Extraction], batch_size: int) -> WriteStats:
    stats = WriteStats()
    counting = _counting(store)
    # A store without statement counters: the graph's size before and after (slow, and wrong
    # when another process writes at the same time).
    before = graph_size(store) if counting is None else (0, 0)
    steps: list[tuple[str, dict[str, Any]]] = [
        (statement, {"rows": batch})
        for statement, rows in merged_statements(group)
        for batch in _batches(rows, batch_size)
    ]
    steps.append((REPORTS, report_params(group, time.strftime("%Y-%m-%dT%H:%M:%S%z"))))
    for statement, params in steps:
        if counting is None:
            store.run_write(statement, params)
        else:
            _, counters = counting.run_write_stats(statement, params)
            stats.nodes_created += counters.get("nodes_created", 0)
            stats.edges_created += counters.get("relationships_created", 0)
        stats.statements += 1
        stats.rows += len(params.get("rows") or params.get("reports") or ())
    if counting is None:
        after = graph_size(store)
        stats.nodes_created = max(0, after[0] - before[0])
        stats.edges_created = max(0, after[1] - before[1])
    return stats


def write_extraction(store: GraphStore, ex: Extraction, batch_size: int = 1000) -> WriteStats:
    """Write one report's extraction with idempotent MERGE statements; the Report node last."""
    return write_extractions(store, [ex], batch_size)


def write_extractions(
    store: GraphStore,
    extractions: Iterable[Extraction],
    batch_size: int = 1000,
    group: int = 1,
    on_group: Callable[[Sequence[Extraction], WriteStats], None] | None = None,
) -> WriteStats:
    """Write extractions ``group`` at a time, each group's rows merged into shared statements.

    Within a group the Report nodes come last, in one statement, so a Report node in the
    store still means its whole report is there. ``on_group(group, stats)`` runs after every
    statement of a group succeeded: the place to journal those reports as done.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    if group < 1:
        raise ValueError("group must be at least 1")
    total = WriteStats()
    pending: list[Extraction] = []

    def flush() -> None:
        nonlocal total
        stats = _write_group(store, pending, batch_size)
        if on_group is not None:
            on_group(list(pending), stats)
        total += stats
        pending.clear()

    for ex in extractions:
        pending.append(ex)
        if len(pending) >= group:
            flush()
    if pending:
        flush()
    return total


def already_loaded(store: GraphStore, journal: LoadJournal, report_id: str) -> bool:
    """Whether a report may be skipped: journalled as done *and* its Report node (written last)
    is still in the store, so a graph cleared or lost behind the journal's back is rebuilt."""
    return journal.done(report_id) and bool(store.run_read(REPORT_EXISTS, {"id": report_id}))


def existing_reports(store: GraphStore, ids: Iterable[str]) -> set[str]:
    """Which of ``ids`` have their Report node in the store: one indexed query for them all."""
    wanted = sorted(set(ids))
    return {str(row["id"]) for row in store.run_read(REPORTS_EXISTING, {"ids": wanted})} if wanted else set()


def load_extractions(
    store: GraphStore,
    extractions: Iterable[Extraction],
    journal: LoadJournal | None = None,
    batch_size: int = 1000,
    force: bool = False,
    group: int = 1,
) -> LoadResult:
    """Write each extraction not yet journalled (all with force), journalling each once complete.

    A journalled report is skipped only while the store still holds its Report node (written
    last), so a graph cleared or lost behind the journal's back is rebuilt rather than skipped.
    With ``group`` > 1 reports are written ``group`` at a time (see write_extractions) and
    journalled once their whole group is written; each journal entry then carries the
    group's counts and its size.
    """
    result = LoadResult()

    def todo() -> Iterator[Extraction]:
        for ex in extractions:
            rid = ex.report.id
            if journal is not None and not force and already_loaded(store, journal, rid):
                result.skipped.append(rid)
                continue
            yield ex

    def done(written: Sequence[Extraction], stats: WriteStats) -> None:
        for ex in written:
            if journal is not None:
                counts = {**asdict(stats), "group_reports": len(written)} if len(written) > 1 else stats
                journal.mark_done(ex.report.id, ex.report.source, counts)
            result.written.append(ex.report.id)
        result.stats += stats

    write_extractions(store, todo(), batch_size, group, done)
    return result


# -- deletion ---------------------------------------------------------------------------

_CANDIDATES = """
MATCH (rep:Report {id: $id})
OPTIONAL MATCH (rep)-[:MENTIONS]->(t)
WITH rep, collect(DISTINCT t) AS mentioned
OPTIONAL MATCH (rep)-[:ABOUT]->(s:Region)
WITH mentioned, collect(s.code) AS about
RETURN [t IN mentioned WHERE t:Practice | t.key] AS practices,
       [t IN mentioned WHERE t:Agency | t.key] AS agencies,
       [t IN mentioned WHERE t:Region | t.code] + about AS regions
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
    counting = _counting(store)
    before = graph_size(store) if counting is None else (0, 0)
    removed = 0

    def run(statement: str, params: dict[str, Any]) -> None:
        nonlocal removed
        if counting is None:
            store.run_write(statement, params)
        else:
            _, counters = counting.run_write_stats(statement, params)
            removed += counters.get("nodes_deleted", 0) + counters.get("relationships_deleted", 0)

    # Facts first, the Report node last of the facts, then the orphans they leave.
    for stmt in (_DELETE_ADOPTED, _DELETE_IMPLEMENTS, _DELETE_MEASUREMENTS, _DELETE_REPORT):
        run(stmt, params)
    if practices:
        run(_DELETE_LOCAL_PRACTICES, {"keys": sorted(practices)})
    if agencies:
        run(_DELETE_AGENCIES, {"keys": sorted(agencies)})
    if regions:
        for level in SUB_COUNTY_BOTTOM_UP:
            run(_DELETE_REGIONS, {"codes": sorted(regions), "level": level})
    if counting is None:
        after = graph_size(store)
        return (before[0] - after[0]) + (before[1] - after[1])
    return removed
