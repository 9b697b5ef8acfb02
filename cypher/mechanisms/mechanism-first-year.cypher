// name: mechanism-first-year
// title: 各辖区首次报告某机制的年份 | First year each jurisdiction reports each mechanism
// description: The earliest report year in which each jurisdiction reports each mechanism, with the status from its latest report.
// param: mechanism: mechanism = null  -- only this mechanism (canonical name or alias)
// example: mechanism=一村一法律顾问
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
RETURN m.name AS mechanism,
       reduce(first = null, y IN r.years | CASE WHEN first IS NULL OR y < first THEN y ELSE first END) AS first_year,
       j.name AS jurisdiction,
       j.level AS level,
       r.status AS status
ORDER BY mechanism, first_year, jurisdiction, j.key
LIMIT $limit
