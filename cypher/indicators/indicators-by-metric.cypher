// name: indicators-by-metric
// title: 指标：按名称、辖区和年份 | Indicators by metric, jurisdiction and year
// description: Reported figures with the jurisdiction (or body) they belong to, the year and the sentence they come from.
// param: metric: string = null  -- only metrics containing this text (e.g. 调解)
// backends: falkordb, neo4j
MATCH (owner)-[:REPORTS]->(i:Indicator)
WHERE $metric IS NULL OR i.metric CONTAINS $metric
OPTIONAL MATCH (i)-[:FROM_CHUNK]->(c:Chunk)
RETURN i.metric AS metric,
       owner.name AS jurisdiction,
       i.year AS year,
       i.value AS value,
       i.unit AS unit,
       i.approx AS approx,
       i.text AS text,
       c.text AS sentence
ORDER BY metric, jurisdiction, year, value, i.key
