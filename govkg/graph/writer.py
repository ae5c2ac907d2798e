"""Extraction -> graph: batched, idempotent ``UNWIND $rows ... MERGE`` statements.

Every statement is one self-contained MERGE, so running it twice changes nothing and a
statement that fails leaves no trace (FalkorDB has no multi-statement rollback). The
Report node is written by the last statement of a report, so a Report node in the store
means the whole report is there; a report cut off half-way is simply written again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any, Protocol

from govkg.graph.journal import LoadJournal
from govkg.graph.model import search_text, sentence_grams
from govkg.graph.store import GraphStore, Row
from govkg.loaders.documents import fold
from govkg.loaders.extraction import Extraction, Practice

Rows = list[dict[str, Any]]
log = logging.getLogger(__name__)

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

SENTENCES = """
UNWIND $rows AS row
MATCH (rep:Report {id: row.report_id})
MERGE (s:Sentence {id: row.id})
SET s.text = row.text, s.offset = row.offset, s.report_id = row.report_id, s.folded = row.folded,
    s.grams = row.grams
MERGE (rep)-[:HAS]->(s)
"""

# Facts are created once per report and never merged against their siblings: each MERGE below
# looks up one indexed Fact id, and the edges it adds start at that Fact (at most one each).
ADOPTION_FACTS = """
UNWIND $rows AS row
MATCH (r:Region {code: row.region})
MATCH (p:Practice {key: row.practice})
MATCH (s:Sentence {id: row.sentence})
MERGE (f:Fact {id: row.id})
SET f.kind = 'adoption', f.year = row.year, f.method = row.method, f.confidence = row.confidence,
    f.surface = row.surface, f.report_id = row.report_id, f.offset = row.offset,
    f.region_code = row.region, f.practice_key = row.practice
MERGE (f)-[:BY]->(r)
MERGE (f)-[:OF]->(p)
MERGE (f)-[:IN]->(s)
"""

IMPLEMENTATION_FACTS = """
UNWIND $rows AS row
MATCH (g:Agency {key: row.agency})
MATCH (p:Practice {key: row.practice})
MATCH (s:Sentence {id: row.sentence})
MERGE (f:Fact {id: row.id})
SET f.kind = 'implementation', f.year = row.year, f.method = row.method, f.confidence = row.confidence,
    f.surface = row.surface, f.report_id = row.report_id, f.offset = row.offset,
    f.agency_key = row.agency, f.practice_key = row.practice
MERGE (f)-[:BY]->(g)
MERGE (f)-[:OF]->(p)
MERGE (f)-[:IN]->(s)
"""

MEASUREMENTS = """
UNWIND $rows AS row
MATCH (s:Sentence {id: row.sentence})
MERGE (m:Measurement {key: row.key})
SET m.indicator = row.indicator, m.value = row.value, m.unit = row.unit, m.raw = row.raw,
    m.year = row.year, m.approximate = row.approximate, m.report_id = row.report_id,
    m.offset = row.offset, m.change = row.change
MERGE (m)-[:IN]->(s)
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

# First: the Report nodes, marked incomplete. Nothing counts a report (aggregates, listings, the
# skip on reload) until its group's last statement marks it complete. Until then the node also
# lists the regions, agencies and practices the report's statements write (writes_*): a write cut
# off before the edges that reach them leaves them unlinked, and delete_report finds them there.
REPORT_BEGIN = """
UNWIND $reports AS row
MERGE (rep:Report {id: row.report.id})
SET rep.title = row.report.title, rep.source = row.report.source,
    rep.published = row.report.published, rep.year = row.report.year,
    rep.chars = row.report.chars, rep.text = row.report.text
SET rep.writes_regions = CASE WHEN rep.complete THEN null ELSE row.writes.regions END,
    rep.writes_agencies = CASE WHEN rep.complete THEN null ELSE row.writes.agencies END,
    rep.writes_practices = CASE WHEN rep.complete THEN null ELSE row.writes.practices END
SET rep.loaded_at = coalesce(rep.loaded_at, $loaded_at), rep.complete = coalesce(rep.complete, false)
"""

# The edges that start at a report, one row per report. Only keys known to exist are passed
# (filtered in Python), so the MERGEs inside FOREACH never create bare nodes.
REPORTS = """
UNWIND $reports AS row
MATCH (rep:Report {id: row.report.id})
FOREACH (code IN row.about | MERGE (s:Region {code: code}) MERGE (rep)-[:ABOUT]->(s))
FOREACH (k IN row.measurements | MERGE (m:Measurement {key: k}) MERGE (rep)-[:STATES]->(m))
FOREACH (t IN row.practice_mentions |
  MERGE (p:Practice {key: t.key}) MERGE (rep)-[x:MENTIONS]->(p) SET x.count = t.count)
FOREACH (t IN row.region_mentions |
  MERGE (r:Region {code: t.key}) MERGE (rep)-[x:MENTIONS]->(r) SET x.count = t.count)
FOREACH (t IN row.agency_mentions |
  MERGE (g:Agency {key: t.key}) MERGE (rep)-[x:MENTIONS]->(g) SET x.count = t.count)
"""

# A fact's rank (see fact_rank) spelled from its properties: facts do not store it, as the string
# held ~90 MB of a 20k store's memory. Years and offsets are zero-padded to fixed widths, so the
# strings sort as (year, report, offset, id) do; a missing fact (OPTIONAL MATCH) gives null.
FACT_RANK = (
    "right('000' + toString(coalesce(f.year, 9999)), 4) + '|' + f.report_id + '|' + "
    "right('00000000' + toString(f.offset), 9) + '|' + f.id"
)


def _ranked(statement: str) -> str:
    """The statement with each ``collect(f.rank)`` spelled through FACT_RANK."""
    return statement.replace("collect(f.rank)", f"collect({FACT_RANK})")


# Aggregate arithmetic shared by the commit statements: `x` is the edge, and reports, facts, fy,
# ly, ranks this commit's contribution to it. Years merge as min/max ignoring nulls.
_ADD = """
SET {x}.reports = coalesce({x}.reports, 0) + reports, {x}.facts = coalesce({x}.facts, 0) + facts,
    {x}.first_year = CASE WHEN fy IS NULL THEN {x}.first_year
                          WHEN {x}.first_year IS NULL OR fy < {x}.first_year THEN fy
                          ELSE {x}.first_year END,
    {x}.last_year = CASE WHEN ly IS NULL THEN {x}.last_year
                         WHEN {x}.last_year IS NULL OR ly > {x}.last_year THEN ly
                         ELSE {x}.last_year END
"""

# Each sentence carries how many facts it states (0 for one that only states a measurement), so
# search orders the sentences it finds by a property instead of counting every match's facts.
# Set for a group's reports before they are counted (a crash before the commit leaves them
# incomplete, and they are removed); count_sentence_facts gives it to an older graph's sentences.
SENTENCE_FACTS = """
UNWIND $ids AS id
MATCH (s:Sentence {report_id: id})
OPTIONAL MATCH (s)<-[:IN]-(f:Fact)
WITH s, count(f) AS n
SET s.facts = n
"""
# Complete reports of a graph written before sentences carried their fact count (an incomplete
# report's sentences get theirs when its write goes on, or go with it).
UNCOUNTED_SENTENCES = """
MATCH (s:Sentence)
WHERE s.facts IS NULL
WITH DISTINCT s.report_id AS id
MATCH (rep:Report {id: id})
WHERE rep.complete = true
RETURN id
ORDER BY id
LIMIT $limit
"""

# Commit, step 1: count the group's implementation facts into IMPLEMENTS (one edge per agency and
# practice), and mark the reports counted. One statement: it happens wholly or not at all.
COMMIT_IMPLEMENTS = _ranked(
    """
UNWIND $ids AS id
MATCH (rep:Report {id: id})
WHERE rep.complete = false AND rep.counted IS NULL
SET rep.counted = true
WITH rep
MATCH (rep)-[:HAS]->(:Sentence)<-[:IN]-(f:Fact)
WHERE f.kind = 'implementation'
MATCH (f)-[:BY]->(g:Agency)
MATCH (f)-[:OF]->(p:Practice)
WITH g, p, count(DISTINCT f.report_id) AS reports, count(f) AS facts, min(f.year) AS fy,
     max(f.year) AS ly, collect(f.rank) AS ranks
MERGE (g)-[i:IMPLEMENTS]->(p)
"""
    + _ADD.format(x="i")
    + """
WITH i, coalesce(i.sample, []) + ranks AS pool
UNWIND pool AS k
WITH i, k
ORDER BY k
WITH i, collect(DISTINCT k) AS ks
SET i.sample = ks[0..3]
"""
)

# Each region carries its activity: how many practices it adopted (its ADOPTED edges) and the
# reports behind them (their `reports` summed), so "the most active regions" reads a property of
# each region instead of aggregating every ADOPTED edge. COMMIT_ADOPTED adds to them; a deletion
# (and govkg migrate) recounts them from the edges; a region with none carries neither.
RECOUNT_REGIONS = """
UNWIND $codes AS code
MATCH (r:Region {code: code})
OPTIONAL MATCH (r)-[a:ADOPTED]->(:Practice)
WITH r, count(a) AS n, toInteger(sum(coalesce(a.reports, 0))) AS total
SET r.practices = CASE n WHEN 0 THEN null ELSE n END,
    r.adoption_reports = CASE n WHEN 0 THEN null ELSE total END
"""
# Regions of a graph written before regions carried their activity.
UNCOUNTED_REGIONS = """
MATCH (r:Region)
WHERE r.practices IS NULL AND (r)-[:ADOPTED]->(:Practice)
RETURN r.code AS code
ORDER BY code
LIMIT $limit
"""

# Commit, step 2 (last of a group): count the adoption facts into ADOPTED (per region and practice)
# and COVERS (per ancestor-or-self region and practice, each report once however many regions under
# the ancestor it names; `regions` counts the regions under it with an ADOPTED edge), add to each
# region's activity counts, and mark the reports complete. One statement, so aggregates and
# listings always agree.
COMMIT_ADOPTED = _ranked(
    """
UNWIND $ids AS id
MATCH (rep:Report {id: id})
WHERE rep.complete = false AND rep.counted = true
SET rep.complete = true, rep.writes_regions = null, rep.writes_agencies = null, rep.writes_practices = null
REMOVE rep.counted
WITH rep
MATCH (rep)-[:HAS]->(:Sentence)<-[:IN]-(f:Fact)
WHERE f.kind = 'adoption'
MATCH (f)-[:BY]->(r:Region)
MATCH (f)-[:OF]->(p:Practice)
WITH r, p, count(DISTINCT f.report_id) AS reports, collect(DISTINCT f.report_id) AS rids,
     count(f) AS facts, min(f.year) AS fy, max(f.year) AS ly, collect(f.rank) AS ranks
MERGE (r)-[a:ADOPTED]->(p)
WITH r, p, a, reports, rids, facts, fy, ly, ranks, a.reports IS NULL AS fresh
"""
    + _ADD.format(x="a")
    + """
WITH r, p, a, rids, facts, fy, ly, ranks, fresh, coalesce(a.sample, []) + ranks AS pool
UNWIND pool AS k
WITH r, p, a, rids, facts, fy, ly, ranks, fresh, k
ORDER BY k
WITH r, p, a, rids, facts, fy, ly, ranks, fresh, collect(DISTINCT k) AS ks
SET a.sample = ks[0..3]
WITH r, p, rids, facts, fy, ly, ranks, fresh
ORDER BY p.key
WITH r, collect({p: p, rids: rids, facts: facts, fy: fy, ly: ly, ranks: ranks, fresh: fresh}) AS rows,
     count(CASE WHEN fresh THEN 1 END) AS new_practices, toInteger(sum(size(rids))) AS new_reports
SET r.practices = coalesce(r.practices, 0) + new_practices,
    r.adoption_reports = coalesce(r.adoption_reports, 0) + new_reports
WITH r, rows
UNWIND rows AS row
WITH r, row.p AS p, row.rids AS rids, row.facts AS facts, row.fy AS fy, row.ly AS ly,
     row.ranks AS ranks, row.fresh AS fresh
MATCH (r)-[:PART_OF*0..]->(up:Region)
WITH up, p, collect(rids) AS rid_lists, toInteger(sum(facts)) AS facts, min(fy) AS fy, max(ly) AS ly,
     collect(ranks) AS rank_lists, count(CASE WHEN fresh THEN r END) AS fresh_regions
WITH up, p, facts, fy, ly, fresh_regions,
     reduce(acc = [], x IN reduce(flat = [], l IN rid_lists | flat + l)
            | CASE WHEN x IN acc THEN acc ELSE acc + x END) AS rids,
     reduce(flat = [], l IN rank_lists | flat + l) AS ranks
WITH up, p, facts, fy, ly, fresh_regions, size(rids) AS reports, ranks
MERGE (up)-[c:COVERS]->(p)
"""
    + _ADD.format(x="c")
    + """
SET c.regions = coalesce(c.regions, 0) + fresh_regions
WITH c, coalesce(c.sample, []) + ranks AS pool
UNWIND pool AS k
WITH c, k
ORDER BY k
WITH c, collect(DISTINCT k) AS ks
SET c.sample = ks[0..3]
"""
)

# The fields that identify a row of each statement. Rows merged from several reports keep
# the last row per identity: the state sequential writes would leave, and never two rows
# for one node in a statement (with stale-edge deletion, such a pair could undo itself).
ROW_KEYS: dict[str, tuple[str, ...]] = {
    REGIONS: ("code",),
    PART_OF: ("code",),
    PRACTICES: ("key",),
    VARIANT_OF: ("key", "variant_of"),
    AGENCIES: ("key",),
    SENTENCES: ("id",),
    ADOPTION_FACTS: ("id",),
    IMPLEMENTATION_FACTS: ("id",),
    MEASUREMENTS: ("key",),
    MEASUREMENT_REGION: ("key", "region"),
    MEASUREMENT_PRACTICE: ("key", "practice"),
}

REPORT_EXISTS = "MATCH (rep:Report {id: $id}) WHERE rep.complete = true RETURN rep.id AS id"
REPORTS_EXISTING = (
    "UNWIND $ids AS id MATCH (rep:Report {id: id}) WHERE rep.complete = true RETURN rep.id AS id"
)
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


def sentence_id(report_id: str, offset: int) -> str:
    """The id of the Sentence node at this offset of this report."""
    return f"{report_id}:{offset}"


def fact_rank(year: int | None, report_id: str, offset: int, fid: str) -> str:
    """A fact's sort key as one string: earliest year first (undated last), then report and offset;
    it ends with the fact id, so it names the fact too. Aggregate edges keep the first few.

    The head before the id is ``YYYY|<report id>|<9-digit offset>|``, 16 characters plus the report
    id's, so queries cut the id out as ``right(k, size(k) - size(split(k, '|')[1]) - 16)`` and find
    the fact through the unique id index (``rank_fact_id`` is the same cut in Python). Not with
    ``substring``: FalkorDB's cut some ids holding CJK characters short."""
    if not 0 <= offset < 10**9:
        raise ValueError(f"offset {offset} does not fit a fact rank's nine digits")
    return f"{year if year is not None else 9999:04d}|{report_id}|{offset:09d}|{fid}"


def rank_fact_id(rank: str) -> str:
    """The fact id a rank ends with: what the catalog's queries cut from a sample rank."""
    return rank[len(rank.split("|")[1]) + 16 :]


def fact_id(report_id: str, kind: str, by: str, practice: str) -> str:
    """The id of a report's Fact of this kind (adoption, implementation) by a region or agency."""
    return f"{report_id}|{kind}|{by}|{practice}"


def sentence_row(report_id: str, offset: int, text: str, grams: bool = True) -> dict[str, Any]:
    """The SENTENCES statement's row for one sentence: text, folded text (null when it equals the
    text, as it nearly always does: readers take ``coalesce(folded, text)``) and its search bigrams
    (null with ``grams=False``: for a store that indexes evidence elsewhere)."""
    folded = fold(text)
    return {
        "id": sentence_id(report_id, offset),
        "report_id": report_id,
        "offset": offset,
        "text": text,
        "folded": folded if folded != text else None,
        "grams": sentence_grams(folded) if grams else None,
    }


def statements_for(ex: Extraction, grams: bool = True) -> list[tuple[str, Rows]]:
    """The (statement, rows) pairs that write one extraction, in order, between the REPORT_BEGIN
    and REPORTS steps (the Report node exists before any of them runs); ``grams`` as in
    ``sentence_row``."""
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
    rid = ex.report.id
    sentences: dict[str, dict[str, Any]] = {}

    def sentence(offset: int, text: str) -> str:
        row = sentence_row(rid, offset, text, grams)
        sentences.setdefault(row["id"], row)
        return str(row["id"])

    # One adoption Fact per (region, practice, report): the earliest sentence in the text wins.
    adopted: dict[str, dict[str, Any]] = {}
    for a in sorted(ex.adoptions, key=lambda a: (a.evidence.offset, a.region_code, a.practice_key)):
        fid = fact_id(rid, "adoption", a.region_code, a.practice_key)
        if fid in adopted:
            continue
        adopted[fid] = {
            "id": fid,
            "region": a.region_code,
            "practice": a.practice_key,
            "report_id": rid,
            "year": a.year,
            "offset": a.evidence.offset,
            "sentence": sentence(a.evidence.offset, a.evidence.sentence),
            "confidence": a.confidence,
            "method": getattr(a, "method", None),
            "surface": a.surface,
        }
    implemented: dict[str, dict[str, Any]] = {}
    for i in sorted(ex.implementations, key=lambda i: (i.evidence.offset, i.agency_key, i.practice_key)):
        fid = fact_id(rid, "implementation", i.agency_key, i.practice_key)
        if fid in implemented:
            continue
        implemented[fid] = {
            "id": fid,
            "agency": i.agency_key,
            "practice": i.practice_key,
            "report_id": rid,
            "year": i.year,
            "offset": i.evidence.offset,
            "sentence": sentence(i.evidence.offset, i.evidence.sentence),
            "confidence": getattr(i, "confidence", None),
            "method": getattr(i, "method", None),
            "surface": getattr(i, "surface", None),
        }
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
            "offset": m.evidence.offset,
            "sentence": sentence(m.evidence.offset, m.evidence.sentence),
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
        (SENTENCES, list(sentences.values())),
        (ADOPTION_FACTS, list(adopted.values())),
        (IMPLEMENTATION_FACTS, list(implemented.values())),
        (MEASUREMENTS, measurements),
        (MEASUREMENT_REGION, m_region),
        (MEASUREMENT_PRACTICE, m_practice),
    ]


def report_row(ex: Extraction) -> tuple[dict[str, Any], dict[str, Any]]:
    """One report's two rows: REPORT_BEGIN's (metadata, text and what it writes) and REPORTS's
    (its id and its own edges), so that the text is sent once."""
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

    begin = {
        "report": {
            "id": rep.id,
            "title": rep.title,
            "source": rep.source,
            "published": rep.published,
            "year": rep.year,
            "chars": rep.chars,
            "text": rep.text,
        },
        "writes": {
            "regions": sorted(region_codes),
            "agencies": sorted(known["Agency"]),
            "practices": sorted(known["Practice"]),
        },
    }
    links = {
        "report": {"id": rep.id},
        "about": [ex.subject_region] if ex.subject_region in region_codes else [],
        "measurements": sorted(m.key for m in ex.measurements),
        "practice_mentions": rows("Practice"),
        "region_mentions": rows("Region"),
        "agency_mentions": rows("Agency"),
    }
    return begin, links


@dataclass(frozen=True, slots=True)
class PreparedReport:
    """An extraction with the rows that write it already built (``prepare``), so that a load's
    worker processes build them and the one writing process only merges and sends them.

    Only the rows are written; ``extraction`` is what ``on_group`` callbacks get back (a load
    worker sends it with its report alone: the journal needs no more)."""

    extraction: Extraction
    statements: list[tuple[str, Rows]]
    begin: dict[str, Any]  # the report's REPORT_BEGIN row
    links: dict[str, Any]  # its REPORTS row


def prepare(ex: Extraction, grams: bool = True) -> PreparedReport:
    """An extraction's write rows: ``statements_for`` and ``report_row``, built once."""
    return PreparedReport(ex, statements_for(ex, grams), *report_row(ex))


def keeps_grams(store: GraphStore) -> bool:
    """Whether a store's sentences carry their search bigrams (the embedded store indexes them
    beside the graph instead: see govkg.graph.evidence_index)."""
    return store.dialect != "falkordb"


def _prepared(item: Extraction | PreparedReport, grams: bool) -> PreparedReport:
    return item if isinstance(item, PreparedReport) else prepare(item, grams)


def _without_grams(rows: Rows) -> Rows:
    return [r if r.get("grams") is None else {**r, "grams": None} for r in rows]


# What identifies a row of each statement (every row holds these fields): merging a group's rows
# looks each one up, ~12 per report, in the one writing process.
_IDENTITY = {statement: itemgetter(*fields) for statement, fields in ROW_KEYS.items()}


def merged_statements(extractions: Sequence[Extraction | PreparedReport]) -> list[tuple[str, Rows]]:
    """The statements of several extractions with their rows merged, last row per identity kept."""
    merged: dict[str, dict[Any, dict[str, Any]]] = {}
    for ex in extractions:
        for statement, rows in _prepared(ex, True).statements:
            by_id = merged.setdefault(statement, {})
            identity = _IDENTITY[statement]
            for row in rows:
                ident = identity(row)
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


def _write_group(store: GraphStore, group: Sequence[PreparedReport], batch_size: int) -> WriteStats:
    stats = WriteStats()
    counting = _counting(store)
    # A store without statement counters: the graph's size before and after (slow, and wrong
    # when another process writes at the same time).
    before = graph_size(store) if counting is None else (0, 0)
    begin = {"reports": [p.begin for p in group], "loaded_at": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    links = {"reports": [p.links for p in group]}
    ids = {"ids": [p.extraction.report.id for p in group]}
    steps: list[tuple[str, dict[str, Any]]] = [(REPORT_BEGIN, begin)]
    grams = keeps_grams(store)
    steps += [
        (statement, {"rows": batch})
        for statement, rows in merged_statements(group)
        for batch in _batches(rows if grams or statement != SENTENCES else _without_grams(rows), batch_size)
    ]
    steps += [(REPORTS, links), (SENTENCE_FACTS, ids), (COMMIT_IMPLEMENTS, ids), (COMMIT_ADOPTED, ids)]
    for statement, params in steps:
        if counting is None:
            store.run_write(statement, params)
        else:
            _, counters = counting.run_write_stats(statement, params)
            stats.nodes_created += counters.get("nodes_created", 0)
            stats.edges_created += counters.get("relationships_created", 0)
        stats.statements += 1
        stats.rows += len(params.get("rows") or params.get("reports") or params.get("ids") or ())
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
    extractions: Iterable[Extraction | PreparedReport],
    batch_size: int = 1000,
    group: int = 1,
    on_group: Callable[[Sequence[Extraction], WriteStats], None] | None = None,
) -> WriteStats:
    """Write extractions ``group`` at a time, each group's rows merged into shared statements.

    A group's Report nodes come first, marked incomplete; its last statement counts its facts
    into the aggregates and marks the reports complete, so a report counts wholly or not at all.
    ``on_group(group, stats)`` runs after every statement of a group succeeded: the place to
    journal those reports as done. Items may come prepared (``prepare``); ``on_group`` gets
    the extractions either way.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    if group < 1:
        raise ValueError("group must be at least 1")
    total = WriteStats()
    pending: list[PreparedReport] = []

    def flush() -> None:
        nonlocal total
        stats = _write_group(store, pending, batch_size)
        if on_group is not None:
            on_group([p.extraction for p in pending], stats)
        total += stats
        pending.clear()

    grams = keeps_grams(store)
    for ex in extractions:
        pending.append(_prepared(ex, grams))
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
        if journal is not None:
            counts = {**asdict(stats), "group_reports": len(written)} if len(written) > 1 else stats
            journal.mark_all_done(((ex.report.id, ex.report.source) for ex in written), counts)
        result.written.extend(ex.report.id for ex in written)
        result.stats += stats

    write_extractions(store, todo(), batch_size, group, done)
    return result


# -- deletion ---------------------------------------------------------------------------

_CANDIDATES = """
MATCH (rep:Report {id: $id})
OPTIONAL MATCH (rep)-[:MENTIONS]->(t)
WITH rep, collect(DISTINCT t) AS mentioned
OPTIONAL MATCH (rep)-[:ABOUT]->(s:Region)
WITH rep, mentioned, collect(s.code) AS about
RETURN [t IN mentioned WHERE t:Practice | t.key] + coalesce(rep.writes_practices, []) AS practices,
       [t IN mentioned WHERE t:Agency | t.key] + coalesce(rep.writes_agencies, []) AS agencies,
       [t IN mentioned WHERE t:Region | t.code] + about + coalesce(rep.writes_regions, []) AS regions
"""
# Facts are found by their report id (indexed) even when the Report node is missing.
_FACTS_OF = """
MATCH (f:Fact {report_id: $id})
RETURN f.kind AS kind, f.region_code AS region, f.agency_key AS agency, f.practice_key AS practice
"""
_MEAS_ENDPOINTS = """
MATCH (m:Measurement {report_id: $id})
OPTIONAL MATCH (m)-[:OF_REGION]->(r:Region)
OPTIONAL MATCH (m)-[:FOR_PRACTICE]->(p:Practice)
RETURN collect(DISTINCT r.code) AS regions, collect(DISTINCT p.key) AS practices
"""
_ANCESTORS = """
MATCH (r:Region)-[:PART_OF*0..]->(a:Region)
WHERE r.code IN $codes
RETURN r.code AS code, collect(DISTINCT a.code) AS ups
"""
# A report being deleted (or repaired) stops counting first: every aggregate below is recomputed
# from the facts of complete reports only.
_UNMARK = "MATCH (rep:Report {id: $id}) SET rep.complete = false REMOVE rep.counted"
_COMPLETE_FACT = "(f)-[:IN]->(:Sentence)<-[:HAS]-(:Report {complete: true})"
_SET_ABSOLUTE = """
SET {x}.reports = reports, {x}.facts = facts, {x}.first_year = fy, {x}.last_year = ly
WITH {x}, ranks
UNWIND ranks AS k
WITH {x}, k
ORDER BY k
WITH {x}, collect(DISTINCT k) AS ks
SET {x}.sample = ks[0..3]
"""
RECOUNT_ADOPTED = _ranked(
    f"""
UNWIND $pairs AS pair
MATCH (r:Region {{code: pair.region}})-[a:ADOPTED]->(p:Practice {{key: pair.practice}})
OPTIONAL MATCH (r)<-[:BY]-(f:Fact)-[:OF]->(p)
WHERE f.kind = 'adoption' AND {_COMPLETE_FACT}
WITH a, count(DISTINCT f.report_id) AS reports, count(f) AS facts, min(f.year) AS fy,
     max(f.year) AS ly, collect(f.rank) AS ranks
"""
    + _SET_ABSOLUTE.format(x="a")
)
RECOUNT_IMPLEMENTS = _ranked(
    f"""
UNWIND $pairs AS pair
MATCH (g:Agency {{key: pair.agency}})-[i:IMPLEMENTS]->(p:Practice {{key: pair.practice}})
OPTIONAL MATCH (g)<-[:BY]-(f:Fact)-[:OF]->(p)
WHERE f.kind = 'implementation' AND {_COMPLETE_FACT}
WITH i, count(DISTINCT f.report_id) AS reports, count(f) AS facts, min(f.year) AS fy,
     max(f.year) AS ly, collect(f.rank) AS ranks
"""
    + _SET_ABSOLUTE.format(x="i")
)
RECOUNT_COVERS = _ranked(
    f"""
UNWIND $pairs AS pair
MATCH (up:Region {{code: pair.region}})-[c:COVERS]->(p:Practice {{key: pair.practice}})
OPTIONAL MATCH (up)<-[:PART_OF*0..]-(r:Region)-[a:ADOPTED]->(p)
WHERE a.reports > 0
WITH p, c, collect(DISTINCT r) AS rs
SET c.regions = size(rs)
WITH p, c, rs
UNWIND (CASE WHEN size(rs) = 0 THEN [null] ELSE rs END) AS r
OPTIONAL MATCH (r)<-[:BY]-(f:Fact)-[:OF]->(p)
WHERE f.kind = 'adoption' AND {_COMPLETE_FACT}
WITH c, count(DISTINCT f.report_id) AS reports, count(f) AS facts, min(f.year) AS fy,
     max(f.year) AS ly, collect(f.rank) AS ranks
"""
    + _SET_ABSOLUTE.format(x="c")
)
_DROP_EMPTY_ADOPTED = """
UNWIND $pairs AS pair
MATCH (:Region {code: pair.region})-[a:ADOPTED]->(:Practice {key: pair.practice})
WHERE a.reports = 0
DELETE a
"""
_DROP_EMPTY_COVERS = """
UNWIND $pairs AS pair
MATCH (:Region {code: pair.region})-[c:COVERS]->(:Practice {key: pair.practice})
WHERE c.reports = 0
DELETE c
"""
_DROP_EMPTY_IMPLEMENTS = """
UNWIND $pairs AS pair
MATCH (:Agency {key: pair.agency})-[i:IMPLEMENTS]->(:Practice {key: pair.practice})
WHERE i.reports = 0
DELETE i
"""
_DELETE_FACTS = "MATCH (f:Fact {report_id: $id}) DETACH DELETE f"
_DELETE_MEASUREMENTS = "MATCH (m:Measurement {report_id: $id}) DETACH DELETE m"
_DELETE_SENTENCES = "MATCH (s:Sentence {report_id: $id}) DETACH DELETE s"
_DELETE_REPORT = "MATCH (rep:Report {id: $id}) DETACH DELETE rep"
_DELETE_LOCAL_PRACTICES = """
MATCH (p:Practice)
WHERE p.key IN $keys AND p.category = 'local'
  AND NOT (p)<-[:ADOPTED]-() AND NOT (p)<-[:IMPLEMENTS]-() AND NOT (p)<-[:MENTIONS]-()
  AND NOT (p)<-[:FOR_PRACTICE]-() AND NOT (p)<-[:VARIANT_OF]-() AND NOT (p)<-[:OF]-()
DETACH DELETE p
"""
_DELETE_AGENCIES = """
MATCH (g:Agency)
WHERE g.key IN $keys AND NOT (g)-[:IMPLEMENTS]->() AND NOT (g)<-[:MENTIONS]-() AND NOT (g)<-[:BY]-()
DETACH DELETE g
"""
# A region goes when nothing but PART_OF touches it and no region lies under it: the lowest
# levels first, so that a chain only this report brought in goes wholly.
_DELETE_REGIONS = """
MATCH (r:Region)
WHERE r.code IN $codes AND r.level = $level
  AND NOT (r)-[:ADOPTED]->() AND NOT (r)<-[:OF_REGION]-() AND NOT (r)<-[:ABOUT]-()
  AND NOT (r)<-[:MENTIONS]-() AND NOT (r)<-[:PART_OF]-() AND NOT (r)<-[:BY]-()
DETACH DELETE r
"""
LEVELS_BOTTOM_UP = ("village", "community", "township", "county", "prefecture", "province")
INCOMPLETE_REPORTS = "MATCH (rep:Report) WHERE rep.complete = false RETURN rep.id AS id ORDER BY id"


def delete_report(store: GraphStore, report_id: str) -> int:
    """Remove a report and every fact only it supports; returns nodes + relationships removed.

    The report stops counting first (marked incomplete), then the aggregates it touched are
    recounted from the facts of complete reports, then its facts, sentences and node go, then the
    nodes only it used. Cut off anywhere, it leaves an incomplete report that nothing counts and
    that a second call (or repair_incomplete) removes. Facts carrying the id are removed even
    when the Report node was never written.
    """
    params = {"id": report_id}
    regions: set[str] = set()
    practices: set[str] = set()
    agencies: set[str] = set()
    adopted: set[tuple[str, str]] = set()
    implemented: set[tuple[str, str]] = set()
    for row in store.run_read(_FACTS_OF, params):
        practice = row.get("practice")
        if not practice:
            continue
        practices.add(practice)
        if row.get("kind") == "adoption" and row.get("region"):
            adopted.add((row["region"], practice))
            regions.add(row["region"])
        elif row.get("kind") == "implementation" and row.get("agency"):
            implemented.add((row["agency"], practice))
            agencies.add(row["agency"])
    for query in (_CANDIDATES, _MEAS_ENDPOINTS):
        for row in store.run_read(query, params):
            regions.update(c for c in row.get("regions") or [] if c)
            practices.update(k for k in row.get("practices") or [] if k)
            agencies.update(k for k in row.get("agencies") or [] if k)
    ups: dict[str, list[str]] = {}
    if regions:
        for row in store.run_read(_ANCESTORS, {"codes": sorted(regions)}):
            ups[row["code"]] = [c for c in row.get("ups") or [] if c]
        regions.update(c for codes in ups.values() for c in codes)
    covered = {(up, p) for code, p in adopted for up in ups.get(code, [code])}
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

    def pairs(keys: set[tuple[str, str]], first: str) -> dict[str, Any]:
        return {"pairs": [{first: a, "practice": b} for a, b in sorted(keys)]}

    run(_UNMARK, params)
    if adopted:
        run(RECOUNT_ADOPTED, pairs(adopted, "region"))
        run(_DROP_EMPTY_ADOPTED, pairs(adopted, "region"))
        run(RECOUNT_REGIONS, {"codes": sorted({region for region, _ in adopted})})
        run(RECOUNT_COVERS, pairs(covered, "region"))
        run(_DROP_EMPTY_COVERS, pairs(covered, "region"))
    if implemented:
        run(RECOUNT_IMPLEMENTS, pairs(implemented, "agency"))
        run(_DROP_EMPTY_IMPLEMENTS, pairs(implemented, "agency"))
    for stmt in (_DELETE_FACTS, _DELETE_MEASUREMENTS, _DELETE_SENTENCES, _DELETE_REPORT):
        run(stmt, params)
    if practices:
        run(_DELETE_LOCAL_PRACTICES, {"keys": sorted(practices)})
    if agencies:
        run(_DELETE_AGENCIES, {"keys": sorted(agencies)})
    if regions:
        for level in LEVELS_BOTTOM_UP:
            run(_DELETE_REGIONS, {"codes": sorted(regions), "level": level})
    if counting is None:
        after = graph_size(store)
        return (before[0] - after[0]) + (before[1] - after[1])
    return removed


def _count_missing(store: GraphStore, find: str, count: str, key: str, batch: int) -> int:
    """Run ``count`` on the ``key`` values ``find`` lists, ``batch`` at a time, until it lists none;
    returns how many were counted."""
    counted = 0
    while True:
        keys = [str(r[key]) for r in store.run_read(find, {"limit": batch})]
        if not keys:
            return counted
        store.run_write(count, {f"{key}s": keys})
        counted += len(keys)


def count_region_activity(store: GraphStore, batch: int = 1000) -> int:
    """Give every region with ADOPTED edges but no activity counts its counts (a graph written
    before regions carried them); returns how many regions were counted."""
    return _count_missing(store, UNCOUNTED_REGIONS, RECOUNT_REGIONS, "code", batch)


def count_sentence_facts(store: GraphStore, batch: int = 1000) -> int:
    """Give every sentence without a fact count its count (a graph written before sentences
    carried it); returns how many reports' sentences were counted."""
    return _count_missing(store, UNCOUNTED_SENTENCES, SENTENCE_FACTS, "id", batch)


# Sentences written before the folded copy was kept only where it differs from the text.
FOLDED_COPIES = """
MATCH (s:Sentence)
WHERE s.folded = s.text
WITH s
LIMIT $limit
SET s.folded = null
RETURN count(s) AS dropped
"""


def _drop_in_batches(store: GraphStore, statement: str, batch: int) -> int:
    """Run a statement that clears up to $limit properties and returns ``dropped``, until a batch
    falls short; returns how many were cleared in all."""
    dropped = 0
    while True:
        rows = store.run_write(statement, {"limit": batch})
        n = int(rows[0]["dropped"]) if rows else 0
        dropped += n
        if n < batch:
            return dropped


def drop_folded_copies(store: GraphStore, batch: int = 10_000) -> int:
    """Remove each sentence's folded copy that equals its text (graphs written before it was kept
    only where it differs); returns how many were removed."""
    return _drop_in_batches(store, FOLDED_COPIES, batch)


# Sentences of an embedded store written before it indexed evidence beside the graph.
SENTENCE_GRAMS = """
MATCH (s:Sentence)
WHERE s.grams IS NOT NULL
WITH s
LIMIT $limit
SET s.grams = null
RETURN count(s) AS dropped
"""


def drop_sentence_grams(store: GraphStore, batch: int = 10_000) -> int:
    """Remove the search bigrams each sentence of an earlier embedded graph stored (its evidence
    index now lives beside the graph); returns how many were removed. Stores that search through
    the bigrams (Neo4j) keep them: 0."""
    return 0 if keeps_grams(store) else _drop_in_batches(store, SENTENCE_GRAMS, batch)


STORED_RANKS = """
MATCH (f:Fact)
WHERE f.rank IS NOT NULL
WITH f
LIMIT $limit
SET f.rank = null
RETURN count(f) AS dropped
"""


def drop_stored_ranks(store: GraphStore, batch: int = 10_000) -> int:
    """Remove the rank string each fact of an earlier graph stored (queries spell it from the fact's
    year, report, offset and id now); returns how many were removed."""
    return _drop_in_batches(store, STORED_RANKS, batch)


def incomplete_reports(store: GraphStore) -> list[str]:
    """Ids of reports whose write never finished (their Report node is marked incomplete)."""
    return [str(r["id"]) for r in store.run_read(INCOMPLETE_REPORTS)]


def repair_incomplete(store: GraphStore) -> list[str]:
    """Remove every report whose write never finished (a crash mid-write); returns their ids.

    Only safe when no other process is writing at the same time (a report being written is
    incomplete until its group's last statement): see repair_at_start.
    """
    ids = incomplete_reports(store)
    for rid in ids:
        delete_report(store, rid)
    return ids


def repair_at_start(store: GraphStore, data_dir: Path) -> list[str]:
    """Remove reports a crash left half-written, when no other process is writing; their ids.

    Every opener of the store runs this (KnowledgeGraph.open and the API's store holder, also
    after it restarted a dead server). It also gives regions of a graph written by an earlier
    govkg their activity counts (see RECOUNT_REGIONS), and its sentences their fact counts. It
    runs only on the embedded store, whose writers all hold the data directory's writer lock while
    they write: holding that lock (taken without waiting) proves no report is being written, so an
    incomplete one was cut off by a crash.
    A Neo4j server may have writers elsewhere: there a report is cleaned up when it is written
    again or deleted.
    """
    if store.dialect != "falkordb":
        return []
    from govkg.graph.writer_lock import WriterBusy, writer_lock

    try:
        with writer_lock(data_dir, "start-up repair", wait=0):
            ids = repair_incomplete(store)
            counted = count_region_activity(store)
            sentences = count_sentence_facts(store)
    except WriterBusy:
        return []  # a writer is at work: the next opener repairs
    if ids:
        log.warning("removed %d report(s) a crash left half-written: %s", len(ids), ", ".join(ids))
    if counted:
        log.warning("counted the activity of %d region(s) (a graph written by an earlier govkg)", counted)
    if sentences:
        log.warning(
            "counted the facts of the sentences of %d report(s) (a graph written by an earlier govkg)",
            sentences,
        )
    return ids
