// name: regions_adopting_count
// description: How many regions (of a level, if given) adopted at least one practice (the count each region carries).
// param level: str? = null — only regions of this level
MATCH (r:Region)
WHERE r.practices > 0 AND ($level IS NULL OR r.level = $level)
RETURN count(r) AS count
