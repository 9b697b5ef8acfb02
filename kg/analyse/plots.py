"""PNG charts of the analyses (matplotlib, no display needed).

Figures are built with :class:`matplotlib.figure.Figure` and the Agg canvas,
never pyplot, so plotting works headless and leaves no global state.
Chinese labels need a CJK font; the first installed one from
:data:`CJK_FONTS` is used (e.g. ``apt-get install fonts-noto-cjk``), else the
labels fall back to matplotlib's default font and may show as boxes.

>>> from kg.analyse.network import cooccurrence_network        # doctest: +SKIP
>>> plot_cooccurrence(cooccurrence_network(graph), "cooccurrence.png")  # doctest: +SKIP
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import networkx as nx
from matplotlib import font_manager, rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Zen Hei",
             "WenQuanYi Micro Hei", "Microsoft YaHei", "SimHei", "PingFang SC", "Heiti SC",
             "AR PL UMing CN", "Droid Sans Fallback")


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The first installed CJK font family, or None."""
    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


@contextmanager
def _figure(path: str | Path, width: float, height: float) -> Iterator[Figure]:
    """A figure drawn with the CJK font (if any) and saved to ``path`` on exit."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    family = cjk_font()
    style = {"font.family": [family, "DejaVu Sans"]} if family else {}
    with rc_context(style), warnings.catch_warnings():
        # Without a CJK font matplotlib warns once per missing glyph.
        warnings.filterwarnings("ignore", message="Glyph .* missing from")
        fig = Figure(figsize=(width, height), dpi=110, layout="constrained")
        FigureCanvasAgg(fig)
        yield fig
        fig.savefig(path)


def plot_centrality(rows: list[dict[str, Any]], path: str | Path, *, top: int = 15) -> Path:
    """Horizontal bars of the betweenness and degree centrality of the top institutions."""
    rows = rows[:top]
    with _figure(path, 8, 1.2 + 0.35 * max(len(rows), 1)) as fig:
        ax = fig.add_subplot()
        names = [r["institution"] for r in rows][::-1]
        y = range(len(rows))
        ax.barh([i + 0.2 for i in y], [r["betweenness"] for r in rows][::-1], height=0.4,
                label="betweenness")
        ax.barh([i - 0.2 for i in y], [r["degree_centrality"] for r in rows][::-1], height=0.4,
                label="degree centrality")
        ax.set_yticks(list(y), names)
        ax.set_title("Institutions by centrality")
        ax.legend(loc="lower right")
    return Path(path)


def plot_cooccurrence(network: nx.Graph, path: str | Path) -> Path:
    """The mechanism co-occurrence network, nodes coloured by community."""
    with _figure(path, 9, 7) as fig:
        ax = fig.add_subplot()
        ax.set_axis_off()
        ax.set_title("Mechanism co-occurrence (colour: community)")
        if network.number_of_nodes():
            pos = nx.spring_layout(network, seed=0, weight="weight")
            colours = [network.nodes[n].get("community", 0) for n in network]
            widths = [0.5 + d["weight"] for _, _, d in network.edges(data=True)]
            nx.draw_networkx_edges(network, pos, ax=ax, width=widths, alpha=0.4)
            nx.draw_networkx_nodes(network, pos, ax=ax, node_color=colours, cmap="tab10",
                                   vmin=0, vmax=9, node_size=300)
            nx.draw_networkx_labels(network, pos, ax=ax, font_size=8,
                                    font_family=cjk_font() or "sans-serif")
    return Path(path)


def plot_similarity(rows: list[dict[str, Any]], path: str | Path) -> Path:
    """Heat map of jurisdiction similarity (symmetric, 1 on the diagonal)."""
    names = sorted({r["jurisdiction_a"] for r in rows} | {r["jurisdiction_b"] for r in rows})
    index = {n: i for i, n in enumerate(names)}
    matrix = [[1.0 if i == j else 0.0 for j in range(len(names))] for i in range(len(names))]
    for r in rows:
        a, b = index[r["jurisdiction_a"]], index[r["jurisdiction_b"]]
        matrix[a][b] = matrix[b][a] = r["similarity"]
    size = 2.5 + 0.45 * len(names)
    with _figure(path, size + 1, size) as fig:
        ax = fig.add_subplot()
        image = ax.imshow(matrix if names else [[0.0]], vmin=0, vmax=1, cmap="viridis")
        ax.set_xticks(range(len(names)), names, rotation=60, ha="right")
        ax.set_yticks(range(len(names)), names)
        ax.set_title("Jurisdiction similarity by mechanism profile")
        fig.colorbar(image, ax=ax)
    return Path(path)
