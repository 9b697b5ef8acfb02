// name: legal-adviser-network
// title: 法律顾问网络 | Legal-adviser network
// description: Law firms and lawyers (ADVISES) and the governments, villages and bodies they advise, with the supporting years; adviser_key tells apart same-role actors of different jurisdictions.
// param: jurisdiction: string = null  -- only advice stated in reports about this jurisdiction (name)
// param: limit: int = 200  -- at most this many rows, the first in the order of the table (raise it for the whole table)
// backends: falkordb, neo4j
OPTIONAL MATCH (:Jurisdiction {name: $jurisdiction})<-[:ABOUT]-(scope:Document)
WITH collect(scope.id) AS scope_docs
// ADVISES ends at a Jurisdiction or a Body: two label-anchored matches instead of a scan of every node.
OPTIONAL MATCH ()-[to_jurisdiction:ADVISES]->(:Jurisdiction)
WITH scope_docs, collect(to_jurisdiction) AS to_jurisdictions
OPTIONAL MATCH ()-[to_body:ADVISES]->(:Body)
WITH scope_docs, to_jurisdictions, collect(to_body) AS to_bodies
UNWIND to_jurisdictions + to_bodies AS r
WITH startNode(r) AS a, r, endNode(r) AS t
WHERE $jurisdiction IS NULL OR any(doc_id IN r.docs WHERE doc_id IN scope_docs)
WITH a, r, t
ORDER BY coalesce(a.name, a.person, a.role), a.key, t.name, t.key
LIMIT $limit
UNWIND r.docs AS doc_id
MATCH (d:Document {id: doc_id})
WITH a, r, t, d
MATCH (d)-[:ABOUT]->(j:Jurisdiction)
WHERE $jurisdiction IS NULL OR j.name = $jurisdiction
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
