"""Read the store (or one pack's part of it) into a networkx graph.

Every node is identified by its ``key`` (entities) or ``id`` (Document,
Chunk), so identifiers are the same on every back end and in every export.
Node attributes are ``labels`` (sorted list) plus the node's properties; edge
attributes are ``type`` plus the relationship's properties, including the
provenance lists ``docs``, ``chunks`` and ``years``.

>>> from kg.store import open_store                       # doctest: +SKIP
>>> with open_store() as store:                           # doctest: +SKIP
...     graph = generate_graph(store)
...     sub = generate_graph(store, pack="legal-adviser-network")
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from kg.query.packs import run_pack
from kg.store.base import GraphStore
from kg.store.schema import DERIVED_LABELS, DOCUMENT_TYPES, ENTITY_LABEL

# The loader's tallies (kg/store/tallies.py) are derived counts for the packs, not data.
_NODES = """
MATCH (n) WHERE none(label IN labels(n) WHERE label IN $derived)
RETURN labels(n) AS labels, properties(n) AS properties
ORDER BY coalesce(n.key, n.id)
"""
_RELATIONSHIPS = """
MATCH (a)-[r]->(b) WHERE type(r) IN $types
RETURN coalesce(a.key, a.id) AS source, type(r) AS type, properties(r) AS properties,
       coalesce(b.key, b.id) AS target
ORDER BY source, type, target, r.start
"""


def node_id(properties: dict[str, Any]) -> str:
    """The export identifier of a node: its ``key``, else its ``id``."""
    return properties.get("key") or properties["id"]


def primary_label(labels: Iterable[str]) -> str:
    """The node's one label that is not ``__Entity__`` (``Body``, ``Chunk`` …)."""
    return next(label for label in sorted(labels) if label != ENTITY_LABEL)


def generate_graph(store: GraphStore, *, pack: str | None = None,
                   params: dict[str, Any] | None = None) -> nx.MultiDiGraph:
    """The whole graph, or with ``pack`` the part of it one pack's rows name.

    A pack's subgraph holds the entities whose key, name or person appears in
    a cell of its result (lists included), the relationships among them, and
    their provenance: the chunks that mention them or that their facts cite,
    those chunks' documents, and the edges linking all of these.
    """
    graph = nx.MultiDiGraph()
    for labels, properties in store.query(_NODES, {"derived": list(DERIVED_LABELS)}).rows:
        graph.add_node(node_id(properties), labels=sorted(labels), **properties)
    for source, type_, properties, target in store.query(
            _RELATIONSHIPS, {"types": list(DOCUMENT_TYPES)}).rows:
        graph.add_edge(source, target, key=_edge_key(type_, properties), type=type_, **properties)
    if pack is None:
        return graph
    result = run_pack(store, pack, params)
    return pack_subgraph(graph, cell_strings(result.rows))


def _edge_key(type_: str, properties: dict[str, Any]) -> str:
    # Mentions of one entity in one chunk differ only by offsets.
    if type_ == "FROM_CHUNK":
        return f"{type_}@{properties.get('start')}-{properties.get('end')}"
    return type_


def cell_strings(rows: list[list[Any]]) -> set[str]:
    """Every string in the cells of ``rows``, lists and maps included."""
    found: set[str] = set()
    stack: list[Any] = [cell for row in rows for cell in row]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            found.add(value)
        elif isinstance(value, (list, tuple)):
            stack.extend(value)
        elif isinstance(value, dict):
            stack.extend(value.values())
    return found


def pack_subgraph(graph: nx.MultiDiGraph, names: set[str]) -> nx.MultiDiGraph:
    """The entities of ``graph`` named by ``names`` (key, name or person) with their provenance."""
    seeds = {
        n for n, data in graph.nodes(data=True)
        if ENTITY_LABEL in data["labels"]
        and (n in names or data.get("name") in names or data.get("person") in names)
    }
    chunks: set[str] = set()
    for source, target, data in graph.edges(data=True):
        if source in seeds and data["type"] == "FROM_CHUNK":
            chunks.add(target)
        elif source in seeds and target in seeds:
            chunks.update(c for c in data.get("chunks") or () if c in graph)
    documents = {t for c in chunks for _, t, d in graph.out_edges(c, data=True)
                 if d["type"] == "FROM_DOCUMENT"}
    return graph.subgraph(seeds | chunks | documents).copy()
