// name: region_by_code
// description: The region with exactly this code (an index lookup; tried before the name and alias scan).
// param code: str — region code
MATCH (r:Region {code: $code})
RETURN r.code AS code, r.name AS name, r.level AS level
