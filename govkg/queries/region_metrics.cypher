// name: region_metrics
// description: Measurements reported for one region, with the practice they concern and the report and sentence stating them.
// param code: str — region code
MATCH (m:Measurement)-[:OF_REGION]->(r:Region {code: $code})
OPTIONAL MATCH (m)-[:FOR_PRACTICE]->(p:Practice)
OPTIONAL MATCH (rep:Report)-[:STATES]->(m)
RETURN m.key AS key, m.indicator AS indicator, m.value AS value, m.unit AS unit, m.raw AS raw,
       m.year AS year, m.approximate AS approximate, r.code AS region_code, p.key AS practice_key,
       coalesce(rep.id, m.report_id) AS report_id, m.evidence AS evidence, m.offset AS offset
ORDER BY key
