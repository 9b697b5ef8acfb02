// name: jurisdiction-tree
// title: 辖区层级树 | Jurisdiction tree
// description: Every jurisdiction below the given one (PART_OF, any depth) with its depth and the chain up to the given one.
// param: jurisdiction: string  -- the top jurisdiction (name, e.g. 奉节县)
// example: jurisdiction=江滨区
// backends: falkordb, neo4j
MATCH p = (sub:Jurisdiction)-[:PART_OF*1..]->(top:Jurisdiction {name: $jurisdiction})
RETURN top.name AS top,
       sub.name AS jurisdiction,
       sub.level AS level,
       length(p) AS depth,
       [n IN reverse(nodes(p)) | n.name] AS chain
ORDER BY depth, jurisdiction, sub.key
