// name: region_practices
// description: Practices a region adopted (optionally with those of every region under it), with reports, first year and adopting regions, read from the ADOPTED (or, with descendants, COVERS) aggregates.
// param code: str — region code
// param include_descendants: bool = false — also count adoptions by regions under this one (PART_OF*)
MATCH (target:Region {code: $code})-[c:ADOPTED|COVERS]->(p:Practice)
WHERE type(c) = CASE WHEN $include_descendants THEN 'COVERS' ELSE 'ADOPTED' END
OPTIONAL MATCH (target)<-[:PART_OF*0..]-(r:Region)-[:ADOPTED]->(p)
WHERE $include_descendants OR r.code = target.code
WITH p, c, r
ORDER BY r.code
WITH p, c, collect(DISTINCT r.code) AS regions
RETURN p.key AS key, p.name AS name, p.category AS category, c.reports AS reports,
       c.first_year AS first_year, regions
ORDER BY key
