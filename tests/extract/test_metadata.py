"""document_metadata(): title, year, dates, publisher and the own jurisdiction."""

from __future__ import annotations

import pytest

from kg.extract.metadata import document_metadata


def chain(meta):
    j = meta.jurisdiction
    return None if j is None else (j.name, j.level, [(p.name, p.level) for p in j.parents])


@pytest.mark.parametrize(
    "text, metadata, expected",
    [
        ("桃源镇2019年法治政府建设情况报告\n2019年，桃源镇在区委的领导下依法行政。", {},
         ("桃源镇", "town", [])),
        ("奉新县桃源镇人民政府 2022年度法治政府建设工作报告\n正文。", {},
         ("桃源镇", "town", [("奉新县", "county")])),
        ("湖北省宜昌市夷陵区人民政府关于2019年法治政府建设工作情况的报告\n正文。", {},
         ("夷陵区", "district", [("宜昌市", "city"), ("湖北省", "province")])),
        ("长阳土家族自治县2021年法治政府建设情况报告\n正文。", {}, ("长阳土家族自治县", "county", [])),
        ("内蒙古自治区鄂尔多斯市伊金霍洛旗2021年法治政府建设情况报告\n正文。", {},
         ("伊金霍洛旗", "county", [("鄂尔多斯市", "city"), ("内蒙古自治区", "province")])),
        ("西乡县人民政府2020年法治政府建设情况报告\n正文。", {}, ("西乡县", "county", [])),
        ("朝阳区建外街道2019年法治政府建设情况报告\n正文。", {},
         ("建外街道", "subdistrict", [("朝阳区", "district")])),
        ("2020年，xx街道法治政府建设工作在区委的领导下稳步推进。\n一、主要做法", {},
         ("xx街道", "subdistrict", [])),
        ("2021年度依法治村工作总结\n2021年，石桥村在镇党委领导下开展工作。", {}, ("石桥村", "village", [])),
        ("关于济宁高新区2023年度法治政府建设情况的报告\n正文。", {"publisher": "高新区社会治理服务中心"},
         ("济宁高新区", "zone", [])),
        # a bare 高新区 in the title, the city from the publisher
        ("高新区2023年度法治政府建设情况报告\n2023年，高新区党工委坚持依法治区。",
         {"publisher": "济宁高新区管委会"}, ("济宁高新区", "zone", [])),
        ("某某市经济技术开发区管委会关于2022年度法治政府建设情况的报告\n正文。", {},
         ("某某经济技术开发区", "zone", [("某某市", "city")])),
        ("浦东新区2021年法治政府建设情况报告\n正文。", {}, ("浦东新区", "zone", [])),
        # a department's own report: the department's jurisdiction
        ("攸县财政局2021年法治政府建设工作报告\n正文。", {}, ("攸县", "county", [])),
        ("某某市市场监督管理局关于2020年度法治政府建设情况的报告\n正文。", {}, ("某某市", "city", [])),
        # the street's district comes from the signature
        ("南门街道关于2023年度法治政府建设情况的报告\n正文。\n江滨区人民政府南门街道办事处\n2024年1月15日", {},
         ("南门街道", "subdistrict", [("江滨区", "district")])),
    ],
)
def test_jurisdiction_from_title_publisher_and_opening(text, metadata, expected):
    assert chain(document_metadata(text, metadata)) == expected


def test_we_county_and_the_county_named_most_often():
    text = ("根据市委全面依法治市办公室要求，现将我县法治政府建设情况汇报如下：\n"
            "一、组织领导\n2019年，县委成立全面依法治县委员会，出台《桐溪县法律顾问制度》。"
            "由桐溪县司法局牵头，在桐溪县政府门户网公示。全县15个执法单位。")
    assert chain(document_metadata(text, {})) == ("桐溪县", "county", [])


def test_we_town_with_a_two_character_name():
    text = ("关于2022年法治政府建设情况的报告\n2022年，在县委、县政府的坚强领导下，我镇坚持依法行政。\n"
            "桃源镇组织学习。由桃源镇司法所开展普法。桃源镇综治中心调解纠纷。")
    assert chain(document_metadata(text, {})) == ("桃源镇", "town", [])


def test_no_jurisdiction_when_none_is_named():
    assert document_metadata("法治政府建设情况报告\n去年以来，我市坚持依法行政。", {}).jurisdiction is None
    # 全面依法治县 ends in 县 but names no county
    assert document_metadata("全面依法治县工作报告\n正文。", {}).jurisdiction is None


@pytest.mark.parametrize(
    "text, metadata, year",
    [
        ("白河乡2020年法治政府建设情况报告\n2021年1月，乡政府总结如下。", {}, 2020),
        ("白河乡2020年度法治政府建设情况报告\n正文。", {"published": "2021-01-05"}, 2020),
        ("二〇二〇年法治政府建设工作报告\n正文。", {}, 2020),
        ("法治政府建设情况报告\n2019年，白河乡坚持依法行政。2020年继续推进。", {}, 2019),
        ("法治政府建设情况报告\n现将我乡2021年法治政府建设情况报告如下：", {}, 2021),
        # publication year - 1 only when the report says "last year"
        ("法治政府建设情况报告\n去年以来，我乡坚持依法行政。", {"published": "2022-02-01"}, 2021),
        ("法治政府建设情况报告\n我乡坚持依法行政。", {"published": "2022-02-01"}, None),
        # the first year in the opening
        ("根据《关于开展2020年行政执法专项督查实施方案》要求，现将我县自查情况汇报如下：\n一、2019年成立委员会",
         {"published": "2021-03-28"}, 2020),
    ],
)
def test_year_reported_on(text, metadata, year):
    assert document_metadata(text, metadata).year == year


def test_title_is_a_heading_not_a_numbered_section():
    text = "根据上级要求，现将有关情况汇报如下：\n一、关于组织机构完善情况\n正文。"
    assert document_metadata(text, {}).title is None
    assert document_metadata("正文。", {"title": "某县2020年法治政府建设报告_某县人民政府网"}).title == (
        "某县2020年法治政府建设报告")


def test_publisher_and_date_from_the_signature():
    text = "青石镇2021年法治政府建设情况报告\n正文。\n青石镇人民政府\n二〇二二年一月十八日"
    meta = document_metadata(text, {})
    assert meta.publisher == "青石镇人民政府"
    assert meta.published == "2022-01-18"


def test_page_metadata_wins_over_the_signature():
    text = "青石镇2021年法治政府建设情况报告\n正文。\n青石镇人民政府\n2022年1月18日"
    meta = document_metadata(text, {"publisher": "青石镇党政办", "published": "2022-01-20 10:00"})
    assert (meta.publisher, meta.published) == ("青石镇党政办", "2022-01-20")


def test_source_is_a_publisher_only_when_it_names_an_organisation():
    assert document_metadata("正文。", {"source": "网络整理"}).publisher is None
    assert document_metadata("正文。", {"source": "桐溪县司法局"}).publisher == "桐溪县司法局"


def test_publisher_from_a_government_line_in_the_header():
    text = "奉新县桃源镇人民政府\n2022年度法治政府建设工作报告\n2022年，桃源镇坚持依法行政。"
    assert document_metadata(text, {}).publisher == "奉新县桃源镇人民政府"


def test_opening_without_a_year():
    text = "法治政府建设工作情况报告\n今年以来，桃源镇坚持依法行政，全面推进法治政府建设。"
    assert chain(document_metadata(text, {})) == ("桃源镇", "town", [])


@pytest.mark.parametrize(
    "text, expected",
    [
        # the subject after a leading "under the leadership of" clause
        ("2023年，在区委、区政府的坚强领导下，桃花街道深入推进依法行政。\n一、主要做法", ("桃花街道", "subdistrict", [])),
        # after any lead clause, followed by a verb
        ("自启动综治中心规范化建设以来，白沙镇紧扣群众需求，建成两级中心。", ("白沙镇", "town", [])),
        # a word glued to a place is no place (在高新区 is not a district)
        ("2023年，桃花街道在高新区工委的坚强领导下，坚持依法行政。", ("桃花街道", "subdistrict", [])),
        # a zone named with its own short name in brackets
        ("2024年，在市委的领导下，滨江新区（以下简称“新区”）坚持依法行政。", ("滨江新区", "zone", [])),
        # an anonymised name is a name
        ("2021年，XX区坚持依法行政，推进法治政府建设。", ("XX区", "district", [])),
        # a place line above a headline: the compound name gives the parent
        ("甘肃省白银市\n务实创新 锐意进取\n白银市坚持依法行政。", ("白银市", "city", [("甘肃省", "province")])),
        # the addressee line is not the subject
        ("中共青山县委员会，青山县人民政府：\n2024年，白沙镇坚持依法行政。", ("白沙镇", "town", [])),
        # a bureau's news item: the bureau's area
        ("为提升服务水平。近日，城南区司法局开展村（社区）法律顾问签约仪式。", ("城南区", "district", [])),
    ],
)
def test_jurisdiction_from_the_opening_without_a_title(text, expected):
    assert chain(document_metadata(text, {})) == expected


def test_a_bureau_report_has_the_county_it_serves():
    text = ("2023年以来，县司法局在县委、县政府的坚强领导下，坚持依法行政。"
            "“青山县‘1+N’调解机制”入选示范项目。起草《青山县法治政府建设规划》。"
            "提请县政府常务会议审议。为全县提供法律服务。")
    assert chain(document_metadata(text, {})) == ("青山县", "county", [])


def test_we_town_named_once_after_punctuation():
    text = ("2020年以来，我镇认真贯彻决策部署。现将我镇2020年法治政府建设情况报告如下：\n"
            "截至12月31日，白沙镇人民调解委员会受理纠纷12件。我镇加大普法力度。")
    assert chain(document_metadata(text, {})) == ("白沙镇", "town", [])


def test_title_after_page_furniture_and_separators():
    text = "- 乡镇信息公开\n-\n-\n-\n-\n白沙乡2024年法治政府建设工作情况报告\n2024年，白沙乡坚持依法行政。"
    meta = document_metadata(text, {"publisher": "青山县白沙乡人民政府"})
    assert meta.title == "白沙乡2024年法治政府建设工作情况报告"
    assert (meta.year, chain(meta)) == (2024, ("白沙乡", "township", [("青山县", "county")]))


@pytest.mark.parametrize(
    "text, metadata, year",
    [
        # 今年 and the publication date; early in a year it is the year before
        ("法治政府建设情况报告\n今年以来，白沙镇坚持依法行政。", {"published": "2023-11-20"}, 2023),
        ("法治政府建设情况报告\n今年以来，白沙镇坚持依法行政。", {"published": "2024-01-28"}, 2023),
        # the year after an addressee line
        ("青山县人民政府：\n2024年，白沙镇坚持依法行政。", {}, 2024),
        # nothing in the opening: the year written most often, the latest of equals
        ("白银市\n务实创新\n开创新局面\n白银市是2002年设立的地级市。制定《2021年法治政府建设工作要点》。", {}, 2021),
        # the end of a range is not a year reported on
        ("法治政府建设情况报告\n白沙镇落实《实施纲要（2021-2025年）》，坚持依法行政。", {}, None),
    ],
)
def test_year_from_the_opening_and_the_text(text, metadata, year):
    assert document_metadata(text, metadata).year == year


@pytest.mark.parametrize(
    "text, expected",
    [
        # the short name of an autonomous prefecture ends in 州; 巴州区 is a district
        ("凉州2022年法治政府建设情况报告\n正文。", ("凉州", "city", [])),
        ("白州区2022年法治政府建设情况报告\n正文。", ("白州区", "district", [])),
        # a department named after the county, counted where a word starts
        ("2024年法治政府建设工作报告\n今年以来，县市场监管局坚持依法行政。全县市场主体增长。"
         "桐溪县市场监管局获评先进。", ("桐溪县", "county", [])),
    ],
)
def test_prefecture_short_names_and_department_reports(text, expected):
    assert chain(document_metadata(text, {})) == expected


def test_a_name_ending_in_a_level_word_inside_a_compound():
    text = "四川省青州区白水乡人民政府关于2020年度法治政府建设情况的报告\n正文。"
    assert chain(document_metadata(text, {})) == (
        "白水乡", "township", [("青州区", "district"), ("四川省", "province")])


def test_subject_after_a_lead_in_word():
    text = "法治政府建设年度报告\n根据上级要求，现将青山区2023年度法治政府建设情况报告如下："
    assert chain(document_metadata(text, {})) == ("青山区", "district", [])


@pytest.mark.parametrize("verb", ["制定", "印发", "出台", "落实"])
def test_a_verb_in_front_of_a_place_is_not_part_of_its_name(verb):
    text = ("法治政府建设年度报告\n今年以来，我区坚持依法行政。"
            f"{verb}云州市青山区重大行政决策程序规定。青山区司法局开展普法。青山区综治中心调解纠纷。")
    assert chain(document_metadata(text, {})) == ("青山区", "district", [("云州市", "city")])


@pytest.mark.parametrize("text, expected", [
    ("会同县2021年法治政府建设情况报告\n正文。", ("会同县", "county", [])),
    ("联合镇2021年法治政府建设情况报告\n正文。", ("联合镇", "town", [])),
    ("法治政府建设年度报告\n今年以来，我县坚持依法行政。提请县政府审议。桐溪县司法局开展普法。", ("桐溪县", "county", [])),
])
def test_a_division_whose_name_opens_like_a_verb_is_still_a_place(text, expected):
    assert chain(document_metadata(text, {})) == expected
