// name: co-located-bodies
// title: 同驻一个中心的机构 | Bodies co-located in the same center
// description: Pairs of bodies that both staff the same center.
// param: kind: string = null  -- only pairs where one body is of this kind (e.g. 司法所)
// example: kind=司法所
// param: limit: int[1..1000000] = 200  -- at most this many rows, the first in the order of the table (raise it for the whole table)
// backends: falkordb, neo4j
UNWIND CASE WHEN $kind IS NULL THEN [true] ELSE [] END AS every_pair
// Two branches, each run only when its case holds: every pair (met once, from its smaller key),
// or the pairs of a body of the given kind, found through the kind index.
MATCH (a:Body)-[:STAFFS]->(c:Center)<-[:STAFFS]-(b:Body)
WHERE a.key < b.key
RETURN c.name AS center,
       c.kind AS center_kind,
       a.name AS body_a,
       a.kind AS kind_a,
       b.name AS body_b,
       b.kind AS kind_b
ORDER BY center, c.key, body_a, body_b
LIMIT $limit
UNION ALL
UNWIND CASE WHEN $kind IS NULL THEN [] ELSE [$kind] END AS kind
MATCH (k:Body {kind: kind})-[:STAFFS]->(c:Center)<-[:STAFFS]-(other:Body)
// A pair of two bodies of the kind is met from both: kept once, from its smaller key.
WHERE k <> other AND (k.key < other.key OR other.kind <> kind)
WITH c,
     CASE WHEN k.key < other.key THEN k ELSE other END AS a,
     CASE WHEN k.key < other.key THEN other ELSE k END AS b
RETURN c.name AS center,
       c.kind AS center_kind,
       a.name AS body_a,
       a.kind AS kind_a,
       b.name AS body_b,
       b.kind AS kind_b
ORDER BY center, c.key, body_a, body_b
LIMIT $limit
