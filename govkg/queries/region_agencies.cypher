// name: region_agencies
// description: Agencies of one region, each with the practices it implements and the reports (id, title, date, source) and sentences that say so.
// param code: str — region code
MATCH (g:Agency)-[:OF_REGION]->(r:Region {code: $code})
OPTIONAL MATCH (g)<-[:BY]-(f:Fact)-[:OF]->(p:Practice), (f)-[:IN]->(s:Sentence)<-[:HAS]-(rep:Report)
WHERE f.kind = 'implementation' AND rep.complete = true
WITH g, r, f, p, s, rep
ORDER BY p.key, f.report_id, s.offset
WITH g, r, collect({practice_key: p.key, practice_name: p.name, report_id: f.report_id,
                    year: f.year, evidence: s.text, offset: s.offset, report_title: rep.title,
                    report_date: rep.published, report_source: rep.source}) AS facts
RETURN g.key AS key, g.name AS name, g.kind AS kind, r.code AS region_code,
       [x IN facts WHERE x.practice_key IS NOT NULL AND x.report_id IS NOT NULL] AS implements
ORDER BY key
