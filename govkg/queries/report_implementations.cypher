// name: report_implementations
// description: Agency implementations stated by one report, with their evidence sentences and offsets.
// param id: str — report id
MATCH (f:Fact {report_id: $id})
WHERE f.kind = 'implementation'
MATCH (f)-[:BY]->(g:Agency)
MATCH (f)-[:OF]->(p:Practice)
MATCH (f)-[:IN]->(s:Sentence)
RETURN g.key AS agency_key, g.name AS agency_name, p.key AS practice_key, p.name AS practice_name,
       f.report_id AS report_id, f.year AS year, s.text AS evidence, s.offset AS offset
ORDER BY agency_key, practice_key, offset
