// name: mechanism-adoption
// title: 机制扩散：按年份和层级 | Mechanism adoption by year and level
// description: For each mechanism, year and jurisdiction level, how many jurisdictions report it (diffusion). Years come from the reports that support each HAS_MECHANISM fact.
// param: mechanism: mechanism = null  -- only this mechanism (canonical name or alias)
// example: mechanism=三项制度
// param: limit: int[1..1000000] = 200  -- at most this many rows, the first in the order of the table (raise it for the whole table)
// backends: falkordb, neo4j
MATCH (m:Mechanism)
WHERE $mechanism IS NULL OR m.name = $mechanism
WITH m
ORDER BY m.name
// Mechanisms are few: sorted first, they meet their facts lazily and the limit stops the walk.
// collect() keeps FalkorDB from handing the LIMIT below down to the sort (which would keep
// only the first mechanisms by name, whether or not a jurisdiction reports them).
WITH collect(m) AS by_name
UNWIND by_name AS m
MATCH (:Jurisdiction)-[:HAS_MECHANISM]->(m)
WITH DISTINCT m
LIMIT $limit
MATCH (j:Jurisdiction)-[r:HAS_MECHANISM]->(m)
UNWIND r.years AS year
WITH m, year, j.level AS level, count(DISTINCT j) AS jurisdictions
RETURN m.name AS mechanism, year, level, jurisdictions
ORDER BY mechanism, year, level
LIMIT $limit
