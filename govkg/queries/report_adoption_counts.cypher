// name: report_adoption_counts
// description: The number of adoption facts each of the given reports supports (reports with none are absent), read through the index on the facts' report id.
// param ids: list[str] = [] — report ids (one page of the reports query)
UNWIND $ids AS id
MATCH (f:Fact {report_id: id})
WHERE f.kind = 'adoption'
RETURN id, count(f) AS adoptions
