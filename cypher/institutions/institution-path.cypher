// name: institution-path
// title: 两个机构之间的路径 | Path between two institutions
// description: The shortest chains (up to four fact relationships, in either direction) linking two entities, named by key or name; provenance edges are not followed.
// param: source: string  -- first entity (key or name, e.g. 永乐镇司法所)
// param: target: string  -- second entity (key or name)
// param: limit: int = 5  -- how many paths at most
// example: source=青石镇司法所; target=桐溪明正律师事务所
// backends: falkordb, neo4j
MATCH p = (a:__Entity__)-[:STAFFS|LOCATED_IN|PART_OF|OPERATES|ADVISES|INTEGRATES|LEADS|MERGED_INTO|HAS_MECHANISM*1..4]-(b:__Entity__)
WHERE (a.key = $source OR a.name = $source) AND (b.key = $target OR b.name = $target) AND a <> b
WITH p, length(p) AS hops,
     [n IN nodes(p) | coalesce(n.name, n.person, n.role)] AS path,
     [r IN relationships(p) | type(r)] AS relations
RETURN hops, path, relations
ORDER BY hops, reduce(s = '', x IN path | s + '/' + x), reduce(s = '', x IN relations | s + '/' + x)
LIMIT $limit
