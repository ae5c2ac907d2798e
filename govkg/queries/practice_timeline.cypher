// name: practice_timeline
// description: The regions entering a practice's diffusion curve, year by year: for each year, the first $limit regions (by code) whose earliest dated adoption falls in it, each with that adoption's year, report id, title, date, source, evidence sentence and offset — read from the ADOPTED aggregates. Regions with no dated adoption are not listed (practice_timeline_counts counts them).
// param key: str — practice key
// param limit: int = 20 — regions listed per year (the year's count is practice_timeline_counts')
// Step by step, each carried by WITH: the practice's ADOPTED edges grouped by their first year and
// cut to $limit per year, then only those regions' earliest facts by the id each rank ends with, their
// sentences and reports. A year's earliest fact is the edge's first sample (ranks order dated facts
// by year first). The fact's fields are columns, not a map: decoding thousands of nine-field maps
// cost the client ~25 ms more at 20k reports. Only the sort keys travel through the sort, the
// listed regions' other fields are read after the cut (FalkorDB's time at 20k: ~11 → ~8 ms).
MATCH (p:Practice {key: $key})<-[a:ADOPTED]-(r:Region)
WHERE a.first_year IS NOT NULL
WITH a, r, a.first_year AS year, r.code AS code
ORDER BY year, code
WITH year, collect([a, r])[0..$limit] AS picks
UNWIND picks AS ar
WITH year, ar[0] AS a, ar[1] AS r
WITH year, [r.code, r.name, r.level, a.sample[0]] AS pick
MATCH (f:Fact {id: right(pick[3], size(pick[3]) - size(split(pick[3], '|')[1]) - 16)})
WITH year, pick, f
MATCH (f)-[:IN]->(s:Sentence)<-[:HAS]-(rep:Report)
RETURN pick[0] AS code, pick[1] AS name, pick[2] AS level, year, f.report_id AS report_id,
       s.text AS evidence, s.offset AS offset, f.confidence AS confidence, f.method AS method,
       rep.title AS report_title, rep.published AS report_date, rep.source AS report_source
ORDER BY year, code
