// name: search
// description: Full-text search over the names and aliases of practices, regions and agencies (the govkg_names index, cjk analyzer).
// param q: str — full-text query
CALL db.index.fulltext.queryNodes('govkg_names', $q) YIELD node, score
WITH node, score
WHERE node:Practice OR node:Region OR node:Agency
RETURN CASE WHEN node:Practice THEN 'practice' WHEN node:Region THEN 'region' ELSE 'agency' END AS kind,
       coalesce(node.key, node.code) AS key, node.name AS name, score
ORDER BY score DESC, key
LIMIT 200
