// name: region_children
// description: The regions directly under one region.
// param code: str — region code
MATCH (c:Region)-[:PART_OF]->(r:Region {code: $code})
RETURN c.code AS code, c.name AS name, c.level AS level
ORDER BY code
