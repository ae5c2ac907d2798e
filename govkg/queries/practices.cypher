// name: practices
// description: Every practice with its category, aliases, number of distinct adopting regions and first year of adoption (from the ADOPTED aggregates).
// param category: str? = null — only practices of this category
// param q: str? = null — substring of the practice name or of one of its aliases
MATCH (p:Practice)
WHERE ($category IS NULL OR p.category = $category)
  AND ($q IS NULL OR p.name CONTAINS $q OR any(alias IN coalesce(p.aliases, []) WHERE alias CONTAINS $q))
// One ADOPTED edge per (region, practice): counting edges counts regions.
OPTIONAL MATCH (:Region)-[a:ADOPTED]->(p)
WITH p, count(a) AS adopters, min(a.first_year) AS first_year
RETURN p.key AS key, p.name AS name, p.category AS category, coalesce(p.aliases, []) AS aliases,
       adopters, first_year
ORDER BY key
