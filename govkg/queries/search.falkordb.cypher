// name: search
// description: Full-text search over the names and aliases of practices, regions and agencies (FalkorDB's per-label indexes).
// param q: str — full-text query
CALL db.idx.fulltext.queryNodes('Practice', $q) YIELD node, score
RETURN 'practice' AS kind, node.key AS key, node.name AS name, score
UNION ALL
CALL db.idx.fulltext.queryNodes('Region', $q) YIELD node, score
RETURN 'region' AS kind, node.code AS key, node.name AS name, score
UNION ALL
CALL db.idx.fulltext.queryNodes('Agency', $q) YIELD node, score
RETURN 'agency' AS kind, node.key AS key, node.name AS name, score
