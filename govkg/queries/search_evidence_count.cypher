// name: search_evidence_count
// description: How many evidence sentences of complete reports contain the text, up to $cap (as search_evidence finds them, before its limit), so a search can page without reading every sentence.
// param q: str — text to look for in evidence sentences (simplified characters, lower case)
// param cap: int = 500 — stop counting here (a search lists at most this many sentences)
// param sentence_ids: list[str]? = null — the candidates a store's own evidence index found (the embedded store supplies them itself, most facts first); null: the full-text index finds them
WITH [i IN range(0, size($q) - 2) | substring($q, i, 2)] AS grams
CALL db.index.fulltext.queryNodes('govkg_sentences',
     reduce(t = '', g IN grams | t + CASE t WHEN '' THEN '' ELSE ' AND ' END + g), {limit: 5000})
YIELD node, score
WITH node
WHERE coalesce(node.folded, node.text) CONTAINS $q
  AND ($sentence_ids IS NULL OR node.id IN $sentence_ids)
MATCH (rep:Report)-[:HAS]->(node)
WHERE rep.complete = true
WITH node
LIMIT $cap
RETURN count(node) AS count
