from __future__ import annotations

from extract_helpers import by_name, entities, relations

TEXT = ("青石镇2021年法治政府建设情况报告\n"
        "2021年，青石镇全面落实行政执法“三项制度”（行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度）。"
        "坚持“访调”对接，推行“溪畔说理”调解品牌，实行“雪亮工程”和“青石码上办”一体化运行。"
        "实现由“各自为战”向“协同作战”转变，打通服务“最后一公里”。"
        "健全山林权属争议联合调处机制，完善工作机制和保障机制，建立规章制度。"
        "推行“一企一法律顾问”。")


def names(record):
    return {e.name for e in entities(record, "Mechanism")}


def test_canonical_mechanisms_ignore_quotation_marks(extract):
    found = names(extract(TEXT, "m.txt"))
    assert {"行政执法三项制度", "访调对接", "雪亮工程", "行政执法公示制度"} <= found


def test_quoted_new_mechanisms_by_cue_listing_and_shape(extract):
    found = names(extract(TEXT, "m.txt"))
    assert "溪畔说理" in found  # followed by 调解品牌
    assert "青石码上办" in found  # listed with “雪亮工程”
    assert "一企一法律顾问" in found  # 一X一Y


def test_contrasts_and_slogans_are_not_mechanisms(extract):
    found = names(extract(TEXT, "m.txt"))
    assert not found & {"各自为战", "协同作战", "最后一公里"}


def test_unquoted_named_mechanism_with_a_specific_name(extract):
    found = names(extract(TEXT, "m.txt"))
    assert "山林权属争议联合调处机制" in found
    assert not found & {"工作机制", "保障机制", "规章制度"}


def test_parts_listed_in_brackets_and_from_the_ontology(extract):
    rec = extract(TEXT, "m.txt")
    parts = relations(rec, "PART_OF")
    for part in ("行政执法公示制度", "执法全过程记录制度", "重大执法决定法制审核制度"):
        assert (part, "行政执法三项制度") in parts
    assert by_name(rec)["溪畔说理"].category == "dispute-resolution"


def test_unquoted_docking_and_linkage_arrangements(extract):
    found = names(extract("青石镇2021年法治政府建设情况报告\n推行检调对接，健全三调联动工作机制，做好工作对接。", "m.txt"))
    assert {"检调对接", "三调联动"} <= found
    assert "工作对接" not in found


def test_generic_headings_and_halves_of_pairs_are_not_mechanisms(extract):
    rec = extract("云岭县2022年法治政府建设情况报告\n（三）完善矛盾纠纷调处机制。行政调解与诉讼衔接机制有待理顺。"
                  "县长作为推进法治建设第一责任人，带头学法。", "p.txt")
    names = {e.name for e in rec.entities if e.type == "Mechanism"}
    assert not names & {"矛盾纠纷调处机制", "诉讼衔接机制"}
    assert "法治建设第一责任人制度" in names


HEAD = "青石镇2023年法治政府建设情况报告\n"


def mechanisms(extract, body):
    return {e.name: e for e in entities(extract(HEAD + body, "v.txt"), "Mechanism")}


def test_national_vocabulary_variants_reach_one_name(extract):
    found = mechanisms(extract, "深化诉源治理工作，落实行政机关负责人出庭应诉制度，充分发挥非诉讼纠纷解决机制作用。")
    assert {"诉源治理", "行政机关负责人出庭应诉", "非诉讼纠纷解决机制"} <= set(found)
    assert not any(name.startswith(("充分", "发挥")) for name in found)


def test_non_ontology_mechanisms_keep_the_written_form_unless_it_only_adds_modifiers(extract):
    found = mechanisms(extract, "实行首问负责，落实党政主要负责人述法制度。")
    assert {"首问负责", "述法"} <= set(found)


def test_a_legal_adviser_implies_the_mechanism(extract):
    found = mechanisms(extract, "镇政府聘请律师担任常驻顾问，律师作为法律顾问参与决策论证。为8个社区配备了兼职法律顾问。")
    assert {"法律顾问制度", "一村一法律顾问"} <= set(found)
    assert [m.text for m in found["一村一法律顾问"].mentions] == ["法律顾问"]


def test_navigation_lines_and_institution_names_are_no_mentions(extract):
    found = mechanisms(extract, "• 政务公开\n• 服务大厅\n青石镇综合执法大队开展巡查。")
    assert not set(found) & {"政务公开", "综合行政执法改革"}
    assert "政务公开" in mechanisms(extract, "全面推进政务公开。")


def test_campaigns_learning_schemes_and_slogans_are_not_mechanisms(extract):
    found = mechanisms(extract, "开展法治政府建设示范创建活动，坚持会前学法，深刻领悟“两个确立”的决定性意义。")
    assert not found


def test_named_mechanisms_are_cut_after_verbs_and_quantities(extract):
    found = mechanisms(extract, "积极应用山林纠纷研判预警机制。建立12项重要制度，为乡村振兴提供制度保障，完善法治政府建设制度机制。")
    assert set(found) == {"山林纠纷研判预警机制"}


def test_numbered_prefixes_belong_to_the_name_and_the_own_jurisdiction_does_not(extract):
    found = mechanisms(extract, "健全“3+N”联合调处会商机制。“青石镇‘2+X’纠纷联调机制”被评为示范项目。")
    assert {"3+N联合调处会商机制", "2+X纠纷联调机制"} <= set(found)


def test_numeral_variants_of_one_local_mechanism_share_a_node(extract):
    found = mechanisms(extract, "推行“四大融合”工作模式。“青石四个融合”成效明显。")
    assert len(found) == 1
    (node,) = found.values()
    assert len(node.mentions) == 2


def test_a_quoted_brand_headed_after_a_modifier(extract):
    found = mechanisms(extract, "持续打造“石上说事·码上办”基层治理服务品牌。")
    assert "石上说事·码上办" in found


def _statuses(extract, body):
    rec = extract(HEAD + body, "s.txt")
    names = {e.id: e.name for e in rec.entities}
    return {names[r.target]: r.status for r in rec.relations if r.type == "HAS_MECHANISM"}


def test_a_mechanism_only_drafted_is_planned(extract):
    statuses = _statuses(extract, "一、主要工作\n现已起草青石镇诉源治理工作办法，待镇党委会议审议。推行首问负责。")
    assert statuses["诉源治理"] == "planned"
    assert statuses["首问负责"] == "in_place"


def test_a_plan_heading_on_its_own_line_makes_its_part_planned(extract):
    statuses = _statuses(extract, "全面推进政务公开。\n下一步工作打算\n深化诉源治理，推行首问负责。")
    assert statuses == {"政务公开": "in_place", "诉源治理": "planned", "首问负责": "planned"}


def test_a_past_form_keeps_a_mechanism_in_place_in_a_sentence_about_next_year(extract):
    statuses = _statuses(extract, "一、主要工作\n全镇已建立诉源治理工作机制，为明年工作打下坚实基础。")
    assert statuses["诉源治理"] == "in_place"


def test_a_vocabulary_form_in_front_of_an_institution_head_names_a_venue(extract):
    found = mechanisms(extract, "镇信访代理站开展服务，推行信访代理。")
    assert [m.text for m in found["信访代理"].mentions] == ["信访代理"]
    assert len(found["信访代理"].mentions) == 1


def test_a_specific_name_before_a_generic_word_is_kept_a_generic_one_is_not(extract):
    found = mechanisms(extract, "建立法治指数评估机制，完善考核评估机制，做到责任机制健全，落实政府向公众报告制度。")
    assert "法治指数评估机制" in found
    assert not set(found) & {"考核评估机制", "做到责任机制", "公众报告制度"}


def test_the_longest_generic_tail_is_stripped_first_in_any_order():
    from kg.extract.mechanisms import _specific

    # 基层|法治建设 leaves too short a name; stripping 建设 first would leave 基层法治
    for generic in (["建设", "法治建设"], ["法治建设", "建设"]):
        assert _specific("基层法治建设", generic) is False
    assert _specific("网格化法治建设", ["建设", "法治建设"]) is True


def test_quoted_working_methods_numbers_and_brands_named_after_their_head(extract):
    """Sentences written for this test: a 调解法 is a working method; a name of
    digits needs a head after it; a brand may be named after 品牌."""
    found = mechanisms(extract, "推行“三步调解法”，总结“531”工作法和“1+3+N”联动机制，"
                                "打造调解品牌“溪口e调”，决策实行“六步法”。")
    assert {"三步调解法", "531", "1+3+N", "溪口e调", "六步法"} <= set(found)


def test_numbers_and_laws_in_quotes_without_a_head_are_no_mechanisms(extract):
    found = mechanisms(extract, "拨打“12345”反映问题，开展“3·15”宣传，学习“人民调解法”，"
                                "评为“2023”年度先进，品牌建设取得实效。")
    assert not set(found) & {"12345", "3·15", "人民调解法", "2023"}


def test_national_campaigns_in_quotes_are_no_mechanisms(extract):
    found = mechanisms(extract, "开展“我为群众办实事”实践活动，组织“宪法宣传周”活动，推行“溪口说事”工作法，"
                                "开展“食品安全宣传周”“民法典宣传月”活动，举办“政府开放日”活动。")
    assert {"溪口说事", "政府开放日"} <= set(found)
    assert not set(found) & {"我为群众办实事", "宪法宣传周", "食品安全宣传周", "民法典宣传月"}


def test_quoted_parallel_parts_are_one_name_only_before_a_head(extract):
    found = mechanisms(extract, "建立“周排查、月研判”工作制度，落实“早发现、早介入”工作机制，"
                                "开展“学法、守法”宣传，坚持“小事不出村、大事不出镇、矛盾不上交”。")
    assert {"周排查、月研判", "早发现、早介入"} <= set(found)
    assert not [n for n in found if "学法" in n or "小事" in n]


def test_a_numeral_and_one_character_name_a_working_method_only_before_a_head(extract):
    """Sentences written for this test: “三心”工作法, 五步工作法化解…, “双签”制度 are
    names; 两项制度, “三农”工作, “两委”换届 are not; 推广 is no part of a name."""
    found = mechanisms(extract, "总结“三心”工作法，运用五步工作法化解纠纷12件，落实合法性审查“双签”制度，"
                                "推广老李四心工作法。落实两项制度，抓好“三农”工作，推进“两委”换届，纠治“四风”问题。")
    assert {"三心", "五步工作法", "双签", "老李四心工作法"} <= set(found)
    assert not set(found) & {"两项制度", "三农", "两委", "四风"}
    assert not [n for n in found if n.startswith("推广")]


def test_the_statutory_steps_of_a_decision_name_its_procedure_and_keep_their_own(extract):
    found = mechanisms(extract, "决策严格履行公众参与、专家论证、风险评估、合法性审查、集体讨论决定程序。")
    assert {"重大行政决策程序", "合法性审查"} <= set(found)
