// name: mechanisms-lacking
// title: 同类辖区普遍有而本辖区缺少的机制 | Mechanisms a jurisdiction lacks that its peers have
// description: Peers are the other jurisdictions of the same level or under the same parent that report at least one mechanism; a mechanism is listed when at least the given share of peers report it and the jurisdiction does not.
// param: jurisdiction: string  -- the jurisdiction (name as written)
// param: share: float = 0.5  -- smallest share of peers that must report the mechanism
// example: jurisdiction=东湖街道
// backends: falkordb, neo4j
MATCH (j:Jurisdiction {name: $jurisdiction})
OPTIONAL MATCH (j)-[:PART_OF]->(:Jurisdiction)<-[:PART_OF]-(sibling:Jurisdiction)
WITH j, collect(sibling) AS siblings
MATCH (peer:Jurisdiction)
WHERE peer <> j AND (peer.level = j.level OR peer IN siblings)
MATCH (peer)-[:HAS_MECHANISM]->(:Mechanism)
// Rows of a level can number tens of thousands: no list rides along until the peers are known.
WITH DISTINCT j, peer
WITH j, collect(peer) AS peers
OPTIONAL MATCH (j)-[:HAS_MECHANISM]->(own:Mechanism)
WITH j, peers, collect(own) AS own
// Lists carried along a row are copied with it: keep only the peer count next to each peer.
WITH j, own, peers, size(peers) AS peer_count
UNWIND peers AS peer
WITH j, own, peer_count, peer
MATCH (peer)-[:HAS_MECHANISM]->(m:Mechanism)
WHERE NOT m IN own
WITH j, peer_count, m, collect(peer.name) AS names
// Peers of one name count once, so this share is an upper bound: it drops most mechanisms
// cheaply, and only those kept have their names made distinct, put in order and counted again.
WHERE toFloat(size(names)) / peer_count >= $share
UNWIND names AS peer_name
WITH DISTINCT j, peer_count, m, peer_name
ORDER BY peer_name
WITH j, peer_count, m, collect(peer_name) AS peers_with
WHERE toFloat(size(peers_with)) / peer_count >= $share
RETURN j.name AS jurisdiction,
       m.name AS mechanism,
       m.category AS category,
       size(peers_with) AS peers_having,
       peer_count AS peers,
       peers_with
ORDER BY peers_having DESC, mechanism
