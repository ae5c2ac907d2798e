// name: report_detail
// description: One report's metadata, its subject region and the number of adoption facts it supports.
// param id: str — report id
MATCH (rep:Report {id: $id})
OPTIONAL MATCH (rep)-[:ABOUT]->(s:Region)
WITH rep, s
OPTIONAL MATCH (:Region)-[a:ADOPTED {report_id: rep.id}]->(:Practice)
RETURN rep.id AS id, rep.title AS title, rep.source AS source, rep.published AS published,
       rep.year AS year, rep.chars AS chars, rep.text AS text, s.code AS subject_code,
       s.name AS subject_name, s.level AS subject_level, count(a) AS adoptions
