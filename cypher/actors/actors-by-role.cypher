// name: actors-by-role
// title: 按角色统计的人员 | Actors by role
// description: For each canonical role, how many actors (one per jurisdiction and named person), how many are named, and the sum of the headcounts the reports state.
// backends: falkordb, neo4j
MATCH (a:Actor)
WITH a.role AS role, count(a) AS actors, count(a.person) AS named, toInteger(sum(coalesce(a.count, 0))) AS stated_headcount
RETURN role, actors, named, stated_headcount
ORDER BY actors DESC, role
