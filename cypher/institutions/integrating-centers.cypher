// name: integrating-centers
// title: 整合其他中心或机构的中心 | Centers that integrate other centers or bodies
// description: Each center that brings together (INTEGRATES) other centers or bodies, with what it integrates.
// param: center: string = null  -- only this center (name, e.g. 东湖街道社会治理服务中心)
// example: center=东湖街道社会治理服务中心
// param: limit: int[1..1000000] = 200  -- at most this many rows, the first in the order of the table (raise it for the whole table)
// backends: falkordb, neo4j
UNWIND CASE WHEN $center IS NULL THEN [true] ELSE [] END AS every_center
// Two branches, each run only when its case holds: every center, or the named one (name index).
MATCH (c:Center)-[r:INTEGRATES]->(x)
RETURN c.name AS center,
       c.kind AS center_kind,
       x.name AS integrates,
       CASE WHEN x:Center THEN 'Center' ELSE 'Body' END AS integrated_label,
       x.kind AS integrated_kind,
       size(r.docs) AS documents
ORDER BY center, c.key, integrates, x.key
LIMIT $limit
UNION ALL
UNWIND CASE WHEN $center IS NULL THEN [] ELSE [$center] END AS name
MATCH (c:Center {name: name})-[r:INTEGRATES]->(x)
RETURN c.name AS center,
       c.kind AS center_kind,
       x.name AS integrates,
       CASE WHEN x:Center THEN 'Center' ELSE 'Body' END AS integrated_label,
       x.kind AS integrated_kind,
       size(r.docs) AS documents
ORDER BY center, c.key, integrates, x.key
LIMIT $limit
