// name: jurisdictions-under-code
// title: 某区划代码下的各级辖区 | Jurisdictions by level under one division code
// description: The jurisdictions in the graph that lie under one GB/T 2260 code (a province 500000, a prefecture, a county), by level: how many there are, how many have reports of their own, and their names. A zone counts under its host.
// param: code: string  -- a division code (6 digits; 9 for a township)
// example: code=510000
// param: limit: int = 50  -- at most this many names per level
// backends: falkordb, neo4j
MATCH (j:Jurisdiction)
WHERE $code IN [j.code, j.province_code, j.prefecture_code, j.county_code, j.host_code]
OPTIONAL MATCH (d:Document)-[:ABOUT]->(j)
WITH j, count(d) AS reports
ORDER BY j.name, j.key
WITH j.level AS level, count(j) AS jurisdictions,
     sum(CASE WHEN reports > 0 THEN 1 ELSE 0 END) AS with_reports,
     collect(j.name) AS names
RETURN level,
       jurisdictions,
       with_reports,
       names[..$limit] AS names
ORDER BY level
