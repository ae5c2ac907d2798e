// name: adoptions_of_reports
// description: The adoption facts of the given complete reports, with the same columns, filters and order as adoptions; streaming exports call it once per report_page page.
// param reports: list[str] = [] — report ids (one page of report_page)
// param practice: str? = null — practice key
// param region: str? = null — exactly this region code
// param within: str? = null — regions that are this code or lie under it
// param year_from: int? = null — only adoptions reported for this year or later
// param year_to: int? = null — only adoptions reported for this year or earlier
// param min_confidence: float? = null — only facts extracted with at least this confidence
OPTIONAL MATCH (w:Region {code: coalesce($within, "")})<-[:PART_OF*0..]-(d:Region)
WITH collect(d.code) AS under
// A region's code begins with its province's two digits, so the prefix test drops the other
// provinces' regions before the (linear) list lookup.
UNWIND $reports AS id
MATCH (rep:Report {id: id})
WHERE rep.complete = true
// the page's reports anchor the match (FalkorDB would otherwise scan every Fact per report)
WITH rep, under
MATCH (rep)-[:HAS]->(s:Sentence)<-[:IN]-(f:Fact)
WHERE f.kind = 'adoption'
  AND ($practice IS NULL OR f.practice_key = $practice)
  AND ($region IS NULL OR f.region_code = $region)
  AND ($year_from IS NULL OR f.year >= $year_from)
  AND ($year_to IS NULL OR f.year <= $year_to)
  AND ($min_confidence IS NULL OR f.confidence >= $min_confidence)
MATCH (f)-[:BY]->(r:Region)
WHERE $within IS NULL OR (r.code STARTS WITH left($within, 2) AND r.code IN under)
MATCH (f)-[:OF]->(p:Practice)
RETURN r.code AS region_code, r.name AS region_name, r.level AS region_level,
       p.key AS practice_key, p.name AS practice_name, coalesce(p.aliases, []) AS practice_aliases,
       f.year AS year, s.text AS evidence, s.offset AS offset, f.confidence AS confidence,
       f.method AS method, f.report_id AS report_id, rep.title AS report_title,
       rep.source AS report_source, rep.published AS report_date
ORDER BY report_id, offset, region_code, practice_key
