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


COUNTY = ("白沙县2022年法治政府建设情况报告\n"
          "县矛盾纠纷调解中心于3月启用，县民政局、县卫健局等5个单位轮驻中心，县人民法院派驻2名法官常驻中心。"
          "县司法局抽调4名专职调解员常态化入驻该中心。\n"
          "县综治中心整合县信访局、县人社局等单位力量，实行轮驻值班。"
          "县人民检察院在中心设立检察服务站，检察官轮驻开展工作。县司法局派驻3名调解员进驻中心。\n"
          "县社会治理中心投入使用后，县公安局派员常驻中心，县人民检察院开设检察服务窗口。\n"
          "建成镇综治中心（矛盾纠纷调处化解中心），镇司法所、镇派出所进驻中心集中办公。\n"
          "在全县15个派出所设立人民调解室，调解警情纠纷。\n")


def test_a_bare_center_is_the_center_named_before_it_in_the_paragraph(extract):
    rec = extract(COUNTY, "c.txt")
    staffs = relations(rec, "STAFFS")
    for body in ("白沙县民政局", "白沙县卫健局", "县人民法院", "白沙县司法局", "调解员", "法官"):
        assert (body, "县矛盾纠纷调解中心") in staffs, body
    # …等5个单位轮驻中心 names no center of its own
    assert not any(e.name.endswith("轮驻中心") for e in rec.entities)


def test_units_a_center_integrates_staff_it_and_a_center_inside_a_center_is_the_outer_one(extract):
    staffs = relations(extract(COUNTY, "c.txt"), "STAFFS")
    for body in ("县信访局", "白沙县人社局", "县人民检察院", "白沙县司法局"):
        assert (body, "白沙县综治中心") in staffs, body
    assert not any(target.endswith("检察服务站") for _, target in staffs)


def test_a_desk_set_up_after_a_center_is_named_staffs_that_center(extract):
    staffs = relations(extract(COUNTY, "c.txt"), "STAFFS")
    assert ("县人民检察院", "白沙县社会治理服务中心") in staffs or ("县人民检察院", "县社会治理中心") in staffs


def test_a_center_named_again_in_brackets_is_the_first_name(extract):
    staffs = relations(extract(COUNTY, "c.txt"), "STAFFS")
    assert {(b, t) for b, t in staffs if b in ("镇司法所", "镇派出所")} == {("镇司法所", "镇综治中心"), ("镇派出所", "镇综治中心")}


def test_setting_up_a_room_in_police_stations_is_not_staffing(extract):
    staffs = relations(extract(COUNTY, "c.txt"), "STAFFS")
    assert not any(b.endswith("派出所") and t.endswith("调解室") for b, t in staffs)


LEADERS = ("白沙县2022年法治政府建设情况报告\n"
           "调整县委全面依法治县委员会，由县委书记任委员会主任，县长任副主任。"
           "县政府成立依法行政工作领导小组，县长任组长，常务副县长具体负责。\n"
           "街道党工委书记任依法治街工作领导小组组长，办事处主任任副组长。\n")


def test_heads_of_government_lead_the_body_of_their_clause(extract):
    leads = relations(extract(LEADERS, "l.txt"), "LEADS")
    assert ("党委书记", "县委全面依法治县委员会") in leads
    assert ("县长", "依法行政工作领导小组") in leads
    assert ("县长", "县委全面依法治县委员会") not in leads  # 副主任 is no lead
    assert any(source == "党委书记" and target.endswith("领导小组") for source, target in leads)


MERGERS = ("白沙县2022年法治政府建设情况报告\n"
           "整合原城管中队、环保执法队组建县综合行政执法大队。"
           "将县扶贫办的职责划入县农业农村局，县扶贫办不再保留。"
           "县农产品质量检测中心并入县检验检测中心。\n")


def test_merged_into_gathered_units_transferred_duties_and_whole_names(extract):
    rec = extract(MERGERS, "m.txt")
    merged = relations(rec, "MERGED_INTO")
    team = {s for s, t in merged if t.endswith("综合行政执法大队")}
    assert team == {"白沙县城管中队", "白沙县环保执法队"}
    assert ("白沙县扶贫办", "白沙县农业农村局") in merged
    assert ("白沙县农产品质量检测中心", "白沙县检验检测中心") in merged
    # a verb glued to a level word (划入|县) is no jurisdiction
    assert not any(e.type == "Jurisdiction" and e.name.endswith("入县") for e in rec.entities)


DEPARTMENT = ("双河县财政局2022年法治政府建设工作报告\n"
              "调整局依法行政领导小组，由局党组书记、局长任组长。"
              "原县国有资产管理局整体并入我局。"
              "局聘请双河正信律师事务所担任常年法律顾问。"
              "选派2名业务骨干入驻县政务服务中心财政窗口。\n")


def test_a_department_report_relates_its_own_body(extract):
    rec = extract(DEPARTMENT, "d.txt")
    own = next(e.name for e in rec.entities if e.type == "Body" and e.mentions[0].start == 0)
    assert {"局长", "党组书记"} <= {s for s, _ in relations(rec, "LEADS")}
    assert any(t == own and s.endswith("国有资产管理局") for s, t in relations(rec, "MERGED_INTO"))
    advises = relations(rec, "ADVISES")
    assert ("双河正信律师事务所", own) in advises and ("双河正信律师事务所", "双河县") not in advises
    assert any(s == own and t.endswith("政务服务中心") for s, t in relations(rec, "STAFFS"))


def test_staff_or_strength_moved_is_no_merger_and_partners_are_no_hirers(extract):
    rec = extract("云岭县2022年法治政府建设情况报告\n整合县司法局、县公安局力量组建联合调解队。"
                  "抽调县信访局人员整合到县矛调中心。县司法局与县律师协会组织律师担任村法律顾问。\n", "g.txt")
    assert relations(rec, "MERGED_INTO") == set()
    assert not any(target.endswith("司法局") for _, target in relations(rec, "ADVISES"))


def test_a_center_holds_staff_only_from_its_own_or_the_next_clause(extract):
    near = extract("云岭县2022年法治政府建设情况报告\n在城关派出所设立驻所调解室，常驻3名调解员。\n", "h.txt")
    assert ("调解员", "驻所调解室") in relations(near, "STAFFS")
    far = extract("云岭县2022年法治政府建设情况报告\n县综治中心建成后，今年调整了值守安排，各村常驻3名调解员。\n", "h.txt")
    assert relations(far, "STAFFS") == set()


def test_more_wordings_of_the_genre(extract):
    rec = extract("云岭县2022年法治政府建设情况报告\n撤销县政府法制办，职责划入县司法局。"
                  "县司法局选派3名干部下沉到镇综治中心。县长担任县法治政府建设领导小组组长。"
                  "成立以县长为组长的依法行政领导小组。\n", "w.txt")
    assert any(s.endswith("法制办") and t.endswith("司法局") for s, t in relations(rec, "MERGED_INTO"))
    assert ("云岭县司法局", "镇综治中心") in relations(rec, "STAFFS")
    assert {("县长", "县法治政府建设领导小组"), ("县长", "依法行政领导小组")} <= relations(rec, "LEADS")


def test_integrated_units_come_from_the_centers_own_clause_and_other_words_are_no_anaphora(extract):
    rec = extract("云岭县2022年法治政府建设情况报告\n县综治中心整合县信访局资源，县人民法院设立巡回审判点，实行轮驻。"
                  "在中心镇设立调解室，县司法局派员进驻。\n", "i.txt")
    staffs = relations(rec, "STAFFS")
    assert ("县信访局", "云岭县综治中心") in staffs
    assert not any(s == "县人民法院" for s, _ in staffs)
    assert not any("中心" in t for s, t in staffs if s.endswith("司法局"))  # 中心镇 is no center
    assert ("云岭县综治中心", "县人民法院") not in relations(rec, "INTEGRATES")


def test_a_bare_center_means_the_topic_and_merged_units_may_be_public_institutions(extract):
    rec = extract("松川县民政局2021年法治政府建设工作报告\n"
                  "县家事纠纷调解中心设在县民政事务服务中心，县司法局派驻2名调解员常驻中心。"
                  "撤销县救助管理站，其职责划入县民政事务服务中心。\n", "t.txt")
    staffs = relations(rec, "STAFFS")
    assert {t for s, t in staffs if s.endswith("司法局")} == {"松川县家事纠纷调解中心"}
    assert ("松川县救助管理站", "松川县民政事务服务中心") in relations(rec, "MERGED_INTO")
    assert not any(e.type == "Jurisdiction" and e.name.startswith("撤销") for e in rec.entities)


def test_a_subjectless_integration_belongs_to_the_topic_center(extract):
    rec = extract("河口镇2020年法治政府建设情况报告\n镇综治中心于今年3月挂牌，整合司法所、派出所等部门力量，实行集中办公。"
                  "原农机站不再保留，其人员并入镇综合行政执法队。\n", "s.txt")
    staffs = relations(rec, "STAFFS")
    assert {("河口镇司法所", "河口镇综治中心"), ("河口镇派出所", "河口镇综治中心")} <= staffs
    assert ("河口镇综治中心", "河口镇司法所") in relations(rec, "INTEGRATES")
    assert ("河口镇农机站", "河口镇综合行政执法队") in relations(rec, "MERGED_INTO")


def test_a_body_that_directs_others_to_move_in_does_not_staff(extract):
    rec = extract("云岭县2022年法治政府建设情况报告\n县司法局指导各乡镇司法所入驻乡镇综治中心。\n", "d.txt")
    staffs = relations(rec, "STAFFS")
    assert any(s.endswith("司法所") for s, _ in staffs)
    assert not any(s.endswith("司法局") for s, _ in staffs)


def test_a_center_after_the_trigger_counts_only_in_its_clause(extract):
    rec = extract("云岭县2022年法治政府建设情况报告\n县司法局派员进驻各村，县综治中心开通服务热线。\n", "a.txt")
    assert relations(rec, "STAFFS") == set()


def test_staff_sent_elsewhere_do_not_staff_the_center_named_before(extract):
    rec = extract("江口市2021年法治政府建设情况报告\n市公共法律服务中心建成后，推动律师进驻村居开展法律服务。\n", "e.txt")
    assert relations(rec, "STAFFS") == set()


def test_a_body_hiring_advisers_for_villages_is_not_advised(extract):
    rec = extract("云岭县2022年法治政府建设情况报告\n县司法局聘请12名律师担任村（社区）法律顾问。\n", "v.txt")
    advises = relations(rec, "ADVISES")
    # nor the county: the villages are advised, and none is named
    assert not advises


def test_a_post_holder_leads_a_group_not_any_body_of_the_sentence(extract):
    rec = extract("云岭县2022年法治政府建设情况报告\n县司法局牵头，县长任组长。\n", "p.txt")
    assert relations(rec, "LEADS") == set()


def test_a_legal_adviser_advises_the_jurisdiction_wherever_it_is_named(extract):
    rec = extract("青石镇2021年法治政府建设情况报告\n法律顾问参与重大决策论证12次。"
                  "为青石镇配备法律顾问1名，村法律顾问9名。镇法律顾问团审核合同30份。", "a.txt")
    advises = relations(rec, "ADVISES")
    assert ("法律顾问", "青石镇") in advises
    assert any(s.endswith("法律顾问团") and t == "青石镇" for s, t in advises)


def test_advisers_of_villages_not_named_advise_no_one(extract):
    rec = extract("青石镇2021年法治政府建设情况报告\n县司法局开展村（社区）法律顾问签约仪式，律师事务所代表签约。", "v.txt")
    assert relations(rec, "ADVISES") == set()


def test_leaders_at_the_core_of_a_committee_and_chairs_of_its_meetings_lead_it(extract):
    rec = extract("石桥街道2021年法治政府建设情况报告\n"
                  "完善以街道党工委书记、街道办事处主任为核心的全面依法治街委员会组织架构。"
                  "街道党工委书记王建国于4月2日主持召开街道全面依法治街委员会第一次会议。"
                  "区长主持召开常务会议，听取司法局汇报。", "c.txt")
    leads = relations(rec, "LEADS")
    assert {s for s, _ in leads} == {"党委书记", "办事处主任"}
    assert all(t.endswith("委员会") for _, t in leads)


def test_compound_names_and_governed_lists_say_what_lies_in_what(extract):
    rec = extract("松川区2022年法治政府建设情况报告\n2022年，全区坚持依法行政。区政府印发了云州市松川区法治建设年度要点。"
                  "云州市辖松川区、白沙县、青河县和云州开发区，总面积1万平方公里。"
                  "和平区、河西区的经验值得借鉴。", "p.txt")
    part_of = relations(rec, "PART_OF")
    assert ("松川区", "云州市") in part_of
    assert {("白沙县", "云州市"), ("青河县", "云州市"), ("云州开发区", "云州市")} <= part_of
    assert not any(s in ("和平区", "河西区") for s, _ in part_of)


def test_a_list_after_jurisdiction_words_that_are_not_names_is_no_containment(extract):
    rec = extract("白沙县2022年法治政府建设情况报告\n全县辖区内共有调解组织20个，所辖12个乡镇全部建成司法所。", "q.txt")
    assert not {s for s, _ in relations(rec, "PART_OF")} - {"白沙县"}


def test_everyone_of_the_clause_before_at_a_center_staffs_it(extract):
    rec = extract("青石镇2021年法治政府建设情况报告\n"
                  "邀请镇法律顾问、派出所民警每周一、周三在镇综治中心坐班，提供咨询。"
                  "县司法局指导司法所在镇公共法律服务中心值班。", "s.txt")
    staffs = relations(rec, "STAFFS")
    assert {("法律顾问", "青石镇综治中心"), ("民警", "青石镇综治中心")} <= staffs
    assert not any(s.endswith("司法局") for s, _ in staffs)


def test_who_runs_a_mechanism_by_definition_by_verb_and_by_description(extract):
    rec = extract("青石镇2021年法治政府建设情况报告\n"
                  "深化“一村（社区）一法律顾问”工作。律师事务所代表参加签约仪式。\n"
                  "将全镇审批事项统一划入镇便民服务中心，实现“一枚印章管审批”。\n"
                  "推行“三段联调”工作法。一段：网格员负责排查；二段：司法所、派出所攻坚积案。\n"
                  "开展普法宣传。派出所参加。\n", "o.txt")
    operates = relations(rec, "OPERATES")
    assert ("律师事务所", "一村一法律顾问") in operates
    assert {("网格员", "三段联调"), ("青石镇司法所", "三段联调"), ("青石镇派出所", "三段联调")} <= operates
    assert not any(t == "普法宣传" for _, t in operates)


def test_advisers_of_firms_and_schools_do_not_advise_the_jurisdiction(extract):
    rec = extract("青石镇2021年法治政府建设情况报告\n推行“一企一法律顾问”，为辖区学校配备法律顾问。", "e.txt")
    assert relations(rec, "ADVISES") == set()


def test_older_and_hall_forms_of_national_centers_and_squads(extract):
    """综治维稳中心 (the name before 2018), 信访接待大厅 and a town's 综合执法中队
    are forms of national kinds: staff and reorganisations reach them."""
    rec = extract("青石镇2021年法治政府建设情况报告\n"
                  "一、主要工作\n"
                  "司法所、派出所入驻镇综治维稳中心。选派2名专职人民调解员常驻镇信访接待大厅。"
                  "原镇综合执法中队整合为镇综合行政执法队。\n", "r.txt")
    staffs = relations(rec, "STAFFS")
    assert ("青石镇司法所", "镇综治维稳中心") in staffs
    assert ("调解员", "镇信访接待大厅") in staffs
    assert relations(rec, "MERGED_INTO") == {("镇综合执法中队", "青石镇综合行政执法队")}


def test_a_leader_heads_the_group_named_after_a_few_words_and_the_verb(extract):
    """亲自 or a name between the leader and 任/担任, the group between the verb and
    the post (sentences written for this test)."""
    rec = extract("青石镇2023年法治政府建设情况报告\n"
                  "镇党委书记亲自担任法治建设领导小组组长。镇长刘明远任全面依法治镇委员会副主任。"
                  "镇长多次听取依法行政工作领导小组组长汇报。\n", "l.txt")
    leads = relations(rec, "LEADS")
    assert ("党委书记", "青石镇法治建设领导小组") in leads
    assert not [t for s, t in leads if s == "镇长"]  # a deputy post; a report heard, no post held
