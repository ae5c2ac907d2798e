// name: cooccurrence
// description: Pairs of practices adopted by the same regions, with the number and codes of those regions.
// param min_regions: int = 1 — only pairs shared by at least this many regions
MATCH (r:Region)-[:ADOPTED]->(p1:Practice), (r)-[:ADOPTED]->(p2:Practice)
WHERE p1.key < p2.key
WITH p1, p2, r
ORDER BY r.code
WITH p1, p2, collect(DISTINCT r.code) AS codes
WHERE size(codes) >= $min_regions
RETURN p1.key AS a, p1.name AS a_name, p2.key AS b, p2.name AS b_name, size(codes) AS regions,
       codes AS region_codes
ORDER BY regions DESC, a, b
