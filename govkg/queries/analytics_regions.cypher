// name: analytics_regions
// description: Regions that adopted any practice, with level, parent and province, for analytics.
// param within: str? = null — only regions that are this code or lie under it
MATCH (r:Region)
WHERE (r)-[:ADOPTED]->(:Practice)
  AND ($within IS NULL OR r.code = $within OR (r)-[:PART_OF*1..]->(:Region {code: $within}))
OPTIONAL MATCH (r)-[:PART_OF]->(parent:Region)
OPTIONAL MATCH (r)-[:PART_OF*0..]->(province:Region {level: 'province'})
RETURN r.code AS code, r.name AS name, r.level AS level,
       parent.code AS parent_code, parent.name AS parent_name,
       province.code AS province_code, province.name AS province_name
ORDER BY code
