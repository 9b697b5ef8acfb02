// name: jurisdiction-rollup
// title: 沿行政层级汇总 | Roll-up along the jurisdiction hierarchy
// description: For each jurisdiction (or the one given): how many jurisdictions lie below it (PART_OF, any depth), the mechanisms it reports itself, and the distinct mechanisms reported by it and everything below it (county → towns → villages).
// param: jurisdiction: string = null  -- only this jurisdiction (name)
// param: limit: int[1..1000000] = 200  -- at most this many jurisdictions, the first by name (raise it for the whole table)
// backends: falkordb, neo4j
MATCH (top:Jurisdiction)
WHERE $jurisdiction IS NULL OR top.name = $jurisdiction
WITH top
ORDER BY top.name, top.key
LIMIT $limit
OPTIONAL MATCH (top)-[:HAS_MECHANISM]->(own:Mechanism)
WITH top, count(DISTINCT own) AS own_mechanisms
MATCH (sub:Jurisdiction)-[:PART_OF*0..]->(top)
OPTIONAL MATCH (sub)-[:HAS_MECHANISM]->(m:Mechanism)
WITH top, own_mechanisms, sub, m
ORDER BY m.name
WITH top, own_mechanisms, count(DISTINCT sub) - 1 AS below, collect(DISTINCT m.name) AS mechanisms
RETURN top.name AS jurisdiction,
       top.level AS level,
       below,
       own_mechanisms,
       size(mechanisms) AS rolled_up_mechanisms,
       mechanisms
ORDER BY jurisdiction, top.key
