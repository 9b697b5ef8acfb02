from __future__ import annotations

from extract_helpers import relations

TEXT = ("青石镇2021年法治政府建设情况报告\n"
        "一、主要工作\n"
        "将司法所、派出所、信访办集中到镇综治中心办公。设置访调对接办公室，常驻2名调解员。"
        "成立依法行政工作领导小组，由镇长担任组长。"
        "聘请云山明理律师事务所作为我镇常年法律顾问。"
        "原政府法制办并入县司法局。"
        "推行网格化管理。\n"
        "二、下一步工作计划\n"
        "推行一网通办。")


def test_staffs_into_a_center_and_a_center_holding_staff(extract):
    staffs = relations(extract(TEXT, "r.txt"), "STAFFS")
    for body in ("青石镇司法所", "青石镇派出所", "青石镇信访办"):
        assert (body, "青石镇综治中心") in staffs
    assert ("调解员", "访调对接办公室") in staffs


def test_leads_advises_merged_into(extract):
    rec = extract(TEXT, "r.txt")
    assert ("镇长", "依法行政工作领导小组") in relations(rec, "LEADS")
    assert ("云山明理律师事务所", "青石镇") in relations(rec, "ADVISES")
    merged = relations(rec, "MERGED_INTO")
    assert len(merged) == 1 and next(iter(merged))[0] == "政府法制办"


def test_has_mechanism_status_follows_the_section(extract):
    rec = extract(TEXT, "r.txt")
    names = {e.id: e.name for e in rec.entities}
    status = {names[r.target]: r.status for r in rec.relations if r.type == "HAS_MECHANISM"}
    assert status["网格化管理"] == "in_place"
    assert status["一网通办"] == "planned"


def test_located_in_for_instances(extract):
    located = relations(extract(TEXT, "r.txt"), "LOCATED_IN")
    assert ("青石镇司法所", "青石镇") in located


def test_evidence_lies_inside_its_sentence(extract):
    rec = extract(TEXT, "r.txt")
    for rel in rec.relations:
        chunk = rec.chunks[rel.evidence.sentence]
        assert chunk.start <= rel.evidence.start < rel.evidence.end <= chunk.end


def test_staff_are_taken_from_the_clause_of_the_trigger(extract):
    rec = extract("青石镇2021年法治政府建设情况报告\n聘请律师担任法律顾问，司法所进驻综治中心。", "r.txt")
    assert relations(rec, "STAFFS") == {("青石镇司法所", "青石镇综治中心")}


def test_no_relation_points_at_an_unknown_own_jurisdiction(extract):
    rec = extract("工作总结\n今年推行网格化管理，聘请律师担任法律顾问。", "r.txt")
    assert rec.jurisdiction is None
    assert all("j0" not in (r.source, r.target) for r in rec.relations)


MORE = ("青石镇2021年法治政府建设情况报告\n"
        "镇矛盾纠纷调处化解中心引入司法所、派出所等单位常驻。"
        "县人民法院在镇综治中心设立诉讼服务窗口。"
        "调整依法行政工作领导小组，由镇长刘明远任组长。"
        "全面依法治镇委员会主任由党委书记担任。"
        "重新组建县司法局，不再保留县政府法制办。")


def test_staff_joining_an_earlier_center_and_setting_up_in_one(extract):
    staffs = relations(extract(MORE, "r.txt"), "STAFFS")
    assert ("青石镇司法所", "青石镇矛盾纠纷调处化解中心") in staffs
    assert ("青石镇派出所", "青石镇矛盾纠纷调处化解中心") in staffs
    assert any(source.endswith("法院") and target == "青石镇综治中心" for source, target in staffs)


def test_leaders_with_a_name_or_after_their_post(extract):
    leads = relations(extract(MORE, "r.txt"), "LEADS")
    assert ("镇长", "依法行政工作领导小组") in leads
    assert ("党委书记", "青石镇全面依法治镇委员会") in leads or any(
        s == "党委书记" and "依法治镇委员会" in t for s, t in leads)


def test_merged_into_when_a_body_is_no_longer_kept(extract):
    merged = relations(extract(MORE, "r.txt"), "MERGED_INTO")
    assert any("法制办" in s and "司法局" in t for s, t in merged)


def test_staff_at_a_center_and_bodies_set_up_in_one(extract):
    rec = extract("青石镇2021年法治政府建设情况报告\n"
                  "组织律师在镇公共法律服务中心轮流值班。"
                  "在镇矛盾纠纷调处化解中心设立派出所、司法所服务窗口。", "r.txt")
    staffs = relations(rec, "STAFFS")
    assert ("律师", "青石镇公共法律服务中心") in staffs
    assert ("青石镇派出所", "青石镇矛盾纠纷调处化解中心") in staffs
    assert ("青石镇司法所", "青石镇矛盾纠纷调处化解中心") in staffs


def test_advisers_of_the_villages_named(extract):
    rec = extract("云溪县青石镇2021年法治政府建设情况报告\n"
                  "选派云山明理律师事务所律师担任大坪村、石门村法律顾问。", "r.txt")
    advises = relations(rec, "ADVISES")
    assert ("云山明理律师事务所", "大坪村") in advises and ("律师", "石门村") in advises
    assert not any(target == "青石镇" for _, target in advises)
