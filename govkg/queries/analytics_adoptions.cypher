// name: analytics_adoptions
// description: Every adoption fact as (region code, practice key, year, report id, offset, evidence), for diffusion analytics; region and practice details come from analytics_regions and analytics_practices.
// param practice: str? = null — only this practice key
// param within: str? = null — only regions that are this code or lie under it
MATCH (r:Region)-[a:ADOPTED]->(p:Practice)
WHERE ($practice IS NULL OR p.key = $practice)
  AND ($within IS NULL OR r.code = $within OR (r)-[:PART_OF*1..]->(:Region {code: $within}))
RETURN r.code AS region_code, p.key AS practice_key, a.year AS year, a.report_id AS report_id,
       a.offset AS offset, a.evidence AS evidence
