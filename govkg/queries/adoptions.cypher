// name: adoptions
// description: Adoption facts with their evidence sentence, offset and source report, filterable and paged (facts of a report still being written are left out).
// param practice: str? = null — practice key
// param region: str? = null — exactly this region code
// param within: str? = null — regions that are this code or lie under it
// param year_from: int? = null — only adoptions reported for this year or later
// param year_to: int? = null — only adoptions reported for this year or earlier
// param report: str? = null — only facts from this report id
// param limit: int = 100 — page size
// param offset: int = 0 — rows to skip (paging)
MATCH (r:Region)-[a:ADOPTED]->(p:Practice)
WHERE ($practice IS NULL OR p.key = $practice)
  AND ($region IS NULL OR r.code = $region)
  AND ($year_from IS NULL OR a.year >= $year_from)
  AND ($year_to IS NULL OR a.year <= $year_to)
  AND ($report IS NULL OR a.report_id = $report)
  AND ($within IS NULL OR r.code = $within OR (r)-[:PART_OF*]->(:Region {code: $within}))
MATCH (rep:Report {id: a.report_id})
RETURN r.code AS region_code, r.name AS region_name, r.level AS region_level,
       p.key AS practice_key, p.name AS practice_name, coalesce(p.aliases, []) AS practice_aliases,
       a.year AS year, a.evidence AS evidence, a.offset AS offset, a.confidence AS confidence,
       a.report_id AS report_id, rep.title AS report_title, rep.source AS report_source
ORDER BY report_id, offset, region_code, practice_key
SKIP $offset
LIMIT $limit
