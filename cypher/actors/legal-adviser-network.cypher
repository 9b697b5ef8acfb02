// name: legal-adviser-network
// title: 法律顾问网络 | Legal-adviser network
// description: Law firms and lawyers (ADVISES) and the governments, villages and bodies they advise, with the supporting years; adviser_key tells apart same-role actors of different jurisdictions.
// param: jurisdiction: string = null  -- only advice stated in reports about this jurisdiction (name)
// example: jurisdiction=青石镇
// param: limit: int[1..1000000] = 200  -- at most this many rows, the first in the order of the table (raise it for the whole table)
// backends: falkordb, neo4j
UNWIND CASE WHEN $jurisdiction IS NULL THEN [true] ELSE [] END AS every_fact
// Two branches, each run only when its case holds. Every fact: ADVISES ends at a Jurisdiction or
// a Body, so two label-anchored matches instead of a scan of every node.
OPTIONAL MATCH (advised:Body)<-[:ADVISES]-()
// Grouped by every_fact so that no row comes out of the aggregations when the branch is off.
// The advised nodes are collected, not the facts: collecting 100,000 relationships is slow.
WITH every_fact, collect(DISTINCT advised) AS bodies
MATCH (jurisdiction:Jurisdiction)
WITH every_fact, bodies, collect(jurisdiction) AS jurisdictions
UNWIND bodies + jurisdictions AS t
MATCH (a)-[r:ADVISES]->(t)
WITH a, r, t
ORDER BY coalesce(a.name, a.person, a.role), a.key, t.name, t.key
LIMIT $limit
UNWIND r.docs AS doc_id
MATCH (d:Document {id: doc_id})-[:ABOUT]->(j:Jurisdiction)
WITH a, r, t, j.name AS reporter
ORDER BY reporter
WITH a, r, t, collect(DISTINCT reporter) AS reported_by
RETURN coalesce(a.name, a.person, a.role) AS adviser,
       CASE WHEN a:Actor THEN a.role ELSE a.kind END AS adviser_kind,
       a.count AS advisers,
       t.name AS advises,
       CASE WHEN t:Jurisdiction THEN t.level ELSE t.kind END AS advised_kind,
       reported_by,
       reduce(first = null, y IN r.years | CASE WHEN first IS NULL OR y < first THEN y ELSE first END) AS first_year,
       a.key AS adviser_key
ORDER BY adviser, a.key, advises, t.key
UNION ALL
UNWIND CASE WHEN $jurisdiction IS NULL THEN [] ELSE [$jurisdiction] END AS jurisdiction
// Facts stated in the jurisdiction's reports: the adviser is always mentioned in the report that
// says whom it advises, so the advisers come from the mentions in those reports' chunks.
MATCH (:Jurisdiction {name: jurisdiction})<-[:ABOUT]-(scope:Document)
WITH scope, scope.id AS scope_doc
MATCH (scope)<-[:FROM_DOCUMENT]-(:Chunk)<-[:FROM_CHUNK]-(a:__Entity__)-[r:ADVISES]->(t)
WHERE scope_doc IN r.docs
WITH DISTINCT a, r, t
ORDER BY coalesce(a.name, a.person, a.role), a.key, t.name, t.key
LIMIT $limit
UNWIND r.docs AS doc_id
MATCH (d:Document {id: doc_id})-[:ABOUT]->(j:Jurisdiction)
WHERE j.name = $jurisdiction
WITH a, r, t, j.name AS reporter
ORDER BY reporter
WITH a, r, t, collect(DISTINCT reporter) AS reported_by
RETURN coalesce(a.name, a.person, a.role) AS adviser,
       CASE WHEN a:Actor THEN a.role ELSE a.kind END AS adviser_kind,
       a.count AS advisers,
       t.name AS advises,
       CASE WHEN t:Jurisdiction THEN t.level ELSE t.kind END AS advised_kind,
       reported_by,
       reduce(first = null, y IN r.years | CASE WHEN first IS NULL OR y < first THEN y ELSE first END) AS first_year,
       a.key AS adviser_key
ORDER BY adviser, a.key, advises, t.key
