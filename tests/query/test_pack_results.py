"""Every pack's rows on the five hand-built reports, run on the real FalkorDB."""

from __future__ import annotations

import pytest

from kg.errors import KGError
from kg.query.packs import run_pack


def rows(store, name, **params):
    return run_pack(store, name, params).records()


def pick(records, *columns):
    return [tuple(r[c] for c in columns) for r in records]


def test_mechanisms_by_jurisdiction(hand_store):
    got = rows(hand_store, "mechanisms-by-jurisdiction", jurisdiction="永乐镇")
    assert pick(got, "mechanism", "status", "first_year", "documents") == [
        ("一村一法律顾问", "planned", 2019, 2),  # in place 2019, planned again in 2020
        ("网格化管理", "new", 2020, 1),
        ("行政执法三项制度", "in_place", 2019, 1),
        ("访调对接", "in_place", 2019, 2),
    ]
    everything = rows(hand_store, "mechanisms-by-jurisdiction")
    assert len(everything) == 12
    assert [r["jurisdiction"] for r in everything] == sorted(r["jurisdiction"] for r in everything)


def test_jurisdictions_with_mechanism_accepts_aliases(hand_store):
    got = rows(hand_store, "jurisdictions-with-mechanism", mechanism="三项制度")
    assert pick(got, "mechanism", "jurisdiction", "level", "first_year") == [
        ("行政执法三项制度", "奉节县", "county", 2020),
        ("行政执法三项制度", "攸县", "county", 2021),
        ("行政执法三项制度", "永乐镇", "town", 2019),
    ]


def test_mechanisms_lacking_compares_with_peers(hand_store):
    got = rows(hand_store, "mechanisms-lacking", jurisdiction="永乐镇")
    assert pick(got, "mechanism", "peers_having", "peers", "siblings_having") == [
        ("双随机一公开", 1, 1, ["安坪镇"])]
    # 奉节县 is a peer of the same level, not a sibling.
    county = rows(hand_store, "mechanisms-lacking", jurisdiction="攸县")
    assert pick(county, "mechanism", "peers_having", "peers", "siblings_having") == [
        ("法律顾问制度", 1, 1, []), ("网格化管理", 1, 1, [])]
    with pytest.raises(KGError, match=r"\[E403\].*'share' must be float\[0..1\], got 1.5"):
        rows(hand_store, "mechanisms-lacking", jurisdiction="攸县", share=1.5)


def test_mechanism_adoption_by_year_and_level(hand_store):
    got = rows(hand_store, "mechanism-adoption", mechanism="访调对接")
    assert pick(got, "year", "level", "jurisdictions") == [(2019, "town", 1), (2020, "town", 2)]
    grid = rows(hand_store, "mechanism-adoption", mechanism="网格化")
    assert pick(grid, "mechanism", "year", "level", "jurisdictions") == [
        ("网格化管理", 2020, "county", 1), ("网格化管理", 2020, "town", 2)]


def test_mechanism_first_year(hand_store):
    got = rows(hand_store, "mechanism-first-year", mechanism="行政执法三项制度")
    assert pick(got, "first_year", "jurisdiction") == [(2019, "永乐镇"), (2020, "奉节县"), (2021, "攸县")]


def test_mechanism_cooccurrence(hand_store):
    got = rows(hand_store, "mechanism-cooccurrence", min_count=2)
    assert pick(got, "mechanism_a", "mechanism_b", "jurisdictions") == [
        ("网格化管理", "行政执法三项制度", 2),
        ("网格化管理", "访调对接", 2),
    ]
    assert len(rows(hand_store, "mechanism-cooccurrence")) == 11
    # The jurisdictions behind a pair.
    both = rows(hand_store, "jurisdictions-with-mechanism", mechanism="访调对接", also="网格化")
    assert pick(both, "mechanism", "jurisdiction") == [("访调对接", "安坪镇"), ("访调对接", "永乐镇")]
    assert rows(hand_store, "jurisdictions-with-mechanism", mechanism="访调对接", also="无此机制") == []


def test_mechanism_cooccurrence_of_one_mechanism(hand_store):
    # The given mechanism may be either side of a pair; pairs keep their name order.
    got = rows(hand_store, "mechanism-cooccurrence", mechanism="访调对接", min_count=2)
    assert pick(got, "mechanism_a", "mechanism_b", "jurisdictions") == [("网格化管理", "访调对接", 2)]
    everything = rows(hand_store, "mechanism-cooccurrence")
    alias = rows(hand_store, "mechanism-cooccurrence", mechanism="网格化")
    assert alias == [r for r in everything if "网格化管理" in (r["mechanism_a"], r["mechanism_b"])]
    assert rows(hand_store, "mechanism-cooccurrence", mechanism="无此机制") == []


def test_body_staffs_center(hand_store):
    got = rows(hand_store, "body-staffs-center")
    assert pick(got, "center", "staff", "staff_kind", "jurisdictions") == [
        ("安坪镇综治中心", "安坪镇司法所", "司法所", ["安坪镇"]),
        ("安坪镇综治中心", "安坪镇派出所", "派出所", ["安坪镇"]),
        ("永乐镇综治中心", "永乐镇司法所", "司法所", ["永乐镇"]),
        ("永乐镇综治中心", "永乐镇派出所", "派出所", ["永乐镇"]),
        ("访调对接办公室", "周进奎", "调解员", ["永乐镇"]),
    ]
    assert len(rows(hand_store, "body-staffs-center", jurisdiction="安坪镇")) == 2


def test_co_located_bodies(hand_store):
    got = rows(hand_store, "co-located-bodies", kind="司法所")
    assert pick(got, "center", "body_a", "body_b") == [
        ("安坪镇综治中心", "安坪镇司法所", "安坪镇派出所"),
        ("永乐镇综治中心", "永乐镇司法所", "永乐镇派出所"),
    ]
    assert rows(hand_store, "co-located-bodies", kind="法院") == []


def test_integrating_centers(hand_store):
    got = rows(hand_store, "integrating-centers")
    assert pick(got, "center", "integrates", "integrated_label") == [
        ("永乐镇社会治理服务中心", "永乐镇公共法律服务中心", "Center"),
        ("永乐镇社会治理服务中心", "永乐镇综治中心", "Center"),
    ]


def test_integrating_centers_of_one_center(hand_store):
    got = rows(hand_store, "integrating-centers", center="永乐镇社会治理服务中心")
    assert got == rows(hand_store, "integrating-centers")
    # 综治中心 is integrated, it integrates nothing.
    assert rows(hand_store, "integrating-centers", center="永乐镇综治中心") == []


def test_institution_path(hand_store):
    got = rows(hand_store, "institution-path", source="永乐镇司法所", target="重庆夔府律师事务所")
    assert got[0]["hops"] == 2
    assert got[0]["path"] == ["永乐镇司法所", "永乐镇", "重庆夔府律师事务所"]
    assert got[0]["relations"] == ["LOCATED_IN", "ADVISES"]
    assert [r["hops"] for r in got] == sorted(r["hops"] for r in got)
    # Jurisdictions of two provinces meet through a mechanism both run.
    far = rows(hand_store, "institution-path", source="永乐镇司法所", target="攸县")
    assert far[0]["path"] == ["永乐镇司法所", "永乐镇", "行政执法三项制度", "攸县"]
    assert rows(hand_store, "institution-path", source="永乐镇司法所", target="无此机构") == []


def test_legal_adviser_network(hand_store):
    got = rows(hand_store, "legal-adviser-network")
    assert pick(got, "adviser", "adviser_kind", "advisers", "advises", "advised_kind", "first_year") == [
        ("律师", "律师", 3, "大坪村", "village", 2019),
        ("重庆夔府律师事务所", "律师事务所", None, "永乐镇", "town", 2019),
    ]
    assert rows(hand_store, "legal-adviser-network", jurisdiction="攸县") == []


def test_actors_by_role(hand_store):
    got = rows(hand_store, "actors-by-role")
    assert pick(got, "role", "actors", "named", "stated_headcount") == [
        ("县长", 1, 1, 0), ("律师", 1, 0, 3), ("调解员", 1, 1, 0)]


def test_named_persons(hand_store):
    got = rows(hand_store, "named-persons")
    assert pick(got, "person", "role", "relation", "target") == [
        ("周进奎", "调解员", "OPERATES", "访调对接"),
        ("周进奎", "调解员", "STAFFS", "访调对接办公室"),
        ("王明", "县长", "LEADS", "奉节县法治建设领导小组"),
    ]


def test_indicators_carry_their_sentence(hand_store):
    got = rows(hand_store, "indicators-by-metric", metric="调解")
    assert pick(got, "metric", "jurisdiction", "year", "value", "approx") == [
        ("调解成功率", "永乐镇", 2019, 94.44, False),
        ("调解矛盾纠纷", "安坪镇", 2020, 12, False),
        ("调解矛盾纠纷", "永乐镇", 2019, 30, True),
        ("调解矛盾纠纷", "永乐镇", 2020, 45, False),
    ]
    for row in got:
        assert row["text"] in row["sentence"]


def test_indicators_of_one_jurisdiction(hand_store):
    everything = rows(hand_store, "indicators-by-metric", limit=1000)
    yongle = rows(hand_store, "indicators-by-metric", jurisdiction="永乐镇", limit=1000)
    assert yongle == [r for r in everything if r["jurisdiction"] == "永乐镇"]
    assert pick(rows(hand_store, "indicators-by-metric", jurisdiction="永乐镇", metric="调解"),
                "metric", "year", "value") == [
        ("调解成功率", 2019, 94.44), ("调解矛盾纠纷", 2019, 30), ("调解矛盾纠纷", 2020, 45)]
    assert rows(hand_store, "indicators-by-metric", jurisdiction="无此镇") == []


def test_node_provenance_points_at_the_mention(hand_store):
    got = rows(hand_store, "node-provenance", node="访调对接")
    assert pick(got, "year", "mention") == [(2019, "“访调”对接"), (2020, "访调对接"), (2020, "访调对接")]
    for row in got:
        sentence_start = row["start"] - row["sentence_text"].index(row["mention"])
        assert row["sentence_text"][row["start"] - sentence_start:row["end"] - sentence_start] \
            == row["mention"]


def test_fact_provenance_follows_chunk_ids(hand_store):
    got = rows(hand_store, "fact-provenance", source="永乐镇", target="访调对接")
    assert pick(got, "relation", "year", "sentence", "sentence_text") == [
        ("HAS_MECHANISM", 2019, 1, "建立“访调”对接机制，调解员周进奎常驻访调对接办公室。"),
        ("HAS_MECHANISM", 2020, 0, "深化访调对接，推行网格化管理。"),
    ]
    only = rows(hand_store, "fact-provenance", source="重庆夔府律师事务所", type="ADVISES")
    assert pick(only, "target", "sentence") == [("永乐镇", 2)]


def test_jurisdiction_rollup(hand_store):
    got = rows(hand_store, "jurisdiction-rollup", jurisdiction="奉节县")
    assert pick(got, "below", "own_mechanisms", "rolled_up_mechanisms") == [(3, 3, 6)]
    assert got[0]["mechanisms"] == sorted(got[0]["mechanisms"])
    town = rows(hand_store, "jurisdiction-rollup", jurisdiction="永乐镇")
    assert pick(town, "below", "own_mechanisms", "rolled_up_mechanisms") == [(1, 4, 4)]


def test_jurisdiction_tree(hand_store):
    got = rows(hand_store, "jurisdiction-tree", jurisdiction="奉节县")
    assert pick(got, "jurisdiction", "depth", "chain") == [
        ("安坪镇", 1, ["奉节县", "安坪镇"]),
        ("永乐镇", 1, ["奉节县", "永乐镇"]),
        ("大坪村", 2, ["奉节县", "永乐镇", "大坪村"]),
    ]


@pytest.mark.parametrize("name", ["mechanism-cooccurrence", "body-staffs-center", "jurisdiction-rollup"])
def test_results_are_deterministic(hand_store, name):
    assert run_pack(hand_store, name).rows == run_pack(hand_store, name).rows


@pytest.mark.parametrize("name", ["mechanisms-by-jurisdiction", "mechanism-first-year", "mechanism-adoption",
                                  "mechanism-cooccurrence", "named-persons", "body-staffs-center",
                                  "indicators-by-metric", "legal-adviser-network", "jurisdiction-rollup"])
def test_limit_keeps_the_first_rows_of_the_order(hand_store, name):
    whole = run_pack(hand_store, name, {"limit": 1000}).rows
    assert len(whole) >= 2
    assert run_pack(hand_store, name, {"limit": 1}).rows == whole[:1]


def test_a_pack_runs_only_on_the_backends_its_header_names(hand_store, tmp_path):
    from kg.query.packs import packs_dir

    source = (packs_dir() / "mechanisms" / "jurisdictions-with-mechanism.cypher").read_text(encoding="utf-8")
    folder = tmp_path / "mechanisms"
    folder.mkdir()
    (folder / "jurisdictions-with-mechanism.cypher").write_text(
        source.replace("// backends: falkordb, neo4j", "// backends: neo4j"), encoding="utf-8")
    with pytest.raises(KGError, match=r"\[E409\].*written for neo4j, not falkordb"):
        run_pack(hand_store, "jurisdictions-with-mechanism", {"mechanism": "三项制度"}, folder=tmp_path)
    assert run_pack(hand_store, "jurisdictions-with-mechanism", {"mechanism": "三项制度"}).columns
