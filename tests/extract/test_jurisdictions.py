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


def test_a_kind_of_division_is_no_jurisdiction(extract):
    text = ("桐溪县2022年法治政府建设情况报告\n"
            "桐溪县撤县设市工作稳步推进，对标地级市标准完善机构。落实自治区党委部署，旗区两级联动。"
            "县级市与市辖区的执法事项清单逐一比对。在大坪村、石门村设立公共法律服务点。")
    found = {e.name for e in entities(extract(text, "k.txt"), "Jurisdiction")}
    assert {"大坪村", "石门村"} <= found
    assert not found & {"地级市", "自治区", "旗区", "县级市", "市辖区"}
