// name: mechanism-cooccurrence
// title: 机制共现 | Mechanism co-occurrence
// description: Pairs of mechanisms reported by the same jurisdiction, with the number of jurisdictions reporting both.
// param: min_count: int = 1  -- smallest number of jurisdictions sharing the pair
// param: limit: int = 200  -- at most this many rows, the first in the order of the table (raise it for the whole table)
// backends: falkordb, neo4j
MATCH (a:Mechanism)<-[:HAS_MECHANISM]-(j:Jurisdiction)-[:HAS_MECHANISM]->(b:Mechanism)
WHERE a.name < b.name
// One HAS_MECHANISM per jurisdiction and mechanism (the loader merges facts): count(j) counts jurisdictions.
WITH a, b, count(j) AS jurisdictions
WHERE jurisdictions >= $min_count
WITH a, b, jurisdictions
ORDER BY jurisdictions DESC, a.name, b.name
LIMIT $limit
MATCH (a)<-[:HAS_MECHANISM]-(j:Jurisdiction)-[:HAS_MECHANISM]->(b)
WITH a, b, jurisdictions, j.name AS sharer
ORDER BY sharer
WITH a, b, jurisdictions, collect(DISTINCT sharer) AS shared_by
RETURN a.name AS mechanism_a, b.name AS mechanism_b, jurisdictions, shared_by
ORDER BY jurisdictions DESC, mechanism_a, mechanism_b
