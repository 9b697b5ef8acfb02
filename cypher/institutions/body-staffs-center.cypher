// name: body-staffs-center
// title: 机构进驻中心 | Bodies and actors staffing centers
// description: Who staffs which center (STAFFS), one row per pair, with the kinds of both sides and the jurisdictions whose reports state it: the body-center matrix in long form; staff_key tells apart same-role actors of different jurisdictions.
// param: jurisdiction: string = null  -- only pairs stated in reports about this jurisdiction (name)
// backends: falkordb, neo4j
MATCH (s)-[r:STAFFS]->(c:Center)
MATCH (d:Document)-[:ABOUT]->(j:Jurisdiction)
WHERE d.id IN r.docs AND ($jurisdiction IS NULL OR j.name = $jurisdiction)
WITH s, r, c, j
ORDER BY j.name
WITH s, r, c, collect(DISTINCT j.name) AS jurisdictions
RETURN c.name AS center,
       c.kind AS center_kind,
       coalesce(s.name, s.person, s.role) AS staff,
       coalesce(s.kind, s.role) AS staff_kind,
       jurisdictions,
       size(r.docs) AS documents,
       s.key AS staff_key
ORDER BY center_kind, center, c.key, staff_kind, staff, staff_key
