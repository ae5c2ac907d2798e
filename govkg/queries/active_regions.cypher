// name: active_regions
// description: The regions that adopted the most practices (then the most supporting reports), read from the ADOPTED aggregates, with the number of practices and the reports behind them; paged in the query.
// param level: str? = null — only regions of this level
// param limit: int = 10 — page size
// param offset: int = 0 — rows to skip (paging)
MATCH (r:Region)-[a:ADOPTED]->(:Practice)
WHERE $level IS NULL OR r.level = $level
WITH r, count(a) AS practices, toInteger(sum(a.reports)) AS reports
ORDER BY practices DESC, reports DESC, r.code
SKIP $offset
LIMIT $limit
OPTIONAL MATCH (r)-[:PART_OF]->(up:Region)
RETURN r.code AS code, r.name AS name, r.level AS level, r.short AS short, r.aliases AS aliases,
       up.code AS parent, practices, reports
ORDER BY practices DESC, reports DESC, code
