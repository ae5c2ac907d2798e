// name: practice_by_key
// description: The practice with exactly this key (an index lookup; tried before the name and alias scan).
// param key: str — practice key
MATCH (p:Practice {key: $key})
RETURN p.key AS key, p.name AS name, p.category AS category
