// name: reports
// description: Loaded reports with their subject region and the number of adoption facts each supports.
// param q: str? = null — substring of the title or source
// param year: int? = null — only reports of this year
MATCH (rep:Report)
WHERE ($q IS NULL OR coalesce(rep.title, '') CONTAINS $q OR coalesce(rep.source, '') CONTAINS $q)
  AND ($year IS NULL OR rep.year = $year)
OPTIONAL MATCH (rep)-[:ABOUT]->(s:Region)
WITH rep, s
OPTIONAL MATCH (:Region)-[a:ADOPTED {report_id: rep.id}]->(:Practice)
RETURN rep.id AS id, rep.title AS title, rep.source AS source, rep.published AS published,
       rep.year AS year, rep.chars AS chars, s.code AS subject_code, s.name AS subject_name,
       s.level AS subject_level, count(a) AS adoptions
ORDER BY id
