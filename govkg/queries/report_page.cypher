// name: report_page
// description: Ids of complete reports after a given id, in id order, a page at a time: the key streaming exports page on (keyset paging, so no page re-sorts what earlier pages returned).
// param after: str = "" — only reports whose id sorts after this one (the last id of the previous page)
// param limit: int = 200 — page size
MATCH (rep:Report)
WHERE rep.id > $after AND rep.complete = true
RETURN rep.id AS id
ORDER BY id
LIMIT $limit
