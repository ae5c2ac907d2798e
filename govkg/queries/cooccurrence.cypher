// name: cooccurrence
// description: Pairs of practices adopted by the same regions, with the number and codes of those regions.
// param min_regions: int = 1 — only pairs shared by at least this many regions
// param practice: str? = null — only pairs that include this practice key (matched first, so it is cheap)
MATCH (r:Region)-[:ADOPTED]->(p0:Practice)
WHERE $practice IS NULL OR p0.key = $practice
MATCH (r)-[:ADOPTED]->(p2:Practice)
WHERE p0.key < p2.key OR ($practice IS NOT NULL AND p2.key < p0.key)
WITH CASE WHEN p0.key < p2.key THEN p0 ELSE p2 END AS p1,
     CASE WHEN p0.key < p2.key THEN p2 ELSE p0 END AS p2,
     r
ORDER BY r.code
WITH p1, p2, collect(DISTINCT r.code) AS codes
WHERE size(codes) >= $min_regions
RETURN p1.key AS a, p1.name AS a_name, p2.key AS b, p2.name AS b_name, size(codes) AS regions,
       codes AS region_codes
ORDER BY regions DESC, a, b
