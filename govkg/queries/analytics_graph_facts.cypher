// name: analytics_graph_facts
// description: Adoption and implementation facts of complete reports with their provenance, filtered by practice, region subtree and year, for graph exports (type ADOPTED or IMPLEMENTS, one row per fact).
// param practice: str? = null — only facts about this practice key
// param within: str? = null — only facts of regions (or agencies of regions) that are this code or lie under it
// param year_from: int? = null — only facts dated this year or later
// param year_to: int? = null — only facts dated this year or earlier
MATCH (f:Fact)
WHERE f.kind = 'adoption'
  AND ($practice IS NULL OR f.practice_key = $practice)
  AND ($year_from IS NULL OR f.year >= $year_from)
  AND ($year_to IS NULL OR f.year <= $year_to)
MATCH (f)-[:IN]->(:Sentence)<-[:HAS]-(rep:Report)
WHERE rep.complete = true
MATCH (f)-[:BY]->(r:Region)
WHERE $within IS NULL OR r.code = $within OR (r)-[:PART_OF*1..]->(:Region {code: $within})
MATCH (f)-[:IN]->(s:Sentence)
RETURN 'ADOPTED' AS type, 'Region' AS source_type, r.code AS source, f.practice_key AS target,
       f.year AS year, f.report_id AS report_id, s.text AS evidence
ORDER BY report_id, source, target
UNION ALL
MATCH (f:Fact)
WHERE f.kind = 'implementation'
  AND ($practice IS NULL OR f.practice_key = $practice)
  AND ($year_from IS NULL OR f.year >= $year_from)
  AND ($year_to IS NULL OR f.year <= $year_to)
MATCH (f)-[:IN]->(:Sentence)<-[:HAS]-(rep:Report)
WHERE rep.complete = true
MATCH (f)-[:BY]->(g:Agency)-[:OF_REGION]->(r:Region)
WHERE $within IS NULL OR r.code = $within OR (r)-[:PART_OF*1..]->(:Region {code: $within})
MATCH (f)-[:IN]->(s:Sentence)
RETURN 'IMPLEMENTS' AS type, 'Agency' AS source_type, g.key AS source, f.practice_key AS target,
       f.year AS year, f.report_id AS report_id, s.text AS evidence
ORDER BY report_id, source, target
