"""A standalone HTML view of the graph: Cytoscape.js inlined, no network needed.

The page draws an overview: jurisdictions, institutions (bodies and
centers) and mechanisms, with actors, figures (indicators) and provenance
(documents and chunks) only when asked for, since they crowd out the rest.
It is laid out in the browser by Cytoscape.js's fCoSE layout (a maintained
force-directed layout for compound and large graphs); a node's size follows
its number of relationships, small nodes' names appear as you zoom in, and a
click shows a node's properties. Label colours come from
``kg/data/style/labels.toml``, shared with Neo4j Browser's style file. A graph
with more nodes than a page can show readably is refused with a hint to draw
a pack's part or to use ``kg explore``.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("Mechanism|访调对接", labels=["Mechanism", "__Entity__"], name="访调对接")
>>> "访调对接" in generate_html(g)
True
>>> sorted(labels_drawn(["figures"]))
['Body', 'Center', 'Indicator', 'Jurisdiction', 'Mechanism']
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from kg.atomic import write_text
from kg.errors import Errors, KGError
from kg.export.graph import primary_label
from kg.datafiles import read_data
from kg.web import inline_scripts

OVERVIEW_LABELS = ("Jurisdiction", "Body", "Center", "Mechanism")
EXTRA_LABELS = {"actors": ("Actor",), "figures": ("Indicator",), "provenance": ("Document", "Chunk")}
MAX_NODES = 1500  # beyond this a whole-graph picture is a knot, whatever the layout

_SCRIPT = """
const data = JSON.parse(document.getElementById('kg-elements').textContent);
const most = Math.max(1, ...data.nodes.map((n) => n.data.degree));
const cy = cytoscape({
  container: document.getElementById('graph'), elements: data, wheelSensitivity: 0.3,
  style: [
    { selector: 'node', style: {
      'background-color': 'data(colour)', label: 'data(caption)',
      width: `mapData(degree, 0, ${most}, 12, 46)`, height: `mapData(degree, 0, ${most}, 12, 46)`,
      'font-size': `mapData(degree, 0, ${most}, 9, 22)`, 'min-zoomed-font-size': 11,
      'text-valign': 'bottom', 'text-margin-y': 2, 'text-background-color': '#fff',
      'text-background-opacity': 0.7,
      'font-family': 'Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif' } },
    { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#d33' } },
    { selector: 'edge', style: { width: 0.8, 'line-color': '#ccc', 'curve-style': 'haystack',
                                 opacity: 0.8 } },
    { selector: 'edge.near', style: { 'line-color': '#d33', width: 1.6, label: 'data(type)',
                                      'font-size': 8, color: '#a22' } },
  ],
  layout: { name: data.nodes.length > 2 ? 'fcose' : 'grid', animate: false, quality: 'default',
            nodeRepulsion: 20000, idealEdgeLength: 110, nodeSeparation: 120, packComponents: true },
});
cy.on('tap', 'node', (event) => {
  cy.edges().removeClass('near');
  event.target.connectedEdges().addClass('near');
  const out = document.getElementById('details');
  out.textContent = JSON.stringify(event.target.data('properties'), null, 1);
});
"""

_STYLE = """
body { font-family: system-ui, "Noto Sans CJK SC", sans-serif; margin: 0; display: flex; height: 100vh; }
#graph { flex: 1; background: #fff; }
aside { width: 320px; padding: 12px; border-left: 1px solid #ddd; overflow: auto; font-size: 13px; }
.legend span { display: inline-block; width: 12px; height: 12px; border-radius: 6px; margin-right: 6px; }
pre { white-space: pre-wrap; word-break: break-all; }
"""


def load_style() -> dict[str, dict[str, str]]:
    """Label -> ``{"color", "caption"}`` from the shared style file."""
    return read_data("style/labels.toml")["label"]


def labels_drawn(include: Iterable[str] = ()) -> set[str]:
    """The overview's labels plus those of ``include`` (``actors``,
    ``figures``, ``provenance``); an unknown name raises E503."""
    labels = set(OVERVIEW_LABELS)
    for name in include:
        if name not in EXTRA_LABELS:
            raise KGError(Errors.E503, what="--include", value=name,
                          choices=", ".join(EXTRA_LABELS))
        labels.update(EXTRA_LABELS[name])
    return labels


def check_size(nodes: int, max_nodes: int = MAX_NODES) -> None:
    """E504 (with the hint to draw a pack or explore) when ``nodes`` is too many."""
    if nodes > max_nodes:
        raise KGError(Errors.E504, count=nodes, limit=max_nodes)


def caption(data: dict[str, Any], label: str, style: dict[str, dict[str, str]]) -> str:
    """The text drawn next to a node: its label's caption property (a person
    wins over a role), else its key or id."""
    field = style.get(label, {}).get("caption", "name")
    value = data.get("person") if label == "Actor" and data.get("person") else data.get(field)
    return str(value if value is not None else data.get("key") or data.get("id"))


def drawn_view(graph: nx.MultiDiGraph, include: Iterable[str] = ()) -> nx.MultiDiGraph:
    """The part of ``graph`` the page draws."""
    labels = labels_drawn(include)
    return graph.subgraph([n for n, d in graph.nodes(data=True)
                           if primary_label(d["labels"]) in labels])


def elements(view: nx.MultiDiGraph, style: dict[str, dict[str, str]]) -> dict[str, list]:
    """Cytoscape.js elements of ``view``, in a stable order."""
    nodes = []
    for n, data in sorted(view.nodes(data=True)):
        label = primary_label(data["labels"])
        properties = {"id": n, **{k: v for k, v in data.items()}}
        nodes.append({"data": {"id": n, "label": label, "caption": caption(data, label, style),
                               "colour": style.get(label, {}).get("color", "#cccccc"),
                               "degree": view.degree(n), "properties": properties}})
    edges = [{"data": {"id": f"e{i}", "source": s, "target": t, "type": d["type"]}}
             for i, (s, t, d) in enumerate(sorted(view.edges(data=True),
                                                  key=lambda e: (e[0], e[1], e[2]["type"])))]
    return {"nodes": nodes, "edges": edges}


def generate_html(graph: nx.MultiDiGraph, *, title: str = "kg graph",
                  include: Iterable[str] = ()) -> str:
    """One self-contained HTML page drawing the overview of ``graph``."""
    style = load_style()
    view = drawn_view(graph, include)
    # "<" as \\u003c: no name can close the script element it is carried in.
    payload = json.dumps(elements(view, style), ensure_ascii=False, default=str).replace("<", "\\u003c")
    present = sorted({primary_label(d["labels"]) for _, d in view.nodes(data=True)})
    legend = "".join(f'<div class="legend"><span style="background:{style.get(lb, {}).get("color", "#ccc")}">'
                     f'</span>{html.escape(lb)}</div>' for lb in present)
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="zh"><head><meta charset="utf-8">',
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>",
        '<div id="graph"></div>',
        f"<aside><h3>{html.escape(title)}</h3>"
        f"<p>{view.number_of_nodes()} nodes, {view.number_of_edges()} relationships. "
        "Scroll to zoom (names of small nodes appear), drag to pan, click a node for its "
        "properties.</p>", legend, '<pre id="details"></pre></aside>',
        f'<script type="application/json" id="kg-elements">{payload}</script>',
        inline_scripts(4), f"<script>{_SCRIPT}</script></body></html>", ""])


def write_html(graph: nx.MultiDiGraph, path: str | Path, **options: Any) -> Path:
    """Write :func:`generate_html` to ``path``, whole or not at all."""
    return write_text(path, generate_html(graph, **options))
