// name: practice_detail
// description: One practice with its aliases, family, variants and adoption span (regions, reports, first and last year); regions and years from the ADOPTED aggregates, reports counted over the practice's facts.
// param key: str — practice key
MATCH (p:Practice {key: $key})
OPTIONAL MATCH (p)-[:VARIANT_OF]->(parent:Practice)
OPTIONAL MATCH (v:Practice)-[:VARIANT_OF]->(p)
WITH p, parent, v
ORDER BY v.key
WITH p, parent, [x IN collect(DISTINCT {key: v.key, name: v.name}) WHERE x.key IS NOT NULL] AS variants
OPTIONAL MATCH (r:Region)-[a:ADOPTED]->(p)
WITH p, parent, variants, count(DISTINCT r.code) AS adopters, min(a.first_year) AS first_year,
     max(a.last_year) AS last_year
OPTIONAL MATCH (f:Fact {practice_key: p.key})
WHERE f.kind = 'adoption' AND (f)-[:IN]->(:Sentence)<-[:HAS]-(:Report {complete: true})
RETURN p.key AS key, p.name AS name, p.category AS category, p.aliases AS aliases,
       p.description AS description, p.origin AS origin,
       parent.key AS variant_of_key, parent.name AS variant_of_name, variants,
       adopters, count(DISTINCT f.report_id) AS reports, first_year, last_year
