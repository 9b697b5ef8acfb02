from __future__ import annotations

from extract_helpers import entities, relations

TEXT = ("云溪县青石镇2021年法治政府建设情况报告\n"
        "2021年，青石镇与相邻的株洲县签订边界联防协议，在大坪村、石门村和龙潭社区设立公共法律服务点。"
        "确保街道法治建设方向正确，实现社区全覆盖，解决乡村矛盾。")


def test_villages_and_neighbouring_counties_are_jurisdictions(extract):
    rec = extract(TEXT, "j.txt")
    found = {(e.name, e.level) for e in entities(rec, "Jurisdiction")}
    assert {("云溪县", "county"), ("株洲县", "county"), ("大坪村", "village"), ("石门村", "village")} <= found
    assert not any(name.startswith(("确保", "实现", "解决")) for name, _ in found)


def test_villages_are_part_of_the_town_and_the_town_of_its_county(extract):
    parts = relations(extract(TEXT, "j.txt"), "PART_OF")
    assert ("大坪村", "青石镇") in parts
    assert ("青石镇", "云溪县") in parts
    assert ("株洲县", "青石镇") not in parts
