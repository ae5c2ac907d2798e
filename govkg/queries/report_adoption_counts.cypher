// name: report_adoption_counts
// description: The number of adoption facts each report supports (reports with none are absent); one pass over the adoption Facts, joined to the report list by the caller.
MATCH (f:Fact)
WHERE f.kind = 'adoption'
RETURN f.report_id AS id, count(f) AS adoptions
