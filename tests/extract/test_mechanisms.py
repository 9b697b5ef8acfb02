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
