// name: analytics_graph_nodes
// description: Regions, practices, categories and agencies as flat rows (type, key, name, category, level), for graph exports.
MATCH (r:Region)
RETURN 'Region' AS type, r.code AS key, r.name AS name, '' AS category, r.level AS level
ORDER BY key
UNION ALL
MATCH (p:Practice)
RETURN 'Practice' AS type, p.key AS key, p.name AS name, p.category AS category, '' AS level
ORDER BY key
UNION ALL
MATCH (c:Category)
RETURN 'Category' AS type, c.name AS key, c.name AS name, c.name AS category, '' AS level
ORDER BY key
UNION ALL
MATCH (g:Agency)
RETURN 'Agency' AS type, g.key AS key, g.name AS name, g.kind AS category, '' AS level
ORDER BY key
