// name: institution-path
// title: 两个机构之间的路径 | Path between two institutions
// description: The shortest chains (all of the shortest length, up to four fact relationships, in either direction) linking two entities, named by key or name; provenance edges are not followed.
// param: source: string  -- first entity (key or name, e.g. 永乐镇司法所)
// param: target: string  -- second entity (key or name)
// param: limit: int[1..1000000] = 5  -- how many paths at most
// example: source=青石镇司法所; target=桐溪明正律师事务所
// backends: falkordb, neo4j
OPTIONAL MATCH (jur:Jurisdiction) WHERE jur.key = $source OR jur.name = $source
// The entity by key, name or person, through each label's own indexes (the embedded store keeps
// none on __Entity__), and by an indicator's key (no index there) only when it is one.
WITH collect(jur) AS jurisdictions
OPTIONAL MATCH (body:Body) WHERE body.key = $source OR body.name = $source
WITH jurisdictions, collect(body) AS bodies
OPTIONAL MATCH (center:Center) WHERE center.key = $source OR center.name = $source
WITH jurisdictions, bodies, collect(center) AS centers
OPTIONAL MATCH (mech:Mechanism) WHERE mech.key = $source OR mech.name = $source
WITH jurisdictions, bodies, centers, collect(mech) AS mechanisms
OPTIONAL MATCH (actor:Actor) WHERE actor.key = $source OR actor.person = $source
WITH jurisdictions, bodies, centers, mechanisms, collect(actor) AS actors,
     $source STARTS WITH 'Indicator|' AS indicator
OPTIONAL MATCH (ind:Indicator {key: $source}) WHERE indicator
WITH jurisdictions, bodies, centers, mechanisms, actors, collect(ind) AS indicators
UNWIND jurisdictions + bodies + centers + mechanisms + actors + indicators AS a
WITH collect(DISTINCT a) AS sources
OPTIONAL MATCH (jur:Jurisdiction) WHERE jur.key = $target OR jur.name = $target
WITH sources, collect(jur) AS jurisdictions
OPTIONAL MATCH (body:Body) WHERE body.key = $target OR body.name = $target
WITH sources, jurisdictions, collect(body) AS bodies
OPTIONAL MATCH (center:Center) WHERE center.key = $target OR center.name = $target
WITH sources, jurisdictions, bodies, collect(center) AS centers
OPTIONAL MATCH (mech:Mechanism) WHERE mech.key = $target OR mech.name = $target
WITH sources, jurisdictions, bodies, centers, collect(mech) AS mechanisms
OPTIONAL MATCH (actor:Actor) WHERE actor.key = $target OR actor.person = $target
WITH sources, jurisdictions, bodies, centers, mechanisms, collect(actor) AS actors,
     $target STARTS WITH 'Indicator|' AS indicator
OPTIONAL MATCH (ind:Indicator {key: $target}) WHERE indicator
WITH sources, jurisdictions, bodies, centers, mechanisms, actors, collect(ind) AS indicators
UNWIND sources AS a
UNWIND jurisdictions + bodies + centers + mechanisms + actors + indicators AS b
WITH DISTINCT a, b
WHERE a <> b
// Search two hops, then three, then four, each only for the pairs the shorter bound left unreached:
// FalkorDB explores every depth up to the bound even when a shorter path exists, and two hops
// reach hubs (a mechanism many jurisdictions run) whose next rings are huge.
OPTIONAL MATCH near = allShortestPaths((a)-[:STAFFS|LOCATED_IN|PART_OF|OPERATES|ADVISES|INTEGRATES|LEADS|MERGED_INTO|HAS_MECHANISM*1..2]-(b))
WITH a, b, collect(near) AS nears
WITH a, b, nears, CASE WHEN size(nears) = 0 THEN b END AS unreached
OPTIONAL MATCH mid = allShortestPaths((a)-[:STAFFS|LOCATED_IN|PART_OF|OPERATES|ADVISES|INTEGRATES|LEADS|MERGED_INTO|HAS_MECHANISM*1..3]-(unreached))
WITH a, b, nears, collect(mid) AS mids
WITH a, b, nears, mids, CASE WHEN size(nears) + size(mids) = 0 THEN b END AS unreached
OPTIONAL MATCH far = allShortestPaths((a)-[:STAFFS|LOCATED_IN|PART_OF|OPERATES|ADVISES|INTEGRATES|LEADS|MERGED_INTO|HAS_MECHANISM*1..4]-(unreached))
WITH a, b, nears, mids, collect(far) AS fars
UNWIND nears + mids + fars AS p
WITH p, length(p) AS hops,
     [n IN nodes(p) | coalesce(n.name, n.person, n.role)] AS path,
     [r IN relationships(p) | type(r)] AS relations
RETURN hops, path, relations
ORDER BY hops, reduce(s = '', x IN path | s + '/' + x), reduce(s = '', x IN relations | s + '/' + x)
LIMIT $limit
