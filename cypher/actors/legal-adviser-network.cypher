// name: legal-adviser-network
// title: 法律顾问网络 | Legal-adviser network
// description: Law firms and lawyers (ADVISES) and the governments, villages and bodies they advise, with the supporting years; adviser_key tells apart same-role actors of different jurisdictions.
// param: jurisdiction: string = null  -- only advice stated in reports about this jurisdiction (name)
// backends: falkordb, neo4j
MATCH (a)-[r:ADVISES]->(t)
MATCH (d:Document)-[:ABOUT]->(j:Jurisdiction)
WHERE d.id IN r.docs AND ($jurisdiction IS NULL OR j.name = $jurisdiction)
WITH a, r, t, j
ORDER BY j.name
WITH a, r, t, collect(DISTINCT j.name) AS reported_by
RETURN coalesce(a.name, a.person, a.role) AS adviser,
       CASE WHEN a:Actor THEN a.role ELSE a.kind END AS adviser_kind,
       a.count AS advisers,
       t.name AS advises,
       CASE WHEN t:Jurisdiction THEN t.level ELSE t.kind END AS advised_kind,
       reported_by,
       reduce(first = null, y IN r.years | CASE WHEN first IS NULL OR y < first THEN y ELSE first END) AS first_year,
       a.key AS adviser_key
ORDER BY adviser, a.key, advises, t.key
