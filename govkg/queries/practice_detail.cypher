// name: practice_detail
// description: One practice with its aliases, family, variants and adoption span (regions, reports, first and last year).
// param key: str — practice key
MATCH (p:Practice {key: $key})
OPTIONAL MATCH (p)-[:VARIANT_OF]->(parent:Practice)
OPTIONAL MATCH (v:Practice)-[:VARIANT_OF]->(p)
WITH p, parent, v
ORDER BY v.key
WITH p, parent, [x IN collect(DISTINCT {key: v.key, name: v.name}) WHERE x.key IS NOT NULL] AS variants
OPTIONAL MATCH (r:Region)-[a:ADOPTED]->(p)
RETURN p.key AS key, p.name AS name, p.category AS category, p.aliases AS aliases,
       p.description AS description, p.origin AS origin,
       parent.key AS variant_of_key, parent.name AS variant_of_name, variants,
       count(DISTINCT r.code) AS adopters, count(DISTINCT a.report_id) AS reports,
       min(a.year) AS first_year, max(a.year) AS last_year
