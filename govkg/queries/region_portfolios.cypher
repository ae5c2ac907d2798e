// name: region_portfolios
// description: Adoption facts (region, practice, report, evidence) of the given regions, or of every region when codes is null — input to compare and similar.
// param codes: list[str]? = null — region codes; null for all regions
MATCH (r:Region)-[a:ADOPTED]->(p:Practice)
WHERE $codes IS NULL OR r.code IN $codes
RETURN r.code AS code, r.name AS region_name, r.level AS level, p.key AS practice, p.name AS practice_name,
       a.report_id AS report_id, a.year AS year, a.evidence AS evidence
ORDER BY code, practice, report_id, a.offset
