// name: integrating-centers
// title: 整合其他中心或机构的中心 | Centers that integrate other centers or bodies
// description: Each center that brings together (INTEGRATES) other centers or bodies, with what it integrates.
// param: limit: int = 200  -- at most this many rows, the first in the order of the table (raise it for the whole table)
// backends: falkordb, neo4j
MATCH (c:Center)-[r:INTEGRATES]->(x)
RETURN c.name AS center,
       c.kind AS center_kind,
       x.name AS integrates,
       CASE WHEN x:Center THEN 'Center' ELSE 'Body' END AS integrated_label,
       x.kind AS integrated_kind,
       size(r.docs) AS documents
ORDER BY center, c.key, integrates, x.key
LIMIT $limit
