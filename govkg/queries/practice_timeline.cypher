// name: practice_timeline
// description: Each region that adopted a practice, with its earliest adoption (year, report id, title, date, source, evidence sentence and offset; dated facts first) — the diffusion curve's raw points, read from the ADOPTED aggregates.
// param key: str — practice key
MATCH (r:Region)-[a:ADOPTED]->(p:Practice {key: $key})
MATCH (f:Fact {rank: a.sample[0]})-[:IN]->(s:Sentence)<-[:HAS]-(rep:Report)
RETURN r.code AS code, r.name AS name, r.level AS level,
       {year: f.year, report_id: f.report_id, evidence: s.text, offset: s.offset,
        confidence: f.confidence, method: f.method, report_title: rep.title,
        report_date: rep.published, report_source: rep.source} AS first
ORDER BY code
