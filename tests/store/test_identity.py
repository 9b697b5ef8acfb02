"""Keys from identity: one node per real place and per real body (docs/identity.md).

Records are written here and placed by the real resolver (kg.extract.places),
then loaded into the embedded store.
"""

from __future__ import annotations

import pytest
from records import make_record

from kg.extract.places import place_jurisdictions
from kg.store.loader import load_records
from kg.store.rows import generate_document_rows


def placed(text: str, *, source: str, own: tuple[str, str, list[str]], year: int = 2021,
           entities: list[dict] = (), relations: list[tuple] = (), title: str | None = None):
    record = make_record(text, source=source, year=year, jurisdiction=own,
                         entities=list(entities), relations=list(relations))
    ref, ents = place_jurisdictions(record.jurisdiction, record.entities, text, title, None)
    return record.model_copy(update={"jurisdiction": ref, "entities": ents})


def town(name: str, county: str, year: int, *, firm: str = "律师事务所", extra: str = "") -> object:
    text = (f"{county}{name}{year}年法治政府建设情况。{name}司法所派员入驻综治中心。{firm}担任镇政府法律顾问。"
            f"{name}推行访调对接机制。{extra}")
    firm_entity = {"id": "e3", "type": "Body", "kind": "律师事务所", "name": firm,
                   "canonical": firm == "律师事务所"}
    return placed(text, source=f"{county}{name}-{year}.txt", year=year, own=(name, "town", [county]), entities=[
        {"id": "e1", "type": "Body", "kind": "司法所", "name": f"{name}司法所", "jurisdiction": "j0"},
        {"id": "e2", "type": "Center", "kind": "综治中心", "name": "综治中心", "jurisdiction": "j0"},
        firm_entity,
        {"id": "e4", "type": "Mechanism", "name": "访调对接", "category": "dispute-resolution"},
    ], relations=[
        ("STAFFS", "e1", "e2", f"{name}司法所派员入驻综治中心"),
        ("ADVISES", "e3", "j0", f"{firm}担任镇政府法律顾问"),
        ("HAS_MECHANISM", "j0", "e4", f"{name}推行访调对接机制"),
    ])


def rows(store, cypher: str, params: dict | None = None) -> list[dict]:
    return store.query(cypher, params).records()


def nodes(store, label: str) -> list[dict]:
    return rows(store, f"MATCH (n:{label}) RETURN n.key AS key, n.name AS name, n.code AS code ORDER BY key")


def test_two_years_of_one_town_are_one_jurisdiction_and_one_set_of_institutions(clean_store):
    load_records(clean_store, [town("龙溪镇", "巫山县", 2020), town("龙溪镇", "巫山县", 2021)])
    towns = [n for n in nodes(clean_store, "Jurisdiction") if n["name"] == "龙溪镇"]
    assert len(towns) == 1 and towns[0]["code"].startswith("500237")
    assert len(nodes(clean_store, "Body")) == 2 and len(nodes(clean_store, "Center")) == 1
    chain = rows(clean_store, "MATCH (:Jurisdiction {name: '龙溪镇'})-[:PART_OF*]->(p:Jurisdiction) "
                              "RETURN p.name AS name ORDER BY p.code")
    assert [r["name"] for r in chain] == ["重庆市", "巫山县"]


@pytest.mark.parametrize("name", ["青石镇", "青岫镇"])  # several divisions carry the first; none the second
def test_two_years_of_an_unresolved_town_with_its_county_written_are_one(clean_store, name):
    # 桐溪县 is no division: the town is not placed, but the same name under the
    # same written parent is one place across years (keyed 桐溪县/<name>).
    records = [town(name, "桐溪县", 2020), town(name, "桐溪县", 2021)]
    assert records[0].jurisdiction.resolution.status == "unresolved"
    load_records(clean_store, records)
    towns = [n for n in nodes(clean_store, "Jurisdiction") if n["name"] == name]
    assert [n["key"] for n in towns] == [f"桐溪县/{name}"] and towns[0]["code"] is None
    assert len(nodes(clean_store, "Body")) == 2 and len(nodes(clean_store, "Center")) == 1
    other = town(name, "柳溪县", 2021)  # another county's town of that name stays apart
    load_records(clean_store, [other])
    assert len([n for n in nodes(clean_store, "Jurisdiction") if n["name"] == name]) == 2


def test_a_generic_adviser_is_each_towns_own(clean_store):
    load_records(clean_store, [town("龙溪镇", "巫山县", 2021), town("龙溪镇", "余庆县", 2021)])
    advisers = rows(clean_store, 
        "MATCH (b:Body {kind: '律师事务所'})-[:ADVISES]->(j:Jurisdiction) RETURN b.key AS b, j.name AS j")
    assert len({r["b"] for r in advisers}) == 2  # no false bridge between two provinces


def test_a_named_firm_is_one_node_within_its_county_and_two_across_counties(clean_store):
    firm = "重庆长江律师事务所"
    records = [town("龙溪镇", "巫山县", 2021, firm=firm), town("官渡镇", "巫山县", 2021, firm=firm),
               town("龙溪镇", "余庆县", 2021, firm=firm)]
    load_records(clean_store, records)
    keys = {r["key"] for r in rows(clean_store, 
        "MATCH (b:Body {name: $name}) RETURN b.key AS key", {"name": firm})}
    assert len(keys) == 2
    advised = rows(clean_store, "MATCH (b:Body {name: $name})-[:ADVISES]->(j) "
                                "RETURN b.key AS key, count(j) AS n ORDER BY n", {"name": firm})
    assert [r["n"] for r in advised] == [1, 2]


def test_a_renamed_county_written_two_ways_is_one_node(clean_store):
    old = placed("开县推行访调对接机制。", source="old.txt", own=("开县", "county", []), year=2015,
                 entities=[{"id": "e1", "type": "Mechanism", "name": "访调对接"}],
                 relations=[("HAS_MECHANISM", "j0", "e1", "开县推行访调对接机制")])
    new = placed("开州区推行访调对接机制。", source="new.txt", own=("开州区", "district", []), year=2020,
                 entities=[{"id": "e1", "type": "Mechanism", "name": "访调对接"}],
                 relations=[("HAS_MECHANISM", "j0", "e1", "开州区推行访调对接机制")])
    load_records(clean_store, [old, new])
    codes = [n["code"] for n in nodes(clean_store, "Jurisdiction")]
    assert sorted(codes) == ["500000", "500154"] and len(codes) == len(set(codes))


def test_an_ambiguous_town_is_never_merged_silently(clean_store):
    records = [placed(f"{year}年长岭镇推行访调对接机制。", source=f"{year}.txt", own=("长岭镇", "town", []), year=year,
                      entities=[{"id": "e1", "type": "Mechanism", "name": "访调对接"}],
                      relations=[("HAS_MECHANISM", "j0", "e1", "长岭镇推行访调对接机制")])
               for year in (2020, 2021)]
    assert records[0].jurisdiction.resolution.status == "unresolved"
    load_records(clean_store, records)
    towns = nodes(clean_store, "Jurisdiction")
    assert len(towns) == 2 and all(n["code"] is None for n in towns)


def test_a_partial_placement_is_the_documents_own_node_under_its_province(clean_store):
    # Two 桥西区 (石家庄, 张家口), both in 河北: the province is a fact, which district is not.
    records = [placed(f"{year}年桥西区推行访调对接机制。", source=f"qx{year}.txt", own=("桥西区", "district", []),
                      year=year, entities=[{"id": "e1", "type": "Mechanism", "name": "访调对接"}],
                      relations=[("HAS_MECHANISM", "j0", "e1", "桥西区推行访调对接机制")])
               for year in (2020, 2021)]
    assert records[0].jurisdiction.resolution.status == "partial"
    load_records(clean_store, records)
    found = rows(clean_store, "MATCH (j:Jurisdiction {name: '桥西区'})-[:PART_OF]->(p:Jurisdiction) "
                              "RETURN j.key AS key, j.code AS code, j.province_code AS province, "
                              "j.reason AS reason, p.code AS parent ORDER BY key")
    assert len(found) == 2 and {r["key"] for r in found} != {found[0]["key"]}  # never merged silently
    assert all(r["code"] is None and r["province"] == "130000" and r["parent"] == "130000" for r in found)
    assert "all lie in 河北省" in found[0]["reason"]


def test_a_named_place_the_data_lacks_is_one_node_per_province(clean_store):
    # 云岫镇 is no division: named by reports of 巫山县 and 巫溪县 (重庆) it is one
    # place by its name; named by a report of 九寨沟县 (四川), another.
    def report(county: str) -> object:
        text = f"{county}推进依法行政。云岫镇司法所调解纠纷。"
        return placed(text, source=f"{county}.txt", own=(county, "county", []), entities=[
            {"id": "j1", "type": "Jurisdiction", "name": "云岫镇", "level": "town"},
            {"id": "e1", "type": "Body", "kind": "司法所", "name": "云岫镇司法所", "jurisdiction": "j1"}],
            relations=[("LOCATED_IN", "e1", "j1", "云岫镇司法所调解纠纷")])

    load_records(clean_store, [report("巫山县"), report("巫溪县"), report("九寨沟县")])
    towns = [n["key"] for n in nodes(clean_store, "Jurisdiction") if n["name"] == "云岫镇"]
    assert sorted(towns) == ["division:500000/云岫镇", "division:510000/云岫镇"]
    assert len(nodes(clean_store, "Body")) == 2  # its 司法所 likewise


def test_a_place_named_only_in_a_list_makes_no_node():
    text = "巫山县与奉节县、巫溪县接壤。巫山县推行访调对接机制。"
    record = placed(text, source="x.txt", own=("巫山县", "county", []), entities=[
        {"id": "j1", "type": "Jurisdiction", "name": "奉节县", "level": "county"},
        {"id": "e1", "type": "Mechanism", "name": "访调对接"}],
        relations=[("HAS_MECHANISM", "j0", "e1", "巫山县推行访调对接机制")])
    generated = generate_document_rows(record)
    assert [j["props"]["name"] for j in generated.entities["Jurisdiction"]] == ["重庆市", "巫山县"]
    assert generated.entities["Jurisdiction"][1]["props"]["province_code"] == "500000"


def test_a_reviewed_merge_joins_what_resolution_left_apart(clean_store, tmp_path):
    from kg.store.merges import merge_candidates, read_merges, render_candidates

    def report(year: int):
        return placed(f"{year}年长岭镇推行访调对接机制。长岭镇司法所入驻综治中心。", source=f"cl{year}.txt",
                      own=("长岭镇", "town", []), year=year, entities=[
                          {"id": "e1", "type": "Mechanism", "name": "访调对接"},
                          {"id": "e2", "type": "Body", "kind": "司法所", "name": "长岭镇司法所", "jurisdiction": "j0"}],
                      relations=[("HAS_MECHANISM", "j0", "e1", "长岭镇推行访调对接机制"),
                                 ("LOCATED_IN", "e2", "j0", "长岭镇司法所入驻综治中心")])

    records = [report(2020), report(2021)]
    load_records(clean_store, records)
    (candidate,) = [c for c in merge_candidates(clean_store) if c.label == "Jurisdiction"]
    assert candidate.names == ("长岭镇",) and len(candidate.keys) == 2
    assert all("divisions are named 长岭镇" in e for e in candidate.evidence)
    file = tmp_path / "merges.toml"
    file.write_text(render_candidates([candidate]), encoding="utf-8")
    assert read_merges(file).into == {}  # nothing is merged before a person accepts it
    file.write_text(file.read_text(encoding="utf-8").replace("accept = false", "accept = true"),
                    encoding="utf-8")
    again = load_records(clean_store, records, merges=read_merges(file))
    assert again.documents_unchanged == 0  # loaded under no merges: loaded again
    assert len(nodes(clean_store, "Jurisdiction")) == 1
    assert len(nodes(clean_store, "Body")) == 1  # its institutions follow the merged town
    years = rows(clean_store, "MATCH (:Jurisdiction)-[r:HAS_MECHANISM]->() RETURN r.years AS years")
    assert sorted(years[0]["years"]) == [2020, 2021]


def test_a_bad_merges_file_is_one_coded_line(tmp_path):
    import pytest

    from kg.errors import KGError
    from kg.store.merges import read_merges

    file = tmp_path / "m.toml"
    file.write_text('[[merge]]\nlabel = "Jurisdiction"\nkeys = ["only-one"]\naccept = true\n', encoding="utf-8")
    with pytest.raises(KGError, match=r"^\[E204\] .*m.toml: merges file: merge 1: keys must list"):
        read_merges(file)
