from __future__ import annotations

import pytest

TEXT = ("青石镇2021年法治政府建设情况报告\n"
        "2021年3月5日，举办了4期法治专题培训。受理纠纷30余件，调解成功率达96.5%。"
        "投资50余万元建设调解室。第2次会议审议通过。依据青政发〔2021〕12号文件。"
        "联系电话0632-7531007，开通12345热线。发放宣传资料3000份，新设两个调委会。培育“法律明白人”34，近200人次参加。")


def figures(record):
    return {(i.value, i.unit, i.approx) for i in record.indicators}


def test_counts_percentages_and_approximations(extract):
    found = figures(extract(TEXT, "i.txt"))
    assert {(4.0, "期", False), (30.0, "件", True), (96.5, "%", False), (50.0, "万元", True)} <= found
    assert (3000.0, "份", False) in found
    assert (2.0, "个", False) in found
    assert (34.0, "", False) in found
    assert (200.0, "人次", True) in found


def test_dates_years_ordinals_numbers_and_phones_are_skipped(extract):
    values = {i.value for i in extract(TEXT, "i.txt").indicators}
    assert not values & {2021.0, 3.0, 5.0, 12.0, 632.0, 7531007.0, 12345.0}


def test_metric_named_from_context(extract):
    metrics = {i.value: i.metric for i in extract(TEXT, "i.txt").indicators}
    assert metrics[4.0] == "法治专题培训"
    assert metrics[96.5] == "调解成功率"
    assert metrics[30.0] == "受理纠纷"


def test_indicators_carry_year_text_and_evidence(extract):
    rec = extract(TEXT, "i.txt")
    for ind in rec.indicators:
        assert ind.year == 2021 and ind.entity == "j0"
        assert ind.text == rec_text(rec)[ind.evidence.start:ind.evidence.end]


def rec_text(rec):
    # chunks cover the text except the whitespace between them
    out = [" "] * (rec.chunks[-1].end)
    for c in rec.chunks:
        out[c.start:c.end] = c.text
    return "".join(out)


def test_a_figure_belongs_to_the_institution_opening_its_clause(extract):
    rec = extract("青石镇2021年法治政府建设情况报告\n镇司法所全年受理纠纷30件，全镇培训120人次。", "i.txt")
    names = {e.id: e.name for e in rec.entities}
    owner = {i.value: i.entity for i in rec.indicators}
    assert names[owner[30.0]] == "青石镇司法所"
    assert owner[120.0] == "j0"


def test_magnitudes_stay_with_the_unit_as_written(extract):
    rec = extract("云岭县2022年法治政府建设情况报告\n挽回经济损失12.5万元，追讨欠薪1300余万元，"
                  "服务群众2.4万人次，发放手册3万余份，财政投入1.5亿元。", "m.txt")
    assert {(12.5, "万元", False), (1300.0, "万元", True), (2.4, "万人次", False), (3.0, "万份", True),
            (1.5, "亿元", False)} <= figures(rec)


def test_a_value_reached_is_no_range_and_files_batches_hotlines(extract):
    rec = extract("云岭县2022年法治政府建设情况报告\n行政复议纠错率降至3.2%，考核权重提高到8%。"
                  "评查执法案卷415卷，组织旁听庭审3批次。群众可拨打12348法律服务热线或12345便民热线咨询。", "v.txt")
    found = figures(rec)
    assert {(3.2, "%", False), (8.0, "%", False), (415.0, "卷", False), (3.0, "批次", False)} <= found
    assert not {i.value for i in rec.indicators} & {12348.0, 12345.0}


def metrics_of(record):
    return {(i.value, i.unit): i.metric for i in record.indicators}


HEAD = "青石镇2023年法治政府建设情况报告\n"


@pytest.mark.parametrize(
    "sentence, value, unit, metric",
    [
        # the noun after the figure, over quotes and a short bracketed insert
        ("在全镇12个村（社区）建成了公共法律服务工作站。", 12.0, "个", "村（社区）"),
        ("完善86项“一网通办”事项办理流程。", 86.0, "项", "一网通办事项办理流程"),
        ("召开9次党委会、7次中心组理论学习。", 7.0, "次", "中心组理论学习"),
        # a verb after the figure: the phrase before names it, without time and reporter
        ("2023年青石镇全镇共开展法治讲座15场。", 15.0, "场", "法治讲座"),
        ("机关干部和村民代表共120余人听取了工作报告。", 120.0, "人", "机关干部和村民代表"),
        ("投资30万元建成法治文化广场。", 30.0, "万元", "投资"),
        # nothing before: what the counted did
        ("全镇860人参加学法考试。", 860.0, "人", "参加学法考试"),
        ("其中2件被法院判决撤销。", 2.0, "件", "被法院判决撤销"),
        # the category after 为 / 的
        ("建成45人的基层调解队伍。", 45.0, "人", "基层调解队伍"),
        # a list closed by 等 counts as a whole; X等Y counts Y
        ("通过举办讲座、发放资料等40余场次。", 40.0, "场次", "举办讲座、发放资料"),
        ("提供合同审查、法律咨询等专项法律服务9次。", 9.0, "次", "提供专项法律服务"),
        ("审查劳动用工、房屋租赁等合同130余份。", 130.0, "份", "审查合同"),
        ("其中少数民族等困难群体人口3.2万。", 3.2, "万", "困难群体人口"),
        # quantifiers go inside a metric; a time limit is a figure
        ("全年上报各类事件2300余件。", 2300.0, "件", "上报事件"),
        ("项目审批时间压缩至5个工作日。", 5.0, "个工作日", "项目审批时间"),
        # 12大项25小项: the second figure is named before the first
        ("明确镇长法治职责6大项18小项。", 18.0, "小项", "明确镇长法治职责"),
        # a number after a space
        ("举办法治讲座 16次。", 16.0, "次", "举办法治讲座"),
    ],
)
def test_metric_is_the_noun_phrase_the_figure_counts(extract, sentence, value, unit, metric):
    assert metrics_of(extract(HEAD + sentence, "m.txt"))[(value, unit)] == metric


@pytest.mark.parametrize(
    "sentence",
    [
        "增强“四个意识”、坚定“四个自信”、做到“两个维护”。",  # slogans
        "推进五个“集成”建设。",
        "服务中心运行三个月来运转良好。",  # a duration
        "每人每年参加培训不少于40学时。",  # a minimum
        "每季度召开1次联席会议。",  # a frequency
        "至少安排1人专职从事审核。",
        "入选全国100强。",  # a title
        "聚焦完成两件大事。",  # a set phrase written in Chinese numerals
    ],
)
def test_norms_slogans_durations_and_set_phrases_are_no_figures(extract, sentence):
    assert extract(HEAD + sentence, "n.txt").indicators == []


def test_chinese_numerals_count_institutions_and_places(extract):
    rec = extract(HEAD + "选出三家企业作为监测点，在十个村委会设立服务点。", "c.txt")
    assert {(3.0, "家"), (10.0, "个")} <= set(metrics_of(rec))


def test_more_units(extract):
    rec = extract(HEAD + "盘活闲置土地22亩，排查车辆958辆，辖区面积1.7万平方公里。", "u.txt")
    assert {(22.0, "亩"), (958.0, "辆"), (1.7, "万平方公里")} <= set(metrics_of(rec))


def test_a_chain_of_clauses_keeps_its_subject(extract):
    rec = extract("青石镇2021年法治政府建设情况报告\n"
                  "镇司法所全年受理纠纷30件，调解成功28件，全镇培训120人次。", "s.txt")
    names = {e.id: e.name for e in rec.entities}
    owner = {i.value: i.entity for i in rec.indicators}
    assert names[owner[30.0]] == names[owner[28.0]] == "青石镇司法所"
    assert owner[120.0] == "j0"


def test_time_words_and_enumerators_are_not_metrics(extract):
    rec = extract(HEAD + "本年度组织新申领执法证件23人。今年来开展送法进校园活动5场次。"
                  "健全工作机制6项二是认真谋划。", "t.txt")
    assert metrics_of(rec) == {(23.0, "人"): "新申领执法证件", (5.0, "场次"): "送法进校园活动",
                               (6.0, "项"): "健全工作机制"}


def test_rankings_count_ordinals_do_not(extract):
    rec = extract(HEAD + "在全市法治政府建设考核中位列第3名。召开第2次联席会议。", "r.txt")
    assert metrics_of(rec) == {(3.0, "名"): "全市法治政府建设考核排名"}


def test_the_owning_institution_is_not_part_of_the_metric(extract):
    rec = extract(HEAD + "镇司法所受理法律援助申请26件。", "o.txt")
    (figure,) = rec.indicators
    assert figure.metric == "受理法律援助申请"
    assert {e.id: e.name for e in rec.entities}[figure.entity] == "青石镇司法所"
