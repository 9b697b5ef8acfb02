// name: fact-provenance
// title: 关系的出处 | Provenance of a relationship
// description: The documents and sentences behind the fact relationships from one entity (optionally to another, of one type), through the relationship's chunk ids. A report without a title is named by its file.
// param: source: string  -- the start entity (key, name or person)
// param: target: string = null  -- the end entity (key, name or person)
// param: type: string = null  -- only this relationship type (e.g. HAS_MECHANISM)
// example: source=青石镇; type=HAS_MECHANISM
// param: limit: int[1..1000000] = 200  -- at most this many rows, the first in the order of the table (raise it for the whole table)
// backends: falkordb, neo4j
OPTIONAL MATCH (jur:Jurisdiction) WHERE jur.key = $source OR jur.name = $source
// The entity by key, name or person, through each label's own indexes (the embedded store keeps
// none on __Entity__), and by an indicator's key (no index there) only when it is one.
WITH collect(jur) AS jurisdictions
OPTIONAL MATCH (body:Body) WHERE body.key = $source OR body.name = $source
WITH jurisdictions, collect(body) AS bodies
OPTIONAL MATCH (center:Center) WHERE center.key = $source OR center.name = $source
WITH jurisdictions, bodies, collect(center) AS centers
OPTIONAL MATCH (mech:Mechanism) WHERE mech.key = $source OR mech.name = $source
WITH jurisdictions, bodies, centers, collect(mech) AS mechanisms
OPTIONAL MATCH (actor:Actor) WHERE actor.key = $source OR actor.person = $source
WITH jurisdictions, bodies, centers, mechanisms, collect(actor) AS actors,
     $source STARTS WITH 'Indicator|' AS indicator
OPTIONAL MATCH (ind:Indicator {key: $source}) WHERE indicator
WITH jurisdictions, bodies, centers, mechanisms, actors, collect(ind) AS indicators
UNWIND jurisdictions + bodies + centers + mechanisms + actors + indicators AS a
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
