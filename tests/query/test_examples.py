"""Every pack on the example reports (examples/, extracted and loaded by the shared fixture).

Each test checks rows that the example texts state in so many words, so they
hold for any extractor that reads those sentences right; the row order is the
pack's ORDER BY.
"""

from __future__ import annotations

import pytest

from kg.query.packs import get_pack, load_packs, run_pack


def rows(store, name, **params):
    return run_pack(store, name, params).records()


def pick(records, *columns):
    return [tuple(r[c] for c in columns) for r in records]


@pytest.mark.parametrize("name", sorted(load_packs()))
def test_every_pack_example_returns_rows(examples_store, name):
    """The parameters shown in docs/query-packs.md find something on the examples."""
    pack = get_pack(name)
    result = run_pack(examples_store, name, pack.example)
    assert result.rows, f"{name} {pack.example} returns nothing on examples/"
    assert run_pack(examples_store, name, pack.example).rows == result.rows


def test_three_systems_everywhere(examples_store):
    got = rows(examples_store, "jurisdictions-with-mechanism", mechanism="三项制度")
    assert {"青石镇", "白河乡", "东湖街道", "南门街道", "桐溪县", "江滨区", "云岭高新区"} <= \
        {r["jurisdiction"] for r in got}
    assert [r["jurisdiction"] for r in got] == sorted(r["jurisdiction"] for r in got)
    qingshi = rows(examples_store, "mechanisms-by-jurisdiction", jurisdiction="青石镇")
    assert ("行政执法三项制度", 2021, 2) in pick(qingshi, "mechanism", "first_year", "documents")


def test_first_year_and_adoption(examples_store):
    first = rows(examples_store, "mechanism-first-year", mechanism="一村一法律顾问")
    assert ("桐溪县", 2019) in pick(first, "jurisdiction", "first_year")
    assert [r["first_year"] for r in first] == sorted(r["first_year"] for r in first)
    adoption = rows(examples_store, "mechanism-adoption", mechanism="三项制度")
    assert (2019, "county") in pick(adoption, "year", "level")
    assert sum(r["jurisdictions"] for r in adoption if r["year"] == 2021) >= 2  # 青石镇, 东湖街道


def test_peers_and_cooccurrence(examples_store):
    lacking = rows(examples_store, "mechanisms-lacking", jurisdiction="东湖街道")
    assert lacking and all(r["siblings_having"] == ["南门街道"] and r["peers"] == 1 for r in lacking)
    pairs = rows(examples_store, "mechanism-cooccurrence", min_count=5)
    assert ("合法性审查", "行政执法三项制度") in pick(pairs, "mechanism_a", "mechanism_b")


@pytest.mark.parametrize("share", [0.5, 0.2, 1.0])
def test_mechanisms_lacking_is_a_count_of_every_peer(examples_store, share):
    """The pack reads the loader's tallies; counting every peer's mechanisms
    directly gives the same rows, for every jurisdiction of the examples
    (青石镇's peers include 白河乡, a township under the same county)."""
    places = examples_store.query(
        "MATCH (j:Jurisdiction) OPTIONAL MATCH (j)-[:PART_OF]->(p:Jurisdiction) "
        "OPTIONAL MATCH (j)-[:HAS_MECHANISM]->(m:Mechanism) "
        "RETURN j.key AS key, j.name AS name, j.level AS level, p.key AS parent, "
        "collect(m.name) AS mechanisms").records()
    category = dict(examples_store.query("MATCH (m:Mechanism) RETURN m.name, m.category").rows)
    compared = 0
    for name in sorted({p["name"] for p in places}):
        expected = []
        for j in (p for p in places if p["name"] == name):
            peers = [p for p in places if p["key"] != j["key"] and p["mechanisms"] and (
                (p["level"] is not None and p["level"] == j["level"])
                or (p["parent"] is not None and p["parent"] == j["parent"]))]
            for m in {m for p in peers for m in p["mechanisms"]} - set(j["mechanisms"]):
                having = [p for p in peers if m in p["mechanisms"]]
                if len(having) / len(peers) >= share:
                    siblings = sorted({p["name"] for p in having if p["parent"] == j["parent"]})
                    expected.append((name, m, category[m], len(having), len(peers), siblings))
        expected.sort(key=lambda r: (-r[3], r[1]))
        got = rows(examples_store, "mechanisms-lacking", jurisdiction=name, share=share)
        assert [tuple(r.values()) for r in got] == expected, name
        compared += len(expected)
    assert compared > 10


def test_qingshi_center_and_its_bodies(examples_store):
    # 司法所、派出所、信访办入驻综治中心集中办公 (青石镇 2021)
    staffs = rows(examples_store, "body-staffs-center", jurisdiction="青石镇")
    assert {("青石镇综治中心", k) for k in ("司法所", "派出所", "信访办")} <= \
        set(pick(staffs, "center", "staff_kind"))
    colocated = rows(examples_store, "co-located-bodies", kind="司法所")
    assert ("青石镇综治中心", "青石镇司法所", "青石镇派出所") in pick(colocated, "center", "body_a", "body_b")
    # 整合综治办、信访办、司法所、公共法律服务中心 (东湖街道 2021)
    integrates = rows(examples_store, "integrating-centers")
    assert {("东湖街道社会治理服务中心", x) for x in ("东湖街道司法所", "东湖街道公共法律服务中心")} <= \
        set(pick(integrates, "center", "integrates"))


def test_legal_advisers(examples_store):
    network = rows(examples_store, "legal-adviser-network", jurisdiction="青石镇")
    assert ("桐溪明正律师事务所", "律师事务所", "青石镇", 2021) in \
        pick(network, "adviser", "adviser_kind", "advises", "first_year")
    persons = rows(examples_store, "named-persons", person="陈雅琴")
    assert ("律师", "ADVISES", "青石镇") in pick(persons, "role", "relation", "target")
    roles = {r["role"]: r for r in rows(examples_store, "actors-by-role")}
    assert roles["律师"]["named"] >= 3  # 孙海涛, 杨晓雯, 陈雅琴
    path = rows(examples_store, "institution-path", source="青石镇司法所", target="桐溪明正律师事务所")
    assert path[0]["hops"] == 2 and path[0]["path"][1] == "青石镇"


def test_indicators_with_their_sentences(examples_store):
    got = rows(examples_store, "indicators-by-metric", metric="调解成功率")
    assert {("青石镇", 2021, 98.5), ("青石镇", 2022, 97.7), ("白河乡", 2020, 96.9)} <= \
        set(pick(got, "jurisdiction", "year", "value"))
    assert all(r["text"] in r["sentence"] for r in got)


def test_provenance(examples_store):
    mentions = rows(examples_store, "node-provenance", node="桐溪明正律师事务所")
    assert {r["year"] for r in mentions} >= {2021, 2022}
    assert all(r["mention"] in r["sentence_text"] for r in mentions)
    facts = rows(examples_store, "fact-provenance", source="桐溪明正律师事务所", target="青石镇",
                 type="ADVISES")
    assert [r["year"] for r in facts] == [2021, 2022]
    assert all("桐溪明正律师事务所" in r["sentence_text"] for r in facts)


def test_hierarchy(examples_store):
    tree = rows(examples_store, "jurisdiction-tree", jurisdiction="江滨区")
    assert pick(tree, "jurisdiction", "depth") == [("东湖街道", 1), ("南门街道", 1)]
    rollup = rows(examples_store, "jurisdiction-rollup", jurisdiction="江滨区")[0]
    assert rollup["below"] == 2
    assert rollup["rolled_up_mechanisms"] > rollup["own_mechanisms"]


def reporting_jurisdictions(store):
    return [r[0] for r in store.query(
        "MATCH (:Document)-[:ABOUT]->(j:Jurisdiction) RETURN DISTINCT j.name ORDER BY j.name").rows]


def test_scoped_packs_agree_with_the_whole_table(examples_store):
    """With a jurisdiction (or kind) the packs start elsewhere: the rows must be the whole table's."""
    advice = rows(examples_store, "legal-adviser-network", limit=10000)
    staffing = rows(examples_store, "body-staffs-center", limit=10000)
    names = reporting_jurisdictions(examples_store)
    assert len(names) >= 5
    scoped = 0
    for name in names:
        advised = rows(examples_store, "legal-adviser-network", jurisdiction=name, limit=10000)
        assert advised == [{**r, "reported_by": [name]} for r in advice if name in r["reported_by"]]
        staffed = rows(examples_store, "body-staffs-center", jurisdiction=name, limit=10000)
        assert staffed == [{**r, "jurisdictions": [name]} for r in staffing if name in r["jurisdictions"]]
        scoped += bool(advised) + bool(staffed)
    assert scoped >= 4
    pairs = rows(examples_store, "co-located-bodies", limit=10000)
    kinds = {r["kind_a"] for r in pairs} | {r["kind_b"] for r in pairs}
    assert len(kinds) >= 3
    for kind in kinds:
        assert rows(examples_store, "co-located-bodies", kind=kind, limit=10000) == [
            r for r in pairs if kind in (r["kind_a"], r["kind_b"])]


def test_cooccurrence_is_a_count_of_jurisdictions_reporting_both(examples_store):
    """The pack reads the loader's pair tallies; counting the facts gives the same table."""
    reported: dict[str, set[str]] = {}
    for key, mechanism in examples_store.query(
            "MATCH (j:Jurisdiction)-[:HAS_MECHANISM]->(m:Mechanism) RETURN j.key, m.name").rows:
        reported.setdefault(key, set()).add(mechanism)
    counts: dict[tuple[str, str], int] = {}
    for mechanisms in reported.values():
        for a in mechanisms:
            for b in mechanisms:
                if a < b:
                    counts[a, b] = counts.get((a, b), 0) + 1
    expected = sorted(((a, b, n) for (a, b), n in counts.items()), key=lambda r: (-r[2], r[0], r[1]))
    got = rows(examples_store, "mechanism-cooccurrence", limit=100000)
    assert len(expected) > 100 and pick(got, "mechanism_a", "mechanism_b", "jurisdictions") == expected
    for a, b, n in expected[:3] + expected[-3:]:
        both = rows(examples_store, "jurisdictions-with-mechanism", mechanism=a, also=b)
        assert len({r["jurisdiction"] for r in both}) <= len(both) == n


def test_cooccurrence_of_one_mechanism_agrees_with_the_whole_table(examples_store):
    pairs = rows(examples_store, "mechanism-cooccurrence", limit=100000)
    for mechanism in ("江滨枫桥", "行政执法三项制度", "一村一法律顾问"):
        got = rows(examples_store, "mechanism-cooccurrence", mechanism=mechanism, limit=100000)
        assert got and got == [r for r in pairs if mechanism in (r["mechanism_a"], r["mechanism_b"])]
