// name: indicators-by-metric
// title: 指标：按名称、辖区和年份 | Indicators by metric, jurisdiction and year
// description: Reported figures with the jurisdiction (or body) they belong to, the year and the sentence they come from.
// param: metric: string = null  -- only metrics containing this text (e.g. 调解)
// param: jurisdiction: string = null  -- only figures reported by this jurisdiction or body (name)
// example: jurisdiction=青石镇; metric=调解成功率
// param: limit: int[1..1000000] = 200  -- at most this many rows, the first in the order of the table (raise it for the whole table)
// backends: falkordb, neo4j
UNWIND CASE WHEN $jurisdiction IS NULL THEN [true] ELSE [] END AS every_owner
// Two branches, each run only when its case holds: the figures of every owner, or those one
// jurisdiction or body reports (name index).
MATCH (i:Indicator)
WHERE $metric IS NULL OR i.metric CONTAINS $metric
WITH i.metric AS metric
ORDER BY metric
LIMIT $limit
WITH collect(DISTINCT metric) AS metrics
// Rows come in metric order, so only the first `limit` metrics can appear (the embedded store
// keeps no index on Indicator: one more scan of the label finds their indicators).
MATCH (i:Indicator)
WHERE i.metric IN metrics
OPTIONAL MATCH (owner)-[:REPORTS]->(i)
WITH owner.name AS jurisdiction, i
ORDER BY i.metric, jurisdiction, i.year, i.value, i.key
LIMIT $limit
OPTIONAL MATCH (i)-[:FROM_CHUNK]->(c:Chunk)
RETURN i.metric AS metric,
       jurisdiction,
       i.year AS year,
       i.value AS value,
       i.unit AS unit,
       i.approx AS approx,
       i.text AS text,
       c.text AS sentence
ORDER BY metric, jurisdiction, year, value, i.key, sentence
LIMIT $limit
UNION ALL
UNWIND CASE WHEN $jurisdiction IS NULL THEN [] ELSE [$jurisdiction] END AS name
// Who reports figures: a jurisdiction, body or center, each through its label's name index.
OPTIONAL MATCH (j:Jurisdiction {name: name})
WITH name, collect(j) AS jurisdictions
OPTIONAL MATCH (b:Body {name: name})
WITH name, jurisdictions, collect(b) AS bodies
OPTIONAL MATCH (c:Center {name: name})
WITH jurisdictions, bodies, collect(c) AS centers
UNWIND jurisdictions + bodies + centers AS owner
WITH DISTINCT owner
MATCH (owner)-[:REPORTS]->(i:Indicator)
WHERE $metric IS NULL OR i.metric CONTAINS $metric
WITH owner.name AS jurisdiction, i
ORDER BY i.metric, jurisdiction, i.year, i.value, i.key
LIMIT $limit
OPTIONAL MATCH (i)-[:FROM_CHUNK]->(c:Chunk)
RETURN i.metric AS metric,
       jurisdiction,
       i.year AS year,
       i.value AS value,
       i.unit AS unit,
       i.approx AS approx,
       i.text AS text,
       c.text AS sentence
ORDER BY metric, jurisdiction, year, value, i.key, sentence
LIMIT $limit
