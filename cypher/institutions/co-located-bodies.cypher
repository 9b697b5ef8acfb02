// name: co-located-bodies
// title: 同驻一个中心的机构 | Bodies co-located in the same center
// description: Pairs of bodies that both staff the same center.
// param: kind: string = null  -- only pairs where one body is of this kind (e.g. 司法所)
// param: limit: int = 200  -- at most this many rows, the first in the order of the table (raise it for the whole table)
// backends: falkordb, neo4j
MATCH (a:Body)-[:STAFFS]->(c:Center)<-[:STAFFS]-(b:Body)
WHERE a.key < b.key AND ($kind IS NULL OR a.kind = $kind OR b.kind = $kind)
RETURN c.name AS center,
       c.kind AS center_kind,
       a.name AS body_a,
       a.kind AS kind_a,
       b.name AS body_b,
       b.kind AS kind_b
ORDER BY center, c.key, body_a, body_b
LIMIT $limit
