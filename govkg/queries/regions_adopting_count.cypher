// name: regions_adopting_count
// description: How many regions (of a level, if given) adopted at least one practice.
// param level: str? = null — only regions of this level
MATCH (r:Region)
WHERE ($level IS NULL OR r.level = $level) AND (r)-[:ADOPTED]->(:Practice)
RETURN count(r) AS count
