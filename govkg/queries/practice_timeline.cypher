// name: practice_timeline
// description: Each region that adopted a practice, with its earliest adoption (year, report id, title, date, source, evidence sentence and offset; dated facts first) — the diffusion curve's raw points, read from the ADOPTED aggregates.
// param key: str — practice key
// Step by step, each carried by WITH: the practice, its ADOPTED edges, each one's earliest fact by
// its indexed rank, then its sentence and report (one pattern from the region to the fact was
// planned 4.5× slower). The fact's fields are columns, not a map: decoding 2,705 maps of nine
// fields cost the client ~25 ms more at 20k reports.
MATCH (p:Practice {key: $key})
WITH p
MATCH (r:Region)-[a:ADOPTED]->(p)
WITH r, a.sample[0] AS first
MATCH (f:Fact {rank: first})
WITH r, f
MATCH (f)-[:IN]->(s:Sentence)<-[:HAS]-(rep:Report)
RETURN r.code AS code, r.name AS name, r.level AS level, f.year AS year, f.report_id AS report_id,
       s.text AS evidence, s.offset AS offset, f.confidence AS confidence, f.method AS method,
       rep.title AS report_title, rep.published AS report_date, rep.source AS report_source
ORDER BY code
