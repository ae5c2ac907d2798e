// name: practice_adopters
// description: Regions that adopted a practice, with the number of supporting reports, first year and the earliest evidence sentence; read from the per-(region, practice) aggregates (ADOPTED, or COVERS for roll-ups) unless a year filter asks for a count of matching facts.
// param key: str — practice key
// param rollup: bool = false — also credit each ancestor region with its descendants' adoptions
// param level: str? = null — only regions of this level (province, prefecture, county, township, community, village)
// param within: str? = null — only regions that are this region code or lie under it
// param year_from: int? = null — only adoptions reported for this year or later
// param year_to: int? = null — only adoptions reported for this year or earlier
// param limit: int = 100 — page size
// One branch per aggregate type: matching both types and filtering on type(c) read twice the edges.
OPTIONAL MATCH (w:Region {code: coalesce($within, "")})<-[:PART_OF*0..]-(d:Region)
WITH collect(d.code) AS under
// A region's code begins with its province's two digits, so the prefix test drops the other
// provinces' regions before the (linear) list lookup.
UNWIND CASE WHEN $year_from IS NULL AND $year_to IS NULL AND NOT $rollup THEN [1] ELSE [] END AS _
MATCH (p:Practice {key: $key})<-[c:ADOPTED]-(r:Region)
WITH r, c, under, r.level AS lvl
WHERE ($level IS NULL OR lvl = $level) AND ($within IS NULL OR (r.code STARTS WITH left($within, 2) AND r.code IN under))
WITH r.code AS code, r.name AS name, r.level AS level, c.reports AS reports,
     coalesce(c.regions, 1) AS adopting_regions, c.first_year AS first_year, c.sample[0] AS first
ORDER BY reports DESC, code
LIMIT $limit
MATCH (:Fact {id: right(first, size(first) - size(split(first, '|')[1]) - 16)})-[:IN]->(s:Sentence)
RETURN code, name, level, reports, adopting_regions, first_year, s.text AS evidence
ORDER BY reports DESC, code
UNION ALL
OPTIONAL MATCH (w:Region {code: coalesce($within, "")})<-[:PART_OF*0..]-(d:Region)
WITH collect(d.code) AS under
UNWIND CASE WHEN $year_from IS NULL AND $year_to IS NULL AND $rollup THEN [1] ELSE [] END AS _
MATCH (p:Practice {key: $key})<-[c:COVERS]-(r:Region)
WITH r, c, under, r.level AS lvl
WHERE ($level IS NULL OR lvl = $level) AND ($within IS NULL OR (r.code STARTS WITH left($within, 2) AND r.code IN under))
WITH r.code AS code, r.name AS name, r.level AS level, c.reports AS reports,
     coalesce(c.regions, 1) AS adopting_regions, c.first_year AS first_year, c.sample[0] AS first
ORDER BY reports DESC, code
LIMIT $limit
MATCH (:Fact {id: right(first, size(first) - size(split(first, '|')[1]) - 16)})-[:IN]->(s:Sentence)
RETURN code, name, level, reports, adopting_regions, first_year, s.text AS evidence
ORDER BY reports DESC, code
UNION ALL
OPTIONAL MATCH (w:Region {code: coalesce($within, "")})<-[:PART_OF*0..]-(d:Region)
WITH collect(d.code) AS under
UNWIND CASE WHEN $year_from IS NULL AND $year_to IS NULL THEN [] ELSE [1] END AS _
MATCH (f:Fact {practice_key: $key})
WHERE f.kind = 'adoption'
  AND ($year_from IS NULL OR f.year >= $year_from)
  AND ($year_to IS NULL OR f.year <= $year_to)
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
     collect(f.id)[0] AS earliest
ORDER BY reports DESC, code
LIMIT $limit
MATCH (:Fact {id: earliest})-[:IN]->(s:Sentence)
RETURN code, name, level, reports, adopting_regions, first_year, s.text AS evidence
ORDER BY reports DESC, code
