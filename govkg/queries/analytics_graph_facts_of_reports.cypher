// name: analytics_graph_facts_of_reports
// description: The adoption and implementation facts of the given complete reports as analytics_graph_facts gives them (same filters and columns), for graph exports that stream a report_page page at a time.
// param reports: list[str] = [] — report ids (one page of report_page)
// param practice: str? = null — only facts about this practice key
// param within: str? = null — only facts of regions (or agencies of regions) that are this code or lie under it
// param year_from: int? = null — only facts dated this year or later
// param year_to: int? = null — only facts dated this year or earlier
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
WHERE ($practice IS NULL OR f.practice_key = $practice)
  AND ($year_from IS NULL OR f.year >= $year_from)
  AND ($year_to IS NULL OR f.year <= $year_to)
MATCH (f)-[:BY]->(by)
OPTIONAL MATCH (by)-[:OF_REGION]->(home:Region)
WITH f, s, by, CASE WHEN f.kind = 'adoption' THEN by ELSE home END AS r, under
WHERE r IS NOT NULL AND ($within IS NULL OR (r.code STARTS WITH left($within, 2) AND r.code IN under))
  AND ((f.kind = 'adoption' AND by:Region) OR (f.kind = 'implementation' AND by:Agency))
RETURN CASE WHEN f.kind = 'adoption' THEN 'ADOPTED' ELSE 'IMPLEMENTS' END AS type,
       CASE WHEN f.kind = 'adoption' THEN 'Region' ELSE 'Agency' END AS source_type,
       coalesce(by.code, by.key) AS source, f.practice_key AS target,
       f.year AS year, f.report_id AS report_id, s.text AS evidence
ORDER BY report_id, type, source, target
