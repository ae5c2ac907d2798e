// name: search_names
// description: Practices, regions and agencies whose name (or an alias) contains the text, with their aliases (to rank exact names and aliases first) — the search every store can run.
// param q: str — text to look for
MATCH (p:Practice)
WHERE p.name CONTAINS $q OR any(a IN coalesce(p.aliases, []) WHERE a CONTAINS $q)
RETURN 'practice' AS kind, p.key AS key, p.name AS name, coalesce(p.aliases, []) AS aliases
UNION ALL
MATCH (r:Region)
WHERE r.name CONTAINS $q OR any(a IN coalesce(r.aliases, []) WHERE a CONTAINS $q)
  OR coalesce(r.short, '') CONTAINS $q
RETURN 'region' AS kind, r.code AS key, r.name AS name, coalesce(r.aliases, []) + [coalesce(r.short, '')] AS aliases
UNION ALL
MATCH (g:Agency)
WHERE g.name CONTAINS $q
RETURN 'agency' AS kind, g.key AS key, g.name AS name, [] AS aliases
