// name: practice_detail
// description: One practice with its aliases, family, variants and adoption span (regions, reports, first and last year); regions and years from the ADOPTED aggregates, reports counted over the practice's facts.
// param key: str — practice key
MATCH (p:Practice {key: $key})
OPTIONAL MATCH (p)-[:VARIANT_OF]->(parent:Practice)
OPTIONAL MATCH (v:Practice)-[:VARIANT_OF]->(p)
WITH p, parent, v
ORDER BY v.key
WITH p, parent, [x IN collect(DISTINCT {key: v.key, name: v.name}) WHERE x.key IS NOT NULL] AS variants
OPTIONAL MATCH (:Region)-[a:ADOPTED]->(p)
WITH p, parent, variants, count(a) AS adopters, min(a.first_year) AS first_year,
     max(a.last_year) AS last_year
OPTIONAL MATCH (f:Fact {practice_key: p.key})
WHERE f.kind = 'adoption'
// Each distinct report once, then whether it is complete (a path check per fact cost 5× more).
WITH p, parent, variants, adopters, first_year, last_year, collect(DISTINCT f.report_id) AS rids
UNWIND CASE WHEN size(rids) = 0 THEN [''] ELSE rids END AS rid
OPTIONAL MATCH (rep:Report {id: rid})
WHERE rep.complete = true
WITH p, parent, variants, adopters, first_year, last_year, count(rep) AS reports
RETURN p.key AS key, p.name AS name, p.category AS category, p.aliases AS aliases,
       p.description AS description, p.origin AS origin,
       parent.key AS variant_of_key, parent.name AS variant_of_name, variants,
       adopters, reports, first_year, last_year
