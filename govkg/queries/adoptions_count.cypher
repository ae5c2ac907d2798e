// name: adoptions_count
// description: The number of adoption facts the adoptions query matches with the same filters (for paging).
// param practice: str? = null — practice key
// param region: str? = null — exactly this region code
// param within: str? = null — regions that are this code or lie under it
// param year_from: int? = null — only adoptions reported for this year or later
// param year_to: int? = null — only adoptions reported for this year or earlier
// param report: str? = null — only facts from this report id
MATCH (r:Region)-[a:ADOPTED]->(p:Practice)
WHERE ($practice IS NULL OR p.key = $practice)
  AND ($region IS NULL OR r.code = $region)
  AND ($year_from IS NULL OR a.year >= $year_from)
  AND ($year_to IS NULL OR a.year <= $year_to)
  AND ($report IS NULL OR a.report_id = $report)
  AND ($within IS NULL OR r.code = $within OR (r)-[:PART_OF*]->(:Region {code: $within}))
MATCH (rep:Report {id: a.report_id})
RETURN count(a) AS count
