// name: mechanism-cooccurrence
// title: 机制共现 | Mechanism co-occurrence
// description: Pairs of mechanisms reported by the same jurisdiction, with the number of jurisdictions reporting both.
// param: min_count: int = 1  -- smallest number of jurisdictions sharing the pair
// backends: falkordb, neo4j
MATCH (a:Mechanism)<-[:HAS_MECHANISM]-(j:Jurisdiction)-[:HAS_MECHANISM]->(b:Mechanism)
WHERE a.name < b.name
WITH a, b, j
ORDER BY j.name
WITH a, b, count(DISTINCT j) AS jurisdictions, collect(DISTINCT j.name) AS shared_by
WHERE jurisdictions >= $min_count
RETURN a.name AS mechanism_a, b.name AS mechanism_b, jurisdictions, shared_by
ORDER BY jurisdictions DESC, mechanism_a, mechanism_b
