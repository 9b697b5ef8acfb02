// name: mechanism-cooccurrence
// title: 机制共现 | Mechanism co-occurrence
// description: Pairs of mechanisms reported by the same jurisdiction (or only the pairs including the given mechanism), with the number of jurisdictions reporting both. The counts are the loader's tallies; jurisdictions-with-mechanism with `also` lists the jurisdictions of a pair.
// param: mechanism: mechanism = null  -- only pairs including this mechanism (canonical name or alias)
// example: mechanism=一村一法律顾问
// param: min_count: int[1..1000000] = 1  -- smallest number of jurisdictions sharing the pair
// param: limit: int[1..1000000] = 200  -- at most this many rows, the first in the order of the table (raise it for the whole table)
// backends: falkordb, neo4j
UNWIND CASE WHEN $mechanism IS NULL THEN [true] ELSE [] END AS every_pair
// Two branches, each run only when its case holds. A pair's tally goes from its smaller name.
MATCH (a:Mechanism)-[pair:CO_OCCURS]->(b:Mechanism)
WHERE pair.jurisdictions >= $min_count
RETURN a.name AS mechanism_a,
       b.name AS mechanism_b,
       pair.jurisdictions AS jurisdictions
ORDER BY jurisdictions DESC, mechanism_a, mechanism_b
LIMIT $limit
UNION ALL
UNWIND CASE WHEN $mechanism IS NULL THEN [] ELSE [$mechanism] END AS mechanism
MATCH (m:Mechanism {name: mechanism})-[pair:CO_OCCURS]-(other:Mechanism)
WHERE pair.jurisdictions >= $min_count
RETURN CASE WHEN m.name < other.name THEN m.name ELSE other.name END AS mechanism_a,
       CASE WHEN m.name < other.name THEN other.name ELSE m.name END AS mechanism_b,
       pair.jurisdictions AS jurisdictions
ORDER BY jurisdictions DESC, mechanism_a, mechanism_b
LIMIT $limit
