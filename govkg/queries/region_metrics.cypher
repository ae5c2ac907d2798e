// name: region_metrics
// description: Measurements reported for one region, with the practice they concern and the report (id, title, date, source) and sentence stating them.
// param code: str — region code
// Anchored on the region, each step carried by WITH: FalkorDB otherwise plans a scan of every
// Measurement or Report (0.17 s at 20k reports, 1.4 ms anchored).
MATCH (r:Region {code: $code})
WITH r
MATCH (m:Measurement)-[:OF_REGION]->(r)
WITH r, m
MATCH (rep:Report)-[:STATES]->(m)
WHERE rep.complete = true
OPTIONAL MATCH (m)-[:FOR_PRACTICE]->(p:Practice)
OPTIONAL MATCH (m)-[:IN]->(s:Sentence)
RETURN m.key AS key, m.indicator AS indicator, m.value AS value, m.unit AS unit, m.raw AS raw,
       m.year AS year, m.approximate AS approximate, r.code AS region_code, p.key AS practice_key,
       rep.id AS report_id, s.text AS evidence, m.offset AS offset, rep.title AS report_title,
       rep.published AS report_date, rep.source AS report_source
ORDER BY key
