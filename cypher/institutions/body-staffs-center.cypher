// name: body-staffs-center
// title: 机构进驻中心 | Bodies and actors staffing centers
// description: Who staffs which center (STAFFS), one row per pair, with the kinds of both sides and the jurisdictions whose reports state it: the body-center matrix in long form; staff_key tells apart same-role actors of different jurisdictions.
// param: jurisdiction: string = null  -- only pairs stated in reports about this jurisdiction (name)
// param: limit: int = 200  -- at most this many rows, the first in the order of the table (raise it for the whole table)
// backends: falkordb, neo4j
OPTIONAL MATCH (:Jurisdiction {name: $jurisdiction})<-[:ABOUT]-(scope:Document)
WITH collect(scope.id) AS scope_docs
MATCH (s)-[r:STAFFS]->(c:Center)
WHERE $jurisdiction IS NULL OR any(doc_id IN r.docs WHERE doc_id IN scope_docs)
WITH s, r, c
ORDER BY c.kind, c.name, c.key, coalesce(s.kind, s.role), coalesce(s.name, s.person, s.role), s.key
LIMIT $limit
UNWIND r.docs AS doc_id
MATCH (d:Document {id: doc_id})
WITH s, r, c, d
MATCH (d)-[:ABOUT]->(j:Jurisdiction)
WHERE $jurisdiction IS NULL OR j.name = $jurisdiction
WITH s, r, c, j.name AS reporter
ORDER BY reporter
WITH s, r, c, collect(DISTINCT reporter) AS jurisdictions
RETURN c.name AS center,
       c.kind AS center_kind,
       coalesce(s.name, s.person, s.role) AS staff,
       coalesce(s.kind, s.role) AS staff_kind,
       jurisdictions,
       size(r.docs) AS documents,
       s.key AS staff_key
ORDER BY center_kind, center, c.key, staff_kind, staff, staff_key
