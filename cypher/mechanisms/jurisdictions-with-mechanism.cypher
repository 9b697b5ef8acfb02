// name: jurisdictions-with-mechanism
// title: 实行某机制的辖区 | Jurisdictions that run a mechanism
// description: The jurisdictions that report a mechanism (and, with `also`, a second one too: the jurisdictions behind a row of mechanism-cooccurrence). Both parameters accept any alias from the lexicon (三项制度 is read as 行政执法三项制度).
// param: mechanism: mechanism  -- the mechanism, canonical name or alias
// example: mechanism=三项制度
// param: also: mechanism = null  -- only jurisdictions that also report this mechanism
// param: limit: int[1..1000000] = 200  -- at most this many rows, the first in the order of the table (raise it for the whole table)
// backends: falkordb, neo4j
MATCH (j:Jurisdiction)-[r:HAS_MECHANISM]->(m:Mechanism {name: $mechanism})
// Without `also`, the mechanism itself stands in for it: every row qualifies.
MATCH (also:Mechanism {name: coalesce($also, $mechanism)})
WITH j, r, m, also
MATCH (j)-[:HAS_MECHANISM]->(also)
// The rows are cut before their years are reduced: a widespread mechanism has thousands.
WITH j, r, m
ORDER BY j.name, j.key
LIMIT $limit
RETURN m.name AS mechanism,
       j.name AS jurisdiction,
       j.level AS level,
       r.status AS status,
       reduce(first = null, y IN r.years | CASE WHEN first IS NULL OR y < first THEN y ELSE first END) AS first_year,
       size(r.docs) AS documents
ORDER BY jurisdiction, j.key
