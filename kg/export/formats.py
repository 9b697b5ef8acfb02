"""Serialise a graph from :func:`kg.export.graph.generate_graph`.

Pure ``generate_*`` functions turn a graph into text (or tables); thin
``write_*`` wrappers put that on disk. Formats:

- GraphML and GEXF (networkx): node ``labels`` joined with ":"; list
  properties (``docs``, ``chunks``, ``years``) as JSON arrays in strings,
  since neither format has lists; missing values left out.
- CSV for ``neo4j-admin database import full``: one file per node label and
  per relationship type, headers with ``:ID``/``:LABEL``/``:START_ID``/
  ``:END_ID``/``:TYPE`` and typed properties (``year:int``, ``docs:string[]``),
  arrays separated by ";" (the importer's default).
- JSON Lines: one node or relationship per line, in the shape of APOC's JSON
  export (``{"type": "node", "id", "labels", "properties"}``).
- Parquet (pyarrow): the same tables as the CSV export, lists kept as lists.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("Mechanism|访调对接", labels=["Mechanism", "__Entity__"], key="Mechanism|访调对接", name="访调对接")
>>> print(next(generate_jsonl(g)))
{"type": "node", "id": "Mechanism|访调对接", "labels": ["Mechanism", "__Entity__"], "properties": {"key": "Mechanism|访调对接", "name": "访调对接"}}
>>> generate_csv(g)["nodes_Mechanism.csv"].splitlines()[0]
'key:ID,:LABEL,name'
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from kg.export.graph import primary_label

ARRAY_DELIMITER = ";"


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
def generate_tables(graph: nx.MultiDiGraph) -> dict[str, tuple[list[tuple[str, str]], list[list[Any]]]]:
    """Tables by name (``nodes_<Label>``, ``relationships_<TYPE>``).

    Each table is ``(columns, rows)`` where a column is ``(name, neo4j type)``;
    the type is ``ID``, ``LABEL``, ``START_ID``, ``END_ID``, ``TYPE`` or a
    property type (``string``, ``int``, ``double``, ``boolean``, ``string[]``…).
    """
    groups: dict[str, list[dict[str, Any]]] = {}
    for n, data in graph.nodes(data=True):
        row = {k: v for k, v in data.items() if k != "labels"}
        row["__id"], row["__labels"] = n, data["labels"]
        groups.setdefault(f"nodes_{primary_label(data['labels'])}", []).append(row)
    for s, t, data in graph.edges(data=True):
        row = {k: v for k, v in data.items() if k != "type"}
        row["__start"], row["__end"], row["__type"] = s, t, data["type"]
        groups.setdefault(f"relationships_{data['type']}", []).append(row)
    return {name: _table(name, rows) for name, rows in sorted(groups.items())}


def _table(name: str, rows: list[dict[str, Any]]):
    if name.startswith("nodes_"):
        id_field = "key" if any("key" in r for r in rows) else "id"
        head = [(id_field, "ID"), ("__labels", "LABEL")]
        skip = {"__id", "__labels", id_field}
        values = {"ID": "__id"}
    else:
        head = [("__start", "START_ID"), ("__end", "END_ID"), ("__type", "TYPE")]
        skip = {"__start", "__end", "__type"}
        values = {}
    props = sorted({k for r in rows for k in r if k not in skip})
    columns = head + [(p, _neo4j_type([r.get(p) for r in rows])) for p in props]
    table = []
    for r in rows:
        table.append([r.get(values.get(t, c)) for c, t in columns])
    return columns, table


def _neo4j_type(values: list[Any]) -> str:
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, (list, tuple)) for v in present):
        items = [x for v in present for x in v]
        return _scalar_type(items) + "[]"
    return _scalar_type(present)


def _scalar_type(values: list[Any]) -> str:
    if values and all(isinstance(v, bool) for v in values):
        return "boolean"
    if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "long"
    if values and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return "double"
    return "string"


def csv_header(columns: list[tuple[str, str]]) -> list[str]:
    """neo4j-admin header fields: ``key:ID``, ``:LABEL``, ``:START_ID``, ``year:long`` …"""
    fields = []
    for name, type_ in columns:
        if type_ in ("LABEL", "START_ID", "END_ID", "TYPE"):
            fields.append(f":{type_}")
        elif type_ == "string":
            fields.append(name)
        else:
            fields.append(f"{name}:{type_}")
    return fields


def _csv_field(value: Any) -> str:
    """One CSV field as neo4j-admin reads it: no value (None, an empty list) is an
    empty field, an empty string a quoted one (Python's csv writes both alike).

    >>> [_csv_field(v) for v in (None, [], "", "a,b", 'say "x" now', 3, True, ["a", "b"])]
    ['', '', '""', '"a,b"', '"say ""x"" now"', '3', 'true', 'a;b']
    """
    if value is None or value == []:
        return ""
    text = _csv_cell(value)
    if text == "" or any(char in text for char in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ARRAY_DELIMITER.join(_csv_cell(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def generate_csv(graph: nx.MultiDiGraph) -> dict[str, str]:
    """CSV text by file name, ready for ``neo4j-admin database import full``."""
    files = {}
    for name, (columns, rows) in generate_tables(graph).items():
        lines = [csv_header(columns), *([_csv_field(v) for v in row] for row in rows)]
        files[f"{name}.csv"] = "".join(",".join(line) + "\n" for line in lines)
    return files


def import_command(file_names: list[str], database: str = "neo4j") -> str:
    """The ``neo4j-admin`` command that loads the CSV files (run from their folder)."""
    args = [f"--nodes={f}" for f in file_names if f.startswith("nodes_")]
    args += [f"--relationships={f}" for f in file_names if f.startswith("relationships_")]
    return " \\\n  ".join(["neo4j-admin database import full", *args,
                          f"--array-delimiter='{ARRAY_DELIMITER}'", database])


def generate_parquet_tables(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """pyarrow Tables by name, as :func:`generate_tables`; the special columns are
    named ``key``/``id``, ``labels``, ``source``, ``target`` and ``type``."""
    import pyarrow as pa

    rename = {"__labels": "labels", "__start": "source", "__end": "target", "__type": "type"}
    tables = {}
    for name, (columns, rows) in generate_tables(graph).items():
        names = [rename.get(c, c) for c, _ in columns]
        data = {}
        for i, (n, (_, type_)) in enumerate(zip(names, columns)):
            column = [row[i] for row in rows]
            if type_ == "double":
                column = [None if v is None else float(v) for v in column]
            elif type_ == "double[]":
                column = [None if v is None else [float(x) for x in v] for v in column]
            data[n] = column
        tables[name] = pa.table(data)
    return tables


# ------------------------------------------------------------------- writers
def write_graphml(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    return _write_lines(generate_graphml(graph), path)


def write_gexf(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    return _write_lines(generate_gexf(graph), path)


def write_jsonl(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    return _write_lines(generate_jsonl(graph), path)


def write_csv(graph: nx.MultiDiGraph, folder: str | Path) -> Path:
    """One CSV per label and type in ``folder``, plus ``import.sh`` with the neo4j-admin command."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    files = generate_csv(graph)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "import.sh").write_text("#!/bin/sh\n# Load with Neo4j stopped; run here.\n"
                                      + import_command(sorted(files)) + "\n", encoding="utf-8")
    return folder


def write_parquet(graph: nx.MultiDiGraph, folder: str | Path) -> Path:
    """One Parquet file per label and type in ``folder``."""
    import pyarrow.parquet as pq

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, table in generate_parquet_tables(graph).items():
        pq.write_table(table, folder / f"{name}.parquet")
    return folder


def _write_lines(lines: Iterator[str], path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for line in lines:
            fh.write(line + "\n")
    return path
