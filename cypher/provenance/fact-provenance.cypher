// name: fact-provenance
// title: 关系的出处 | Provenance of a relationship
// description: The documents and sentences behind the fact relationships from one entity (optionally to another, of one type), through the relationship's chunk ids. A report without a title is named by its file.
// param: source: string  -- the start entity (key, name or person)
// param: target: string = null  -- the end entity (key, name or person)
// param: type: string = null  -- only this relationship type (e.g. HAS_MECHANISM)
// example: source=青石镇; type=HAS_MECHANISM
// param: limit: int[1..1000000] = 200  -- at most this many rows, the first in the order of the table (raise it for the whole table)
// backends: falkordb, neo4j
OPTIONAL MATCH (by_key:__Entity__ {key: $source})
WITH collect(by_key) AS keyed
OPTIONAL MATCH (by_name:__Entity__ {name: $source})
WITH keyed, collect(by_name) AS named
OPTIONAL MATCH (by_person:Actor {person: $source})
WITH keyed, named, collect(by_person) AS persons
UNWIND keyed + named + persons AS a
WITH DISTINCT a
MATCH (a)-[r]->(b:__Entity__)
WHERE ($target IS NULL OR b.key = $target OR b.name = $target OR b.person = $target)
  AND ($type IS NULL OR type(r) = $type)
  AND r.chunks IS NOT NULL
UNWIND r.chunks AS chunk_id
// A chunk id is its document's id, ':' and its index: found through the document's index.
// The WITH keeps FalkorDB from starting at every Chunk (a label scan per id) instead.
MATCH (d:Document {id: split(chunk_id, ':')[0]})
WITH a, r, b, d, chunk_id
MATCH (d)<-[:FROM_DOCUMENT]-(c:Chunk)
WHERE c.id = chunk_id
RETURN coalesce(a.name, a.person, a.role) AS source,
       type(r) AS relation,
       coalesce(b.name, b.person, b.role, b.metric) AS target,
       coalesce(d.title, d.source) AS document,
       d.source AS file,
       d.year AS year,
       c.index AS sentence,
       c.text AS sentence_text,
       d.id AS doc_id
ORDER BY source, relation, target, year, document, sentence
LIMIT $limit
