// name: report_measurements
// description: Measurements stated by one report, with region, practice and evidence sentence.
// param id: str — report id
MATCH (rep:Report {id: $id})-[:STATES]->(m:Measurement)
OPTIONAL MATCH (m)-[:OF_REGION]->(r:Region)
OPTIONAL MATCH (m)-[:FOR_PRACTICE]->(p:Practice)
OPTIONAL MATCH (m)-[:IN]->(s:Sentence)
RETURN m.key AS key, m.indicator AS indicator, m.value AS value, m.unit AS unit, m.raw AS raw,
       m.year AS year, m.approximate AS approximate, r.code AS region_code, p.key AS practice_key,
       rep.id AS report_id, s.text AS evidence, m.offset AS offset
ORDER BY key
