// name: reports
// description: Loaded (complete) reports with their subject region, ordered by id and paged (their total: reports_count; adoption counts of a page: report_adoption_counts).
// param q: str? = null — substring of the title or source
// param year: int? = null — only reports of this year
// param limit: int = 100 — page size
// param offset: int = 0 — rows to skip (paging)
// Steps: (1) the complete reports that pass the filters, ordered by id and cut to the page;
// (2) the subject region of the page's reports only.
MATCH (rep:Report)
WHERE rep.complete = true
  AND ($q IS NULL OR coalesce(rep.title, '') CONTAINS $q OR coalesce(rep.source, '') CONTAINS $q)
  AND ($year IS NULL OR rep.year = $year)
WITH rep
ORDER BY rep.id
SKIP $offset
LIMIT $limit
OPTIONAL MATCH (rep)-[:ABOUT]->(s:Region)
RETURN rep.id AS id, rep.title AS title, rep.source AS source, rep.published AS published,
       rep.year AS year, rep.chars AS chars, s.code AS subject_code, s.name AS subject_name,
       s.level AS subject_level
ORDER BY id
