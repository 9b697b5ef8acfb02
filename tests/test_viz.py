"""`kg viz`: one self-contained HTML page, checked by parsing its SVG."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from typer.testing import CliRunner

from kg.cli import app
from kg.export import generate_graph
from kg.export.graph import primary_label
from kg.viz import generate_html, load_style

SVG = "{http://www.w3.org/2000/svg}"


def svg_of(page: str) -> ET.Element:
    return ET.fromstring(page[page.index("<svg"):page.index("</svg>") + len("</svg>")])


def test_page_draws_every_entity_with_its_label_colour(examples_store):
    graph = generate_graph(examples_store)
    page = generate_html(graph)
    svg = svg_of(page)
    style = load_style()
    entities = {n: d for n, d in graph.nodes(data=True)
                if primary_label(d["labels"]) not in ("Document", "Chunk")}
    circles = svg.findall(f".//{SVG}circle")
    assert len(circles) == len(entities)
    used = {c.get("fill") for c in circles}
    assert used == {style[primary_label(d["labels"])]["color"] for d in entities.values()}
    assert len(svg.findall(f"{SVG}line")) == graph.subgraph(entities).number_of_edges()
    # Offline: nothing is fetched; the only URL is the SVG namespace.
    assert re.findall(r"https?://[^\"' ]+", page) == ["http://www.w3.org/2000/svg"]
    assert "<script src" not in page and "<link" not in page


def test_same_graph_same_page(examples_store):
    graph = generate_graph(examples_store)
    assert generate_html(graph) == generate_html(graph)


def test_viz_command_with_pack_and_provenance(examples_store, tmp_path):
    out = CliRunner().invoke(app, [
        "viz", "-o", str(tmp_path / "g.html"), "--pack", "jurisdictions-with-mechanism",
        "-p", "mechanism=三项制度", "--provenance", "--data-dir", str(examples_store.server.data_dir)])
    assert out.exit_code == 0, out.output
    page = (tmp_path / "g.html").read_text(encoding="utf-8")
    svg = svg_of(page)
    captions = {t.text for t in svg.iter(f"{SVG}text")}
    assert "行政执法三项制度" in captions and "青石镇" in captions
    assert any(c.get("fill") == load_style()["Chunk"]["color"] for c in svg.iter(f"{SVG}circle"))


def test_label_colours_match_the_neo4j_browser_style():
    grass = (Path(__file__).resolve().parents[1] / "schema" / "browser-style.grass").read_text()
    colours = dict(re.findall(r"node\.(\w+) \{[^}]*?\bcolor: (#[0-9A-Fa-f]{6})", grass))
    assert colours == {label: s["color"] for label, s in load_style().items()}
