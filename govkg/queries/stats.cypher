// name: stats
// description: Number of nodes per label and of relationships per type (only those present), one row each (kind is node or relationship); each count is one label or type count the engine keeps, not a scan.
MATCH (n:Agency)
WITH count(n) AS count
WHERE count > 0
RETURN 'node' AS kind, 'Agency' AS label, count
UNION ALL
MATCH (n:Category)
WITH count(n) AS count
WHERE count > 0
RETURN 'node' AS kind, 'Category' AS label, count
UNION ALL
MATCH (n:Fact)
WITH count(n) AS count
WHERE count > 0
RETURN 'node' AS kind, 'Fact' AS label, count
UNION ALL
MATCH (n:Measurement)
WITH count(n) AS count
WHERE count > 0
RETURN 'node' AS kind, 'Measurement' AS label, count
UNION ALL
MATCH (n:Practice)
WITH count(n) AS count
WHERE count > 0
RETURN 'node' AS kind, 'Practice' AS label, count
UNION ALL
MATCH (n:Region)
WITH count(n) AS count
WHERE count > 0
RETURN 'node' AS kind, 'Region' AS label, count
UNION ALL
MATCH (n:Report)
WITH count(n) AS count
WHERE count > 0
RETURN 'node' AS kind, 'Report' AS label, count
UNION ALL
MATCH (n:Sentence)
WITH count(n) AS count
WHERE count > 0
RETURN 'node' AS kind, 'Sentence' AS label, count
UNION ALL
MATCH ()-[r:ABOUT]->()
WITH count(r) AS count
WHERE count > 0
RETURN 'relationship' AS kind, 'ABOUT' AS label, count
UNION ALL
MATCH ()-[r:ADOPTED]->()
WITH count(r) AS count
WHERE count > 0
RETURN 'relationship' AS kind, 'ADOPTED' AS label, count
UNION ALL
MATCH ()-[r:BY]->()
WITH count(r) AS count
WHERE count > 0
RETURN 'relationship' AS kind, 'BY' AS label, count
UNION ALL
MATCH ()-[r:COVERS]->()
WITH count(r) AS count
WHERE count > 0
RETURN 'relationship' AS kind, 'COVERS' AS label, count
UNION ALL
MATCH ()-[r:FOR_PRACTICE]->()
WITH count(r) AS count
WHERE count > 0
RETURN 'relationship' AS kind, 'FOR_PRACTICE' AS label, count
UNION ALL
MATCH ()-[r:HAS]->()
WITH count(r) AS count
WHERE count > 0
RETURN 'relationship' AS kind, 'HAS' AS label, count
UNION ALL
MATCH ()-[r:IMPLEMENTS]->()
WITH count(r) AS count
WHERE count > 0
RETURN 'relationship' AS kind, 'IMPLEMENTS' AS label, count
UNION ALL
MATCH ()-[r:IN]->()
WITH count(r) AS count
WHERE count > 0
RETURN 'relationship' AS kind, 'IN' AS label, count
UNION ALL
MATCH ()-[r:IN_CATEGORY]->()
WITH count(r) AS count
WHERE count > 0
RETURN 'relationship' AS kind, 'IN_CATEGORY' AS label, count
UNION ALL
MATCH ()-[r:MENTIONS]->()
WITH count(r) AS count
WHERE count > 0
RETURN 'relationship' AS kind, 'MENTIONS' AS label, count
UNION ALL
MATCH ()-[r:OF]->()
WITH count(r) AS count
WHERE count > 0
RETURN 'relationship' AS kind, 'OF' AS label, count
UNION ALL
MATCH ()-[r:OF_REGION]->()
WITH count(r) AS count
WHERE count > 0
RETURN 'relationship' AS kind, 'OF_REGION' AS label, count
UNION ALL
MATCH ()-[r:PART_OF]->()
WITH count(r) AS count
WHERE count > 0
RETURN 'relationship' AS kind, 'PART_OF' AS label, count
UNION ALL
MATCH ()-[r:STATES]->()
WITH count(r) AS count
WHERE count > 0
RETURN 'relationship' AS kind, 'STATES' AS label, count
UNION ALL
MATCH ()-[r:VARIANT_OF]->()
WITH count(r) AS count
WHERE count > 0
RETURN 'relationship' AS kind, 'VARIANT_OF' AS label, count
