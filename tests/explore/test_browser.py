"""The explorer in a real browser: Debian's headless Chromium driven by
playwright-core (drive.mjs): search, expand on click, provenance, a pack from
its form, every download, and a hostile name shown as text."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from explore_helpers import HOSTILE, run_driver

pytestmark = pytest.mark.slow

def drive(plan: dict) -> dict:
    return run_driver(Path(__file__).with_name("drive.mjs"), plan)


@pytest.fixture(scope="module")
def seen(explorer_url, town_key, tmp_path_factory):
    out = tmp_path_factory.mktemp("downloads")
    report = drive({"base": explorer_url, "out": str(out),
                    "search": "青石鎮",  # traditional 鎮: found as 青石镇
                    "focus": town_key, "expand": "Mechanism|行政执法三项制度",
                    "pack": "jurisdictions-with-mechanism",
                    "year": 2021, "jurisdiction": "白河乡", "province": "四川省",
                    "hostile_search": "onerror"})
    return report


def test_the_page_loads_nothing_from_the_network_and_raises_no_error(seen):
    assert seen["external"] == []
    assert seen["errors"] == []
    assert "Jurisdiction" in seen["totals"] and "Mechanism" in seen["totals"]


def test_search_with_traditional_input_finds_the_simplified_name(seen, town_key):
    assert town_key in seen["results"]
    assert "Jurisdiction 1" in seen["search_counts"]


def test_clicking_a_node_expands_the_view(seen):
    assert seen["focus_nodes"] > 1
    assert seen["expanded_nodes"] > seen["focus_nodes"]
    assert seen["details_title"] == seen["expanded"].split("|", 1)[1]


def test_the_year_filter_keeps_the_facts_of_that_year(seen):
    assert 1 < seen["year_nodes"] < seen["expanded_nodes"]
    assert seen["year_edges"] and all(2021 in years for years in seen["year_edges"])


def test_the_jurisdiction_filter_keeps_the_facts_its_reports_state(seen):
    # 白河乡's own report says little about 青石镇: the focus and a few neighbours.
    assert 1 <= seen["jurisdiction_nodes"] < seen["year_nodes"]


def test_the_province_filter_keeps_the_facts_of_reports_placed_in_it(seen):
    # Of the examples only 白河乡 is placed (in 四川省): the province's facts are its report's.
    assert seen["provinces"] == ["", "四川省"]
    assert seen["province_nodes"] == seen["jurisdiction_nodes"]


def test_provenance_highlights_the_mention_and_names_the_file(seen):
    name = seen["expanded"].split("|", 1)[1]
    assert seen["marks"] and all(mark for mark in seen["marks"])
    assert any(name in mark or mark in name for mark in seen["marks"])
    assert seen["sources"] and all(source.startswith("examples/") or "/examples/" in source
                                   for source in seen["sources"])


def test_a_pack_runs_from_its_form_as_a_table_and_a_graph(seen):
    assert seen["table_header"][:2] == ["mechanism", "jurisdiction"]
    assert seen["table_rows"] >= 3
    assert seen["pack_nodes"] >= seen["table_rows"]  # the mechanism and its jurisdictions


def test_every_download_is_a_file_of_its_format(seen):
    files = {kind: Path(path) for kind, path in seen["downloads"].items()}
    nodes = files["nodes"].read_text(encoding="utf-8").splitlines()
    assert nodes[0] == "key,label,caption" and len(nodes) - 1 == seen["pack_nodes"]
    assert files["relationships"].read_text(encoding="utf-8").startswith("source,type,target")
    graph = nx.read_graphml(files["graphml"])
    assert graph.number_of_nodes() == seen["pack_nodes"]
    assert files["png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert ET.fromstring(files["svg"].read_text(encoding="utf-8")).tag.endswith("svg")
    table = files["table"].read_text(encoding="utf-8").splitlines()
    assert table[0].startswith("mechanism,jurisdiction") and len(table) - 1 == seen["table_rows"]


def test_a_hostile_name_is_shown_as_text_and_runs_nothing(seen):
    assert HOSTILE in seen["hostile_results"]
    assert seen["hostile_details"] == HOSTILE
    assert seen["hostile_marks"]  # its provenance opens too
    assert seen["injected"] == {"pwned": False, "images": 0, "scripts": 6}


def test_a_kg_viz_page_draws_in_the_browser_offline(explorer_store, tmp_path):
    from kg.export import generate_graph
    from kg.viz import drawn_view, write_html

    graph = generate_graph(explorer_store)
    page = write_html(graph, tmp_path / "graph.html")
    report = drive({"viz": True, "base": page.as_uri(), "out": str(tmp_path)})
    assert report["errors"] == [] and report["external"] == []
    view = drawn_view(graph)
    assert report["viz"]["nodes"] == view.number_of_nodes()
    assert report["viz"]["edges"] == view.number_of_edges()
    assert HOSTILE in report["viz"]["captions"]
    assert report["viz"]["width"] > 300 and report["viz"]["height"] > 300  # laid out, not stacked
