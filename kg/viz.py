"""A standalone HTML view of the graph: inline SVG, no network needed.

The layout is computed in Python (networkx spring layout, seeded, so the same
graph always looks the same) and drawn as inline SVG; a few lines of inline
JavaScript add zoom, pan and a panel showing the clicked node's properties.
Label colours and captions come from ``kg/data/style/labels.toml``, shared
with Neo4j Browser's style file.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("Mechanism|访调对接", labels=["Mechanism", "__Entity__"], name="访调对接")
>>> "访调对接" in generate_html(g)
True
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import networkx as nx

from kg.export.graph import primary_label
from kg.lexicon import read_data

WIDTH, HEIGHT, MARGIN = 1200, 900, 60
PROVENANCE_LABELS = frozenset({"Document", "Chunk"})

_SCRIPT = """
const svg = document.getElementById('graph');
let box = svg.viewBox.baseVal, drag = null;
svg.addEventListener('wheel', e => {
  e.preventDefault();
  const f = e.deltaY > 0 ? 1.15 : 1 / 1.15, r = svg.getBoundingClientRect();
  const x = box.x + (e.clientX - r.left) / r.width * box.width;
  const y = box.y + (e.clientY - r.top) / r.height * box.height;
  box.x = x - (x - box.x) * f; box.y = y - (y - box.y) * f; box.width *= f; box.height *= f;
}, {passive: false});
svg.addEventListener('mousedown', e => { drag = [e.clientX, e.clientY]; });
window.addEventListener('mouseup', () => { drag = null; });
window.addEventListener('mousemove', e => {
  if (!drag) return;
  const r = svg.getBoundingClientRect();
  box.x -= (e.clientX - drag[0]) / r.width * box.width;
  box.y -= (e.clientY - drag[1]) / r.height * box.height;
  drag = [e.clientX, e.clientY];
});
document.querySelectorAll('g.node').forEach(n => n.addEventListener('click', () => {
  document.getElementById('details').textContent =
    JSON.stringify(JSON.parse(n.dataset.props), null, 1);
}));
"""

_STYLE = """
body { font-family: sans-serif; margin: 0; display: flex; height: 100vh; }
#graph { flex: 1; background: #fff; cursor: grab; }
aside { width: 320px; padding: 12px; border-left: 1px solid #ddd; overflow: auto; font-size: 13px; }
.legend span { display: inline-block; width: 12px; height: 12px; border-radius: 6px; margin-right: 6px; }
pre { white-space: pre-wrap; word-break: break-all; }
g.node text { font-size: 11px; pointer-events: none; }
g.node { cursor: pointer; }
line { stroke: #aaa; stroke-width: 1.2; }
"""


def load_style() -> dict[str, dict[str, str]]:
    """Label -> ``{"color", "caption"}`` from the shared style file."""
    return read_data("style/labels.toml")["label"]


def caption(data: dict[str, Any], label: str, style: dict[str, dict[str, str]]) -> str:
    """The text drawn next to a node: its label's caption property (a person
    wins over a role), else its key or id."""
    field = style.get(label, {}).get("caption", "name")
    value = data.get("person") if label == "Actor" and data.get("person") else data.get(field)
    return str(value if value is not None else data.get("key") or data.get("id"))


def generate_html(graph: nx.MultiDiGraph, *, title: str = "kg graph",
                  provenance: bool = False) -> str:
    """One self-contained HTML page drawing ``graph``.

    Documents and chunks are left out unless ``provenance`` is true, since
    they would crowd out the institutions and mechanisms.
    """
    style = load_style()
    keep = [n for n, d in graph.nodes(data=True)
            if provenance or primary_label(d["labels"]) not in PROVENANCE_LABELS]
    view = graph.subgraph(keep)
    positions = _layout(view)
    edges, nodes = [], []
    for s, t, data in sorted(view.edges(data=True), key=lambda e: (e[0], e[1], e[2]["type"])):
        (x1, y1), (x2, y2) = positions[s], positions[t]
        edges.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                     f'marker-end="url(#arrow)"><title>{html.escape(data["type"])}</title></line>')
    for n, data in sorted(view.nodes(data=True)):
        label = primary_label(data["labels"])
        colour = style.get(label, {}).get("color", "#cccccc")
        x, y = positions[n]
        props = json.dumps({"id": n, **{k: v for k, v in data.items()}}, ensure_ascii=False,
                           default=str)
        text = caption(data, label, style)
        nodes.append(
            f'<g class="node" data-props="{html.escape(props)}">'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="9" fill="{colour}" stroke="#555" stroke-width="0.8">'
            f'<title>{html.escape(label)}: {html.escape(text)}</title></circle>'
            f'<text x="{x + 11:.1f}" y="{y + 4:.1f}">{html.escape(text)}</text></g>')
    labels_present = sorted({primary_label(d["labels"]) for _, d in view.nodes(data=True)})
    legend = "".join(f'<div class="legend"><span style="background:{style.get(lb, {}).get("color", "#ccc")}">'
                     f'</span>{html.escape(lb)}</div>' for lb in labels_present)
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="zh"><head><meta charset="utf-8">',
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>",
        f'<svg id="graph" viewBox="0 0 {WIDTH} {HEIGHT}" xmlns="http://www.w3.org/2000/svg">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="19" refY="5" markerWidth="6" '
        'markerHeight="6" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#aaa"/>'
        "</marker></defs>",
        *edges, *nodes, "</svg>",
        f"<aside><h3>{html.escape(title)}</h3>"
        f"<p>{view.number_of_nodes()} nodes, {view.number_of_edges()} relationships. "
        "Scroll to zoom, drag to pan, click a node for its properties.</p>",
        legend, '<pre id="details"></pre></aside>',
        f"<script>{_SCRIPT}</script></body></html>", ""])


def _layout(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    if graph.number_of_nodes() == 0:
        return {}
    simple = nx.Graph(graph.to_undirected())
    raw = nx.spring_layout(simple, seed=0)
    xs = [p[0] for p in raw.values()]
    ys = [p[1] for p in raw.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    return {n: (MARGIN + (p[0] - min(xs)) / span_x * (WIDTH - 2 * MARGIN - 150),
                MARGIN + (p[1] - min(ys)) / span_y * (HEIGHT - 2 * MARGIN))
            for n, p in raw.items()}


def write_html(graph: nx.MultiDiGraph, path: str | Path, **options: Any) -> Path:
    """Write :func:`generate_html` to ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(generate_html(graph, **options), encoding="utf-8")
    return path
