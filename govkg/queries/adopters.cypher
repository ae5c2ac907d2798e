// name: adopters
// description: Regions that adopted a practice (optionally rolled up to ancestors), each with reports, first year, its first three facts' sample ranks and up to three evidence facts (earliest first; fewer on request) with report id, title, date, source, sentence and offset. Without year or confidence filters it reads the per-(region, practice) aggregates (ADOPTED, or COVERS for roll-ups); with them it counts the matching facts.
// param key: str — practice key
// param rollup: bool = false — also credit each ancestor region with its descendants' adoptions
// param level: str? = null — only regions of this level
// param within: str? = null — only regions that are this region code or lie under it
// param year_from: int? = null — only adoptions reported for this year or later
// param year_to: int? = null — only adoptions reported for this year or earlier
// param min_confidence: float? = null — only facts extracted with at least this confidence
// param limit: int = 100 — page size
// param offset: int = 0 — rows to skip (paging)
// param evidence_limit: int = 3 — evidence facts per region (0–3; 0 reads no fact, for maps and name lists)
// Steps: (1) the aggregate edges of the practice, filtered, sorted and paged; or, when a year or
// confidence filter is given, the matching facts of complete reports grouped per region (and
// ancestor); (2) for the page only, the first $evidence_limit (at most three) facts with their sentence and report.
// One branch per aggregate type: matching both types and filtering on type(c) read twice the edges.
// The aggregate branches come in two: with evidence, a plain MATCH of each sample fact (every
// sample names an existing fact: the writer and report deletion keep it so), which FalkorDB runs as
// one pipeline, where an OPTIONAL MATCH ran once per row (17.9 → 11.6 ms in the server for 100
// rows × 3 facts at 20k reports); without evidence (maps, lists), no fact is read at all.
// Only the sort keys travel through the sort; the page's other columns are read after it (the
// server's time for 100 of 2,705 rows with three facts each: ~11 → ~9.5 ms at 20k reports).
// A sample rank ends with its fact's id after a fixed-width head (year|report|offset|, see
// writer.fact_rank), so the fact is found through the unique id index: Fact.rank has no index.
// right(), not substring(): FalkorDB's substring cut ids with CJK characters short.
OPTIONAL MATCH (w:Region {code: coalesce($within, "")})<-[:PART_OF*0..]-(d:Region)
WITH collect(d.code) AS under
// A region's code begins with its province's two digits, so the prefix test drops the other
// provinces' regions before the (linear) list lookup.
UNWIND CASE WHEN $year_from IS NULL AND $year_to IS NULL AND $min_confidence IS NULL AND NOT $rollup AND $evidence_limit > 0 THEN [1] ELSE [] END AS _
MATCH (p:Practice {key: $key})<-[c:ADOPTED]-(r:Region)
WITH r, c, under, r.level AS lvl
WHERE ($level IS NULL OR lvl = $level) AND ($within IS NULL OR (r.code STARTS WITH left($within, 2) AND r.code IN under))
WITH r, c, c.reports AS reports, r.code AS code
ORDER BY reports DESC, code
SKIP $offset
LIMIT $limit
WITH code, r.name AS name, r.level AS level, reports,
     coalesce(c.regions, 1) AS adopting_regions, c.first_year AS first_year, c.last_year AS last_year,
     c.facts AS facts, c.sample AS sample
UNWIND sample[0..$evidence_limit] AS k
MATCH (ef:Fact {id: right(k, size(k) - size(split(k, '|')[1]) - 16)})-[:IN]->(es:Sentence)<-[:HAS]-(erep:Report)
WITH code, name, level, reports, adopting_regions, first_year, last_year, facts, sample, k,
     {report_id: ef.report_id, evidence: es.text, offset: es.offset, year: ef.year,
      region_code: ef.region_code, agency_key: ef.agency_key, confidence: ef.confidence,
      method: ef.method, report_title: erep.title, report_date: erep.published,
      report_source: erep.source} AS item
ORDER BY k
WITH code, name, level, reports, adopting_regions, first_year, last_year, facts, sample, collect(item) AS evidence
RETURN code, name, level, reports, adopting_regions, first_year, last_year, facts, sample, evidence
ORDER BY reports DESC, code
UNION ALL
OPTIONAL MATCH (w:Region {code: coalesce($within, "")})<-[:PART_OF*0..]-(d:Region)
WITH collect(d.code) AS under
// A region's code begins with its province's two digits, so the prefix test drops the other
// provinces' regions before the (linear) list lookup.
UNWIND CASE WHEN $year_from IS NULL AND $year_to IS NULL AND $min_confidence IS NULL AND NOT $rollup AND $evidence_limit = 0 THEN [1] ELSE [] END AS _
MATCH (p:Practice {key: $key})<-[c:ADOPTED]-(r:Region)
WITH r, c, under, r.level AS lvl
WHERE ($level IS NULL OR lvl = $level) AND ($within IS NULL OR (r.code STARTS WITH left($within, 2) AND r.code IN under))
WITH r, c, c.reports AS reports, r.code AS code
ORDER BY reports DESC, code
SKIP $offset
LIMIT $limit
WITH code, r.name AS name, r.level AS level, reports,
     coalesce(c.regions, 1) AS adopting_regions, c.first_year AS first_year, c.last_year AS last_year,
     c.facts AS facts, c.sample AS sample
RETURN code, name, level, reports, adopting_regions, first_year, last_year, facts, sample, [] AS evidence
ORDER BY reports DESC, code
UNION ALL
OPTIONAL MATCH (w:Region {code: coalesce($within, "")})<-[:PART_OF*0..]-(d:Region)
WITH collect(d.code) AS under
UNWIND CASE WHEN $year_from IS NULL AND $year_to IS NULL AND $min_confidence IS NULL AND $rollup AND $evidence_limit > 0 THEN [1] ELSE [] END AS _
MATCH (p:Practice {key: $key})<-[c:COVERS]-(r:Region)
WITH r, c, under, r.level AS lvl
WHERE ($level IS NULL OR lvl = $level) AND ($within IS NULL OR (r.code STARTS WITH left($within, 2) AND r.code IN under))
WITH r, c, c.reports AS reports, r.code AS code
ORDER BY reports DESC, code
SKIP $offset
LIMIT $limit
WITH code, r.name AS name, r.level AS level, reports,
     coalesce(c.regions, 1) AS adopting_regions, c.first_year AS first_year, c.last_year AS last_year,
     c.facts AS facts, c.sample AS sample
UNWIND sample[0..$evidence_limit] AS k
MATCH (ef:Fact {id: right(k, size(k) - size(split(k, '|')[1]) - 16)})-[:IN]->(es:Sentence)<-[:HAS]-(erep:Report)
WITH code, name, level, reports, adopting_regions, first_year, last_year, facts, sample, k,
     {report_id: ef.report_id, evidence: es.text, offset: es.offset, year: ef.year,
      region_code: ef.region_code, agency_key: ef.agency_key, confidence: ef.confidence,
      method: ef.method, report_title: erep.title, report_date: erep.published,
      report_source: erep.source} AS item
ORDER BY k
WITH code, name, level, reports, adopting_regions, first_year, last_year, facts, sample, collect(item) AS evidence
RETURN code, name, level, reports, adopting_regions, first_year, last_year, facts, sample, evidence
ORDER BY reports DESC, code
UNION ALL
OPTIONAL MATCH (w:Region {code: coalesce($within, "")})<-[:PART_OF*0..]-(d:Region)
WITH collect(d.code) AS under
UNWIND CASE WHEN $year_from IS NULL AND $year_to IS NULL AND $min_confidence IS NULL AND $rollup AND $evidence_limit = 0 THEN [1] ELSE [] END AS _
MATCH (p:Practice {key: $key})<-[c:COVERS]-(r:Region)
WITH r, c, under, r.level AS lvl
WHERE ($level IS NULL OR lvl = $level) AND ($within IS NULL OR (r.code STARTS WITH left($within, 2) AND r.code IN under))
WITH r, c, c.reports AS reports, r.code AS code
ORDER BY reports DESC, code
SKIP $offset
LIMIT $limit
WITH code, r.name AS name, r.level AS level, reports,
     coalesce(c.regions, 1) AS adopting_regions, c.first_year AS first_year, c.last_year AS last_year,
     c.facts AS facts, c.sample AS sample
RETURN code, name, level, reports, adopting_regions, first_year, last_year, facts, sample, [] AS evidence
ORDER BY reports DESC, code
UNION ALL
OPTIONAL MATCH (w:Region {code: coalesce($within, "")})<-[:PART_OF*0..]-(d:Region)
WITH collect(d.code) AS under
UNWIND CASE WHEN $year_from IS NULL AND $year_to IS NULL AND $min_confidence IS NULL THEN [] ELSE [1] END AS _
MATCH (f:Fact {practice_key: $key})
WHERE f.kind = 'adoption'
  AND ($year_from IS NULL OR f.year >= $year_from)
  AND ($year_to IS NULL OR f.year <= $year_to)
  AND ($min_confidence IS NULL OR f.confidence >= $min_confidence)
MATCH (f)-[:IN]->(:Sentence)<-[:HAS]-(rep:Report)
WHERE rep.complete = true
MATCH (f)-[:BY]->(src:Region)
MATCH (src)-[:PART_OF*0..]->(r:Region)
WHERE ($rollup OR r.code = src.code)
  AND ($level IS NULL OR r.level = $level)
  AND ($within IS NULL OR (r.code STARTS WITH left($within, 2) AND r.code IN under))
WITH r, f
ORDER BY coalesce(f.year, 9999), f.report_id, f.offset, f.id
WITH r.code AS code, r.name AS name, r.level AS level, count(DISTINCT f.report_id) AS reports,
     count(DISTINCT f.region_code) AS adopting_regions, min(f.year) AS first_year,
     max(f.year) AS last_year, count(f) AS facts, collect(f)[0..3] AS firsts
// the first three facts' ranks, as the aggregates' samples hold them (see writer.FACT_RANK)
WITH code, name, level, reports, adopting_regions, first_year, last_year, facts,
     [x IN firsts | right('000' + toString(coalesce(x.year, 9999)), 4) + '|' + x.report_id + '|' +
                    right('00000000' + toString(x.offset), 9) + '|' + x.id] AS sample
ORDER BY reports DESC, code
SKIP $offset
LIMIT $limit
WITH code, name, level, reports, adopting_regions, first_year, last_year, facts, sample, sample[0..$evidence_limit] AS picks
UNWIND CASE WHEN size(picks) = 0 THEN [null] ELSE picks END AS k
OPTIONAL MATCH (ef:Fact {id: CASE WHEN k IS NULL THEN '' ELSE right(k, size(k) - size(split(k, '|')[1]) - 16) END})-[:IN]->(es:Sentence)<-[:HAS]-(erep:Report)
WITH code, name, level, reports, adopting_regions, first_year, last_year, facts, sample, k,
     CASE WHEN ef IS NULL THEN null ELSE
     {report_id: ef.report_id, evidence: es.text, offset: es.offset, year: ef.year,
      region_code: ef.region_code, agency_key: ef.agency_key, confidence: ef.confidence,
      method: ef.method, report_title: erep.title, report_date: erep.published,
      report_source: erep.source} END AS item
ORDER BY k
WITH code, name, level, reports, adopting_regions, first_year, last_year, facts, sample, collect(item) AS evidence
RETURN code, name, level, reports, adopting_regions, first_year, last_year, facts, sample, evidence
ORDER BY reports DESC, code
