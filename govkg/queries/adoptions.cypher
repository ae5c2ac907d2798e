// name: adoptions
// description: Adoption facts with their evidence sentence, offset, method, confidence and source report (id, title, date, source), filterable and paged (facts of a report still being written are left out).
// param practice: str? = null — practice key
// param region: str? = null — exactly this region code
// param within: str? = null — regions that are this code or lie under it
// param year_from: int? = null — only adoptions reported for this year or later
// param year_to: int? = null — only adoptions reported for this year or earlier
// param report: str? = null — only facts from this report id
// param min_confidence: float? = null — only facts extracted with at least this confidence
// param limit: int = 100 — page size
// param offset: int = 0 — rows to skip (paging)
OPTIONAL MATCH (w:Region {code: coalesce($within, "")})<-[:PART_OF*0..]-(d:Region)
WITH collect(d.code) AS under
// A region's code begins with its province's two digits, so the prefix test drops the other
// provinces' regions before the (linear) list lookup.
// A practice's or a report's facts through the index on that key (the OR form scanned every fact).
CALL {
  UNWIND CASE WHEN $practice IS NULL THEN [] ELSE [1] END AS _
  MATCH (f:Fact {practice_key: $practice})
  RETURN f
  UNION ALL
  UNWIND CASE WHEN $practice IS NULL AND $report IS NOT NULL THEN [1] ELSE [] END AS _
  MATCH (f:Fact {report_id: $report})
  RETURN f
  UNION ALL
  UNWIND CASE WHEN $practice IS NULL AND $report IS NULL THEN [1] ELSE [] END AS _
  MATCH (f:Fact)
  RETURN f
}
WITH under, f
WHERE f.kind = 'adoption'
  AND ($region IS NULL OR f.region_code = $region)
  AND ($report IS NULL OR f.report_id = $report)
  AND ($year_from IS NULL OR f.year >= $year_from)
  AND ($year_to IS NULL OR f.year <= $year_to)
  AND ($min_confidence IS NULL OR f.confidence >= $min_confidence)
MATCH (f)-[:IN]->(:Sentence)<-[:HAS]-(rep:Report)
WHERE rep.complete = true
MATCH (f)-[:BY]->(r:Region)
WHERE $within IS NULL OR (r.code STARTS WITH left($within, 2) AND r.code IN under)
MATCH (f)-[:OF]->(p:Practice)
MATCH (f)-[:IN]->(s:Sentence)
RETURN r.code AS region_code, r.name AS region_name, r.level AS region_level,
       p.key AS practice_key, p.name AS practice_name, coalesce(p.aliases, []) AS practice_aliases,
       f.year AS year, s.text AS evidence, s.offset AS offset, f.confidence AS confidence,
       f.method AS method, f.report_id AS report_id, rep.title AS report_title,
       rep.source AS report_source, rep.published AS report_date
ORDER BY report_id, offset, region_code, practice_key
SKIP $offset
LIMIT $limit
