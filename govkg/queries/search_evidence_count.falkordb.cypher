// name: search_evidence_count
// description: How many evidence sentences of complete reports contain the text, up to $cap (as search_evidence finds them, before its limit), so a search can page without reading every sentence.
// param q: str — text to look for in evidence sentences (simplified characters, lower case)
// param cap: int = 500 — stop counting here (a search lists at most this many sentences)
// param sentence_ids: list[str]? = null — the candidates a store's own evidence index found (the embedded store supplies them itself, most facts first); null: the full-text index finds them
// The candidates come from the evidence index kept beside the graph (see search_evidence).
UNWIND $sentence_ids AS sid
MATCH (node:Sentence {id: sid})
WHERE toLower(coalesce(node.folded, node.text)) CONTAINS $q
// each candidate is looked up by id first, its report after (not every report's sentences)
WITH node
MATCH (rep:Report)-[:HAS]->(node)
WHERE rep.complete = true
WITH node
LIMIT $cap
RETURN count(node) AS count
