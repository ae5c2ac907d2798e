// name: adopters_count
// description: The number of regions the adopters query lists with the same filters (for paging); one row per branch, to be summed.
// param key: str — practice key
// param rollup: bool = false — also credit each ancestor region with its descendants' adoptions
// param level: str? = null — only regions of this level
// param within: str? = null — only regions that are this region code or lie under it
// param year_from: int? = null — only adoptions reported for this year or later
// param year_to: int? = null — only adoptions reported for this year or earlier
// param min_confidence: float? = null — only facts extracted with at least this confidence
// One branch per aggregate type: matching both types and filtering on type(c) read twice the edges.
// Without a level or region filter, a branch per aggregate type only counts the practice's edges:
// the filtering branches' per-row projection and tests cost ~2.5 of their ~3.5 ms for 2,715 edges
// at 20k reports (FalkorDB), against ~1 ms for the bare count.
UNWIND CASE WHEN $year_from IS NULL AND $year_to IS NULL AND $min_confidence IS NULL AND NOT $rollup AND $level IS NULL AND $within IS NULL THEN [1] ELSE [] END AS _
MATCH (p:Practice {key: $key})<-[c:ADOPTED]-(r:Region)
RETURN count(r) AS count
UNION ALL
UNWIND CASE WHEN $year_from IS NULL AND $year_to IS NULL AND $min_confidence IS NULL AND $rollup AND $level IS NULL AND $within IS NULL THEN [1] ELSE [] END AS _
MATCH (p:Practice {key: $key})<-[c:COVERS]-(r:Region)
RETURN count(r) AS count
UNION ALL
OPTIONAL MATCH (w:Region {code: coalesce($within, "")})<-[:PART_OF*0..]-(d:Region)
WITH collect(d.code) AS under
// A region's code begins with its province's two digits, so the prefix test drops the other
// provinces' regions before the (linear) list lookup.
UNWIND CASE WHEN $year_from IS NULL AND $year_to IS NULL AND $min_confidence IS NULL AND NOT $rollup AND ($level IS NOT NULL OR $within IS NOT NULL) THEN [1] ELSE [] END AS _
MATCH (p:Practice {key: $key})<-[c:ADOPTED]-(r:Region)
WITH r, c, under, r.level AS lvl
WHERE ($level IS NULL OR lvl = $level) AND ($within IS NULL OR (r.code STARTS WITH left($within, 2) AND r.code IN under))
RETURN count(r) AS count
UNION ALL
OPTIONAL MATCH (w:Region {code: coalesce($within, "")})<-[:PART_OF*0..]-(d:Region)
WITH collect(d.code) AS under
UNWIND CASE WHEN $year_from IS NULL AND $year_to IS NULL AND $min_confidence IS NULL AND $rollup AND ($level IS NOT NULL OR $within IS NOT NULL) THEN [1] ELSE [] END AS _
MATCH (p:Practice {key: $key})<-[c:COVERS]-(r:Region)
WITH r, c, under, r.level AS lvl
WHERE ($level IS NULL OR lvl = $level) AND ($within IS NULL OR (r.code STARTS WITH left($within, 2) AND r.code IN under))
RETURN count(r) AS count
UNION ALL
OPTIONAL MATCH (w:Region {code: coalesce($within, "")})<-[:PART_OF*0..]-(d:Region)
WITH collect(d.code) AS under
UNWIND CASE WHEN $year_from IS NULL AND $year_to IS NULL AND $min_confidence IS NULL THEN [] ELSE [1] END AS _
MATCH (f:Fact {practice_key: $key})
WHERE f.kind = 'adoption'
  AND ($year_from IS NULL OR f.year >= $year_from)
  AND ($year_to IS NULL OR f.year <= $year_to)
  AND ($min_confidence IS NULL OR f.confidence >= $min_confidence)
MATCH (f)-[:IN]->(:Sentence)<-[:HAS]-(rep:Report)
WHERE rep.complete = true
MATCH (f)-[:BY]->(src:Region)
MATCH (src)-[:PART_OF*0..]->(r:Region)
WHERE ($rollup OR r.code = src.code)
  AND ($level IS NULL OR r.level = $level)
  AND ($within IS NULL OR (r.code STARTS WITH left($within, 2) AND r.code IN under))
RETURN count(DISTINCT r.code) AS count
