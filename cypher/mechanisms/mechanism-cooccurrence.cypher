// name: mechanism-cooccurrence
// title: 机制共现 | Mechanism co-occurrence
// description: Pairs of mechanisms reported by the same jurisdiction (or only the pairs including the given mechanism), with the number of jurisdictions reporting both.
// param: mechanism: mechanism = null  -- only pairs including this mechanism (canonical name or alias)
// example: mechanism=江滨枫桥
// param: min_count: int = 1  -- smallest number of jurisdictions sharing the pair
// param: limit: int = 200  -- at most this many rows, the first in the order of the table (raise it for the whole table)
// backends: falkordb, neo4j
MATCH (m:Mechanism)
WHERE $mechanism IS NULL OR m.name = $mechanism
MATCH (m)<-[:HAS_MECHANISM]-(j:Jurisdiction)-[:HAS_MECHANISM]->(other:Mechanism)
// Without a mechanism each pair is met once, from its first name (with one, from that mechanism).
WHERE m.name < other.name OR ($mechanism IS NOT NULL AND other.name < m.name)
// One HAS_MECHANISM per jurisdiction and mechanism (the loader merges facts): count(j) counts jurisdictions.
WITH m, other, count(j) AS jurisdictions
WHERE jurisdictions >= $min_count
WITH m, other, jurisdictions,
     CASE WHEN m.name < other.name THEN m.name ELSE other.name END AS mechanism_a,
     CASE WHEN m.name < other.name THEN other.name ELSE m.name END AS mechanism_b
ORDER BY jurisdictions DESC, mechanism_a, mechanism_b
LIMIT $limit
MATCH (other)<-[:HAS_MECHANISM]-(j:Jurisdiction)-[:HAS_MECHANISM]->(m)
WITH mechanism_a, mechanism_b, jurisdictions, j.name AS sharer
ORDER BY sharer
WITH mechanism_a, mechanism_b, jurisdictions, collect(DISTINCT sharer) AS shared_by
RETURN mechanism_a, mechanism_b, jurisdictions, shared_by
ORDER BY jurisdictions DESC, mechanism_a, mechanism_b
