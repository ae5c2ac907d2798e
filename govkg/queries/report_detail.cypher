// name: report_detail
// description: One report's metadata, its subject region and the number of adoption facts it supports (complete reports only).
// param id: str — report id
MATCH (rep:Report {id: $id})
WHERE rep.complete = true
OPTIONAL MATCH (rep)-[:ABOUT]->(s:Region)
WITH rep, s
OPTIONAL MATCH (rep)-[:HAS]->(:Sentence)<-[:IN]-(f:Fact)
WHERE f.kind = 'adoption'
RETURN rep.id AS id, rep.title AS title, rep.source AS source, rep.published AS published,
       rep.year AS year, rep.chars AS chars, rep.text AS text, s.code AS subject_code,
       s.name AS subject_name, s.level AS subject_level, count(f) AS adoptions
