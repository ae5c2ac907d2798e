// name: active_regions
// description: The regions that adopted the most practices (then the most supporting reports), read from the counts each region carries (practices, adoption_reports: kept by the writer from its ADOPTED edges), with its parent; paged in the query.
// param level: str? = null — only regions of this level
// param limit: int = 10 — page size
// param offset: int = 0 — rows to skip (paging)
MATCH (r:Region)
WHERE r.practices > 0 AND ($level IS NULL OR r.level = $level)
WITH r, r.practices AS practices, r.adoption_reports AS reports
ORDER BY practices DESC, reports DESC, r.code
SKIP $offset
LIMIT $limit
OPTIONAL MATCH (r)-[:PART_OF]->(up:Region)
RETURN r.code AS code, r.name AS name, r.level AS level, r.short AS short, r.aliases AS aliases,
       up.code AS parent, practices, reports
ORDER BY practices DESC, reports DESC, code
