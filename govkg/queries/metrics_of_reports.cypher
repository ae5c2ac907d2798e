// name: metrics_of_reports
// description: The measurements of the given complete reports, with the same columns and filters as metrics; a long metrics listing reads them a report_page page at a time and sorts them once, instead of re-sorting every measurement per SKIP page.
// param reports: list[str] = [] — report ids (one page of report_page)
// param needles: list[str] = [] — texts to look for inside indicator labels (an empty list matches every measurement)
// param within: str? = null — only measurements of this region code or a region under it
// param year_from: int? = null — only measurements reported for this year or later
// param year_to: int? = null — only measurements reported for this year or earlier
UNWIND $reports AS id
MATCH (rep:Report {id: id})
WHERE rep.complete = true
// the page's reports anchor the match
WITH rep
MATCH (rep)-[:STATES]->(m:Measurement)
WHERE (size($needles) = 0 OR any(n IN $needles WHERE m.indicator CONTAINS n))
  AND ($year_from IS NULL OR m.year >= $year_from)
  AND ($year_to IS NULL OR m.year <= $year_to)
OPTIONAL MATCH (m)-[:OF_REGION]->(r:Region)
WITH rep, m, r
WHERE $within IS NULL OR r.code = $within OR (r)-[:PART_OF*]->(:Region {code: $within})
OPTIONAL MATCH path = (r)-[:PART_OF*1..]->(top:Region)
WHERE NOT (top)-[:PART_OF]->(:Region)
WITH rep, m, r, [n IN nodes(path) | n.name] AS chain
OPTIONAL MATCH (m)-[:FOR_PRACTICE]->(p:Practice)
OPTIONAL MATCH (m)-[:IN]->(s:Sentence)
RETURN m.key AS key, m.indicator AS indicator, m.value AS value, m.unit AS unit, m.raw AS raw,
       m.year AS year, m.approximate AS approximate, m.change AS change,
       r.code AS region_code, r.name AS region_name, r.level AS region_level, chain,
       p.key AS practice_key, p.name AS practice_name,
       m.report_id AS report_id, rep.title AS report_title, rep.published AS report_date,
       rep.source AS report_source, s.text AS evidence, m.offset AS offset
ORDER BY indicator, region_code, report_id, offset, key
