// name: analytics_graph_facts
// description: ADOPTED and IMPLEMENTS edges with their provenance, filtered by practice, region subtree and year, for graph exports.
// param practice: str? = null — only facts about this practice key
// param within: str? = null — only facts of regions (or agencies of regions) that are this code or lie under it
// param year_from: int? = null — only facts dated this year or later
// param year_to: int? = null — only facts dated this year or earlier
MATCH (r:Region)-[a:ADOPTED]->(p:Practice)
WHERE ($practice IS NULL OR p.key = $practice)
  AND ($year_from IS NULL OR a.year >= $year_from)
  AND ($year_to IS NULL OR a.year <= $year_to)
  AND ($within IS NULL OR r.code = $within OR (r)-[:PART_OF*1..]->(:Region {code: $within}))
RETURN 'ADOPTED' AS type, 'Region' AS source_type, r.code AS source, p.key AS target,
       a.year AS year, a.report_id AS report_id, a.evidence AS evidence
UNION ALL
MATCH (g:Agency)-[i:IMPLEMENTS]->(p:Practice), (g)-[:OF_REGION]->(r:Region)
WHERE ($practice IS NULL OR p.key = $practice)
  AND ($year_from IS NULL OR i.year >= $year_from)
  AND ($year_to IS NULL OR i.year <= $year_to)
  AND ($within IS NULL OR r.code = $within OR (r)-[:PART_OF*1..]->(:Region {code: $within}))
RETURN 'IMPLEMENTS' AS type, 'Agency' AS source_type, g.key AS source, p.key AS target,
       i.year AS year, i.report_id AS report_id, i.evidence AS evidence
