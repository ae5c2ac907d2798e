// name: stats
// description: Number of nodes per label and of relationships per type (only those present), one row each (kind is node or relationship), from the counters FalkorDB keeps (db.meta.stats), not a scan.
CALL db.meta.stats() YIELD labels
UNWIND keys(labels) AS label
WITH label, labels[label] AS count
WHERE count > 0
RETURN 'node' AS kind, label, count
ORDER BY label
UNION ALL
CALL db.meta.stats() YIELD relTypes
UNWIND keys(relTypes) AS label
WITH label, relTypes[label] AS count
WHERE count > 0
RETURN 'relationship' AS kind, label, count
ORDER BY label
