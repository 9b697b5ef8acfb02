"""Network analysis: centrality, mechanism co-occurrence, jurisdiction similarity.

:func:`analyse` runs one analysis on a graph read by
:func:`kg.export.generate_graph` and returns named tables (lists of dicts),
optionally writing PNG charts; the pieces live in :mod:`kg.analyse.network`
and :mod:`kg.analyse.plots`.

>>> ANALYSES
('centrality', 'cooccurrence', 'similarity')
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from kg.analyse.network import (
    SIMILARITY_METHODS, centrality, communities, cooccurrence_network, cooccurrence_pairs,
    entity_network, jurisdiction_similarity, mechanism_profiles,
)
from kg.errors import Errors, KGError

ANALYSES = ("centrality", "cooccurrence", "similarity")


def analyse(graph: nx.MultiDiGraph, kind: str, *, plot_dir: str | Path | None = None,
            top: int | None = None, method: str = "jaccard",
            ) -> tuple[dict[str, list[dict[str, Any]]], list[Path]]:
    """Run one analysis: ``(tables by title, PNG files written)``."""
    from kg.analyse import plots

    if kind not in ANALYSES:
        raise KGError(Errors.E503, what="analysis", value=kind, choices=", ".join(ANALYSES))
    written: list[Path] = []
    folder = Path(plot_dir) if plot_dir else None
    if kind == "centrality":
        rows = centrality(graph, top=top)
        tables = {"centrality of institutions": rows}
        if folder:
            written.append(plots.plot_centrality(rows, folder / "centrality.png"))
    elif kind == "cooccurrence":
        pairs = cooccurrence_pairs(graph)
        tables = {"mechanism pairs": pairs[:top] if top else pairs,
                  "mechanism communities": communities(graph)}
        if folder:
            written.append(plots.plot_cooccurrence(cooccurrence_network(graph),
                                                   folder / "cooccurrence.png"))
    else:
        rows = jurisdiction_similarity(graph, method=method)
        tables = {f"jurisdiction similarity ({method})": rows[:top] if top else rows}
        if folder:
            written.append(plots.plot_similarity(rows, folder / "similarity.png"))
    return tables, written


__all__ = [
    "ANALYSES", "SIMILARITY_METHODS", "analyse", "centrality", "communities",
    "cooccurrence_network", "cooccurrence_pairs", "entity_network", "jurisdiction_similarity",
    "mechanism_profiles",
]
