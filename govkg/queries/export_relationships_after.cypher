// name: export_relationships_after
// description: The outgoing relationships of a page of start nodes in internal-id order (keyset-paged), with type, the label and key of both ends and the property map; a start node without any gives one row whose type is null, so that every page names its last start node.
// param after_id: int = -1 — only start nodes whose internal id is above this one (the last start_id of the previous page)
// param limit: int = 2000 — start nodes per page
MATCH (a)
WHERE id(a) > $after_id
WITH a
ORDER BY id(a)
LIMIT $limit
OPTIONAL MATCH (a)-[r]->(b)
RETURN id(a) AS start_id, type(r) AS type,
       labels(a)[0] AS start_label, coalesce(a.code, a.key, a.id, a.name) AS start_key,
       labels(b)[0] AS end_label, coalesce(b.code, b.key, b.id, b.name) AS end_key,
       properties(r) AS props
