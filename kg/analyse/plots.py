"""PNG charts of the analyses (matplotlib, no display needed).

Figures are built with :class:`matplotlib.figure.Figure` and the Agg canvas,
never pyplot, so plotting works headless and leaves no global state.
Chinese labels need a CJK font: the first installed one from
:data:`CJK_FONTS` is used, including fonts installed after matplotlib cached
its font list; without one, :data:`NO_CJK_FONT` is said once (a warning) and
Chinese characters show as boxes.

>>> from kg.analyse.network import cooccurrence_network        # doctest: +SKIP
>>> plot_cooccurrence(cooccurrence_network(graph), "cooccurrence.png")  # doctest: +SKIP
"""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
from matplotlib import colormaps, font_manager, rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from kg.atomic import atomic_file

CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Zen Hei",
             "WenQuanYi Micro Hei", "Microsoft YaHei", "SimHei", "PingFang SC", "Heiti SC",
             "AR PL UMing CN", "Droid Sans Fallback")
# Parts of the file names of those fonts, to find one installed after
# matplotlib cached its font list.
CJK_FILES = ("notosanscjk", "notosanssc", "sourcehansans", "wqy", "msyh", "simhei", "pingfang",
             "uming", "droidsansfallback")
NO_CJK_FONT = ("no CJK font found: Chinese labels in the charts will show as boxes; install one, "
               "e.g. `apt-get install fonts-noto-cjk` (Debian/Ubuntu)")


class MissingFontWarning(UserWarning):
    """No CJK font: said once per process."""


def _installed_cjk() -> str | None:
    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The first installed CJK font family, or None (warning once)."""
    family = _installed_cjk()
    if family is None:
        for path in font_manager.findSystemFonts():
            if any(part in Path(path).name.lower().replace("-", "") for part in CJK_FILES):
                font_manager.fontManager.addfont(path)
        family = _installed_cjk()
    if family is None:
        warnings.warn(NO_CJK_FONT, MissingFontWarning, stacklevel=2)
    return family


@contextmanager
def _figure(path: str | Path, width: float, height: float) -> Iterator[Figure]:
    """A figure drawn with the CJK font (if any) and saved to ``path`` on exit."""
    path = Path(path)
    family = cjk_font()
    style = {"font.family": [family, "DejaVu Sans"]} if family else {}
    with rc_context(style), warnings.catch_warnings():
        # Without a CJK font matplotlib warns once per missing glyph.
        warnings.filterwarnings("ignore", message="Glyph .* missing from")
        fig = Figure(figsize=(width, height), dpi=110, layout="constrained")
        FigureCanvasAgg(fig)
        yield fig
        with atomic_file(path, binary=True) as out:
            fig.savefig(out, format=path.suffix.lstrip(".") or None)


def centrality_labels(rows: list[dict[str, Any]]) -> list[str]:
    """Bar labels: the institution's name, with its jurisdiction where another
    row has the same name (two towns' 司法所), and its key if even that repeats.

    >>> centrality_labels([{"institution": "司法所", "jurisdiction": "甲镇", "key": "a"},
    ...                    {"institution": "司法所", "jurisdiction": "乙镇", "key": "b"},
    ...                    {"institution": "综治中心", "jurisdiction": "甲镇", "key": "c"}])
    ['司法所 (甲镇)', '司法所 (乙镇)', '综治中心']
    """
    names = Counter(r["institution"] for r in rows)
    labels = [f"{r['institution']} ({r.get('jurisdiction') or '—'})" if names[r["institution"]] > 1
              else r["institution"] for r in rows]
    repeated = Counter(labels)
    return [f"{label} [{r['key']}]" if repeated[label] > 1 else label
            for label, r in zip(labels, rows)]


def plot_centrality(rows: list[dict[str, Any]], path: str | Path, *, top: int = 15) -> Path:
    """Horizontal bars of the betweenness and degree centrality of the top institutions."""
    rows = rows[:top]
    with _figure(path, 8, 1.2 + 0.35 * max(len(rows), 1)) as fig:
        ax = fig.add_subplot()
        names = centrality_labels(rows)[::-1]
        y = range(len(rows))
        ax.barh([i + 0.2 for i in y], [r["betweenness"] for r in rows][::-1], height=0.4,
                label="betweenness")
        ax.barh([i - 0.2 for i in y], [r["degree_centrality"] for r in rows][::-1], height=0.4,
                label="degree centrality")
        ax.set_yticks(list(y), names)
        ax.set_title("Institutions by centrality")
        ax.legend(loc="lower right")
    return Path(path)


def plot_cooccurrence(network: nx.Graph, path: str | Path, *, legend_members: int = 3) -> Path:
    """The mechanism co-occurrence network, nodes coloured by community, with a
    legend naming each community's largest members and what line width means."""
    with _figure(path, 10, 7.5) as fig:
        ax = fig.add_subplot()
        ax.set_axis_off()
        ax.set_title("Mechanism co-occurrence")
        if network.number_of_nodes():
            pos = nx.spring_layout(network, seed=0, weight="weight")
            colours = [network.nodes[n].get("community", 0) for n in network]
            widths = [0.5 + d["weight"] for _, _, d in network.edges(data=True)]
            nx.draw_networkx_edges(network, pos, ax=ax, width=widths, alpha=0.4)
            nx.draw_networkx_nodes(network, pos, ax=ax, node_color=colours, cmap="tab10",
                                   vmin=0, vmax=9, node_size=300)
            nx.draw_networkx_labels(network, pos, ax=ax, font_size=8,
                                    font_family=cjk_font() or "sans-serif")
            ax.legend(handles=_cooccurrence_legend(network, legend_members),
                      loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8,
                      title="colour: community; width: jurisdictions", title_fontsize=8)
    return Path(path)


def _cooccurrence_legend(network: nx.Graph, members: int) -> list[Line2D]:
    groups: dict[int, list[str]] = {}
    for node, data in network.nodes(data=True):
        groups.setdefault(data.get("community", 0), []).append(node)
    cmap = colormaps["tab10"]
    handles = []
    for community, nodes in sorted(groups.items()):
        biggest = sorted(nodes, key=lambda n: (-network.degree(n, weight="weight"), n))
        text = "、".join(biggest[:members]) + (f" +{len(nodes) - members}" if len(nodes) > members else "")
        handles.append(Line2D([], [], marker="o", linestyle="", markersize=8,
                              color=cmap(min(community, 9) / 9), label=f"{community}: {text}"))
    weights = sorted({d["weight"] for _, _, d in network.edges(data=True)})
    for weight in sorted({weights[0], weights[-1]}) if weights else ():
        handles.append(Line2D([], [], color="black", alpha=0.4, linewidth=0.5 + weight,
                              label=f"reported together by {weight}"))
    return handles


def similarity_matrix(rows: list[dict[str, Any]]) -> tuple[list[str], list[list[float | None]]]:
    """Names and the symmetric matrix of their similarity, None on the diagonal.

    >>> similarity_matrix([{"jurisdiction_a": "甲", "jurisdiction_b": "乙", "similarity": 0.5}])
    (['乙', '甲'], [[None, 0.5], [0.5, None]])
    """
    names = sorted({r["jurisdiction_a"] for r in rows} | {r["jurisdiction_b"] for r in rows})
    index = {n: i for i, n in enumerate(names)}
    matrix: list[list[float | None]] = [[None if i == j else 0.0 for j in range(len(names))]
                                        for i in range(len(names))]
    for r in rows:
        a, b = index[r["jurisdiction_a"]], index[r["jurisdiction_b"]]
        matrix[a][b] = matrix[b][a] = r["similarity"]
    return names, matrix


def plot_similarity(rows: list[dict[str, Any]], path: str | Path, *,
                    annotate_up_to: int = 30) -> Path:
    """Heat map of jurisdiction similarity. The colour scale runs from 0 to the
    largest similarity between two different jurisdictions, so the diagonal
    (each with itself, left blank) does not swamp it; each cell carries its
    number when there are at most ``annotate_up_to`` jurisdictions."""
    names, matrix = similarity_matrix(rows)
    values = np.array([[np.nan if v is None else v for v in row] for row in matrix] or [[np.nan]])
    top = float(np.nanmax(values)) if np.isfinite(values).any() else 1.0
    size = 2.5 + 0.5 * len(names)
    with _figure(path, size + 1.2, size) as fig:
        ax = fig.add_subplot()
        image = ax.imshow(np.ma.masked_invalid(values), vmin=0, vmax=top or 1.0,
                          cmap=colormaps["viridis"].with_extremes(bad="#eeeeee"))
        if len(names) <= annotate_up_to:
            for (i, j), value in np.ndenumerate(values):
                if not np.isnan(value):
                    ax.text(j, i, f"{value:.2f}", ha="center", va="center", fontsize=7,
                            color="black" if value > 0.6 * (top or 1.0) else "white")
        ax.set_xticks(range(len(names)), names, rotation=60, ha="right")
        ax.set_yticks(range(len(names)), names)
        ax.set_title("Jurisdiction similarity by mechanism profile")
        fig.colorbar(image, ax=ax, label="similarity (diagonal left blank)")
    return Path(path)


def plot_province_map(rows: list[dict[str, Any]], path: str | Path, *, title: str) -> Path:
    """A map of China's provinces coloured by ``share`` (grey: no placed report)."""
    from matplotlib import colormaps
    from matplotlib.cm import ScalarMappable
    from matplotlib.collections import PolyCollection

    from kg.analyse.geography import province_shapes

    share = {r["province_code"]: r["share"] for r in rows}
    colours = colormaps["viridis"]
    path = Path(path)
    with _figure(path, 9, 7) as fig:
        ax = fig.add_subplot()
        for code, rings in province_shapes().items():
            colour = colours(share[code]) if code in share else (0.85, 0.85, 0.85, 1.0)
            ax.add_collection(PolyCollection(rings, facecolors=[colour], edgecolors="white", linewidths=0.4))
        ax.autoscale_view()
        ax.set_aspect("equal")
        ax.set_axis_off()
        ax.set_title(title)
        bar = fig.colorbar(ScalarMappable(cmap=colours), ax=ax, shrink=0.6)
        bar.set_label("share of placed jurisdictions reporting it")
    return path
