// name: region_ancestors
// description: The regions above one region, nearest first (its path to the root).
// param code: str — region code
MATCH path = (r:Region {code: $code})-[:PART_OF*1..]->(up:Region)
RETURN up.code AS code, up.name AS name, up.level AS level, length(path) AS depth
ORDER BY depth, code
