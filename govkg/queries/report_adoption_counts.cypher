// name: report_adoption_counts
// description: The number of adoption facts each report supports (reports with none are absent); one pass over the edges, joined to the report list by the caller.
MATCH (:Region)-[a:ADOPTED]->(:Practice)
RETURN a.report_id AS id, count(a) AS adoptions
