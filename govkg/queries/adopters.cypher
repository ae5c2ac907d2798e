// name: adopters
// description: Regions that adopted a practice (optionally rolled up to ancestors), each with reports, first year and up to three evidence facts (earliest first) (report id, sentence, adopting region).
// param key: str — practice key
// param rollup: bool = false — also credit each ancestor region with its descendants' adoptions
// param level: str? = null — only regions of this level
// param within: str? = null — only regions that are this region code or lie under it
// param year_from: int? = null — only adoptions reported for this year or later
// param year_to: int? = null — only adoptions reported for this year or earlier
MATCH (src:Region)-[a:ADOPTED]->(p:Practice {key: $key})
WHERE ($year_from IS NULL OR a.year >= $year_from)
  AND ($year_to IS NULL OR a.year <= $year_to)
MATCH (src)-[:PART_OF*0..]->(r:Region)
WHERE ($rollup OR r.code = src.code)
  AND ($level IS NULL OR r.level = $level)
  AND ($within IS NULL OR r.code = $within OR (r)-[:PART_OF*]->(:Region {code: $within}))
WITH r, src, a
ORDER BY a.year, a.report_id, src.code, a.offset
WITH r, count(DISTINCT a.report_id) AS reports, count(DISTINCT src.code) AS adopting_regions,
     min(a.year) AS first_year,
     collect({report_id: a.report_id, evidence: a.evidence, year: a.year, region_code: src.code}) AS facts
RETURN r.code AS code, r.name AS name, r.level AS level, reports, adopting_regions, first_year,
       facts[0..3] AS evidence
ORDER BY reports DESC, code
