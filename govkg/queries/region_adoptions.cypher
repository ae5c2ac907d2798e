// name: region_adoptions
// description: Practices a region adopted (optionally with every region under it), each with reports, first year, adopting regions and up to three evidence facts (earliest first).
// param code: str — region code
// param include_descendants: bool = false — also count adoptions by regions under this one (PART_OF*)
MATCH (target:Region {code: $code})<-[:PART_OF*0..]-(r:Region)
WHERE $include_descendants OR r.code = target.code
MATCH (r)-[a:ADOPTED]->(p:Practice)
WITH p, a, r
ORDER BY a.year, a.report_id, r.code, a.offset
WITH p, count(DISTINCT a.report_id) AS reports, min(a.year) AS first_year, collect(DISTINCT r.code) AS regions,
     collect({report_id: a.report_id, evidence: a.evidence, year: a.year, region_code: r.code}) AS facts
RETURN p.key AS key, p.name AS name, p.category AS category, reports, first_year, regions,
       facts[0..3] AS evidence
ORDER BY key
