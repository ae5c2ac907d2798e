// name: analytics_adoptions
// description: Every adoption fact with its region's level, parent and province and the practice's name and category, for diffusion analytics.
// param practice: str? = null — only this practice key
// param within: str? = null — only regions that are this code or lie under it
MATCH (r:Region)
WHERE (r)-[:ADOPTED]->(:Practice)
  AND ($within IS NULL OR r.code = $within OR (r)-[:PART_OF*1..]->(:Region {code: $within}))
OPTIONAL MATCH (r)-[:PART_OF]->(parent:Region)
OPTIONAL MATCH (r)-[:PART_OF*0..]->(province:Region {level: 'province'})
WITH r, parent, province
MATCH (r)-[a:ADOPTED]->(p:Practice)
WHERE $practice IS NULL OR p.key = $practice
RETURN r.code AS region_code, r.name AS region_name, r.level AS level,
       parent.code AS parent_code, parent.name AS parent_name,
       province.code AS province_code, province.name AS province_name,
       p.key AS practice_key, p.name AS practice_name, p.category AS category,
       a.year AS year, a.report_id AS report_id, a.evidence AS evidence, a.offset AS offset
ORDER BY region_code, practice_key, report_id, offset
