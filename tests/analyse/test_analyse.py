"""Network analysis on the examples graph and on small graphs written for the test."""

from __future__ import annotations

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
