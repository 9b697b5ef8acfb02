// name: node-provenance
// title: 节点的出处 | Provenance of a node
// description: The documents and sentences that mention an entity (by key, name or person), with the offsets of each mention in the normalised text. A report without a title is named by its file.
// param: node: string  -- the entity's key, name or person (e.g. 访调对接)
// example: node=桐溪明正律师事务所
// param: limit: int[1..1000000] = 200  -- at most this many rows, the first in the order of the table (raise it for the whole table)
// backends: falkordb, neo4j
OPTIONAL MATCH (jur:Jurisdiction) WHERE jur.key = $node OR jur.name = $node
// The entity by key, name or person, through each label's own indexes (the embedded store keeps
// none on __Entity__), and by an indicator's key (no index there) only when it is one.
WITH collect(jur) AS jurisdictions
OPTIONAL MATCH (body:Body) WHERE body.key = $node OR body.name = $node
WITH jurisdictions, collect(body) AS bodies
OPTIONAL MATCH (center:Center) WHERE center.key = $node OR center.name = $node
WITH jurisdictions, bodies, collect(center) AS centers
OPTIONAL MATCH (mech:Mechanism) WHERE mech.key = $node OR mech.name = $node
WITH jurisdictions, bodies, centers, collect(mech) AS mechanisms
OPTIONAL MATCH (actor:Actor) WHERE actor.key = $node OR actor.person = $node
WITH jurisdictions, bodies, centers, mechanisms, collect(actor) AS actors,
     $node STARTS WITH 'Indicator|' AS indicator
OPTIONAL MATCH (ind:Indicator {key: $node}) WHERE indicator
WITH jurisdictions, bodies, centers, mechanisms, actors, collect(ind) AS indicators
UNWIND jurisdictions + bodies + centers + mechanisms + actors + indicators AS n
WITH DISTINCT n
MATCH (n)-[m:FROM_CHUNK]->(c:Chunk)-[:FROM_DOCUMENT]->(d:Document)
// A common node has tens of thousands of mentions: sort on the keys alone, read texts for the first.
WITH n, m, c, d
ORDER BY n.key, d.year, d.title, c.index, m.start
LIMIT $limit
RETURN n.key AS node,
       coalesce(d.title, d.source) AS document,
       d.source AS file,
       d.year AS year,
       c.index AS sentence,
       m.start AS start,
       m.end AS end,
       m.text AS mention,
       c.text AS sentence_text,
       d.id AS doc_id
ORDER BY node, year, document, sentence, start
