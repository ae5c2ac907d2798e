// name: analytics_adoptions
// description: Every adoption fact of a complete report as (region code, practice key, year, report id, offset, evidence), for diffusion analytics; region and practice details come from analytics_regions and analytics_practices.
// param practice: str? = null — only this practice key
// param within: str? = null — only regions that are this code or lie under it
MATCH (f:Fact)
WHERE f.kind = 'adoption' AND ($practice IS NULL OR f.practice_key = $practice)
MATCH (f)-[:IN]->(:Sentence)<-[:HAS]-(rep:Report)
WHERE rep.complete = true
MATCH (f)-[:BY]->(r:Region)
WHERE $within IS NULL OR r.code = $within OR (r)-[:PART_OF*1..]->(:Region {code: $within})
MATCH (f)-[:IN]->(s:Sentence)
RETURN r.code AS region_code, f.practice_key AS practice_key, f.year AS year, f.report_id AS report_id,
       s.offset AS offset, s.text AS evidence
ORDER BY report_id, offset, region_code, practice_key
