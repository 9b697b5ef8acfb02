"""Network analysis on the examples graph and on small graphs written for the test."""

from __future__ import annotations

import warnings

import networkx as nx
import pytest
from typer.testing import CliRunner

from kg.analyse import analyse, centrality, communities, cooccurrence_pairs, jurisdiction_similarity
from kg.cli import app
from kg.errors import KGError
from kg.export import generate_graph


def small_graph() -> nx.MultiDiGraph:
    """Two towns sharing two mechanisms, a county with one of them, and a center
    that two bodies staff (the bridge between the towns' institutions)."""
    g = nx.MultiDiGraph()
    ent = ["__Entity__"]
    for key, level in [("县", "county"), ("县/甲镇", "town"), ("县/乙镇", "town")]:
        g.add_node(key, labels=["Jurisdiction", *ent], key=key, name=key.split("/")[-1], level=level)
    for m in ("访调对接", "网格化管理", "双随机一公开"):
        g.add_node(f"Mechanism|{m}", labels=["Mechanism", *ent], name=m)
    for key, name in [("Body|司法所|甲", "甲镇司法所"), ("Body|派出所|甲", "甲镇派出所")]:
        g.add_node(key, labels=["Body", *ent], name=name)
    g.add_node("Center|综治中心|甲", labels=["Center", *ent], name="甲镇综治中心")
    for j, ms in [("县/甲镇", ["访调对接", "网格化管理"]), ("县/乙镇", ["访调对接", "网格化管理"]),
                  ("县", ["双随机一公开"])]:
        for m in ms:
            g.add_edge(j, f"Mechanism|{m}", type="HAS_MECHANISM")
    g.add_edge("Body|司法所|甲", "Center|综治中心|甲", type="STAFFS")
    g.add_edge("Body|派出所|甲", "Center|综治中心|甲", type="STAFFS")
    g.add_edge("Body|司法所|甲", "县/甲镇", type="LOCATED_IN")
    return g


def test_similarity_jaccard_and_cosine():
    rows = jurisdiction_similarity(small_graph())
    assert rows[0] == {"jurisdiction_a": "乙镇", "jurisdiction_b": "甲镇", "similarity": 1.0,
                       "shared": ["网格化管理", "访调对接"]}
    assert {r["similarity"] for r in rows[1:]} == {0.0}
    assert jurisdiction_similarity(small_graph(), method="cosine")[0]["similarity"] == 1.0
    with pytest.raises(KGError) as err:
        jurisdiction_similarity(small_graph(), method="euclid")
    assert err.value.code == "E503"


def test_cooccurrence_and_communities():
    pairs = cooccurrence_pairs(small_graph())
    assert pairs == [{"mechanism_a": "网格化管理", "mechanism_b": "访调对接", "jurisdictions": 2,
                      "community": 0}]
    groups = communities(small_graph())
    assert groups[0]["mechanisms"] == ["网格化管理", "访调对接"]
    assert groups[1]["mechanisms"] == ["双随机一公开"]


def test_centrality_ranks_the_bridging_institution_first():
    rows = centrality(small_graph())
    assert [r["institution"] for r in rows][:2] == ["甲镇司法所", "甲镇综治中心"]
    assert rows[0]["degree"] == 2
    assert all(r["label"] in ("Body", "Center", "Actor") for r in rows)


def test_analyses_on_the_examples_with_plots(examples_store, tmp_path):
    graph = generate_graph(examples_store)
    for kind in ("centrality", "cooccurrence", "similarity"):
        tables, written = analyse(graph, kind, plot_dir=tmp_path, top=10)
        assert all(rows for rows in tables.values()), kind
        assert len(written) == 1 and written[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    similar = jurisdiction_similarity(graph)
    assert all(0 <= r["similarity"] <= 1 for r in similar)
    # One profile per jurisdiction: the two reports of one town are merged.
    reporting = examples_store.query(
        "MATCH (j:Jurisdiction)-[:HAS_MECHANISM]->() RETURN count(DISTINCT j)").rows[0][0]
    assert len(similar) == reporting * (reporting - 1) // 2


def test_analyse_command(examples_store, tmp_path):
    runner = CliRunner()
    out = runner.invoke(app, ["analyse", "cooccurrence", "--top", "3", "--plot", str(tmp_path),
                              "--format", "json", "--data-dir", str(examples_store.server.data_dir)])
    assert out.exit_code == 0, out.output
    assert '"mechanism pairs"' in out.stdout and (tmp_path / "cooccurrence.png").is_file()
    bad = runner.invoke(app, ["analyse", "pagerank", "--data-dir", str(examples_store.server.data_dir)])
    assert getattr(bad.exception, "code", None) == "E503"


def _no_fonts(monkeypatch, system_fonts=()):
    from matplotlib import font_manager

    from kg.analyse import plots

    plots.cjk_font.cache_clear()
    monkeypatch.setattr(font_manager.fontManager, "ttflist",
                        [f for f in font_manager.fontManager.ttflist if f.name not in plots.CJK_FONTS])
    monkeypatch.setattr(font_manager, "findSystemFonts", lambda *a, **k: list(system_fonts))
    return plots


def test_without_a_cjk_font_the_plots_say_so_once_with_the_package(monkeypatch, tmp_path):
    plots = _no_fonts(monkeypatch)
    try:
        with pytest.warns(plots.MissingFontWarning, match="apt-get install fonts-noto-cjk"):
            assert plots.cjk_font() is None
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            plots.plot_similarity([{"jurisdiction_a": "甲镇", "jurisdiction_b": "乙镇",
                                    "similarity": 0.4}], tmp_path / "s.png")  # no second warning
    finally:
        plots.cjk_font.cache_clear()


def test_a_cjk_font_installed_after_matplotlib_cached_its_list_is_found(monkeypatch):
    from matplotlib import font_manager

    installed = [p for p in font_manager.findSystemFonts() if "NotoSansCJK-Regular" in p]
    if not installed:
        pytest.skip("fonts-noto-cjk is not installed here")
    plots = _no_fonts(monkeypatch, installed)
    try:
        assert plots.cjk_font() in plots.CJK_FONTS
    finally:
        plots.cjk_font.cache_clear()


def test_analyse_command_notes_a_missing_font_in_one_line(monkeypatch, examples_store, tmp_path):
    plots = _no_fonts(monkeypatch)
    try:
        out = CliRunner().invoke(app, ["analyse", "similarity", "--plot", str(tmp_path),
                                       "--data-dir", str(examples_store.server.data_dir)])
    finally:
        plots.cjk_font.cache_clear()
    assert out.exit_code == 0, out.output
    notes = [line for line in out.stderr.splitlines() if "CJK" in line]
    assert notes == [f"kg: note: {plots.NO_CJK_FONT}"]


def test_cooccurrence_legend_names_communities_and_line_widths(examples_store):
    from kg.analyse.network import cooccurrence_network
    from kg.analyse.plots import _cooccurrence_legend

    network = cooccurrence_network(generate_graph(examples_store))
    labels = [h.get_label() for h in _cooccurrence_legend(network, 3)]
    communities = {d["community"] for _, d in network.nodes(data=True)}
    assert [label.split(":")[0] for label in labels[:len(communities)]] == [
        str(c) for c in sorted(communities)]
    assert labels[-1].startswith("reported together by ")


def test_similarity_leaves_the_diagonal_out_of_the_colour_scale(tmp_path):
    from kg.analyse.plots import similarity_matrix

    rows = [{"jurisdiction_a": "甲", "jurisdiction_b": "乙", "similarity": 0.2},
            {"jurisdiction_a": "甲", "jurisdiction_b": "丙", "similarity": 0.3},
            {"jurisdiction_a": "乙", "jurisdiction_b": "丙", "similarity": 0.1}]
    names, matrix = similarity_matrix(rows)
    assert [matrix[i][i] for i in range(3)] == [None, None, None]
    assert sorted(v for row in matrix for v in row if v is not None) == [0.1, 0.1, 0.2, 0.2, 0.3, 0.3]


def test_centrality_labels_tell_apart_institutions_of_the_same_name(examples_store):
    from kg.analyse.plots import centrality_labels

    graph = generate_graph(examples_store)
    rows = centrality(graph)
    assert len({r["institution"] for r in rows}) < len(rows)  # 调解员 of several towns
    labels = centrality_labels(rows)
    assert len(set(labels)) == len(labels)
    places = {d["name"] for _, d in graph.nodes(data=True) if "Jurisdiction" in d.get("labels", ())}
    assert all(r["jurisdiction"] is None or r["jurisdiction"] in places for r in rows)
    assert "调解员 (青石镇)" in labels


def test_adoption_by_province_and_its_map(tmp_path):
    import networkx as nx

    from kg.analyse import analyse
    from kg.analyse.geography import province_shapes

    graph = nx.MultiDiGraph()
    graph.add_node("m", labels=["Mechanism"], name="访调对接")
    for n, (code, province, adopts) in enumerate([("510000", "四川省", True), ("510000", "四川省", False),
                                                  ("500000", "重庆市", True)]):
        graph.add_node(f"d{n}", labels=["Document"])
        graph.add_node(f"j{n}", labels=["Jurisdiction"], name=f"镇{n}", province=province, province_code=code)
        graph.add_edge(f"d{n}", f"j{n}", type="ABOUT")
        if adopts:
            graph.add_edge(f"j{n}", "m", type="HAS_MECHANISM")
    graph.add_node("unplaced", labels=["Jurisdiction"], name="xx街道")
    graph.add_edge("d0", "unplaced", type="ABOUT")
    tables, written = analyse(graph, "adoption", plot_dir=tmp_path, mechanism="访调对接")
    (rows,) = tables.values()
    assert [(r["province_code"], r["jurisdictions"], r["reporting"], r["share"]) for r in rows] == [
        ("500000", 1, 1, 1.0), ("510000", 2, 1, 0.5)]
    assert written == [tmp_path / "adoption-by-province.png"]
    assert written[0].read_bytes().startswith(b"\x89PNG") and written[0].stat().st_size > 20_000
    assert len(province_shapes()) >= 34 and "510000" in province_shapes()
