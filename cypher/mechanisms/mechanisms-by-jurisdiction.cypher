// name: mechanisms-by-jurisdiction
// title: 各辖区的机制 | Mechanisms by jurisdiction
// description: Every mechanism each jurisdiction reports, with its category, its status in the latest report, the first year reported and how many documents support it.
// param: jurisdiction: string = null  -- only this jurisdiction (name as written, e.g. 永乐镇)
// example: jurisdiction=青石镇
// param: limit: int[1..1000000] = 200  -- at most this many rows, the first in the order of the table (raise it for the whole table)
// backends: falkordb, neo4j
MATCH (j:Jurisdiction)
WHERE $jurisdiction IS NULL OR j.name = $jurisdiction
WITH j
ORDER BY j.name, j.key
// Sorted first, jurisdictions meet their facts lazily and the limit stops the walk.
// collect() keeps FalkorDB from handing the LIMIT below down to the sort (which would keep
// only the first jurisdictions by name, whether or not they report a mechanism).
WITH collect(j) AS by_name
UNWIND by_name AS j
MATCH (j)-[:HAS_MECHANISM]->(:Mechanism)
WITH DISTINCT j
LIMIT $limit
MATCH (j)-[r:HAS_MECHANISM]->(m:Mechanism)
RETURN j.name AS jurisdiction,
       j.level AS level,
       m.name AS mechanism,
       m.category AS category,
       r.status AS status,
       reduce(first = null, y IN r.years | CASE WHEN first IS NULL OR y < first THEN y ELSE first END) AS first_year,
       size(r.docs) AS documents
ORDER BY jurisdiction, j.key, mechanism
LIMIT $limit
