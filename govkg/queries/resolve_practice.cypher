// name: resolve_practice
// description: Practices whose key, canonical name or an alias equals the given text (for path parameters).
// param name: str — a practice key, name or alias
MATCH (p:Practice)
WHERE p.key = $name OR p.name = $name OR $name IN coalesce(p.aliases, [])
RETURN p.key AS key, p.name AS name, p.category AS category
ORDER BY key
