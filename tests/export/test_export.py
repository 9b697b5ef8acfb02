"""Exports of the examples graph: every format read back and checked against the store."""

from __future__ import annotations

import csv
import json
import re

import networkx as nx
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.export import export, generate_graph
from kg.store.stats import document_graph_size

# neo4j-admin database import: header field = [name][:TYPE], TYPE one of these, arrays with [].
ADMIN_TYPES = {"int", "long", "float", "double", "boolean", "byte", "short", "char", "string",
               "point", "date", "localtime", "time", "localdatetime", "datetime", "duration"}
FIELD = re.compile(r"^(?P<name>[^:]*)(?::(?P<type>[A-Za-z_]+)(?P<array>\[\])?(?:\((?P<group>[^)]*)\))?)?$")


def check_admin_header(header: list[str], kind: str) -> dict[str, str]:
    """The header as neo4j-admin reads it: property name -> type; raises on a bad field."""
    special = {"ID": 0, "LABEL": 0, "START_ID": 0, "END_ID": 0, "TYPE": 0}
    types = {}
    for field in header:
        m = FIELD.match(field)
        assert m, f"bad header field {field!r}"
        type_ = m["type"]
        if type_ in special:
            assert not m["array"]
            special[type_] += 1
            if type_ in ("LABEL", "START_ID", "END_ID", "TYPE"):
                assert m["name"] == "", f"{field!r}: {type_} takes no property name"
            continue
        assert m["name"], f"{field!r}: property without a name"
        assert type_ is None or type_.lower() in ADMIN_TYPES, f"{field!r}: unknown type"
        types[m["name"]] = (type_ or "string") + (m["array"] or "")
    if kind == "nodes":
        assert special["ID"] == 1 and special["START_ID"] == special["END_ID"] == special["TYPE"] == 0
    else:
        assert special["START_ID"] == special["END_ID"] == special["TYPE"] == 1 and special["ID"] == 0
    return types


def store_counts(store):
    """Nodes and relationships of the graph, the loader's derived tallies left out."""
    nodes = store.query("MATCH (n) WHERE NOT n:Tally RETURN count(n)").rows[0][0]
    relationships = store.query("MATCH ()-[r]->(b) WHERE NOT b:Tally AND type(r) <> 'CO_OCCURS' "
                                "RETURN count(r)").rows[0][0]
    assert (nodes, relationships) == document_graph_size(store)
    return nodes, relationships


def test_graphml_round_trip_keeps_counts_and_provenance(examples_store, tmp_path):
    path, nodes, relationships = export(examples_store, "graphml", tmp_path / "g.graphml")
    assert (nodes, relationships) == store_counts(examples_store)
    graph = nx.read_graphml(path, force_multigraph=True)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (nodes, relationships)
    facts = [d for _, _, d in graph.edges(data=True) if d["type"] == "HAS_MECHANISM"]
    assert facts and all(json.loads(d["docs"]) and json.loads(d["years"]) for d in facts)
    labels = {d["labels"] for _, d in graph.nodes(data=True)}
    assert {"Chunk", "Document", "Jurisdiction:__Entity__", "Mechanism:__Entity__"} <= labels


def test_gexf_and_jsonl_counts(examples_store, tmp_path):
    nodes, relationships = store_counts(examples_store)
    gexf, _, _ = export(examples_store, "gexf", tmp_path / "g.gexf")
    graph = nx.read_gexf(gexf)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (nodes, relationships)
    jsonl, _, _ = export(examples_store, "jsonl", tmp_path / "g.jsonl")
    lines = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert sum(x["type"] == "node" for x in lines) == nodes
    assert sum(x["type"] == "relationship" for x in lines) == relationships
    ids = {x["id"] for x in lines if x["type"] == "node"}
    assert all(x["start"]["id"] in ids and x["end"]["id"] in ids
               for x in lines if x["type"] == "relationship")


def test_csv_is_ready_for_neo4j_admin_import(examples_store, tmp_path):
    folder, nodes, relationships = export(examples_store, "csv", tmp_path / "csv")
    ids, node_rows, rel_rows = set(), 0, 0
    files = sorted(folder.glob("*.csv"))
    for path in files:
        kind = "nodes" if path.name.startswith("nodes_") else "relationships"
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader)
            types = check_admin_header(header, kind)
            for row in reader:
                record = dict(zip(header, row))
                for field, value in record.items():
                    name = field.split(":")[0]
                    type_ = types.get(name, "")
                    for item in filter(None, value.split(";") if type_.endswith("[]") else [value]):
                        if type_.startswith(("long", "int")):
                            int(item)
                        elif type_.startswith("double"):
                            float(item)
                        elif type_.startswith("boolean"):
                            assert item in ("true", "false")
                if kind == "nodes":
                    node_id = next(v for f, v in record.items() if f.endswith(":ID"))
                    assert node_id not in ids, "IDs must be unique across node files"
                    ids.add(node_id)
                    node_rows += 1
                else:
                    assert record[":START_ID"] in ids and record[":END_ID"] in ids
                    assert record[":TYPE"] == path.stem.removeprefix("relationships_")
                    rel_rows += 1
            if kind == "relationships" and path.stem.endswith("HAS_MECHANISM"):
                assert {"docs", "chunks", "years", "status"} <= set(types)
                assert types["docs"] == "string[]" and types["years"] in ("long[]", "int[]")
    assert (node_rows, rel_rows) == (nodes, relationships)
    command = (folder / "import.sh").read_text(encoding="utf-8")
    assert all(f"={p.name}" in command for p in files)
    assert "password" not in command.lower()


def test_parquet_tables(examples_store, tmp_path):
    folder, nodes, relationships = export(examples_store, "parquet", tmp_path / "pq")
    tables = {p.stem: pq.read_table(p) for p in folder.glob("*.parquet")}
    assert sum(t.num_rows for n, t in tables.items() if n.startswith("nodes_")) == nodes
    assert sum(t.num_rows for n, t in tables.items() if n.startswith("relationships_")) == relationships
    facts = tables["relationships_HAS_MECHANISM"].to_pylist()
    assert all(isinstance(f["docs"], list) and f["years"] for f in facts)
    chunks = tables["nodes_Chunk"].to_pylist()
    assert all(c["text"] and c["end"] > c["start"] for c in chunks)


def test_pack_subgraph_carries_its_provenance(examples_store):
    graph = generate_graph(examples_store, pack="jurisdictions-with-mechanism",
                           params={"mechanism": "三项制度"})
    labels = {d["labels"][0] for _, d in graph.nodes(data=True)}
    assert {"Jurisdiction", "Mechanism", "Chunk", "Document"} <= labels
    mechanism = "Mechanism|行政执法三项制度"
    assert mechanism in graph
    for source, _, data in graph.in_edges(mechanism, data=True):
        if data["type"] == "HAS_MECHANISM":
            assert all(chunk in graph for chunk in data["chunks"])
    whole = generate_graph(examples_store)
    assert graph.number_of_nodes() < whole.number_of_nodes()


def test_export_command(examples_store, tmp_path):
    runner = CliRunner()
    data_dir = str(examples_store.server.data_dir)
    out = runner.invoke(app, ["export", "--format", "graphml", "-o", str(tmp_path / "a.graphml"),
                              "--pack", "legal-adviser-network", "--data-dir", data_dir])
    assert out.exit_code == 0, out.output
    graph = nx.read_graphml(tmp_path / "a.graphml", force_multigraph=True)
    assert any(d.get("type") == "ADVISES" for _, _, d in graph.edges(data=True))
    assert f"{graph.number_of_nodes()} nodes" in out.stderr
    bad = runner.invoke(app, ["export", "--format", "xlsx", "-o", str(tmp_path / "x"),
                              "--data-dir", data_dir])
    assert bad.exit_code != 0 and getattr(bad.exception, "code", None) == "E501"
