// name: export_nodes
// description: Every node as its label and property map, a page at a time, in a stable order (for bulk export).
// param offset: int = 0 — nodes to skip
// param limit: int = 10000 — page size
MATCH (n)
// Each label has one key property; they never share a name, so coalesce picks the right one.
WITH n, labels(n)[0] AS label, coalesce(n.code, n.key, n.id, n.name) AS node_key
RETURN label, node_key, properties(n) AS props
ORDER BY label, node_key
SKIP $offset
LIMIT $limit
