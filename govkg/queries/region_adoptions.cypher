// name: region_adoptions
// description: Practices a region adopted (optionally with every region under it), each with reports, first year, adopting regions, its first three facts' sample ranks and up to three evidence facts (earliest first, with report id, title, date, source and offset), read from the ADOPTED (or, with descendants, COVERS) aggregates.
// param code: str — region code
// param include_descendants: bool = false — also count adoptions by regions under this one (PART_OF*)
// param evidence_limit: int = 3 — evidence facts per practice (0–3; 0 reads no fact: the API reads a page's evidence after the page, from the sample ranks)
// The regions under the target are collected once, then their own ADOPTED edges read (matching
// each practice's COVERS edge back down the hierarchy cost practices × descendants).
UNWIND CASE WHEN $evidence_limit > 0 THEN [1] ELSE [] END AS _
MATCH (target:Region {code: $code})
OPTIONAL MATCH (target)<-[:PART_OF*1..]-(d:Region)
WHERE $include_descendants
WITH target, collect(DISTINCT d) AS below
UNWIND [target] + below AS r
MATCH (r)-[:ADOPTED]->(p:Practice)
WITH target, p, r.code AS code
ORDER BY code
WITH target, p, collect(code) AS regions
MATCH (target)-[c:ADOPTED|COVERS]->(p)
WHERE type(c) = CASE WHEN $include_descendants THEN 'COVERS' ELSE 'ADOPTED' END
WITH p.key AS key, p.name AS name, p.category AS category, c.reports AS reports,
     c.first_year AS first_year, regions, c.sample AS sample
UNWIND sample[0..$evidence_limit] AS k
MATCH (ef:Fact {id: right(k, size(k) - size(split(k, '|')[1]) - 16)})-[:IN]->(es:Sentence)<-[:HAS]-(erep:Report)
WITH key, name, category, reports, first_year, regions, sample, k,
     {report_id: ef.report_id, evidence: es.text, offset: es.offset, year: ef.year,
      region_code: ef.region_code, agency_key: ef.agency_key, confidence: ef.confidence,
      method: ef.method, report_title: erep.title, report_date: erep.published,
      report_source: erep.source} AS item
ORDER BY k
WITH key, name, category, reports, first_year, regions, sample, collect(item) AS evidence
RETURN key, name, category, reports, first_year, regions, sample, evidence
ORDER BY key
UNION ALL
UNWIND CASE WHEN $evidence_limit > 0 THEN [] ELSE [1] END AS _
MATCH (target:Region {code: $code})
OPTIONAL MATCH (target)<-[:PART_OF*1..]-(d:Region)
WHERE $include_descendants
WITH target, collect(DISTINCT d) AS below
UNWIND [target] + below AS r
MATCH (r)-[:ADOPTED]->(p:Practice)
WITH target, p, r.code AS code
ORDER BY code
WITH target, p, collect(code) AS regions
MATCH (target)-[c:ADOPTED|COVERS]->(p)
WHERE type(c) = CASE WHEN $include_descendants THEN 'COVERS' ELSE 'ADOPTED' END
WITH p.key AS key, p.name AS name, p.category AS category, c.reports AS reports,
     c.first_year AS first_year, regions, c.sample AS sample
RETURN key, name, category, reports, first_year, regions, sample, [] AS evidence
ORDER BY key
