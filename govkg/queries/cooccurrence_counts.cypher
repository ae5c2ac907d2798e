// name: cooccurrence_counts
// description: Practice pairs with the number of regions that adopted both (no region lists: cheap on a large graph; cooccurrence_regions gives a page's lists), most shared first.
// param min_regions: int = 1 — only pairs shared by at least this many regions
// param practice: str? = null — only pairs that include this practice key
// Steps: (1) each region's adopted practices, paired once per region (with $practice: that
// practice against every other); (2) regions counted per pair, as a stream: one ADOPTED edge per
// (region, practice) makes each (region, pair) row unique, so no set of regions is held.
MATCH (p0:Practice)
WHERE $practice IS NULL OR p0.key = $practice
WITH p0
MATCH (r:Region)-[:ADOPTED]->(p0)
WITH p0, r
MATCH (r)-[:ADOPTED]->(p2:Practice)
WHERE p0.key < p2.key OR ($practice IS NOT NULL AND p2.key < p0.key)
WITH CASE WHEN p0.key < p2.key THEN p0 ELSE p2 END AS p1,
     CASE WHEN p0.key < p2.key THEN p2 ELSE p0 END AS p2
WITH p1, p2, count(*) AS regions
WHERE regions >= $min_regions
RETURN p1.key AS a, p1.name AS a_name, p2.key AS b, p2.name AS b_name, regions
ORDER BY regions DESC, a, b
