// name: institution-path
// title: 两个机构之间的路径 | Path between two institutions
// description: The shortest chains (all of the shortest length, up to four fact relationships, in either direction) linking two entities, named by key or name; provenance edges are not followed.
// param: source: string  -- first entity (key or name, e.g. 永乐镇司法所)
// param: target: string  -- second entity (key or name)
// param: limit: int[1..1000000] = 5  -- how many paths at most
// example: source=青石镇司法所; target=桐溪明正律师事务所
// backends: falkordb, neo4j
OPTIONAL MATCH (by_key:__Entity__ {key: $source})
WITH collect(by_key) AS keyed
OPTIONAL MATCH (by_name:__Entity__ {name: $source})
WITH keyed, collect(by_name) AS named
OPTIONAL MATCH (by_person:Actor {person: $source})
WITH keyed, named, collect(by_person) AS persons
UNWIND keyed + named + persons AS a
WITH DISTINCT a
OPTIONAL MATCH (to_key:__Entity__ {key: $target})
WITH a, collect(to_key) AS keyed_b
OPTIONAL MATCH (to_name:__Entity__ {name: $target})
WITH a, keyed_b, collect(to_name) AS named_b
OPTIONAL MATCH (to_person:Actor {person: $target})
WITH a, keyed_b, named_b, collect(to_person) AS persons_b
UNWIND keyed_b + named_b + persons_b AS b
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
