// name: resolve_region
// description: Regions whose code, official name, short name or an alias equals the given text (for path parameters).
// param name: str — a region code, name, short name or alias
MATCH (r:Region)
WHERE r.code = $name OR r.name = $name OR r.short = $name OR $name IN coalesce(r.aliases, [])
RETURN r.code AS code, r.name AS name, r.level AS level
ORDER BY code
