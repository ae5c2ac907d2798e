// name: practice_timeline
// description: Each region that adopted a practice, with its earliest adoption (year, report id, title, date, source, evidence sentence and offset; dated facts first) — the diffusion curve's raw points, read from the ADOPTED aggregates.
// param key: str — practice key
// Step by step, each carried by WITH: the practice, its ADOPTED edges, each one's earliest fact by
// its indexed rank, its sentence, its report by id (one combined pattern was planned 4.5× slower).
MATCH (p:Practice {key: $key})
WITH p
MATCH (r:Region)-[a:ADOPTED]->(p)
WITH r, a.sample[0] AS first
MATCH (f:Fact {rank: first})
WITH r, f
MATCH (f)-[:IN]->(s:Sentence)
WITH r, f, s
MATCH (rep:Report {id: f.report_id})
RETURN r.code AS code, r.name AS name, r.level AS level,
       {year: f.year, report_id: f.report_id, evidence: s.text, offset: s.offset,
        confidence: f.confidence, method: f.method, report_title: rep.title,
        report_date: rep.published, report_source: rep.source} AS first
ORDER BY code
