"""Serialise a graph from :func:`kg.export.graph.generate_graph`.

Pure ``generate_*`` functions turn a graph into text (or tables); thin
``write_*`` wrappers put that on disk. Formats:

- GraphML and GEXF (networkx): node ``labels`` joined with ":"; list
  properties (``docs``, ``chunks``, ``years``) as JSON arrays in strings,
  since neither format has lists; missing values left out.
- CSV for ``neo4j-admin database import full``: one file per node label and
  per relationship type, headers with ``:ID``/``:LABEL``/``:START_ID``/
  ``:END_ID``/``:TYPE`` and typed properties (``year:long``, ``docs:string[]``),
  written by :mod:`kg.store.admin_import` (the writer of ``kg bulk csv`` too).
- JSON Lines: one node or relationship per line, in the shape of APOC's JSON
  export (``{"type": "node", "id", "labels", "properties"}``).
- Parquet (pyarrow): the same tables as the CSV export, lists kept as lists.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("Mechanism|访调对接", labels=["Mechanism", "__Entity__"], key="Mechanism|访调对接", name="访调对接")
>>> print(next(generate_jsonl(g)))
{"type": "node", "id": "Mechanism|访调对接", "labels": ["Mechanism", "__Entity__"], "properties": {"key": "Mechanism|访调对接", "name": "访调对接"}}
>>> generate_csv(g)["nodes_Mechanism.csv"].splitlines()
['key:ID,:LABEL,name', '"Mechanism|访调对接","Mechanism;__Entity__","访调对接"']
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from kg.atomic import atomic_file, atomic_folder
from kg.export.graph import primary_label
from kg.store.admin_import import ImportTable, column_types, generate_import_csv, write_import_tables


# ------------------------------------------------------------ GraphML, GEXF
def flat_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes are all scalars: labels joined, lists as JSON, None dropped."""
    flat = nx.MultiDiGraph()
    for n, data in graph.nodes(data=True):
        attrs = _flat(data)
        attrs["labels"] = ":".join(data["labels"])
        attrs["label"] = _display(data)
        flat.add_node(n, **attrs)
    for s, t, k, data in graph.edges(keys=True, data=True):
        flat.add_edge(s, t, key=k, **_flat(data))
    return flat


def _flat(data: dict[str, Any]) -> dict[str, Any]:
    return {k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, tuple, dict)) else v
            for k, v in data.items() if v is not None}


def _display(data: dict[str, Any]) -> str:
    for field in ("name", "person", "role", "title", "metric"):
        if data.get(field):
            return str(data[field])
    return str(data.get("key") or data.get("id"))


def generate_graphml(graph: nx.MultiDiGraph) -> Iterator[str]:
    """GraphML lines (numeric types inferred per attribute)."""
    writer = nx.readwrite.graphml.GraphMLWriter(infer_numeric_types=True)
    writer.add_graph_element(flat_graph(graph))
    yield from str(writer).splitlines()


def generate_gexf(graph: nx.MultiDiGraph) -> Iterator[str]:
    """GEXF 1.2 lines."""
    yield from nx.generate_gexf(flat_graph(graph))


# ---------------------------------------------------------------- JSON Lines
def generate_jsonl(graph: nx.MultiDiGraph) -> Iterator[str]:
    """One JSON object per node, then per relationship."""
    for n, data in graph.nodes(data=True):
        props = {k: v for k, v in data.items() if k != "labels" and v is not None}
        yield json.dumps({"type": "node", "id": n, "labels": data["labels"], "properties": props},
                         ensure_ascii=False)
    for s, t, data in graph.edges(data=True):
        props = {k: v for k, v in data.items() if k != "type" and v is not None}
        yield json.dumps({
            "type": "relationship", "label": data["type"], "properties": props,
            "start": {"id": s, "labels": graph.nodes[s]["labels"]},
            "end": {"id": t, "labels": graph.nodes[t]["labels"]},
        }, ensure_ascii=False)


# ---------------------------------------------------- tables: CSV, Parquet
# The special columns of the tables (their CSV header fields; a node's ID
# column is its ``key`` or ``id``, named in generate_import_tables).
LABELS, SOURCE, TARGET, TYPE = "labels", "source", "target", "type"
RELATIONSHIP_COLUMNS = {SOURCE: ":START_ID", TARGET: ":END_ID", TYPE: ":TYPE"}


def generate_import_tables(graph: nx.MultiDiGraph) -> list[ImportTable]:
    """One table per node label (``nodes_<Label>``, with ``key`` or ``id`` as
    its ID column and a ``labels`` column) and per relationship type
    (``relationships_<TYPE>``: ``source``, ``target``, ``type``), by name."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for data in graph.nodes.values():  # the node's key or id is its identifier (graph.node_id)
        groups.setdefault(f"nodes_{primary_label(data[LABELS])}", []).append(data)
    for s, t, data in graph.edges(data=True):
        groups.setdefault(f"relationships_{data[TYPE]}", []).append({**data, SOURCE: s, TARGET: t})
    tables = []
    for name, rows in sorted(groups.items()):
        if name.startswith("nodes_"):
            id_field = "key" if any("key" in r for r in rows) else "id"
            tables.append(ImportTable(f"{name}.csv", rows, {id_field: f"{id_field}:ID", LABELS: ":LABEL"}))
        else:
            tables.append(ImportTable(f"{name}.csv", rows, RELATIONSHIP_COLUMNS, relationships=True))
    return tables


def generate_csv(graph: nx.MultiDiGraph) -> dict[str, str]:
    """CSV text by file name, ready for ``neo4j-admin database import full``."""
    return {table.file: "".join(generate_import_csv(table)) for table in generate_import_tables(graph)}


def generate_parquet_tables(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """pyarrow Tables by name, with the columns of the CSV export (the special
    ones named ``key``/``id``, ``labels``, ``source``, ``target`` and ``type``)."""
    import pyarrow as pa

    tables = {}
    for table in generate_import_tables(graph):
        data = {}
        for name, type_ in column_types(table).items():
            column = [row.get(name) for row in table.rows]
            if type_ == "double":
                column = [None if v is None else float(v) for v in column]
            elif type_ == "double[]":
                column = [None if v is None else [float(x) for x in v] for v in column]
            data[name] = column
        tables[table.file.removesuffix(".csv")] = pa.table(data)
    return tables


# ------------------------------------------------------------------- writers
# Each writer writes whole or not at all (kg/atomic.py); ``replace=False``
# refuses an existing path (E017) and a link at the path is never followed.
def write_graphml(graph: nx.MultiDiGraph, path: str | Path, *, replace: bool = True) -> Path:
    return _write_lines(generate_graphml(graph), path, replace)


def write_gexf(graph: nx.MultiDiGraph, path: str | Path, *, replace: bool = True) -> Path:
    return _write_lines(generate_gexf(graph), path, replace)


def write_jsonl(graph: nx.MultiDiGraph, path: str | Path, *, replace: bool = True) -> Path:
    return _write_lines(generate_jsonl(graph), path, replace)


def write_csv(graph: nx.MultiDiGraph, folder: str | Path, *, replace: bool = True) -> Path:
    """One CSV per label and type in ``folder``, plus ``import.sh`` with the
    neo4j-admin command and what to run after it; the folder is replaced
    whole (no table of an earlier export survives)."""
    with atomic_folder(folder, replace=replace) as partial:
        files = write_import_tables(generate_import_tables(graph), partial)
        (partial / "import.sh").write_text(
            "#!/bin/sh\n# Load with Neo4j stopped; run here. It replaces the database.\n"
            + files.command(absolute=False) + "\n"
            + "# Then start Neo4j and run: kg bulk finish --neo4j URI\n"
            + "# (the empty provenance lists, constraints, indexes and tallies).\n", encoding="utf-8")
    return Path(folder)


def write_parquet(graph: nx.MultiDiGraph, folder: str | Path, *, replace: bool = True) -> Path:
    """One Parquet file per label and type in ``folder``, replaced whole."""
    import pyarrow.parquet as pq

    tables = generate_parquet_tables(graph)
    with atomic_folder(folder, replace=replace) as partial:
        for name, table in tables.items():
            pq.write_table(table, partial / f"{name}.parquet")
    return Path(folder)


def _write_lines(lines: Iterator[str], path: str | Path, replace: bool) -> Path:
    with atomic_file(path, replace=replace) as fh:
        for line in lines:
            fh.write(line + "\n")
    return Path(path)
