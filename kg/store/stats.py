"""Counts of a graph: nodes per label, relationships per type.

>>> graph_counts(store)  # doctest: +SKIP
{'labels': {'Chunk': 412, 'Document': 8, ...}, 'relationship_types': {...}}
"""

from __future__ import annotations

from kg.store.base import GraphStore
from kg.store.schema import DERIVED_LABELS, DERIVED_TYPES, DOCUMENT_TYPES, ENTITY_LABEL

NODES_PER_LABEL = "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS count"
RELATIONSHIPS_PER_TYPE = "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS count"
# The graph of the documents: the loader's derived tallies left out.
DOCUMENT_NODES = "MATCH (n) WHERE none(label IN labels(n) WHERE label IN $derived) RETURN count(n)"
DOCUMENT_RELATIONSHIPS = "MATCH ()-[r]->() WHERE type(r) IN $types RETURN count(r)"
INCOMPLETE_DOCUMENTS = ("MATCH (d:Document) WHERE d.complete = false "
                        "RETURN d.source AS source ORDER BY source")


def graph_counts(store: GraphStore, *, internal: bool = False) -> dict[str, dict[str, int]]:
    """Nodes per label and relationships per type, sorted by name.

    The loader's own bookkeeping (the ``__Entity__`` label every entity also
    carries, the derived tallies) is left out unless ``internal``: the totals
    are then those of the documents' graph, the same as an export's.
    """
    hidden_labels = set() if internal else {ENTITY_LABEL, *DERIVED_LABELS}
    hidden_types = set() if internal else set(DERIVED_TYPES)
    labels = {k: v for k, v in sorted(store.query(NODES_PER_LABEL).rows) if k not in hidden_labels}
    types = {k: v for k, v in sorted(store.query(RELATIONSHIPS_PER_TYPE).rows)
             if k not in hidden_types}
    return {"labels": labels, "relationship_types": types}


def document_graph_size(store: GraphStore) -> tuple[int, int]:
    """Nodes and relationships of the documents (what an export holds)."""
    nodes = store.query(DOCUMENT_NODES, {"derived": list(DERIVED_LABELS)}).rows[0][0]
    relationships = store.query(DOCUMENT_RELATIONSHIPS, {"types": list(DOCUMENT_TYPES)}).rows[0][0]
    return nodes, relationships


def incomplete_documents(store: GraphStore) -> list[str]:
    """Sources of documents whose load was interrupted (the next load redoes them)."""
    return [source for (source,) in store.query(INCOMPLETE_DOCUMENTS).rows]
