// name: analytics_events
// description: One row per (region, practice) adoption, read from the ADOPTED aggregate edge: first year and supporting complete reports, and (when evidence is true) the earliest fact's report id, offset and sentence. Region and practice details come from analytics_regions and analytics_practices.
// param practice: str? = null — only this practice key
// param within: str? = null — only regions that are this code or lie under it
// param evidence: bool = true — look up the earliest evidence sentence of each adoption
// Steps: (1) the ADOPTED edges (of the practice, of regions under $within); (2) the earliest
// fact, whose rank the edge keeps first in its sample, with its sentence, only when asked; the
// rank ends with the fact's id (see writer.fact_rank).
MATCH (r:Region)-[c:ADOPTED]->(p:Practice)
WHERE ($practice IS NULL OR p.key = $practice)
  AND ($within IS NULL OR r.code = $within OR (r)-[:PART_OF*1..]->(:Region {code: $within}))
  AND c.reports > 0
WITH r.code AS region_code, p.key AS practice_key, c.first_year AS first_year, c.reports AS reports,
     CASE WHEN $evidence THEN c.sample[0] ELSE null END AS first
OPTIONAL MATCH (f:Fact {id: CASE WHEN first IS NULL THEN '' ELSE right(first, size(first) - size(split(first, '|')[1]) - 16) END})-[:IN]->(s:Sentence)
RETURN region_code, practice_key, first_year, reports, f.report_id AS report_id, s.offset AS offset,
       s.text AS evidence
ORDER BY region_code, practice_key
