// name: export_relationships
// description: Every relationship with its type, the label and key of both ends and its property map, a page at a time, in a stable order (for bulk export).
// param offset: int = 0 — relationships to skip
// param limit: int = 10000 — page size
MATCH (a)-[r]->(b)
WITH r, type(r) AS type,
     labels(a)[0] AS start_label, coalesce(a.code, a.key, a.id, a.name) AS start_key,
     labels(b)[0] AS end_label, coalesce(b.code, b.key, b.id, b.name) AS end_key
RETURN type, start_label, start_key, end_label, end_key, properties(r) AS props
ORDER BY type, start_label, start_key, end_label, end_key, r.report_id, r.offset
SKIP $offset
LIMIT $limit
