// name: report_implementations
// description: Agency implementations stated by one report, with their evidence sentences.
// param id: str — report id
MATCH (g:Agency)-[i:IMPLEMENTS {report_id: $id}]->(p:Practice)
RETURN g.key AS agency_key, g.name AS agency_name, p.key AS practice_key, p.name AS practice_name,
       i.report_id AS report_id, i.year AS year, i.evidence AS evidence
ORDER BY agency_key, practice_key, i.offset
