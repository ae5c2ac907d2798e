// name: region_practices
// description: Practices a region adopted (optionally with those of every region under it), with reports, first year and adopting regions.
// param code: str — region code
// param include_descendants: bool = false — also count adoptions by regions under this one (PART_OF*)
MATCH (target:Region {code: $code})<-[:PART_OF*0..]-(r:Region)
WHERE $include_descendants OR r.code = target.code
MATCH (r)-[a:ADOPTED]->(p:Practice)
WITH p, a, r
ORDER BY r.code
WITH p, count(DISTINCT a.report_id) AS reports, min(a.year) AS first_year, collect(DISTINCT r.code) AS regions
RETURN p.key AS key, p.name AS name, p.category AS category, reports, first_year, regions
ORDER BY key
