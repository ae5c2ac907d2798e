// name: analytics_practices
// description: Practices that some region adopted, with name and category, for analytics.
MATCH (p:Practice)
WHERE (:Region)-[:ADOPTED]->(p)
RETURN p.key AS key, p.name AS name, p.category AS category
ORDER BY key
