// name: mechanisms-lacking
// title: 同类辖区普遍有而本辖区缺少的机制 | Mechanisms a jurisdiction lacks that its peers have
// description: Peers are the other jurisdictions of the same level or under the same parent that report at least one mechanism; a mechanism is listed when at least the given share of peers report it and the jurisdiction does not. siblings_having names the peers under the same parent that report it (jurisdictions-with-mechanism lists all).
// param: jurisdiction: string  -- the jurisdiction (name as written)
// param: share: float[0..1] = 0.5  -- smallest share of peers that must report the mechanism
// example: jurisdiction=东湖街道
// backends: falkordb, neo4j
MATCH (j:Jurisdiction {name: $jurisdiction})
// Peers of the same level are counted by the loader's tallies (kg/store/tallies.py), siblings
// of another level are counted here.
OPTIONAL MATCH (j)-[:PART_OF]->(:Jurisdiction)<-[:PART_OF]-(other:Jurisdiction)-[:HAS_MECHANISM]->(:Mechanism)
WHERE other <> j AND NOT coalesce(other.level = j.level, false)
WITH j, collect(DISTINCT other) AS others
OPTIONAL MATCH (j)-[:HAS_MECHANISM]->(own:Mechanism)
WITH j, others, collect(own) AS own
OPTIONAL MATCH (level:Tally {key: 'level/' + j.level})
// The level's tally counts the jurisdiction itself when it reports any mechanism.
WITH j, others, own, level,
     coalesce(level.jurisdictions, 0) + size(others)
       - CASE WHEN level IS NOT NULL AND size(own) > 0 THEN 1 ELSE 0 END AS peer_count
// Candidates: mechanisms of the level that others could lift over the share, and the others' own.
OPTIONAL MATCH (candidate:Mechanism)-[tally:TALLIED_AT]->(level)
WHERE tally.jurisdictions + size(others) >= $share * peer_count
WITH j, others, own, peer_count, collect(candidate) AS candidates
OPTIONAL MATCH (j)-[:PART_OF]->(:Jurisdiction)<-[:PART_OF]-(other:Jurisdiction)-[:HAS_MECHANISM]->(theirs:Mechanism)
WHERE other IN others
WITH j, own, peer_count, candidates, collect(theirs) AS theirs
UNWIND candidates + theirs AS m
WITH DISTINCT j, own, peer_count, m
WHERE peer_count > 0 AND NOT m IN own
OPTIONAL MATCH (m)-[tally:TALLIED_AT]->(:Tally {key: 'level/' + j.level})
OPTIONAL MATCH (j)-[:PART_OF]->(:Jurisdiction)<-[:PART_OF]-(other:Jurisdiction)-[:HAS_MECHANISM]->(m)
WHERE other <> j AND NOT coalesce(other.level = j.level, false)
WITH j, peer_count, m, tally, count(DISTINCT other) AS others_having
WITH j, peer_count, m, coalesce(tally.jurisdictions, 0) + others_having AS peers_having
WHERE toFloat(peers_having) / peer_count >= $share
OPTIONAL MATCH (j)-[:PART_OF]->(:Jurisdiction)<-[:PART_OF]-(sibling:Jurisdiction)-[:HAS_MECHANISM]->(m)
WHERE sibling <> j
WITH j, peer_count, m, peers_having, sibling.name AS sibling_name
ORDER BY sibling_name
WITH j, peer_count, m, peers_having, collect(DISTINCT sibling_name) AS siblings_having
RETURN j.name AS jurisdiction,
       m.name AS mechanism,
       m.category AS category,
       peers_having,
       peer_count AS peers,
       siblings_having
ORDER BY peers_having DESC, mechanism
