"""Network analysis of the graph with networkx.

All functions take the graph :func:`kg.export.generate_graph` reads from the
store (nodes keyed by ``key``/``id``, attributes ``labels`` and properties,
edges with ``type``) and return plain rows, so the CLI prints them as tables
and notebooks turn them into DataFrames.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> for j in ("A", "B"):
...     g.add_node(j, labels=["Jurisdiction", "__Entity__"], name=j)
>>> for m in ("x", "y", "z"):
...     g.add_node(m, labels=["Mechanism", "__Entity__"], name=m)
>>> for j, m in [("A", "x"), ("A", "y"), ("B", "x"), ("B", "y"), ("B", "z")]:
...     _ = g.add_edge(j, m, type="HAS_MECHANISM")
>>> jurisdiction_similarity(g)[0]
{'jurisdiction_a': 'A', 'jurisdiction_b': 'B', 'similarity': 0.667, 'shared': ['x', 'y']}
>>> cooccurrence_pairs(g)[0]
{'mechanism_a': 'x', 'mechanism_b': 'y', 'jurisdictions': 2, 'community': 0}
"""

from __future__ import annotations

import math
from itertools import combinations
from typing import Any

import networkx as nx

from kg.errors import Errors, KGError
from kg.export.graph import primary_label
from kg.store import schema
from kg.store.schema import ENTITY_LABEL
from kg.store.keys import jurisdiction_in_key

# The fact relationships of the ontology; provenance edges are not part of the network.
# REPORTS links a figure, not two institutions.
FACT_TYPES = frozenset(schema.FACT_TYPES) - {"REPORTS"}
INSTITUTION_LABELS = ("Body", "Center", "Actor")
SIMILARITY_METHODS = ("jaccard", "cosine")


def display_name(data: dict[str, Any]) -> str:
    """A readable name for a node: name, else person, else role."""
    return str(data.get("name") or data.get("person") or data.get("role") or data.get("key"))


def entity_network(graph: nx.MultiDiGraph) -> nx.Graph:
    """The undirected simple graph of entities linked by fact relationships."""
    network = nx.Graph()
    for n, data in graph.nodes(data=True):
        if ENTITY_LABEL in data["labels"] and "Indicator" not in data["labels"]:
            network.add_node(n, label=primary_label(data["labels"]), name=display_name(data))
    for s, t, data in graph.edges(data=True):
        if data["type"] in FACT_TYPES and s in network and t in network and s != t:
            network.add_edge(s, t)
    return network


def centrality(graph: nx.MultiDiGraph, *, top: int | None = None) -> list[dict[str, Any]]:
    """Degree and betweenness centrality of institutions (bodies, centers, actors)
    in the entity network, highest betweenness first; ``jurisdiction`` tells
    apart institutions of the same name."""
    network = entity_network(graph)
    if network.number_of_nodes() == 0:
        return []
    degree = nx.degree_centrality(network)
    betweenness = nx.betweenness_centrality(network, normalized=True)
    rows = [{"institution": data["name"], "label": data["label"],
             "jurisdiction": jurisdiction_in_key(n), "key": n,
             "degree": network.degree(n), "degree_centrality": round(degree[n], 4),
             "betweenness": round(betweenness[n], 4)}
            for n, data in network.nodes(data=True) if data["label"] in INSTITUTION_LABELS]
    rows.sort(key=lambda r: (-r["betweenness"], -r["degree"], r["institution"], r["key"]))
    return rows[:top] if top else rows


def mechanism_profiles(graph: nx.MultiDiGraph) -> dict[str, tuple[str, set[str]]]:
    """Jurisdiction key -> (name, the set of mechanisms it reports)."""
    profiles: dict[str, tuple[str, set[str]]] = {}
    for s, t, data in graph.edges(data=True):
        if data["type"] == "HAS_MECHANISM":
            name = display_name(graph.nodes[s])
            profiles.setdefault(s, (name, set()))[1].add(display_name(graph.nodes[t]))
    return profiles


def cooccurrence_network(graph: nx.MultiDiGraph) -> nx.Graph:
    """Mechanisms linked when one jurisdiction reports both; ``weight`` counts
    the jurisdictions; nodes carry ``community`` (Louvain, seeded)."""
    network = nx.Graph()
    for _, mechanisms in mechanism_profiles(graph).values():
        network.add_nodes_from(mechanisms)
        for a, b in combinations(sorted(mechanisms), 2):
            weight = network.get_edge_data(a, b, {"weight": 0})["weight"]
            network.add_edge(a, b, weight=weight + 1)
    communities = nx.community.louvain_communities(network, weight="weight", seed=0) \
        if network.number_of_edges() else [{n} for n in network]
    # Number communities by size, then by their first member, so output is stable.
    ordered = sorted((sorted(c) for c in communities), key=lambda c: (-len(c), c[0]))
    for index, members in enumerate(ordered):
        for m in members:
            network.nodes[m]["community"] = index
    return network


def cooccurrence_pairs(graph: nx.MultiDiGraph, *, min_count: int = 1) -> list[dict[str, Any]]:
    """Co-occurring mechanism pairs with their count and shared community (or None)."""
    network = cooccurrence_network(graph)
    rows = []
    for a, b, data in network.edges(data=True):
        a, b = sorted((a, b))
        if data["weight"] >= min_count:
            ca, cb = network.nodes[a]["community"], network.nodes[b]["community"]
            rows.append({"mechanism_a": a, "mechanism_b": b, "jurisdictions": data["weight"],
                         "community": ca if ca == cb else None})
    rows.sort(key=lambda r: (-r["jurisdictions"], r["mechanism_a"], r["mechanism_b"]))
    return rows


def communities(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """The mechanism communities of the co-occurrence network."""
    network = cooccurrence_network(graph)
    groups: dict[int, list[str]] = {}
    for m, data in network.nodes(data=True):
        groups.setdefault(data["community"], []).append(m)
    return [{"community": c, "size": len(ms), "mechanisms": sorted(ms)}
            for c, ms in sorted(groups.items())]


def jurisdiction_similarity(graph: nx.MultiDiGraph, *, method: str = "jaccard",
                            top: int | None = None) -> list[dict[str, Any]]:
    """Pairs of jurisdictions by the similarity of their mechanism profiles
    (``jaccard`` or ``cosine`` on the binary profiles), most similar first."""
    if method not in SIMILARITY_METHODS:
        raise KGError(Errors.E503, what="similarity method", value=method,
                      choices=", ".join(SIMILARITY_METHODS))
    profiles = mechanism_profiles(graph)
    rows = []
    for (ka, (na, a)), (kb, (nb, b)) in combinations(sorted(profiles.items()), 2):
        shared = a & b
        score = len(shared) / len(a | b) if method == "jaccard" \
            else len(shared) / math.sqrt(len(a) * len(b))
        rows.append({"jurisdiction_a": na, "jurisdiction_b": nb, "similarity": round(score, 3),
                     "shared": sorted(shared)})
    rows.sort(key=lambda r: (-r["similarity"], r["jurisdiction_a"], r["jurisdiction_b"]))
    return rows[:top] if top else rows
