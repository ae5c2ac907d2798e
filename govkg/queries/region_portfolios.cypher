// name: region_portfolios
// description: Adoption facts (region, practice, report, evidence) of the given regions, or of every region when codes is null — input to compare and similar.
// param codes: list[str]? = null — region codes; null for all regions
// Each wanted region looked up by its code (an IN list over a scan of every adoption cost 20×).
UNWIND coalesce($codes, [null]) AS wanted
MATCH (r:Region)
WHERE wanted IS NULL OR r.code = wanted
WITH DISTINCT r
MATCH (r)-[:ADOPTED]->(p:Practice)
WITH r, p
MATCH (r)<-[:BY]-(f:Fact)-[:OF]->(p)
WHERE f.kind = 'adoption'
MATCH (f)-[:IN]->(:Sentence)<-[:HAS]-(rep:Report)
WHERE rep.complete = true
MATCH (f)-[:IN]->(s:Sentence)
RETURN r.code AS code, r.name AS region_name, r.level AS level, p.key AS practice, p.name AS practice_name,
       f.report_id AS report_id, f.year AS year, s.text AS evidence, s.offset AS offset,
       rep.title AS report_title, rep.published AS report_date, rep.source AS report_source
ORDER BY code, practice, report_id, offset
