// name: practice_timeline
// description: Each region that adopted a practice, with its earliest adoption (year, report, evidence) — the diffusion curve's raw points.
// param key: str — practice key
MATCH (r:Region)-[a:ADOPTED]->(p:Practice {key: $key})
WITH r, a
ORDER BY a.year, a.report_id, a.offset
WITH r, collect({year: a.year, report_id: a.report_id, evidence: a.evidence}) AS facts
WITH r, [f IN facts WHERE f.year IS NOT NULL] AS dated, facts
RETURN r.code AS code, r.name AS name, r.level AS level,
       CASE WHEN size(dated) > 0 THEN dated[0] ELSE facts[0] END AS first
ORDER BY code
