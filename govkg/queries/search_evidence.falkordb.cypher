// name: search_evidence
// description: Evidence sentences containing the text (each sentence once, with all the facts it states and its report's id, title, date and source), found through a full-text index of the sentences' bigrams, most facts first (on Neo4j among its index's 2,000 best-scored sentences that contain it; the embedded store keeps its index beside the graph and ranks every sentence that contains it). Pass the text folded to simplified characters (the API does); at least two characters.
// param q: str — text to look for in evidence sentences (simplified characters, lower case)
// param limit: int = 500 — most sentences returned
// param sentence_ids: list[str]? = null — the candidates a store's own evidence index found (the embedded store supplies them itself, most facts first); null: the full-text index finds them
// The candidates come from the evidence index kept beside the graph (govkg.graph.evidence_index):
// every indexed sentence containing the text, most facts first, cut at $limit. FalkorDB's own
// full-text index would hold the sentences' bigrams in memory and rebuild them at every start.
UNWIND $sentence_ids AS sid
MATCH (node:Sentence {id: sid})
WHERE toLower(coalesce(node.folded, node.text)) CONTAINS $q
WITH node
ORDER BY coalesce(node.facts, 0) DESC, node.report_id, node.offset
MATCH (rep:Report)-[:HAS]->(node)
WHERE rep.complete = true
WITH node, rep
LIMIT $limit
OPTIONAL MATCH (node)<-[:IN]-(f:Fact)
OPTIONAL MATCH (f)-[:OF]->(p:Practice)
OPTIONAL MATCH (f)-[:BY]->(by)
WITH node, rep, f, p, by
ORDER BY coalesce(f.year, 9999), f.report_id, f.offset, f.id
WITH node, rep, [x IN collect({kind: f.kind, practice_key: p.key, practice_name: p.name,
                               region_code: by.code, agency_key: by.key, by_name: by.name,
                               year: f.year, confidence: f.confidence, method: f.method})
                 WHERE x.kind IS NOT NULL] AS facts
RETURN node.id AS id, node.text AS evidence, node.offset AS offset, node.report_id AS report_id,
       rep.title AS report_title, rep.published AS report_date, rep.source AS report_source,
       facts, size(facts) AS fact_count
ORDER BY fact_count DESC, report_id, offset
LIMIT $limit
