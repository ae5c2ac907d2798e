// name: fact_evidence
// description: The provenance of the given facts (their sentence, offset, report id, title, date and source, year, region, agency, confidence and method), one flat row per fact found; the API reads a page's evidence with it after the page itself, so the page query carries only each row's sample ranks.
// param facts: list[str] = [] — fact ids (cut from sample ranks, see writer.rank_fact_id)
// Flat columns, not a map per fact: the server builds and the client parses them faster (for 300
// facts at 20k reports, 4.3 ms here against ~8 ms for the same facts read inside the page query).
UNWIND $facts AS id
MATCH (f:Fact {id: id})-[:IN]->(s:Sentence)<-[:HAS]-(rep:Report)
RETURN f.id AS id, f.report_id AS report_id, s.text AS evidence, s.offset AS offset, f.year AS year,
       f.region_code AS region_code, f.agency_key AS agency_key, f.confidence AS confidence,
       f.method AS method, rep.title AS report_title, rep.published AS report_date,
       rep.source AS report_source
