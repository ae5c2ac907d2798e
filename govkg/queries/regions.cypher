// name: regions
// description: Regions filtered by a substring of the name or an alias, by level and by parent code, with the number of practices each adopted (the count each region carries).
// param q: str? = null — substring of the name, short name or an alias
// param level: str? = null — only regions of this level
// param parent: str? = null — only the direct children of this region code
MATCH (r:Region)
WHERE ($level IS NULL OR r.level = $level)
  AND ($q IS NULL OR r.name CONTAINS $q OR coalesce(r.short, '') CONTAINS $q
       OR any(a IN coalesce(r.aliases, []) WHERE a CONTAINS $q))
OPTIONAL MATCH (r)-[:PART_OF]->(up:Region)
WITH r, up
WHERE $parent IS NULL OR up.code = $parent
RETURN r.code AS code, r.name AS name, r.level AS level, r.short AS short, r.aliases AS aliases,
       up.code AS parent, coalesce(r.practices, 0) AS practices
ORDER BY code
