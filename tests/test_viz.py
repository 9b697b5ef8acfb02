"""`kg viz`: one self-contained HTML page, checked by reading the elements it carries.
(tests/explore/test_browser.py opens such a page in a real browser.)"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import KGError
from kg.export import generate_graph
from kg.export.graph import primary_label
from kg.viz import OVERVIEW_LABELS, generate_html, load_style


def elements_of(page: str) -> dict:
    carried = re.search(r'<script type="application/json" id="kg-elements">(.*?)</script>', page, re.S)
    return json.loads(carried[1])


def test_overview_draws_jurisdictions_institutions_and_mechanisms_in_their_colours(examples_store):
    graph = generate_graph(examples_store)
    page = generate_html(graph)
    drawn = elements_of(page)
    style = load_style()
    overview = {n: d for n, d in graph.nodes(data=True)
                if primary_label(d["labels"]) in OVERVIEW_LABELS}
    assert {n["data"]["id"] for n in drawn["nodes"]} == set(overview)
    assert {n["data"]["colour"] for n in drawn["nodes"]} == {
        style[label]["color"] for label in OVERVIEW_LABELS}
    assert len(drawn["edges"]) == graph.subgraph(overview).number_of_edges()
    # Offline: everything is inline; nothing names a file or a server to load.
    assert "<script src" not in page and "<link" not in page and " src=" not in page


def test_figures_actors_and_provenance_only_when_asked(examples_store):
    graph = generate_graph(examples_store)
    labels = {n["data"]["label"] for n in elements_of(
        generate_html(graph, include=["figures", "actors", "provenance"]))["nodes"]}
    assert {"Indicator", "Actor", "Document", "Chunk"} <= labels
    with pytest.raises(KGError, match=r"\[E503\].*--include 'charts'"):
        generate_html(graph, include=["charts"])


def test_a_hostile_name_cannot_close_the_script_it_is_carried_in():
    import networkx as nx

    graph = nx.MultiDiGraph()
    name = "</script><script>alert(1)</script>调解"
    graph.add_node("Mechanism|x", labels=["Mechanism", "__Entity__"], name=name)
    page = generate_html(graph)
    assert "alert(1)</script>" not in page.split('id="kg-elements">', 1)[1].split("</script>", 1)[0]
    assert elements_of(page)["nodes"][0]["data"]["caption"] == name


def test_same_graph_same_page(examples_store):
    graph = generate_graph(examples_store)
    assert generate_html(graph) == generate_html(graph)


def test_viz_command_with_pack_and_provenance(examples_store, tmp_path):
    out = CliRunner().invoke(app, [
        "viz", "-o", str(tmp_path / "g.html"), "--pack", "jurisdictions-with-mechanism",
        "-p", "mechanism=三项制度", "--include", "provenance",
        "--data-dir", str(examples_store.server.data_dir)])
    assert out.exit_code == 0, out.output
    drawn = elements_of((tmp_path / "g.html").read_text(encoding="utf-8"))
    captions = {n["data"]["caption"] for n in drawn["nodes"]}
    assert "行政执法三项制度" in captions and "青石镇" in captions
    assert any(n["data"]["label"] == "Chunk" for n in drawn["nodes"])


def test_a_graph_too_big_to_draw_gets_a_one_line_hint(examples_store, tmp_path):
    out = CliRunner().invoke(app, ["viz", "-o", str(tmp_path / "g.html"), "--max-nodes", "20",
                                   "--data-dir", str(examples_store.server.data_dir)])
    assert out.exit_code == 1 and not (tmp_path / "g.html").exists()
    assert isinstance(out.exception, KGError)
    assert re.fullmatch(r"\[E504\] The graph has \d+ nodes to draw, more than the 20 .*--pack NAME"
                        r".*`kg explore`\.", str(out.exception))


def test_label_colours_match_the_neo4j_browser_style():
    grass = (Path(__file__).resolve().parents[1] / "schema" / "browser-style.grass").read_text()
    colours = dict(re.findall(r"node\.(\w+) \{[^}]*?\bcolor: (#[0-9A-Fa-f]{6})", grass))
    # __Entity__, under every entity label, keeps Browser's neutral node colour (its own rule
    # stops Browser from giving it one colour that would cover the labels').
    default = re.search(r"^node \{[^}]*?\bcolor: (#[0-9A-Fa-f]{6})", grass, re.M)[1]
    assert colours.pop("__Entity__") == default
    assert colours == {label: s["color"] for label, s in load_style().items()}
