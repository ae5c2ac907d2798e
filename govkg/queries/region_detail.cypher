// name: region_detail
// description: One region's properties with the number of practices it adopted and of reports about it.
// param code: str — region code
MATCH (r:Region {code: $code})
OPTIONAL MATCH (r)-[:ADOPTED]->(p:Practice)
WITH r, count(DISTINCT p.key) AS practices
OPTIONAL MATCH (rep:Report)-[:ABOUT]->(r)
RETURN r.code AS code, r.name AS name, r.level AS level, r.short AS short, r.aliases AS aliases,
       practices, count(DISTINCT rep.id) AS reports
