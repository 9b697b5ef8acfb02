from __future__ import annotations

from extract_helpers import entities

TEXT = ("青石镇2021年法治政府建设情况报告\n"
        "设置调解室，常驻2名调解员和1名值班律师。聘请张明远律师担任法律顾问。"
        "选派6名律师担任村级法律顾问。律师事务所派员参与。")


def test_roles_with_counts_and_named_persons(extract):
    actors = {(e.role, e.person): e for e in entities(extract(TEXT, "a.txt"), "Actor")}
    assert actors[("调解员", None)].count == 2
    assert actors[("值班律师", None)].count == 1
    assert actors[("律师", "张明远")].name == "张明远"
    assert actors[("律师", None)].count == 6
    assert actors[("法律顾问", None)].count is None


def test_a_role_inside_an_institution_name_is_not_an_actor(extract):
    rec = extract("青石镇2021年法治政府建设情况报告\n律师事务所派员参与。", "a.txt")
    assert entities(rec, "Actor") == []


def test_rare_names_after_an_institution_and_no_names_from_function_words(extract):
    rec = extract("青石镇2021年法治政府建设情况报告\n聘请云山明理律师事务所周进奎律师担任法律顾问。"
                  "成立由镇长任组长的领导小组，方面由律师参与。", "a.txt")
    persons = {e.person for e in entities(rec, "Actor")}
    assert persons == {"周进奎", None}


def test_a_title_inside_a_place_name_or_another_post_is_no_actor(extract):
    rec = extract("西安市长安区2021年法治政府建设情况报告\n西安市长安区司法局开展培训，副区长出席。"
                  "由区政府区长担任组长，长安区区长主持会议。", "t.txt")
    mentions = [m.text for e in rec.entities if e.type == "Actor" for m in e.mentions]
    assert mentions == ["区长", "区长"]
    assert not any(e.role == "市长" for e in rec.entities if e.type == "Actor")


def test_a_title_after_a_function_word_is_a_role(extract):
    rec = extract("青石镇2021年法治政府建设情况报告\n成立以镇党委书记为组长、以镇长为副组长的领导小组。", "f.txt")
    assert {e.role for e in rec.entities if e.type == "Actor"} == {"党委书记", "镇长"}
