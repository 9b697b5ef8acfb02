// name: node-provenance
// title: 节点的出处 | Provenance of a node
// description: The documents and sentences that mention an entity (by key, name or person), with the offsets of each mention in the normalised text. A report without a title is named by its file.
// param: node: string  -- the entity's key, name or person (e.g. 访调对接)
// example: node=桐溪明正律师事务所
// param: limit: int[1..1000000] = 200  -- at most this many rows, the first in the order of the table (raise it for the whole table)
// backends: falkordb, neo4j
OPTIONAL MATCH (by_key:__Entity__ {key: $node})
WITH collect(by_key) AS keyed
OPTIONAL MATCH (by_name:__Entity__ {name: $node})
WITH keyed, collect(by_name) AS named
OPTIONAL MATCH (by_person:Actor {person: $node})
WITH keyed, named, collect(by_person) AS persons
UNWIND keyed + named + persons AS n
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
