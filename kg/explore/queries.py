"""What the explorer reads from the store: search, neighbourhoods, provenance.

Every function takes a :class:`~kg.store.base.GraphStore`, sends read-only
statements with every value as a parameter, and returns plain dicts ready for
JSON. Nodes are addressed by their ``key`` (every entity has one); the page
gets them as ``{"id", "label", "caption", "properties"}``.

The embedded store keeps no index on ``__Entity__`` (docs/scale.md): every
look-up by key names the key's label (:func:`kg.store.keys.label_of_key`),
and every look-up by name the labels that have a name, so each goes through
that label's index (the Indicator label, which has none there, is scanned:
only for keys that are an indicator's). The statements that name a label are
built once per label, in dicts.

>>> caption_of("Actor", {"role": "调解员", "person": "张三"})
'张三 (调解员)'
>>> caption_of("Body", {"name": "青石镇司法所", "key": "Body|司法所|青石镇司法所"})
'青石镇司法所'
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import networkx as nx

from kg.store.base import GraphStore
from kg.store import schema
from kg.store.keys import NAME_FIELDS, by_label, label_of_key
from kg.store.schema import DERIVED_LABELS, ENTITY_LABEL, ENTITY_LABELS

ENTITY = ENTITY_LABEL
# Facts between entities; the lexical graph (documents, chunks, mentions) is
# reached through the provenance panel instead.
LEXICAL_TYPES = frozenset(schema.LEXICAL_TYPES)
FACT_TYPES = tuple(sorted(schema.FACT_TYPES))
SEARCH_LIMIT = 50
NEIGHBOUR_LIMIT = 150
VIEW_LIMIT = 400

# String constants, or dicts of them built here once per label: tests/cypher_lint lints them all.
SEARCH = """
MATCH (n:__Entity__)
WHERE n.name CONTAINS $q OR n.person CONTAINS $q OR n.role CONTAINS $q OR n.metric CONTAINS $q
   OR n.key = $q
WITH n, [label IN labels(n) WHERE label <> '__Entity__'][0] AS label
WHERE $label IS NULL OR label = $label
RETURN n.key AS key, label, properties(n) AS properties
ORDER BY size(coalesce(n.name, n.person, n.role, n.metric, n.key)), n.key
LIMIT $limit
"""
SEARCH_COUNTS = """
MATCH (n:__Entity__)
WHERE n.name CONTAINS $q OR n.person CONTAINS $q OR n.role CONTAINS $q OR n.metric CONTAINS $q
   OR n.key = $q
RETURN [label IN labels(n) WHERE label <> '__Entity__'][0] AS label, count(*) AS count ORDER BY label
"""
NODE = {label: f"MATCH (n:{label} {{key: $key}}) RETURN properties(n) AS properties"
        for label in ENTITY_LABELS}
# Documents about a jurisdiction or anything below it (the jurisdiction filter).
DOCUMENTS_UNDER = """
MATCH (top:Jurisdiction {name: $jurisdiction})
MATCH (j:Jurisdiction)-[:PART_OF*0..]->(top)
MATCH (d:Document)-[:ABOUT]->(j)
RETURN collect(DISTINCT d.id) AS docs
"""
# Documents about a jurisdiction placed in a province (the province filter):
# by the province's code or name, whole or its start (四川 for 四川省).
# Unplaced jurisdictions carry no province and are never in one.
DOCUMENTS_IN_PROVINCE = """
MATCH (d:Document)-[:ABOUT]->(j:Jurisdiction)
WHERE j.province_code = $province OR j.province STARTS WITH $province
RETURN collect(DISTINCT d.id) AS docs
"""
NEIGHBOURS = {label: f"""
MATCH (n:{label} {{key: $key}})-[r]-(m:__Entity__)
WHERE type(r) IN $types
  AND ($year IS NULL OR $year IN r.years)
  AND ($docs IS NULL OR any(d IN r.docs WHERE d IN $docs))
WITH r, m, [label IN labels(m) WHERE label <> '__Entity__'][0] AS label
WHERE $labels IS NULL OR label IN $labels
RETURN startNode(r).key AS source, type(r) AS type, properties(r) AS properties,
       endNode(r).key AS target, m.key AS key, label, properties(m) AS node
ORDER BY type, key
LIMIT $limit
""" for label in ENTITY_LABELS}
# Keys of one label (grouped by label_of_key).
NODES = {label: f"MATCH (n:{label}) WHERE n.key IN $keys RETURN n.key AS key, properties(n) AS properties"
         for label in ENTITY_LABELS}
EDGES_AMONG = {label: f"""
MATCH (a:{label})-[r]->(b:__Entity__)
WHERE a.key IN $sources AND b.key IN $keys AND type(r) IN $types
RETURN a.key AS source, type(r) AS type, properties(r) AS properties, b.key AS target
""" for label in ENTITY_LABELS}
KEYS_FOUND = {label: f"MATCH (n:{label}) WHERE n.key IN $keys RETURN n.key AS key"
              for label in ENTITY_LABELS}
NAMED = {label: f"MATCH (n:{label}) WHERE n.{field} IN $names RETURN n.{field} AS name, n.key AS key"
         for label, field in NAME_FIELDS.items()}
NODE_MENTIONS = {label: f"""
MATCH (n:{label} {{key: $key}})-[m:FROM_CHUNK]->(c:Chunk)-[:FROM_DOCUMENT]->(d:Document)
WITH m, c, d ORDER BY d.year, d.title, c.index, m.start LIMIT $limit
RETURN d.id AS doc_id, d.title AS document, d.year AS year, d.source AS source,
       c.index AS sentence, c.text AS text, c.start AS chunk_start,
       [[m.start, m.end]] AS spans
""" for label in ENTITY_LABELS}
# The WITH after the Document makes FalkorDB go from the document to its
# chunks, not scan every Chunk for each id (its planner starts there otherwise).
FACT_EVIDENCE = {label: f"""
MATCH (a:{label} {{key: $source}})-[r]->(b)
WHERE b.key = $target AND type(r) = $type
UNWIND coalesce(r.chunks, []) AS chunk_id
MATCH (d:Document {{id: split(chunk_id, ':')[0]}})
WITH d, chunk_id
MATCH (d)<-[:FROM_DOCUMENT]-(c:Chunk)
WHERE c.id = chunk_id
OPTIONAL MATCH (e:__Entity__)-[m:FROM_CHUNK]->(c) WHERE e.key IN [$source, $target]
WITH d, c, collect([m.start, m.end]) AS spans
ORDER BY d.year, d.title, c.index LIMIT $limit
RETURN d.id AS doc_id, d.title AS document, d.year AS year, d.source AS source,
       c.index AS sentence, c.text AS text, c.start AS chunk_start, spans
""" for label in ENTITY_LABELS}
FILTER_CHOICES = """
MATCH (j:Jurisdiction)
WITH collect(DISTINCT j.name) AS jurisdictions, collect(DISTINCT j.province) AS provinces
MATCH (d:Document) WHERE d.year IS NOT NULL
WITH jurisdictions, provinces, collect(DISTINCT d.year) AS years
RETURN jurisdictions, years, provinces
"""


def caption_of(label: str, properties: dict[str, Any]) -> str:
    """The text drawn for a node: a named person with the role, else name,
    role, metric or key."""
    if label == "Actor" and properties.get("person"):
        return f"{properties['person']} ({properties.get('role')})"
    for field in ("name", "role", "text", "metric", "title", "key"):
        if properties.get(field) not in (None, ""):
            return str(properties[field])
    return ""


def node_json(key: str, label: str, properties: dict[str, Any]) -> dict[str, Any]:
    return {"id": key, "label": label, "caption": caption_of(label, properties),
            "properties": properties}


def edge_json(source: str, type_: str, target: str, properties: dict[str, Any]) -> dict[str, Any]:
    return {"id": f"{source}\u2192{type_}\u2192{target}", "source": source, "target": target,
            "type": type_, "years": properties.get("years") or [],
            "documents": len(properties.get("docs") or [])}


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s.json")


def simplified(text: str) -> str:
    """The search text in simplified characters, as the graph stores names."""
    return _t2s().convert(text.strip())


def counts(store: GraphStore) -> dict[str, Any]:
    """Nodes per label (entities and documents; the loader's tallies left out)."""
    from kg.store.stats import graph_counts

    labels = {label: n for label, n in graph_counts(store)["labels"].items()
              if label != ENTITY and label not in DERIVED_LABELS}
    return {"labels": labels, "fact_types": list(FACT_TYPES)}


def filter_choices(store: GraphStore) -> dict[str, list[Any]]:
    """The jurisdictions, report years and provinces the filters offer."""
    rows = store.query(FILTER_CHOICES).rows
    jurisdictions, years, provinces = rows[0] if rows else ([], [], [])
    return {"jurisdictions": sorted(jurisdictions), "years": sorted(years), "provinces": sorted(provinces)}


def search(store: GraphStore, text: str, label: str | None = None,
           limit: int = SEARCH_LIMIT) -> dict[str, Any]:
    """Entities whose name, person, role or metric contains ``text``
    (traditional input is read as simplified), and how many per label."""
    q = simplified(text)
    if not q:
        return {"query": q, "counts": {}, "results": []}
    found = store.query(SEARCH, {"q": q, "label": label or None, "limit": limit}).rows
    per_label = dict(store.query(SEARCH_COUNTS, {"q": q}).rows)
    return {"query": q, "counts": per_label,
            "results": [node_json(key, lb, props) for key, lb, props in found]}


def neighbourhood(store: GraphStore, key: str, *, labels: list[str] | None = None,
                  types: list[str] | None = None, year: int | None = None,
                  jurisdiction: str | None = None, province: str | None = None,
                  limit: int = NEIGHBOUR_LIMIT) -> dict[str, Any]:
    """One node and its neighbours through fact relationships, filtered by the
    neighbour's label, the relationship type, a report year, and the
    jurisdiction (and below) and the province whose reports state the fact."""
    label = label_of_key(key)
    found = store.query(NODE[label], {"key": key}).rows
    if not found:
        return {"nodes": [], "edges": [], "truncated": False}
    docs: list[str] | None = None
    for statement, param, value in ((DOCUMENTS_UNDER, "jurisdiction", jurisdiction),
                                    (DOCUMENTS_IN_PROVINCE, "province", province)):
        if value and (value := simplified(value)):
            these = store.query(statement, {param: value}).rows[0][0]
            docs = these if docs is None else sorted(set(docs) & set(these))
    params = {"key": key, "types": [t for t in (types or FACT_TYPES) if t in FACT_TYPES],
              "year": year, "docs": docs, "labels": labels or None, "limit": limit + 1}
    rows = store.query(NEIGHBOURS[label], params).rows
    nodes = {key: node_json(key, label, found[0][0])}
    edges = {}
    for source, type_, props, target, other, label, node in rows[:limit]:
        nodes.setdefault(other, node_json(other, label, node))
        edge = edge_json(source, type_, target, props)
        edges[edge["id"]] = edge
    return {"nodes": list(nodes.values()), "edges": list(edges.values()),
            "truncated": len(rows) > limit}


def view_graph(store: GraphStore, keys: list[str]) -> nx.MultiDiGraph:
    """The given entities and the fact relationships among them, in the shape
    of :func:`kg.export.generate_graph` (so the exporters write it)."""
    keys = list(dict.fromkeys(keys))[:VIEW_LIMIT]
    found: dict[str, tuple[str, dict[str, Any]]] = {}
    edges = []
    for label, these in by_label(keys).items():
        found.update((key, (label, properties))
                     for key, properties in store.query(NODES[label], {"keys": these}).rows)
        edges += store.query(EDGES_AMONG[label], {"sources": these, "keys": keys,
                                                  "types": list(FACT_TYPES)}).rows
    graph = nx.MultiDiGraph()
    for key in (key for key in keys if key in found):
        label, properties = found[key]
        graph.add_node(key, labels=sorted([label, ENTITY]), **properties)
    for source, type_, properties, target in sorted(edges, key=lambda e: (e[0], e[1], e[3])):
        graph.add_edge(source, target, key=type_, type=type_, **properties)
    return graph


def subgraph(store: GraphStore, keys: list[str]) -> dict[str, Any]:
    """:func:`view_graph` as the page draws it."""
    graph = view_graph(store, keys)
    nodes = [node_json(n, next(lb for lb in d["labels"] if lb != ENTITY),
                       {k: v for k, v in d.items() if k != "labels"})
             for n, d in graph.nodes(data=True)]
    edges = [edge_json(s, d["type"], t, d) for s, t, d in graph.edges(data=True)]
    return {"nodes": nodes, "edges": edges, "truncated": False}


def named_keys(store: GraphStore, names: set[str]) -> list[str]:
    """Keys of the entities whose key, name or person is one of ``names``: the keys
    first, then the named, then the persons, each in the order of ``names`` sorted."""
    if not names:
        return []
    ordered = sorted(names)
    keyed = {key for label, keys in by_label(ordered).items()
             for (key,) in store.query(KEYS_FOUND[label], {"keys": keys}).rows}
    found = [key for key in ordered if key in keyed]
    position = {name: i for i, name in enumerate(ordered)}
    for field in ("name", "person"):
        named = [row for label, f in NAME_FIELDS.items() if f == field
                 for row in store.query(NAMED[label], {"names": ordered}).rows]
        found += [key for _, key in sorted(named, key=lambda row: (position[row[0]], row[1]))]
    return list(dict.fromkeys(found))[:VIEW_LIMIT]


def provenance(store: GraphStore, *, key: str | None = None, source: str | None = None,
               type_: str | None = None, target: str | None = None,
               limit: int = 100) -> list[dict[str, Any]]:
    """Evidence sentences of a node (its mentions) or of one fact relationship
    (its chunks, with both ends' mentions), each with its document and source
    file; ``spans`` are offsets into the sentence text."""
    if key is not None:
        result = store.query(NODE_MENTIONS[label_of_key(key)], {"key": key, "limit": limit})
    else:
        result = store.query(FACT_EVIDENCE[label_of_key(source or "")],
                             {"source": source, "target": target, "type": type_, "limit": limit})
    items = []
    for row in result.records():
        base = row.pop("chunk_start") or 0
        spans = sorted({(s - base, e - base) for s, e in row.pop("spans")
                        if s is not None and e is not None})
        items.append({**row, "spans": [list(span) for span in spans]})
    return items
