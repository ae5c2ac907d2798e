// name: stats
// description: Number of nodes per label and of relationships per type, one row each (kind is node or relationship).
MATCH (n)
RETURN 'node' AS kind, labels(n)[0] AS label, count(*) AS count
ORDER BY label
UNION ALL
MATCH ()-[r]->()
RETURN 'relationship' AS kind, type(r) AS label, count(*) AS count
ORDER BY label
