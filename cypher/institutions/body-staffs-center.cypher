// name: body-staffs-center
// title: 机构进驻中心 | Bodies and actors staffing centers
// description: Who staffs which center (STAFFS), one row per pair, with the kinds of both sides and the jurisdictions whose reports state it: the body-center matrix in long form; staff_key tells apart same-role actors of different jurisdictions.
// param: jurisdiction: string = null  -- only pairs stated in reports about this jurisdiction (name)
// example: jurisdiction=青石镇
// param: limit: int[1..1000000] = 200  -- at most this many rows, the first in the order of the table (raise it for the whole table)
// backends: falkordb, neo4j
UNWIND CASE WHEN $jurisdiction IS NULL THEN [true] ELSE [] END AS every_fact
// Two branches, each run only when its case holds: every STAFFS fact, or those stated in the
// jurisdiction's reports.
MATCH (s)-[r:STAFFS]->(c:Center)
WITH s, r, c
ORDER BY c.kind, c.name, c.key, coalesce(s.kind, s.role), coalesce(s.name, s.person, s.role), s.key
LIMIT $limit
UNWIND r.docs AS doc_id
MATCH (d:Document {id: doc_id})-[:ABOUT]->(j:Jurisdiction)
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
UNION ALL
UNWIND CASE WHEN $jurisdiction IS NULL THEN [] ELSE [$jurisdiction] END AS jurisdiction
// Both ends of a STAFFS fact are mentioned in the report stating it: the centers come from the
// mentions in the chunks of the jurisdiction's reports.
MATCH (:Jurisdiction {name: jurisdiction})<-[:ABOUT]-(scope:Document)
WITH scope, scope.id AS scope_doc
MATCH (scope)<-[:FROM_DOCUMENT]-(:Chunk)<-[:FROM_CHUNK]-(c:Center)<-[r:STAFFS]-(s)
WHERE scope_doc IN r.docs
WITH DISTINCT s, r, c
ORDER BY c.kind, c.name, c.key, coalesce(s.kind, s.role), coalesce(s.name, s.person, s.role), s.key
LIMIT $limit
UNWIND r.docs AS doc_id
MATCH (d:Document {id: doc_id})-[:ABOUT]->(j:Jurisdiction)
WHERE j.name = $jurisdiction
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
