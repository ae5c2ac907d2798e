// name: region_agencies
// description: Agencies of one region, each with the practices it implements and the reports and sentences that say so.
// param code: str — region code
MATCH (g:Agency)-[:OF_REGION]->(r:Region {code: $code})
OPTIONAL MATCH (g)-[i:IMPLEMENTS]->(p:Practice)
WITH g, r, i, p
ORDER BY p.key, i.report_id, i.offset
WITH g, r, collect({practice_key: p.key, practice_name: p.name, report_id: i.report_id,
                    year: i.year, evidence: i.evidence}) AS facts
RETURN g.key AS key, g.name AS name, g.kind AS kind, r.code AS region_code,
       [f IN facts WHERE f.practice_key IS NOT NULL AND f.report_id IS NOT NULL] AS implements
ORDER BY key
