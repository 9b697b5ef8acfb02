// name: named-persons
// title: 具名人员及其职责 | Named persons and what they do
// description: Every actor with a named person, the role, and each thing the person staffs, operates, leads or advises.
// param: person: string = null  -- only this person
// param: limit: int[1..1000000] = 200  -- at most this many rows, the first in the order of the table (raise it for the whole table)
// backends: falkordb, neo4j
MATCH (a:Actor)
WHERE a.person IS NOT NULL AND ($person IS NULL OR a.person = $person)
WITH a
ORDER BY a.person, a.key
LIMIT $limit
OPTIONAL MATCH (a)-[r:STAFFS|OPERATES|LEADS|ADVISES]->(x)
RETURN a.person AS person,
       a.role AS role,
       type(r) AS relation,
       x.name AS target,
       r.years AS years
ORDER BY person, a.key, relation, target
LIMIT $limit
