"""Exports: GraphML, GEXF, neo4j-admin CSV, JSON Lines and Parquet.

:func:`export` reads the store (or one pack's subgraph) and writes one format;
the pure ``generate_*`` functions and thin ``write_*`` wrappers live in
:mod:`kg.export.formats`.

>>> sorted(WRITERS)
['csv', 'gexf', 'graphml', 'jsonl', 'parquet']
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from kg.errors import Errors, KGError
from kg.export.formats import (
    generate_csv, generate_gexf, generate_graphml, generate_jsonl, generate_parquet_tables,
    generate_import_tables, write_csv, write_gexf, write_graphml, write_jsonl, write_parquet,
)
from kg.export.graph import generate_graph, pack_subgraph
from kg.store.base import GraphStore

# csv and parquet write a folder of tables; the others one file.
WRITERS = {"graphml": write_graphml, "gexf": write_gexf, "jsonl": write_jsonl,
           "csv": write_csv, "parquet": write_parquet}


def export(store: GraphStore, fmt: str, path: str | Path, *, pack: str | None = None,
           params: dict[str, Any] | None = None, replace: bool = False) -> tuple[Path, int, int]:
    """Write the graph (or ``pack``'s subgraph) as ``fmt`` to ``path``, whole
    or not at all; an existing ``path`` (a file, folder or link) is replaced
    only with ``replace=True`` (a link itself, never what it points to).

    Returns the path written and the node and relationship counts.
    """
    if fmt not in WRITERS:
        raise KGError(Errors.E501, format=fmt, choices=", ".join(sorted(WRITERS)))
    if not replace and os.path.lexists(path):
        raise KGError(Errors.E211, path=str(path))  # before the graph is read
    graph = generate_graph(store, pack=pack, params=params)
    written = WRITERS[fmt](graph, path, replace=replace)
    return written, graph.number_of_nodes(), graph.number_of_edges()


__all__ = [
    "WRITERS", "export", "generate_csv", "generate_gexf", "generate_graph", "generate_graphml",
    "generate_import_tables", "generate_jsonl", "generate_parquet_tables", "pack_subgraph",
    "write_csv", "write_gexf", "write_graphml", "write_jsonl", "write_parquet",
]
