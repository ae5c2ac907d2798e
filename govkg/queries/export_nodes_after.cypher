// name: export_nodes_after
// description: Every node as its label, key and property map, a page at a time in internal-id order, keyset-paged (bulk export: no page sorts the whole graph; the caller orders by label and key).
// param after_id: int = -1 — only nodes whose internal id is above this one (the last node_id of the previous page)
// param limit: int = 10000 — page size
MATCH (n)
WHERE id(n) > $after_id
WITH n
ORDER BY id(n)
LIMIT $limit
// Each label has one key property; they never share a name, so coalesce picks the right one.
RETURN id(n) AS node_id, labels(n)[0] AS label, coalesce(n.code, n.key, n.id, n.name) AS node_key,
       properties(n) AS props
