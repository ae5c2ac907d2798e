// name: search_evidence
// description: Adoption facts whose evidence sentence contains the text, with region, practice and report.
// param q: str — text to look for in evidence sentences
MATCH (r:Region)-[a:ADOPTED]->(p:Practice)
WHERE a.evidence CONTAINS $q
RETURN r.code AS region_code, r.name AS region_name, p.key AS practice_key, p.name AS practice_name,
       a.report_id AS report_id, a.evidence AS evidence, a.year AS year
ORDER BY report_id, a.offset, region_code, practice_key
LIMIT 500
