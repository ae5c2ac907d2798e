// name: cooccurrence_regions
// description: For each practice pair (firsts[i], seconds[i]), the codes of the regions that adopted both, in code order (pairs no region shares are absent).
// param firsts: list[str] — the first practice key of each pair
// param seconds: list[str] — the second practice key of each pair, in the same order
UNWIND range(0, size($firsts) - 1) AS i
MATCH (pa:Practice {key: $firsts[i]})
WITH i, pa
MATCH (r:Region)-[:ADOPTED]->(pa)
WITH i, r
MATCH (r)-[:ADOPTED]->(:Practice {key: $seconds[i]})
WITH i, r.code AS code
ORDER BY code
RETURN $firsts[i] AS a, $seconds[i] AS b, collect(code) AS region_codes
ORDER BY a, b
