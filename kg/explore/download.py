"""Downloads of the explorer's current view: GraphML (the exporter's own) and CSV.

PNG and SVG are drawn by the page itself (Cytoscape.js), so they show the
view exactly as laid out.

>>> g = nx.MultiDiGraph()
>>> g.add_node("Mechanism|访调对接", labels=["Mechanism", "__Entity__"], name="访调对接")
>>> print(view_csv(g, "nodes"))
key,label,caption
Mechanism|访调对接,Mechanism,访调对接
"""

from __future__ import annotations

import csv
import io

import networkx as nx

from kg.export.formats import generate_graphml
from kg.export.graph import primary_label
from kg.explore.queries import caption_of

CSV_TABLES = ("nodes", "relationships")


def view_graphml(graph: nx.MultiDiGraph) -> str:
    return "\n".join(generate_graphml(graph)) + "\n"


def view_csv(graph: nx.MultiDiGraph, what: str) -> str:
    """One table of the view: its nodes, or its relationships with their years
    and supporting documents."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if what == "relationships":
        writer.writerow(["source", "type", "target", "years", "documents"])
        for s, t, d in sorted(graph.edges(data=True), key=lambda e: (e[0], e[2]["type"], e[1])):
            writer.writerow([s, d["type"], t, ";".join(map(str, d.get("years") or [])),
                             len(d.get("docs") or [])])
    else:
        writer.writerow(["key", "label", "caption"])
        for n, d in sorted(graph.nodes(data=True)):
            label = primary_label(d["labels"])
            writer.writerow([n, label, caption_of(label, d)])
    return out.getvalue().rstrip("\n")
