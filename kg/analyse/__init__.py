"""Network analysis: centrality, mechanism co-occurrence, jurisdiction similarity.

:func:`analyse` runs one analysis on a graph read by
:func:`kg.export.generate_graph` and returns named tables (lists of dicts),
optionally writing PNG charts; the pieces live in :mod:`kg.analyse.network`
and :mod:`kg.analyse.plots`.

>>> ANALYSES
('centrality', 'cooccurrence', 'similarity', 'adoption')
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from kg.analyse.network import (
    SIMILARITY_METHODS, centrality, communities, cooccurrence_network, cooccurrence_pairs,
    entity_network, jurisdiction_similarity, mechanism_profiles,
)
from kg.analyse.geography import adoption_by_province
from kg.errors import Errors, KGError

ANALYSES = ("centrality", "cooccurrence", "similarity", "adoption")


def analyse(graph: nx.MultiDiGraph, kind: str, *, plot_dir: str | Path | None = None,
            top: int | None = None, method: str = "jaccard", mechanism: str | None = None,
            ) -> tuple[dict[str, list[dict[str, Any]]], list[Path]]:
    """Run one analysis: ``(tables by title, PNG files written)``; ``mechanism``
    is the one whose adoption by province is counted (None: any)."""
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
    elif kind == "adoption":
        rows = adoption_by_province(graph, mechanism)
        what = mechanism or "any mechanism"
        tables = {f"adoption of {what} by province": rows}
        if folder:
            written.append(plots.plot_province_map(rows, folder / "adoption-by-province.png",
                                                   title=f"{what}: share of placed jurisdictions by province"))
    else:
        rows = jurisdiction_similarity(graph, method=method)
        tables = {f"jurisdiction similarity ({method})": rows[:top] if top else rows}
        if folder:
            written.append(plots.plot_similarity(rows, folder / "similarity.png"))
    return tables, written


__all__ = [
    "ANALYSES", "SIMILARITY_METHODS", "adoption_by_province", "analyse", "centrality", "communities",
    "cooccurrence_network", "cooccurrence_pairs", "entity_network", "jurisdiction_similarity",
    "mechanism_profiles",
]
