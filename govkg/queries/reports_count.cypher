// name: reports_count
// description: How many loaded (complete) reports pass the filters of the reports query.
// param q: str? = null — substring of the title or source
// param year: int? = null — only reports of this year
MATCH (rep:Report)
WHERE rep.complete = true
  AND ($q IS NULL OR coalesce(rep.title, '') CONTAINS $q OR coalesce(rep.source, '') CONTAINS $q)
  AND ($year IS NULL OR rep.year = $year)
RETURN count(rep) AS count
