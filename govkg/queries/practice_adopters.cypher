// name: practice_adopters
// description: Regions that adopted a practice, with the number of supporting reports, first year and a sample evidence sentence.
// param key: str — practice key
// param rollup: bool = false — also credit each ancestor region with its descendants' adoptions
// param level: str? = null — only regions of this level (province, prefecture, county, township, community, village)
// param within: str? = null — only regions that are this region code or lie under it
// param year_from: int? = null — only adoptions reported for this year or later
// param year_to: int? = null — only adoptions reported for this year or earlier
// param limit: int = 100 — page size
MATCH (src:Region)-[a:ADOPTED]->(p:Practice {key: $key})
WHERE ($year_from IS NULL OR a.year >= $year_from)
  AND ($year_to IS NULL OR a.year <= $year_to)
MATCH (src)-[:PART_OF*0..]->(r:Region)
WHERE ($rollup OR r.code = src.code)
  AND ($level IS NULL OR r.level = $level)
  AND ($within IS NULL OR r.code = $within OR (r)-[:PART_OF*]->(:Region {code: $within}))
WITH r, count(DISTINCT a.report_id) AS reports, count(DISTINCT src.code) AS adopting_regions,
     min(a.year) AS first_year, min(a.evidence) AS evidence
RETURN r.code AS code, r.name AS name, r.level AS level, reports, adopting_regions, first_year, evidence
ORDER BY reports DESC, code
LIMIT $limit
