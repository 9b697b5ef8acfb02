// name: jurisdictions-with-mechanism
// title: 实行某机制的辖区 | Jurisdictions that run a mechanism
// description: The jurisdictions that report a mechanism. The parameter accepts any alias from the lexicon (三项制度 is read as 行政执法三项制度).
// param: mechanism: mechanism  -- the mechanism, canonical name or alias
// example: mechanism=三项制度
// param: limit: int = 200  -- at most this many rows, the first in the order of the table (raise it for the whole table)
// backends: falkordb, neo4j
MATCH (j:Jurisdiction)-[r:HAS_MECHANISM]->(m:Mechanism {name: $mechanism})
RETURN m.name AS mechanism,
       j.name AS jurisdiction,
       j.level AS level,
       r.status AS status,
       reduce(first = null, y IN r.years | CASE WHEN first IS NULL OR y < first THEN y ELSE first END) AS first_year,
       size(r.docs) AS documents
ORDER BY jurisdiction, j.key
LIMIT $limit
