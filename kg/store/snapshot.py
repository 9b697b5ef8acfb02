"""A canonical, order-free picture of a whole graph, for comparing graphs.

Two graphs are the same when their snapshots are equal: every node with its
labels and properties, every relationship with its type, its end nodes
(named by ``key`` or ``id``) and its properties. Internal ids never appear.

>>> with open_store("/tmp/a") as a, open_store("/tmp/b") as b:  # doctest: +SKIP
...     assert snapshot(a) == snapshot(b)
"""

from __future__ import annotations

import json
from typing import Any

from kg.store.base import GraphStore

ALL_NODES = "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props"
ALL_RELATIONSHIPS = (
    "MATCH (a)-[r]->(b) RETURN coalesce(a.key, a.id) AS source, type(r) AS type, "
    "coalesce(b.key, b.id) AS target, properties(r) AS props")


def _canon(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def snapshot(store: GraphStore) -> dict[str, list[str]]:
    """Sorted canonical JSON lines of every node and relationship."""
    nodes = sorted(_canon([sorted(labels), props]) for labels, props in store.query(ALL_NODES).rows)
    relationships = sorted(_canon(row) for row in store.query(ALL_RELATIONSHIPS).rows)
    return {"nodes": nodes, "relationships": relationships}
