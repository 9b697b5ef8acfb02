from __future__ import annotations

from extract_helpers import by_name, entities, relations

TOWN = ("云溪县青石镇2021年法治政府建设情况报告\n"
        "2021年，青石镇坚持依法行政。镇司法所、派出所进驻镇综治中心。"
        "聘请了云山明理律师事务所担任常年法律顾问，另有1家律师事务所参与。"
        "在县司法局指导下，新设了青石镇物业纠纷调委会和山林纠纷调委会。"
        "镇党委、镇政府高度重视，充实综合行政执法大队。")


def test_generic_mention_becomes_the_jurisdictions_instance(extract):
    rec = extract(TOWN, "town.txt")
    assert rec.jurisdiction.name == "青石镇"
    names = by_name(rec)
    assert names["青石镇司法所"].kind == "司法所" and names["青石镇司法所"].jurisdiction == "j0"
    assert names["青石镇综治中心"].type == "Center"
    assert names["青石镇派出所"].canonical is True


def test_proper_names_are_kept_whole(extract):
    names = by_name(extract(TOWN, "town.txt"))
    assert names["云山明理律师事务所"].kind == "律师事务所"
    assert names["云山明理律师事务所"].jurisdiction is None
    assert names["青石镇物业纠纷调委会"].kind == "人民调解委员会"
    assert names["山林纠纷调委会"].kind == "人民调解委员会"
    # a firm without a name is not the town's instance
    assert names["律师事务所"].jurisdiction is None


def test_a_verb_before_a_kind_is_not_part_of_its_name(extract):
    names = by_name(extract(TOWN, "town.txt"))
    # a variant form of the kind keeps its words, and belongs to the town
    assert names["综合行政执法大队"].jurisdiction == "j0"
    assert not any("充实" in n for n in names)


def test_higher_level_prefix_points_at_the_parent(extract):
    rec = extract(TOWN, "town.txt")
    bureau = [e for e in entities(rec, "Body") if e.kind == "司法局"]
    assert len(bureau) == 1
    parent = next(e for e in rec.entities if e.id == bureau[0].jurisdiction)
    assert (parent.type, parent.name, parent.level) == ("Jurisdiction", "云溪县", "county")


def test_leadership_organs_are_out_of_scope(extract):
    kinds = {e.kind for e in entities(extract(TOWN, "town.txt")) if e.type in ("Body", "Center")}
    assert not kinds & {"镇党委", "党委", "镇政府", "政府"}


HEADS = ("云溪县青石镇2021年法治政府建设情况报告\n"
         "2021年，镇党政办、财政所和县自然资源局联合开展检查，农服中心提供服务。"
         "镇信访代理站和县禁毒工作站联合开展宣传，法治文化驿站开放。"
         "形成齐抓共管的工作格局，举办培训，所有事项走办文程序，维护发展大局。")


def test_institutions_outside_the_tables_by_their_heads(extract):
    found = {(e.type, e.kind) for e in entities(extract(HEADS, "h.txt")) if not e.canonical}
    assert {("Body", "信访代理站"), ("Center", "禁毒工作站"), ("Center", "法治文化驿站")} <= found


def test_departments_and_offices_outside_rule_of_law_work_are_left_out(extract):
    kinds = {e.kind for e in entities(extract(HEADS, "h.txt"))}
    assert not kinds & {"党政办", "财政所", "自然资源局", "农服中心"}
    rec = extract("松川县2021年法治政府建设情况报告\n成立县征地拆迁工作领导小组，县有线电视传输中心和县人民政府办公室参加。", "o.txt")
    assert not [e for e in rec.entities if e.type in ("Body", "Center")]


def test_words_that_only_end_like_institutions_are_not_ones(extract):
    kinds = {e.kind for e in entities(extract(HEADS, "h.txt")) if e.type in ("Body", "Center")}
    assert not any(k.endswith(("格局", "大局", "举办", "办文", "所有")) for k in kinds)
    assert not any(k.startswith(("镇党委", "党委", "镇政府")) for k in kinds)


def test_a_headed_name_takes_a_kind_from_the_table_when_one_fits(extract):
    rec = extract("青石镇2021年法治政府建设情况报告\n成立镇法治宣传工作领导小组，由镇长任组长；建成镇群众诉求受理中心。", "k.txt")
    kinds = {(e.type, e.kind) for e in entities(rec) if e.type in ("Body", "Center")}
    assert ("Body", "法治建设领导小组") in kinds  # 法治宣传工作领导小组
    # no table kind fits: the name is the kind, whole back to the level word (镇|群众|诉求|受理|中心)
    assert ("Center", "群众诉求受理中心") in kinds
    assert ("镇长", "青石镇法治宣传工作领导小组") in relations(rec, "LEADS")


def test_names_of_the_genre_kept_whole(extract):
    rec = extract("云岭县2023年法治政府建设情况报告\n组建县交通运输综合行政执法支队。建立行政争议调解中心，"
                  "县社区矫正中心投入使用。全县共有人民调解委员会120个，建成个人调解工作室8个。"
                  "县人民法院石桥人民法庭、州中级人民法院参与诉调对接。", "n.txt")
    got = {(e.kind, e.name) for e in entities(rec) if e.type in ("Body", "Center")}
    kinds = {k for k, _ in got}
    assert {"综合行政执法队", "行政争议调解中心", "社区矫正中心", "调解室"} <= kinds
    assert not any(name.startswith("共有") for _, name in got)
    assert ("法院", "石桥人民法庭") in got and ("法院", "州中级人民法院") in got


def test_a_generic_long_head_ends_a_name_but_an_organ_stays_out(extract):
    rec = extract("松川县2021年法治政府建设情况报告\n县法律事务服务中心承接咨询职能。松川高新区管理委员会印发方案。", "g.txt")
    got = {(e.type, e.kind) for e in entities(rec) if e.type in ("Body", "Center")}
    assert ("Center", "法律事务服务中心") in got
    assert not any(kind.endswith("管理委员会") for _, kind in got)


def test_a_role_over_an_institution_hides_it_unless_it_is_a_post_of_it(extract):
    rec = extract("青石镇2021年法治政府建设情况报告\n镇政法委员牵头排查，青石司法所所长参加。", "p.txt")
    kinds = {e.kind for e in entities(rec) if e.type in ("Body", "Center")}
    assert "政法委" not in kinds and "司法所" in kinds
    assert {"政法委员", "司法所长"} <= {e.role for e in entities(rec, "Actor")}


def test_a_word_glued_before_a_bare_form_makes_it_another_thing(extract):
    rec = extract("青石镇2021年法治政府建设情况报告\n在综治中心设立综合服务大厅，学校开展模拟法庭活动。镇服务大厅延时办公。", "s.txt")
    names = {e.name for e in entities(rec) if e.kind in ("政务服务中心", "法院")}
    assert names == {"镇服务大厅"}


def test_one_thing_is_one_node_whatever_prefix_it_is_written_with(extract):
    rec = extract("云溪县青石镇2021年法治政府建设情况报告\n镇综治中心建成投用，综治中心配备专职人员。"
                  "公共服务大厅实行延时服务，服务大厅设立帮办窗口。县执法协调小组召开会议。", "d.txt")
    centers = [e for e in entities(rec) if e.kind == "综治中心"]
    assert len(centers) == 1 and centers[0].name == "青石镇综治中心" and len(centers[0].mentions) == 2
    halls = [e for e in entities(rec) if e.kind == "政务服务中心"]
    assert len(halls) == 1 and len(halls[0].mentions) == 2
    # in a town's report the county's group is another one
    assert len([e for e in entities(rec) if e.kind == "协调小组"]) == 1
    rec = extract("云溪县2021年法治政府建设情况报告\n县执法协调小组召开会议，执法协调小组印发要点。", "c.txt")
    groups = [e for e in entities(rec) if e.kind == "协调小组"]
    assert [g.name for g in groups] == ["执法协调小组"] and len(groups[0].mentions) == 2


def test_a_center_written_after_its_body_is_named_with_it(extract):
    rec = extract("松川区2022年法治政府建设情况报告\n松川区司法局公共法律服务中心负责人通报工作。区法院诉讼服务中心开放。", "b.txt")
    names = {e.name for e in entities(rec) if e.type == "Center"}
    assert "松川区司法局公共法律服务中心" in names
    assert "松川区司法局" in {e.name for e in entities(rec, "Body")}


def test_a_bracketed_list_of_levels_does_not_break_a_name(extract):
    rec = extract("松川区2022年法治政府建设情况报告\n健全全面依法治区(镇、街)委员会工作机制，各乡（镇）司法所全部达标。", "k.txt")
    bodies = {(e.kind, e.name.replace("（", "(").replace("）", ")")) for e in entities(rec, "Body")}
    assert ("全面依法治理委员会", "全面依法治区(镇、街)委员会") in bodies
    assert "区委" not in {e.kind for e in entities(rec)}


DATED = ("云溪县青石镇2022年法治政府建设情况报告\n"
         "2022年全县法院受理案件300件。同年县法院开展巡回审判。2021年度县人民法院调解结案。"
         "2021年大坪村调委会调解纠纷12件。二〇二二年三月镇综治中心投入使用。")


def test_a_date_before_a_name_is_no_part_of_it(extract):
    rec = extract(DATED, "dated.txt")
    written = [e.name for e in rec.entities] + [m.text for e in rec.entities for m in e.mentions]
    assert not [w for w in written if "年" in w or "月" in w], written
    names = by_name(rec)
    assert names["大坪村调委会"].kind == "人民调解委员会"
    assert names["青石镇综治中心"].type == "Center"
    assert {e.kind for e in entities(rec, "Body")} >= {"法院"}


def test_a_firm_keeps_the_name_composed_of_place_and_trade_name(extract):
    """pkuseg may cut a trade name at a function word (广|和, 鸢|都): the firm's
    name is then read as a province or city, a trade name and the kind."""
    rec = extract("青石镇2022年法治政府建设情况报告\n一、主要工作\n"
                  "聘请广东广和律师事务所为镇政府常年法律顾问。"
                  "由潍坊鸢都律师事务所派驻律师提供法律咨询。"
                  "组织湖南省各类律师事务所开展活动。派出所和律师事务所参加会议。\n", "r.txt")
    names = by_name(rec)
    assert names["广东广和律师事务所"].kind == names["潍坊鸢都律师事务所"].kind == "律师事务所"
    assert ("广东广和律师事务所", "青石镇") in relations(rec, "ADVISES")
    assert not [n for n in names if n.endswith("各类律师事务所") or n.endswith("和律师事务所") and n != "广东广和律师事务所"]


def test_a_firm_keeps_its_name_where_the_boundary_left_one_character(extract):
    """The boundary stops at a function word inside the trade name and leaves
    one character (为|民, 和|人): no firm is named so; the composition reads it."""
    rec = extract("青石镇2022年法治政府建设情况报告\n一、主要工作\n"
                  "聘请江西为民律师事务所律师担任镇政府法律顾问。与湖北和人律师事务所签订协议。"
                  "邀请一家律师事务所参加。\n", "r.txt")
    bodies = {e.name for e in entities(rec, "Body")}
    assert {"江西为民律师事务所", "湖北和人律师事务所"} <= bodies
    assert not bodies & {"民律师事务所", "人律师事务所", "家律师事务所"}


def test_a_firm_without_a_place_keeps_a_trade_name_of_two_characters(extract):
    rec = extract("青石镇2022年法治政府建设情况报告\n一、主要工作\n"
                  "镇政府与县内的为民律师事务所合作，派出所和律师事务所共同参与，等3家律师事务所签约。\n", "r.txt")
    bodies = {e.name for e in entities(rec, "Body")}
    assert "为民律师事务所" in bodies
    assert not [b for b in bodies if b.endswith("律师事务所") and len(b) == 6]  # no one-character name


def test_a_branch_firm_keeps_the_head_firm_and_its_city(extract):
    rec = extract("青石镇2022年法治政府建设情况报告\n一、主要工作\n"
                  "聘请北京盈川（兰州）律师事务所为镇政府常年法律顾问。"
                  "与一家（含分所）律师事务所签约。\n", "r.txt")
    bodies = {e.name for e in entities(rec, "Body")}
    assert "北京盈川（兰州）律师事务所" in bodies
    assert not [b for b in bodies if "含分所" in b]


def test_a_mediation_room_keeps_its_own_name_quoted_or_not(extract):
    """Rooms named after their mediator or motto (sentences written for this test)."""
    text = ("青石镇2022年法治政府建设情况报告\n一、主要工作\n"
            "在镇综治中心设立“和事佬”调解室，老杨调解工作室由退休法官坐班，"
            "全镇组建个人品牌调解室3个，各村设立人民调解室。\n")
    rec = extract(text, "r.txt")
    rooms = {e.name: e for e in entities(rec, "Center") if e.kind == "调解室"}
    assert not rooms["和事佬调解室"].canonical and not rooms["老杨调解工作室"].canonical
    assert [m.text for m in rooms["和事佬调解室"].mentions] == ["“和事佬”调解室"]
    assert rooms["个人品牌调解室"].canonical and rooms["人民调解室"].canonical
    assert "和事佬" not in {e.name for e in entities(rec, "Mechanism")}  # the room's name, no mechanism


def test_a_quoted_name_keeps_the_jurisdiction_written_before_it(extract):
    rec = extract("黄泥乡2022年法治政府建设情况报告\n一、主要工作\n"
                  "乡人民调解委员会下设黄泥乡“老支书”人民调解委员会，设立“巾帼”调解室。\n", "r.txt")
    names = {e.name for e in entities(rec, "Body") + entities(rec, "Center")}
    assert {"黄泥乡老支书人民调解委员会", "巾帼调解室", "黄泥乡人民调解委员会"} <= names


def test_a_basic_legal_service_office_keeps_its_name(extract):
    rec = extract("峰城县2022年法治政府建设情况报告\n一、主要工作\n"
                  "峰城县城关法律服务所、峰城县明德法律服务所代理案件64件。"
                  "全县有乡镇法律服务所5家，充分发挥基层法律服务所作用。\n", "r.txt")
    offices = {e.name: e for e in entities(rec, "Body") if e.kind == "基层法律服务所"}
    assert not offices["峰城县城关法律服务所"].canonical and not offices["峰城县明德法律服务所"].canonical
    assert [e.canonical for n, e in offices.items() if "城关" not in n and "明德" not in n] == [True]


def test_a_name_found_by_its_head_keeps_two_functions_joined_by_yu(extract):
    rec = extract("青石县2023年法治政府建设情况报告\n一、主要工作\n"
                  "县行政复议与应诉中心办理复议案件63件。县法律援助与公证服务中心成立。"
                  "镇政府与调解中心签订协议，群众与调解中心工作人员沟通。\n", "r.txt")
    kinds = {e.kind for e in entities(rec, "Center")}
    assert {"行政复议与应诉中心", "法律援助与公证服务中心"} <= kinds
    assert not {"应诉中心", "公证服务中心"} & kinds
    assert not [k for k in kinds if k.startswith(("政府", "群众"))]


def test_trade_names_doctests():
    import doctest

    import kg.extract.trade_names as trade_names
    assert doctest.testmod(trade_names).failed == 0
