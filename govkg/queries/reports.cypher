// name: reports
// description: Loaded (complete) reports with their subject region (adoption counts: report_adoption_counts; one scan per report here timed out at 2,000 reports).
// param q: str? = null — substring of the title or source
// param year: int? = null — only reports of this year
MATCH (rep:Report)
WHERE rep.complete = true
  AND ($q IS NULL OR coalesce(rep.title, '') CONTAINS $q OR coalesce(rep.source, '') CONTAINS $q)
  AND ($year IS NULL OR rep.year = $year)
OPTIONAL MATCH (rep)-[:ABOUT]->(s:Region)
RETURN rep.id AS id, rep.title AS title, rep.source AS source, rep.published AS published,
       rep.year AS year, rep.chars AS chars, s.code AS subject_code, s.name AS subject_name,
       s.level AS subject_level
ORDER BY id
