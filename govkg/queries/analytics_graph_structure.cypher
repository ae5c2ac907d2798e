// name: analytics_graph_structure
// description: The structural edges (PART_OF, IN_CATEGORY, VARIANT_OF, OF_REGION) as key pairs, for graph exports.
MATCH (a:Region)-[:PART_OF]->(b:Region)
RETURN 'PART_OF' AS type, 'Region' AS source_type, a.code AS source, 'Region' AS target_type, b.code AS target
ORDER BY source, target
UNION ALL
MATCH (a:Practice)-[:IN_CATEGORY]->(b:Category)
RETURN 'IN_CATEGORY' AS type, 'Practice' AS source_type, a.key AS source, 'Category' AS target_type, b.name AS target
ORDER BY source, target
UNION ALL
MATCH (a:Practice)-[:VARIANT_OF]->(b:Practice)
RETURN 'VARIANT_OF' AS type, 'Practice' AS source_type, a.key AS source, 'Practice' AS target_type, b.key AS target
ORDER BY source, target
UNION ALL
MATCH (a:Agency)-[:OF_REGION]->(b:Region)
RETURN 'OF_REGION' AS type, 'Agency' AS source_type, a.key AS source, 'Region' AS target_type, b.code AS target
ORDER BY source, target
